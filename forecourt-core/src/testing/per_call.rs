//! The per-call options check every client runs on one of its GET
//! operations: `handle.options(..)` changes that call's timeout and retry
//! policy, and only that call's.

use std::time::{Duration, Instant};

use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::{Error, RequestOptions, RetryPolicy};

/// The per-call timeout [`assert_per_call_options`] sets (the client's own stays 30 s).
pub const PER_CALL_TIMEOUT: Duration = Duration::from_millis(150);

/// Checks that per-call options reach the wire for one GET operation of a
/// client, against two wiremock servers it starts: one whose GETs answer
/// 200 after 5 s, one whose GETs answer 503.
///
/// - `setup(server)` mounts what the client needs besides the GETs (a
///   token endpoint: mount it for `POST`) and builds a client on the
///   server with the client's default timeout and retry policy;
/// - `call(client, options)` makes the GET through
///   `client.<resource>().options(options).<op>(..)`.
///
/// It asserts: a per-call [`PER_CALL_TIMEOUT`] with no retry ends the call
/// with [`Error::Timeout`] after one attempt, well before 3 s; a per-call
/// policy of 5 attempts makes 5 GETs against the 503 server and the error
/// keeps the status; `no_retry()` then makes exactly one more.
///
/// ```no_run
/// # async fn demo() {
/// use forecourt_core::testing::assert_per_call_options;
/// # struct Client; impl Client { async fn get(&self, _: forecourt_core::RequestOptions) -> forecourt_core::Result<()> { Ok(()) } }
/// assert_per_call_options(
///     async |_server: &wiremock::MockServer| Client,
///     async |client: &Client, options| client.get(options).await,
/// )
/// .await;
/// # }
/// ```
pub async fn assert_per_call_options<C, T>(
    setup: impl AsyncFn(&MockServer) -> C,
    call: impl AsyncFn(&C, RequestOptions) -> Result<T, Error>,
) {
    let slow = gets_answer(ResponseTemplate::new(200).set_delay(Duration::from_secs(5))).await;
    let busy = gets_answer(ResponseTemplate::new(503)).await;

    let client = setup(&slow).await;
    let started = Instant::now();
    let timeout = RequestOptions::new().timeout(PER_CALL_TIMEOUT).no_retry();
    let err = failure(call(&client, timeout).await, "a 150 ms per-call timeout");
    assert!(
        matches!(&err, Error::Timeout { after, attempts: 1, .. } if *after == PER_CALL_TIMEOUT),
        "the call's own timeout: {err:?}"
    );
    let spent = started.elapsed();
    assert!(spent < Duration::from_secs(3), "took {spent:?}");
    assert_eq!(gets(&slow).await, 1, "one attempt on the slow server");

    let client = setup(&busy).await;
    let err = failure(call(&client, fast_retries(5)).await, "a 503");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(503), "{err:?}");
    assert_eq!(gets(&busy).await, 5, "the call's policy: 5 attempts");
    let no_retry = RequestOptions::new().no_retry();
    failure(call(&client, no_retry).await, "a 503");
    assert_eq!(gets(&busy).await, 6, "no retry for this call");
}

/// A retry policy of `attempts` attempts with 1 ms waits, no jitter.
pub fn fast_retries(attempts: u32) -> RequestOptions {
    RequestOptions::new().retry(
        RetryPolicy::default()
            .max_attempts(attempts)
            .base_delay(Duration::from_millis(1))
            .without_jitter(),
    )
}

async fn gets_answer(response: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(response)
        .mount(&server)
        .await;
    server
}

async fn gets(server: &MockServer) -> usize {
    server
        .received_requests()
        .await
        .unwrap_or_default()
        .iter()
        .filter(|r| r.method.as_str() == "GET")
        .count()
}

fn failure<T>(result: Result<T, Error>, against: &str) -> Error {
    match result {
        Ok(_) => panic!("the call succeeded against {against}"),
        Err(e) => e,
    }
}
