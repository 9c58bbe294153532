//! What a tolerant field of a status webhook cannot read is kept raw in the
//! details' `unexpected`, under the JSON member name, through
//! `WebhookReceiver::parse`: the field is `None`, the raw JSON is kept byte
//! for byte, everything else reads as if the member were `null`, and one
//! `WARN` event on `forecourt::reading` names the member, never the value
//! (a random canary is in every odd value, and never in the log nor in
//! `Debug`).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use autoloan_client::webhooks::{StatusWebhook, WebhookReceiver};
use forecourt_core::testing::{canary, capture_logs};
use http::HeaderMap;

/// (member of `details`, odd raw JSON with `CANARY` in it). The raw texts
/// keep spaces and member order a re-encoding would change.
const CASES: &[(&str, &str)] = &[
    ("term", r#""five years CANARY""#),
    ("term", r#"{"z": "CANARY", "a": 60}"#),
    ("term", r#"[ 60, "CANARY" ]"#),
    ("term", r#""60.5 CANARY""#),
];

fn body(member: &str, raw: &str) -> Vec<u8> {
    let mut details = serde_json::Map::new();
    details.insert("approvedAmount".into(), serde_json::json!(35000));
    details.insert("interestRate".into(), serde_json::json!(4.5));
    details.insert("term".into(), serde_json::json!(60));
    details.insert(member.to_owned(), "__ODD__".into());
    let hook = serde_json::json!({
        "applicationId": "APP-005",
        "status": "Approved",
        "timestamp": "2024-07-18T10:00:00Z",
        "details": details,
    });
    let text = hook.to_string();
    assert_eq!(text.matches("\"__ODD__\"").count(), 1);
    text.replace("\"__ODD__\"", raw).into_bytes()
}

fn parse(body: &[u8]) -> StatusWebhook {
    WebhookReceiver::new()
        .parse(&HeaderMap::new(), body)
        .unwrap()
}

#[test]
fn every_unreadable_tolerant_member_is_kept_raw() {
    for &(member, template) in CASES {
        let secret = canary("odd");
        let raw = template.replace("CANARY", &secret);
        let (logs, guard) = capture_logs();
        let odd = parse(&body(member, &raw));
        drop(guard);
        let null = parse(&body(member, "null"));

        let kept = &odd.details.as_ref().unwrap().unexpected;
        assert_eq!(kept.keys().collect::<Vec<_>>(), [member]);
        assert_eq!(kept[member].get(), raw, "{member}");
        assert!(null.details.as_ref().unwrap().unexpected.is_empty());
        // everything else reads as the same webhook with `null` there
        let mut cleared = odd.clone();
        cleared.details.as_mut().unwrap().unexpected.clear();
        assert_eq!(cleared, null, "{member}");
        assert_ne!(odd, null, "the kept raw JSON is part of the value");

        let shown = format!("{odd:?}");
        assert!(
            shown.contains(&format!("unexpected: [\"{member}\"]")),
            "{shown}"
        );
        assert!(!shown.contains(&secret), "{member}: Debug shows the value");
        let log = logs.text();
        assert!(!log.contains(&secret), "{member}: the log shows the value");
        let events: Vec<&str> = log
            .lines()
            .filter(|l| l.contains("WARN") && l.contains("forecourt::reading"))
            .collect();
        assert_eq!(events.len(), 1, "{member}: {log}");
        assert!(
            events[0].contains(&format!("member=\"{member}\"")),
            "{member}: the event names the member: {}",
            events[0]
        );
    }
}

#[test]
fn a_webhook_read_whole_keeps_nothing_and_reencodes_without_it() {
    let hook = parse(&body("term", "60"));
    let details = hook.details.as_ref().unwrap();
    assert_eq!(details.term, Some(60));
    assert!(details.unexpected.is_empty());
    let back = serde_json::to_value(&hook).unwrap();
    assert_eq!(
        back["details"],
        serde_json::json!({"approvedAmount": 35000, "interestRate": 4.5, "term": 60})
    );
}
