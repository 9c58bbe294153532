//! Keyloop contract page decoder: any bytes give `Ok` or `Error::Decode`.
//! The body lives in `keyloop-contracts-client/tests/fuzz_bodies/mod.rs` so that a stable `cargo test` replays it over
//! the checked-in seeds (`tests/fuzz_replay.rs` of that crate).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../keyloop-contracts-client/tests/fuzz_bodies/mod.rs"]
mod body;

fuzz_target!(|data: &[u8]| body::contract_page(data));
