//! JSON decoding with the path of a mismatch and a redacted excerpt.

use http::HeaderMap;
use http::header::CONTENT_TYPE;
use serde::de::DeserializeOwned;

use crate::error::{DecodeError, Error, Result};
use crate::redact;

/// `body` without a leading UTF-8 byte order mark (`EF BB BF`), which some
/// vendors' servers write before a JSON body and which JSON parsers refuse.
///
/// ```
/// assert_eq!(forecourt_core::transport::without_bom(b"\xEF\xBB\xBF{}"), b"{}");
/// assert_eq!(forecourt_core::transport::without_bom(b"{}"), b"{}");
/// ```
pub fn without_bom(body: &[u8]) -> &[u8] {
    body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body)
}

/// Decodes JSON into `T`, reporting the JSON path of a mismatch and a
/// redacted excerpt; quoted values in serde's message are masked.
pub fn decode_json<T: DeserializeOwned>(vendor: &'static str, body: &[u8]) -> Result<T> {
    decode_json_inner(vendor, body, None)
}

/// `headers` are the response's, if the body is one: on a failure, its
/// content type helps explain it.
pub(super) fn decode_json_inner<T: DeserializeOwned>(
    vendor: &'static str,
    body: &[u8],
    headers: Option<&HeaderMap>,
) -> Result<T> {
    let body = without_bom(body);
    // Fast path: plain serde_json. Path tracking allocates for every key it
    // passes (1.75x slower on a 1,000-vehicle page, BENCHMARKS.md), so it
    // runs only to explain a failure: same parser, same error, one re-parse.
    // The body's UTF-8 is checked once, up front: serde_json's `&str`
    // reader then skips the check it makes for every string it reads from
    // bytes (18 % fewer instructions on the 1,000-vehicle page). Invalid
    // UTF-8 goes to the byte reader, whose error is reported as before.
    let fast = match std::str::from_utf8(body) {
        Ok(text) => serde_json::from_str::<T>(text),
        Err(_) => serde_json::from_slice::<T>(body),
    };
    if let Ok(value) = fast {
        return Ok(value);
    }
    let mut de = serde_json::Deserializer::from_slice(body);
    let result = serde_path_to_error::deserialize::<_, T>(&mut de)
        .map_err(|e| {
            let path = e.path().to_string();
            let message = redact::json_error_message(e.inner());
            (path, message)
        })
        .and_then(|v| {
            de.end()
                .map(|()| v)
                .map_err(|e| (".".to_owned(), redact::json_error_message(&e)))
        });
    result.map_err(|(path, message)| {
        let content_type = headers
            .and_then(|h| h.get(CONTENT_TYPE))
            .and_then(|v| v.to_str().ok());
        let message = match content_type {
            Some(ct) if !ct.contains("json") => {
                format!("expected a JSON body, got content type {ct}: {message}")
            }
            _ => message,
        };
        Error::Decode(Box::new(DecodeError {
            vendor,
            path,
            message,
            body_excerpt: redact::excerpt(body, &[]),
        }))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_reports_path_and_masks_values() {
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Inner {
            amount: u32,
        }
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Outer {
            items: Vec<Inner>,
        }
        let err = decode_json::<Outer>(
            "Test",
            br#"{"items":[{"amount":1},{"amount":"123-45-6789"}]}"#,
        )
        .unwrap_err();
        let d = err.decode().unwrap();
        assert_eq!(d.path, "items[1].amount");
        let shown = format!("{err} {err:?}");
        assert!(!shown.contains("6789"), "{shown}");
        let err = decode_json::<Outer>("Test", b"<html>").unwrap_err();
        assert_eq!(err.decode().unwrap().path, ".");
        let err = decode_json::<Outer>("Test", br#"{"items":[]} trailing"#).unwrap_err();
        assert!(err.decode().is_some());
    }
}
