//! Shared helpers of the Line5 tests.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use line5_client::{Client, SecretString};
use rust_decimal::Decimal;
use wiremock::matchers::{header, method, path};
use wiremock::{MockBuilder, MockServer, ResponseTemplate};

pub const KEY: &str = "test-api-key-7f3a9c";
pub const MEDIA: &str = "application/vnd.api+json";

pub fn fixture_text(name: &str) -> String {
    let p = format!("{}/tests/fixtures/{name}.json", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{p}: {e}"))
}

pub fn fixture(name: &str) -> serde_json::Value {
    serde_json::from_str(&fixture_text(name)).unwrap()
}

/// A Line5 answer with the fixture's exact text.
pub fn answer(status: u16, name: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_raw(fixture_text(name).into_bytes(), MEDIA)
}

pub fn answer_json(status: u16, body: serde_json::Value) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_raw(body.to_string().into_bytes(), MEDIA)
}

/// A mock for an API call: method, exact path, `Authorization: Token`, JSON:API `Accept`.
pub fn api(m: &str, p: &str) -> MockBuilder {
    wiremock::Mock::given(method(m))
        .and(path(format!("/api/v1{p}")))
        .and(header("authorization", format!("Token {KEY}").as_str()))
        .and(header("accept", MEDIA))
}

/// A mock for an API call with a JSON:API body equal to `body`.
pub fn api_with_body(m: &str, p: &str, body: serde_json::Value) -> MockBuilder {
    api(m, p)
        .and(header("content-type", MEDIA))
        .and(wiremock::matchers::body_json(body))
}

pub async fn setup() -> (MockServer, Client) {
    let server = MockServer::start().await;
    forecourt_core::testing::mount_catch_all(&server).await;
    let client = Client::builder()
        .base_url(format!("{}/api/v1", server.uri()))
        .api_key(SecretString::from(KEY))
        .build()
        .unwrap();
    (server, client)
}

pub fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}
