//! Autoloan as the vendor might really write it, through the public
//! operations: the status webhook through the public receiver, the submit
//! answer and Alfa's contract answer served by a fake vendor (wiremock).
//! Numbers as text and text as numbers, objects where a number was
//! expected, extra fields, `null` for every optional, timestamps with
//! offsets and fractions. Every decoded value is asserted; strict fields
//! that cannot be read fail with their path.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use autoloan_client::webhooks::{StatusWebhook, WebhookError, WebhookReceiver};
use autoloan_client::{ApplicationStatus, Client, Decimal, SecretString, alfa};
use common::{doc_contract, full_application};
use forecourt_core::testing::mount_catch_all;
use http::HeaderMap;
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn documented() -> Value {
    json!({
        "applicationId": "APP-005",
        "status": "Approved",
        "timestamp": "2024-07-18T10:00:00Z",
        "details": {"approvedAmount": 35000, "interestRate": 4.5, "term": 60}
    })
}

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// Every value a webhook decodes to.
struct Want {
    id: &'static str,
    status: &'static str,
    /// The instant, in UTC.
    instant: &'static str,
    /// The offset sent, in seconds.
    offset: i32,
    /// The wall-clock date and time sent, at that offset.
    wall: &'static str,
    /// `None`: no details; else (amount, rate, term).
    details: Option<(Option<&'static str>, Option<&'static str>, Option<u32>)>,
}

const DOC: Want = Want {
    id: "APP-005",
    status: "Approved",
    instant: "2024-07-18T10:00:00Z",
    offset: 0,
    wall: "2024-07-18T10:00:00",
    details: Some((Some("35000"), Some("4.5"), Some(60))),
};

type Mutate = fn(&mut Value);

const WEBHOOKS: &[(&str, Mutate, Want)] = &[
    ("as documented", |_| {}, DOC),
    (
        "every number as text",
        |v| {
            v["details"]["approvedAmount"] = json!("35000");
            v["details"]["interestRate"] = json!("4.5");
            v["details"]["term"] = json!("60");
        },
        DOC,
    ),
    (
        "numbers as padded text, a term with .0, money in exponent form",
        |v| {
            v["details"]["approvedAmount"] = json!("3.5e4");
            v["details"]["interestRate"] = json!(" 4.50 ");
            v["details"]["term"] = json!("60.0");
        },
        Want {
            details: Some((Some("35000"), Some("4.50"), Some(60))),
            ..DOC
        },
    ),
    (
        "the id as a number",
        |v| v["applicationId"] = json!(5005),
        Want { id: "5005", ..DOC },
    ),
    (
        "extra unknown fields everywhere",
        |v| {
            v["details"]["branch"] = json!({"id": 7});
            v["details"]["approvedAt"] = json!("2024-07-18");
            v["newTopLevel"] = json!([1, null, {"a": "b"}]);
            v["eventId"] = json!("evt-1");
        },
        DOC,
    ),
    (
        "an unknown status is kept",
        |v| v["status"] = json!("InReview"),
        Want {
            status: "InReview",
            ..DOC
        },
    ),
    (
        "an unreadable term reads None and keeps the webhook",
        |v| v["details"]["term"] = json!("sixty"),
        Want {
            details: Some((Some("35000"), Some("4.5"), None)),
            ..DOC
        },
    ),
    (
        "a term as an object reads None",
        |v| v["details"]["term"] = json!({"months": 60}),
        Want {
            details: Some((Some("35000"), Some("4.5"), None)),
            ..DOC
        },
    ),
    (
        "a term with a fraction is not rounded",
        |v| v["details"]["term"] = json!(60.5),
        Want {
            details: Some((Some("35000"), Some("4.5"), None)),
            ..DOC
        },
    ),
    (
        "null for every optional detail",
        |v| {
            v["details"] = json!({"approvedAmount": null, "interestRate": null, "term": null});
        },
        Want {
            details: Some((None, None, None)),
            ..DOC
        },
    ),
    (
        "every optional detail absent",
        |v| v["details"] = json!({}),
        Want {
            details: Some((None, None, None)),
            ..DOC
        },
    ),
    (
        "details null",
        |v| v["details"] = Value::Null,
        Want {
            details: None,
            ..DOC
        },
    ),
    (
        "details absent",
        |v| {
            v.as_object_mut().unwrap().remove("details");
        },
        Want {
            details: None,
            ..DOC
        },
    ),
    (
        "a timestamp at +02:00 with .000",
        |v| v["timestamp"] = json!("2024-07-18T12:00:00.000+02:00"),
        Want {
            offset: 7200,
            wall: "2024-07-18T12:00:00",
            ..DOC
        },
    ),
    (
        "a timestamp at -05:00 with nanoseconds",
        |v| v["timestamp"] = json!("2024-07-18T05:00:00.123456789-05:00"),
        Want {
            instant: "2024-07-18T10:00:00.123456789Z",
            offset: -18000,
            wall: "2024-07-18T05:00:00.123456789",
            ..DOC
        },
    ),
    (
        "a timestamp at +05:30 with milliseconds",
        |v| v["timestamp"] = json!("2024-07-18T15:30:00.250+05:30"),
        Want {
            instant: "2024-07-18T10:00:00.25Z",
            offset: 19800,
            wall: "2024-07-18T15:30:00.25",
            ..DOC
        },
    ),
    (
        "a timestamp at +00:00, lower-case t, a fraction",
        |v| v["timestamp"] = json!("2024-07-18t10:00:00.5+00:00"),
        Want {
            instant: "2024-07-18T10:00:00.5Z",
            wall: "2024-07-18T10:00:00.5",
            ..DOC
        },
    ),
    (
        "a timestamp with a space and z",
        |v| v["timestamp"] = json!("2024-07-18 10:00:00z"),
        DOC,
    ),
];

