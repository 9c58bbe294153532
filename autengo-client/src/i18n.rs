//! Internationalisation: the `Accept-Language` choice and translated values.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, IntoDeserializer, MapAccess, Visitor};
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
/// transform carries it; then `text` is `None`. A numeric key may come as
/// text (`{"key": "5"}` for a `Translated<u32>`).
///
/// ```
/// use autengo_client::Translated;
/// let t: Translated<u32> = serde_json::from_str(r#"{"key": " 5 ", "text": "Euro 5"}"#).unwrap();
/// assert_eq!((t.key, t.text()), (5, Some("Euro 5")));
/// let t: Translated<u32> = serde_json::from_str(r#""7""#).unwrap();
/// assert_eq!((t.key, t.text()), (7, None));
/// ```
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

/// Decoded by hand rather than as a `#[serde(untagged)]` enum: untagged
/// decoding buffers every value into serde's private `Content` tree first
/// and then tries each variant, which cost about 9 % of a vehicle page's
/// decode (BENCHMARKS.md, figure 2a).
impl<'de, T: Deserialize<'de>> Deserialize<'de> for Translated<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(TranslatedVisitor(PhantomData))
    }
}

struct TranslatedVisitor<T>(PhantomData<T>);

/// A bare key: the primitive handed on to `T` as it is.
macro_rules! bare {
    ($($method:ident($ty:ty)),* $(,)?) => {$(
        fn $method<E: de::Error>(self, v: $ty) -> Result<Self::Value, E> {
            T::deserialize(v.into_deserializer()).map(Translated::bare)
        }
    )*};
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for TranslatedVisitor<T> {
    type Value = Translated<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(r#"a translated value {"key", "text"} or a bare key"#)
    }

    bare!(
        visit_bool(bool),
        visit_i64(i64),
        visit_u64(u64),
        visit_f64(f64),
    );

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        key_from_str(v).map(Translated::bare)
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        T::deserialize(de::value::BorrowedStrDeserializer::new(v))
            .or_else(|e| numeric_key(v).ok_or(e))
            .map(Translated::bare)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut key = None;
        let mut text = None;
        while let Some(name) = map.next_key::<Field>()? {
            match name {
                Field::Key if key.is_some() => return Err(de::Error::duplicate_field("key")),
                Field::Key => key = Some(map.next_value::<Key<T>>()?.0),
                Field::Text => text = map.next_value()?,
                Field::Other => {
                    map.next_value::<de::IgnoredAny>()?;
                }
            }
        }
        let key = key.ok_or_else(|| de::Error::missing_field("key"))?;
        Ok(Translated { key, text })
    }
}

/// A key from text: as `T` reads it, else (a numeric `T` sent as text,
/// `"5"`) as the number the text holds.
fn key_from_str<'de, T: Deserialize<'de>, E: de::Error>(v: &str) -> Result<T, E> {
    T::deserialize(v.into_deserializer()).or_else(|e: E| numeric_key(v).ok_or(e))
}

/// `T` from the whole number `text` holds, if it holds one and `T` reads it.
fn numeric_key<'de, T: Deserialize<'de>>(text: &str) -> Option<T> {
    let n: u64 = forecourt_core::serde_helpers::whole::parse(text).ok()?;
    T::deserialize(IntoDeserializer::<de::value::Error>::into_deserializer(n)).ok()
}

/// The `key` member: `T`, or a numeric `T` sent as text.
struct Key<T>(T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Key<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(TranslatedVisitor(PhantomData))
            .and_then(|t: Translated<T>| match t.text {
                None => Ok(Key(t.key)),
                Some(_) => Err(de::Error::custom("a key, not a translated value")),
            })
    }
}

/// A member of the `{"key", "text"}` object; others are skipped.
enum Field {
    Key,
    Text,
    Other,
}

impl<'de> Deserialize<'de> for Field {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct FieldVisitor;
        impl Visitor<'_> for FieldVisitor {
            type Value = Field;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a member name")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Field, E> {
                Ok(match v {
                    "key" => Field::Key,
                    "text" => Field::Text,
                    _ => Field::Other,
                })
            }
        }
        d.deserialize_identifier(FieldVisitor)
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

    #[test]
    fn objects_skip_unknown_members_and_need_a_key() {
        let t: Translated<u32> =
            serde_json::from_str(r#"{"text":"Limousine","sort":3,"key":6,"extra":{"a":[1]}}"#)
                .unwrap();
        assert_eq!((t.key, t.text()), (6, Some("Limousine")));
        let t: Translated<u32> = serde_json::from_str(r#"{"key":6,"text":null}"#).unwrap();
        assert_eq!((t.key, t.text()), (6, None));
        assert!(serde_json::from_str::<Translated<u32>>(r#"{"text":"x"}"#).is_err());
        assert!(serde_json::from_str::<Translated<u32>>(r#"{"key":1,"key":2}"#).is_err());
        assert!(serde_json::from_str::<Translated<u32>>("[6]").is_err());
        assert!(serde_json::from_str::<Translated<u32>>("-1").is_err());
        let t: Translated<String> = serde_json::from_str(r#""rear""#).unwrap();
        assert_eq!((t.key.as_str(), t.text()), ("rear", None));
        // a string with escapes arrives owned (visit_str/visit_string), not borrowed
        let t: Translated<String> = serde_json::from_str(r#""r\u00e9ar""#).unwrap();
        assert_eq!(t.key, "réar");
        let t: Translated<bool> = serde_json::from_str("true").unwrap();
        assert!(t.key);
    }
}
