//! Per-call options reach the wire: `handle.options(..)` changes the
//! timeout and the retry policy of that call only (the client's own
//! settings stay: 3 attempts, 30 s per attempt). The check itself is
//! `forecourt_core::testing::assert_per_call_options`, the same for every
//! client; this file gives it a client and `vehicles().get`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use forecourt_core::testing::assert_per_call_options;
use wiremock::MockServer;

#[tokio::test]
async fn per_call_timeout_and_retry_policy_take_effect() {
    assert_per_call_options(
        async |server: &MockServer| {
            autengo_client::Client::builder()
                .base_url(format!("{}/v3", server.uri()))
                .api_key(autengo_client::SecretString::from("per-call-key"))
                .jwt(autengo_client::SecretString::from("per-call-jwt"))
                .build()
                .unwrap()
        },
        async |c: &autengo_client::Client, options| {
            c.vehicles().options(options).get("RQ5O9S").await
        },
    )
    .await;
}
