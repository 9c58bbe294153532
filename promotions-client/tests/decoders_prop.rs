#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Property tests (stable, in CI): arbitrary bytes and mutated fixtures
//! (`forecourt_core::testing::mutate_json`) into the response decoders (JSON and
//! JWE); they return `Ok` or an error, never panic.

use forecourt_core::testing::mutate_json;
use forecourt_core::{Error, SecretString, decode_json, redact::MAX_EXCERPT};
use promotions_client::{Promotion, jwe};
use proptest::prelude::*;

const FOR_APPLICATION: &[u8] = include_bytes!("fixtures/promotions_for_application_response.json");
const SEARCH: &[u8] = include_bytes!("fixtures/search_promotions_response.json");

fn check(body: &[u8]) -> Result<(), TestCaseError> {
    match decode_json::<Vec<Promotion>>("Promotions", body) {
        Ok(_) => Ok(()),
        Err(Error::Decode(d)) => {
            prop_assert!(d.body_excerpt.len() <= MAX_EXCERPT + 16);
            Ok(())
        }
        Err(other) => Err(TestCaseError::fail(format!(
            "not a decode error: {other:?}"
        ))),
    }
}

/// A documented JWE vector: (password, token).
fn jwe_vector() -> (String, String) {
    let v: serde_json::Value =
        serde_json::from_slice(include_bytes!("fixtures/jwe/rust_vectors.json")).unwrap();
    let first = &v["vectors"][0];
    (
        first["password"].as_str().unwrap().to_owned(),
        first["token"].as_str().unwrap().to_owned(),
    )
}

#[test]
fn fixtures_decode_unmutated() {
    for body in [FOR_APPLICATION, SEARCH] {
        decode_json::<Vec<Promotion>>("Promotions", body).unwrap();
    }
    let (password, token) = jwe_vector();
    jwe::decrypt(&SecretString::from(password), &token).unwrap();
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn promotions_for_application(bytes in prop::collection::vec(any::<u8>(), 0..512), seed in any::<u64>()) {
        check(&bytes)?;
        check(&mutate_json(FOR_APPLICATION, seed))?;
    }

    #[test]
    fn promotions_search(seed in any::<u64>()) {
        check(&mutate_json(SEARCH, seed))?;
    }
}

proptest! {
    // each case derives a PBKDF2 key (1,000 iterations): fewer cases
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn jwe_decrypt_of_mutated_tokens(text in ".{0,300}", seed in any::<u64>()) {
        let (password, token) = jwe_vector();
        let password = SecretString::from(password);
        let _ = jwe::decrypt(&password, &text);
        let mutated = mutate_json(token.as_bytes(), seed);
        let mutated = String::from_utf8_lossy(&mutated);
        if let Ok(plain) = jwe::decrypt(&password, &mutated) {
            // authenticated encryption: only the untouched payload opens
            prop_assert_eq!(plain.first(), Some(&b'{'));
        }
    }
}
