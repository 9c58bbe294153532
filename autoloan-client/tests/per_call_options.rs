//! Per-call options reach the wire: `handle.options(..)` changes the
//! timeout and the retry policy of that call only. Autoloan's operations
//! are POSTs, which are re-sent only when nothing reached the server, so
//! the retry policy is seen on a refused connection, with paused time
//! (waits of 100, 200 and 400 ms without jitter).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::Duration;

use autoloan_client::{Client, Error, SecretString};
use forecourt_core::{RequestOptions, RetryPolicy};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client(url: String) -> Client {
    Client::builder()
        .api_key(SecretString::from("per-call-key"))
        .base_url(url)
        .build()
        .unwrap()
}

#[tokio::test(start_paused = true)]
async fn per_call_timeout_and_retry_policy_take_effect() {
    let app = common::full_application(39_000, 30_000);
    let slow = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(201).set_delay(Duration::from_secs(5)))
        .mount(&slow)
        .await;
    let err = client(slow.uri())
        .applications()
        .options(RequestOptions::new().timeout(Duration::from_millis(150)))
        .submit(&app)
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::Timeout { after, attempts: 1, .. } if after == Duration::from_millis(150)),
        "{err:?}"
    );
    assert_eq!(slow.received_requests().await.unwrap().len(), 1);

    let refused = forecourt_core::testing::refused_url().await;
    let c = client(refused);
    let cases = [
        // (the call's options, attempts, time spent in waits)
        (RequestOptions::new().no_retry(), Duration::ZERO),
        (
            RequestOptions::new().retry(
                RetryPolicy::default()
                    .max_attempts(4)
                    .base_delay(Duration::from_millis(100))
                    .without_jitter(),
            ),
            Duration::from_millis(700),
        ),
    ];
    for (options, waited) in cases {
        let started = tokio::time::Instant::now();
        let err = c
            .applications()
            .options(options)
            .submit(&app)
            .await
            .unwrap_err();
        let spent = started.elapsed();
        assert!(matches!(err, Error::Connect { .. }), "{err:?}");
        assert!(
            spent >= waited && spent < waited + Duration::from_millis(50),
            "{spent:?} for {waited:?}"
        );
    }
}
