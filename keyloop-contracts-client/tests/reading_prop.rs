//! Property test: variants of the documented contract generated field by
//! field (each inferred field in its documented shape, another plausible
//! shape, or null; `contractType` under either name; numbers as text;
//! extra fields) decode through `get` and `list` with every generated value
//! read back, and a replace sends every field back as it came.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use common::*;
use forecourt_core::testing::mount_catch_all;
use keyloop_contracts_client::{ContractStatus, ContractType};
use proptest::prelude::*;
use serde_json::{Value, json};
use wiremock::matchers::body_json;
use wiremock::{MockServer, ResponseTemplate};

/// A text field in the shape sent, and what it reads as.
fn text() -> impl Strategy<Value = (Value, Option<String>)> {
    prop_oneof![
        "[A-Za-z][A-Za-z0-9 ,/-]{0,24}".prop_map(|s| (json!(s), Some(s))),
        (0u64..10_000_000).prop_map(|n| (json!(n), Some(n.to_string()))),
        ("[A-Za-z]{1,12}", "[A-Z]{2}").prop_map(|(n, c)| (json!({"name": n, "code": c}), Some(n))),
        Just((Value::Null, None)),
    ]
}

/// An enum in the shape sent (a string in any case, an object with a code, null).
fn code(values: &'static [&'static str]) -> impl Strategy<Value = (Value, Option<String>)> {
    (prop::sample::select(values), 0u8..4).prop_map(|(v, shape)| match shape {
        0 => (json!(v), Some(v.to_owned())),
        1 => (json!(v.to_ascii_lowercase()), Some(v.to_owned())),
        2 => (json!({"code": v, "description": "x"}), Some(v.to_owned())),
        _ => (Value::Null, None),
    })
}

/// A date as a date, a date-time with an offset, or null.
fn date() -> impl Strategy<Value = (Value, Option<jiff::civil::Date>)> {
    (2000i16..2100, 1i8..=12, 1i8..=28, 0u8..3, -12i8..=12).prop_map(|(y, m, d, shape, off)| {
        let date = jiff::civil::date(y, m, d);
        match shape {
            0 => (json!(date.to_string()), Some(date)),
            1 => (
                json!(format!("{date}T10:30:00.5{:+03}:00", off)),
                Some(date),
            ),
            _ => (Value::Null, None),
        }
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn generated_variants_decode_through_get_and_list(
        provider in text(),
        description in text(),
        number in text(),
        kind in code(&["MANUFACTURER_WARRANTY", "SERVICE_PLAN", "INSURANCE"]),
        type_alias in any::<bool>(),
        status in code(&["ACTIVE", "EXPIRED", "PENDING"]),
        start in date(),
        end in date(),
        mileage in (1u64..10_000_000, any::<bool>()),
        // distinct names: a JSON object keeps the last of a repeated one
        extra in prop::collection::btree_map("x[a-z]{1,8}", any::<i64>(), 0..4),
    ) {
        let mut body = fixture_json("contract.json");
        body["provider"] = provider.0.clone();
        body["description"] = description.0.clone();
        body["contractNumber"] = number.0.clone();
        if type_alias {
            body.as_object_mut().unwrap().remove("contractType");
            body["type"] = kind.0.clone();
        } else {
            body["contractType"] = kind.0.clone();
        }
        body["status"] = status.0.clone();
        body["startDate"] = start.0.clone();
        body["endDate"] = end.0.clone();
        body["mileageLimit"]["value"] =
            if mileage.1 { json!(mileage.0.to_string()) } else { json!(mileage.0) };
        for (k, v) in &extra {
            body[k] = json!(v);
        }
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        let (got, page) = rt.block_on(async {
            let server = MockServer::start().await;
            mount_token(&server, 1).await;
            mount_catch_all(&server).await;
            api_call("GET", &format!("{BASE_PATH}/CTR-0001"))
                .respond_with(ResponseTemplate::new(200).set_body_json(&body))
                .mount(&server)
                .await;
            api_call("GET", BASE_PATH)
                .respond_with(ResponseTemplate::new(200).set_body_json(json!({"items": [&body]})))
                .mount(&server)
                .await;
            let client = client(&server);
            let got = client.contracts().get(VEHICLE, "CTR-0001").await;
            let page = client.contracts().list(VEHICLE).send().await;
            (got, page)
        });
        let c = got.unwrap_or_else(|e| panic!("{body}: {e:?}"));
        prop_assert_eq!(&c.provider, &provider.1);
        prop_assert_eq!(&c.description, &description.1);
        prop_assert_eq!(&c.contract_number, &number.1);
        prop_assert_eq!(c.contract_type.clone(), kind.1.as_deref().map(ContractType::from));
        prop_assert_eq!(c.status.clone(), status.1.as_deref().map(ContractStatus::from));
        prop_assert_eq!(c.start_date, start.1);
        prop_assert_eq!(c.end_date, end.1);
        prop_assert_eq!(c.mileage_limit.as_ref().map(|m| m.value), Some(mileage.0));
        prop_assert_eq!(c.contract_id.as_str(), "CTR-0001");
        prop_assert_eq!(c.price.as_ref().unwrap().currency.as_str(), "GBP");
        for (k, v) in &extra {
            prop_assert_eq!(c.extra[k].get(), v.to_string());
        }
        let page = page.unwrap_or_else(|e| panic!("{body}: {e:?}"));
        prop_assert_eq!(&page.items[0], &c);
    }
}

#[tokio::test]
async fn replace_after_get_sends_every_reshaped_field_back_as_it_came() {
    // one fixed variant with every inferred field in another shape
    let mut body = fixture_json("contract.json");
    body.as_object_mut().unwrap().remove("contractType");
    body["type"] = json!({"code": "SERVICE_PLAN"});
    body["provider"] = json!({"name": "Dealer Care", "code": "DC"});
    body["status"] = json!({"code": "ACTIVE"});
    body["contractNumber"] = json!(118842);
    body["startDate"] = json!("2023-03-01T09:00:00+01:00");
    let server = MockServer::start().await;
    mount_token(&server, 1).await;
    mount_catch_all(&server).await;
    api_call("GET", &format!("{BASE_PATH}/CTR-0001"))
        .respond_with(ResponseTemplate::new(200).set_body_json(&body))
        .mount(&server)
        .await;
    // the date goes back as a date (the documented shape); every other
    // reshaped field goes back verbatim
    let mut sent = body.clone();
    sent["startDate"] = json!("2023-03-01");
    api_call("PUT", &format!("{BASE_PATH}/CTR-0001"))
        .and(body_json(&sent))
        .respond_with(ResponseTemplate::new(200).set_body_json(&body))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    let c = client.contracts().get(VEHICLE, "CTR-0001").await.unwrap();
    assert_eq!(c.contract_type, Some(ContractType::ServicePlan));
    client.contracts().replace(VEHICLE, &c).await.unwrap();
}
