//! The `line5_loan_document` fuzz target's body (`tests/fuzz_bodies/`, shared with
//! `fuzz/`) over the fixtures its corpus starts from and every prefix of
//! them, on stable: CI exercises it without cargo-fuzz.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod fuzz_bodies;

#[test]
fn line5_loan_document() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut runs = 0;
    for fixture in ["loan_get_response.json", "finalize_response.json"] {
        let data = std::fs::read(root.join(fixture)).unwrap();
        for end in (0..=data.len()).rev() {
            fuzz_bodies::loan_document(&data[..end]);
            runs += 1;
        }
    }
    assert!(runs > 100, "{runs}");
}