fn check(name: &str, hook: &StatusWebhook, want: &Want) {
    assert_eq!(hook.application_id.as_str(), want.id, "{name}");
    assert_eq!(hook.status.as_str(), want.status, "{name}");
    assert_eq!(
        hook.timestamp.timestamp().to_string(),
        want.instant,
        "{name}"
    );
    assert_eq!(hook.timestamp.offset().seconds(), want.offset, "{name}");
    assert_eq!(hook.timestamp.datetime().to_string(), want.wall, "{name}");
    // the dedupe key holds the instant, whatever the offset
    assert_eq!(
        hook.dedupe_key().to_string(),
        format!("{}|{}|{}", want.id, want.status, want.instant),
        "{name}"
    );
    let got = hook.details.as_ref().map(|d| {
        (
            d.approved_amount.map(|a| (a, a.scale())),
            d.interest_rate.map(|r| (r, r.scale())),
            d.term,
        )
    });
    let want = want.details.map(|(a, r, t)| {
        let exact = |s: &str| (dec(s), dec(s).scale());
        (a.map(exact), r.map(exact), t)
    });
    assert_eq!(got, want, "{name}");
}

#[test]
fn every_webhook_variant_through_the_receiver_with_every_value() {
    for (name, mutate, want) in WEBHOOKS {
        let mut body = documented();
        mutate(&mut body);
        let hook = WebhookReceiver::new()
            .parse(&HeaderMap::new(), body.to_string().as_bytes())
            .unwrap_or_else(|e| panic!("{name}: {e:?}"));
        check(name, &hook, want);
    }
}

#[test]
fn the_same_instant_at_other_offsets_dedupes_as_one_update() {
    let r = WebhookReceiver::new();
    let keys: Vec<_> = [
        "2024-07-18T10:00:00Z",
        "2024-07-18T12:00:00+02:00",
        "2024-07-18T05:00:00.000-05:00",
        "2024-07-18T10:00:00.000000000+00:00",
    ]
    .iter()
    .map(|t| {
        let mut body = documented();
        body["timestamp"] = json!(t);
        r.parse(&HeaderMap::new(), body.to_string().as_bytes())
            .unwrap()
            .dedupe_key()
    })
    .collect();
    assert!(keys.iter().all(|k| *k == keys[0]), "{keys:?}");
    // one nanosecond later is another update
    let mut body = documented();
    body["timestamp"] = json!("2024-07-18T12:00:00.000000001+02:00");
    let later = r
        .parse(&HeaderMap::new(), body.to_string().as_bytes())
        .unwrap();
    assert_ne!(later.dedupe_key(), keys[0]);
}

