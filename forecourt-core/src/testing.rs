//! Test helpers shared by the clients' tests and sandboxes (feature `testing`).
//!
//! - wiremock helpers: [`Sequence`], [`mount_catch_all`], [`UnexpectedRequest`];
//! - log capture for canary tests: [`capture_logs`];
//! - fault injection: [`FaultServer`] (a raw TCP server playing resets,
//!   drip feeds, silence, 100 MiB bodies and any [`Canned`] response) and
//!   [`FaultMatrix`], which runs every fault case through one operation of
//!   a client and asserts the typed error, the request count and the time.

use std::future::Future;
use std::io;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate, matchers::any};

use crate::{Error, RetryPolicy};

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

// ---------------------------------------------------------------------------
// Fault injection
// ---------------------------------------------------------------------------

/// A response the [`FaultServer`] writes byte for byte: a status, headers
/// and a body, with a `content-length` that matches the body.
///
/// ```
/// use forecourt_core::testing::Canned;
/// let page = Canned::new(200).body("text/html", "<html>maintenance</html>");
/// let moved = Canned::new(302).header("location", "http://127.0.0.1:9/elsewhere");
/// # let _ = (page, moved);
/// ```
#[derive(Debug, Clone)]
pub struct Canned {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Canned {
    /// An empty response with `status`.
    pub fn new(status: u16) -> Self {
        Canned {
            status,
            headers: Vec::new(),
            body: Vec::new(),
        }
    }

    /// A JSON response.
    pub fn json(status: u16, body: &serde_json::Value) -> Self {
        Canned::new(status).body("application/json", body.to_string())
    }

    /// Adds a header.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Sets the body (any bytes, valid UTF-8 or not) and its content type.
    pub fn body(mut self, content_type: &str, body: impl Into<Vec<u8>>) -> Self {
        self.headers
            .push(("content-type".to_owned(), content_type.to_owned()));
        self.body = body.into();
        self
    }

    fn to_bytes(&self) -> Vec<u8> {
        let reason = http::StatusCode::from_u16(self.status)
            .ok()
            .and_then(|s| s.canonical_reason())
            .unwrap_or("Unknown");
        let mut out = format!("HTTP/1.1 {} {reason}\r\n", self.status);
        for (name, value) in &self.headers {
            out.push_str(&format!("{name}: {value}\r\n"));
        }
        out.push_str(&format!("content-length: {}\r\n\r\n", self.body.len()));
        let mut bytes = out.into_bytes();
        bytes.extend_from_slice(&self.body);
        bytes
    }
}

/// What a [`FaultServer`] does with each request it receives.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum Fault {
    /// Announces a 1,000-byte JSON body, sends 12 bytes of it, closes.
    ResetMidBody,
    /// Sends the headers of a 100-byte body, then one byte every 100 ms.
    Drip,
    /// Reads the request and never answers (holds the connection for 60 s).
    Silent,
    /// Sends the headers of a 100-byte body and 10 bytes of it, then
    /// nothing (holds the connection for 60 s): a download that stalls.
    StallAfterHeaders,
    /// Announces a 100 MiB body and sends none of it.
    HugeDeclared,
    /// Streams a chunked body of up to 100 MiB, without a length, until the
    /// client hangs up; [`FaultServer::sent_bytes`] says how much was pushed.
    HugeChunked,
    /// Answers this response (connections are kept alive).
    Respond(Canned),
}

/// The largest body [`Fault::HugeDeclared`] and [`Fault::HugeChunked`] offer.
pub const HUGE_BODY: usize = 100 * 1024 * 1024;

struct FaultState {
    fault: Fault,
    routes: Vec<(String, Canned)>,
    requests: AtomicUsize,
    routed: AtomicUsize,
    sent_bytes: AtomicUsize,
}

