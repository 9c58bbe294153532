//! Autoloan status webhook: the receiver's `parse` of any body returns a
//! webhook or a `WebhookError` answered with 400 or 422.
#![no_main]

use autoloan_client::{WebhookError, WebhookReceiver};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match WebhookReceiver::new().parse(&forecourt_core::http::HeaderMap::new(), data) {
        Ok(hook) => {
            // a parsed webhook always has a dedupe key
            let _ = hook.dedupe_key().to_string();
        }
        Err(e @ (WebhookError::Malformed { .. } | WebhookError::UnknownPayload { .. })) => {
            assert!(matches!(e.http_status().as_u16(), 400 | 422));
        }
        Err(other) => panic!("unexpected: {other:?}"),
    }
});
