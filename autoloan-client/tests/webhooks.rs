//! Status webhooks: fixture, receiver checks, dedupe keys.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::HashSet;

use autoloan_client::webhooks::{
    DEFAULT_MAX_WEBHOOK_BYTES, SharedSecret, StatusWebhook, WebhookDetails, WebhookError,
    WebhookReceiver,
};
use autoloan_client::{ApplicationStatus, Decimal, Error, SecretString};
use common::{fixture, fixture_bytes};
use http::{HeaderMap, HeaderValue, StatusCode, Uri};

const SECRET: &str = "s3cr3t-0123456789-abcdef";

#[test]
fn documented_payload_decodes() {
    let hook = WebhookReceiver::new()
        .parse(&HeaderMap::new(), &fixture_bytes("status_webhook.json"))
        .unwrap();
    assert_eq!(hook.application_id.as_str(), "APP-005");
    assert_eq!(hook.status, ApplicationStatus::Approved);
    assert_eq!(
        hook.timestamp.timestamp().to_string(),
        "2024-07-18T10:00:00Z"
    );
    assert_eq!(hook.timestamp.offset(), jiff::tz::Offset::UTC);
    let d = hook.details.clone().unwrap();
    assert_eq!(d.approved_amount, Some(Decimal::from(35_000)));
    assert_eq!(d.interest_rate, Some("4.5".parse().unwrap()));
    assert_eq!(d.term, Some(60));
    // and re-encodes equal
    assert_eq!(
        serde_json::to_value(&hook).unwrap(),
        fixture("status_webhook.json")
    );
    let built = StatusWebhook::builder()
        .application_id("APP-005")
        .status(ApplicationStatus::Approved)
        .timestamp(
            "2024-07-18T10:00:00Z"
                .parse::<autoloan_client::Timestamp>()
                .unwrap()
                .to_zoned(jiff::tz::TimeZone::UTC),
        )
        .details(
            WebhookDetails::builder()
                .approved_amount(Decimal::from(35_000))
                .interest_rate("4.5".parse().unwrap())
                .term(60)
                .build(),
        )
        .build();
    assert_eq!(built, hook);
}

#[test]
fn money_in_details_is_exact() {
    let body = br#"{"applicationId":"A","status":"Approved","timestamp":"2024-07-18T10:00:00Z",
        "details":{"approvedAmount":12345678901234567.89,"interestRate":"4.25"}}"#;
    let hook = WebhookReceiver::new()
        .parse(&HeaderMap::new(), body)
        .unwrap();
    let d = hook.details.unwrap();
    assert_eq!(
        d.approved_amount.unwrap().to_string(),
        "12345678901234567.89"
    );
    assert_eq!(d.interest_rate.unwrap().to_string(), "4.25");
    assert_eq!(d.term, None);
}

#[test]
fn pending_and_rejected_without_details_and_unknown_status_kept() {
    let r = WebhookReceiver::new();
    for (status, expected) in [
        ("Pending", ApplicationStatus::Pending),
        ("Rejected", ApplicationStatus::Rejected),
        ("Withdrawn", ApplicationStatus::Unknown("Withdrawn".into())),
    ] {
        let body = format!(
            r#"{{"applicationId":"APP-1","status":"{status}","timestamp":"2024-07-18T10:00:00+03:00","extra":true}}"#
        );
        let hook = r.parse(&HeaderMap::new(), body.as_bytes()).unwrap();
        assert_eq!(hook.status, expected);
        assert_eq!(hook.status.as_str(), status);
        assert_eq!(hook.details, None);
        assert_eq!(
            hook.timestamp.timestamp().to_string(),
            "2024-07-18T07:00:00Z"
        );
        assert_eq!(hook.timestamp.offset().seconds(), 3 * 3600);
        assert_eq!(hook.timestamp.hour(), 10);
    }
}

#[test]
fn header_secret_is_checked() {
    let r = WebhookReceiver::new().shared_secret(
        SharedSecret::header("X-Autoloan-Secret", SecretString::from(SECRET)).unwrap(),
    );
    let body = fixture_bytes("status_webhook.json");
    assert_eq!(
        r.parse(&HeaderMap::new(), &body),
        Err(WebhookError::MissingSecret)
    );
    let mut h = HeaderMap::new();
    h.insert(
        "x-autoloan-secret",
        HeaderValue::from_static("s3cr3t-0123456789-abcdeX"),
    );
    assert_eq!(r.parse(&h, &body), Err(WebhookError::SecretMismatch));
    h.insert("x-autoloan-secret", HeaderValue::from_static("short"));
    assert_eq!(r.parse(&h, &body), Err(WebhookError::SecretMismatch));
    h.insert("x-autoloan-secret", HeaderValue::from_static(SECRET));
    assert!(r.parse(&h, &body).is_ok());
    // the secret is checked before the body: an unauthenticated junk body is a 401
    let junk = r.parse(&HeaderMap::new(), b"not json").unwrap_err();
    assert_eq!(junk.http_status(), StatusCode::UNAUTHORIZED);
}

#[test]
fn query_secret_is_checked_and_fails_closed_without_uri() {
    let r = WebhookReceiver::new()
        .shared_secret(SharedSecret::query_param("token", SecretString::from(SECRET)).unwrap());
    let body = fixture_bytes("status_webhook.json");
    let h = HeaderMap::new();
    let ok: Uri = format!("/hooks/autoloan?x=1&token={SECRET}")
        .parse()
        .unwrap();
    assert!(r.parse_request(&ok, &h, &body).is_ok());
    let wrong: Uri = "/hooks/autoloan?token=nope".parse().unwrap();
    assert_eq!(
        r.parse_request(&wrong, &h, &body),
        Err(WebhookError::SecretMismatch)
    );
    let none: Uri = "/hooks/autoloan".parse().unwrap();
    assert_eq!(
        r.parse_request(&none, &h, &body),
        Err(WebhookError::MissingSecret)
    );
    // parse() cannot see the URL: it refuses rather than skipping the check
    assert_eq!(r.parse(&h, &body), Err(WebhookError::MissingSecret));
}