/// A raw HTTP/1.1 server on `127.0.0.1` that plays the faults wiremock
/// cannot: resets mid-body, drip feeds, silence, bodies of 100 MiB; and any
/// [`Canned`] response, byte for byte (malformed UTF-8, wrong content
/// types, redirects).
///
/// Every request gets the fault, except requests whose path (without the
/// query) is one of the [routes](Self::start_with_routes), which get their
/// canned answer: a token endpoint on the same host keeps working while
/// the API calls fail.
///
/// ```
/// # async fn demo() {
/// use forecourt_core::testing::{Fault, FaultServer};
/// let server = FaultServer::start(Fault::ResetMidBody).await;
/// // build a client with `.base_url(server.url())`, call it, then:
/// assert_eq!(server.requests(), 0);
/// # }
/// ```
///
/// The server stops accepting when dropped.
pub struct FaultServer {
    url: String,
    state: Arc<FaultState>,
    accept: tokio::task::JoinHandle<()>,
}

impl std::fmt::Debug for FaultServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FaultServer")
            .field("url", &self.url)
            .field("fault", &self.state.fault)
            .field("requests", &self.requests())
            .finish_non_exhaustive()
    }
}

impl Drop for FaultServer {
    fn drop(&mut self) {
        self.accept.abort();
    }
}

impl FaultServer {
    /// Starts a server playing `fault` for every request.
    pub async fn start(fault: Fault) -> Self {
        Self::start_with_routes(fault, Vec::<(String, Canned)>::new()).await
    }

    /// Starts a server playing `fault`, except for requests to the exact
    /// paths of `routes`, which get their canned answer.
    ///
    /// # Panics
    ///
    /// If no port on `127.0.0.1` can be bound.
    pub async fn start_with_routes(
        fault: Fault,
        routes: impl IntoIterator<Item = (impl Into<String>, Canned)>,
    ) -> Self {
        let listener = match TcpListener::bind("127.0.0.1:0").await {
            Ok(l) => l,
            Err(e) => panic!("fault server: cannot bind 127.0.0.1: {e}"),
        };
        let url = match listener.local_addr() {
            Ok(addr) => format!("http://{addr}"),
            Err(e) => panic!("fault server: no local address: {e}"),
        };
        let state = Arc::new(FaultState {
            fault,
            routes: routes.into_iter().map(|(p, c)| (p.into(), c)).collect(),
            requests: AtomicUsize::new(0),
            routed: AtomicUsize::new(0),
            sent_bytes: AtomicUsize::new(0),
        });
        let shared = state.clone();
        let accept = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(serve_connection(stream, shared.clone()));
            }
        });
        FaultServer { url, state, accept }
    }

    /// The base URL, `http://127.0.0.1:<port>` (no trailing slash).
    pub fn url(&self) -> String {
        self.url.clone()
    }

    /// How many complete requests received the fault (routes not counted).
    pub fn requests(&self) -> usize {
        self.state.requests.load(Ordering::SeqCst)
    }

    /// How many requests were answered by a route.
    pub fn routed_requests(&self) -> usize {
        self.state.routed.load(Ordering::SeqCst)
    }

    /// How many body bytes [`Fault::HugeChunked`] pushed before the client hung up.
    pub fn sent_bytes(&self) -> usize {
        self.state.sent_bytes.load(Ordering::SeqCst)
    }
}

/// A loopback URL on which nothing listens (a port bound, then released):
/// connecting is refused.
///
/// # Panics
///
/// If no port on `127.0.0.1` can be bound.
pub async fn refused_url() -> String {
    let listener = match TcpListener::bind("127.0.0.1:0").await {
        Ok(l) => l,
        Err(e) => panic!("cannot bind 127.0.0.1: {e}"),
    };
    let url = match listener.local_addr() {
        Ok(addr) => format!("http://{addr}"),
        Err(e) => panic!("no local address: {e}"),
    };
    drop(listener);
    url
}

/// Reads one request (head and `content-length` body); its path without
/// the query, or `None` when the client hung up.
async fn read_request(stream: &mut TcpStream) -> Option<String> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        let n = stream.read(&mut chunk).await.ok().filter(|n| *n > 0)?;
        buf.extend_from_slice(&chunk[..n]);
        let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") else {
            continue;
        };
        let head = String::from_utf8_lossy(&buf[..end]).into_owned();
        let len = head
            .lines()
            .find_map(|l| {
                let (name, value) = l.split_once(':')?;
                name.trim()
                    .eq_ignore_ascii_case("content-length")
                    .then(|| value.trim().parse::<usize>().ok())?
            })
            .unwrap_or(0);
        while buf.len() < end + 4 + len {
            let n = stream.read(&mut chunk).await.ok().filter(|n| *n > 0)?;
            buf.extend_from_slice(&chunk[..n]);
        }
        let target = head.lines().next()?.split_whitespace().nth(1)?.to_owned();
        let path = target.split('?').next().unwrap_or_default().to_owned();
        return Some(path);
    }
}

