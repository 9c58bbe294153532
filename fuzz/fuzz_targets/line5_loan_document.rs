//! Line5 loan: a JSON:API document decoded, then turned into the typed `Loan` (with its accessors), exactly as `loans().get` does; never a panic.
//! The body lives in `line5-client/tests/fuzz_bodies/mod.rs` so that a stable `cargo test` replays it over
//! the checked-in seeds (`tests/fuzz_replay.rs` of that crate).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../line5-client/tests/fuzz_bodies/mod.rs"]
mod body;

fuzz_target!(|data: &[u8]| body::loan_document(data));
