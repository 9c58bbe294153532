#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Nothing secret or personal reaches `Debug`, `Display` or logs.
mod common;

use autengo_client::{Client, ContactPost, Redacted, SecretString, TokenStyle};
use common::{fixture, server};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, ResponseTemplate};

const CANARIES: &[&str] = &[
    "canary-api-key",
    "canary-jwt",
    "CANARYIBAN",
    "CANARYBIC",
    "canary-tax",
    "canary-licence",
    "1957-03-04",
    "canary-issued-token",
];

fn assert_clean(text: &str) {
    for c in CANARIES {
        assert!(!text.contains(c), "{c} leaked: {text}");
    }
}

#[tokio::test]
async fn clients_models_errors_and_logs_hide_secrets() {
    let (logs, _guard) = forecourt_core::testing::capture_logs();
    let server = server().await;
    let mut contact = fixture("contact_get_response");
    contact["data"]["contact"]["iban"] = json!("CANARYIBAN");
    contact["data"]["contact"]["bic"] = json!("CANARYBIC");
    contact["data"]["contact"]["taxId"] = json!("canary-tax");
    contact["data"]["contact"]["driverLicenseNumber"] = json!("canary-licence");
    contact["data"]["contact"]["dateOfBirth"] = json!("1957-03-04");
    Mock::given(method("GET"))
        .and(path("/v3/contact/1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(&contact))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v3/contact/2"))
        .respond_with(ResponseTemplate::new(404).set_body_json(json!({
            "status": "error", "statusText": "Contact not found", "iban": "CANARYIBAN", "echo": "canary-api-key"
        })))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/v3/auth/token"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"token": "canary-issued-token", "expires_in": 60})),
        )
        .mount(&server)
        .await;
    let builder = Client::builder()
        .base_url(format!("{}/v3", server.uri()))
        .api_key(SecretString::from("canary-api-key"))
        .jwt(SecretString::from("canary-jwt"));
    assert_clean(&format!("{builder:?}"));
    let client = builder.build().unwrap();
    assert_clean(&format!("{client:?}"));
    let resp = client.contacts().get(1).await.unwrap();
    assert_eq!(resp.contact().iban.as_ref().unwrap().expose(), "CANARYIBAN");
    assert_clean(&format!("{resp:?}"));
    let err = client.contacts().get(2).await.unwrap_err();
    assert_clean(&format!("{err:?} {err}"));
    let post = ContactPost::builder()
        .last_name("X")
        .iban(Redacted::from("CANARYIBAN"))
        .bic(Redacted::from("CANARYBIC"))
        .tax_id(Redacted::from("canary-tax"))
        .driver_license_number(Redacted::from("canary-licence"))
        .date_of_birth(Redacted::new(jiff::civil::date(1957, 3, 4)))
        .build();
    assert_clean(&format!("{post:?}"));
    let issued = Client::builder()
        .base_url(format!("{}/v3", server.uri()))
        .api_key(SecretString::from("canary-api-key"))
        .alzura_user(1, 2, TokenStyle::XAuthorizationBearer)
        .build()
        .unwrap();
    let t = issued
        .auth()
        .issue_token(
            &autengo_client::TokenPost::builder()
                .dealer_alzura_id(1)
                .user_alzura_id(2)
                .build(),
        )
        .await
        .unwrap();
    assert_clean(&format!("{t:?} {issued:?}"));
    assert_clean(&logs.text());
    assert!(
        logs.text().contains("contact.get"),
        "logs captured: {}",
        logs.text()
    );
}