async fn serve_connection(mut stream: TcpStream, state: Arc<FaultState>) {
    while let Some(path) = read_request(&mut stream).await {
        if let Some((_, canned)) = state.routes.iter().find(|(p, _)| *p == path) {
            state.routed.fetch_add(1, Ordering::SeqCst);
            if stream.write_all(&canned.to_bytes()).await.is_err() {
                return;
            }
            continue;
        }
        state.requests.fetch_add(1, Ordering::SeqCst);
        match &state.fault {
            Fault::Respond(canned) => {
                if stream.write_all(&canned.to_bytes()).await.is_err() {
                    return;
                }
                continue;
            }
            Fault::ResetMidBody => {
                let _ = stream
                    .write_all(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{\"data\": \"tr")
                    .await;
                let _ = stream.shutdown().await;
            }
            Fault::Drip => {
                let _ = stream
                    .write_all(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n")
                    .await;
                for _ in 0..100 {
                    if stream.write_all(b" ").await.is_err() {
                        return;
                    }
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
            }
            Fault::Silent => tokio::time::sleep(Duration::from_secs(60)).await,
            Fault::StallAfterHeaders => {
                let _ = stream
                    .write_all(b"HTTP/1.1 200 OK\r\ncontent-type: application/pdf\r\ncontent-length: 100\r\n\r\n%PDF-1.7\n ")
                    .await;
                tokio::time::sleep(Duration::from_secs(60)).await;
            }
            Fault::HugeDeclared => {
                let head = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {HUGE_BODY}\r\n\r\n"
                );
                let _ = stream.write_all(head.as_bytes()).await;
                tokio::time::sleep(Duration::from_secs(5)).await;
            }
            Fault::HugeChunked => {
                let _ = stream
                    .write_all(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n")
                    .await;
                const CHUNK: usize = 64 * 1024;
                let mut framed = format!("{CHUNK:x}\r\n").into_bytes();
                framed.extend(std::iter::repeat_n(b' ', CHUNK));
                framed.extend_from_slice(b"\r\n");
                for _ in 0..HUGE_BODY / CHUNK {
                    if stream.write_all(&framed).await.is_err() {
                        return;
                    }
                    state.sent_bytes.fetch_add(CHUNK, Ordering::SeqCst);
                }
                let _ = stream.write_all(b"0\r\n\r\n").await;
            }
        }
        return;
    }
}

// ---------------------------------------------------------------------------
// The fault matrix
// ---------------------------------------------------------------------------

/// The per-attempt timeout of the matrix's cases that need no waiting.
pub const MATRIX_TIMEOUT: Duration = Duration::from_secs(2);
/// The per-attempt timeout of the matrix's silent and drip cases.
pub const MATRIX_SLOW_TIMEOUT: Duration = Duration::from_millis(300);
/// The clamp on `Retry-After` in the matrix's retry policy (the servers ask
/// for 120 s).
pub const MATRIX_RETRY_AFTER_CLAMP: Duration = Duration::from_millis(50);
/// How many attempts the matrix's retry policy allows.
pub const MATRIX_ATTEMPTS: usize = 3;

/// Where and how a matrix case's client must send: build the client with
/// `.base_url(&target.url).timeout(target.timeout).retry(target.retry.clone())`.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct FaultTarget {
    /// The base URL (a path may be appended, such as `/api/v1`).
    pub url: String,
    /// The per-attempt timeout.
    pub timeout: Duration,
    /// 3 attempts, 1 ms base delay, `Retry-After` clamped to
    /// [`MATRIX_RETRY_AFTER_CLAMP`].
    pub retry: RetryPolicy,
}

/// One operation of a client, as the matrix sees it.
#[derive(Debug, Clone, Copy)]
pub struct MatrixOp {
    name: &'static str,
    idempotent: bool,
    reads_body: bool,
}

impl MatrixOp {
    /// A GET-like operation (retried) that decodes the body.
    pub const fn get(name: &'static str) -> Self {
        MatrixOp {
            name,
            idempotent: true,
            reads_body: true,
        }
    }

    /// A POST-like operation (never re-sent) that decodes the body.
    pub const fn post(name: &'static str) -> Self {
        MatrixOp {
            name,
            idempotent: false,
            reads_body: true,
        }
    }

    /// The operation ignores a success's body (so a bad body is no error).
    pub const fn ignoring_body(mut self) -> Self {
        self.reads_body = false;
        self
    }
}

/// The outcome a matrix case expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Expected {
    /// A success.
    Ok,
    /// [`Error::Connect`].
    Connect,
    /// [`Error::Network`].
    Network,
    /// [`Error::Timeout`].
    Timeout,
    /// [`Error::Api`] with this status.
    Api(u16),
    /// [`Error::Decode`] with a body excerpt.
    Decode,
    /// [`Error::BodyTooLarge`].
    BodyTooLarge,
    /// [`Error::Redirect`].
    Redirect,
}

impl Expected {
    fn matches<T>(self, outcome: &crate::Result<T>) -> bool {
        match (self, outcome) {
            (Expected::Ok, Ok(_)) => true,
            (Expected::Connect, Err(Error::Connect { .. })) => true,
            (Expected::Network, Err(Error::Network { .. })) => true,
            (Expected::Timeout, Err(Error::Timeout { .. })) => true,
            (Expected::Api(s), Err(Error::Api(api))) => api.status.as_u16() == s,
            (Expected::Decode, Err(Error::Decode(d))) => !d.body_excerpt.is_empty(),
            (Expected::BodyTooLarge, Err(Error::BodyTooLarge { .. })) => true,
            (Expected::Redirect, Err(Error::Redirect { .. })) => true,
            _ => false,
        }
    }
}

/// One case of the matrix.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct FaultCase {
    /// What is played, for messages and reports.
    pub name: String,
    /// The fault; `None` means no server at all (connection refused).
    pub fault: Option<Fault>,
    /// The per-attempt timeout.
    pub timeout: Duration,
    /// The expected outcome.
    pub expected: Expected,
    /// How many requests must reach the server (not checked when refused).
    pub requests: usize,
    /// The call must take at least this long (honoured `Retry-After`).
    pub min_elapsed: Duration,
    /// A second server is the redirect's target and must receive nothing.
    pub cross_origin: bool,
}

