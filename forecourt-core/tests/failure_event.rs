//! One log event per failed call, seen by a plain `tracing_subscriber::fmt()`
//! subscriber at its default level.
//!
//! Alone in its own test binary: a thread-scoped subscriber
//! (`set_default`) competes with the other tests' threads, which run with
//! none, for tracing's per-callsite interest cache; in one process the
//! event was then sometimes not delivered to this test's subscriber.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use forecourt_core::{Operation, Request, RetryPolicy, SecretString, TransportBuilder};
use serde_json::json;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

const GET_ITEM: Operation = Operation::get("items.get", "/items/{id}");

fn builder(server: &MockServer) -> TransportBuilder {
    TransportBuilder::new("Test", "test-client/1").base_url(server.uri())
}

#[derive(Clone, Default)]
struct Buffer(Arc<Mutex<Vec<u8>>>);

impl io::Write for Buffer {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Buffer {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

/// A plain `tracing_subscriber::fmt()` subscriber (its default level,
/// INFO) sees one event per failed call, with the span's fields and no
/// secret; successes write nothing.
#[tokio::test(flavor = "current_thread")]
async fn a_failed_call_logs_one_event_that_a_default_subscriber_sees() {
    let secret = format!("canary-{}", uuid::Uuid::new_v4().simple());
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(wiremock::matchers::path("/items/ok"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(503)
                .set_body_json(json!({"message": format!("backend said {secret}")})),
        )
        .mount(&server)
        .await;
    let buffer = Buffer::default();
    let writer = buffer.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);
    let t = builder(&server)
        .scrub_secret(SecretString::from(secret.clone()))
        .retry(RetryPolicy::default().base_delay(Duration::from_millis(1)))
        .build()
        .unwrap();
    t.send_no_content(Request::new(GET_ITEM).param("ok"))
        .await
        .unwrap();
    assert_eq!(buffer.text(), "", "a success logs nothing at INFO");
    let err = t
        .send_no_content(Request::new(GET_ITEM).param("1"))
        .await
        .unwrap_err();
    let text = buffer.text();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 1, "one event for one failed call: {text}");
    let line = lines[0];
    for needle in [
        " WARN ",
        "sdk call failed",
        "vendor=\"Test\"",
        "operation=\"items.get\"",
        "method=GET",
        "path=\"/items/{id}\"",
        "status=503",
        "attempts=3",
        "elapsed_ms=",
        &format!("error={err}"),
    ] {
        assert!(line.contains(needle), "{needle:?} missing from {line}");
    }
    assert!(!text.contains(&secret), "the secret leaked: {text}");
    // a vendor's refusal of the request (4xx) is INFO: still seen
    let server404 = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(404))
        .mount(&server404)
        .await;
    builder(&server404)
        .build()
        .unwrap()
        .send_no_content(Request::new(GET_ITEM).param("1"))
        .await
        .unwrap_err();
    let text = buffer.text();
    let last = text.lines().last().unwrap();
    assert!(
        last.contains(" INFO ") && last.contains("status=404"),
        "{last}"
    );
    assert_eq!(text.lines().count(), 2);
}
