#![allow(clippy::unwrap_used, clippy::expect_used)]
//! No secret reaches Debug, Display, errors or logs.

use forecourt_core::SecretString;
use forecourt_core::testing::capture_logs;
use promotions_client::jwe;
use promotions_client::{BodyEncoding, Client};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const CANARY_KEY: &str = "canary-key-Zq81vXw0";

fn client(server: &MockServer, encoding: BodyEncoding) -> Client {
    Client::builder()
        .base_url(server.uri())
        .api_key(SecretString::from(CANARY_KEY))
        .body_encoding(encoding)
        .build()
        .unwrap()
}

#[tokio::test(flavor = "current_thread")]
async fn secrets_never_appear() {
    let (logs, _guard) = capture_logs();
    let server = MockServer::start().await;
    // the vendor echoes the key in an error body
    Mock::given(method("GET"))
        .and(path("/v3/api/applications/promotions/1"))
        .respond_with(ResponseTemplate::new(401).set_body_json(
            serde_json::json!({"Message": format!("Key {CANARY_KEY} is not valid.")}),
        ))
        .mount(&server)
        .await;
    // a JWE made with another key
    Mock::given(method("GET"))
        .and(path("/v3/api/applications/promotions/2"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            jwe::encrypt(&SecretString::from("other"), b"[]", 1000).unwrap(),
            "application/jose",
        ))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&server)
        .await;

    let builder = Client::builder()
        .base_url(server.uri())
        .api_key(SecretString::from(CANARY_KEY));
    let mut shown = format!("{builder:?}");
    for encoding in [BodyEncoding::Json, BodyEncoding::Jwe] {
        let c = client(&server, encoding);
        shown += &format!("{c:?} {:?}", c.promotions());
        let e = c.promotions().for_application(1).await.unwrap_err();
        assert_eq!(e.status().map(|s| s.as_u16()), Some(401));
        shown += &format!("{e} {e:?}");
        let promo = serde_json::from_str::<Vec<promotions_client::Promotion>>(include_str!(
            "fixtures/promotions_for_application_response.json"
        ))
        .unwrap();
        shown += &format!("{promo:?}");
        c.promotions().set(3, &promo[0].selection()).await.unwrap();
    }
    let e = client(&server, BodyEncoding::Jwe)
        .promotions()
        .for_application(2)
        .await
        .unwrap_err();
    shown += &format!("{e} {e:?}");
    let jwe_error = jwe::decrypt(&SecretString::from(CANARY_KEY), "a.b.c.d.e").unwrap_err();
    shown += &format!("{jwe_error} {jwe_error:?}");
    shown += &logs.text();
    assert!(shown.contains("401"), "the test saw the error: {shown}");
    assert!(
        shown.contains("promotions.for_application"),
        "the logs were captured"
    );
    assert!(!shown.contains(CANARY_KEY), "{shown}");
    assert!(!shown.contains("Zq81vXw0"), "{shown}");
}
