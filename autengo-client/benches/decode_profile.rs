//! A profiling harness for `decode/page1000` (issue 9, figure 2a), not a
//! timing benchmark: builds the 1,000-vehicle page once, then decodes it
//! `N` times in one mode, so that `valgrind --tool=callgrind` (deterministic
//! instruction counts) or `perf record` can look at one mode at a time.
//!
//! ```text
//! cargo bench -p autengo-client --bench decode_profile --no-run
//! valgrind --tool=callgrind --toggle-collect='*decode_profile::decode_once*' \
//!     <bench binary> typed 10
//! valgrind --tool=memcheck <bench binary> typed 1   # "total heap usage"
//! ```
//!
//! Modes: `typed` (`serde_json::from_slice::<VehicleList>`), `typed_str`
//! (one `str::from_utf8` of the body, then `serde_json::from_str`), `sdk`
//! (`forecourt_core::decode_json`), `ignored` (`IgnoredAny`), `value`
//! (`serde_json::Value`), `strings` (the owned-model floor: every string
//! value validated and copied into a `String`, keys read as `&str`, numbers
//! and everything else read and dropped), `strings_str` (the same through
//! `from_utf8` + `from_str`).
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

#[path = "support/pages.rs"]
mod pages;
#[path = "support/strings_only.rs"]
mod strings_only;

use std::hint::black_box;

use autengo_client::VehicleList;
use serde::de;
use strings_only::StringsOnly;

#[inline(never)]
fn decode_once(mode: &str, body: &[u8]) -> usize {
    match mode {
        "typed" => {
            let v: VehicleList = serde_json::from_slice(body).unwrap();
            let n = v.list.len();
            black_box(v);
            n
        }
        "sdk" => {
            let v: VehicleList = forecourt_core::decode_json("Autengo", body).unwrap();
            let n = v.list.len();
            black_box(v);
            n
        }
        "typed_str" => {
            // one UTF-8 check of the whole body, then serde_json's `&str`
            // reader, which does not re-validate each string
            let text = std::str::from_utf8(body).unwrap();
            let v: VehicleList = serde_json::from_str(text).unwrap();
            let n = v.list.len();
            black_box(v);
            n
        }
        "strings_str" => {
            let text = std::str::from_utf8(body).unwrap();
            black_box(serde_json::from_str::<StringsOnly>(text).unwrap());
            1
        }
        "ignored" => {
            black_box(serde_json::from_slice::<de::IgnoredAny>(body).unwrap());
            1
        }
        "value" => {
            let v: serde_json::Value = serde_json::from_slice(body).unwrap();
            let n = v["list"].as_array().map_or(0, Vec::len);
            black_box(v);
            n
        }
        "strings" => {
            black_box(serde_json::from_slice::<StringsOnly>(body).unwrap());
            1
        }
        other => panic!(
            "unknown mode {other:?}: typed, typed_str, sdk, ignored, value, strings, strings_str"
        ),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // `cargo bench` passes `--bench`; run one quick decode of each mode then.
    if args.iter().any(|a| a == "--bench") || args.is_empty() {
        let body = pages::VehicleTemplate::documented().page(0, 1000, 1000);
        for mode in [
            "typed",
            "typed_str",
            "sdk",
            "ignored",
            "value",
            "strings",
            "strings_str",
        ] {
            decode_once(mode, &body);
        }
        return;
    }
    let mode = args[0].as_str();
    let n: u64 = args.get(1).map_or(1, |s| s.parse().unwrap());
    let body = pages::VehicleTemplate::documented().page(0, 1000, 1000);
    let mut items = 0;
    for _ in 0..n {
        items = decode_once(mode, black_box(&body));
    }
    println!("{mode}: {} bytes, {items} items, {n} decodes", body.len());
}
