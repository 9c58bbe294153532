//! Exact money: `rust_decimal::Decimal` from a JSON number or string, never through `f64`.
//!
//! Use with `#[serde(with = "...")]`:
//!
//! | module | decodes | encodes as |
//! |---|---|---|
//! | [`number`] | `433.34`, `"433.34"`, `4.33e2` | JSON number, digits exactly as held (`650.50`) |
//! | [`string`] | same | JSON string (`"433.34"`) |
//! | [`option_number`], [`option_string`] | same, or `null` / missing (with `#[serde(default)]`) | as above, `null` for `None` |
//!
//! Decoding reads the number's own text from serde_json, so
//! `1234567890.123456789012` and the scale of `433.340` survive. Inside
//! `#[serde(flatten)]` or untagged enums serde buffers numbers as `f64` before
//! we see them; there the value is rebuilt from the shortest `f64` text, exact
//! up to 15 significant digits. The SDK's own models avoid both around money.
//!
//! ```
//! use rust_decimal::Decimal;
//! #[derive(serde::Deserialize, serde::Serialize)]
//! struct Price {
//!     #[serde(with = "forecourt_core::serde_helpers::decimal::number")]
//!     amount: Decimal,
//! }
//! let p: Price = serde_json::from_str(r#"{"amount":"1234567890.123456789012"}"#).unwrap();
//! assert_eq!(p.amount.to_string(), "1234567890.123456789012");
//! assert_eq!(serde_json::to_string(&p).unwrap(), r#"{"amount":1234567890.123456789012}"#);
//! ```

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};

// serde_json's marker for raw values: a deserializer that knows it hands us
// the number's text; any other calls `visit_newtype_struct` and we fall back
// to `deserialize_any`.
use super::RAW_TOKEN;

/// Parses a decimal from JSON number text or a string's contents.
pub fn parse(text: &str) -> Result<Decimal, rust_decimal::Error> {
    let t = trim(text);
    if t.contains(['e', 'E']) {
        Decimal::from_scientific(t)
    } else {
        Decimal::from_str(t)
    }
}

/// `str::trim`, without its per-character Unicode scan when the text
/// starts and ends with a visible ASCII character (a JSON number always does).
fn trim(text: &str) -> &str {
    match (text.as_bytes().first(), text.as_bytes().last()) {
        (Some(first), Some(last)) if first.is_ascii_graphic() && last.is_ascii_graphic() => text,
        _ => text.trim(),
    }
}

/// Parses serde_json's raw text of a value: a number, or a string holding one.
pub(super) fn parse_raw(raw: &str) -> Result<Decimal, String> {
    let raw = trim(raw);
    let not_a_decimal = |_| "not a decimal number".to_owned();
    if raw.starts_with('"') {
        // a JSON string: decode its escapes (if any), then parse
        return if raw.contains('\\') {
            let s: String = serde_json::from_str(raw).map_err(|e| e.to_string())?;
            parse(&s).map_err(not_a_decimal)
        } else {
            let s: &str = serde_json::from_str(raw).map_err(|e| e.to_string())?;
            parse(s).map_err(not_a_decimal)
        };
    }
    if !raw.starts_with(|c: char| c == '-' || c.is_ascii_digit()) {
        return Err("expected a decimal number or a string holding one".to_owned());
    }
    parse(raw).map_err(not_a_decimal)
}

/// The raw value's text, read as a `&str` where the deserializer lends it
/// (serde_json does): no `String` per number. A bad number is returned as
/// `Err(message)` rather than raised in here, so that the error is raised
/// by the caller, outside the raw-value map, and a path-tracking
/// deserializer names the field, not serde_json's private raw-value key.
struct RawText;

impl<'de> DeserializeSeed<'de> for RawText {
    type Value = Result<Decimal, String>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        super::from_str_with(d, |raw| Ok::<_, std::convert::Infallible>(parse_raw(raw)))
    }
}

struct DecimalVisitor;

