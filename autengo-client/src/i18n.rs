//! Internationalisation: the `Accept-Language` choice and translated values.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The language of translated texts (`Accept-Language`). The server
/// supports `de` (its default) and `en`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Language {
    /// German (`de`), the server's default.
    #[default]
    De,
    /// English (`en`).
    En,
}

impl Language {
    /// The header value (`de`, `en`).
    pub fn as_str(self) -> &'static str {
        match self {
            Language::De => "de",
            Language::En => "en",
        }
    }

    pub(crate) fn header_value(self) -> http::HeaderValue {
        http::HeaderValue::from_static(self.as_str())
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A translatable value: the `key` (the actual value, and what filters take)
/// and the `text` in the requested language.
///
/// Decodes the documented object `{"key": "rear", "text": "Heckantrieb"}`
/// and also a bare key (`"rear"`), as a response without the translation
/// transform carries it; then `text` is `None`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Translated<T> {
    /// The value itself (use it in filters).
    pub key: T,
    /// The text in the requested language, if the server sent one.
    pub text: Option<String>,
}

impl<T> Translated<T> {
    /// A value with its text.
    pub fn new(key: T, text: impl Into<String>) -> Self {
        Translated {
            key,
            text: Some(text.into()),
        }
    }

    /// A bare key without a text.
    pub fn bare(key: T) -> Self {
        Translated { key, text: None }
    }

    /// The key.
    pub fn key(&self) -> &T {
        &self.key
    }

    /// The text, if any.
    pub fn text(&self) -> Option<&str> {
        self.text.as_deref()
    }
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Repr<T> {
    Object {
        key: T,
        #[serde(default)]
        text: Option<String>,
    },
    Bare(T),
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Translated<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(match Repr::deserialize(d)? {
            Repr::Object { key, text } => Translated { key, text },
            Repr::Bare(key) => Translated { key, text: None },
        })
    }
}

impl<T: Serialize> Serialize for Translated<T> {
    /// As the object `{"key", "text"}`, or the bare key when there is no text.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        match &self.text {
            Some(text) => {
                let mut st = s.serialize_struct("Translated", 2)?;
                st.serialize_field("key", &self.key)?;
                st.serialize_field("text", text)?;
                st.end()
            }
            None => self.key.serialize(s),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn decodes_object_and_bare_key() {
        let t: Translated<u32> = serde_json::from_str(r#"{"key":6,"text":"Limousine"}"#).unwrap();
        assert_eq!((t.key, t.text()), (6, Some("Limousine")));
        let t: Translated<u32> = serde_json::from_str("6").unwrap();
        assert_eq!((t.key, t.text()), (6, None));
        let t: Translated<String> = serde_json::from_str(r#"{"key":"rear"}"#).unwrap();
        assert_eq!(t.key, "rear");
        assert!(serde_json::from_str::<Translated<u32>>(r#""six""#).is_err());
        assert_eq!(serde_json::to_string(&Translated::bare(3u8)).unwrap(), "3");
    }
}
