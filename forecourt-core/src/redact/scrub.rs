//! Scrubbing by knowing the values: [`scrub`] removes each secret exactly, in
//! every escaped form; [`SecretSet`] and `Scrubber` hold what a transport
//! knows.

use std::fmt;

use secrecy::{ExposeSecret, SecretString};

use super::REDACTED;

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scrub_removes_raw_and_escaped_forms_longest_first() {
        let s = [SecretString::from("ab\"c"), SecretString::from("ab\"cdef")];
        let text = r#"x ab"cdef y "ab\"c" z"#;
        let out = scrub(text, &s);
        assert!(!out.contains("ab"), "{out}");
    }
}
