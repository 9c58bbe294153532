//! Records built with `tolerant_record!` keep the raw JSON of what their
//! tolerant fields could not read, under the member name: nested records,
//! lists of records, a decode error half-way through a record, other
//! deserializers (`from_value`, the path-tracking decode), escaped member
//! names, a record sent as an array, and readers outside any record.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::{Arc, Mutex};

use forecourt_core::serde_helpers::tolerant::{self, Unexpected};
use serde::Deserialize;

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(remote = "Self")]
struct Inner {
    #[serde(default, deserialize_with = "tolerant::option_whole")]
    mileage: Option<u32>,
    #[serde(default, deserialize_with = "tolerant::option_text")]
    make: Option<String>,
    #[serde(skip)]
    unexpected: Unexpected,
}
forecourt_core::tolerant_record!(Inner);

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(remote = "Self")]
struct Outer {
    id: u32,
    #[serde(default, deserialize_with = "tolerant::option_date")]
    start: Option<jiff::civil::Date>,
    #[serde(default)]
    inner: Option<Inner>,
    #[serde(default)]
    items: Vec<Inner>,
    /// Not a record: what its tolerant field cannot read is kept by `Outer`
    /// under `plain`.
    #[serde(default)]
    plain: Option<Plain>,
    #[serde(skip)]
    unexpected: Unexpected,
}
forecourt_core::tolerant_record!(Outer);

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct Plain {
    #[serde(default, deserialize_with = "tolerant::option_whole")]
    year: Option<u16>,
}

fn keys(u: &Unexpected) -> Vec<&str> {
    u.keys().map(String::as_str).collect()
}

