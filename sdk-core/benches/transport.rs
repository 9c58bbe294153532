//! What the SDK's pipeline costs over hand-written reqwest code, measured in
//! the same run against the same minimal local hyper server.
//!
//! - `overhead/*`: one typed GET (auth, retry layer, tracing, capped read,
//!   path-aware decode) vs plain `reqwest` + `serde_json`, for a small body and
//!   a 25-item page.
//! - `concurrency/1000_gets`: 1,000 concurrent GETs through one client vs
//!   plain reqwest; the server counts connections to show reuse.
//! - `token_cache/1000_concurrent_empty`: 1,000 concurrent calls on an empty
//!   token cache; asserts exactly one token request.
//!
//! Run: `cargo bench -p sdk-core --all-features --bench transport`
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use bytes::Bytes;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use futures::FutureExt;
use http_body_util::Full;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use sdk_core::{
    AccessToken, Auth, Operation, Request, SecretString, TokenCache, TokenPlacement, Transport,
    TransportBuilder,
};
use serde::Deserialize;

#[derive(Deserialize)]
#[allow(dead_code)]
struct Small {
    id: sdk_core::serde_helpers::Id,
    status: String,
    #[serde(with = "sdk_core::serde_helpers::decimal::number")]
    amount: rust_decimal::Decimal,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Row {
    #[serde(rename = "sellingId")]
    selling_id: u64,
    make: String,
    model: String,
    #[serde(with = "sdk_core::serde_helpers::decimal::number")]
    price: rust_decimal::Decimal,
    kilometers: u64,
    #[serde(rename = "firstRegistration")]
    first_registration: jiff::civil::Date,
    equipment: Vec<String>,
    description: String,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct PageBody {
    total: u64,
    offset: u64,
    limit: u64,
    items: Vec<Row>,
}

fn small_body() -> Bytes {
    Bytes::from_static(br#"{"id":12345,"status":"approved","amount":"433.34"}"#)
}

fn page_body(n: usize) -> Bytes {
    let items: Vec<_> = (0..n)
        .map(|i| {
            serde_json::json!({
                "sellingId": 100_000 + i,
                "make": "Ford", "model": "Focus Titanium",
                "price": 12_990.5 + i as f64,
                "kilometers": 25_000 + i * 1000,
                "firstRegistration": "2017-03-01",
                "equipment": ["ABS", "ESP", "Navigation", "Heated seats", "Bluetooth"],
                "description": "Well kept, one owner, full service history. ".repeat(4),
            })
        })
        .collect();
    serde_json::to_vec(&serde_json::json!({"total": 1000, "offset": 0, "limit": n, "items": items}))
        .unwrap()
        .into()
}

struct Server {
    addr: SocketAddr,
    connections: Arc<AtomicU64>,
    token_requests: Arc<AtomicU64>,
}

async fn serve() -> Server {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let connections = Arc::new(AtomicU64::new(0));
    let token_requests = Arc::new(AtomicU64::new(0));
    let small = small_body();
    let page = page_body(25);
    let (c, _t) = (connections.clone(), token_requests.clone());
    tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                return;
            };
            c.fetch_add(1, Ordering::Relaxed);
            let (small, page) = (small.clone(), page.clone());
            tokio::spawn(async move {
                let svc = service_fn(move |req: hyper::Request<hyper::body::Incoming>| {
                    let body = if req.uri().path().ends_with("/page") {
                        page.clone()
                    } else {
                        small.clone()
                    };
                    async move {
                        Ok::<_, Infallible>(
                            hyper::Response::builder()
                                .header("content-type", "application/json")
                                .body(Full::new(body))
                                .unwrap(),
                        )
                    }
                });
                let _ = http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), svc)
                    .await;
            });
        }
    });
    Server {
        addr,
        connections,
        token_requests,
    }
}

const SMALL: Operation = Operation::get("bench.small", "/small");
const PAGE: Operation = Operation::get("bench.page", "/page");

fn sdk(addr: SocketAddr) -> Transport {
    TransportBuilder::new("Bench", "bench/1")
        .base_url(format!("http://{addr}"))
        .auth(Auth::header("X-Api-Key", SecretString::from("bench-key")).unwrap())
        .build()
        .unwrap()
}

fn plain(addr: SocketAddr) -> (reqwest::Client, String) {
    (reqwest::Client::new(), format!("http://{addr}"))
}

