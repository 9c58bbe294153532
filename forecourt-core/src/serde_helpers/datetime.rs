//! Dates for vendors that do not speak RFC 3339 everywhere.
//!
//! `jiff`'s own serde support already covers `civil::Date` (`2018-08-07`) and
//! `Timestamp` (`2024-07-18T10:00:00Z`). This module adds the zone-less
//! date-time with a space (`2018-08-07 15:47:17`) and lenient forms.

use std::fmt;

use jiff::civil::{Date, DateTime};
use serde::Serializer;
use serde::de::{self, Deserializer, Visitor};

/// Parses `2018-08-07 15:47:17` or `2018-08-07T15:47:17` (fractional seconds allowed).
pub fn parse_datetime(text: &str) -> Result<DateTime, jiff::Error> {
    let text = text.trim();
    // jiff takes a space as the date-time separator itself, so the common
    // forms parse without a copy; anything else gets the old rewrite of
    // the first space to `T`.
    match text.parse() {
        Ok(dt) => Ok(dt),
        Err(e) if !text.contains(' ') => Err(e),
        Err(_) => text.replacen(' ', "T", 1).parse(),
    }
}

/// Formats `2018-08-07 15:47:17` (fractional seconds only when present).
pub fn format_datetime(dt: &DateTime) -> String {
    dt.to_string().replacen('T', " ", 1)
}

struct DtVisitor;

impl Visitor<'_> for DtVisitor {
    type Value = DateTime;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a date-time like 2018-08-07 15:47:17")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<DateTime, E> {
        parse_datetime(v).map_err(|_| E::custom("not a date-time like 2018-08-07 15:47:17"))
    }
}

/// `null`, or a string: blank is `None`, anything else goes through the
/// parser. Reads the string as a `&str` (no `String` per value); type errors
/// read as they did with `Option<String>` ("expected a string").
struct OptionText<F>(F);

impl<'de, T, F> Visitor<'de> for OptionText<F>
where
    F: FnOnce(&str) -> Result<T, &'static str>,
{
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_none<E: de::Error>(self) -> Result<Option<T>, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Option<T>, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Option<T>, D::Error> {
        super::from_str_with(d, |v| {
            if v.trim().is_empty() {
                Ok(None)
            } else {
                (self.0)(v).map(Some)
            }
        })
    }
}

/// `civil::DateTime` written with a space: `2018-08-07 15:47:17`.
pub mod space {
    use super::*;

    /// Decodes with a space or a `T`.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime, D::Error> {
        d.deserialize_str(DtVisitor)
    }

    /// Encodes with a space.
    pub fn serialize<S: Serializer>(dt: &DateTime, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format_datetime(dt))
    }
}

/// `Option<civil::DateTime>` written with a space; `null` or `""` is `None`.
pub mod option_space {
    use super::*;

    /// Decodes `null`, `""`, or a date-time with a space or a `T`.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DateTime>, D::Error> {
        d.deserialize_option(OptionText(|s: &str| {
            parse_datetime(s).map_err(|_| "not a date-time like 2018-08-07 15:47:17")
        }))
    }

    /// Encodes `Some` with a space, `None` as `null`.
    pub fn serialize<S: Serializer>(dt: &Option<DateTime>, s: S) -> Result<S::Ok, S::Error> {
        match dt {
            Some(dt) => s.serialize_str(&format_datetime(dt)),
            None => s.serialize_none(),
        }
    }
}

/// A date-time as the vendor wrote it: its wall-clock date and time, and the
/// UTC offset when one was sent. For fields a vendor documents without a
/// zone (Autengo's `created`: `2018-08-07 15:47:17`) that some servers send
/// with one (`2018-08-07T15:47:17+02:00`, `...Z`): the offset is kept when it
/// comes, and never invented when it does not (reading a zone-less time at
/// UTC would be a guess).
///
/// Reads `2018-08-07 15:47:17`, a `T` for the space, fractions of a second,
/// an offset (`Z`, `+02:00`, `-0500`), a date alone (at midnight, as
/// `civil::DateTime` reads it); `-00:00` (RFC 3339: the time is in UTC, the
/// local offset unknown) reads as `Z`, and a time zone annotation
/// (`[Europe/Berlin]`) is not kept. Writes the zone-less form with a space, and RFC 3339 when there is
/// an offset. Two values are equal when both the wall-clock time and the
/// offset are; there is no order across offsets (compare
/// [`timestamp`](Self::timestamp)s, or [`datetime`](Self::datetime)s for a
/// vendor that writes one zone).
///
/// ```
/// use forecourt_core::serde_helpers::datetime::VendorDateTime;
/// let plain: VendorDateTime = "2018-08-07 15:47:17".parse().unwrap();
/// assert_eq!(plain.offset(), None);
/// assert_eq!(plain.timestamp(), None);
/// assert_eq!(plain.to_string(), "2018-08-07 15:47:17");
///
/// let at: VendorDateTime = "2018-08-07T15:47:17.5+02:00".parse().unwrap();
/// assert_eq!(at.datetime(), jiff::civil::date(2018, 8, 7).at(15, 47, 17, 500_000_000));
/// assert_eq!(at.offset().map(|o| o.seconds()), Some(7200));
/// assert_eq!(at.timestamp().unwrap().to_string(), "2018-08-07T13:47:17.5Z");
/// assert_eq!(at.to_string(), "2018-08-07T15:47:17.5+02:00");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct VendorDateTime {
    datetime: DateTime,
    offset: Option<jiff::tz::Offset>,
}