#[test]
fn a_webhook_re_encodes_with_the_offset_it_was_sent_with() {
    for (sent, encoded) in [
        ("2024-07-18T12:00:00.000+02:00", "2024-07-18T12:00:00+02:00"),
        ("2024-07-18T10:00:00.5Z", "2024-07-18T10:00:00.5Z"),
        ("2024-07-18T10:00:00+00:00", "2024-07-18T10:00:00Z"),
    ] {
        let mut body = documented();
        body["timestamp"] = json!(sent);
        let hook = WebhookReceiver::new()
            .parse(&HeaderMap::new(), body.to_string().as_bytes())
            .unwrap();
        assert_eq!(
            serde_json::to_value(&hook).unwrap()["timestamp"],
            json!(encoded)
        );
    }
}

/// Strict fields that cannot be read refuse the delivery, naming the field.
const STRICT: &[(&str, Mutate, &str)] = &[
    (
        "a date alone",
        |v| v["timestamp"] = json!("2024-07-18"),
        "timestamp",
    ),
    (
        "no offset",
        |v| v["timestamp"] = json!("2024-07-18T10:00:00"),
        "timestamp",
    ),
    (
        "not a timestamp",
        |v| v["timestamp"] = json!("yesterday"),
        "timestamp",
    ),
    (
        "epoch seconds",
        |v| v["timestamp"] = json!(1_721_296_800),
        "timestamp",
    ),
    (
        "a null timestamp",
        |v| v["timestamp"] = Value::Null,
        "timestamp",
    ),
    (
        "a timestamp as an object",
        |v| v["timestamp"] = json!({"value": "2024-07-18T10:00:00Z"}),
        "timestamp",
    ),
    (
        "an out-of-range offset",
        |v| v["timestamp"] = json!("2024-07-18T10:00:00+26:00"),
        "timestamp",
    ),
    (
        "money as words",
        |v| v["details"]["approvedAmount"] = json!("lots"),
        "details.approvedAmount",
    ),
    (
        "a rate as an object",
        |v| v["details"]["interestRate"] = json!({"value": 4.5}),
        "details.interestRate",
    ),
    (
        "an id as an object",
        |v| v["applicationId"] = json!({"id": "APP-005"}),
        "applicationId",
    ),
    ("a status as a number", |v| v["status"] = json!(3), "status"),
];

#[test]
fn strict_webhook_fields_fail_naming_their_path() {
    for (name, mutate, want) in STRICT {
        let mut body = documented();
        mutate(&mut body);
        let err = WebhookReceiver::new()
            .parse(&HeaderMap::new(), body.to_string().as_bytes())
            .unwrap_err();
        match &err {
            WebhookError::Malformed { path, .. } => assert_eq!(path, want, "{name}"),
            other => panic!("{name}: {other:?}"),
        }
    }
}

async fn submit(body: Value) -> autoloan_client::Result<autoloan_client::Application> {
    let server = MockServer::start().await;
    mount_catch_all(&server).await;
    Mock::given(method("POST"))
        .and(path("/api/v1/applications"))
        .respond_with(ResponseTemplate::new(201).set_body_json(body))
        .expect(1)
        .mount(&server)
        .await;
    Client::builder()
        .api_key(SecretString::from("test-api-key-reading-corpus"))
        .base_url(server.uri())
        .build()
        .unwrap()
        .applications()
        .submit(&full_application(39_000, 30_000))
        .await
}

