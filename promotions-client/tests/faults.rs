#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The fault matrix (`forecourt_core::testing::FaultMatrix`) through the
//! Promotions client's public API (JSON bodies):
//! `promotions().for_application` (GET, retried) and `promotions().set`
//! (POST, never re-sent; its success body is not read, so a bad body on a
//! 200 is no error).

use forecourt_core::SecretString;
use forecourt_core::testing::{FaultMatrix, FaultTarget, MatrixOp};
use promotions_client::{Client, SetPromotion};
use rust_decimal::Decimal;

const KEY: &str = "test-api-key-canary-9d2e";

fn client(t: &FaultTarget) -> Client {
    Client::builder()
        .base_url(&t.url)
        .timeout(t.timeout)
        .retry(t.retry.clone())
        .api_key(SecretString::from(KEY))
        .build()
        .unwrap()
}

fn selection() -> SetPromotion {
    SetPromotion::builder()
        .promotion_id(1234)
        .closed_end_payment_rate_id(0)
        .apr(Decimal::new(7990, 3))
        .payment_factor(Decimal::new(3, 2))
        .terms(12)
        .build()
}

#[tokio::test]
async fn matrix_promotions_for_application() {
    let cases = FaultMatrix::new()
        .secret(KEY)
        .run(
            MatrixOp::get("promotions.for_application"),
            |t| async move { client(&t).promotions().for_application(100_001).await },
        )
        .await;
    assert_eq!(cases, 22);
}

#[tokio::test]
async fn matrix_promotions_set() {
    let cases = FaultMatrix::new()
        .secret(KEY)
        .run(
            MatrixOp::post("promotions.set").ignoring_body(),
            |t| async move { client(&t).promotions().set(100_001, &selection()).await },
        )
        .await;
    assert_eq!(cases, 22);
}
