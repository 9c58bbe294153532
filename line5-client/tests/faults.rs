#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The fault matrix (`sdk_core::testing::FaultMatrix`) through the Line5
//! client's public API: `loans().get` (GET, retried; JSON:API document →
//! `Loan`) and `users().create` (POST, never re-sent).
mod common;

use common::KEY;
use line5_client::{Client, Id, NewUser, SecretString};
use sdk_core::testing::{FaultMatrix, FaultTarget, MatrixOp};

fn client(t: &FaultTarget) -> Client {
    Client::builder()
        .base_url(format!("{}/api/v1", t.url))
        .timeout(t.timeout)
        .retry(t.retry.clone())
        .api_key(SecretString::from(KEY))
        .build()
        .unwrap()
}

fn new_user() -> NewUser {
    NewUser::builder()
        .first_name("test")
        .last_name("test")
        .date_of_birth(jiff::civil::date(1950, 10, 14))
        .email("wiley@co32yote.net")
        .phone_number("8885551212")
        .build()
}

#[tokio::test]
async fn matrix_loans_get() {
    let cases = FaultMatrix::new()
        .secret(KEY)
        .run(MatrixOp::get("loans.get"), |t| async move {
            client(&t).loans().get(&Id::from("110372")).await
        })
        .await;
    assert_eq!(cases, 22);
}

#[tokio::test]
async fn matrix_users_create() {
    let cases = FaultMatrix::new()
        .secret(KEY)
        .run(MatrixOp::post("users.create"), |t| async move {
            client(&t).users().create(&new_user()).await
        })
        .await;
    assert_eq!(cases, 22);
}
