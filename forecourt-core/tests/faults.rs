//! The fault matrix: every fault a vendor or a network can produce, each
//! case asserting the typed error, how many requests reached the server, and
//! that the call ended within its time budget.
//!
//! `forecourt_core::testing::FaultServer` (a raw TCP server) plays the faults
//! wiremock cannot (resets mid-body, drip feeds, endless bodies); wiremock
//! plays the rest. `FaultMatrix` runs the whole matrix on a bare transport
//! here, and through each client's public API in the client crates.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, Instant};

use forecourt_core::testing::{Fault, FaultMatrix, FaultServer, MatrixOp};
use forecourt_core::{Error, Operation, Request, RetryPolicy, Transport, TransportBuilder};
use futures::StreamExt;
use serde_json::json;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

const GET: Operation = Operation::get("faults.get", "/thing");
const POST: Operation = Operation::post("faults.create", "/thing");

#[derive(Debug, serde::Deserialize)]
#[allow(dead_code)]
struct Thing {
    name: String,
}

fn transport(url: &str, timeout: Duration) -> Transport {
    TransportBuilder::new("Test", "t/1")
        .base_url(url)
        .timeout(timeout)
        .retry(RetryPolicy::default().base_delay(Duration::from_millis(1)))
        .build()
        .unwrap()
}

async fn get(t: &Transport) -> forecourt_core::Result<Thing> {
    t.send_json::<Thing>(Request::new(GET)).await
}

async fn post(t: &Transport) -> forecourt_core::Result<Thing> {
    t.send_json::<Thing>(Request::new(POST).json(&json!({"name": "x"})).unwrap())
        .await
}

