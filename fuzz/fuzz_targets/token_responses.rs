//! Keyloop and Autengo token responses (issue 14): any bytes decode to a
//! token response or an `Error::Decode`; a decoded one goes through the
//! token cache (expiry arithmetic, header check) without a panic, and a
//! token that cannot be sent as a header is refused, never cached.
//! The bodies live in each client's `tests/fuzz_bodies/mod.rs` so that a
//! stable `cargo test` replays them over the checked-in seeds
//! (`tests/fuzz_seeds/token_responses/`, `tests/fuzz_replay.rs`).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../keyloop-contracts-client/tests/fuzz_bodies/mod.rs"]
mod keyloop;

#[path = "../../autengo-client/tests/fuzz_bodies/mod.rs"]
mod autengo;

fuzz_target!(|data: &[u8]| {
    keyloop::keyloop_token_response(data);
    autengo::autengo_token_response(data);
});
