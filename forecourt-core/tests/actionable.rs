//! Errors a user can act on: the token endpoint's status and reason in
//! `Error::Auth`, `Retry-After` on `ApiError`, a total deadline across
//! attempts, and timeout and connect messages that say what happened. (The
//! log event of a failed call is tested alone in `failure_event.rs`.)
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use forecourt_core::testing::refused_url;
use forecourt_core::{Error, Operation, Request, RequestOptions, RetryPolicy, TransportBuilder};
use serde_json::json;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

const GET_ITEM: Operation = Operation::get("items.get", "/items/{id}");
const TOKEN: Operation = Operation::post("auth.token", "/auth/token");

fn builder(server: &MockServer) -> TransportBuilder {
    TransportBuilder::new("Test", "test-client/1")
        .base_url(server.uri())
        .retry(
            RetryPolicy::default()
                .base_delay(Duration::from_millis(100))
                .without_jitter(),
        )
}

async fn received(server: &MockServer) -> usize {
    server.received_requests().await.map_or(0, |r| r.len())
}

#[tokio::test]
async fn auth_error_keeps_the_token_endpoints_status_and_reason() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(401).set_body_json(json!({"message": "Unknown dealer or user"})),
        )
        .mount(&server)
        .await;
    let t = builder(&server).build().unwrap();
    let api = t
        .send_no_content(Request::new(TOKEN).json(&json!({})).unwrap())
        .await
        .unwrap_err();
    let err = Error::auth("Test", "POST /auth/token failed", Some(api));
    assert_eq!(err.status(), Some(http::StatusCode::UNAUTHORIZED));
    assert_eq!(
        err.to_string(),
        "Test: authentication failed (401 Unauthorized): POST /auth/token failed: Unknown dealer or user"
    );
    assert!(
        std::error::Error::source(&err).is_some(),
        "the API error stays the source"
    );
    // no answer from the endpoint: no status, the context alone
    let bare = Error::auth("Test", "the token endpoint returned an empty token", None);
    assert_eq!(bare.status(), None);
    assert_eq!(
        bare.to_string(),
        "Test: authentication failed: the token endpoint returned an empty token"
    );
}

#[tokio::test]
async fn retry_after_is_exposed_and_a_wait_past_the_deadline_is_not_taken() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503).insert_header("retry-after", "120"))
        .mount(&server)
        .await;
    let t = builder(&server).build().unwrap();
    let started = std::time::Instant::now();
    let err = t
        .send_no_content(
            Request::new(GET_ITEM)
                .param("1")
                .options(RequestOptions::new().deadline(Duration::from_secs(2))),
        )
        .await
        .unwrap_err();
    let api = err.api().expect("the vendor's 503");
    assert_eq!(api.retry_after(), Some(Duration::from_secs(120)));
    assert_eq!(
        received(&server).await,
        1,
        "the 60 s wait would pass the deadline"
    );
    assert!(started.elapsed() < Duration::from_secs(1));
    // an answer without the header has none
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(404))
        .mount(&server)
        .await;
    let err = builder(&server)
        .build()
        .unwrap()
        .send_no_content(Request::new(GET_ITEM).param("1"))
        .await
        .unwrap_err();
    assert_eq!(err.api().unwrap().retry_after(), None);
}

/// Per-attempt timeout 1 s, 5 attempts, waits of 100 ms then 200 ms:
/// attempts start at 0, 1.1 and 2.3 s, so a 2.5 s deadline ends the third.
#[tokio::test(start_paused = true)]
async fn a_total_deadline_bounds_the_call_across_attempts() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(30)))
        .mount(&server)
        .await;
    let policy = RetryPolicy::default()
        .max_attempts(5)
        .base_delay(Duration::from_millis(100))
        .without_jitter();
    let cases = [
        // (client deadline, per-call options, expected after, attempts)
        (
            None,
            RequestOptions::new().deadline(Duration::from_millis(2500)),
            Duration::from_millis(2500),
            3,
        ),
        (
            Some(Duration::from_millis(2500)),
            RequestOptions::new(),
            Duration::from_millis(2500),
            3,
        ),
        (
            Some(Duration::from_millis(2500)),
            RequestOptions::new().without_deadline(),
            Duration::from_secs(1),
            5,
        ),
        (None, RequestOptions::new(), Duration::from_secs(1), 5),
    ];
    for (client_deadline, options, after_expected, attempts_expected) in cases {
        let mut b = builder(&server)
            .timeout(Duration::from_secs(1))
            .retry(policy.clone());
        if let Some(d) = client_deadline {
            b = b.deadline(d);
        }
        let t = b.build().unwrap();
        let started = tokio::time::Instant::now();
        let err = t
            .send_no_content(Request::new(GET_ITEM).param("1").options(options))
            .await
            .unwrap_err();
        let spent = started.elapsed();
        let Error::Timeout {
            after,
            elapsed,
            attempts,
            ..
        } = err
        else {
            panic!("{err:?}");
        };
        assert_eq!((after, attempts), (after_expected, attempts_expected));
        assert!(
            elapsed <= spent && elapsed + Duration::from_millis(50) >= spent,
            "{elapsed:?} {spent:?}"
        );
        if attempts_expected == 3 {
            assert!(
                spent >= Duration::from_millis(2500) && spent < Duration::from_millis(2600),
                "{spent:?}"
            );
        } else {
            // 5 × 1 s + 100 + 200 + 400 + 800 ms of waits
            assert!(spent >= Duration::from_millis(6500), "{spent:?}");
        }
    }
}

#[tokio::test(start_paused = true)]
async fn a_timeout_states_the_time_spent_and_the_attempts() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(30)))
        .mount(&server)
        .await;
    let t = builder(&server)
        .timeout(Duration::from_millis(500))
        .build()
        .unwrap();
    let err = t
        .send_no_content(Request::new(GET_ITEM).param("1"))
        .await
        .unwrap_err();
    // 3 × 500 ms + waits of 100 and 200 ms
    assert_eq!(
        err.to_string(),
        "Test: no complete response within 500ms (1.800s spent over 3 attempts)"
    );
    let one = t
        .send_no_content(
            Request::new(GET_ITEM)
                .param("1")
                .options(RequestOptions::new().no_retry()),
        )
        .await
        .unwrap_err();
    assert_eq!(
        one.to_string(),
        "Test: no complete response within 500ms (500ms spent over 1 attempt)"
    );
}

#[tokio::test]
async fn a_connect_error_names_its_cause_on_one_line() {
    let t = TransportBuilder::new("Test", "t/1")
        .base_url(refused_url().await)
        .retry(RetryPolicy::none())
        .build()
        .unwrap();
    let err = t
        .send_no_content(Request::new(GET_ITEM).param("1"))
        .await
        .unwrap_err();
    let text = err.to_string();
    assert!(matches!(err, Error::Connect { .. }), "{err:?}");
    assert!(text.starts_with("Test: could not connect: "), "{text}");
    assert!(
        text.to_lowercase().contains("refused"),
        "the OS's reason: {text}"
    );
    assert!(!text.contains('\n'), "{text}");
    assert!(!text.contains("127.0.0.1"), "no URL: {text}");
}