#[derive(Clone, Default)]
struct Buffer(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Buffer {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Runs `f` with a subscriber and gives what it logged.
fn logged(f: impl FnOnce()) -> String {
    let buffer = Buffer::default();
    let writer = buffer.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_ansi(false)
        .without_time()
        .with_writer(move || writer.clone())
        .finish();
    tracing::subscriber::with_default(subscriber, f);
    String::from_utf8(buffer.0.lock().unwrap().clone()).unwrap()
}

const DOC: &str = r#"{
    "id": 7,
    "start": "someday",
    "inner": {"mileage": "about 12k", "make": "Ford"},
    "items": [{"mileage": 1}, {"mileage": {"km": 2}, "make": ["x"]}, {"mileage": "3"}],
    "plain": {"year": "old"}
}"#;

#[test]
fn each_record_keeps_its_own_members_nested_and_in_lists() {
    let o: Outer = serde_json::from_str(DOC).unwrap();
    assert_eq!(o.id, 7);
    assert_eq!(o.start, None);
    assert_eq!(keys(&o.unexpected), ["plain", "start"]);
    assert_eq!(o.unexpected["start"].get(), r#""someday""#);
    assert_eq!(o.unexpected["plain"].get(), r#""old""#);
    let inner = o.inner.as_ref().unwrap();
    assert_eq!((inner.mileage, inner.make.as_deref()), (None, Some("Ford")));
    assert_eq!(keys(&inner.unexpected), ["mileage"]);
    assert_eq!(inner.unexpected["mileage"].get(), r#""about 12k""#);
    assert!(o.items[0].unexpected.is_empty());
    assert_eq!(keys(&o.items[1].unexpected), ["make", "mileage"]);
    assert_eq!(o.items[1].unexpected["mileage"].get(), r#"{"km": 2}"#);
    assert_eq!(o.items[1].unexpected["make"].get(), r#"["x"]"#);
    assert_eq!(o.items[2].mileage, Some(3));
    assert!(o.items[2].unexpected.is_empty());
    assert_eq!(o.plain.as_ref().unwrap().year, None);
}

#[test]
fn the_events_name_the_member_and_never_the_value() {
    let log = logged(|| {
        serde_json::from_str::<Outer>(DOC).unwrap();
    });
    let lines: Vec<&str> = log.lines().collect();
    assert_eq!(lines.len(), 5, "{log}");
    for member in ["start", "mileage", "make", "plain"] {
        assert!(
            lines
                .iter()
                .any(|l| l.contains(&format!("member=\"{member}\""))),
            "{member}: {log}"
        );
    }
    assert!(
        lines
            .iter()
            .all(|l| l.contains("WARN") && l.contains("forecourt::reading"))
    );
    for value in ["someday", "about 12k", "km", "old"] {
        assert!(!log.contains(value), "{value}: {log}");
    }
}

#[test]
fn the_path_tracking_decode_and_from_value_keep_the_same() {
    let fast: Outer = serde_json::from_str(DOC).unwrap();
    let sdk: Outer = forecourt_core::decode_json("Test", DOC.as_bytes()).unwrap();
    assert_eq!(sdk, fast);
    let mut de = serde_json::Deserializer::from_str(DOC);
    let tracked: Outer = serde_path_to_error::deserialize(&mut de).unwrap();
    assert_eq!(tracked, fast);
    // from a `Value` the raw JSON is re-encoded (the `Value` has no text)
    let value: serde_json::Value = serde_json::from_str(DOC).unwrap();
    let from_value: Outer = serde_json::from_value(value).unwrap();
    assert_eq!(keys(&from_value.unexpected), ["plain", "start"]);
    assert_eq!(
        from_value.items[1].unexpected["mileage"].get(),
        r#"{"km":2}"#
    );
}

#[test]
fn a_decode_error_half_way_leaves_no_frame_behind() {
    // `start` is parked, then `id` fails: the record is not decoded
    let err =
        serde_json::from_str::<Outer>(r#"{"start": "x", "inner": {"mileage": "y"}, "id": "no"}"#);
    assert!(err.is_err());
    // a reader outside any record afterwards logs at once and keeps nothing
    let log = logged(|| {
        let p: Plain = serde_json::from_str(r#"{"year": "old"}"#).unwrap();
        assert_eq!(p.year, None);
    });
    assert_eq!(log.lines().count(), 1, "{log}");
    assert!(!log.contains("member="), "{log}");
    // and the next record keeps only its own
    let o: Outer = serde_json::from_str(r#"{"id": 1, "inner": {"make": {}}}"#).unwrap();
    assert!(o.unexpected.is_empty());
    assert_eq!(keys(&o.inner.unwrap().unexpected), ["make"]);
}

#[test]
fn escaped_member_names_are_kept_unescaped() {
    let i: Inner = serde_json::from_str(r#"{"mile\u0061ge": "lots"}"#).unwrap();
    assert_eq!(keys(&i.unexpected), ["mileage"]);
    assert_eq!(i.unexpected["mileage"].get(), r#""lots""#);
}

#[test]
fn a_record_sent_as_an_array_logs_without_a_name_and_keeps_nothing() {
    let log = logged(|| {
        let i: Inner = serde_json::from_str(r#"["lots", "Ford"]"#).unwrap();
        assert_eq!((i.mileage, i.make.as_deref()), (None, Some("Ford")));
        assert!(i.unexpected.is_empty());
    });
    assert_eq!(log.lines().count(), 1, "{log}");
}

#[test]
fn everything_read_keeps_nothing_and_debug_shows_only_names() {
    let i: Inner = serde_json::from_str(r#"{"mileage": "12000", "make": 7}"#).unwrap();
    assert_eq!((i.mileage, i.make.as_deref()), (Some(12000), Some("7")));
    assert!(i.unexpected.is_empty());
    assert_eq!(format!("{:?}", i.unexpected), "[]");
    let odd: Inner = serde_json::from_str(r#"{"mileage": "secret-4711"}"#).unwrap();
    assert_eq!(format!("{:?}", odd.unexpected), r#"["mileage"]"#);
    assert!(!format!("{odd:?}").contains("4711"));
    // equal by member names and raw texts
    let again: Inner = serde_json::from_str(r#"{"mileage": "secret-4711"}"#).unwrap();
    assert_eq!(odd, again);
    let other: Inner = serde_json::from_str(r#"{"mileage": "secret-4712"}"#).unwrap();
    assert_ne!(odd, other);
}

#[derive(Debug, Deserialize)]
#[serde(remote = "Self")]
struct Every {
    #[serde(default, deserialize_with = "tolerant::option_text")]
    text: Option<String>,
    #[serde(default, deserialize_with = "tolerant::option_whole")]
    whole: Option<u32>,
    #[serde(default, deserialize_with = "tolerant::option_decimal")]
    decimal: Option<rust_decimal::Decimal>,
    #[serde(default, deserialize_with = "tolerant::option_bool")]
    flag: Option<bool>,
    #[serde(default, deserialize_with = "tolerant::option_date")]
    date: Option<jiff::civil::Date>,
    #[serde(default, deserialize_with = "tolerant::option_vendor_datetime")]
    at: Option<forecourt_core::serde_helpers::VendorDateTime>,
    #[serde(default, deserialize_with = "tolerant::option")]
    code: Option<u8>,
    #[serde(skip)]
    unexpected: Unexpected,
}
forecourt_core::tolerant_record!(Every);

/// Every reader: what it reads (shown as text), `None` for a blank or null
/// with nothing kept, and `None` with the raw JSON kept verbatim (escapes,
/// spacing and digits as sent) for what it cannot read.
#[test]
fn each_reader_keeps_exactly_what_it_cannot_read() {
    let show = |e: &Every, member: &str| -> Option<String> {
        match member {
            "text" => e.text.clone(),
            "whole" => e.whole.map(|v| v.to_string()),
            "decimal" => e.decimal.map(|v| v.to_string()),
            "flag" => e.flag.map(|v| v.to_string()),
            "date" => e.date.map(|v| v.to_string()),
            "at" => e.at.map(|v| v.to_string()),
            "code" => e.code.map(|v| v.to_string()),
            other => panic!("{other}"),
        }
    };
    // (member, raw JSON sent, what it reads; None = kept raw unless blank)
    let rows: &[(&str, &str, Option<&str>, bool)] = &[
        ("text", r#""caf\u00e9 \"GT\"""#, Some("café \"GT\""), false),
        ("text", r#""""#, Some(""), false),
        (
            "text",
            r#"{ "name" : "Dealer Care" }"#,
            Some("Dealer Care"),
            false,
        ),
        ("text", "1.50", Some("1.50"), false),
        ("text", r#"[ "a" ]"#, None, true),
        ("text", r#"{"id": 5}"#, None, true),
        ("whole", r#"" 12000 ""#, Some("12000"), false),
        ("whole", "1.2e4", Some("12000"), false),
        ("whole", r#""""#, None, false),
        ("whole", "12000.5", None, true),
        ("whole", "-1", None, true),
        ("whole", "true", None, true),
        ("decimal", "5.90", Some("5.90"), false),
        (
            "decimal",
            r#""1234567890.123456789012""#,
            Some("1234567890.123456789012"),
            false,
        ),
        ("decimal", r#"" ""#, None, false),
        ("decimal", r#""n/a""#, None, true),
        ("decimal", r#"{"value": 5}"#, None, true),
        ("flag", "true", Some("true"), false),
        ("flag", r#""NO""#, Some("false"), false),
        ("flag", "1", Some("true"), false),
        ("flag", r#""""#, None, false),
        ("flag", "2", None, true),
        (
            "date",
            r#""2017-05-19T10:11:12+02:00""#,
            Some("2017-05-19"),
            false,
        ),
        ("date", r#""2017-13-19""#, None, true),
        (
            "at",
            r#""2018-08-07 15:47:17""#,
            Some("2018-08-07 15:47:17"),
            false,
        ),
        (
            "at",
            r#""2018-08-07T15:47:17Z""#,
            Some("2018-08-07T15:47:17+00:00"),
            false,
        ),
        ("at", r#""""#, None, false),
        ("at", "1533656837", None, true),
        ("code", "7", Some("7"), false),
        ("code", "300", None, true),
        ("code", r#""7""#, None, true),
    ];
    for &(member, raw, reads, kept) in rows {
        // a readable neighbour (`code`, or an unknown member) after it
        let next = if member == "code" { "other" } else { "code" };
        let body = format!(r#"{{"{member}" : {raw} , "{next}": 1}}"#);
        let every: Every = serde_json::from_str(&body).unwrap_or_else(|e| panic!("{body}: {e}"));
        assert_eq!(show(&every, member).as_deref(), reads, "{body}");
        if kept {
            assert_eq!(keys(&every.unexpected), [member], "{body}");
            assert_eq!(every.unexpected[member].get(), raw, "verbatim: {body}");
        } else {
            assert!(
                every.unexpected.is_empty(),
                "{body}: {:?}",
                every.unexpected
            );
        }
    }
}
