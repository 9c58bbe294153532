//! Serde helpers for the vendors' loose JSON: exact money, lenient ids,
//! whole numbers as text, dates without zones, timestamps with offsets,
//! booleans and strings sent in other shapes, and tolerant descriptive fields.
//!
//! # Reading policy
//!
//! Written once here; every client applies it and lists its strict fields
//! in its own crate docs. Read tolerantly, write exactly.
//!
//! **Strict** fields identify a record or move money: ids, amounts (and
//! their currency), statuses, and what a request the SDK sends depends on.
//! They accept every lossless form (a number or a numeric string for ids and
//! amounts, an unknown status kept as `Unknown(text)`), and a value that still
//! cannot be read fails the decode with an error naming its full path in the
//! document (for JSON:API, `included[3].attributes.mileage`, with the
//! resource's type and id).
//!
//! **Tolerant** fields describe: names, descriptions, mileage, years, terms,
//! dates, notes, and every field a client's schema is inferred for. They
//! accept every form a vendor plausibly sends:
//!
//! - a whole number as a number or as text (`12000`, `"12000"`, `12000.0`)
//!   ([`whole`]);
//! - text as a number, a boolean, or an object that names it
//!   (`{"name": "Dealer Care", "code": "DC"}` reads `Dealer Care`)
//!   ([`tolerant::text_of`]);
//! - a timestamp with its time and offset kept (`2026-03-02T14:11:09.000-05:00`
//!   as a [`jiff::Zoned`] at `-05:00`), a date alone where a timestamp was
//!   documented ([`datetime::parse_zoned`]); a date-time documented without
//!   a zone as the wall-clock time written, with the offset kept when one is
//!   sent and never invented when none is ([`VendorDateTime`]);
//! - `null` or a missing member as `None`, and a blank string (`""`, `" "`)
//!   as `None` where a number, a date or a boolean was expected (a text
//!   keeps the `""` it was sent).
//!
//! A tolerant field that still cannot be read becomes `None`, and nothing is
//! lost: its raw JSON, verbatim, is kept in the `unexpected` map of its
//! record ([`tolerant::Unexpected`]) under the JSON member name, in every
//! client (`loan.vehicle().unwrap().unexpected["mileage"]`), and a `tracing`
//! event (`WARN`, target `forecourt::reading`, naming the member, the
//! expected type and the JSON kind found, never the value) says so.
//! `unexpected` is empty when everything was read, and its `Debug` shows
//! only the member names (the values may be personal data). One mechanism
//! does it for every record ([`tolerant_record!`](crate::tolerant_record)):
//! a tolerant field added to a record is kept the same way with no code of
//! its own. One odd descriptive field never fails a record, nor so the page
//! it is on.
//!
//! Whole numbers, money and ids are never rounded or wrapped: `12000.5` in
//! a whole-number field, or a value out of its type's range, is not read.

pub mod datetime;
pub mod decimal;
pub mod id;
pub mod lenient;
pub mod tolerant;
pub mod whole;

pub use datetime::VendorDateTime;
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

/// serde_json's marker for raw values (stable since serde_json 1.0.29): a
/// deserializer that knows it hands over the value's JSON text; any other
/// calls `visit_newtype_struct`.
pub(crate) const RAW_TOKEN: &str = "$serde_json::private::RawValue";

/// Runs `read` on the value's raw JSON text, borrowed from the input where
/// the deserializer lends it (serde_json's `from_slice`/`from_str`): no copy
/// and no allocation, where `Box<RawValue>` allocates and copies every
/// value. `serde_json::from_value` and readers hand over an owned text; a
/// deserializer that does not know serde_json's raw values (serde's own
/// buffering, inside `flatten` or untagged enums) is read as a
/// `serde_json::Value` and given its JSON text.
pub(crate) fn with_raw<'de, D, T, F>(d: D, read: F) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    F: FnOnce(&str) -> T,
{
    d.deserialize_newtype_struct(RAW_TOKEN, RawVisitor(read))
}

struct RawVisitor<F>(F);

impl<'de, T, F: FnOnce(&str) -> T> Visitor<'de> for RawVisitor<F> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        // serde_json's raw value: one entry whose value is the raw JSON text
        if map.next_key::<de::IgnoredAny>()?.is_none() {
            return Err(de::Error::invalid_type(de::Unexpected::Map, &self));
        }
        map.next_value_seed(RawSeed(self.0))
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
        let value = <serde_json::Value as serde::Deserialize>::deserialize(d)?;
        Ok((self.0)(&value.to_string()))
    }
}

struct RawSeed<F>(F);

impl<'de, T, F: FnOnce(&str) -> T> de::DeserializeSeed<'de> for RawSeed<F> {
    type Value = T;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
        let read = self.0;
        from_str_with(d, |raw| Ok::<_, std::convert::Infallible>(read(raw)))
    }
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
