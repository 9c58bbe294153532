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
        &["token_response.json"],
        fuzz_bodies::keyloop_token_response,
    );
    assert!(n >= 40, "the seed corpus is there: {n}");
}

#[test]
fn keyloop_contract_page() {
    let n = replay(
        "keyloop_contract_page",
        &["contract_list.json", "contract.json"],
        fuzz_bodies::contract_page,
    );
    assert!(n >= 2, "{n}");
}
