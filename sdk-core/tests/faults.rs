//! The fault matrix: every fault a vendor or a network can produce, each
//! case asserting the typed error, how many requests reached the server, and
//! that the call ended within its time budget.
//!
//! A raw TCP server plays the faults wiremock cannot (resets mid-body, drip
//! feeds, endless bodies); wiremock plays the rest.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use sdk_core::{Error, Operation, Request, RetryPolicy, Transport, TransportBuilder};
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

const GET: Operation = Operation::get("faults.get", "/thing");
const POST: Operation = Operation::post("faults.create", "/thing");

#[derive(Debug, serde::Deserialize)]
#[allow(dead_code)]
struct Thing {
    name: String,
}

/// What the raw server does with each request.
#[derive(Clone, Copy)]
enum Fault {
    /// Announces 1,000 bytes, sends 10, closes.
    ResetMidBody,
    /// Sends headers, then one byte every 100 ms.
    Drip,
    /// Reads the request and never answers.
    Silent,
    /// Announces 100 MiB.
    HugeDeclared,
    /// Streams chunks without a length until the client hangs up.
    HugeChunked,
}

struct RawServer {
    url: String,
    requests: Arc<AtomicUsize>,
    sent_bytes: Arc<AtomicUsize>,
}

async fn read_request(stream: &mut TcpStream) -> bool {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 1024];
    loop {
        match stream.read(&mut chunk).await {
            Ok(0) | Err(_) => return false,
            Ok(n) => {
                buf.extend_from_slice(&chunk[..n]);
                if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                    let head = String::from_utf8_lossy(&buf[..end]).to_ascii_lowercase();
                    let len = head
                        .lines()
                        .find_map(|l| l.strip_prefix("content-length:"))
                        .and_then(|v| v.trim().parse::<usize>().ok())
                        .unwrap_or(0);
                    while buf.len() < end + 4 + len {
                        match stream.read(&mut chunk).await {
                            Ok(0) | Err(_) => return false,
                            Ok(n) => buf.extend_from_slice(&chunk[..n]),
                        }
                    }
                    return true;
                }
            }
        }
    }
}

async fn raw_server(fault: Fault) -> RawServer {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let requests = Arc::new(AtomicUsize::new(0));
    let sent_bytes = Arc::new(AtomicUsize::new(0));
    let (r, sent) = (requests.clone(), sent_bytes.clone());
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let (r, sent) = (r.clone(), sent.clone());
            tokio::spawn(async move {
                if !read_request(&mut stream).await {
                    return;
                }
                r.fetch_add(1, Ordering::SeqCst);
                match fault {
                    Fault::ResetMidBody => {
                        let _ = stream
                            .write_all(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{\"name\": \"tr")
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
                    Fault::Silent => {
                        tokio::time::sleep(Duration::from_secs(60)).await;
                    }
                    Fault::HugeDeclared => {
                        let _ = stream
                            .write_all(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 104857600\r\n\r\n")
                            .await;
                        tokio::time::sleep(Duration::from_secs(5)).await;
                    }
                    Fault::HugeChunked => {
                        let _ = stream
                            .write_all(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n")
                            .await;
                        let chunk = vec![b' '; 64 * 1024];
                        let framed = [
                            format!("{:x}\r\n", chunk.len()).into_bytes(),
                            chunk,
                            b"\r\n".to_vec(),
                        ]
                        .concat();
                        // at most 100 MiB, stopped by the client hanging up
                        for _ in 0..1600 {
                            if stream.write_all(&framed).await.is_err() {
                                return;
                            }
                            sent.fetch_add(64 * 1024, Ordering::SeqCst);
                        }
                    }
                }
            });
        }
    });
    RawServer {
        url,
        requests,
        sent_bytes,
    }
}

fn transport(url: &str, timeout: Duration) -> Transport {
    TransportBuilder::new("Test", "t/1")
        .base_url(url)
        .timeout(timeout)
        .retry(RetryPolicy::default().base_delay(Duration::from_millis(1)))
        .build()
        .unwrap()
}

async fn get(t: &Transport) -> sdk_core::Result<Thing> {
    t.send_json::<Thing>(Request::new(GET)).await
}

async fn post(t: &Transport) -> sdk_core::Result<Thing> {
    t.send_json::<Thing>(Request::new(POST).json(&json!({"name": "x"})).unwrap())
        .await
}

#[tokio::test]
async fn reset_mid_body_get_retried_post_not() {
    let s = raw_server(Fault::ResetMidBody).await;
    let t = transport(&s.url, Duration::from_secs(5));
    let started = Instant::now();
    let err = get(&t).await.unwrap_err();
    assert!(matches!(err, Error::Network { .. }), "{err:?}");
    assert_eq!(s.requests.load(Ordering::SeqCst), 3);
    let err = post(&t).await.unwrap_err();
    assert!(matches!(err, Error::Network { .. }), "{err:?}");
    assert_eq!(s.requests.load(Ordering::SeqCst), 4);
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[tokio::test]
async fn slow_drip_body_times_out() {
    let s = raw_server(Fault::Drip).await;
    let t = transport(&s.url, Duration::from_millis(300));
    let started = Instant::now();
    let err = post(&t).await.unwrap_err();
    assert!(matches!(err, Error::Timeout { .. }), "{err:?}");
    assert_eq!(s.requests.load(Ordering::SeqCst), 1);
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn silent_server_times_out_within_budget() {
    let s = raw_server(Fault::Silent).await;
    let t = transport(&s.url, Duration::from_millis(200));
    let started = Instant::now();
    let err = get(&t).await.unwrap_err();
    assert!(matches!(err, Error::Timeout { .. }), "{err:?}");
    assert_eq!(s.requests.load(Ordering::SeqCst), 3);
    // 3 attempts of 200 ms plus tiny backoffs
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn declared_100_mib_body_is_refused_without_reading_it() {
    let s = raw_server(Fault::HugeDeclared).await;
    let t = transport(&s.url, Duration::from_secs(5));
    let started = Instant::now();
    let err = get(&t).await.unwrap_err();
    assert!(
        matches!(err, Error::BodyTooLarge { limit, .. } if limit == 16 * 1024 * 1024),
        "{err:?}"
    );
    assert_eq!(s.requests.load(Ordering::SeqCst), 1, "not retried");
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[tokio::test]
async fn endless_chunked_body_stops_at_the_cap() {
    let s = raw_server(Fault::HugeChunked).await;
    let t = TransportBuilder::new("Test", "t/1")
        .base_url(&s.url)
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
    let sent = s.sent_bytes.load(Ordering::SeqCst);
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
