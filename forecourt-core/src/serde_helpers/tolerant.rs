//! Tolerant reading of descriptive fields: a value in an unexpected shape
//! becomes `None` (with a `tracing` event) instead of failing the record.
//!
//! See the [reading policy](super#reading-policy) for which fields are
//! tolerant. Use with `#[serde(default, deserialize_with = "...")]` on an
//! `Option` field, or call [`read`] from a hand-written deserializer that
//! keeps the raw JSON of what it could not read (Keyloop's `Contract::unexpected`).
//!
//! The event (`WARN`, target `forecourt::reading`) names the expected type
//! and the JSON kind found (`string`, `object`, ...), never the value, which
//! may be personal data.
//!
//! ```
//! #[derive(serde::Deserialize)]
//! struct Vehicle {
//!     #[serde(default, deserialize_with = "forecourt_core::serde_helpers::tolerant::option_whole")]
//!     mileage: Option<u32>,
//!     #[serde(default, deserialize_with = "forecourt_core::serde_helpers::tolerant::option_text")]
//!     provider: Option<String>,
//!     #[serde(with = "forecourt_core::serde_helpers::decimal::number")]
//!     price: rust_decimal::Decimal,
//! }
//! let v: Vehicle = serde_json::from_str(
//!     r#"{"mileage":"about 12k","provider":{"name":"Dealer Care","code":"DC"},"price":"1.50"}"#,
//! ).unwrap();
//! assert_eq!(v.mileage, None);
//! assert_eq!(v.provider.as_deref(), Some("Dealer Care"));
//! assert_eq!(v.price.to_string(), "1.50");
//! ```

use serde::Deserialize;
use serde::de::{DeserializeOwned, Deserializer};
use serde_json::Value;
use serde_json::value::RawValue;

/// The JSON kind of a value, for events and errors (never its content).
pub fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn not_understood(expected: &'static str, found: &'static str) {
    tracing::warn!(
        target: "forecourt::reading",
        expected,
        found,
        "a descriptive field was not understood and reads as None; the record is kept"
    );
}

/// Reads `T` from a value with `read`; on failure emits the event and gives `None`.
fn tolerate<T>(
    value: Value,
    expected: &'static str,
    read: impl FnOnce(Value) -> Result<Option<T>, serde_json::Error>,
) -> Option<T> {
    if value.is_null() {
        return None;
    }
    let found = kind(&value);
    match read(value) {
        Ok(v) => v,
        Err(_) => {
            not_understood(expected, found);
            None
        }
    }
}

/// Reads `T` from raw JSON tolerantly: `None` for `null` or, with an event,
/// for anything `T` does not read.
pub fn read<T: DeserializeOwned>(raw: &RawValue) -> Option<T> {
    let value: Value = serde_json::from_str(raw.get()).ok()?;
    tolerate(value, std::any::type_name::<T>(), |v| {
        serde_json::from_value(v).map(Some)
    })
}

/// Any `Option<T>`, tolerantly.
pub fn option<'de, D: Deserializer<'de>, T: DeserializeOwned>(d: D) -> Result<Option<T>, D::Error> {
    let value = Value::deserialize(d)?;
    Ok(tolerate(value, std::any::type_name::<T>(), |v| {
        serde_json::from_value(v).map(Some)
    }))
}

/// A whole number sent as a number or a string (see [`whole`](super::whole)), tolerantly.
pub fn option_whole<'de, D: Deserializer<'de>, T: super::whole::Whole>(
    d: D,
) -> Result<Option<T>, D::Error> {
    let value = Value::deserialize(d)?;
    Ok(tolerate(value, "a whole number", |v| {
        super::whole::option_number::deserialize(v)
    }))
}

/// A date (`2026-03-02`, or the date part of a date-time), tolerantly.
pub fn option_date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<jiff::civil::Date>, D::Error> {
    let value = Value::deserialize(d)?;
    Ok(tolerate(value, "a date", |v| {
        super::datetime::option_date_lenient::deserialize(v)
    }))
}

/// A timestamp keeping its time and offset (see
/// [`parse_zoned`](super::datetime::parse_zoned)), tolerantly.
pub fn option_zoned<'de, D: Deserializer<'de>>(d: D) -> Result<Option<jiff::Zoned>, D::Error> {
    let value = Value::deserialize(d)?;
    Ok(tolerate(value, "a timestamp", |v| {
        super::datetime::option_zoned::deserialize(v)
    }))
}

/// The members of an object that name it, in the order they are tried by [`text_of`].
pub const NAME_MEMBERS: &[&str] = &[
    "name",
    "displayName",
    "label",
    "title",
    "description",
    "value",
    "code",
];