impl FaultCase {
    /// The most the call may take: every attempt's timeout plus 1 s for
    /// backoffs and scheduling.
    pub fn budget(&self) -> Duration {
        let attempts = u32::try_from(self.requests.max(1)).unwrap_or(u32::MAX);
        self.timeout.saturating_mul(attempts) + Duration::from_secs(1)
    }
}

/// The cases of the fault matrix for `op`.
///
/// Connection refused; reset mid-body; a server that never answers; a slow
/// drip body; 500, 502, 503, 504 and 429, each with and without
/// `Retry-After: 120` (GET retried but for 500, POST sent once); truncated
/// JSON; an HTML page with 200; a wrong content type; malformed UTF-8; a
/// declared and a chunked 100 MiB body; cross-origin redirects (302, 307).
pub fn fault_cases(op: MatrixOp) -> Vec<FaultCase> {
    let attempts = if op.idempotent { MATRIX_ATTEMPTS } else { 1 };
    let case = |name: &str, fault: Option<Fault>, expected: Expected, requests: usize| FaultCase {
        name: name.to_owned(),
        fault,
        timeout: MATRIX_TIMEOUT,
        expected,
        requests,
        min_elapsed: Duration::ZERO,
        cross_origin: false,
    };
    let mut cases = vec![
        case("connection refused", None, Expected::Connect, 0),
        case(
            "reset mid-body",
            Some(Fault::ResetMidBody),
            Expected::Network,
            attempts,
        ),
        FaultCase {
            timeout: MATRIX_SLOW_TIMEOUT,
            min_elapsed: MATRIX_SLOW_TIMEOUT,
            ..case(
                "server never answers",
                Some(Fault::Silent),
                Expected::Timeout,
                attempts,
            )
        },
        FaultCase {
            timeout: MATRIX_SLOW_TIMEOUT,
            min_elapsed: MATRIX_SLOW_TIMEOUT,
            ..case(
                "slow drip body",
                Some(Fault::Drip),
                Expected::Timeout,
                attempts,
            )
        },
    ];
    for status in [500u16, 502, 503, 504, 429] {
        let retried = op.idempotent && status != 500;
        let n = if retried { MATRIX_ATTEMPTS } else { 1 };
        let body = serde_json::json!({ "message": "fault matrix" });
        cases.push(case(
            &format!("{status} without Retry-After"),
            Some(Fault::Respond(Canned::json(status, &body))),
            Expected::Api(status),
            n,
        ));
        let waits = u32::try_from(n - 1).unwrap_or(0);
        cases.push(FaultCase {
            min_elapsed: MATRIX_RETRY_AFTER_CLAMP * waits,
            ..case(
                &format!("{status} with Retry-After: 120"),
                Some(Fault::Respond(
                    Canned::json(status, &body).header("retry-after", "120"),
                )),
                Expected::Api(status),
                n,
            )
        });
    }
    let bad_body = if op.reads_body {
        Expected::Decode
    } else {
        Expected::Ok
    };
    let bodies: [(&str, &str, &[u8]); 4] = [
        (
            "truncated JSON",
            "application/json",
            br#"{"data": [{"id": "1", "na"#,
        ),
        (
            "HTML page with 200",
            "text/html; charset=utf-8",
            b"<!DOCTYPE html><html><body><h1>Service Unavailable</h1></body></html>",
        ),
        (
            "wrong content type",
            "application/x-www-form-urlencoded",
            b"status=ok&id=1",
        ),
        (
            "malformed UTF-8",
            "application/json",
            b"{\"\xc3\x28\": \"\xff\xfe\", \"data\": \"\xed\xa0\x80\"}",
        ),
    ];
    for (name, content_type, body) in bodies {
        cases.push(case(
            name,
            Some(Fault::Respond(
                Canned::new(200).body(content_type, body.to_vec()),
            )),
            bad_body,
            1,
        ));
    }
    cases.push(case(
        "100 MiB body, declared",
        Some(Fault::HugeDeclared),
        Expected::BodyTooLarge,
        1,
    ));
    cases.push(case(
        "100 MiB body, chunked",
        Some(Fault::HugeChunked),
        Expected::BodyTooLarge,
        1,
    ));
    for status in [302u16, 307] {
        cases.push(FaultCase {
            cross_origin: true,
            ..case(
                &format!("cross-origin redirect ({status})"),
                None,
                Expected::Redirect,
                1,
            )
        });
    }
    cases
}