#[tokio::test]
async fn every_submit_answer_variant_with_every_value() {
    // (body, id, status, the extra fields kept)
    let rows: &[(Value, &str, &str, Value)] = &[
        (
            json!({"id": "APP-9", "status": "Pending"}),
            "APP-9",
            "Pending",
            json!({}),
        ),
        (
            json!({"id": 9, "status": "Pending"}),
            "9",
            "Pending",
            json!({}),
        ),
        (
            json!({"applicationId": "APP-9", "status": "Approved"}),
            "APP-9",
            "Approved",
            json!({}),
        ),
        (
            json!({"id": " APP-9 ", "status": "Queued"}),
            " APP-9 ",
            "Queued",
            json!({}),
        ),
        (
            json!({"id": "APP-9", "status": "Pending", "received": "2024-07-18T12:00:00+02:00",
                   "score": "712", "notes": null, "links": {"self": "/x"}}),
            "APP-9",
            "Pending",
            json!({"received": "2024-07-18T12:00:00+02:00", "score": "712", "notes": null,
                   "links": {"self": "/x"}}),
        ),
    ];
    for (body, id, status, extra) in rows {
        let app = submit(body.clone())
            .await
            .unwrap_or_else(|e| panic!("{body}: {e:?}"));
        assert_eq!(app.id.as_str(), *id, "{body}");
        assert_eq!(app.status.as_str(), *status, "{body}");
        assert_eq!(
            Value::Object(app.extra.clone()),
            *extra,
            "{body}: the extra fields, as sent"
        );
    }
    assert_eq!(
        submit(json!({"id": 1, "status": "Approved"}))
            .await
            .unwrap()
            .status,
        ApplicationStatus::Approved
    );
}

#[tokio::test]
async fn a_strict_submit_field_that_cannot_be_read_fails_with_its_path() {
    for (body, want) in [
        (json!({"id": {"v": 1}, "status": "Pending"}), "id"),
        (json!({"id": "APP-9", "status": ["Pending"]}), "status"),
        (json!({"id": "APP-9", "status": null}), "status"),
        (json!({"id": null, "status": "Pending"}), "id"),
    ] {
        let err = submit(body.clone()).await.unwrap_err();
        let d = err.decode().unwrap_or_else(|| panic!("{body}: {err:?}"));
        assert_eq!(d.path, want, "{body}");
    }
}

#[tokio::test]
async fn every_contract_answer_variant_with_every_value() {
    // (status, body, contract id)
    let rows: &[(u16, &str, Option<&str>)] = &[
        (201, r#"{"contractId": "C-9"}"#, Some("C-9")),
        (201, r#"{"contractId": 4711, "x": {"y": 1}}"#, Some("4711")),
        (200, r#"{"id": "C-10", "contractId": null}"#, Some("C-10")),
        (200, r#"{"contractNumber": 12}"#, Some("12")),
        (201, r#"{"contractId": "", "id": {"v": 1}}"#, None),
        (201, r#"{"contractId": null}"#, None),
        (201, "", None),
        (201, "  \n", None),
    ];
    for (status, body, want) in rows {
        let server = MockServer::start().await;
        mount_catch_all(&server).await;
        Mock::given(method("POST"))
            .and(path("/api/v6/contracts"))
            .respond_with(ResponseTemplate::new(*status).set_body_raw(*body, "application/json"))
            .expect(1)
            .mount(&server)
            .await;
        let receipt = alfa::Client::builder()
            .base_url(server.uri())
            .bearer_token(SecretString::from("test-alfa-token-reading-corpus"))
            .build()
            .unwrap()
            .contracts()
            .create(&doc_contract())
            .await
            .unwrap_or_else(|e| panic!("{body}: {e:?}"));
        assert_eq!(receipt.http_status, *status, "{body}");
        assert_eq!(receipt.contract_id.as_deref(), *want, "{body}");
        let fields: Value = if body.trim().is_empty() {
            json!({})
        } else {
            serde_json::from_str(body).unwrap()
        };
        assert_eq!(Value::Object(receipt.fields.clone()), fields, "{body}");
    }
}
