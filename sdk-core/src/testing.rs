//! Test helpers shared by the clients' tests and sandboxes (feature `testing`).

use std::io;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate, matchers::any};

/// Answers with each response in turn; the last one repeats.
///
/// ```no_run
/// # async fn demo(server: &wiremock::MockServer) {
/// use sdk_core::testing::Sequence;
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
        .with_writer(move || CaptureWriter(buffer.clone()))
        .finish();
    let guard = tracing::subscriber::set_default(subscriber);
    (capture, guard)
}
