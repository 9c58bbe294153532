//! No credential or personal value reaches `Debug`, `Display`, an error or a
//! TRACE log: canaries go in everywhere and are searched for everywhere.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use forecourt_core::{
    Auth, Operation, Redacted, Request, SecretString, TokenCache, TokenPlacement, TransportBuilder,
};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

const KEY: &str = "CANARY-KEY-7f3a";
const PASSWORD: &str = "CANARY-PW-19bd";
const SSN: &str = "078-05-1120";
const CARD: &str = "4111111111111111";

const CREATE: Operation = Operation::post("applications.create", "/applications");
const GET: Operation = Operation::get("applications.get", "/applications/{id}");

#[derive(Debug, serde::Serialize, serde::Deserialize)]
struct Applicant {
    name: String,
    ssn: Redacted<String>,
    card_number: Redacted<String>,
}

fn assert_clean(what: &str, text: &str) {
    for canary in [KEY, PASSWORD, SSN, CARD, "0780511", "411111111"] {
        assert!(!text.contains(canary), "{what} leaks {canary}: {text}");
    }
}

#[tokio::test]
async fn canaries_never_reach_debug_display_errors_or_logs() {
    let (logs, _guard) = forecourt_core::testing::capture_logs();
    let server = MockServer::start().await;
    // the vendor echoes everything back in its errors
    let echo = serde_json::json!({
        "errors": [{"detail": format!("SSN {SSN} and card {CARD} refused for key {KEY}")}],
        "ssn": SSN,
        "card_number": CARD,
        "api_key": KEY,
    });
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(422).set_body_json(echo.clone()))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            format!(r#"{{"name": 5, "ssn": "{SSN}", "card_number": "{CARD}", "key": "{KEY}"}}"#),
            "application/json",
        ))
        .mount(&server)
        .await;
    let source =
        || -> futures::future::BoxFuture<'static, forecourt_core::Result<forecourt_core::AccessToken>> {
            Box::pin(async { Ok(forecourt_core::AccessToken::new(SecretString::from(KEY), None)) })
        };
    let builder = TransportBuilder::new("Test", "t/1")
        .base_url(server.uri())
        .auth(
            Auth::header("X-Api-Key", SecretString::from(KEY))
                .unwrap()
                .and(Auth::basic("dealer", SecretString::from(PASSWORD)).unwrap())
                .and(Auth::token_source(
                    TokenCache::new(source),
                    TokenPlacement::Jwt,
                )),
        );
    assert_clean("builder debug", &format!("{builder:?}"));
    let transport = builder.build().unwrap();
    assert_clean("transport debug", &format!("{transport:?}"));

    let applicant = Applicant {
        name: "Matti".into(),
        ssn: SSN.to_owned().into(),
        card_number: CARD.into(),
    };
    assert_clean("model debug", &format!("{applicant:?}"));
    let request = Request::new(CREATE).json(&applicant).unwrap();
    assert_clean("request debug", &format!("{request:?}"));

    let api_err = transport.send_no_content(request).await.unwrap_err();
    assert_clean("api error display", &api_err.to_string());
    assert_clean("api error debug", &format!("{api_err:?}"));
    assert_clean("api error alternate", &format!("{api_err:#?}"));

    let decode_err = transport
        .send_json::<Applicant>(Request::new(GET).param(SSN))
        .await
        .unwrap_err();
    assert!(decode_err.decode().is_some(), "{decode_err:?}");
    assert_clean("decode error display", &decode_err.to_string());
    assert_clean("decode error debug", &format!("{decode_err:?}"));

    // the requests really carried the values: the redaction is not an accident
    let sent = server.received_requests().await.unwrap();
    assert!(std::str::from_utf8(&sent[0].body).unwrap().contains(SSN));
    assert_eq!(sent[0].headers["x-api-key"], KEY);

    let log_text = logs.text();
    assert!(
        log_text.contains("applications.create"),
        "logs were captured: {log_text}"
    );
    assert_clean("TRACE logs", &log_text);
}
