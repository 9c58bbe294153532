#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The fault matrix (`forecourt_core::testing::FaultMatrix`) through the Autoloan
//! clients' public API. Autoloan Finland and Alfa offer no idempotent
//! operation, so both operations are POST-like (never re-sent):
//! `applications().submit` and Alfa's `contracts().create`.
mod common;

use autoloan_client::{Client, alfa};
use common::{API_KEY, doc_application, doc_contract};
use forecourt_core::SecretString;
use forecourt_core::testing::{FaultMatrix, FaultTarget, MatrixOp};

const ALFA_PASSWORD: &str = "alfa-password-canary";

fn client(t: &FaultTarget) -> Client {
    Client::builder()
        .base_url(&t.url)
        .timeout(t.timeout)
        .retry(t.retry.clone())
        .api_key(SecretString::from(API_KEY))
        .build()
        .unwrap()
}

fn alfa_client(t: &FaultTarget) -> alfa::Client {
    alfa::Client::builder()
        .base_url(&t.url)
        .timeout(t.timeout)
        .retry(t.retry.clone())
        .basic_auth("dealer", SecretString::from(ALFA_PASSWORD))
        .build()
        .unwrap()
}

#[tokio::test]
async fn matrix_applications_submit() {
    let cases = FaultMatrix::new()
        .secret(API_KEY)
        .run(MatrixOp::post("applications.submit"), |t| async move {
            client(&t).applications().submit(&doc_application()).await
        })
        .await;
    assert_eq!(cases, 22);
}

#[tokio::test]
async fn matrix_alfa_contracts_create() {
    let cases = FaultMatrix::new()
        .secret(ALFA_PASSWORD)
        .run(MatrixOp::post("alfa.contracts.create"), |t| async move {
            alfa_client(&t).contracts().create(&doc_contract()).await
        })
        .await;
    assert_eq!(cases, 22);
}
