#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Property pass (stable, in CI): arbitrary bytes and mutated fixtures
//! (`forecourt_core::testing::mutate_json`) into the JSON:API decoding chain the
//! client uses (bytes → `Document` → typed model); it returns `Ok` or an
//! error, never panics.
//!
//! 256 seeded cases per decoder, deterministic (this crate does not depend
//! on proptest; the seeds are the cases, and a failure names its seed).
mod common;

use forecourt_core::testing::mutate_json;
use forecourt_core::{Error, decode_json, redact::MAX_EXCERPT};
use line5_client::jsonapi::Document;
use line5_client::{Loan, LoanNote, LoanPackage, Quote, RateSheet};

const CASES: u64 = 256;

/// splitmix64: arbitrary bytes (up to 512) from a seed.
fn arbitrary_bytes(seed: u64) -> Vec<u8> {
    let mut state = seed;
    let mut next = || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    let len = usize::try_from(next() % 513).unwrap();
    (0..len).map(|_| next().to_le_bytes()[0]).collect()
}

fn document(body: &[u8]) -> Option<Document> {
    match decode_json::<Document>("Line5", body) {
        Ok(doc) => Some(doc),
        Err(Error::Decode(d)) => {
            assert!(d.body_excerpt.len() <= MAX_EXCERPT + 16);
            None
        }
        Err(other) => panic!("not a decode error: {other:?}"),
    }
}

/// Runs `decode` on arbitrary bytes and on mutations of `fixture`, for
/// every seed; a panic names the decoder and the seed.
fn check(name: &str, fixture: &str, decode: impl Fn(&[u8])) {
    let fixture = common::fixture_text(fixture).into_bytes();
    for seed in 0..CASES {
        for body in [arbitrary_bytes(seed), mutate_json(&fixture, seed)] {
            let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| decode(&body)));
            assert!(
                outcome.is_ok(),
                "{name}: panicked on seed {seed}: {:?}",
                String::from_utf8_lossy(&body)
            );
        }
    }
}

#[test]
fn fixtures_decode_unmutated() {
    let doc = |name: &str| document(common::fixture_text(name).as_bytes()).unwrap();
    Loan::from_document(&doc("loan_get_response")).unwrap();
    Loan::from_document(&doc("finalize_response")).unwrap();
    Quote::from_document(&doc("quote_create_response")).unwrap();
    for r in doc("loan_packages_response").primary_all() {
        LoanPackage::from_resource(r).unwrap();
    }
    for r in doc("loan_notes_response").primary_all() {
        LoanNote::from_resource(r).unwrap();
    }
    decode_json::<RateSheet>("Line5", common::fixture_text("rates_response").as_bytes()).unwrap();
}

#[test]
fn loan_document() {
    let decode = |body: &[u8]| {
        if let Some(doc) = document(body) {
            let _ = Loan::from_document(&doc);
        }
    };
    check("loan", "loan_get_response", decode);
    check("finalized loan", "finalize_response", decode);
}

#[test]
fn quote_document() {
    check("quote", "quote_create_response", |body| {
        if let Some(doc) = document(body) {
            let _ = Quote::from_document(&doc);
        }
    });
}

#[test]
fn loan_packages_and_notes() {
    check("loan packages", "loan_packages_response", |body| {
        if let Some(doc) = document(body) {
            let _: Vec<_> = doc
                .primary_all()
                .iter()
                .map(LoanPackage::from_resource)
                .collect();
        }
    });
    check("loan notes", "loan_notes_response", |body| {
        if let Some(doc) = document(body) {
            let _: Vec<_> = doc
                .primary_all()
                .iter()
                .map(LoanNote::from_resource)
                .collect();
        }
    });
}

#[test]
fn rate_sheet() {
    check("rates", "rates_response", |body| {
        let _ = decode_json::<RateSheet>("Line5", body);
    });
}