impl VendorDateTime {
    /// A wall-clock date-time, with the offset it was written at if any.
    pub fn new(datetime: DateTime, offset: Option<jiff::tz::Offset>) -> Self {
        VendorDateTime { datetime, offset }
    }

    /// The wall-clock date and time, as written.
    pub fn datetime(self) -> DateTime {
        self.datetime
    }

    /// The date, as written.
    pub fn date(self) -> Date {
        self.datetime.date()
    }

    /// The UTC offset, if the vendor sent one.
    pub fn offset(self) -> Option<jiff::tz::Offset> {
        self.offset
    }

    /// The instant, when the vendor sent an offset.
    pub fn timestamp(self) -> Option<jiff::Timestamp> {
        self.to_zoned().map(|z| z.timestamp())
    }

    /// The time at its own offset, when the vendor sent one.
    pub fn to_zoned(self) -> Option<jiff::Zoned> {
        let offset = self.offset?;
        self.datetime
            .to_zoned(jiff::tz::TimeZone::fixed(offset))
            .ok()
    }

    /// The time in `tz`: a zone-less value is read as a wall-clock time
    /// there (for a vendor whose servers write local time; a time skipped
    /// or repeated by a DST change is resolved as jiff's `compatible`
    /// does), a value with an offset is its instant seen in `tz`.
    pub fn to_zoned_in(self, tz: &jiff::tz::TimeZone) -> Result<jiff::Zoned, jiff::Error> {
        match self.offset {
            Some(offset) => {
                let at = self.datetime.to_zoned(jiff::tz::TimeZone::fixed(offset))?;
                Ok(at.with_time_zone(tz.clone()))
            }
            None => self.datetime.to_zoned(tz.clone()),
        }
    }
}

impl From<DateTime> for VendorDateTime {
    fn from(datetime: DateTime) -> Self {
        VendorDateTime::new(datetime, None)
    }
}

impl From<jiff::Zoned> for VendorDateTime {
    fn from(z: jiff::Zoned) -> Self {
        VendorDateTime::new(z.datetime(), Some(z.offset()))
    }
}

impl std::str::FromStr for VendorDateTime {
    type Err = &'static str;

    fn from_str(text: &str) -> Result<Self, &'static str> {
        parse_vendor_datetime(text)
    }
}

impl fmt::Display for VendorDateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.to_zoned() {
            Some(z) => write!(f, "{}", format_zoned(&z)),
            None => f.write_str(&format_datetime(&self.datetime)),
        }
    }
}

impl serde::Serialize for VendorDateTime {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for VendorDateTime {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        super::from_str_with(d, parse_vendor_datetime)
    }
}

/// Parses a [`VendorDateTime`]: the wall-clock date-time, and the offset
/// when one is written.
pub fn parse_vendor_datetime(text: &str) -> Result<VendorDateTime, &'static str> {
    use jiff::fmt::temporal::{Pieces, PiecesOffset};
    const NOT: &str = "not a date-time like 2018-08-07 15:47:17";
    let pieces = Pieces::parse(text.trim()).map_err(|_| NOT)?;
    let offset = match pieces.offset() {
        Some(PiecesOffset::Numeric(n)) => Some(n.offset()),
        // `-00:00` (RFC 3339: in UTC, local offset unknown) reads as `Z`
        Some(PiecesOffset::Zulu) => Some(jiff::tz::Offset::UTC),
        Some(_) | None => None,
    };
    let time = pieces.time().unwrap_or(jiff::civil::Time::midnight());
    let datetime = DateTime::from_parts(pieces.date(), time);
    if let Some(offset) = offset {
        // an offset that puts the instant out of jiff's range is not a time
        datetime
            .to_zoned(jiff::tz::TimeZone::fixed(offset))
            .map_err(|_| "date-time out of range")?;
    }
    Ok(VendorDateTime { datetime, offset })
}

