//! Per-call options reach the wire: `handle.options(..)` changes the
//! timeout and the retry policy of that call only (the client's own
//! settings stay: 3 attempts, 30 s per attempt). The check itself is
//! `forecourt_core::testing::assert_per_call_options`, the same for every
//! client; this file gives it a client (with its token endpoint mounted) and `contracts().get`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use forecourt_core::testing::assert_per_call_options;
use wiremock::MockServer;
use wiremock::matchers::method;
use wiremock::{Mock, ResponseTemplate};

#[tokio::test]
async fn per_call_timeout_and_retry_policy_take_effect() {
    assert_per_call_options(
        async |server: &MockServer| {
            Mock::given(method("POST"))
                .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
                    "access_token": "per-call-token",
                    "token_type": "Bearer",
                    "expires_in": "3599"
                })))
                .mount(server)
                .await;
            keyloop_contracts_client::Client::builder()
                .base_url(server.uri())
                .client_id("per-call-id")
                .client_secret(keyloop_contracts_client::SecretString::from(
                    "per-call-secret",
                ))
                .enterprise_id("E1")
                .store_id("S1")
                .build()
                .unwrap()
        },
        async |c: &keyloop_contracts_client::Client, options| {
            c.contracts().options(options).get("VEH-1", "CTR-1").await
        },
    )
    .await;
}
