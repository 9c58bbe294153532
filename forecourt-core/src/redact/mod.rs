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

mod errors;
mod excerpt;
mod mask;
mod scrub;

pub use errors::{json_error_message, scrub_error};
pub use excerpt::excerpt;
pub use mask::{is_sensitive_key, mask_digit_runs, mask_quoted, mask_sensitive_params};
pub(crate) use scrub::Scrubber;
pub use scrub::{MIN_SCRUBBED_LEN, SecretSet, scrub};

use std::fmt;

use secrecy::SecretString;
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
        record(&self.0);
        self.0.serialize(serializer)
    }
}

/// Serializes a personal value as it is and registers its text in the
/// call's scrub set, as a [`Redacted`] field does, for a field whose type
/// stays plain: `#[serde(serialize_with = "forecourt_core::redact::personal")]`
/// on a customer's name, e-mail, phone or address. A vendor that echoes the
/// value in an error or a log line then has it removed exactly. Pair it with
/// a `Debug` that shows the field as [`mask`] does.
///
/// ```
/// #[derive(serde::Serialize)]
/// struct Applicant {
///     #[serde(serialize_with = "forecourt_core::redact::personal")]
///     email: String,
/// }
/// let a = Applicant { email: "ann@example.com".into() };
/// let (json, secrets) = forecourt_core::redact::collecting(|| serde_json::to_string(&a));
/// assert_eq!(json.unwrap(), r#"{"email":"ann@example.com"}"#);
/// assert_eq!(secrets.len(), 1);
/// ```
pub fn personal<T, S>(value: &T, serializer: S) -> Result<S::Ok, S::Error>
where
    T: Serialize + ?Sized,
    S: Serializer,
{
    record(value);
    value.serialize(serializer)
}

/// How `Debug` shows a personal field: `Some([REDACTED])` for a value,
/// `None` as it is (whether the vendor sent one is not personal).
///
/// ```
/// use forecourt_core::redact::mask;
/// assert_eq!(format!("{:?}", mask(&Some("Ann"))), "Some([REDACTED])");
/// assert_eq!(format!("{:?}", mask::<String>(&None)), "None");
/// ```
pub fn mask<T>(value: &Option<T>) -> Option<Redacted<()>> {
    value.as_ref().map(|_| Redacted(()))
}

/// `Debug` of a personal field that always has a value: `[REDACTED]`.
pub const MASKED: Redacted<()> = Redacted(());

thread_local! {
    /// The values of [`Redacted`] serialized on this thread while a
    /// request body or query is built ([`collecting`]).
    static COLLECTED: std::cell::RefCell<Option<Vec<SecretString>>> =
        const { std::cell::RefCell::new(None) };
}

/// Runs `f` (a serialization) and returns the values of every [`Redacted`]
/// it serialized, as text: the call's own secrets, to scrub from its errors
/// (hand them to [`Request::scrub`](crate::Request::scrub) when a body is
/// serialized before the request is built).
pub fn collecting<R>(f: impl FnOnce() -> R) -> (R, Vec<SecretString>) {
    let outer = COLLECTED.with(|c| c.replace(Some(Vec::new())));
    let result = f();
    let collected = COLLECTED.with(|c| c.replace(outer)).unwrap_or_default();
    (result, collected)
}

fn record<T: Serialize + ?Sized>(value: &T) {
    let active = COLLECTED.with(|c| c.borrow().is_some());
    if !active {
        return;
    }
    let mut texts = Vec::new();
    if let Ok(v) = serde_json::to_value(value) {
        texts_of(&v, &mut texts);
    }
    COLLECTED.with(|c| {
        if let Some(list) = c.borrow_mut().as_mut() {
            list.extend(texts.into_iter().map(SecretString::from));
        }
    });
}

fn texts_of(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Number(n) => out.push(n.to_string()),
        serde_json::Value::Array(items) => items.iter().for_each(|i| texts_of(i, out)),
        serde_json::Value::Object(map) => map.values().for_each(|i| texts_of(i, out)),
        serde_json::Value::Bool(_) | serde_json::Value::Null => {}
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Redacted<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::deserialize(deserializer).map(Redacted)
    }
}