#[test]
fn weak_or_invalid_secrets_are_refused_at_configuration() {
    let err = SharedSecret::header("X-Secret", SecretString::from("short")).unwrap_err();
    assert!(matches!(&err, Error::InvalidInput { field, .. } if field == "shared_secret"));
    assert!(SharedSecret::header("bad header", SecretString::from(SECRET)).is_err());
    assert!(SharedSecret::query_param("", SecretString::from(SECRET)).is_err());
}

#[test]
fn oversized_bodies_are_refused() {
    let r = WebhookReceiver::new().max_body_bytes(100);
    let body = fixture_bytes("status_webhook.json");
    assert!(body.len() > 100);
    let err = r.parse(&HeaderMap::new(), &body).unwrap_err();
    assert_eq!(err, WebhookError::TooLarge { limit: 100 });
    assert_eq!(err.http_status(), StatusCode::PAYLOAD_TOO_LARGE);
    let big = vec![b' '; DEFAULT_MAX_WEBHOOK_BYTES + 1];
    assert!(matches!(
        WebhookReceiver::new().parse(&HeaderMap::new(), &big),
        Err(WebhookError::TooLarge { .. })
    ));
}

#[test]
fn malformed_and_unknown_payloads_are_clear_errors() {
    let r = WebhookReceiver::new();
    let h = HeaderMap::new();
    for body in [&b""[..], b"{", b"<html>", b"\xff\xfe"] {
        let err = r.parse(&h, body).unwrap_err();
        assert!(
            matches!(&err, WebhookError::Malformed { path, .. } if path == "."),
            "{err:?}"
        );
        assert_eq!(err.http_status(), StatusCode::BAD_REQUEST);
    }
    for body in [
        &b"[]"[..],
        b"42",
        br#"{"event":"dealer.updated"}"#,
        br#"{"applicationId":"A"}"#,
    ] {
        let err = r.parse(&h, body).unwrap_err();
        assert!(
            matches!(err, WebhookError::UnknownPayload { .. }),
            "{err:?}"
        );
        assert_eq!(err.http_status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
    let err = r
        .parse(
            &h,
            br#"{"applicationId":"A","status":"Approved","timestamp":"yesterday 123-45-6789"}"#,
        )
        .unwrap_err();
    match &err {
        WebhookError::Malformed { path, message } => {
            assert_eq!(path, "timestamp");
            assert!(!message.contains("6789"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    // money is strict (the term is tolerant since the reading policy: see
    // tests/reading_corpus.rs)
    let err = r
        .parse(
            &h,
            br#"{"applicationId":"A","status":"Approved","timestamp":"2024-07-18T10:00:00Z","details":{"approvedAmount":"lots"}}"#,
        )
        .unwrap_err();
    assert!(
        matches!(&err, WebhookError::Malformed { path, .. } if path == "details.approvedAmount"),
        "{err:?}"
    );
    assert!(err.to_string().contains("details.approvedAmount"));
}

#[test]
fn dedupe_key_recognises_redeliveries() {
    let r = WebhookReceiver::new();
    let h = HeaderMap::new();
    let body = fixture_bytes("status_webhook.json");
    let first = r.parse(&h, &body).unwrap();
    // the same update, re-serialized differently
    let again = r
        .parse(
            &h,
            br#"{"status":"Approved","applicationId":"APP-005","timestamp":"2024-07-18T12:00:00+02:00"}"#,
        )
        .unwrap();
    let later = r
        .parse(
            &h,
            br#"{"applicationId":"APP-005","status":"Approved","timestamp":"2024-07-18T10:00:01Z"}"#,
        )
        .unwrap();
    let rejected = r
        .parse(
            &h,
            br#"{"applicationId":"APP-005","status":"Rejected","timestamp":"2024-07-18T10:00:00Z"}"#,
        )
        .unwrap();
    let mut seen = HashSet::new();
    assert!(seen.insert(first.dedupe_key()));
    assert!(!seen.insert(again.dedupe_key()));
    assert!(seen.insert(later.dedupe_key()));
    assert!(seen.insert(rejected.dedupe_key()));
    assert_eq!(
        first.dedupe_key().to_string(),
        "APP-005|Approved|2024-07-18T10:00:00Z"
    );
}

#[test]
fn receiver_debug_hides_the_secret() {
    let r = WebhookReceiver::new()
        .shared_secret(SharedSecret::header("X-Secret", SecretString::from(SECRET)).unwrap());
    let text = format!("{r:?}");
    assert!(!text.contains(SECRET), "{text}");
    assert!(text.contains("x-secret"), "{text}");
}

/// A sender that writes a UTF-8 byte order mark before the JSON gets the
/// same webhook as one that does not.
#[test]
fn a_byte_order_mark_before_the_payload_is_not_an_error() {
    let plain = fixture_bytes("status_webhook.json");
    let with_bom = [b"\xEF\xBB\xBF".as_slice(), &plain].concat();
    let receiver = WebhookReceiver::new();
    let a = receiver.parse(&HeaderMap::new(), &plain).unwrap();
    let b = receiver.parse(&HeaderMap::new(), &with_bom).unwrap();
    assert_eq!(a, b);
}
