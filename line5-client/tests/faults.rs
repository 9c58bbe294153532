#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The fault matrix (`forecourt_core::testing::FaultMatrix`) through the Line5
//! client's public API: `loans().get` (GET, retried; JSON:API document →
//! `Loan`) and `users().create` (POST, never re-sent).
mod common;

use common::KEY;
use forecourt_core::testing::{FaultMatrix, FaultTarget, MatrixOp};
use line5_client::{Client, Id, NewUser, SecretString};

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

/// A loan package download that stalls after its first bytes ends in
/// `Error::Timeout` (the per-attempt limit bounds each wait for a chunk),
/// with one request and without hanging for the server's 60 s.
#[tokio::test]
async fn a_stalled_package_download_times_out() {
    use forecourt_core::testing::{Fault, FaultServer};
    use futures::StreamExt;
    use std::time::{Duration, Instant};

    let server = FaultServer::start(Fault::StallAfterHeaders).await;
    let client = Client::builder()
        .base_url(format!("{}/api/v1", server.url()))
        .timeout(Duration::from_millis(300))
        .api_key(SecretString::from(KEY))
        .build()
        .unwrap();
    let started = Instant::now();
    let link = format!("{}/api/v1/loan_packages/1/download", server.url());
    let mut body = client.loans().download(&link).await.unwrap();
    assert_eq!(&body.next().await.unwrap().unwrap()[..], b"%PDF-1.7\n ");
    let err = body.next().await.unwrap().unwrap_err();
    assert!(
        matches!(err, line5_client::Error::Timeout { .. }),
        "{err:?}"
    );
    assert_eq!(server.requests(), 1);
    assert!(started.elapsed() < Duration::from_secs(2));
}
