//! Test helpers shared by the clients' tests and sandboxes (feature `testing`).
//!
//! - wiremock helpers: [`Sequence`], [`mount_catch_all`], [`UnexpectedRequest`];
//! - log capture for canary tests: [`capture_logs`];
//! - fault injection: [`FaultServer`] (a raw TCP server playing resets,
//!   drip feeds, silence, 100 MiB bodies and any [`Canned`] response) and
//!   [`FaultMatrix`], which runs every fault case through one operation of
//!   a client and asserts the typed error, the request count and the time.

mod faults;
mod fuzz;
mod matrix;
mod mutate;
mod per_call;

pub use faults::*;
pub use fuzz::{assert_token_through_cache, replay_seeds};
pub use matrix::*;
pub use mutate::*;
pub use per_call::*;

use std::io;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate, matchers::any};

/// Answers with each response in turn; the last one repeats.
///
/// ```no_run
/// # async fn demo(server: &wiremock::MockServer) {
/// use forecourt_core::testing::Sequence;
/// use wiremock::{Mock, ResponseTemplate, matchers::method};
/// Mock::given(method("GET"))
///     .respond_with(Sequence::new([
///         ResponseTemplate::new(503),
///         ResponseTemplate::new(503),
///         ResponseTemplate::new(200).set_body_json(serde_json::json!({"ok": true})),
///     ]))
///     .mount(server)
///     .await;
/// # }
/// ```
pub struct Sequence {
    responses: Vec<ResponseTemplate>,
    next: AtomicUsize,
}

impl Sequence {
    /// A sequence of responses (at least one).
    pub fn new(responses: impl IntoIterator<Item = ResponseTemplate>) -> Self {
        let mut responses: Vec<_> = responses.into_iter().collect();
        if responses.is_empty() {
            responses.push(ResponseTemplate::new(500));
        }
        Sequence {
            responses,
            next: AtomicUsize::new(0),
        }
    }
}

impl Respond for Sequence {
    fn respond(&self, _request: &Request) -> ResponseTemplate {
        let i = self.next.fetch_add(1, Ordering::SeqCst);
        self.responses[i.min(self.responses.len() - 1)].clone()
    }
}

/// Answers `599` with a body naming the request, so a test that sends
/// something unexpected fails with a message that says what was sent.
pub struct UnexpectedRequest;

impl Respond for UnexpectedRequest {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let query = request
            .url
            .query()
            .map(|q| format!("?{q}"))
            .unwrap_or_default();
        let message = format!(
            "unexpected request: {} {}{}",
            request.method,
            request.url.path(),
            query
        );
        ResponseTemplate::new(599)
            .set_body_json(serde_json::json!({ "errors": [{ "detail": message }] }))
    }
}

/// Mounts a lowest-priority catch-all that answers [`UnexpectedRequest`] and
/// is verified to match nothing: when the server is dropped, any unexpected
/// request fails the test, with the list of requests the server received.
pub async fn mount_catch_all(server: &MockServer) {
    Mock::given(any())
        .respond_with(UnexpectedRequest)
        .with_priority(u8::MAX)
        .expect(0)
        .named("catch-all: no request should reach this")
        .mount(server)
        .await;
}

/// A canary secret unique by construction: `prefix`, then 32 random
/// letters and digits (190 bits): no log line, id or timestamp can hold it
/// by chance.
pub fn canary(prefix: &str) -> String {
    let mut out = String::with_capacity(prefix.len() + 32);
    out.push_str(prefix);
    out.extend(std::iter::repeat_with(fastrand::alphanumeric).take(32));
    out
}

/// A numeric canary of `len` digits (a CVV, an SSN) that starts with `0`
/// and is otherwise random. Check it with [`has_number`]: the numbers
/// the SDK prints (statuses, ports, attempts, milliseconds; logs from
/// [`capture_logs`] carry no timestamps) never start with `0`, so no
/// digit run in them can equal it by chance.
pub fn canary_digits(len: usize) -> String {
    let mut out = String::with_capacity(len);
    out.push('0');
    out.extend(std::iter::repeat_with(|| fastrand::digit(10)).take(len.saturating_sub(1)));
    out
}

/// Whether `text` has a run of digits equal to `number` (whole runs only:
/// `0123` is not found in `401234`).
pub fn has_number(text: &str, number: &str) -> bool {
    text.split(|c: char| !c.is_ascii_digit())
        .any(|run| run == number)
}

/// Everything written to the tracing subscriber installed by [`capture_logs`].
#[derive(Clone, Default)]
pub struct LogCapture {
    buffer: Arc<Mutex<Vec<u8>>>,
}

impl LogCapture {
    /// The captured text.
    pub fn text(&self) -> String {
        let guard = match self.buffer.lock() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        };
        String::from_utf8_lossy(&guard).into_owned()
    }
}

struct CaptureWriter(Arc<Mutex<Vec<u8>>>);

impl io::Write for CaptureWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut guard = match self.0.lock() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        };
        guard.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Installs a TRACE-level subscriber for the current thread (with span
/// fields and span events) and returns what it captures. Keep the guard
/// alive for as long as logs should be captured; use a current-thread runtime.
pub fn capture_logs() -> (LogCapture, tracing::subscriber::DefaultGuard) {
    use tracing_subscriber::fmt::format::FmtSpan;
    let capture = LogCapture::default();
    let buffer = capture.buffer.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_span_events(FmtSpan::FULL)
        .with_ansi(false)
        // No timestamps: their digits could match a short numeric canary.
        .without_time()
        .with_writer(move || CaptureWriter(buffer.clone()))
        .finish();
    let guard = tracing::subscriber::set_default(subscriber);
    (capture, guard)
}

/// The path of the health endpoint of a sandbox served with
/// [`sandbox_server_on`]. No vendor path starts with `/__sandbox`, so it
/// never shadows one.
pub const SANDBOX_HEALTH_PATH: &str = "/__sandbox/health";

/// A mock server for a sandbox served to other processes (the
/// `dealer-sandbox` binary): on `listener`, without request recording (a
/// long-running server would otherwise keep every request in memory), and
/// answering `GET` [`SANDBOX_HEALTH_PATH`] with
/// `200 {"status":"ok","vendor":<vendor>}` for readiness waits.
pub async fn sandbox_server_on(listener: std::net::TcpListener, vendor: &str) -> MockServer {
    let server = MockServer::builder()
        .listener(listener)
        .disable_request_recording()
        .start()
        .await;
    Mock::given(wiremock::matchers::method("GET"))
        .and(wiremock::matchers::path(SANDBOX_HEALTH_PATH))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(serde_json::json!({ "status": "ok", "vendor": vendor })),
        )
        .with_priority(1)
        .named("sandbox health")
        .mount(&server)
        .await;
    server
}
