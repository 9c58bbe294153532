//! The `promotions_list` fuzz target's body (`tests/fuzz_bodies/`, shared with
//! `fuzz/`) over the fixtures its corpus starts from and every prefix of
//! them, on stable: CI exercises it without cargo-fuzz.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod fuzz_bodies;

#[test]
fn promotions_list() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut runs = 0;
    for fixture in [
        "promotions_for_application_response.json",
        "search_promotions_response.json",
    ] {
        let data = std::fs::read(root.join(fixture)).unwrap();
        for end in (0..=data.len()).rev() {
            fuzz_bodies::promotions_list(&data[..end]);
            runs += 1;
        }
    }
    assert!(runs > 100, "{runs}");
}
