//! Serde helpers for the vendors' loose JSON: exact money, lenient ids,
//! dates without zones, and booleans and strings sent in other shapes.

pub mod datetime;
pub mod decimal;
pub mod id;
pub mod lenient;

pub use decimal::ExactDecimal;
pub use id::Id;

use std::fmt;

use serde::de::{self, Deserializer, Visitor};

/// Decodes a string value through `parse`, which gets it as a `&str`: no
/// `String` is allocated for it, where `String` and serde's `Cow<str>`
/// always allocate. A `parse` error becomes the value's decode error (at
/// its JSON path, through the SDK's decoder).
///
/// ```
/// use forecourt_core::serde_helpers::from_str_with;
/// #[derive(Debug, PartialEq)]
/// struct Plate(u32);
/// impl<'de> serde::Deserialize<'de> for Plate {
///     fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
///         from_str_with(d, |s| s.parse().map(Plate).map_err(|_| "not a plate number"))
///     }
/// }
/// assert_eq!(serde_json::from_str::<Plate>(r#""42""#).unwrap(), Plate(42));
/// assert!(serde_json::from_str::<Plate>(r#""x""#).is_err());
/// ```
pub fn from_str_with<'de, D, T, E, F>(d: D, parse: F) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    F: FnOnce(&str) -> Result<T, E>,
    E: fmt::Display,
{
    d.deserialize_str(StrVisitor(parse))
}

struct StrVisitor<F>(F);

impl<T, E, F> Visitor<'_> for StrVisitor<F>
where
    F: FnOnce(&str) -> Result<T, E>,
    E: fmt::Display,
{
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<Er: de::Error>(self, v: &str) -> Result<T, Er> {
        (self.0)(v).map_err(Er::custom)
    }

    fn visit_bytes<Er: de::Error>(self, v: &[u8]) -> Result<T, Er> {
        match std::str::from_utf8(v) {
            Ok(s) => self.visit_str(s),
            Err(_) => Err(Er::invalid_value(de::Unexpected::Bytes(v), &self)),
        }
    }
}