#[tokio::test]
async fn reset_mid_body_get_retried_post_not() {
    let s = FaultServer::start(Fault::ResetMidBody).await;
    let t = transport(&s.url(), Duration::from_secs(5));
    let started = Instant::now();
    let err = get(&t).await.unwrap_err();
    assert!(matches!(err, Error::Network { .. }), "{err:?}");
    assert_eq!(s.requests(), 3);
    let err = post(&t).await.unwrap_err();
    assert!(matches!(err, Error::Network { .. }), "{err:?}");
    assert_eq!(s.requests(), 4);
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[tokio::test]
async fn slow_drip_body_times_out() {
    let s = FaultServer::start(Fault::Drip).await;
    let t = transport(&s.url(), Duration::from_millis(300));
    let started = Instant::now();
    let err = post(&t).await.unwrap_err();
    assert!(matches!(err, Error::Timeout { .. }), "{err:?}");
    assert_eq!(s.requests(), 1);
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn a_stalled_download_times_out_after_its_first_bytes() {
    let s = FaultServer::start(Fault::StallAfterHeaders).await;
    let t = transport(&s.url(), Duration::from_millis(300));
    let started = Instant::now();
    let mut body = t.send_stream(Request::new(GET)).await.unwrap();
    let first = body.next().await.unwrap().unwrap();
    assert_eq!(&first[..], b"%PDF-1.7\n ");
    let err = body.next().await.unwrap().unwrap_err();
    assert!(matches!(err, Error::Timeout { .. }), "{err:?}");
    assert!(
        body.next().await.is_none(),
        "the stream ends after its error"
    );
    assert_eq!(s.requests(), 1);
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn a_slow_but_moving_download_outlives_the_per_attempt_timeout() {
    // One byte every 100 ms: no wait reaches the 300 ms limit, so reading
    // for more than three times the limit is not cut short.
    let s = FaultServer::start(Fault::Drip).await;
    let t = transport(&s.url(), Duration::from_millis(300));
    let started = Instant::now();
    let mut body = t.send_stream(Request::new(GET)).await.unwrap();
    let mut read = 0;
    while started.elapsed() < Duration::from_millis(1_000) {
        read += body.next().await.unwrap().unwrap().len();
    }
    assert!(read >= 5, "{read} bytes");
}

#[tokio::test]
async fn silent_server_times_out_within_budget() {
    let s = FaultServer::start(Fault::Silent).await;
    let t = transport(&s.url(), Duration::from_millis(200));
    let started = Instant::now();
    let err = get(&t).await.unwrap_err();
    assert!(matches!(err, Error::Timeout { .. }), "{err:?}");
    assert_eq!(s.requests(), 3);
    // 3 attempts of 200 ms plus tiny backoffs
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn declared_100_mib_body_is_refused_without_reading_it() {
    let s = FaultServer::start(Fault::HugeDeclared).await;
    let t = transport(&s.url(), Duration::from_secs(5));
    let started = Instant::now();
    let err = get(&t).await.unwrap_err();
    assert!(
        matches!(err, Error::BodyTooLarge { limit, .. } if limit == 16 * 1024 * 1024),
        "{err:?}"
    );
    assert_eq!(s.requests(), 1, "not retried");
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[tokio::test]
async fn endless_chunked_body_stops_at_the_cap() {
    let s = FaultServer::start(Fault::HugeChunked).await;
    let t = TransportBuilder::new("Test", "t/1")
        .base_url(s.url())
        .max_body_bytes(1024 * 1024)
        .build()
        .unwrap();
    let err = get(&t).await.unwrap_err();
    assert!(
        matches!(err, Error::BodyTooLarge { limit: 1048576, .. }),
        "{err:?}"
    );
    // the client hung up soon after the cap: far less than 100 MiB was sent
    tokio::time::sleep(Duration::from_millis(200)).await;
    let sent = s.sent_bytes();
    assert!(sent < 32 * 1024 * 1024, "server pushed {sent} bytes");
}

#[tokio::test]
async fn status_matrix_get_retried_post_never() {
    for status in [500u16, 502, 503, 504, 429] {
        for retry_after in [None, Some("0")] {
            let server = MockServer::start().await;
            let mut response = ResponseTemplate::new(status);
            if let Some(v) = retry_after {
                response = response.insert_header("retry-after", v);
            }
            Mock::given(method("GET"))
                .respond_with(response.clone())
                .mount(&server)
                .await;
            Mock::given(method("POST"))
                .respond_with(response)
                .mount(&server)
                .await;
            let t = transport(&server.uri(), Duration::from_secs(5));
            let started = Instant::now();
            let err = get(&t).await.unwrap_err();
            assert_eq!(err.status().map(|s| s.as_u16()), Some(status));
            let gets = server.received_requests().await.unwrap().len();
            let expected = if status == 500 { 1 } else { 3 };
            assert_eq!(gets, expected, "GET {status} retry-after {retry_after:?}");
            let err = post(&t).await.unwrap_err();
            assert_eq!(err.status().map(|s| s.as_u16()), Some(status));
            let total = server.received_requests().await.unwrap().len();
            assert_eq!(total - gets, 1, "POST {status} is never re-sent");
            assert!(started.elapsed() < Duration::from_secs(3));
        }
    }
}

#[tokio::test]
async fn bodies_that_are_not_the_model() {
    let cases: [(&str, &[u8], &str); 4] = [
        ("truncated JSON", br#"{"name": "tr"#, "application/json"),
        (
            "HTML error page with 200",
            b"<html><body>502 Bad Gateway</body></html>",
            "text/html",
        ),
        (
            "wrong content type",
            br#"name=x"#,
            "application/x-www-form-urlencoded",
        ),
        (
            "malformed UTF-8",
            b"{\"name\": \"\xc3\x28\"}",
            "application/json",
        ),
    ];
    for (case, body, content_type) in cases {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(200).set_body_raw(body.to_vec(), content_type))
            .mount(&server)
            .await;
        let err = get(&transport(&server.uri(), Duration::from_secs(5)))
            .await
            .unwrap_err();
        let d = err.decode().unwrap_or_else(|| panic!("{case}: {err:?}"));
        assert!(!d.body_excerpt.is_empty(), "{case}");
        assert_eq!(server.received_requests().await.unwrap().len(), 1, "{case}");
    }
    // an HTML error page with an error status is an Api error with the excerpt
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(502).set_body_raw("<html>Bad Gateway</html>", "text/html"),
        )
        .mount(&server)
        .await;
    let err = get(&transport(&server.uri(), Duration::from_secs(5)))
        .await
        .unwrap_err();
    assert!(err.api().unwrap().body_excerpt.contains("Bad Gateway"));
}

#[tokio::test]
async fn matrix_on_the_bare_transport() {
    let client = |t: forecourt_core::testing::FaultTarget| {
        TransportBuilder::new("Test", "t/1")
            .base_url(&t.url)
            .timeout(t.timeout)
            .retry(t.retry)
            .build()
            .unwrap()
    };
    let matrix = FaultMatrix::new();
    let gets = matrix
        .run(MatrixOp::get("faults.get"), |t| async move {
            get(&client(t)).await
        })
        .await;
    let posts = matrix
        .run(MatrixOp::post("faults.create"), |t| async move {
            post(&client(t)).await
        })
        .await;
    assert_eq!(gets, posts);
    assert_eq!(gets, 22);
}

#[tokio::test]
async fn fault_server_routes_and_counts() {
    let s = FaultServer::start_with_routes(
        Fault::Respond(forecourt_core::testing::Canned::new(503)),
        [(
            "/token",
            forecourt_core::testing::Canned::json(200, &json!({"name": "routed"})),
        )],
    )
    .await;
    let t = transport(&s.url(), Duration::from_secs(2));
    const TOKEN: Operation = Operation::get("faults.token", "/token");
    let thing: Thing = t.send_json(Request::new(TOKEN)).await.unwrap();
    assert_eq!(thing.name, "routed");
    assert_eq!((s.routed_requests(), s.requests()), (1, 0));
    let err = get(&t).await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(503));
    assert_eq!((s.routed_requests(), s.requests()), (1, 3));
}
