//! Small decoding helpers shared by the models.

use forecourt_core::Redacted;
use forecourt_core::serde_helpers::{datetime, decimal};
use jiff::civil::Date;
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serializer};

/// `Option<Redacted<Date>>`: `null`, `""`, or a date (or the date part of a date-time).
pub(crate) fn opt_redacted_date<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<Redacted<Date>>, D::Error> {
    Ok(datetime::option_date_lenient::deserialize(d)?.map(Redacted::new))
}

/// `Option<Redacted<String>>`: `null`/`""` is `None`.
pub(crate) fn opt_redacted_string<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<Redacted<String>>, D::Error> {
    Ok(Option::<String>::deserialize(d)?
        .filter(|s| !s.is_empty())
        .map(Redacted::new))
}

/// `Option<String>`: `""` is `None`.
pub(crate) fn opt_nonempty<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(Option::<String>::deserialize(d)?.filter(|s| !s.trim().is_empty()))
}

/// `Option<Decimal>` from a number, a string, or `null`.
pub(crate) fn opt_money<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
    decimal::deserialize_option(d)
}

/// Encodes an `Option<Decimal>` as a JSON number (`None` as `null`; skip it
/// with `skip_serializing_if`).
pub(crate) fn ser_opt_number<S: Serializer>(v: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
    decimal::option_number::serialize(v, s)
}
