//! Wiremock tests: OAuth2 client credentials, token cache, 401 retry.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::Duration;

use common::*;
use forecourt_core::testing::{Sequence, mount_catch_all};
use keyloop_contracts_client::Error;
use keyloop_contracts_client::oauth::AccessTokenResponse;
use wiremock::matchers::header;
use wiremock::{MockServer, ResponseTemplate};

fn contract() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(fixture("contract.json"), "application/json")
}

fn fault_401() -> ResponseTemplate {
    ResponseTemplate::new(401).set_body_json(fixture_json("fault_invalid_access_token.json"))
}

#[test]
fn token_fixture_decodes_strings_as_numbers() {
    let t: AccessTokenResponse = serde_json::from_str(&fixture("token_response.json")).unwrap();
    assert_eq!(t.expires_in, Some(3599));
    assert_eq!(t.lifetime(), Some(Duration::from_secs(3599)));
    assert_eq!(
        t.issued_at,
        Some(jiff::Timestamp::from_millisecond(1_717_430_400_000).unwrap())
    );
    assert_eq!(t.token_type.as_deref(), Some("BearerToken"));
    assert_eq!(t.status.as_deref(), Some("approved"));
    assert_eq!(
        forecourt_core::ExposeSecret::expose_secret(&t.access_token),
        "tok-AAA"
    );
    assert!(!format!("{t:?}").contains("tok-AAA"));
    // numbers are accepted too
    let t: AccessTokenResponse =
        serde_json::from_str(r#"{"access_token":"x","expires_in":60,"issued_at":1717430400000}"#)
            .unwrap();
    assert_eq!(t.expires_in, Some(60));
}

#[tokio::test]
async fn one_token_request_is_reused_by_later_calls() {
    let server = MockServer::start().await;
    // exact token request: POST, form body, grant_type in the query too (see common)
    mount_token(&server, 1).await;
    mount_catch_all(&server).await;
    api_call("GET", &format!("{BASE_PATH}/CTR-0001"))
        .respond_with(contract())
        .expect(3)
        .mount(&server)
        .await;
    let client = client(&server);
    assert_eq!(client.token_fetches(), 0, "no token before the first call");
    for _ in 0..3 {
        client.contracts().get(VEHICLE, "CTR-0001").await.unwrap();
    }
    assert_eq!(client.token_fetches(), 1);
    // the secret is never in a query string
    let received = server.received_requests().await.unwrap();
    assert!(received.iter().all(|r| !r.url.as_str().contains(SECRET)
        && r.url.query().is_none_or(|q| !q.contains("client_id"))));
}

#[tokio::test]
async fn concurrent_calls_share_one_token_request() {
    let server = MockServer::start().await;
    common::token_request()
        .respond_with(token_response("tok-AAA", "3599").set_delay(Duration::from_millis(100)))
        .expect(1)
        .mount(&server)
        .await;
    mount_catch_all(&server).await;
    api_call("GET", &format!("{BASE_PATH}/CTR-0001"))
        .respond_with(contract())
        .expect(50)
        .mount(&server)
        .await;
    let client = client(&server);
    let calls = (0..50).map(|_| {
        let c = client.clone();
        async move { c.contracts().get(VEHICLE, "CTR-0001").await }
    });
    for r in futures::future::join_all(calls).await {
        r.unwrap();
    }
    assert_eq!(client.token_fetches(), 1);
}

#[tokio::test]
async fn a_401_fault_fetches_one_new_token_and_retries_once() {
    let server = MockServer::start().await;
    mount_catch_all(&server).await;
    common::token_request()
        .respond_with(Sequence::new([
            token_response("tok-AAA", "3599"),
            token_response("tok-BBB", "3599"),
        ]))
        .expect(2)
        .named("token endpoint")
        .mount(&server)
        .await;
    let path = format!("{BASE_PATH}/CTR-0001");
    // the old token is refused with Apigee's fault...
    api_call("GET", &path)
        .respond_with(fault_401())
        .expect(1)
        .mount(&server)
        .await;
    // ...the new one accepted
    wiremock::Mock::given(wiremock::matchers::method("GET"))
        .and(wiremock::matchers::path(path.as_str()))
        .and(header("authorization", "Bearer tok-BBB"))
        .respond_with(contract())
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    let c = client.contracts().get(VEHICLE, "CTR-0001").await.unwrap();
    assert_eq!(c.contract_id, "CTR-0001");
    assert_eq!(client.token_fetches(), 2);
    // the retry is the same logical call: same correlation id
    let received = server.received_requests().await.unwrap();
    let ids: Vec<_> = received
        .iter()
        .filter(|r| r.url.path() == path)
        .map(|r| r.headers["correlation-id"].clone())
        .collect();
    assert_eq!(ids.len(), 2);
    assert_eq!(ids[0], ids[1]);
}

#[tokio::test]
async fn a_post_refused_with_401_is_retried_once_with_a_new_token() {
    // the request never reached the API, so re-sending it is safe
    let server = MockServer::start().await;
    mount_catch_all(&server).await;
    common::token_request()
        .respond_with(Sequence::new([
            token_response("tok-AAA", "3599"),
            token_response("tok-BBB", "3599"),
        ]))
        .expect(2)
        .mount(&server)
        .await;
    api_call("POST", BASE_PATH)
        .respond_with(
            ResponseTemplate::new(401)
                .set_body_json(fixture_json("fault_access_token_expired.json")),
        )
        .expect(1)
        .mount(&server)
        .await;
    wiremock::Mock::given(wiremock::matchers::method("POST"))
        .and(wiremock::matchers::path(BASE_PATH))
        .and(header("authorization", "Bearer tok-BBB"))
        .and(wiremock::matchers::body_json(fixture_json(
            "new_contract_request.json",
        )))
        .respond_with(
            ResponseTemplate::new(201).set_body_json(serde_json::json!({"contractId": "CTR-9"})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let plan: keyloop_contracts_client::NewContract =
        keyloop_contracts_client::NewContract::builder()
            .contract_type(keyloop_contracts_client::ContractType::ServicePlan)
            .start_date(jiff::civil::date(2024, 6, 1))
            .end_date(jiff::civil::date(2027, 5, 31))
            .status(keyloop_contracts_client::ContractStatus::Pending)
            .contract_number("SP-2024-0042")
            .provider("Dealer Motors")
            .description("3 services in 3 years")
            .mileage_limit(keyloop_contracts_client::Mileage::miles(30_000))
            .price(keyloop_contracts_client::Price::new(
                rust_decimal::Decimal::new(49900, 2),
                "GBP",
            ))
            .build();
    let c = client(&server)
        .contracts()
        .create(VEHICLE, &plan)
        .await
        .unwrap();
    assert_eq!(c.contract_id, "CTR-9");
}

#[tokio::test]
async fn a_second_401_is_an_api_error_not_a_loop() {
    let server = MockServer::start().await;
    mount_catch_all(&server).await;
    mount_token(&server, 2).await;
    let path = format!("{BASE_PATH}/CTR-0001");
    api_call("GET", &path)
        .respond_with(fault_401())
        .expect(2)
        .mount(&server)
        .await;
    let err = client(&server)
        .contracts()
        .get(VEHICLE, "CTR-0001")
        .await
        .unwrap_err();
    let api = err.api().expect("api error");
    assert_eq!(api.status.as_u16(), 401);
    assert_eq!(api.details[0].message, "Invalid Access Token");
    assert_eq!(
        api.details[0].code.as_deref(),
        Some("keymanagement.service.invalid_access_token")
    );
    assert!(err.to_string().contains("Invalid Access Token"), "{err}");
}

#[tokio::test]
async fn refused_client_credentials_are_an_auth_error() {
    let server = MockServer::start().await;
    mount_catch_all(&server).await;
    common::token_request()
        .respond_with(
            ResponseTemplate::new(401)
                .set_body_json(fixture_json("token_error_invalid_client.json")),
        )
        .expect(1)
        .mount(&server)
        .await;
    let err = client(&server)
        .contracts()
        .get(VEHICLE, "CTR-0001")
        .await
        .unwrap_err();
    match &err {
        Error::Auth { message, .. } => {
            assert!(message.contains("ClientId is Invalid"), "{message}");
            assert!(message.contains("invalid_client"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    let shown = format!("{err} {err:?}");
    assert!(!shown.contains(SECRET), "{shown}");
    assert!(std::error::Error::source(&err).is_some());
}

#[tokio::test]
async fn a_token_response_without_a_token_is_an_auth_error() {
    let server = MockServer::start().await;
    mount_catch_all(&server).await;
    common::token_request()
        .respond_with(token_response("", "3599"))
        .expect(1)
        .mount(&server)
        .await;
    let err = client(&server)
        .contracts()
        .get(VEHICLE, "CTR-0001")
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Auth { .. }), "{err:?}");
}

#[tokio::test]
async fn a_token_is_refreshed_before_it_expires() {
    let server = MockServer::start().await;
    mount_catch_all(&server).await;
    // a one-second token is refreshed after half its life
    common::token_request()
        .respond_with(Sequence::new([
            token_response("tok-AAA", "1"),
            token_response("tok-BBB", "3599"),
        ]))
        .expect(2)
        .mount(&server)
        .await;
    let path = format!("{BASE_PATH}/CTR-0001");
    api_call("GET", &path)
        .respond_with(contract())
        .expect(1)
        .mount(&server)
        .await;
    wiremock::Mock::given(wiremock::matchers::path(path.as_str()))
        .and(header("authorization", "Bearer tok-BBB"))
        .respond_with(contract())
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    client.contracts().get(VEHICLE, "CTR-0001").await.unwrap();
    tokio::time::sleep(Duration::from_millis(700)).await;
    client.contracts().get(VEHICLE, "CTR-0001").await.unwrap();
    assert_eq!(client.token_fetches(), 2);
}

#[tokio::test]
async fn token_endpoint_follows_a_custom_base_path() {
    let server = MockServer::start().await;
    mount_catch_all(&server).await;
    wiremock::Mock::given(wiremock::matchers::method("POST"))
        .and(wiremock::matchers::path(format!("/proxy{TOKEN_PATH}")))
        .respond_with(token_response("tok-AAA", "3599"))
        .expect(1)
        .mount(&server)
        .await;
    wiremock::Mock::given(wiremock::matchers::path(format!(
        "/proxy{BASE_PATH}/CTR-0001"
    )))
    .and(header("authorization", "Bearer tok-AAA"))
    .respond_with(contract())
    .expect(1)
    .mount(&server)
    .await;
    let client = builder(&server)
        .base_url(format!("{}/proxy", server.uri()))
        .build()
        .unwrap();
    client.contracts().get(VEHICLE, "CTR-0001").await.unwrap();
}