impl<'de> Visitor<'de> for DecimalVisitor {
    type Value = Decimal;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a decimal number or a string holding one")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Decimal, A::Error> {
        // serde_json's raw value: one entry whose value is the raw JSON text.
        let Some(_) = map.next_key::<de::IgnoredAny>()? else {
            return Err(de::Error::invalid_type(de::Unexpected::Map, &self));
        };
        map.next_value_seed(RawText)?.map_err(de::Error::custom)
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Decimal, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Decimal, E> {
        parse(v).map_err(|_| E::custom("not a decimal number"))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Decimal, E> {
        Decimal::try_from_i128_with_scale(v, 0).map_err(|_| E::custom("decimal out of range"))
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Decimal, E> {
        i128::try_from(v)
            .ok()
            .and_then(|v| Decimal::try_from_i128_with_scale(v, 0).ok())
            .ok_or_else(|| E::custom("decimal out of range"))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Decimal, E> {
        if !v.is_finite() {
            return Err(E::custom("not a finite number"));
        }
        // shortest round-trip text of the f64, then exact parse
        parse(&format!("{v}")).map_err(|_| E::custom("decimal out of range"))
    }
}

/// Decodes a `Decimal` exactly from a JSON number or string.
pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
    d.deserialize_newtype_struct(RAW_TOKEN, DecimalVisitor)
}

struct OptVisitor;

impl<'de> Visitor<'de> for OptVisitor {
    type Value = Option<Decimal>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("null, a decimal number, or a string holding one")
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        deserialize(d).map(Some)
    }
}

/// Decodes an `Option<Decimal>`: `null` is `None`.
pub fn deserialize_option<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
    d.deserialize_option(OptVisitor)
}

/// Encodes a decimal as a JSON number with exactly its digits.
///
/// With serializers other than serde_json, the decimal is written as a string.
pub fn serialize_number<S: Serializer>(value: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    let text = value.to_string();
    match serde_json::value::RawValue::from_string(text.clone()) {
        Ok(raw) if s.is_human_readable() => raw.serialize(s),
        _ => s.serialize_str(&text),
    }
}

/// Decimal as a JSON number (decodes numbers and strings).
pub mod number {
    pub use super::deserialize;
    pub use super::serialize_number as serialize;
}

/// Decimal as a JSON string (decodes numbers and strings).
pub mod string {
    use rust_decimal::Decimal;
    use serde::Serializer;

    pub use super::deserialize;

    /// Encodes a decimal as a string.
    pub fn serialize<S: Serializer>(value: &Decimal, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(value)
    }
}

/// `Option<Decimal>` as a JSON number or `null`.
pub mod option_number {
    use rust_decimal::Decimal;
    use serde::Serializer;

    pub use super::deserialize_option as deserialize;

    /// Encodes `Some` as a number, `None` as `null`.
    pub fn serialize<S: Serializer>(value: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(v) => super::serialize_number(v, s),
            None => s.serialize_none(),
        }
    }
}

/// `Option<Decimal>` as a JSON string or `null`.
pub mod option_string {
    use rust_decimal::Decimal;
    use serde::Serializer;

    pub use super::deserialize_option as deserialize;

    /// Encodes `Some` as a string, `None` as `null`.
    pub fn serialize<S: Serializer>(value: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(v) => s.collect_str(v),
            None => s.serialize_none(),
        }
    }
}

/// A `Decimal` that decodes exactly from a number or a string and encodes as
/// a JSON number: for collections (`Vec<Money>`) where `#[serde(with)]` cannot reach.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct ExactDecimal(pub Decimal);

impl fmt::Debug for ExactDecimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl fmt::Display for ExactDecimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl From<Decimal> for ExactDecimal {
    fn from(d: Decimal) -> Self {
        ExactDecimal(d)
    }
}

impl From<ExactDecimal> for Decimal {
    fn from(d: ExactDecimal) -> Self {
        d.0
    }
}

impl<'de> Deserialize<'de> for ExactDecimal {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        deserialize(d).map(ExactDecimal)
    }
}

