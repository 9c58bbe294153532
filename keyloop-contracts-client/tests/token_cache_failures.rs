//! The token cache under failure (issue 14, findings 1, 11, 12): 200
//! concurrent callers against a failing and against a hanging token
//! endpoint, a token lifetime too long for the clock, a token that cannot
//! be a header. Figures printed here are the ones in RELIABILITY.md.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::{Duration, Instant};

use common::*;
use forecourt_core::testing::mount_catch_all;
use keyloop_contracts_client::Client;
use wiremock::{MockServer, ResponseTemplate};

const CALLERS: usize = 200;

async fn token_posts(server: &MockServer) -> usize {
    server
        .received_requests()
        .await
        .unwrap_or_default()
        .iter()
        .filter(|r| r.url.path() == TOKEN_PATH)
        .count()
}

/// Runs `CALLERS` concurrent calls; returns the slowest call's time.
async fn storm(client: &Client) -> Duration {
    let calls = (0..CALLERS).map(|_| {
        let client = client.clone();
        tokio::spawn(async move {
            let started = Instant::now();
            let result = client.contracts().get(VEHICLE, "CTR-0001").await;
            assert!(result.is_err(), "no token, no call");
            started.elapsed()
        })
    });
    futures::future::join_all(calls)
        .await
        .into_iter()
        .map(Result::unwrap)
        .max()
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hundred_callers_against_a_failing_token_endpoint() {
    let server = MockServer::start().await;
    token_request()
        .respond_with(ResponseTemplate::new(503).set_body_string("down"))
        .mount(&server)
        .await;
    mount_catch_all(&server).await;
    let client = client(&server);
    let slowest = storm(&client).await;
    let posts = token_posts(&server).await;
    eprintln!(
        "FIGURE failing token endpoint: {CALLERS} callers, {posts} token requests, slowest call {slowest:?}"
    );
    // One fetch, its failure shared by every waiter and remembered for the
    // backoff; the calls' own retries fall inside that window.
    assert!(posts <= 3, "{posts} token requests for {CALLERS} callers");
    assert!(slowest < Duration::from_secs(3), "slowest call {slowest:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hundred_callers_against_a_hanging_token_endpoint() {
    let server = MockServer::start().await;
    token_request()
        .respond_with(token_response("tok-AAA", "3599").set_delay(Duration::from_secs(30)))
        .mount(&server)
        .await;
    mount_catch_all(&server).await;
    let per_attempt = Duration::from_millis(200);
    let client = builder(&server).timeout(per_attempt).build().unwrap();
    let slowest = storm(&client).await;
    let posts = token_posts(&server).await;
    eprintln!(
        "FIGURE hanging token endpoint: {CALLERS} callers, {posts} token requests, slowest call {slowest:?} (per-attempt timeout {per_attempt:?}, 3 attempts)"
    );
    // The token fetch counts against each attempt's 200 ms: three attempts
    // and two backoff waits (at most 250 ms and 500 ms) bound every call.
    assert!(posts <= 3, "{posts} token requests for {CALLERS} callers");
    assert!(slowest < Duration::from_secs(3), "slowest call {slowest:?}");
}
