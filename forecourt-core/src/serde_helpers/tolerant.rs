//! Tolerant reading of descriptive fields: a value in an unexpected shape
//! becomes `None` instead of failing the record, and its raw JSON is kept
//! in the record's [`Unexpected`] under the member's name.
//!
//! See the [reading policy](super#reading-policy) for which fields are
//! tolerant. Use with `#[serde(default, deserialize_with = "...")]` on an
//! `Option` field of a *record*: a struct with `#[serde(remote = "Self")]`,
//! a last field `#[serde(skip)] pub unexpected: Unexpected`, and
//! [`tolerant_record!`](crate::tolerant_record) for its `Deserialize` (see
//! there; every further tolerant field of such a record is kept the same
//! way, with no code of its own). A hand-written deserializer can call
//! [`read`], [`read_text`] or [`read_code`] and keep the raw JSON itself
//! (Keyloop's `Contract::unexpected`).
//!
//! The event (`WARN`, target `forecourt::reading`) names the expected type,
//! the JSON kind found (`string`, `object`, ...) and, in a record, the
//! member; never the value, which may be personal data. `Unexpected`'s
//! `Debug` shows only the member names, for the same reason.
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

use std::borrow::Cow;

use serde::de::{DeserializeOwned, Deserializer};
use serde_json::Value;
use serde_json::value::RawValue;

mod record;

pub use record::{Tracked, Unexpected, record};

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

/// The JSON kind of raw JSON text, from its first character.
fn raw_kind(text: &str) -> &'static str {
    match text.trim_start().as_bytes().first() {
        Some(b'"') => "string",
        Some(b'{') => "object",
        Some(b'[') => "array",
        Some(b't' | b'f') => "boolean",
        Some(b'n') => "null",
        _ => "number",
    }
}

/// The event for a value not understood; `member` when the record knows it.
fn not_understood(expected: &'static str, found: &'static str, member: Option<&str>) {
    const MESSAGE: &str =
        "a descriptive field was not understood and reads as None; the record is kept";
    match member {
        Some(member) => tracing::warn!(
            target: "forecourt::reading",
            expected,
            found,
            member,
            "{MESSAGE}; its raw JSON is kept in the record's `unexpected`"
        ),
        None => tracing::warn!(target: "forecourt::reading", expected, found, "{MESSAGE}"),
    }
}

/// A value a tolerant reader's `read` could not read.
struct Unread;

impl From<serde_json::Error> for Unread {
    fn from(_: serde_json::Error) -> Self {
        Unread
    }
}

/// Runs `read` on a deserializer over `text`, which it must read whole.
fn parse<T>(
    text: &str,
    read: impl FnOnce(
        &mut serde_json::Deserializer<serde_json::de::StrRead<'_>>,
    ) -> Result<T, serde_json::Error>,
) -> Result<T, Unread> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value = read(&mut de)?;
    de.end()?;
    Ok(value)
}

/// The contents of a JSON string's raw text, borrowed when it has no
/// escape (the text was checked by serde_json: no quote or control
/// character can be inside); `None` when the text is not a string.
fn string_contents(text: &str) -> Option<Cow<'_, str>> {
    let inner = text.strip_prefix('"')?.strip_suffix('"')?;
    if inner.contains('\\') {
        serde_json::from_str::<String>(text).ok().map(Cow::Owned)
    } else {
        Some(Cow::Borrowed(inner))
    }
}

/// Reads a tolerant field in one pass over its raw JSON text, borrowed from
/// the input where the deserializer lends it: `null` is `None`, and `read`
/// reads the rest. What `read` cannot read is `None`, and its raw JSON is
/// copied (only then) and parked for the record being decoded (see
/// [`Unexpected`]), which keeps it under the member's name and emits the
/// event; outside a record the event is emitted at once.
fn tolerate<'de, D: Deserializer<'de>, T>(
    d: D,
    expected: &'static str,
    read: impl FnOnce(&str) -> Result<Option<T>, Unread>,
) -> Result<Option<T>, D::Error> {
    super::with_raw(d, |text| {
        if text == "null" {
            return None;
        }
        read(text).unwrap_or_else(|Unread| {
            let found = raw_kind(text);
            match RawValue::from_string(text.to_owned()) {
                Ok(raw) => record::park(record::Parked {
                    raw,
                    expected,
                    found,
                }),
                // not JSON: cannot happen with serde_json's raw text
                Err(_) => not_understood(expected, found, None),
            }
            None
        })
    })
}