/// Parses a date from `2018-08-07`, or from the date part of a date-time
/// (`2018-08-07 15:47:17`, `2018-08-07T15:47:17Z`).
pub fn parse_date_lenient(text: &str) -> Result<Date, jiff::Error> {
    let t = text.trim();
    let head = t.get(..10).unwrap_or(t);
    head.parse()
}

/// `Option<civil::Date>` that also takes the date part of a date-time;
/// `null` or `""` is `None`. Encodes as `yyyy-mm-dd`.
pub mod option_date_lenient {
    use super::*;

    /// Decodes `null`, `""`, a date, or the date part of a date-time.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
        d.deserialize_option(OptionText(|s: &str| {
            parse_date_lenient(s).map_err(|_| "not a date like 2018-08-07")
        }))
    }

    /// Encodes `yyyy-mm-dd`, or `null`.
    pub fn serialize<S: Serializer>(date: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
        match date {
            Some(d) => s.collect_str(d),
            None => s.serialize_none(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::{Deserialize, Serialize};

    #[derive(Debug, Deserialize, Serialize)]
    struct T {
        #[serde(with = "space")]
        at: DateTime,
        #[serde(with = "option_space", default)]
        maybe: Option<DateTime>,
        #[serde(with = "option_date_lenient", default)]
        day: Option<Date>,
        ts: jiff::Timestamp,
        date: Date,
    }

    #[test]
    fn errors_name_the_field() {
        for (body, field) in [
            (r#"{"at":"2018-08-07 15:47:17","maybe":"later"}"#, "maybe"),
            (r#"{"at":"2018-08-07 15:47:17","day":"2018-13-01"}"#, "day"),
            (r#"{"at":"2018-08-07 15:47:17","day":5}"#, "day"),
        ] {
            let body = body.replace('}', r#","ts":"2024-07-18T10:00:00Z","date":"2017-01-31"}"#);
            let de = &mut serde_json::Deserializer::from_str(&body);
            let err = serde_path_to_error::deserialize::<_, T>(de).unwrap_err();
            assert_eq!(err.path().to_string(), field, "{body}");
        }
    }

    #[test]
    fn accepts_space_t_and_padding_like_before() {
        let expected = jiff::civil::date(2018, 8, 7).at(15, 47, 17, 500_000_000);
        for text in [
            "2018-08-07 15:47:17.5",
            "2018-08-07T15:47:17.5",
            " 2018-08-07 15:47:17.5 ",
            "2018-08-07t15:47:17.5",
        ] {
            assert_eq!(parse_datetime(text).unwrap(), expected, "{text:?}");
        }
        assert!(parse_datetime("2018-08-07  15:47:17").is_err());
        assert!(parse_datetime("2018-08-07 25:47:17").is_err());
        let o: T = serde_json::from_str(
            r#"{"at":"2018-08-07T15:47:17","maybe":null,"day":"  ","ts":"2024-07-18T10:00:00Z","date":"2017-01-31"}"#,
        )
        .unwrap();
        assert_eq!((o.maybe, o.day), (None, None));
    }

    #[test]
    fn round_trips_vendor_forms() {
        let t: T = serde_json::from_str(
            r#"{"at":"2018-08-07 15:47:17","maybe":"","day":"2018-08-07 00:00:00","ts":"2024-07-18T10:00:00Z","date":"2017-01-31"}"#,
        )
        .unwrap();
        assert_eq!(t.at, jiff::civil::date(2018, 8, 7).at(15, 47, 17, 0));
        assert_eq!(t.maybe, None);
        assert_eq!(t.day, Some(jiff::civil::date(2018, 8, 7)));
        assert_eq!(
            serde_json::to_string(&t).unwrap(),
            r#"{"at":"2018-08-07 15:47:17","maybe":null,"day":"2018-08-07","ts":"2024-07-18T10:00:00Z","date":"2017-01-31"}"#
        );
        assert!(
            serde_json::from_str::<T>(
                r#"{"at":"yesterday","ts":"2024-07-18T10:00:00Z","date":"2017-01-31"}"#
            )
            .is_err()
        );
    }
}

/// Parses a timestamp keeping its time and its offset:
/// `2026-03-02T14:11:09.000-05:00` is 14:11:09 at `-05:00`, `...Z` is at
/// UTC. A date-time without an offset, or a date alone (which some vendors
/// send where they document a timestamp), is read at UTC, a date alone at
/// midnight: [`Zoned::date`](jiff::Zoned::date) then gives the date sent.
pub fn parse_zoned(text: &str) -> Result<jiff::Zoned, &'static str> {
    use jiff::fmt::temporal::{Pieces, PiecesOffset};
    use jiff::tz::{Offset, TimeZone};
    let text = text.trim();
    let pieces = Pieces::parse(text).map_err(|_| "not a timestamp with an offset")?;
    let offset = match pieces.offset() {
        Some(PiecesOffset::Numeric(n)) => n.offset(),
        Some(PiecesOffset::Zulu) | None => Offset::UTC,
        Some(_) => Offset::UTC,
    };
    let time = pieces.time().unwrap_or(jiff::civil::Time::midnight());
    DateTime::from_parts(pieces.date(), time)
        .to_zoned(TimeZone::fixed(offset))
        .map_err(|_| "timestamp out of range")
}

/// Formats a timestamp as RFC 3339 with its own offset
/// (`2026-03-02T14:11:09-05:00`).
pub fn format_zoned(z: &jiff::Zoned) -> String {
    z.timestamp().display_with_offset(z.offset()).to_string()
}

/// `Option<jiff::Zoned>` from an RFC 3339 timestamp keeping time and offset
/// (see [`parse_zoned`]), `null` or `""`; encodes RFC 3339 with the offset.
pub mod option_zoned {
    use super::*;

    /// Decodes a timestamp with its offset, or `None` for `null` / `""`.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<jiff::Zoned>, D::Error> {
        d.deserialize_option(OptionText(parse_zoned))
    }

    /// Encodes RFC 3339 with the offset, or `null`.
    pub fn serialize<S: Serializer>(z: &Option<jiff::Zoned>, s: S) -> Result<S::Ok, S::Error> {
        match z {
            Some(z) => s.serialize_str(&format_zoned(z)),
            None => s.serialize_none(),
        }
    }
}

/// Parses a timestamp that must carry its time and its offset (`Z` or
/// `+02:00`, fractions of a second allowed): the strict form of
/// [`parse_zoned`], for a timestamp a record's identity or status depends
/// on. A date alone or a date-time without an offset is refused: reading
/// it at UTC would be a guess.
pub fn parse_zoned_exact(text: &str) -> Result<jiff::Zoned, &'static str> {
    use jiff::fmt::temporal::{Pieces, PiecesOffset};
    use jiff::tz::{Offset, TimeZone};
    const NOT: &str = "not an RFC 3339 timestamp with a time and an offset";
    let pieces = Pieces::parse(text.trim()).map_err(|_| NOT)?;
    let offset = match pieces.offset() {
        Some(PiecesOffset::Numeric(n)) => n.offset(),
        Some(PiecesOffset::Zulu) => Offset::UTC,
        _ => return Err(NOT),
    };
    let time = pieces.time().ok_or(NOT)?;
    DateTime::from_parts(pieces.date(), time)
        .to_zoned(TimeZone::fixed(offset))
        .map_err(|_| "timestamp out of range")
}

/// `jiff::Zoned` from an RFC 3339 timestamp with its time and offset kept
/// (see [`parse_zoned_exact`]; strict: anything else is an error at the
/// field's path); encodes RFC 3339 with the offset.
///
/// ```
/// #[derive(serde::Deserialize)]
/// struct Update {
///     #[serde(with = "forecourt_core::serde_helpers::datetime::zoned")]
///     at: jiff::Zoned,
/// }
/// let u: Update = serde_json::from_str(r#"{"at":"2024-07-18T12:00:00.250+02:00"}"#).unwrap();
/// assert_eq!(u.at.offset().seconds(), 7200);
/// assert_eq!(u.at.timestamp().to_string(), "2024-07-18T10:00:00.25Z");
/// assert!(serde_json::from_str::<Update>(r#"{"at":"2024-07-18T12:00:00"}"#).is_err());
/// ```
pub mod zoned {
    use super::*;

    /// Decodes a timestamp with its offset.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<jiff::Zoned, D::Error> {
        super::super::from_str_with(d, parse_zoned_exact)
    }

    /// Encodes RFC 3339 with the offset (`Z` for UTC, as most vendors write it).
    pub fn serialize<S: Serializer>(z: &jiff::Zoned, s: S) -> Result<S::Ok, S::Error> {
        if z.offset() == jiff::tz::Offset::UTC {
            s.collect_str(&z.timestamp())
        } else {
            s.serialize_str(&format_zoned(z))
        }
    }
}

#[cfg(test)]
mod zoned_tests {
    use super::*;

    #[test]
    fn exact_keeps_time_and_offset_and_refuses_guesses() {
        for (text, utc, offset_s) in [
            ("2024-07-18T10:00:00Z", "2024-07-18T10:00:00Z", 0),
            ("2024-07-18T12:00:00+02:00", "2024-07-18T10:00:00Z", 7200),
            (
                "2024-07-18T12:00:00.123456789+02:00",
                "2024-07-18T10:00:00.123456789Z",
                7200,
            ),
            (
                "2024-07-18t05:00:00.5-05:00",
                "2024-07-18T10:00:00.5Z",
                -18000,
            ),
            (" 2024-07-18 10:00:00z ", "2024-07-18T10:00:00Z", 0),
        ] {
            let z = parse_zoned_exact(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(z.timestamp().to_string(), utc, "{text}");
            assert_eq!(z.offset().seconds(), offset_s, "{text}");
        }
        for bad in [
            "2024-07-18",
            "2024-07-18T10:00:00",
            "yesterday",
            "",
            "2024-13-18T10:00:00Z",
        ] {
            assert!(parse_zoned_exact(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn vendor_datetime_keeps_the_offset_only_when_sent() {
        let dt = |ns| jiff::civil::date(2018, 8, 7).at(15, 47, 17, ns);
        for (text, datetime, offset_s, shown) in [
            ("2018-08-07 15:47:17", dt(0), None, "2018-08-07 15:47:17"),
            ("2018-08-07T15:47:17", dt(0), None, "2018-08-07 15:47:17"),
            (
                " 2018-08-07 15:47:17.25 ",
                dt(250_000_000),
                None,
                "2018-08-07 15:47:17.25",
            ),
            (
                "2018-08-07T15:47:17Z",
                dt(0),
                Some(0),
                "2018-08-07T15:47:17+00:00",
            ),
            (
                "2018-08-07 15:47:17z",
                dt(0),
                Some(0),
                "2018-08-07T15:47:17+00:00",
            ),
            (
                "2018-08-07T15:47:17+02:00",
                dt(0),
                Some(7200),
                "2018-08-07T15:47:17+02:00",
            ),
            (
                "2018-08-07T15:47:17.5-0500",
                dt(500_000_000),
                Some(-18000),
                "2018-08-07T15:47:17.5-05:00",
            ),
            (
                "2018-08-07T15:47:17-00:00",
                dt(0),
                Some(0),
                "2018-08-07T15:47:17+00:00",
            ),
            (
                "2018-08-07T15:47:17+02:00[Europe/Berlin]",
                dt(0),
                Some(7200),
                "2018-08-07T15:47:17+02:00",
            ),
            (
                "2018-08-07",
                jiff::civil::date(2018, 8, 7).at(0, 0, 0, 0),
                None,
                "2018-08-07 00:00:00",
            ),
        ] {
            let v = parse_vendor_datetime(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(v.datetime(), datetime, "{text}");
            assert_eq!(v.offset().map(|o| o.seconds()), offset_s, "{text}");
            assert_eq!(v.timestamp().is_some(), offset_s.is_some(), "{text}");
            assert_eq!(v.to_string(), shown, "{text}");
            // what it writes reads back as the same value
            assert_eq!(parse_vendor_datetime(shown), Ok(v), "{text}");
        }
        for bad in [
            "",
            "yesterday",
            "2018-13-07 15:47:17",
            "2018-08-07 25:47:17",
            "2018-08-07  15:47:17",
            "-009999-01-01T00:00:00+25:00",
            "15:47:17",
        ] {
            assert!(parse_vendor_datetime(bad).is_err(), "{bad:?}");
        }
        let berlin = jiff::tz::TimeZone::fixed(jiff::tz::offset(1));
        let plain = parse_vendor_datetime("2018-08-07 15:47:17").unwrap();
        assert_eq!(plain.to_zoned_in(&berlin).unwrap().datetime(), dt(0));
        let at_utc = parse_vendor_datetime("2018-08-07T15:47:17Z").unwrap();
        assert_eq!(
            at_utc.to_zoned_in(&berlin).unwrap().datetime(),
            jiff::civil::date(2018, 8, 7).at(16, 47, 17, 0)
        );
    }
}