/// Runs the fault matrix ([`fault_cases`]) through one operation of a
/// client, each case against a fresh server, and asserts for each: the
/// typed outcome, the number of requests that reached the server, that the
/// call ended within its [budget](FaultCase::budget) (and not before an
/// honoured `Retry-After`), that a chunked 100 MiB body was cut off early
/// (less than 32 MiB pushed), that a cross-origin redirect's target
/// received nothing, and that no [secret](Self::secret) appears in the
/// error's `Debug`, `Display` or source chain.
///
/// ```no_run
/// # async fn demo() {
/// use forecourt_core::testing::{FaultMatrix, MatrixOp};
/// use forecourt_core::{Request, Operation, TransportBuilder};
/// const GET: Operation = Operation::get("things.get", "/things/1");
/// let cases = FaultMatrix::new()
///     .run(MatrixOp::get("things.get"), |t| async move {
///         let transport = TransportBuilder::new("Demo", "demo/1")
///             .base_url(&t.url)
///             .timeout(t.timeout)
///             .retry(t.retry)
///             .build()?;
///         transport.send_json::<serde_json::Value>(Request::new(GET)).await
///     })
///     .await;
/// assert!(cases > 20);
/// # }
/// ```
#[derive(Debug, Clone, Default)]
pub struct FaultMatrix {
    routes: Vec<(String, Canned)>,
    secrets: Vec<String>,
}

impl FaultMatrix {
    /// A matrix with no routes and no secrets.
    pub fn new() -> Self {
        FaultMatrix::default()
    }

