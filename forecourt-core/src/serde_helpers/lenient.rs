//! Values the vendors send in more than one shape: booleans as `"NO"` or `1`,
//! strings as numbers.

use std::fmt;

use serde::Serializer;
use serde::de::{self, Deserializer, Visitor};

struct BoolVisitor;

impl<'de> Visitor<'de> for BoolVisitor {
    type Value = Option<bool>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a boolean, 0/1, or yes/no/true/false/y/n as a string")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(Some(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        match v {
            0 => Ok(Some(false)),
            1 => Ok(Some(true)),
            _ => Err(E::custom("expected 0 or 1")),
        }
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        u64::try_from(v)
            .map_err(|_| E::custom("expected 0 or 1"))
            .and_then(|v| self.visit_u64(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        match v.trim().to_ascii_lowercase().as_str() {
            "true" | "yes" | "y" | "1" | "ja" | "on" => Ok(Some(true)),
            "false" | "no" | "n" | "0" | "nein" | "off" => Ok(Some(false)),
            "" => Ok(None),
            _ => Err(E::custom("expected a yes/no value")),
        }
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

/// `bool` from `true`, `1`, `"yes"`, `"NO"`, `"Y"`, `"false"`...; encodes as a JSON boolean.
/// `null` or `""` is an error (use [`option_bool`] where the vendor may send them).
pub mod bool {
    use super::*;

    /// Decodes a lenient boolean.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
        d.deserialize_any(BoolVisitor)?
            .ok_or_else(|| de::Error::custom("expected a yes/no value, found nothing"))
    }

    /// Encodes a JSON boolean.
    pub fn serialize<S: Serializer>(v: &bool, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bool(*v)
    }
}

/// `Option<bool>` from the lenient forms; `null` or `""` is `None`.
pub mod option_bool {
    use super::*;

    /// Decodes a lenient optional boolean.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
        d.deserialize_option(BoolVisitor)
    }

    /// Encodes a JSON boolean or `null`.
    pub fn serialize<S: Serializer>(v: &Option<bool>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(b) => s.serialize_bool(*b),
            None => s.serialize_none(),
        }
    }
}

struct StringVisitor;

impl<'de> Visitor<'de> for StringVisitor {
    type Value = Option<String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string or a number")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Some(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Some(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

/// `String` from a string or a number (`"4.5"` or `4.5`, `"0431"` or `431`); encodes as a string.
pub mod string_or_number {
    use super::*;

    /// Decodes a string, or a number's text.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
        d.deserialize_any(StringVisitor)?
            .ok_or_else(|| de::Error::custom("expected a string or a number, found null"))
    }

    /// Encodes a string.
    pub fn serialize<S: Serializer>(v: &str, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(v)
    }
}

/// `Option<String>` from a string, a number or `null`.
pub mod option_string_or_number {
    use super::*;

    /// Decodes a string, a number's text, or `None` for `null`.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
        d.deserialize_option(StringVisitor)
    }

    /// Encodes a string or `null`.
    pub fn serialize<S: Serializer>(v: &Option<String>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(v) => s.serialize_str(v),
            None => s.serialize_none(),
        }
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    #[derive(Deserialize)]
    struct T {
        #[serde(with = "super::bool")]
        b: bool,
        #[serde(with = "super::option_bool", default)]
        o: Option<bool>,
        #[serde(with = "super::string_or_number")]
        s: String,
        #[serde(with = "super::option_string_or_number", default)]
        os: Option<String>,
    }

    #[test]
    fn decodes_every_shape() {
        let t: T = serde_json::from_str(r#"{"b":"NO","o":1,"s":431,"os":null}"#).unwrap();
        assert!(!t.b);
        assert_eq!(t.o, Some(true));
        assert_eq!(t.s, "431");
        assert_eq!(t.os, None);
        let t: T = serde_json::from_str(r#"{"b":true,"o":"","s":"0431","os":4.5}"#).unwrap();
        assert!(t.b);
        assert_eq!(t.o, None);
        assert_eq!(t.s, "0431");
        assert_eq!(t.os.as_deref(), Some("4.5"));
        assert!(serde_json::from_str::<T>(r#"{"b":"maybe","s":"x"}"#).is_err());
        assert!(serde_json::from_str::<T>(r#"{"b":2,"s":"x"}"#).is_err());
    }
}
