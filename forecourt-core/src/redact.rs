//! Keeping secrets and personal data out of `Debug`, `Display`, errors and logs.
//!
//! Credentials are [`secrecy::SecretString`]. Personal and payment data in
//! models (SSN, date of birth, card number, CVV, bank account and routing
//! numbers, IBAN, passwords, tokens) are [`Redacted<T>`]: serialized as the
//! vendor needs, printed as `[REDACTED]`.
//!
//! Bodies that end up in errors go through [`excerpt`]: JSON values under
//! sensitive keys are replaced, long digit runs are masked, the credentials
//! of the client are scrubbed, and the result is cut to [`MAX_EXCERPT`] bytes.

use std::fmt;

use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The text printed in place of a secret or personal value.
pub const REDACTED: &str = "[REDACTED]";

/// The largest body excerpt kept in an error, in bytes.
pub const MAX_EXCERPT: usize = 4096;

/// A personal or payment value: serialized and deserialized as `T`, but
/// `Debug` and `Display` print `[REDACTED]`.
///
/// ```
/// use forecourt_core::Redacted;
/// let ssn = Redacted::new("123-45-6789".to_string());
/// assert_eq!(format!("{ssn:?} {ssn}"), "[REDACTED] [REDACTED]");
/// assert_eq!(serde_json::to_string(&ssn).unwrap(), "\"123-45-6789\"");
/// assert_eq!(ssn.expose(), "123-45-6789");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub struct Redacted<T>(T);

impl<T> Redacted<T> {
    /// Wraps a value.
    pub const fn new(value: T) -> Self {
        Redacted(value)
    }

    /// The value itself. Call it only where the value is sent or shown on purpose.
    pub fn expose(&self) -> &T {
        &self.0
    }

    /// Unwraps the value.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> From<T> for Redacted<T> {
    fn from(value: T) -> Self {
        Redacted(value)
    }
}

impl From<&str> for Redacted<String> {
    fn from(value: &str) -> Self {
        Redacted(value.to_owned())
    }
}

impl<T> fmt::Debug for Redacted<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

impl<T> fmt::Display for Redacted<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

impl<T: Serialize> Serialize for Redacted<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Redacted<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::deserialize(deserializer).map(Redacted)
    }
}

/// Whether a JSON key names a secret or personal value (compared without case,
/// `-` or `_`).
pub fn is_sensitive_key(key: &str) -> bool {
    const NEEDLES: &[&str] = &[
        "ssn",
        "socialsecurity",
        "password",
        "passwd",
        "secret",
        "token",
        "apikey",
        "authorization",
        "cvv",
        "cvc",
        "securitycode",
        "cardnumber",
        "accountnumber",
        "routingnumber",
        "iban",
        "bic",
        "dateofbirth",
        "birthdate",
        "birthday",
        "dob",
        "taxid",
        "taxnumber",
        "licence",
        "license",
        "personalid",
        "nationalid",
    ];
    let norm: String = key
        .chars()
        .filter(|c| *c != '-' && *c != '_' && *c != ' ')
        .flat_map(char::to_lowercase)
        .collect();
    NEEDLES.iter().any(|n| norm.contains(n))
}

/// Masks every run of 9 or more digits (spaces and dashes inside the run
/// allowed): SSNs, card and account numbers. Shorter numbers (amounts, years,
/// ids) are kept.
pub fn mask_digit_runs(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            // extend the run over digits and single separators between digits
            let start = i;
            let mut end = i;
            let mut digits = 0;
            let mut j = i;
            while j < chars.len() {
                if chars[j].is_ascii_digit() {
                    digits += 1;
                    end = j + 1;
                    j += 1;
                } else if (chars[j] == '-' || chars[j] == ' ')
                    && j + 1 < chars.len()
                    && chars[j + 1].is_ascii_digit()
                {
                    j += 1;
                } else {
                    break;
                }
            }
            if digits >= 9 {
                out.push_str(REDACTED);
            } else {
                out.extend(&chars[start..end]);
            }
            i = end;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// Replaces every quoted (`"…"`) or back-ticked (`` `…` ``) span with
/// `[REDACTED]`: serde's messages quote the offending value.
pub fn mask_quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut open: Option<char> = None;
    for c in text.chars() {
        match open {
            Some(q) if c == q => {
                out.push_str(REDACTED);
                open = None;
            }
            Some(_) => {}
            None if c == '"' || c == '`' => open = Some(c),
            None => out.push(c),
        }
    }
    if open.is_some() {
        out.push_str(REDACTED);
    }
    out
}

