//! What the SDK's pipeline costs over hand-written reqwest code, measured in
//! the same run against the same minimal local hyper server.
//!
//! - `overhead/*`: one typed GET (auth, retry layer, tracing, capped read,
//!   path-aware decode) vs plain `reqwest` + `serde_json`, for a small body.
//!   The 25-vehicle page case uses the real Autengo model and client, so it
//!   lives in `autengo-client/benches/autengo.rs`.
//! - `concurrency/1000_gets`: 1,000 concurrent GETs through one client vs
//!   plain reqwest; the server counts connections to show reuse.
//! - `token_cache/1000_concurrent_empty`: 1,000 concurrent calls on an empty
//!   token cache; asserts exactly one token request.
//!
//! Run: `cargo bench -p sdk-core --features testing --bench transport`
//!
//! The local server is `benches/support/local_server.rs`, shared with the
//! client crates' bench targets.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

#[path = "support/local_server.rs"]
mod local_server;

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use bytes::Bytes;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use futures::FutureExt;
use local_server::LocalServer;
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

fn small_body() -> Bytes {
    Bytes::from_static(br#"{"id":12345,"status":"approved","amount":"433.34"}"#)
}

async fn serve() -> LocalServer {
    local_server::serve(|_, _| small_body()).await
}

const SMALL: Operation = Operation::get("bench.small", "/small");

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
    g.throughput(criterion::Throughput::Elements(1000));
    let start = server.connections();
    g.bench_function(BenchmarkId::new("1000_gets", "reqwest+serde_json"), |b| {
        b.to_async(&rt).iter(|| async {
            let calls = (0..1000).map(|_| plain_get::<Small>(&pc, &url));
            futures::future::join_all(calls).await
        })
    });
    let (before, requests_before) = (server.connections(), server.requests());
    let plain_connections = before - start;
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
        "concurrency: connections opened: reqwest+serde_json {plain_connections}, sdk {} (for {} sdk requests)",
        server.connections() - before,
        server.requests() - requests_before
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
}

criterion_group!(benches, overhead, concurrency, token_cache);
criterion_main!(benches);
