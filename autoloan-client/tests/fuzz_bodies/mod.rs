//! The body of the `autoloan_webhook` fuzz target. `fuzz/fuzz_targets/autoloan_webhook.rs`
//! includes this file (`#[path]`), and `tests/fuzz_replay.rs` runs it over
//! the documentation fixtures the fuzz corpus starts from (and their
//! prefixes) on stable, in every `cargo test`.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

/// `autoloan_webhook`: `WebhookReceiver::parse` of any body gives a webhook
/// (with a dedupe key) or `Malformed`/`UnknownPayload` answered 400 or 422.
pub fn webhook(data: &[u8]) {
    use autoloan_client::{WebhookError, WebhookReceiver};
    match WebhookReceiver::new().parse(&forecourt_core::http::HeaderMap::new(), data) {
        Ok(hook) => {
            let _ = hook.dedupe_key().to_string();
        }
        Err(e @ (WebhookError::Malformed { .. } | WebhookError::UnknownPayload { .. })) => {
            assert!(matches!(e.http_status().as_u16(), 400 | 422));
        }
        Err(other) => panic!("unexpected: {other:?}"),
    }
}
