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
//! Run: `cargo bench -p forecourt-core --features testing --bench transport`
//!
//! The local server is `benches/support/local_server.rs`, shared with the
//! client crates' bench targets.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

#[path = "support/local_server.rs"]
mod local_server;
#[path = "support/plain.rs"]
mod plain;
#[path = "support/small.rs"]
mod small;

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use forecourt_core::{
    AccessToken, Auth, Request, SecretString, TokenCache, TokenPlacement, Transport,
    TransportBuilder,
};
use futures::FutureExt;
use local_server::LocalServer;
use small::{SMALL, Small};

async fn serve() -> LocalServer {
    local_server::serve(|_, _| small::body()).await
}

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

async fn plain_get(c: &reqwest::Client, url: &str) -> Small {
    plain::get_json(c, url, small::HEADERS).await
}

fn overhead(c: &mut Criterion) {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let server = rt.block_on(serve());
    let t = sdk(server.addr);
    let (pc, base) = plain(server.addr);
    let mut g = c.benchmark_group("overhead");
    // Each measured twice, in turn: on this shared VM a drift over the run
    // shows as a difference between the two measurements of one variant.
    let url = format!("{base}/small");
    for again in ["", " (again)"] {
        g.bench_function(
            BenchmarkId::new("small", format!("reqwest+serde_json{again}")),
            |b| b.to_async(&rt).iter(|| plain_get(&pc, &url)),
        );
        g.bench_function(BenchmarkId::new("small", format!("sdk{again}")), |b| {
            b.to_async(&rt)
                .iter(|| async { t.send_json::<Small>(Request::new(SMALL)).await.unwrap() })
        });
    }
    g.finish();
}

/// A client for one `concurrency` variant: created right before its
/// benchmark and dropped right after, so that no variant runs while
/// another's idle connections are still open on the server.
enum Client {
    Plain(reqwest::Client, String),
    Sdk(Transport),
}

impl Client {
    async fn thousand_gets(&self) {
        match self {
            Client::Plain(c, url) => {
                let calls = (0..1000).map(|_| plain_get(c, url));
                futures::future::join_all(calls).await;
            }
            Client::Sdk(t) => {
                let calls = (0..1000).map(|_| {
                    t.send_json::<Small>(Request::new(SMALL))
                        .map(Result::unwrap)
                });
                futures::future::join_all(calls).await;
            }
        }
    }
}

fn concurrency(c: &mut Criterion) {
    // Two set-ups. "shared": client and server on one multi-threaded
    // runtime (three busy threads on two cores, as before). "split": the
    // server on a thread of its own, the client on a current-thread runtime
    // on the other core; the client's own cost then sets the pace, and
    // there is less scheduler noise.
    let shared_rt = tokio::runtime::Runtime::new().unwrap();
    let shared_server = shared_rt.block_on(serve());
    let split_rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let split_server = local_server::serve_on_own_thread(|_, _| small::body());
    let mut g = c.benchmark_group("concurrency");
    g.sample_size(20).measurement_time(Duration::from_secs(10));
    g.throughput(criterion::Throughput::Elements(1000));
    for (setup, rt, server) in [
        ("shared", &shared_rt, &shared_server),
        ("split", &split_rt, &split_server),
    ] {
        let url = format!("http://{}/small", server.addr);
        // Plain, SDK, and each once more: a drift over the run shows as a
        // difference between the two measurements of the same variant.
        let variants: [(&str, &dyn Fn() -> Client); 4] = [
            ("reqwest+serde_json", &|| {
                Client::Plain(reqwest::Client::new(), url.clone())
            }),
            ("sdk", &|| Client::Sdk(sdk(server.addr))),
            ("reqwest+serde_json (again)", &|| {
                Client::Plain(reqwest::Client::new(), url.clone())
            }),
            ("sdk (again)", &|| Client::Sdk(sdk(server.addr))),
        ];
        for (name, make) in variants {
            let client = make();
            let (connections, requests) = (server.connections(), server.requests());
            let id = BenchmarkId::new(format!("1000_gets_{setup}"), name);
            g.bench_function(id, |b| b.to_async(rt).iter(|| client.thousand_gets()));
            eprintln!(
                "concurrency/{setup}/{name}: {} connections opened for {} requests",
                server.connections() - connections,
                server.requests() - requests
            );
            drop(client);
            // Let the server see the closed connections before the next variant.
            rt.block_on(async { tokio::time::sleep(Duration::from_millis(200)).await });
        }
    }
    g.finish();
}

#[derive(Clone)]
struct SlowSource(Arc<AtomicU64>);

impl forecourt_core::TokenSource for SlowSource {
    fn fetch(&self) -> futures::future::BoxFuture<'_, forecourt_core::Result<AccessToken>> {
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
