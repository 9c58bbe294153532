//! What a tolerant field cannot read is kept raw in its record's
//! `unexpected`, under the JSON member name, through `loans().get`: the
//! field is `None`, the raw JSON is kept byte for byte, every other value of
//! the loan and of its included resources is as if the member were `null`,
//! and one `WARN` event on `forecourt::reading` names the member, never the
//! value (a random canary is in every odd value, and never in the log nor
//! in `Debug`).
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use common::*;
use forecourt_core::serde_helpers::tolerant::Unexpected;
use forecourt_core::testing::{canary, capture_logs};
use line5_client::{Id, Loan};
use serde_json::Value;

/// Where a member sits in the loan document: the loan's own attributes, or
/// the attributes of `included[i]`.
#[derive(Clone, Copy, Debug)]
enum At {
    Loan,
    Included(usize),
}

/// The record of the decoded loan that holds the member at `at`.
type RecordOf = fn(&Loan) -> &Unexpected;

fn loan(l: &Loan) -> &Unexpected {
    &l.unexpected
}
fn cover_sheet(l: &Loan) -> &Unexpected {
    &l.cover_sheet().unwrap().unexpected
}
fn customer(l: &Loan) -> &Unexpected {
    &l.customer().unwrap().unexpected
}
fn vehicle(l: &Loan) -> &Unexpected {
    &l.vehicle().unwrap().unexpected
}
fn quote_protection(l: &Loan) -> &Unexpected {
    &l.quote_protections()[0].unexpected
}

