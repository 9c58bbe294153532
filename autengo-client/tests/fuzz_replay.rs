//! The fuzz targets' bodies (`tests/fuzz_bodies/`, shared with `fuzz/`) over
//! the checked-in seed corpus, on stable: CI exercises them without
//! cargo-fuzz. Seeds: the documentation fixtures the fuzz corpus starts
//! from, and `tests/fuzz_seeds/<target>/` (issue 14's hostile token
//! responses: lifetimes past `u64` and `Instant`, tokens with CR/LF, NUL,
//! non-ASCII, 8 KiB, broken JSON).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod fuzz_bodies;

use std::path::Path;

/// Runs `body` over the fixtures and every file of the target's seed
/// directory; returns how many inputs ran.
fn replay(target: &str, fixtures: &[&str], body: fn(&[u8])) -> usize {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut inputs: Vec<_> = fixtures
        .iter()
        .map(|f| root.join("fixtures").join(f))
        .collect();
    let dir = root.join("fuzz_seeds").join(target);
    if let Ok(entries) = std::fs::read_dir(&dir) {
        let mut seeds: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
        seeds.sort();
        inputs.extend(seeds);
    }
    for input in &inputs {
        let data = std::fs::read(input).unwrap();
        eprintln!("{target}: {}", input.display());
        body(&data);
        // and every prefix of a small input: truncations are the commonest break
        if data.len() <= 512 {
            for end in 0..data.len() {
                body(&data[..end]);
            }
        }
    }
    inputs.len()
}

#[test]
fn token_responses() {
    let n = replay(
        "token_responses",
        &["auth_token_response.json", "auth_refresh_response.json"],
        fuzz_bodies::autengo_token_response,
    );
    assert!(n >= 40, "the seed corpus is there: {n}");
}

#[test]
fn autengo_vehicle_list() {
    let n = replay(
        "autengo_vehicle_list",
        &["vehicle_list_response.json", "schema_vehicle_list.json"],
        fuzz_bodies::vehicle_list,
    );
    assert!(n >= 2, "{n}");
}
