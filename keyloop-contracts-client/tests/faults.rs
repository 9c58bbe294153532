#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The fault matrix (`forecourt_core::testing::FaultMatrix`) through the Keyloop
//! client's public API: `contracts().get` (GET, retried) and
//! `contracts().create` (POST, never re-sent), with the OAuth2 token
//! endpoint on the same host answering normally; and a refused token (401):
//! exactly one new token and one retry.
mod common;

use std::time::{Duration, Instant};

use common::*;
use forecourt_core::testing::{
    Canned, FaultMatrix, FaultTarget, MatrixOp, Sequence, mount_catch_all,
};
use keyloop_contracts_client::{Client, ContractType, NewContract};
use wiremock::{MockServer, ResponseTemplate};

fn client(t: &FaultTarget) -> Client {
    Client::builder()
        .base_url(&t.url)
        .timeout(t.timeout)
        .retry(t.retry.clone())
        .client_id(CLIENT_ID)
        .client_secret(SECRET.into())
        .enterprise_id(ENTERPRISE)
        .store_id(STORE)
        .build()
        .unwrap()
}

fn new_contract() -> NewContract {
    NewContract::builder()
        .contract_type(ContractType::ServicePlan)
        .start_date(jiff::civil::date(2024, 6, 1))
        .build()
}

fn matrix() -> FaultMatrix {
    let token = serde_json::from_str(&fixture("token_response.json")).unwrap();
    FaultMatrix::new()
        .route(TOKEN_PATH, Canned::json(200, &token))
        .secret(SECRET)
        .secret("tok-AAA")
}

#[tokio::test]
async fn matrix_contracts_get() {
    let cases = matrix()
        .run(MatrixOp::get("contracts.get"), |t| async move {
            client(&t).contracts().get(VEHICLE, "C-1").await
        })
        .await;
    assert_eq!(cases, 22);
}

#[tokio::test]
async fn matrix_contracts_create() {
    let cases = matrix()
        .run(MatrixOp::post("contracts.create"), |t| async move {
            client(&t)
                .contracts()
                .create(VEHICLE, &new_contract())
                .await
        })
        .await;
    assert_eq!(cases, 22);
}

/// A 401 fault: one new token and one re-sent call, for a GET and for a
/// POST; a second 401 is the caller's error, without a third attempt.
#[tokio::test]
async fn refused_token_is_refreshed_once_and_the_call_retried_once() {
    let ok =
        || ResponseTemplate::new(200).set_body_raw(fixture("contract.json"), "application/json");
    let refused = || {
        ResponseTemplate::new(401).set_body_json(fixture_json("fault_invalid_access_token.json"))
    };
    let contract_path = format!("{BASE_PATH}/C-1");
    let cases = [
        ("GET", contract_path.as_str(), ok(), true),
        ("POST", BASE_PATH, ok(), true),
        ("GET", contract_path.as_str(), refused(), false),
        ("POST", BASE_PATH, refused(), false),
    ];
    for (verb, api_path, second, succeeds) in cases {
        let server = MockServer::start().await;
        mount_catch_all(&server).await;
        mount_token(&server, 2).await;
        api_call(verb, api_path)
            .respond_with(Sequence::new([refused(), second]))
            .expect(2)
            .mount(&server)
            .await;
        let c = Client::builder()
            .base_url(server.uri())
            .timeout(Duration::from_secs(2))
            .client_id(CLIENT_ID)
            .client_secret(SECRET.into())
            .enterprise_id(ENTERPRISE)
            .store_id(STORE)
            .build()
            .unwrap();
        let started = Instant::now();
        let outcome = if verb == "GET" {
            c.contracts().get(VEHICLE, "C-1").await
        } else {
            c.contracts().create(VEHICLE, &new_contract()).await
        };
        assert!(started.elapsed() < Duration::from_secs(3));
        match outcome {
            Ok(_) => assert!(succeeds, "{verb}: a second 401 must fail"),
            Err(e) => {
                assert!(!succeeds, "{verb}: {e:?}");
                assert_eq!(e.status().map(|s| s.as_u16()), Some(401), "{e:?}");
                assert!(!format!("{e:?} {e}").contains(SECRET));
            }
        }
        assert_eq!(c.token_fetches(), 2, "{verb}");
        // the expectations (2 tokens, 2 calls) are verified here
        server.verify().await;
    }
}