/// (where, record, member, odd raw JSON with `CANARY` in it). The raw texts
/// keep spaces and member order a re-encoding would change.
const CASES: &[(At, RecordOf, &str, &str)] = &[
    (At::Included(2), vehicle, "mileage", r#""about 12k CANARY""#),
    (
        At::Included(2),
        vehicle,
        "year",
        r#"{"z": "CANARY", "a": 1}"#,
    ),
    (At::Included(2), vehicle, "finance-term", r#"[ "CANARY" ]"#),
    (At::Included(2), vehicle, "in-service-date", r#""CANARY""#),
    (At::Included(2), vehicle, "make", r#"["CANARY", 2]"#),
    (At::Loan, loan, "payment-day", r#""the 24th CANARY""#),
    (At::Loan, loan, "term", r#"{"months": "CANARY"}"#),
    (At::Loan, loan, "funded-at", r#""CANARY""#),
    (At::Loan, loan, "start-date", r#"[1, "CANARY"]"#),
    (
        At::Included(0),
        cover_sheet,
        "documents-file-size",
        r#""big CANARY""#,
    ),
    (
        At::Included(0),
        cover_sheet,
        "documents-file-name",
        r#"{"x": "CANARY"}"#,
    ),
    (At::Included(1), customer, "city", r#"{"zip": "CANARY"}"#),
    (At::Included(1), customer, "first-name", r#"["CANARY"]"#),
    (
        At::Included(3),
        quote_protection,
        "months",
        r#""a year CANARY""#,
    ),
    (
        At::Included(3),
        quote_protection,
        "name",
        r#"[{"n": "CANARY"}]"#,
    ),
];

fn attributes(doc: &mut Value, at: At) -> &mut serde_json::Map<String, Value> {
    let r = match at {
        At::Loan => &mut doc["data"],
        At::Included(i) => &mut doc["included"][i],
    };
    r["attributes"].as_object_mut().unwrap()
}

/// The documented loan with `member` at `at` set to `raw`, as text (so the
/// raw JSON is served byte for byte).
fn document_with(at: At, member: &str, raw: &str) -> String {
    let mut doc = fixture("loan_get_response");
    attributes(&mut doc, at).insert(member.to_owned(), Value::from("__ODD__"));
    let text = doc.to_string();
    assert_eq!(text.matches("\"__ODD__\"").count(), 1);
    text.replace("\"__ODD__\"", raw)
}

async fn get(text: String) -> Loan {
    let (server, client) = setup().await;
    api("GET", "/loans/110372")
        .respond_with(wiremock::ResponseTemplate::new(200).set_body_raw(text.into_bytes(), MEDIA))
        .mount(&server)
        .await;
    client.loans().get(&Id::new("110372")).await.unwrap()
}

#[tokio::test]
async fn every_unreadable_tolerant_member_is_kept_raw_in_its_record() {
    for &(at, record, member, template) in CASES {
        let secret = canary("odd");
        let raw = template.replace("CANARY", &secret);
        let (logs, guard) = capture_logs();
        let odd = get(document_with(at, member, &raw)).await;
        drop(guard);
        let null = get(document_with(at, member, "null")).await;

        // the raw JSON, byte for byte, under the member name, and nothing else
        let kept = record(&odd);
        assert_eq!(kept.keys().collect::<Vec<_>>(), [member], "{member}");
        assert_eq!(kept[member].get(), raw, "{member}");
        // everything read is what the same document with `null` reads
        assert!(record(&null).is_empty(), "{member}");
        let shown = format!("{odd:?}");
        assert_eq!(
            shown.replacen(&format!("unexpected: [\"{member}\"]"), "unexpected: []", 1),
            format!("{null:?}"),
            "{member}: only the kept member's name differs"
        );
        assert_eq!(odd.esign_url, null.esign_url);
        // the raw value is never shown
        assert!(!shown.contains(&secret), "{member}: Debug shows the value");
        let log = logs.text();
        assert!(!log.contains(&secret), "{member}: the log shows the value");
        let events: Vec<&str> = log
            .lines()
            .filter(|l| l.contains("WARN") && l.contains("forecourt::reading"))
            .collect();
        assert_eq!(events.len(), 1, "{member}: {log}");
        assert!(
            events[0].contains(&format!("member=\"{member}\""))
                || events[0].contains(&format!("member={member}")),
            "{member}: the event names the member: {}",
            events[0]
        );
    }
}

#[tokio::test]
async fn a_loan_read_whole_keeps_nothing() {
    let loan = get(fixture_text("loan_get_response")).await;
    for (_, record, member, _) in CASES {
        assert!(record(&loan).is_empty(), "{member}");
    }
    assert!(loan.vehicle().unwrap().mileage.is_some());
}

/// A record inside a record: a template field of an included quote
/// protection keeps its own member; the quote protection keeps nothing.
#[tokio::test]
async fn a_template_field_keeps_its_own_member_inside_its_quote_protection() {
    let secret = canary("odd");
    let raw = format!(r#"{{"text": ["{secret}"]}}"#);
    let document = |prompt: &str| {
        let mut doc = fixture("loan_get_response");
        attributes(&mut doc, At::Included(3)).insert(
            "template_fields".to_owned(),
            serde_json::json!([
                {"name": "odometer", "prompt": "__ODD__", "data_type": "integer"},
                {"name": "deal_monthlypayment", "prompt": "Deals Monthly Payment"}
            ]),
        );
        doc.to_string().replace("\"__ODD__\"", prompt)
    };
    let (logs, guard) = capture_logs();
    let odd = get(document(&raw)).await;
    drop(guard);
    let null = get(document("null")).await;
    let qp = &odd.quote_protections()[0];
    assert!(qp.unexpected.is_empty());
    let field = qp.template_field("odometer").unwrap();
    assert_eq!(field.prompt, None);
    assert_eq!(field.data_type.as_deref(), Some("integer"));
    assert_eq!(field.unexpected.keys().collect::<Vec<_>>(), ["prompt"]);
    assert_eq!(field.unexpected["prompt"].get(), raw);
    assert!(
        qp.template_field("deal_monthlypayment")
            .unwrap()
            .unexpected
            .is_empty()
    );
    assert_eq!(
        format!("{odd:?}").replacen("unexpected: [\"prompt\"]", "unexpected: []", 1),
        format!("{null:?}")
    );
    let log = logs.text();
    assert!(!log.contains(&secret) && !format!("{odd:?}").contains(&secret));
    assert_eq!(log.matches("member=\"prompt\"").count(), 1, "{log}");
}