/// Text from a value sent in any plausible shape: a string as it is, a
/// number or boolean as its JSON text, an object by its first string member
/// among [`NAME_MEMBERS`]. `None` for anything else (an array, an object
/// without such a member).
pub fn text_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Object(m) => NAME_MEMBERS
            .iter()
            .find_map(|k| m.get(*k).and_then(Value::as_str))
            .map(str::to_owned),
        Value::Null | Value::Array(_) => None,
    }
}

/// The members of an object that hold a code, in the order [`code_of`] tries them.
pub const CODE_MEMBERS: &[&str] = &["code", "value", "key", "id", "name"];

/// A code (an enum's wire text) from a value in any plausible shape: like
/// [`text_of`], but an object is read by its first string member among
/// [`CODE_MEMBERS`] (`{"code": "ACTIVE", "description": "In force"}` reads
/// `ACTIVE`).
pub fn code_of(v: &Value) -> Option<String> {
    match v {
        Value::Object(m) => CODE_MEMBERS
            .iter()
            .find_map(|k| m.get(*k).and_then(Value::as_str))
            .map(str::to_owned),
        other => text_of(other),
    }
}

/// A descriptive text sent as a string, a number, a boolean or an object
/// with a name (see [`text_of`]), tolerantly.
pub fn option_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let value = Value::deserialize(d)?;
    if value.is_null() {
        return Ok(None);
    }
    let found = kind(&value);
    let text = text_of(&value);
    if text.is_none() {
        not_understood("a text", found);
    }
    Ok(text)
}

/// [`text_of`] on raw JSON, with the event when nothing is read.
pub fn read_text(raw: &RawValue) -> Option<String> {
    read_with(raw, "a text", text_of)
}

/// [`code_of`] on raw JSON, with the event when nothing is read.
pub fn read_code(raw: &RawValue) -> Option<String> {
    read_with(raw, "a code", code_of)
}

fn read_with(
    raw: &RawValue,
    expected: &'static str,
    read: fn(&Value) -> Option<String>,
) -> Option<String> {
    let value: Value = serde_json::from_str(raw.get()).ok()?;
    if value.is_null() {
        return None;
    }
    let text = read(&value);
    if text.is_none() {
        not_understood(expected, kind(&value));
    }
    text
}

/// A descriptive decimal (a consumption, a tread depth: not money) from a
/// number or a numeric string, exact (see [`decimal`](super::decimal): the
/// number's own text is read, never through `f64`), tolerantly.
pub fn option_decimal<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<rust_decimal::Decimal>, D::Error> {
    let raw = Box::<RawValue>::deserialize(d)?;
    let mut de = serde_json::Deserializer::from_str(raw.get());
    match super::decimal::option_number::deserialize(&mut de) {
        Ok(v) => Ok(v),
        Err(_) => {
            let found = serde_json::from_str::<Value>(raw.get())
                .map(|v| kind(&v))
                .unwrap_or("invalid JSON");
            not_understood("a decimal number", found);
            Ok(None)
        }
    }
}

/// A boolean in the lenient forms (`true`, `1`, `"yes"`, `"NO"`, ...: see
/// [`lenient::option_bool`](super::lenient::option_bool)), tolerantly.
pub fn option_bool<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    let value = Value::deserialize(d)?;
    Ok(tolerate(value, "a boolean", |v| {
        super::lenient::option_bool::deserialize(v)
    }))
}

/// A zone-less date-time (`2018-08-07 15:47:17`, see
/// [`datetime::option_space`](super::datetime::option_space)), tolerantly.
pub fn option_datetime<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<jiff::civil::DateTime>, D::Error> {
    let value = Value::deserialize(d)?;
    Ok(tolerate(value, "a date-time", |v| {
        super::datetime::option_space::deserialize(v)
    }))
}

#[cfg(test)]
mod tests {
    #[derive(serde::Deserialize)]
    struct T {
        #[serde(default, deserialize_with = "super::option_decimal")]
        v: Option<rust_decimal::Decimal>,
    }

    #[test]
    fn option_decimal_is_exact_and_tolerant() {
        for (json, want) in [
            (r#"{"v":5.90}"#, Some("5.90")),
            (r#"{"v":"5.90"}"#, Some("5.90")),
            (
                r#"{"v":1234567890.123456789012}"#,
                Some("1234567890.123456789012"),
            ),
            (r#"{"v":null}"#, None),
            (r#"{}"#, None),
            (r#"{"v":"n/a"}"#, None),
            (r#"{"v":{"value":5}}"#, None),
            (r#"{"v":[5]}"#, None),
        ] {
            let t: T = serde_json::from_str(json).unwrap_or_else(|e| panic!("{json}: {e}"));
            assert_eq!(t.v.map(|d| d.to_string()).as_deref(), want, "{json}");
        }
    }
}
