//! The fuzz targets' bodies (`tests/fuzz_bodies/`, shared with `fuzz/`) over
//! the checked-in seed corpus, on stable: CI exercises them without
//! cargo-fuzz. Seeds: the documentation fixtures the fuzz corpus starts
//! from, and `tests/fuzz_seeds/<target>/` (issue 14's hostile token
//! responses: lifetimes past `u64` and `Instant`, tokens with CR/LF, NUL,
//! non-ASCII, 8 KiB, broken JSON).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod fuzz_bodies;

/// Runs `body` over the fixtures and the target's seed directory (see
/// `forecourt_core::testing::replay_seeds`); returns how many inputs ran.
fn replay(target: &str, fixtures: &[&str], body: fn(&[u8])) -> usize {
    forecourt_core::testing::replay_seeds(env!("CARGO_MANIFEST_DIR"), target, fixtures, body)
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
