//! Per-call options reach the wire: `handle.options(..)` changes the
//! timeout and the retry policy of that call only (the client's own
//! settings stay: 3 attempts, 30 s per attempt). The check itself is
//! `forecourt_core::testing::assert_per_call_options`, the same for every
//! client; this file gives it a client and `promotions().for_application`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use forecourt_core::testing::assert_per_call_options;
use wiremock::MockServer;

#[tokio::test]
async fn per_call_timeout_and_retry_policy_take_effect() {
    assert_per_call_options(
        async |server: &MockServer| {
            promotions_client::Client::builder()
                .api_key(promotions_client::SecretString::from("per-call-key"))
                .base_url(server.uri())
                .build()
                .unwrap()
        },
        async |c: &promotions_client::Client, options| {
            c.promotions()
                .options(options)
                .for_application(100_001)
                .await
        },
    )
    .await;
}