    /// Answers requests to `path` with `canned` on every case's server (a
    /// token endpoint on the API's host).
    pub fn route(mut self, path: impl Into<String>, canned: Canned) -> Self {
        self.routes.push((path.into(), canned));
        self
    }

    /// A text that must never appear in an error.
    pub fn secret(mut self, text: impl Into<String>) -> Self {
        self.secrets.push(text.into());
        self
    }

    /// Runs every case through `call` and returns how many were run.
    ///
    /// # Panics
    ///
    /// After the last case, if any case failed, listing every failure.
    pub async fn run<T, F, Fut>(&self, op: MatrixOp, call: F) -> usize
    where
        T: std::fmt::Debug,
        F: Fn(FaultTarget) -> Fut,
        Fut: Future<Output = crate::Result<T>>,
    {
        let cases = fault_cases(op);
        let mut failures = Vec::new();
        for case in &cases {
            if let Err(why) = self.run_case(case, &call).await {
                failures.push(format!("{} / {}: {why}", op.name, case.name));
            }
        }
        assert!(
            failures.is_empty(),
            "{} of {} fault cases failed:\n{}",
            failures.len(),
            cases.len(),
            failures.join("\n")
        );
        cases.len()
    }

    async fn run_case<T, F, Fut>(&self, case: &FaultCase, call: &F) -> Result<(), String>
    where
        T: std::fmt::Debug,
        F: Fn(FaultTarget) -> Fut,
        Fut: Future<Output = crate::Result<T>>,
    {
        let elsewhere = if case.cross_origin {
            let other = MockServer::start().await;
            Mock::given(any())
                .respond_with(ResponseTemplate::new(200))
                .mount(&other)
                .await;
            Some(other)
        } else {
            None
        };
        let fault = match (&case.fault, &elsewhere) {
            (Some(f), _) => Some(f.clone()),
            (None, Some(other)) => {
                let status = if case.name.contains("307") { 307 } else { 302 };
                Some(Fault::Respond(
                    Canned::new(status).header("location", format!("{}/stolen", other.uri())),
                ))
            }
            (None, None) => None,
        };
        let server = match fault {
            Some(f) => Some(FaultServer::start_with_routes(f, self.routes.clone()).await),
            None => None,
        };
        let url = match &server {
            Some(s) => s.url(),
            None => refused_url().await,
        };
        let target = FaultTarget {
            url,
            timeout: case.timeout,
            retry: RetryPolicy::default()
                .max_attempts(MATRIX_ATTEMPTS as u32)
                .base_delay(Duration::from_millis(1))
                .max_retry_after(MATRIX_RETRY_AFTER_CLAMP),
        };
        let started = std::time::Instant::now();
        let outcome = call(target).await;
        let elapsed = started.elapsed();
        if !case.expected.matches(&outcome) {
            return Err(format!("expected {:?}, got {outcome:?}", case.expected));
        }
        if let Some(s) = &server {
            let got = s.requests();
            if got != case.requests {
                return Err(format!(
                    "expected {} request(s), the server received {got}",
                    case.requests
                ));
            }
            if matches!(case.fault, Some(Fault::HugeChunked)) && s.sent_bytes() >= 32 << 20 {
                return Err(format!(
                    "the client read on: {} bytes pushed",
                    s.sent_bytes()
                ));
            }
        }
        if elapsed > case.budget() {
            return Err(format!(
                "took {elapsed:?}, over the budget of {:?}",
                case.budget()
            ));
        }
        if elapsed < case.min_elapsed {
            return Err(format!(
                "took {elapsed:?}, less than {:?}",
                case.min_elapsed
            ));
        }
        if let Some(other) = &elsewhere {
            let leaked = other.received_requests().await.unwrap_or_default().len();
            if leaked != 0 {
                return Err(format!("the other origin received {leaked} request(s)"));
            }
        }
        if let Err(e) = &outcome {
            let mut texts = vec![format!("{e:?}"), e.to_string()];
            let mut source = std::error::Error::source(e);
            while let Some(s) = source {
                texts.push(format!("{s:?} {s}"));
                source = s.source();
            }
            for secret in &self.secrets {
                if texts.iter().any(|t| t.contains(secret.as_str())) {
                    return Err("a secret appears in the error".to_owned());
                }
            }
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------
// Mutated fixtures (for property tests and fuzzing)
// ---------------------------------------------------------------------------

/// Bytes that tend to break JSON parsers and decoders when inserted.
const INTERESTING: &[&[u8]] = &[
    b"{",
    b"}",
    b"[",
    b"]",
    b"\"",
    b",",
    b":",
    b"\\",
    b"\\u",
    b"\\ud800",
    b"-",
    b"0",
    b"1e999",
    b"-0.0e-5",
    b"18446744073709551616",
    b"null",
    b"true",
    b"\xc3\x28",
    b"\xff",
    b"\x00",
    b"\xf0\x9f\x98",
    b" ",
];

fn other_type(rng: &mut fastrand::Rng) -> serde_json::Value {
    use serde_json::json;
    let choices = [
        json!(null),
        json!(true),
        json!(false),
        json!(0),
        json!(-1),
        json!(u64::MAX),
        json!(i64::MIN),
        json!(1.5e300),
        json!(-0.000001),
        json!(""),
        json!("x"),
        json!("12.50"),
        json!("-1"),
        json!("2024-13-45"),
        json!("9999-12-31T23:59:59Z"),
        json!([]),
        json!([null]),
        json!({}),
        json!({"data": null}),
        json!("\u{0}\u{fffd}"),
    ];
    choices[rng.usize(..choices.len())].clone()
}

fn value_paths(v: &serde_json::Value, at: &mut Vec<String>, prefix: &str) {
    at.push(prefix.to_owned());
    match v {
        serde_json::Value::Object(map) => {
            for (k, child) in map {
                let key = k.replace('~', "~0").replace('/', "~1");
                value_paths(child, at, &format!("{prefix}/{key}"));
            }
        }
        serde_json::Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                value_paths(child, at, &format!("{prefix}/{i}"));
            }
        }
        _ => {}
    }
}

/// A mutated copy of `fixture`, chosen by `seed` (the same seed gives the
/// same bytes): one to three of flipping bytes, inserting bytes that break
/// parsers (brackets, quotes, escapes, huge numbers, invalid UTF-8),
/// deleting a range, truncating, duplicating a range, or replacing values
/// with values of other JSON types (`null`, numbers as strings, `u64::MAX`,
/// arrays for objects, ...).
///
/// For property tests and fuzz targets: feed the result to a decoder and
/// assert it returns (`Ok` or `Err`) without panicking.
///
/// ```
/// let fixture = br#"{"id": 1, "name": "x", "items": [1, 2]}"#;
/// let a = forecourt_core::testing::mutate_json(fixture, 7);
/// assert_eq!(a, forecourt_core::testing::mutate_json(fixture, 7));
/// ```
pub fn mutate_json(fixture: &[u8], seed: u64) -> Vec<u8> {
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut out = fixture.to_vec();
    for _ in 0..rng.usize(1..=3) {
        let len = out.len();
        match rng.u8(..6) {
            0 if len > 0 => {
                for _ in 0..rng.usize(1..=4) {
                    let i = rng.usize(..len);
                    out[i] ^= rng.u8(1..);
                }
            }
            1 => {
                let piece = INTERESTING[rng.usize(..INTERESTING.len())];
                let at = rng.usize(..=len);
                out.splice(at..at, piece.iter().copied());
            }
            2 if len > 0 => {
                let start = rng.usize(..len);
                let end = (start + rng.usize(1..=16)).min(len);
                out.drain(start..end);
            }
            3 if len > 0 => out.truncate(rng.usize(..len)),
            4 if len > 0 => {
                let start = rng.usize(..len);
                let end = (start + rng.usize(1..=64)).min(len);
                let copy = out[start..end].to_vec();
                let at = rng.usize(..=out.len());
                out.splice(at..at, copy);
            }
            _ => {
                let Ok(mut value) = serde_json::from_slice::<serde_json::Value>(&out) else {
                    continue;
                };
                let mut paths = Vec::new();
                value_paths(&value, &mut paths, "");
                for _ in 0..rng.usize(1..=3) {
                    let path = &paths[rng.usize(..paths.len())];
                    if let Some(slot) = value.pointer_mut(path) {
                        *slot = other_type(&mut rng);
                    }
                }
                out = value.to_string().into_bytes();
            }
        }
    }
    out
}