async fn plain_get<T: serde::de::DeserializeOwned>(c: &reqwest::Client, url: &str) -> T {
    let bytes = c
        .get(url)
        .header("x-api-key", "bench-key")
        .header("accept", "application/json")
        .send()
        .await
        .unwrap()
        .error_for_status()
        .unwrap()
        .bytes()
        .await
        .unwrap();
    serde_json::from_slice(&bytes).unwrap()
}

fn overhead(c: &mut Criterion) {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let server = rt.block_on(serve());
    let t = sdk(server.addr);
    let (pc, base) = plain(server.addr);
    let mut g = c.benchmark_group("overhead");
    g.bench_function(BenchmarkId::new("small", "reqwest+serde_json"), |b| {
        let url = format!("{base}/small");
        b.to_async(&rt).iter(|| plain_get::<Small>(&pc, &url))
    });
    g.bench_function(BenchmarkId::new("small", "sdk"), |b| {
        b.to_async(&rt)
            .iter(|| async { t.send_json::<Small>(Request::new(SMALL)).await.unwrap() })
    });
    g.bench_function(BenchmarkId::new("page25", "reqwest+serde_json"), |b| {
        let url = format!("{base}/page");
        b.to_async(&rt).iter(|| plain_get::<PageBody>(&pc, &url))
    });
    g.bench_function(BenchmarkId::new("page25", "sdk"), |b| {
        b.to_async(&rt)
            .iter(|| async { t.send_json::<PageBody>(Request::new(PAGE)).await.unwrap() })
    });
    g.finish();
}

fn concurrency(c: &mut Criterion) {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let server = rt.block_on(serve());
    let t = sdk(server.addr);
    let (pc, base) = plain(server.addr);
    let url = format!("{base}/small");
    let mut g = c.benchmark_group("concurrency");
    g.sample_size(20).measurement_time(Duration::from_secs(10));
    g.bench_function(BenchmarkId::new("1000_gets", "reqwest+serde_json"), |b| {
        b.to_async(&rt).iter(|| async {
            let calls = (0..1000).map(|_| plain_get::<Small>(&pc, &url));
            futures::future::join_all(calls).await
        })
    });
    let before = server.connections.load(Ordering::Relaxed);
    g.bench_function(BenchmarkId::new("1000_gets", "sdk"), |b| {
        b.to_async(&rt).iter(|| async {
            let calls = (0..1000).map(|_| {
                t.send_json::<Small>(Request::new(SMALL))
                    .map(Result::unwrap)
            });
            futures::future::join_all(calls).await
        })
    });
    g.finish();
    eprintln!(
        "concurrency: connections opened by the SDK client during its benchmark: {}",
        server.connections.load(Ordering::Relaxed) - before
    );
}

#[derive(Clone)]
struct SlowSource(Arc<AtomicU64>);

impl sdk_core::TokenSource for SlowSource {
    fn fetch(&self) -> futures::future::BoxFuture<'_, sdk_core::Result<AccessToken>> {
        async move {
            self.0.fetch_add(1, Ordering::SeqCst);
            tokio::time::sleep(Duration::from_millis(5)).await;
            Ok(AccessToken::new(
                SecretString::from("tok"),
                Some(Duration::from_secs(3600)),
            ))
        }
        .boxed()
    }
}

fn token_cache(c: &mut Criterion) {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let server = rt.block_on(serve());
    let mut g = c.benchmark_group("token_cache");
    g.sample_size(10);
    g.bench_function("1000_concurrent_empty", |b| {
        b.to_async(&rt).iter(|| async {
            let fetches = Arc::new(AtomicU64::new(0));
            let t = TransportBuilder::new("Bench", "bench/1")
                .base_url(format!("http://{}", server.addr))
                .auth(Auth::token_source(
                    TokenCache::new(SlowSource(fetches.clone())),
                    TokenPlacement::Bearer,
                ))
                .build()
                .unwrap();
            let calls = (0..1000).map(|_| {
                t.send_json::<Small>(Request::new(SMALL))
                    .map(Result::unwrap)
            });
            futures::future::join_all(calls).await;
            assert_eq!(
                fetches.load(Ordering::SeqCst),
                1,
                "one token request for 1,000 calls"
            );
        })
    });
    g.finish();
    let _ = server.token_requests.load(Ordering::Relaxed);
}

criterion_group!(benches, overhead, concurrency, token_cache);
criterion_main!(benches);
