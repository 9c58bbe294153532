//! Paging memory: streams 100,000 vehicles (4,000 pages of 25) from a local
//! server through `client.vehicles().list().limit(25).stream()` and reports
//! the growth of the process's peak RSS (`VmHWM` in `/proc/self/status`)
//! over its value before the first page, at 10,000 and at 100,000 vehicles.
//! Target: under 32 MiB, and not growing with the count.
//!
//! Baseline, same run: the same 4,000 pages fetched by a hand-written loop
//! (plain `reqwest` + `serde_json` into the same `VehicleList`, each page
//! dropped before the next). Each mode runs in a fresh child process, so one
//! mode's heap cannot hide the other's peak.
//!
//! Not a criterion timing: it prints its figures.
//! Run: `cargo bench -p autengo-client --bench paging_memory`
//! (without `--bench`, e.g. under `cargo test --all-targets`, it runs a
//! 1,000-vehicle smoke pass).
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

#[path = "../../forecourt-core/benches/support/local_server.rs"]
mod local_server;
#[path = "support/pages.rs"]
mod pages;
#[path = "../../forecourt-core/benches/support/plain.rs"]
mod plain;

use std::process::Command;
use std::time::Instant;

use autengo_client::{Client, SecretString, VehicleList};
use forecourt_core::reqwest;
use futures::TryStreamExt;
use pages::{VehicleTemplate, offset_limit};

const CHILD_ENV: &str = "AUTENGO_PAGING_MEMORY_CHILD";
const PAGE: u64 = 25;
const LIMIT_MIB: f64 = 32.0;

/// `(VmHWM, VmRSS)` in KiB.
fn memory_kib() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let field = |name: &str| -> u64 {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|n| n.parse().ok())
            .unwrap_or(0)
    };
    (field("VmHWM:"), field("VmRSS:"))
}

fn mib(kib: u64) -> f64 {
    kib as f64 / 1024.0
}

/// Runs one mode in this process and prints one line:
/// `RESULT mode base_hwm hwm_at_10k rss_at_10k hwm_at_total rss_at_total items seconds`.
fn child(mode: &str, total: u64, checkpoint: u64) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async move {
        let template = VehicleTemplate::documented();
        let server = local_server::serve(move |_, query| {
            let (offset, limit) = offset_limit(query);
            template.page(offset, limit, total)
        })
        .await;
        let (base_hwm, _) = memory_kib();
        let mut at_checkpoint = (0, 0);
        let mut items = 0u64;
        let started = Instant::now();
        let mut seen = |n: u64| {
            if n == checkpoint {
                at_checkpoint = memory_kib();
            }
        };
        match mode {
            "sdk" => {
                let client = Client::builder()
                    .base_url(format!("{}/v3", server.url()))
                    .api_key(SecretString::from("bench-api-key"))
                    .jwt(SecretString::from("bench-user-token"))
                    .build()
                    .unwrap();
                let mut stream = client.vehicles().list().limit(PAGE).stream();
                while let Some(v) = stream.try_next().await.unwrap() {
                    std::hint::black_box(&v);
                    items += 1;
                    seen(items);
                }
            }
            _ => {
                let http = reqwest::Client::new();
                let mut offset = 0;
                loop {
                    let url = format!("{}/v3/vehicle?offset={offset}&limit={PAGE}", server.url());
                    let headers = [
                        ("x-api-key", "bench-api-key"),
                        ("authorization", "JWT bench-user-token"),
                        ("accept", "application/json"),
                    ];
                    let page: VehicleList = plain::get_json(&http, &url, &headers).await;
                    let n = page.list.len() as u64;
                    for v in page.list {
                        std::hint::black_box(&v);
                        items += 1;
                        seen(items);
                    }
                    offset += n;
                    if n < PAGE || offset >= page.total {
                        break;
                    }
                }
            }
        }
        let seconds = started.elapsed().as_secs_f64();
        let (hwm, rss) = memory_kib();
        assert_eq!(items, total, "every vehicle streamed exactly once");
        assert_eq!(
            server.requests(),
            total.div_ceil(PAGE),
            "one request per page"
        );
        println!(
            "RESULT {mode} {base_hwm} {} {} {hwm} {rss} {items} {seconds:.3}",
            at_checkpoint.0, at_checkpoint.1
        );
    });
}

struct Figures {
    base_hwm: u64,
    hwm_10k: u64,
    rss_10k: u64,
    hwm_total: u64,
    rss_total: u64,
    seconds: f64,
}

fn run_child(mode: &str, total: u64, checkpoint: u64) -> Figures {
    let out = Command::new(std::env::current_exe().unwrap())
        .env(CHILD_ENV, format!("{mode} {total} {checkpoint}"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "child {mode} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let line = stdout.lines().find(|l| l.starts_with("RESULT ")).unwrap();
    let f: Vec<&str> = line.split_whitespace().collect();
    let n = |i: usize| f[i].parse::<u64>().unwrap();
    Figures {
        base_hwm: n(2),
        hwm_10k: n(3),
        rss_10k: n(4),
        hwm_total: n(5),
        rss_total: n(6),
        seconds: f[8].parse().unwrap(),
    }
}

fn main() {
    if let Ok(spec) = std::env::var(CHILD_ENV) {
        let parts: Vec<u64> = spec
            .split_whitespace()
            .skip(1)
            .map(|p| p.parse().unwrap())
            .collect();
        let mode = spec.split_whitespace().next().unwrap().to_owned();
        child(&mode, parts[0], parts[1]);
        return;
    }
    let benchmarking = std::env::args().any(|a| a == "--bench");
    let (total, checkpoint) = if benchmarking {
        (100_000, 10_000)
    } else {
        (1_000, 100)
    };
    println!(
        "paging_memory: {total} vehicles in pages of {PAGE}; peak RSS growth over the value before the first page"
    );
    let mut growth_total = Vec::new();
    for mode in ["reqwest+serde_json", "sdk"] {
        let f = run_child(mode, total, checkpoint);
        let g10 = f.hwm_10k.saturating_sub(f.base_hwm);
        let gt = f.hwm_total.saturating_sub(f.base_hwm);
        println!(
            "paging_memory/{mode}: base VmHWM {:.1} MiB; at {checkpoint}: VmHWM +{:.2} MiB (VmRSS {:.1} MiB); \
             at {total}: VmHWM +{:.2} MiB (VmRSS {:.1} MiB); growth {checkpoint}->{total}: {:+.2} MiB; \
             {:.2} s, {:.0} vehicles/s",
            mib(f.base_hwm),
            mib(g10),
            mib(f.rss_10k),
            mib(gt),
            mib(f.rss_total),
            mib(gt) - mib(g10),
            f.seconds,
            total as f64 / f.seconds,
        );
        growth_total.push((mode, gt, g10));
    }
    let (_, base_gt, _) = growth_total[0];
    let (_, sdk_gt, sdk_g10) = growth_total[1];
    let met = mib(sdk_gt) < LIMIT_MIB && sdk_gt <= sdk_g10 + 1024;
    println!(
        "paging_memory: sdk peak growth {:.2} MiB at {total} (limit {LIMIT_MIB} MiB), {:.2} MiB at {checkpoint}; \
         ratio vs hand-written loop {:.2}; target {}",
        mib(sdk_gt),
        mib(sdk_g10),
        sdk_gt as f64 / base_gt.max(1) as f64,
        if met { "met" } else { "MISSED" }
    );
}
