//! What a tolerant field cannot read is kept raw in the vehicle's
//! `unexpected`, under the JSON member name, through `vehicles().get` and
//! `vehicles().list()`: the field is `None`, the raw JSON is kept byte for
//! byte, every other value (and every other vehicle of the page) is as if
//! the member were `null`, and one `WARN` event on `forecourt::reading`
//! names the member, never the value (a random canary is in every odd
//! value, and never in the log nor in `Debug`).
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use autengo_client::Vehicle;
use common::{client, fixture, server};
use forecourt_core::testing::{canary, capture_logs};
use serde_json::Value;
use wiremock::matchers::{method, path};
use wiremock::{Mock, ResponseTemplate};

/// (member, odd raw JSON with `CANARY` in it). The raw texts keep spaces
/// and member order a re-encoding would change.
const CASES: &[(&str, &str)] = &[
    ("kilometers", r#""about 120k CANARY""#),
    ("powerKw", r#"{"kw": "CANARY", "hp": 250}"#),
    ("cubicCapacity", r#"[ "CANARY" ]"#),
    ("doorCount", r#""five CANARY""#),
    ("gears", r#"{"z": 1, "a": "CANARY"}"#),
    ("cylinders", r#""V6 CANARY""#),
    ("weight", r#"["CANARY", 1232]"#),
    ("previousOwnerCount", r#""two CANARY""#),
];

/// `vehicle` with `member` set to `raw`, as text (so the raw JSON is served
/// byte for byte).
fn with_member(
    mut body: Value,
    vehicle: fn(&mut Value) -> &mut Value,
    member: &str,
    raw: &str,
) -> String {
    vehicle(&mut body)[member] = Value::from("__ODD__");
    let text = body.to_string();
    assert_eq!(text.matches("\"__ODD__\"").count(), 1);
    text.replace("\"__ODD__\"", raw)
}

fn single(body: &mut Value) -> &mut Value {
    &mut body["vehicle"]
}

fn second(body: &mut Value) -> &mut Value {
    &mut body["list"][1]
}

fn respond(text: String) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(text.into_bytes(), "application/json")
}

async fn get(text: String) -> Vehicle {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/v3/vehicle/AIQWXW"))
        .respond_with(respond(text))
        .expect(1)
        .mount(&server)
        .await;
    client(&server).vehicles().get("AIQWXW").await.unwrap()
}

/// A page of three vehicles (the documented one three times, ids `P0`..`P2`).
fn page() -> Value {
    let mut body = fixture("vehicle_list_response");
    let one = body["list"][0].clone();
    body["list"] = Value::Array(
        (0..3)
            .map(|i| {
                let mut v = one.clone();
                v["sellingId"] = Value::from(format!("P{i}"));
                v
            })
            .collect(),
    );
    body
}

async fn list(text: String) -> Vec<Vehicle> {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/v3/vehicle"))
        .respond_with(respond(text))
        .expect(1)
        .mount(&server)
        .await;
    let page = client(&server).vehicles().list().send().await.unwrap();
    page.list
}

/// The checks every case makes: `odd` holds `raw` for `member` and nothing
/// else; it reads as `null` does; the canary is in neither `Debug` nor the log;
/// one event names the member.
fn check(odd: &Vehicle, null: &Vehicle, member: &str, raw: &str, secret: &str, log: &str) {
    assert_eq!(odd.unexpected.keys().collect::<Vec<_>>(), [member]);
    assert_eq!(odd.unexpected[member].get(), raw, "{member}");
    assert!(null.unexpected.is_empty(), "{member}");
    let shown = format!("{odd:?}");
    assert_eq!(
        shown.replacen(&format!("unexpected: [\"{member}\"]"), "unexpected: []", 1),
        format!("{null:?}"),
        "{member}: only the kept member's name differs"
    );
    assert!(!shown.contains(secret), "{member}: Debug shows the value");
    assert!(!log.contains(secret), "{member}: the log shows the value");
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

#[tokio::test]
async fn get_keeps_every_unreadable_tolerant_member_raw() {
    for &(member, template) in CASES {
        let secret = canary("odd");
        let raw = template.replace("CANARY", &secret);
        let (logs, guard) = capture_logs();
        let odd = get(with_member(
            fixture("vehicle_get_response"),
            single,
            member,
            &raw,
        ))
        .await;
        drop(guard);
        let null = get(with_member(
            fixture("vehicle_get_response"),
            single,
            member,
            "null",
        ))
        .await;
        check(&odd, &null, member, &raw, &secret, &logs.text());
    }
}

#[tokio::test]
async fn list_keeps_the_raw_member_in_its_vehicle_and_the_page_whole() {
    for &(member, template) in CASES {
        let secret = canary("odd");
        let raw = template.replace("CANARY", &secret);
        let (logs, guard) = capture_logs();
        let odd = list(with_member(page(), second, member, &raw)).await;
        drop(guard);
        let null = list(with_member(page(), second, member, "null")).await;
        assert_eq!(odd.len(), 3);
        check(&odd[1], &null[1], member, &raw, &secret, &logs.text());
        for i in [0, 2] {
            assert!(odd[i].unexpected.is_empty());
            assert_eq!(format!("{:?}", odd[i]), format!("{:?}", null[i]));
        }
    }
}

#[tokio::test]
async fn a_vehicle_read_whole_keeps_nothing() {
    let v = get(fixture("vehicle_get_response").to_string()).await;
    assert!(v.unexpected.is_empty());
    assert_eq!(v.kilometers, Some(120_000));
}

/// The answers' envelopes are records too: a `statusText` in a shape no
/// text reads from is `None`, kept raw, and the answer is not lost.
#[tokio::test]
async fn an_envelopes_unreadable_status_text_is_kept_raw() {
    let server = server().await;
    let odd = r#"[ "deleted", 1 ]"#;
    Mock::given(method("DELETE"))
        .and(path("/v3/contact/5"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            format!(r#"{{"status": "success", "statusText": {odd}}}"#),
            "application/json",
        ))
        .mount(&server)
        .await;
    let answer = client(&server).contacts().delete(5).await.unwrap();
    assert_eq!(answer.status.as_deref(), Some("success"));
    assert_eq!(answer.status_text, None);
    assert_eq!(answer.unexpected["statusText"].get(), odd);
    assert_eq!(format!("{:?}", answer.unexpected), r#"["statusText"]"#);
}