/// Reads `T` from raw JSON tolerantly: `None` for `null` or, with an event,
/// for anything `T` does not read. The caller keeps the raw JSON if it
/// wants it (nothing is parked).
pub fn read<T: DeserializeOwned>(raw: &RawValue) -> Option<T> {
    let text = raw.get();
    if text == "null" {
        return None;
    }
    match serde_json::from_str(text) {
        Ok(v) => Some(v),
        Err(_) => {
            not_understood(std::any::type_name::<T>(), raw_kind(text), None);
            None
        }
    }
}

/// Any `Option<T>`, tolerantly.
pub fn option<'de, D: Deserializer<'de>, T: DeserializeOwned>(d: D) -> Result<Option<T>, D::Error> {
    tolerate(d, std::any::type_name::<T>(), |text| {
        Ok(serde_json::from_str(text)?)
    })
}

/// A whole number sent as a number or a string (see [`whole`](super::whole)), tolerantly.
pub fn option_whole<'de, D: Deserializer<'de>, T: super::whole::Whole>(
    d: D,
) -> Result<Option<T>, D::Error> {
    tolerate(d, "a whole number", |text| match string_contents(text) {
        // as `whole::option_number` reads them, without a second parse
        Some(s) if s.trim().is_empty() => Ok(None),
        Some(s) => super::whole::parse(&s).map(Some).map_err(|_| Unread),
        None if text.starts_with(|c: char| c == '-' || c.is_ascii_digit()) => {
            super::whole::parse(text).map(Some).map_err(|_| Unread)
        }
        None => Err(Unread),
    })
}

/// A date (`2026-03-02`, or the date part of a date-time), tolerantly.
pub fn option_date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<jiff::civil::Date>, D::Error> {
    tolerate(d, "a date", |text| {
        parse(text, |de| {
            super::datetime::option_date_lenient::deserialize(de)
        })
    })
}

/// A timestamp keeping its time and offset (see
/// [`parse_zoned`](super::datetime::parse_zoned)), tolerantly.
pub fn option_zoned<'de, D: Deserializer<'de>>(d: D) -> Result<Option<jiff::Zoned>, D::Error> {
    tolerate(d, "a timestamp", |text| {
        parse(text, |de| super::datetime::option_zoned::deserialize(de))
    })
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
    tolerate(d, "a text", text_in)
}

/// [`text_of`] on raw JSON text, reading a string without building a
/// `Value`, and a number or boolean as the very text sent (`1.50`, not the
/// `1.5` a `Value` would give back).
fn text_in(text: &str) -> Result<Option<String>, Unread> {
    if let Some(s) = string_contents(text) {
        return Ok(Some(s.into_owned()));
    }
    if matches!(raw_kind(text), "number" | "boolean") {
        return Ok(Some(text.trim().to_owned()));
    }
    let value: Value = serde_json::from_str(text)?;
    text_of(&value).map(Some).ok_or(Unread)
}

/// [`text_of`] on raw JSON, with the event when nothing is read.
pub fn read_text(raw: &RawValue) -> Option<String> {
    let text = raw.get();
    if text == "null" {
        return None;
    }
    text_in(text).unwrap_or_else(|Unread| {
        not_understood("a text", raw_kind(text), None);
        None
    })
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
        not_understood(expected, kind(&value), None);
    }
    text
}

/// A descriptive decimal (a consumption, a tread depth: not money) from a
/// number or a numeric string, exact (see [`decimal`](super::decimal): the
/// number's own text is read, never through `f64`), tolerantly.
pub fn option_decimal<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<rust_decimal::Decimal>, D::Error> {
    tolerate(d, "a decimal number", |text| match string_contents(text) {
        // blank, as the whole numbers, dates and booleans read it
        Some(s) if s.trim().is_empty() => Ok(None),
        _ => super::decimal::parse_raw(text)
            .map(Some)
            .map_err(|_| Unread),
    })
}

/// A boolean in the lenient forms (`true`, `1`, `"yes"`, `"NO"`, ...: see
/// [`lenient::option_bool`](super::lenient::option_bool)), tolerantly.
pub fn option_bool<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    tolerate(d, "a boolean", |text| match text {
        "true" => Ok(Some(true)),
        "false" => Ok(Some(false)),
        _ => parse(text, |de| super::lenient::option_bool::deserialize(de)),
    })
}

