//! Secrets and personal values never reach Debug, Display, errors or logs.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use forecourt_core::testing::{capture_logs, mount_catch_all};
use keyloop_contracts_client::{Client, SecretString};
use wiremock::{MockServer, ResponseTemplate};

const CANARY_SECRET: &str = "canary-secret-xyz"; // == common::SECRET
const CANARY_TOKEN: &str = "canary-token-4711";
const CANARY_USER: &str = "canary-user-advisor@example.com";
const CANARY_CLIENT_ID: &str = "canary-client-id-0815";

fn assert_clean(text: &str) {
    for canary in [CANARY_SECRET, CANARY_TOKEN, CANARY_USER, CANARY_CLIENT_ID] {
        assert!(!text.contains(canary), "{canary} leaked in: {text}");
    }
}

#[tokio::test]
async fn builders_clients_and_handles_print_no_secrets() {
    let builder = Client::builder()
        .client_id(CANARY_CLIENT_ID)
        .client_secret(SecretString::from(CANARY_SECRET))
        .enterprise_id("E1")
        .store_id("S1")
        .on_behalf_of(CANARY_USER);
    assert_clean(&format!("{builder:?}"));
    let client = builder.build().unwrap();
    let text = format!(
        "{client:?} {:?}",
        client.contracts().on_behalf_of(CANARY_USER)
    );
    assert_clean(&text);
    assert!(text.contains("E1"), "{text}");
}

#[tokio::test]
async fn errors_and_logs_print_no_secrets() {
    let (logs, _guard) = capture_logs();
    let server = MockServer::start().await;
    mount_catch_all(&server).await;
    common::token_request()
        .respond_with(token_response(CANARY_TOKEN, "3599"))
        .expect(2)
        .mount(&server)
        .await;
    wiremock::Mock::given(wiremock::matchers::path(format!("{BASE_PATH}/CTR-0001")))
        .and(wiremock::matchers::header(
            "authorization",
            format!("Bearer {CANARY_TOKEN}").as_str(),
        ))
        .and(wiremock::matchers::header("x-onbehalf-of", CANARY_USER))
        .respond_with(ResponseTemplate::new(401).set_body_json(serde_json::json!({
            "fault": {"faultstring": "Invalid Access Token"},
            "access_token": CANARY_TOKEN
        })))
        .expect(2)
        .mount(&server)
        .await;
    let client = builder(&server).on_behalf_of(CANARY_USER).build().unwrap();
    let err = client
        .contracts()
        .get(VEHICLE, "CTR-0001")
        .await
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(401));
    assert_clean(&format!("{err} {err:?}"));
    assert_clean(&format!("{client:?}"));
    let text = logs.text();
    assert!(text.contains("contracts.get"), "logs captured: {text}");
    assert_clean(&text);

    // a refused token request
    let server = MockServer::start().await;
    common::token_request()
        .respond_with(
            ResponseTemplate::new(401)
                .set_body_json(fixture_json("token_error_invalid_client.json")),
        )
        .mount(&server)
        .await;
    let err = crate::client(&server)
        .contracts()
        .get(VEHICLE, "CTR-0001")
        .await
        .unwrap_err();
    assert_clean(&format!("{err} {err:?}"));
    assert_clean(&logs.text());
}

#[test]
fn models_print_no_unknown_field_values() {
    let c: keyloop_contracts_client::Contract = serde_json::from_str(&format!(
        r#"{{"contractId":"C1","customerEmail":"{CANARY_USER}"}}"#
    ))
    .unwrap();
    let text = format!("{c:?}");
    assert_clean(&text);
    assert!(text.contains("customerEmail"), "{text}");
}

/// Fields the models do not name, at every depth and in requests, print by
/// name only: a customer's e-mail in a price's or link's extra field, or in
/// an extra field the caller sends, stays out of `{:?}` and `{:#?}`.
#[test]
fn nested_and_request_extra_fields_print_by_name_only() {
    use keyloop_contracts_client::{
        ContractPage, ContractStatus, ContractType, ContractUpdate, NewContract,
    };
    let email = forecourt_core::testing::canary("customer\"é@");
    let quoted = serde_json::to_string(&email).unwrap();
    let page: ContractPage = serde_json::from_str(&format!(
        r#"{{"items":[{{"contractId":"C1",
            "price":{{"amount":1,"currency":"GBP","customerEmail":{quoted}}},
            "mileageLimit":{{"unit":"KM","value":1,"holder":{quoted}}},
            "links":[{{"rel":"self","href":"/x","owner":{quoted}}}]}}],
           "links":[{{"rel":"next","href":"/y","owner":{quoted}}}]}}"#
    ))
    .unwrap();
    let mut extra = serde_json::Map::new();
    extra.insert("customerEmail".into(), serde_json::json!(email));
    let new = NewContract::builder()
        .contract_type(ContractType::ServicePlan)
        .start_date(jiff::civil::date(2024, 6, 1))
        .extra(extra.clone())
        .build();
    let update = ContractUpdate::builder()
        .status(ContractStatus::Cancelled)
        .extra(extra)
        .build();
    for (what, text) in [
        ("page", format!("{page:?} {page:#?}")),
        ("new", format!("{new:?} {new:#?}")),
        ("update", format!("{update:?} {update:#?}")),
    ] {
        for form in [email.as_str(), &quoted[1..quoted.len() - 1]] {
            assert!(!text.contains(form), "{what}: {form} leaked in {text}");
        }
        assert!(
            text.contains("customerEmail") || text.contains("holder"),
            "{what}: names are printed: {text}"
        );
    }
    // the values are kept and sent as they are
    let price = page.items[0].price.as_ref().unwrap();
    assert_eq!(price.extra["customerEmail"].get(), quoted);
    assert_eq!(serde_json::to_value(&new).unwrap()["customerEmail"], email);
}
