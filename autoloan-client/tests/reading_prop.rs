//! Property test: status webhooks generated from the documented one (term
//! and amounts with random values as numbers or text, timestamps at any
//! offset in quarter hours, written `Z` or `+00:00` at UTC, with no
//! fraction, milliseconds or nanoseconds, random extra fields) parse through
//! the public receiver with every generated value read back: the instant,
//! the offset and the wall-clock time sent.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use autoloan_client::Decimal;
use autoloan_client::webhooks::WebhookReceiver;
use http::HeaderMap;
use proptest::prelude::*;

fn form(text: String, as_text: bool) -> String {
    if as_text { format!("\"{text}\"") } else { text }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn generated_webhooks_parse_with_every_value(
        term in 1u32..=600,
        amount in (0i64..1_000_000_000, 0u32..3).prop_map(|(m, s)| Decimal::new(m, s)),
        rate in (0i64..10_000, 0u32..4).prop_map(|(m, s)| Decimal::new(m, s)),
        texts in prop::collection::vec(any::<bool>(), 3),
        secs in 0i64..4_000_000_000,
        quarters in -48i32..=56,
        zulu in any::<bool>(),
        fraction in (0u8..3, 0i64..1_000_000_000),
        extra in prop::collection::vec(("x[a-z]{1,8}", any::<i64>()), 0..4),
    ) {
        let nanos = match fraction.0 {
            0 => 0,
            1 => fraction.1 / 1_000_000 * 1_000_000,
            _ => fraction.1,
        };
        let ts = jiff::Timestamp::from_second(secs).unwrap() + jiff::SignedDuration::from_nanos(nanos);
        let offset = jiff::tz::Offset::from_seconds(quarters * 15 * 60).unwrap();
        let zoned = ts.to_zoned(jiff::tz::TimeZone::fixed(offset));
        let frac = match fraction.0 {
            0 => "",
            1 => "%.3f",
            _ => "%.9f",
        };
        let mut stamp = zoned.strftime(&format!("%Y-%m-%dT%H:%M:%S{frac}%:z")).to_string();
        if zulu && quarters == 0 {
            stamp = stamp.replace("+00:00", "Z");
        }
        let extras: String = extra.iter().map(|(k, v)| format!(r#","{k}":{v}"#)).collect();
        let body = format!(
            r#"{{"applicationId":"APP-005","status":"Approved","timestamp":"{stamp}",
               "details":{{"approvedAmount":{},"interestRate":{},"term":{}{extras}}}{extras}}}"#,
            form(amount.to_string(), texts[0]),
            form(rate.to_string(), texts[1]),
            form(term.to_string(), texts[2]),
        );
        let hook = WebhookReceiver::new()
            .parse(&HeaderMap::new(), body.as_bytes())
            .unwrap_or_else(|e| panic!("{body}: {e:?}"));
        prop_assert_eq!(hook.application_id.as_str(), "APP-005");
        prop_assert_eq!(hook.timestamp.timestamp(), ts);
        prop_assert_eq!(hook.timestamp.offset(), offset);
        prop_assert_eq!(hook.timestamp.datetime(), zoned.datetime());
        prop_assert_eq!(hook.dedupe_key().timestamp, ts);
        let d = hook.details.as_ref().unwrap();
        prop_assert_eq!(d.term, Some(term));
        prop_assert_eq!(d.approved_amount, Some(amount));
        prop_assert_eq!(d.interest_rate, Some(rate));
    }
}