/// A zone-less date-time (`2018-08-07 15:47:17`, see
/// [`datetime::option_space`](super::datetime::option_space)), tolerantly.
pub fn option_datetime<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<jiff::civil::DateTime>, D::Error> {
    tolerate(d, "a date-time", |text| {
        parse(text, |de| super::datetime::option_space::deserialize(de))
    })
}

/// A date-time keeping the offset when one is sent (see
/// [`VendorDateTime`](super::datetime::VendorDateTime)), tolerantly.
pub fn option_vendor_datetime<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<super::datetime::VendorDateTime>, D::Error> {
    tolerate(d, "a date-time", |text| match string_contents(text) {
        Some(s) if s.trim().is_empty() => Ok(None),
        Some(s) => super::datetime::parse_vendor_datetime(&s)
            .map(Some)
            .map_err(|_| Unread),
        None => Err(Unread),
    })
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
            (r#"{"v":""}"#, None),
            (r#"{"v":" "}"#, None),
            (r#"{}"#, None),
            (r#"{"v":"n/a"}"#, None),
            (r#"{"v":{"value":5}}"#, None),
            (r#"{"v":[5]}"#, None),
        ] {
            let t: T = serde_json::from_str(json).unwrap_or_else(|e| panic!("{json}: {e}"));
            assert_eq!(t.v.map(|d| d.to_string()).as_deref(), want, "{json}");
        }
    }

    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct Every {
        #[serde(default, deserialize_with = "super::option_text")]
        text: Option<String>,
        #[serde(default, deserialize_with = "super::option_whole")]
        whole: Option<u32>,
        #[serde(default, deserialize_with = "super::option_bool")]
        flag: Option<bool>,
        #[serde(default, deserialize_with = "super::option_decimal")]
        dec: Option<rust_decimal::Decimal>,
    }

    #[derive(Debug, serde::Deserialize)]
    struct Flattened {
        #[serde(flatten)]
        every: Every,
    }

    /// The raw text is borrowed from `from_str`/`from_slice` input, owned
    /// from a reader or a `Value`, and rebuilt inside `flatten` (serde's
    /// buffering, which knows nothing of raw values): every input reads the
    /// same values.
    #[test]
    fn every_input_reads_the_same_values() {
        let dec = |s: &str| s.parse::<rust_decimal::Decimal>().ok();
        for (json, want) in [
            (
                r#"{"text":"a \"quoted\" caf\u00e9","whole":"12000","flag":"NO","dec":"5.90"}"#,
                (
                    Some("a \"quoted\" café"),
                    Some(12000),
                    Some(false),
                    dec("5.90"),
                ),
            ),
            (
                r#"{"text":{"name":"Dealer Care"},"whole":12000.0,"flag":1,"dec":5.90}"#,
                (Some("Dealer Care"), Some(12000), Some(true), dec("5.90")),
            ),
            (
                r#"{"text":12,"whole":" ","flag":true,"dec":null}"#,
                (Some("12"), None, Some(true), None),
            ),
            (
                r#"{"text":[1],"whole":"12000.5","flag":"maybe","dec":"n/a"}"#,
                (None, None, None, None),
            ),
        ] {
            let want = Every {
                text: want.0.map(str::to_owned),
                whole: want.1,
                flag: want.2,
                dec: want.3,
            };
            let from_str: Every = serde_json::from_str(json).unwrap();
            let from_slice: Every = serde_json::from_slice(json.as_bytes()).unwrap();
            let from_reader: Every = serde_json::from_reader(json.as_bytes()).unwrap();
            let value: serde_json::Value = serde_json::from_str(json).unwrap();
            let from_value: Every = serde_json::from_value(value).unwrap();
            let flattened: Flattened = serde_json::from_str(json).unwrap();
            for (how, got) in [
                ("from_str", &from_str),
                ("from_slice", &from_slice),
                ("from_reader", &from_reader),
                ("from_value", &from_value),
            ] {
                assert_eq!(got, &want, "{how}: {json}");
            }
            // inside `flatten`, serde buffers numbers as f64 before the
            // field sees them: exact up to 15 significant digits
            assert_eq!(flattened.every, want, "flatten: {json}");
        }
    }
}
