//! Per-call options reach the wire: `handle.options(..)` changes the
//! timeout and the retry policy of that call only (the client's own
//! settings stay: 3 attempts, 30 s per attempt).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, Instant};

use forecourt_core::{Error, RequestOptions, RetryPolicy};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn received(server: &MockServer) -> usize {
    server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .filter(|r| r.method.as_str() == "GET")
        .count()
}

/// A server whose GETs answer 200 after 5 s, and one whose GETs answer 503.
async fn servers() -> (MockServer, MockServer) {
    let slow = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(5)))
        .mount(&slow)
        .await;
    let busy = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&busy)
        .await;
    (slow, busy)
}

fn fast_retries(attempts: u32) -> RequestOptions {
    RequestOptions::new().retry(
        RetryPolicy::default()
            .max_attempts(attempts)
            .base_delay(Duration::from_millis(1))
            .without_jitter(),
    )
}

fn assert_timed_out_once(err: &Error, started: Instant) {
    assert!(
        matches!(err, Error::Timeout { after, attempts: 1, .. } if *after == Duration::from_millis(150)),
        "{err:?}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
}

fn per_call_timeout() -> RequestOptions {
    RequestOptions::new()
        .timeout(Duration::from_millis(150))
        .no_retry()
}

fn client(server: &MockServer) -> autengo_client::Client {
    autengo_client::Client::builder()
        .base_url(format!("{}/v3", server.uri()))
        .api_key(forecourt_core::SecretString::from("per-call-key"))
        .jwt(forecourt_core::SecretString::from("per-call-jwt"))
        .build()
        .unwrap()
}

#[tokio::test]
async fn per_call_timeout_and_retry_policy_take_effect() {
    let (slow, busy) = servers().await;
    let started = Instant::now();
    let err = client(&slow)
        .vehicles()
        .options(per_call_timeout())
        .get("RQ5O9S")
        .await
        .unwrap_err();
    assert_timed_out_once(&err, started);
    assert_eq!(received(&slow).await, 1);
    let c = client(&busy);
    let err = c
        .vehicles()
        .options(fast_retries(5))
        .get("RQ5O9S")
        .await
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(received(&busy).await, 5, "the call's policy: 5 attempts");
    c.vehicles()
        .options(RequestOptions::new().no_retry())
        .get("RQ5O9S")
        .await
        .unwrap_err();
    assert_eq!(received(&busy).await, 6, "no retry for this call");
}
