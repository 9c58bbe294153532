//! Shared helpers of the integration tests.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use keyloop_contracts_client::{Client, SecretString};
use wiremock::matchers::{body_string, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

pub const CLIENT_ID: &str = "cid-123";
pub const SECRET: &str = "canary-secret-xyz";
pub const ENTERPRISE: &str = "E123";
pub const STORE: &str = "S456";
pub const VEHICLE: &str = "VEH-1001";
pub const TOKEN_PATH: &str = "/oauth/client_credential/accesstoken";
pub const BASE_PATH: &str = "/E123/S456/v2/vehicles/VEH-1001/contracts";

pub fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

pub fn fixture_json(name: &str) -> serde_json::Value {
    serde_json::from_str(&fixture(name)).unwrap()
}

/// The token endpoint's answer with `token` valid for `expires_in` seconds.
pub fn token_response(token: &str, expires_in: &str) -> ResponseTemplate {
    let mut body = fixture_json("token_response.json");
    body["access_token"] = token.into();
    body["expires_in"] = expires_in.into();
    ResponseTemplate::new(200).set_body_json(body)
}

/// The exact token request the client must send.
pub fn token_request() -> wiremock::MockBuilder {
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .and(query_param("grant_type", "client_credentials"))
        .and(header("content-type", "application/x-www-form-urlencoded"))
        .and(header("accept", "application/json"))
        .and(body_string(format!(
            "grant_type=client_credentials&client_id={CLIENT_ID}&client_secret={SECRET}"
        )))
}

/// Mounts a token endpoint answering `tok-AAA` (valid an hour), expected `times` times.
pub async fn mount_token(server: &MockServer, times: u64) {
    token_request()
        .respond_with(token_response("tok-AAA", "3599"))
        .expect(times)
        .named("token endpoint")
        .mount(server)
        .await;
}

pub fn client(server: &MockServer) -> Client {
    builder(server).build().unwrap()
}

pub fn builder(server: &MockServer) -> keyloop_contracts_client::ClientBuilder {
    Client::builder()
        .base_url(server.uri())
        .client_id(CLIENT_ID)
        .client_secret(SecretString::from(SECRET))
        .enterprise_id(ENTERPRISE)
        .store_id(STORE)
}

/// The headers every contract call carries.
pub fn api_call(verb: &str, p: &str) -> wiremock::MockBuilder {
    Mock::given(method(verb))
        .and(path(p))
        .and(header("authorization", "Bearer tok-AAA"))
        .and(header("accept", "application/json"))
        .and(wiremock::matchers::header_exists("correlation-id"))
        .and(header(
            "user-agent",
            concat!("keyloop-contracts-client/", env!("CARGO_PKG_VERSION")),
        ))
}

pub fn dec(s: &str) -> rust_decimal::Decimal {
    s.parse().unwrap()
}

/// A server with one token answer and a catch-all (unmatched requests fail).
pub async fn server_with_token() -> MockServer {
    let server = MockServer::start().await;
    mount_token(&server, 1).await;
    forecourt_core::testing::mount_catch_all(&server).await;
    server
}

/// The documented contract, as a 200 answer.
pub fn contract_body() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(fixture("contract.json"), "application/json")
}

/// A complete new service plan.
pub fn service_plan() -> keyloop_contracts_client::NewContract {
    use keyloop_contracts_client::{ContractStatus, ContractType, Mileage, NewContract, Price};
    NewContract::builder()
        .contract_type(ContractType::ServicePlan)
        .start_date(jiff::civil::date(2024, 6, 1))
        .end_date(jiff::civil::date(2027, 5, 31))
        .status(ContractStatus::Pending)
        .contract_number("SP-2024-0042")
        .provider("Dealer Motors")
        .description("3 services in 3 years")
        .mileage_limit(Mileage::miles(30_000))
        .price(Price::new(dec("499.00"), "GBP"))
        .build()
}
