//! Fault injection: a raw TCP server playing resets, drip feeds, silence,
//! huge bodies and any canned response.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

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