impl Serialize for ExactDecimal {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        serialize_number(&self.0, s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Debug, Deserialize, Serialize, PartialEq)]
    struct M {
        #[serde(with = "number")]
        n: Decimal,
        #[serde(with = "string")]
        s: Decimal,
        #[serde(with = "option_number", default)]
        o: Option<Decimal>,
    }

    #[test]
    fn exact_from_number_and_string() {
        let m: M = serde_json::from_str(r#"{"n":1234567890.123456789012,"s":"433.340","o":null}"#)
            .unwrap();
        assert_eq!(m.n.to_string(), "1234567890.123456789012");
        assert_eq!(m.s.to_string(), "433.340");
        assert_eq!(m.o, None);
        let back = serde_json::to_string(&m).unwrap();
        assert_eq!(
            back,
            r#"{"n":1234567890.123456789012,"s":"433.340","o":null}"#
        );
    }

    #[test]
    fn from_slice_reader_and_value() {
        let m: M = serde_json::from_slice(br#"{"n":"47.18","s":47.18,"o":5e2}"#).unwrap();
        assert_eq!(m.n.to_string(), "47.18");
        assert_eq!(m.s.to_string(), "47.18");
        assert_eq!(m.o, Some(Decimal::from(500)));
        let m: M = serde_json::from_reader(&br#"{"n":0.1,"s":"0.2"}"#[..]).unwrap();
        assert_eq!(m.n.to_string(), "0.1");
        // through a Value: numbers were already f64, shortest text is kept
        let m: M = serde_json::from_value(json!({"n": 433.34, "s": "1"})).unwrap();
        assert_eq!(m.n.to_string(), "433.34");
    }

    #[test]
    fn escaped_string_and_garbage() {
        let m: M = serde_json::from_str(r#"{"n":"\u0034\u0032","s":"1"}"#).unwrap();
        assert_eq!(m.n, Decimal::from(42));
        assert!(serde_json::from_str::<M>(r#"{"n":"abc","s":"1"}"#).is_err());
        assert!(serde_json::from_str::<M>(r#"{"n":true,"s":"1"}"#).is_err());
        assert!(serde_json::from_str::<M>(r#"{"n":null,"s":"1"}"#).is_err());
        assert!(serde_json::from_str::<M>(r#"{"n":1e999,"s":"1"}"#).is_err());
    }

    #[test]
    fn errors_name_the_field_not_the_raw_value_key() {
        for body in [
            r#"{"n":"cheap","s":"1"}"#,
            r#"{"n":1,"s":"1.2.3"}"#,
            r#"{"n":1,"s":"1","o":"x\u0031"}"#,
        ] {
            let de = &mut serde_json::Deserializer::from_str(body);
            let err = serde_path_to_error::deserialize::<_, M>(de).unwrap_err();
            let path = err.path().to_string();
            assert!(matches!(path.as_str(), "n" | "s" | "o"), "{body}: {path}");
            assert_eq!(
                err.inner().to_string().split(" at ").next(),
                Some("not a decimal number")
            );
        }
    }

    #[test]
    fn inside_flatten_falls_back_to_shortest_f64() {
        #[derive(Deserialize)]
        struct Outer {
            #[serde(flatten)]
            inner: M,
        }
        let o: Outer = serde_json::from_str(r#"{"n":650.50,"s":"433.340"}"#).unwrap();
        assert_eq!(o.inner.n.to_string(), "650.5");
        assert_eq!(o.inner.s.to_string(), "433.340");
    }

    #[test]
    fn exact_decimal_in_vec() {
        let v: Vec<ExactDecimal> = serde_json::from_str(r#"[1, "2.50", 3.125]"#).unwrap();
        assert_eq!(serde_json::to_string(&v).unwrap(), "[1,2.50,3.125]");
    }

    /// `parse` as it was before its `trim` fast path.
    fn general(text: &str) -> Result<Decimal, rust_decimal::Error> {
        let t = text.trim();
        if t.contains(['e', 'E']) {
            Decimal::from_scientific(t)
        } else {
            Decimal::from_str(t)
        }
    }

    fn same_as_general(text: &str) {
        let (fast, slow) = (parse(text), general(text));
        assert_eq!(fast.is_ok(), slow.is_ok(), "{text:?}");
        if let (Ok(fast), Ok(slow)) = (fast, slow) {
            assert_eq!(fast.to_string(), slow.to_string(), "{text:?}");
            assert_eq!(fast.scale(), slow.scale(), "{text:?}");
            assert_eq!(fast.is_sign_negative(), slow.is_sign_negative(), "{text:?}");
        }
    }

    #[test]
    fn trim_fast_path_agrees_with_str_trim_on_edge_cases() {
        for text in [
            "0",
            "-0",
            "0.00",
            "-0.00",
            "007.50",
            "433.340",
            "-1.2",
            "5.",
            ".5",
            "-.5",
            "+5",
            "1_000",
            "1.2.3",
            "-",
            "",
            " ",
            " 4.5 ",
            "\u{a0}4.5",
            "\t-3\n",
            "123456789012345678",
            "-123456789012345678",
            "1234567890123456789",
            "12345678901234567.8",
            "0.000000000000000001",
            "1234567890.123456789012",
            "4.33e2",
            "1E3",
            "1e",
            "--1",
            "1-",
            "٣",
            "9223372036854775807",
            "99999999999999999.9",
        ] {
            same_as_general(text);
        }
    }

    proptest::proptest! {
        #[test]
        fn trim_fast_path_agrees_with_str_trim(text in r"[ ]?-?[0-9]{0,20}(\.[0-9]{0,20})?[ ]?") {
            same_as_general(&text);
        }

        #[test]
        fn any_decimal_round_trips_exactly(mantissa in proptest::num::i64::ANY, scale in 0u32..=18) {
            let d = Decimal::new(mantissa, scale);
            let m = M { n: d, s: d, o: Some(d) };
            let text = serde_json::to_string(&m).unwrap();
            let back: M = serde_json::from_str(&text).unwrap();
            proptest::prop_assert_eq!(back.n.to_string(), d.to_string());
            proptest::prop_assert_eq!(back, m);
        }
    }
}
