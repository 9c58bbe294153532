#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Property tests (stable, in CI): arbitrary bytes and mutated fixtures
//! (`forecourt_core::testing::mutate_json`) into the application decoder and the
//! webhook receiver's `parse`; they return `Ok` or an error, never panic.
//! (Alfa's `ContractReceipt` is decoded inside the client only; the fault
//! matrix in `tests/faults.rs` feeds it bad bodies.)

use autoloan_client::{Application, WebhookError, WebhookReceiver};
use forecourt_core::testing::mutate_json;
use forecourt_core::{Error, decode_json, http::HeaderMap, redact::MAX_EXCERPT};
use proptest::prelude::*;

const WEBHOOK: &[u8] = include_bytes!("fixtures/status_webhook.json");
const APPLICATION: &[u8] =
    br#"{"id": "APP-005", "status": "Pending", "createdAt": "2024-07-18T09:59:00Z", "decision": {"limit": 35000}}"#;

fn check<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<(), TestCaseError> {
    match decode_json::<T>("Autoloan", body) {
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

fn check_webhook(body: &[u8]) -> Result<(), TestCaseError> {
    match WebhookReceiver::new().parse(&HeaderMap::new(), body) {
        Ok(_) | Err(WebhookError::Malformed { .. } | WebhookError::UnknownPayload { .. }) => Ok(()),
        Err(other) => Err(TestCaseError::fail(format!("unexpected: {other:?}"))),
    }
}

#[test]
fn fixtures_decode_unmutated() {
    decode_json::<Application>("Autoloan", APPLICATION).unwrap();
    WebhookReceiver::new()
        .parse(&HeaderMap::new(), WEBHOOK)
        .unwrap();
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn application(bytes in prop::collection::vec(any::<u8>(), 0..512), seed in any::<u64>()) {
        check::<Application>(&bytes)?;
        check::<Application>(&mutate_json(APPLICATION, seed))?;
    }

    #[test]
    fn webhook_parse(bytes in prop::collection::vec(any::<u8>(), 0..512), seed in any::<u64>()) {
        check_webhook(&bytes)?;
        check_webhook(&mutate_json(WEBHOOK, seed))?;
    }
}
