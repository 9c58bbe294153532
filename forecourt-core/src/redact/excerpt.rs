//! [`excerpt`]: the redacted excerpt of a body that an error keeps.

use secrecy::SecretString;

use super::mask::is_personal_key;
use super::{
    MAX_EXCERPT, REDACTED, is_sensitive_key, mask_digit_runs, mask_sensitive_params, scrub,
};

/// Replaces every leaf of `value` (a vendor's free-form `meta`): its member
/// names stay, to say what the vendor sent.
fn redact_leaves(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => map.values_mut().for_each(redact_leaves),
        serde_json::Value::Array(items) => items.iter_mut().for_each(redact_leaves),
        serde_json::Value::Null => {}
        other => *other = serde_json::Value::String(REDACTED.to_owned()),
    }
}

fn redact_value(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            for (k, v) in map.iter_mut() {
                if k == "meta" {
                    redact_leaves(v);
                } else if (is_sensitive_key(k) || is_personal_key(k)) && !v.is_null() {
                    *v = serde_json::Value::String(REDACTED.to_owned());
                } else {
                    redact_value(v);
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(redact_value),
        serde_json::Value::String(s) => {
            let masked = mask_digit_runs(&mask_sensitive_params(s));
            if masked != *s {
                *s = masked;
            }
        }
        _ => {}
    }
}

/// A redacted excerpt of a body, for an error: at most [`MAX_EXCERPT`] bytes.
///
/// Every secret in `secrets` is removed first, exactly, in the body's raw
/// text and in each JSON string and key. Then a JSON body has the values
/// under sensitive keys (secrets, personal numbers, and a person's name,
/// email, phone or address) and every value inside a `meta` member
/// replaced, and digit runs masked; any other body has
/// its digit runs masked. Last, the secrets are scrubbed once more in the
/// text as printed (JSON-escaped forms included).
pub fn excerpt(body: &[u8], secrets: &[SecretString]) -> String {
    let head = &body[..body.len().min(4 * MAX_EXCERPT)];
    let mut text = match serde_json::from_slice::<serde_json::Value>(body) {
        Ok(v) if body.len() <= 4 * 1024 * 1024 => {
            let mut v = scrub_value(v, secrets);
            redact_value(&mut v);
            v.to_string()
        }
        _ => mask_digit_runs(&mask_sensitive_params(&scrub(
            &String::from_utf8_lossy(head),
            secrets,
        ))),
    };
    text = scrub(&text, secrets);
    truncate(&mut text, MAX_EXCERPT);
    text
}

fn scrub_value(value: serde_json::Value, secrets: &[SecretString]) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::String(s) => Value::String(scrub(&s, secrets)),
        Value::Array(items) => {
            Value::Array(items.into_iter().map(|v| scrub_value(v, secrets)).collect())
        }
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| (scrub(&k, secrets), scrub_value(v, secrets)))
                .collect(),
        ),
        other => other,
    }
}

fn truncate(text: &mut String, max: usize) {
    if text.len() > max {
        let mut cut = max;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        text.truncate(cut);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_excerpt_redacts_sensitive_keys_and_secrets() {
        let body = br#"{"customer":{"first-name":"Ann","ssn":"123456789","Password":"pw"},"note":"key abcdSECRET"}"#;
        let e = excerpt(body, &[SecretString::from("abcdSECRET")]);
        assert!(!e.contains("123456789"), "{e}");
        assert!(!e.contains("\"pw\""), "{e}");
        assert!(!e.contains("abcdSECRET"), "{e}");
        // a person's name is not needed to explain an error
        assert!(!e.contains("Ann"), "{e}");
        assert!(e.contains("first-name"), "{e}");
        let e = excerpt(
            br#"{"errors":[{"meta":{"held-by":{"who":"Bo"},"n":[7]}}]}"#,
            &[],
        );
        assert!(!e.contains("Bo") && !e.contains('7'), "{e}");
        assert!(e.contains("held-by") && e.contains("who"), "{e}");
    }

    #[test]
    fn excerpt_is_capped_at_char_boundary() {
        let body = "ä".repeat(10_000);
        let e = excerpt(body.as_bytes(), &[]);
        assert!(e.len() <= MAX_EXCERPT);
        assert!(e.chars().all(|c| c == 'ä'));
    }
}
