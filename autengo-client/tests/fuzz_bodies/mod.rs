//! The bodies of the fuzz targets on this crate's decoders. The cargo-fuzz
//! targets in `fuzz/fuzz_targets/` include this file (`#[path]`), and
//! `tests/fuzz_replay.rs` runs the same functions over the checked-in seed
//! corpus `tests/fuzz_seeds/<target>/` on stable, in every `cargo test`.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use forecourt_core::Error;

/// A decoded token through a token cache twice: no panic whatever the
/// lifetime; a token that cannot be a header is refused, never cached.
pub use forecourt_core::testing::assert_token_through_cache as through_cache;

/// `token_responses`, Autengo half: any bytes give a token response or
/// `Error::Decode`; a decoded one goes through the cache.
pub fn autengo_token_response(data: &[u8]) {
    match forecourt_core::decode_json::<autengo_client::TokenResponse>("Autengo", data) {
        Ok(r) => through_cache(r.token.clone(), r.lifetime()),
        Err(Error::Decode(_)) => {}
        Err(other) => panic!("not a decode error: {other:?}"),
    }
}

/// `autengo_vehicle_list`: any bytes give `Ok` or `Error::Decode`.
pub fn vehicle_list(data: &[u8]) {
    match forecourt_core::decode_json::<autengo_client::VehicleList>("Autengo", data) {
        Ok(_) | Err(Error::Decode(_)) => {}
        Err(other) => panic!("not a decode error: {other:?}"),
    }
}
