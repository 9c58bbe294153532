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

use crate::error::{BoxError, Error};

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
    key_names_one_of(key, NEEDLES)
}

/// Whether `key`, compared without case, `-`, `_` or spaces, contains one
/// of `needles` (lowercase, without separators).
fn key_names_one_of(key: &str, needles: &[&str]) -> bool {
    let norm: String = key
        .chars()
        .filter(|c| *c != '-' && *c != '_' && *c != ' ')
        .flat_map(char::to_lowercase)
        .collect();
    needles.iter().any(|n| norm.contains(n))
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

/// Masks the values of URL query parameters whose names are sensitive
/// ([`is_sensitive_key`]): `…&loginToken=abc&x=1` becomes
/// `…&loginToken=[REDACTED]&x=1` (an e-sign link, an auto-login URL).
pub fn mask_sensitive_params(text: &str) -> String {
    if !text.contains('=') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(eq) = rest.find('=') {
        let (before, after) = rest.split_at(eq);
        // the byte after the separator (which may be a multi-byte space)
        let name_start = before
            .char_indices()
            .rev()
            .find(|&(_, c)| c == '?' || c == '&' || c == ';' || c.is_whitespace() || c == '"')
            .map_or(0, |(i, c)| i + c.len_utf8());
        let name = &before[name_start..];
        out.push_str(before);
        out.push('=');
        let value = &after[1..];
        let value_end = value
            .find(|c: char| c == '&' || c == ';' || c == '#' || c.is_whitespace() || c == '"')
            .unwrap_or(value.len());
        if !name.is_empty() && is_sensitive_key(name) && value_end > 0 {
            out.push_str(REDACTED);
        } else {
            out.push_str(&value[..value_end]);
        }
        rest = &value[value_end..];
    }
    out.push_str(rest);
    out
}

/// Replaces every quoted (`"…"`) or back-ticked (`` `…` ``) span with
/// `[REDACTED]`: serde's messages quote the offending value. A backslash
/// inside a span escapes the next character (`"a\"b"` is one span).
pub fn mask_quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut open: Option<char> = None;
    let mut escaped = false;
    for c in text.chars() {
        if open.is_some() && escaped {
            // `\"` inside a span (serde's `{:?}` of a value) does not close it
            escaped = false;
            continue;
        }
        match open {
            Some(_) if c == '\\' => escaped = true,
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

/// Whether a JSON key names a person's contact or name (compared like
/// [`is_sensitive_key`]): redacted in error excerpts, where nothing needs
/// them, though kept in logs' query parameters and model fields.
fn is_personal_key(key: &str) -> bool {
    const NEEDLES: &[&str] = &[
        "email",
        "phone",
        "mobile",
        "firstname",
        "lastname",
        "surname",
        "fullname",
        "givenname",
        "familyname",
        "address",
        "street",
        "postcode",
        "postalcode",
        "zipcode",
    ];
    key_names_one_of(key, NEEDLES)
}

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

/// The shortest secret that [`scrub`] removes, in bytes: a CVV has 3
/// digits. Shorter values would blank out ordinary text.
pub const MIN_SCRUBBED_LEN: usize = 3;

/// Removes every occurrence of each secret in `secrets`, exactly, whatever
/// its length (from [`MIN_SCRUBBED_LEN`] bytes): as it is, JSON-escaped
/// (`"` as `\"`, control characters as `\u00XX`), and as Rust's `Debug`
/// escapes it. Longer secrets are removed first, so that a secret that
/// contains another is removed whole.
pub fn scrub(text: &str, secrets: &[SecretString]) -> String {
    let mut forms: Vec<String> = Vec::new();
    for s in secrets {
        let raw = s.expose_secret();
        if raw.len() < MIN_SCRUBBED_LEN {
            continue;
        }
        forms.push(raw.to_owned());
        if let Ok(json) = serde_json::to_string(raw) {
            let inner = &json[1..json.len() - 1];
            if inner != raw {
                forms.push(inner.to_owned());
            }
        }
        let debug = format!("{raw:?}");
        let inner = &debug[1..debug.len() - 1];
        if inner != raw {
            forms.push(inner.to_owned());
        }
    }
    if forms.is_empty() {
        return text.to_owned();
    }
    forms.sort_by_key(|f| std::cmp::Reverse(f.len()));
    let mut out = text.to_owned();
    for f in &forms {
        if out.contains(f.as_str()) {
            out = out.replace(f.as_str(), REDACTED);
        }
    }
    out
}

/// A set of secrets that grows while it is shared: the tokens a
/// [`TokenCache`](crate::TokenCache) issues, registered when fetched, or
/// the values a call serialized. Cheap to clone (an `Arc` inside); keeps
/// the most recent [`SecretSet::CAPACITY`] values.
#[derive(Clone, Default)]
pub struct SecretSet {
    inner: std::sync::Arc<std::sync::RwLock<std::collections::VecDeque<SecretString>>>,
}

impl fmt::Debug for SecretSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SecretSet")
            .field("len", &self.snapshot().len())
            .finish_non_exhaustive()
    }
}

impl SecretSet {
    /// How many values a set keeps (the oldest goes first).
    pub const CAPACITY: usize = 64;

    /// An empty set.
    pub fn new() -> Self {
        SecretSet::default()
    }

    /// Adds a value (values shorter than [`MIN_SCRUBBED_LEN`] are ignored).
    pub fn add(&self, secret: SecretString) {
        if secret.expose_secret().len() < MIN_SCRUBBED_LEN {
            return;
        }
        let mut set = self
            .inner
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if set
            .iter()
            .any(|s| s.expose_secret() == secret.expose_secret())
        {
            return;
        }
        if set.len() >= Self::CAPACITY {
            set.pop_front();
        }
        set.push_back(secret);
    }

    /// The values now in the set.
    pub fn snapshot(&self) -> Vec<SecretString> {
        self.inner
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .iter()
            .cloned()
            .collect()
    }
}

/// The scrub set of a transport: its fixed secrets (static credentials,
/// token endpoint client secrets) and the live sets (tokens issued by its
/// caches). A call adds the values it serialized.
#[derive(Clone, Default)]
pub(crate) struct Scrubber {
    fixed: Vec<SecretString>,
    live: Vec<SecretSet>,
}

impl Scrubber {
    pub(crate) fn new(fixed: Vec<SecretString>, live: Vec<SecretSet>) -> Self {
        Scrubber { fixed, live }
    }

    /// Every secret known now, plus `extra` (a call's own values).
    pub(crate) fn all(&self, extra: &[SecretString]) -> Vec<SecretString> {
        let mut all = self.fixed.clone();
        for set in &self.live {
            all.extend(set.snapshot());
        }
        all.extend(extra.iter().cloned());
        all
    }
}

/// What a serde_json error says, without any text taken from the body: its
/// kind, the type that was expected (which comes from the model, not the
/// body), and the position. serde quotes the offending value (with `{:?}`,
/// so `"` inside it becomes `\"`); masking quoted spans cannot be made
/// reliable, so the value is never kept at all.
pub fn json_error_message(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    let full = e.to_string();
    // serde_json appends " at line L column C"; the position is added back below.
    let text = match full.rfind(" at line ") {
        Some(at) => &full[..at],
        None => full.as_str(),
    };
    let what = match e.classify() {
        // serde_json's own fixed texts ("expected value", "EOF while
        // parsing a string"): they never quote the input.
        Category::Syntax | Category::Eof | Category::Io => text.to_owned(),
        Category::Data => {
            let kind = if text.starts_with("invalid type") {
                "invalid type"
            } else if text.starts_with("invalid length") {
                "invalid length"
            } else if text.starts_with("unknown variant") {
                "unknown variant"
            } else if text.starts_with("unknown field") {
                "unknown field"
            } else if text.starts_with("missing field") || text.starts_with("duplicate field") {
                // the field's name comes from the model
                return with_position(text, e);
            } else {
                // A helper's own message (`E::custom`): written by the SDK,
                // but it may quote the value; quoted spans are masked.
                return with_position(&mask_quoted(text), e);
            };
            // ", expected <what the model wanted>" is the last part of
            // serde's message; the value before it may hold anything.
            match text.rfind(", expected ") {
                Some(at) => format!("{kind}{}", &text[at..]),
                None => kind.to_owned(),
            }
        }
    };
    with_position(&what, e)
}

fn with_position(what: &str, e: &serde_json::Error) -> String {
    if e.line() == 0 {
        what.to_owned()
    } else {
        format!("{what} at line {} column {}", e.line(), e.column())
    }
}

/// An error's source whose text held a secret: its text, scrubbed, in its place.
#[derive(Debug)]
struct ScrubbedSource(String);

impl fmt::Display for ScrubbedSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ScrubbedSource {}

fn chain_text(e: &(dyn std::error::Error + 'static)) -> String {
    let mut text = e.to_string();
    let mut next = e.source();
    while let Some(s) = next {
        text.push_str(": ");
        text.push_str(&s.to_string());
        next = s.source();
    }
    text
}

fn scrub_source(source: BoxError, secrets: &[SecretString]) -> BoxError {
    let source = match source.downcast::<Error>() {
        Ok(ours) => return Box::new(scrub_error(*ours, secrets)),
        Err(other) => other,
    };
    let text = chain_text(&*source);
    let debug = format!("{source:?}");
    let scrubbed = scrub(&text, secrets);
    if scrubbed == text && scrub(&debug, secrets) == debug {
        source
    } else {
        Box::new(ScrubbedSource(scrubbed))
    }
}

/// Passes every text of `error` through the scrub set `secrets`: messages,
/// vendor details, excerpts, paths, and the source chain (a source whose
/// text held a secret is replaced by its scrubbed text).
pub fn scrub_error(mut error: Error, secrets: &[SecretString]) -> Error {
    if let Error::Api(api) = &mut error {
        for d in &mut api.details {
            d.message = mask_sensitive_params(&d.message);
            for t in [d.title.as_mut(), d.meta.as_mut()].into_iter().flatten() {
                *t = mask_sensitive_params(t);
            }
        }
    }
    if secrets.is_empty() {
        return error;
    }
    let s = |t: &mut String| *t = scrub(t, secrets);
    match &mut error {
        Error::Api(api) => {
            for d in &mut api.details {
                s(&mut d.message);
                if let Some(p) = d.pointer.as_mut() {
                    s(p);
                }
                for t in [
                    d.code.as_mut(),
                    d.title.as_mut(),
                    d.status.as_mut(),
                    d.parameter.as_mut(),
                    d.meta.as_mut(),
                ]
                .into_iter()
                .flatten()
                {
                    s(t);
                }
            }
            s(&mut api.body_excerpt);
            if let Some(id) = api.request_id.as_mut() {
                s(id);
            }
        }
        Error::Decode(d) => {
            s(&mut d.path);
            s(&mut d.message);
            s(&mut d.body_excerpt);
        }
        Error::Auth {
            message, source, ..
        } => {
            *message = scrub(message, secrets).into();
            if let Some(src) = source.take() {
                *source = Some(scrub_source(src, secrets));
            }
        }
        Error::Protocol { message, .. } => *message = scrub(message, secrets).into(),
        Error::Redirect { target_origin, .. } => s(target_origin),
        Error::Connect { source, .. } | Error::Network { source, .. } => {
            let src = std::mem::replace(source, Box::new(ScrubbedSource(String::new())));
            *source = scrub_source(src, secrets);
        }
        _ => {}
    }
    error
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
        assert_eq!(
            mask_quoted(r#"bad "a\"SECRET\"b" end"#),
            "bad [REDACTED] end"
        );
    }

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
    fn sensitive_url_params_masked() {
        assert_eq!(
            mask_sensitive_params("https://e.com/a?target=x%3D&loginToken=abc==&b=1 ok"),
            "https://e.com/a?target=x%3D&loginToken=[REDACTED]&b=1 ok"
        );
        assert_eq!(mask_sensitive_params("a = b, x=1"), "a = b, x=1");
        // a multi-byte space before a name (found by the fuzz regressions)
        assert_eq!(
            mask_sensitive_params("a\u{3000}token=x"),
            "a\u{3000}token=[REDACTED]"
        );
        assert_eq!(
            mask_sensitive_params("auth_token=t0k"),
            "auth_token=[REDACTED]"
        );
    }

    #[test]
    fn scrub_removes_raw_and_escaped_forms_longest_first() {
        let s = [SecretString::from("ab\"c"), SecretString::from("ab\"cdef")];
        let text = r#"x ab"cdef y "ab\"c" z"#;
        let out = scrub(text, &s);
        assert!(!out.contains("ab"), "{out}");
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
