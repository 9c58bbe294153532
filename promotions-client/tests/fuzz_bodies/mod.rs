//! The body of the `promotions_list` fuzz target. `fuzz/fuzz_targets/promotions_list.rs`
//! includes this file (`#[path]`), and `tests/fuzz_replay.rs` runs it over
//! the documentation fixtures the fuzz corpus starts from (and their
//! prefixes) on stable, in every `cargo test`.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

/// `promotions_list`: any bytes give `Ok` or `Error::Decode`.
pub fn promotions_list(data: &[u8]) {
    match forecourt_core::decode_json::<Vec<promotions_client::Promotion>>("Promotions", data) {
        Ok(_) | Err(forecourt_core::Error::Decode(_)) => {}
        Err(other) => panic!("not a decode error: {other:?}"),
    }
}
