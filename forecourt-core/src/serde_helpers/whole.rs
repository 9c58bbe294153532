//! Whole numbers (mileage, year, term, payment day, months...) from a JSON
//! number or a string holding one, the way money and ids are read.
//!
//! | module | decodes | encodes as |
//! |---|---|---|
//! | [`number`] | `12000`, `"12000"`, `" 12000 "`, `12000.0`, `"1.2e4"` | JSON number |
//! | [`option_number`] | same, or `null`, `""` or missing (with `#[serde(default)]`) | JSON number or `null` |
//!
//! A value with a fraction (`12000.5`) or outside the target type's range is
//! an error, never rounded or wrapped: a tolerant field wraps this in
//! [`tolerant`](super::tolerant) to read such a value as `None`.
//!
//! ```
//! #[derive(serde::Deserialize)]
//! struct Vehicle {
//!     #[serde(default, deserialize_with = "forecourt_core::serde_helpers::whole::option_number::deserialize")]
//!     mileage: Option<u32>,
//! }
//! let v: Vehicle = serde_json::from_str(r#"{"mileage":"12000"}"#).unwrap();
//! assert_eq!(v.mileage, Some(12000));
//! let v: Vehicle = serde_json::from_str(r#"{"mileage":12000}"#).unwrap();
//! assert_eq!(v.mileage, Some(12000));
//! assert!(serde_json::from_str::<Vehicle>(r#"{"mileage":"12000.5"}"#).is_err());
//! ```

use std::fmt;
use std::marker::PhantomData;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::de::{self, Deserializer, Visitor};
use serde::{Serialize, Serializer};

/// An integer type a whole number can be read into.
pub trait Whole: Sized + Copy + Serialize + TryFrom<i128> {}

impl<T: Sized + Copy + Serialize + TryFrom<i128>> Whole for T {}

/// Parses a whole number from its text: digits with an optional sign, or a
/// decimal or scientific form without a fraction (`12000.0`, `1.2e4`).
pub fn parse<T: Whole>(text: &str) -> Result<T, &'static str> {
    let t = text.trim();
    if t.is_empty() {
        return Err("expected a whole number, found an empty string");
    }
    let n: i128 = match t.parse::<i128>() {
        Ok(n) => n,
        Err(_) => {
            let d: Decimal = super::decimal::parse(t).map_err(|_| "not a whole number")?;
            if !d.fract().is_zero() {
                return Err("expected a whole number, found a fraction");
            }
            d.to_i128().ok_or("whole number out of range")?
        }
    };
    T::try_from(n).map_err(|_| "whole number out of range")
}

struct WholeVisitor<T>(PhantomData<T>);

impl<'de, T: Whole> Visitor<'de> for WholeVisitor<T> {
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a whole number, or a string holding one")
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        self.visit_i128(i128::from(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        self.visit_i128(i128::from(v))
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Self::Value, E> {
        let n = i128::try_from(v).map_err(|_| E::custom("whole number out of range"))?;
        self.visit_i128(n)
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Self::Value, E> {
        T::try_from(v)
            .map(Some)
            .map_err(|_| E::custom("whole number out of range"))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        if !v.is_finite() || v.fract() != 0.0 {
            return Err(E::custom("expected a whole number, found a fraction"));
        }
        // the shortest text of a finite f64 with no fraction: exact digits
        self.visit_str(&format!("{v:.0}"))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        if v.trim().is_empty() {
            return Ok(None);
        }
        parse(v).map(Some).map_err(E::custom)
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

/// A whole number from a number or a string; encodes as a JSON number.
/// `null` or `""` is an error (use [`option_number`] where they may come).
pub mod number {
    use super::*;

    /// Decodes a whole number from a number or a numeric string.
    pub fn deserialize<'de, D: Deserializer<'de>, T: Whole>(d: D) -> Result<T, D::Error> {
        d.deserialize_any(WholeVisitor::<T>(PhantomData))?
            .ok_or_else(|| de::Error::custom("expected a whole number, found null or \"\""))
    }

    /// Encodes a JSON number.
    pub fn serialize<S: Serializer, T: Whole>(v: &T, s: S) -> Result<S::Ok, S::Error> {
        v.serialize(s)
    }
}

/// `Option` of a whole number from a number, a string, `null` or `""`.
pub mod option_number {
    use super::*;

    /// Decodes a whole number, or `None` for `null` / `""`.
    pub fn deserialize<'de, D: Deserializer<'de>, T: Whole>(d: D) -> Result<Option<T>, D::Error> {
        d.deserialize_option(WholeVisitor::<T>(PhantomData))
    }

    /// Encodes a JSON number or `null`.
    pub fn serialize<S: Serializer, T: Whole>(v: &Option<T>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(v) => v.serialize(s),
            None => s.serialize_none(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_forms_and_limits() {
        let cases: &[(&str, Option<Option<u16>>)] = &[
            ("12000", Some(Some(12000))),
            ("\"12000\"", Some(Some(12000))),
            ("\" 7 \"", Some(Some(7))),
            ("12000.0", Some(Some(12000))),
            ("\"1.2e4\"", Some(Some(12000))),
            ("null", Some(None)),
            ("\"\"", Some(None)),
            ("12000.5", None),
            ("\"abc\"", None),
            ("70000", None),
            ("-1", None),
            ("true", None),
            ("{}", None),
        ];
        for (json, want) in cases {
            let mut de = serde_json::Deserializer::from_str(json);
            let got = option_number::deserialize::<_, u16>(&mut de).ok();
            assert_eq!(&got, want, "{json}");
        }
    }
}