fn redact_value(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            for (k, v) in map.iter_mut() {
                if is_sensitive_key(k) && !v.is_null() {
                    *v = serde_json::Value::String(REDACTED.to_owned());
                } else {
                    redact_value(v);
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(redact_value),
        serde_json::Value::String(s) => {
            let masked = mask_digit_runs(s);
            if masked != *s {
                *s = masked;
            }
        }
        _ => {}
    }
}

/// A redacted excerpt of a body, for an error: at most [`MAX_EXCERPT`] bytes.
///
/// A JSON body has the values under sensitive keys replaced and digit runs
/// masked; any other body has its digit runs masked. Every secret in
/// `secrets` is scrubbed in both cases.
pub fn excerpt(body: &[u8], secrets: &[SecretString]) -> String {
    let head = &body[..body.len().min(4 * MAX_EXCERPT)];
    let mut text = match serde_json::from_slice::<serde_json::Value>(body) {
        Ok(mut v) if body.len() <= 4 * 1024 * 1024 => {
            redact_value(&mut v);
            v.to_string()
        }
        _ => mask_digit_runs(&String::from_utf8_lossy(head)),
    };
    text = scrub(&text, secrets);
    truncate(&mut text, MAX_EXCERPT);
    text
}

/// Replaces every occurrence of each secret (of 4 characters or more) with `[REDACTED]`.
pub fn scrub(text: &str, secrets: &[SecretString]) -> String {
    let mut out = text.to_owned();
    for s in secrets {
        let s = s.expose_secret();
        if s.len() >= 4 && out.contains(s) {
            out = out.replace(s, REDACTED);
        }
    }
    out
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
    fn digit_runs_masked_short_numbers_kept() {
        assert_eq!(
            mask_digit_runs("ssn 123-45-6789 amount 39000 year 2017"),
            "ssn [REDACTED] amount 39000 year 2017"
        );
        assert_eq!(
            mask_digit_runs("card 4111 1111 1111 1111."),
            "card [REDACTED]."
        );
    }

    #[test]
    fn quoted_values_masked() {
        assert_eq!(
            mask_quoted("invalid type: string \"123-45-6789\", expected u64"),
            "invalid type: string [REDACTED], expected u64"
        );
        assert_eq!(mask_quoted("unknown `x"), "unknown [REDACTED]");
    }

    #[test]
    fn json_excerpt_redacts_sensitive_keys_and_secrets() {
        let body = br#"{"customer":{"first-name":"Ann","ssn":"123456789","Password":"pw"},"note":"key abcdSECRET"}"#;
        let e = excerpt(body, &[SecretString::from("abcdSECRET")]);
        assert!(!e.contains("123456789"), "{e}");
        assert!(!e.contains("\"pw\""), "{e}");
        assert!(!e.contains("abcdSECRET"), "{e}");
        assert!(e.contains("Ann"), "{e}");
    }

    #[test]
    fn excerpt_is_capped_at_char_boundary() {
        let body = "ä".repeat(10_000);
        let e = excerpt(body.as_bytes(), &[]);
        assert!(e.len() <= MAX_EXCERPT);
        assert!(e.chars().all(|c| c == 'ä'));
    }

    #[test]
    fn sensitive_keys() {
        for k in [
            "ssn",
            "bank_account_number",
            "routing-number",
            "dateOfBirth",
            "cvv",
            "auth_token",
            "iban",
        ] {
            assert!(is_sensitive_key(k), "{k}");
        }
        for k in ["first-name", "amount", "vin", "status"] {
            assert!(!is_sensitive_key(k), "{k}");
        }
    }
}
