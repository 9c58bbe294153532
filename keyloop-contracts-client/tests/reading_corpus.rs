//! Keyloop contracts as a server might really write them (the schema is
//! inferred: see the crate's Assumptions), through the public operations:
//! numbers as text, text as numbers, objects where text was inferred, the
//! other plausible name `type`, extra fields, nulls, dates with time and
//! offset. Every value is asserted in every variant, through `get` and
//! through `list` (one odd field never loses the page).
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use common::*;
use forecourt_core::testing::mount_catch_all;
use keyloop_contracts_client::{Contract, ContractStatus, ContractType, MileageUnit};
use rust_decimal::Decimal;
use serde_json::{Value, json};
use wiremock::matchers::body_json;
use wiremock::{MockServer, ResponseTemplate};

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

async fn server_with_token() -> MockServer {
    let server = MockServer::start().await;
    mount_token(&server, 1).await;
    mount_catch_all(&server).await;
    server
}

/// The documented contract.
fn doc() -> Value {
    fixture_json("contract.json")
}

/// Every documented value, except the wire names in `skip`.
fn assert_documented(c: &Contract, skip: &[&str]) {
    let check = |k: &str| !skip.contains(&k);
    assert_eq!(c.contract_id, "CTR-0001");
    assert_eq!(c.vehicle_id.as_deref(), Some("VEH-1001"));
    if check("contractType") {
        assert_eq!(c.contract_type, Some(ContractType::ManufacturerWarranty));
    }
    if check("status") {
        assert_eq!(c.status, Some(ContractStatus::Active));
    }
    if check("contractNumber") {
        assert_eq!(c.contract_number.as_deref(), Some("MW-2023-118842"));
    }
    if check("provider") {
        assert_eq!(c.provider.as_deref(), Some("Manufacturer"));
    }
    if check("description") {
        assert_eq!(
            c.description.as_deref(),
            Some("3 years / 100,000 km manufacturer warranty")
        );
    }
    if check("startDate") {
        assert_eq!(c.start_date, Some(jiff::civil::date(2023, 3, 1)));
    }
    if check("endDate") {
        assert_eq!(c.end_date, Some(jiff::civil::date(2026, 2, 28)));
    }
    if check("mileageLimit") {
        let m = c.mileage_limit.as_ref().unwrap();
        assert_eq!((&m.unit, m.value), (&MileageUnit::Km, 100_000));
    }
    let p = c.price.as_ref().unwrap();
    assert_eq!(p.amount, dec("1234567.891"));
    assert_eq!(p.currency, "GBP");
    // (the corpus is built through serde_json::Value, which holds numbers as
    // f64: exact text is tested in tests/contracts.rs from the fixture text)
    assert_eq!(
        p.extra["taxAmount"].get(),
        doc()["price"]["taxAmount"].to_string()
    );
    if check("links") {
        assert_eq!(c.links.len(), 1);
        assert_eq!(c.links[0].rel.as_deref(), Some("self"));
        assert_eq!(c.links[0].title.as_deref(), Some("Contract"));
    }
    assert_eq!(
        c.extra["createdDateTime"].get(),
        r#""2023-03-01T09:15:00Z""#
    );
    assert_eq!(c.extra["dmsReference"].get(), r#""AD-500001""#);
    assert_eq!(c.extra["warrantyCode"].get(), r#""MW3Y""#);
    assert_eq!(c.extra["coverage"].get(), doc()["coverage"].to_string());
}

type Mutate = fn(&mut Value);
type Check = fn(&Contract);

const VARIANTS: &[(&str, Mutate, &[&str], Check)] = &[
    (
        // the issue's failure: get and list were lost for this one field
        "provider as an object",
        |d| d["provider"] = json!({"name": "Dealer Care", "code": "DC"}),
        &["provider"],
        |c| {
            assert_eq!(c.provider.as_deref(), Some("Dealer Care"));
            assert_eq!(
                c.unexpected["provider"].get(),
                r#"{"code":"DC","name":"Dealer Care"}"#
            );
        },
    ),
    (
        "type instead of contractType",
        |d| {
            let t = d.as_object_mut().unwrap().remove("contractType").unwrap();
            d["type"] = t;
        },
        &[],
        |c| assert!(!c.extra.contains_key("type")),
    ),
    (
        "both contractType and type: contractType wins, type is kept",
        |d| d["type"] = json!("WARRANTY_PRODUCT"),
        &[],
        |c| assert_eq!(c.extra["type"].get(), r#""WARRANTY_PRODUCT""#),
    ),
    (
        "numbers as text and text as numbers",
        |d| {
            d["mileageLimit"]["value"] = json!("100000");
            d["contractNumber"] = json!(118842);
            d["vehicleId"] = json!("VEH-1001");
            d["price"]["amount"] = json!("1234567.891");
        },
        &["contractNumber"],
        |c| assert_eq!(c.contract_number.as_deref(), Some("118842")),
    ),
    (
        "status and type as objects",
        |d| {
            d["status"] = json!({"code": "ACTIVE", "description": "In force"});
            d["contractType"] = json!({"value": "MANUFACTURER_WARRANTY"});
        },
        &[],
        |c| {
            // an enum is read by its code member first
            assert_eq!(c.status, Some(ContractStatus::Active));
            assert!(c.unexpected.contains_key("status"));
            assert!(c.unexpected.contains_key("contractType"));
        },
    ),
    (
        "dates with time, fraction and offset",
        |d| {
            d["startDate"] = json!("2023-03-01T09:15:00.123+01:00");
            d["endDate"] = json!("2026-02-28T23:59:59Z");
        },
        &[],
        |_| {},
    ),
    (
        "unreadable inferred fields read as None with their raw kept",
        |d| {
            d["startDate"] = json!("01/03/2023");
            d["mileageLimit"] = json!("100000 km");
            d["links"] = json!({"self": "https://example.invalid"});
            d["description"] = json!([1, 2]);
        },
        &["startDate", "mileageLimit", "links", "description"],
        |c| {
            assert_eq!(c.start_date, None);
            assert_eq!(c.mileage_limit, None);
            assert!(c.links.is_empty());
            assert_eq!(c.description, None);
            assert_eq!(c.unexpected["startDate"].get(), r#""01/03/2023""#);
            assert_eq!(c.unexpected["mileageLimit"].get(), r#""100000 km""#);
            assert_eq!(c.unexpected["description"].get(), "[1,2]");
            assert!(c.unexpected.contains_key("links"));
        },
    ),
    (
        "nulls in every optional field",
        |d| {
            for k in [
                "contractType",
                "status",
                "contractNumber",
                "provider",
                "description",
                "startDate",
                "endDate",
                "mileageLimit",
                "links",
            ] {
                d[k] = Value::Null;
            }
        },
        &[
            "contractType",
            "status",
            "contractNumber",
            "provider",
            "description",
            "startDate",
            "endDate",
            "mileageLimit",
            "links",
        ],
        |c| {
            assert_eq!((&c.contract_type, &c.status), (&None, &None));
            assert_eq!(
                (&c.contract_number, &c.provider, &c.description),
                (&None, &None, &None)
            );
            assert_eq!((c.start_date, c.end_date), (None, None));
            assert_eq!(c.mileage_limit, None);
            assert!(c.links.is_empty());
            assert!(c.unexpected.is_empty());
        },
    ),
    (
        "extra fields of every shape",
        |d| {
            d["z1"] = json!({"deep": [1, {"x": null}]});
            d["z2"] = json!(12345678901234567890u64);
        },
        &[],
        |c| {
            assert_eq!(c.extra["z2"].get(), "12345678901234567890");
            assert_eq!(c.extra["z1"].get(), r#"{"deep":[1,{"x":null}]}"#);
        },
    ),
];

#[tokio::test]
async fn every_variant_decodes_through_get_and_list_with_every_value() {
    for (name, mutate, skip, check) in VARIANTS {
        let mut body = doc();
        mutate(&mut body);
        let server = server_with_token().await;
        api_call("GET", &format!("{BASE_PATH}/CTR-0001"))
            .respond_with(ResponseTemplate::new(200).set_body_json(&body))
            .expect(1)
            .mount(&server)
            .await;
        let page = json!({"totalItems": "2", "totalPages": 1, "items": [body, {"contractId": 2}]});
        api_call("GET", BASE_PATH)
            .respond_with(ResponseTemplate::new(200).set_body_json(page))
            .expect(1)
            .mount(&server)
            .await;
        let client = client(&server);
        let got = client
            .contracts()
            .get(VEHICLE, "CTR-0001")
            .await
            .unwrap_or_else(|e| panic!("get, {name}: {e:?}"));
        assert_documented(&got, skip);
        check(&got);
        let page = client
            .contracts()
            .list(VEHICLE)
            .send()
            .await
            .unwrap_or_else(|e| panic!("list, {name}: {e:?}"));
        assert_eq!(
            (page.total_items, page.total_pages),
            (Some(2), Some(1)),
            "{name}"
        );
        assert_eq!(page.items.len(), 2, "{name}");
        assert_eq!(page.items[0], got, "{name}");
        assert_eq!(page.items[1].contract_id, "2", "{name}");
    }
}

#[tokio::test]
async fn replace_sends_an_unchanged_reshaped_field_back_as_it_came() {
    let server = server_with_token().await;
    let mut body = doc();
    body["provider"] = json!({"name": "Dealer Care", "code": "DC"});
    api_call("GET", &format!("{BASE_PATH}/CTR-0001"))
        .respond_with(ResponseTemplate::new(200).set_body_json(&body))
        .expect(1)
        .mount(&server)
        .await;
    // unchanged: the object goes back verbatim
    api_call("PUT", &format!("{BASE_PATH}/CTR-0001"))
        .and(body_json(&body))
        .respond_with(ResponseTemplate::new(200).set_body_json(&body))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    let contracts = client.contracts();
    let mut c = contracts.get(VEHICLE, "CTR-0001").await.unwrap();
    contracts.replace(VEHICLE, &c).await.unwrap();
    // changed: the model's value is sent
    let mut changed = body.clone();
    changed["provider"] = json!("Other Care");
    api_call("PUT", &format!("{BASE_PATH}/CTR-0001"))
        .and(body_json(&changed))
        .respond_with(ResponseTemplate::new(200).set_body_json(&changed))
        .expect(1)
        .mount(&server)
        .await;
    c.provider = Some("Other Care".into());
    let stored = contracts.replace(VEHICLE, &c).await.unwrap();
    assert_eq!(stored.provider.as_deref(), Some("Other Care"));
}
