//! A profiling harness for figure 4 (not a timing): runs `BATCHES` batches
//! of 1,000 concurrent small GETs in one mode, so that a profiler can count
//! what one mode costs over another. Instruction counts do not drift with
//! the machine the way wall-clock time does on a shared VM.
//!
//! ```text
//! cargo bench -p forecourt-core --bench call_profile --no-run
//! valgrind --tool=callgrind target/release/deps/call_profile-* MODE BATCHES
//! ```
//!
//! `MODE` is `plain` (reqwest + serde_json), `plain-timeout` (the same with
//! a 30 s per-request timeout, as the SDK always has one) or `sdk`.
//! Run each mode with `BATCHES` 0 and 20: the difference is the cost of
//! 20,000 calls, set-up excluded. The server runs on a thread of its own
//! and does the same work in every mode. Without arguments (as under
//! `cargo test --all-targets`) it runs one batch of each mode.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

#[path = "support/local_server.rs"]
mod local_server;
#[path = "support/plain.rs"]
mod plain;
#[path = "support/small.rs"]
mod small;

use std::time::Duration;

use forecourt_core::{Auth, Request, SecretString, TransportBuilder};
use futures::FutureExt;
use small::{SMALL, Small};

fn run(mode: &str, batches: usize, server: &local_server::LocalServer) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let url = format!("{}/small", server.url());
    match mode {
        "plain" | "plain-timeout" => {
            let mut builder = reqwest::Client::builder();
            if mode == "plain-timeout" {
                builder = builder.timeout(Duration::from_secs(30));
            }
            let client = builder.build().unwrap();
            rt.block_on(async {
                for _ in 0..batches {
                    let calls =
                        (0..1000).map(|_| plain::get_json::<Small>(&client, &url, small::HEADERS));
                    futures::future::join_all(calls).await;
                }
            });
        }
        "sdk" => {
            let sdk = TransportBuilder::new("Bench", "bench/1")
                .base_url(server.url())
                .auth(Auth::header("X-Api-Key", SecretString::from("bench-key")).unwrap())
                .build()
                .unwrap();
            rt.block_on(async {
                for _ in 0..batches {
                    let calls = (0..1000).map(|_| {
                        sdk.send_json::<Small>(Request::new(SMALL))
                            .map(Result::unwrap)
                    });
                    futures::future::join_all(calls).await;
                }
            });
        }
        other => panic!("unknown mode {other}: plain, plain-timeout or sdk"),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let server = local_server::serve_on_own_thread(|_, _| small::body());
    match args.as_slice() {
        [mode, batches] => run(mode, batches.parse().unwrap(), &server),
        _ => {
            for mode in ["plain", "plain-timeout", "sdk"] {
                run(mode, 1, &server);
            }
        }
    }
    println!("{} requests answered", server.requests());
}
