//! Secrets and personal values never reach Debug, Display, errors or logs.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use autoloan_client::alfa;
use autoloan_client::sandbox::Sandbox;
use autoloan_client::webhooks::{SharedSecret, WebhookReceiver};
use autoloan_client::{Client, Customer, Error, SecretString};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

const KEY: &str = "CANARY-KEY-4f8a9b";
const ALFA_PW: &str = "CANARY-ALFA-PW-77e1";
const ALFA_TOKEN: &str = "CANARY-ALFA-TOKEN-1c2d";
const HOOK: &str = "CANARY-HOOK-SECRET-0000aaaa";
const FIRST: &str = "Canaryfirst";
const LAST: &str = "Kanarialintu";
const EMAIL: &str = "canary.mail@example.fi";
const PHONE: &str = "+358 40 999 8877";

fn assert_clean(text: &str) {
    for canary in [
        KEY, ALFA_PW, ALFA_TOKEN, HOOK, FIRST, LAST, EMAIL, "999 8877",
    ] {
        assert!(!text.contains(canary), "{canary} leaked in: {text}");
    }
}

fn canary_application() -> autoloan_client::NewApplication {
    let mut a = common::full_application(39_000, 30_000);
    a.customer = Customer::builder()
        .first_name(FIRST)
        .last_name(LAST)
        .email(EMAIL)
        .phone(PHONE)
        .build();
    a
}

#[tokio::test(flavor = "current_thread")]
async fn canaries_never_appear() {
    let (logs, _guard) = forecourt_core::testing::capture_logs();
    let server = MockServer::start().await;
    // the vendor echoes the customer back, in success and in error
    let echo = serde_json::json!({
        "id": "APP-1", "status": "Pending",
        "customer": {"firstName": FIRST, "lastName": LAST, "email": EMAIL, "phone": PHONE},
        "key": KEY
    });
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(201).set_body_json(echo.clone()))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(422).set_body_json(serde_json::json!({
            "message": "bad request", "apiKey": KEY, "token": ALFA_TOKEN, "password": ALFA_PW
        })))
        .mount(&server)
        .await;

    let builder = Client::builder()
        .api_key(SecretString::from(KEY))
        .base_url(server.uri());
    let builder_text = format!("{builder:?}");
    let client = builder.build().unwrap();
    let app = canary_application();
    let ok = client.applications().submit(&app).await.unwrap();
    let err = client.applications().submit(&app).await.unwrap_err();

    let alfa_builder = alfa::Client::builder()
        .base_url(server.uri())
        .basic_auth("user", SecretString::from(ALFA_PW));
    let alfa_builder_text = format!("{alfa_builder:?}");
    let alfa_client = alfa_builder.build().unwrap();
    let alfa_err = alfa_client
        .contracts()
        .create(&common::doc_contract())
        .await
        .unwrap_err();
    let bearer = alfa::Client::builder()
        .instance("dealer")
        .bearer_token(SecretString::from(ALFA_TOKEN));
    let bearer_text = format!("{bearer:?}");
    let bearer_text = format!("{bearer_text} {:?}", bearer.build().unwrap());

    let receiver = WebhookReceiver::new()
        .shared_secret(SharedSecret::header("x-secret", SecretString::from(HOOK)).unwrap());
    let mut headers = http::HeaderMap::new();
    headers.insert(
        "x-secret",
        http::HeaderValue::from_static("CANARY-HOOK-SECRET-0000aaab"),
    );
    let hook_err = receiver.parse(&headers, b"{}").unwrap_err();
    let malformed = WebhookReceiver::new()
        .parse(
            &http::HeaderMap::new(),
            format!(r#"{{"applicationId":"{EMAIL}","status":1}}"#).as_bytes(),
        )
        .unwrap_err();
    let invalid = {
        let mut a = canary_application();
        a.customer.phone = format!("{PHONE}x").into();
        client.applications().submit(&a).await.unwrap_err()
    };
    let bad_secret = SharedSecret::header("x", SecretString::from("CANARY")).unwrap_err();

    let sandbox = Sandbox::start().await;
    let sandbox_text = format!("{sandbox:?}");

    let text = format!(
        "{builder_text} {client:?} {app:?} {:?} {ok:?} {err:?} {err} {alfa_builder_text} {alfa_client:?} \
         {alfa_err:?} {alfa_err} {bearer_text} {receiver:?} {hook_err:?} {hook_err} {malformed:?} {malformed} \
         {invalid:?} {invalid} {bad_secret} {sandbox_text}",
        app.customer
    );
    assert!(matches!(invalid, Error::InvalidInput { .. }));
    assert!(text.contains("[REDACTED]"));
    assert_clean(&text);
    assert_clean(&logs.text());
    // the echoed fields are kept, just not printed
    assert_eq!(ok.extra["customer"]["lastName"], LAST);
}
