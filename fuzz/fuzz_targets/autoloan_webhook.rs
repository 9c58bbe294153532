//! Autoloan status webhook: the receiver's `parse` of any body returns a webhook or a `WebhookError` answered with 400 or 422.
//! The body lives in `autoloan-client/tests/fuzz_bodies/mod.rs` so that a stable `cargo test` replays it over
//! the checked-in seeds (`tests/fuzz_replay.rs` of that crate).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../autoloan-client/tests/fuzz_bodies/mod.rs"]
mod body;

fuzz_target!(|data: &[u8]| body::webhook(data));
