//! Figures 1a and 4 as paired ratios: one SDK transport vs plain
//! `reqwest` with `serde_json`, measured as adjacent batches, many times
//! over. A batch is 200 sequential small GETs (1a, call overhead) or 1,000
//! concurrent ones (4, throughput).
//!
//! Why not only criterion: on this shared 2-core VM, two criterion
//! benchmarks of the *same* code measured a minute apart differed by up to
//! 10 %, more than the effect being measured. Here each pair is two batches
//! run back to back (the order alternates from pair to pair), so a drift
//! of the machine hits both members of a pair alike. Reported: the median
//! of the per-pair ratios (SDK time / plain time for 1a, plain time / SDK
//! time, i.e. throughput, for 4) with their quartiles, in the two set-ups
//! of `transport.rs`'s `concurrency` group:
//! "shared" (client and server on one multi-threaded runtime) and "split"
//! (the server on a thread of its own, the client on a current-thread
//! runtime).
//!
//! Not a criterion timing: it prints its figures.
//! Run: `cargo bench -p forecourt-core --bench paired`
//! (without `--bench`, e.g. under `cargo test --all-targets`, it runs a
//! 3-pair smoke pass).
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

#[path = "support/local_server.rs"]
mod local_server;
#[path = "support/plain.rs"]
mod plain;
#[path = "support/small.rs"]
mod small;

use std::future::Future;
use std::time::{Duration, Instant};

use forecourt_core::{Auth, Request, SecretString, Transport, TransportBuilder};
use futures::FutureExt;
use small::{SMALL, Small};

async fn plain_get(c: &reqwest::Client, url: &str) -> Small {
    plain::get_json(c, url, small::HEADERS).await
}

/// What one batch is.
#[derive(Clone, Copy)]
enum Batch {
    /// 200 GETs, one after the other (figure 1a).
    Sequential,
    /// 1,000 GETs at once (figure 4).
    Concurrent,
}

async fn plain_batch(batch: Batch, c: &reqwest::Client, url: &str) {
    match batch {
        Batch::Sequential => {
            for _ in 0..200 {
                plain_get(c, url).await;
            }
        }
        Batch::Concurrent => {
            futures::future::join_all((0..1000).map(|_| plain_get(c, url))).await;
        }
    }
}

async fn sdk_batch(batch: Batch, t: &Transport) {
    match batch {
        Batch::Sequential => {
            for _ in 0..200 {
                t.send_json::<Small>(Request::new(SMALL)).await.unwrap();
            }
        }
        Batch::Concurrent => {
            let calls = (0..1000).map(|_| {
                t.send_json::<Small>(Request::new(SMALL))
                    .map(Result::unwrap)
            });
            futures::future::join_all(calls).await;
        }
    }
}

/// Milliseconds to run `batch` to completion on `rt`.
fn time(rt: &tokio::runtime::Runtime, batch: impl Future<Output = ()>) -> f64 {
    let started = Instant::now();
    rt.block_on(batch);
    started.elapsed().as_secs_f64() * 1e3
}

fn quartiles(mut v: Vec<f64>) -> (f64, f64, f64) {
    v.sort_by(f64::total_cmp);
    let at = |q: f64| v[((v.len() - 1) as f64 * q).round() as usize];
    (at(0.25), at(0.5), at(0.75))
}

fn run(
    batch: Batch,
    setup: &str,
    rt: &tokio::runtime::Runtime,
    server: &local_server::LocalServer,
    pairs: usize,
) {
    let url = format!("http://{}/small", server.addr);
    let plain = reqwest::Client::new();
    // The second baseline: plain reqwest with a per-request timeout, as
    // the SDK always has one (30 s by default; reqwest has none).
    let plain_timeout = reqwest::Client::builder()
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap();
    let sdk = TransportBuilder::new("Bench", "bench/1")
        .base_url(server.url())
        .auth(Auth::header("X-Api-Key", SecretString::from("bench-key")).unwrap())
        .build()
        .unwrap();
    let plain_run = || time(rt, plain_batch(batch, &plain, &url));
    let plain_timeout_run = || time(rt, plain_batch(batch, &plain_timeout, &url));
    let sdk_run = || time(rt, sdk_batch(batch, &sdk));
    let runs: [&dyn Fn() -> f64; 3] = [&plain_run, &plain_timeout_run, &sdk_run];
    // Warm-up: connections opened, allocator and caches settled.
    for _ in 0..5 {
        for run in runs {
            run();
        }
    }
    let (connections, requests) = (server.connections(), server.requests());
    let mut ms: [Vec<f64>; 3] = Default::default();
    let (mut ratios, mut ratios_timeout) = (vec![], vec![]);
    for round in 0..pairs {
        // The three batches of a round run back to back, in a rotating order.
        let mut t = [0.0; 3];
        for k in 0..3 {
            let i = (round + k) % 3;
            t[i] = runs[i]();
        }
        let ratio = |base: f64| match batch {
            Batch::Sequential => t[2] / base,
            Batch::Concurrent => base / t[2],
        };
        ratios.push(ratio(t[0]));
        ratios_timeout.push(ratio(t[1]));
        for i in 0..3 {
            ms[i].push(t[i]);
        }
    }
    let [p50, pt50, s50] = ms.map(|v| quartiles(v).1);
    let (r25, r50, r75) = quartiles(ratios);
    let (q25, q50, q75) = quartiles(ratios_timeout);
    let (what, ratio) = match batch {
        Batch::Sequential => ("200 sequential GETs", "call time ratio sdk/plain"),
        Batch::Concurrent => ("1,000 concurrent GETs", "throughput ratio sdk/plain"),
    };
    println!(
        "paired/{setup}: {pairs} rounds of {what}; median batch: reqwest+serde_json {p50:.2} ms, \
         with timeout {pt50:.2} ms, sdk {s50:.2} ms; {ratio}: median {r50:.3} (quartiles \
         {r25:.3}-{r75:.3}), vs reqwest with timeout: median {q50:.3} (quartiles {q25:.3}-{q75:.3}); \
         {} connections opened for {} requests",
        server.connections() - connections,
        server.requests() - requests,
    );
}

fn main() {
    let pairs = if std::env::args().any(|a| a == "--bench") {
        100
    } else {
        3
    };
    let shared_rt = tokio::runtime::Runtime::new().unwrap();
    let shared = shared_rt.block_on(local_server::serve(|_, _| small::body()));
    run(Batch::Sequential, "shared", &shared_rt, &shared, pairs);
    run(Batch::Concurrent, "shared", &shared_rt, &shared, pairs);
    drop(shared_rt);
    let split_rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let split = local_server::serve_on_own_thread(|_, _| small::body());
    run(Batch::Sequential, "split", &split_rt, &split, pairs);
    run(Batch::Concurrent, "split", &split_rt, &split, pairs);
}
