//! Line5 responses as Line5 really writes them, through the public
//! operations: numbers as text, text as numbers, objects where text was
//! expected, extra members, nulls, timestamps with offsets and fractions.
//! Every value of the document is asserted in every variant.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use common::*;
use line5_client::{Id, Loan, LoanStatus, SigningState, VehicleStatus};
use serde_json::{Value, json};

/// The documented loan, with the included resources at known places:
/// 0 loan-packages, 1 customers, 2 vehicles, 3 quote-protections.
fn doc() -> Value {
    fixture("loan_get_response")
}

fn attrs(doc: &mut Value, included: usize) -> &mut serde_json::Map<String, Value> {
    doc["included"][included]["attributes"]
        .as_object_mut()
        .unwrap()
}

fn loan_attrs(doc: &mut Value) -> &mut serde_json::Map<String, Value> {
    doc["data"]["attributes"].as_object_mut().unwrap()
}

/// Every value of the documented loan, except those `skip` names (which
/// the variant asserts itself).
fn assert_documented(loan: &Loan, skip: &[&str]) {
    let check = |name: &str| !skip.contains(&name);
    assert_eq!(loan.id.as_str(), "110372");
    assert_eq!(loan.status, Some(LoanStatus::AwaitingPaperwork));
    if check("funded-at") {
        assert_eq!(loan.funded_at, None);
    }
    assert_eq!(loan.start_date, Some(jiff::civil::date(2017, 6, 1)));
    if check("payment-day") {
        assert_eq!(loan.payment_day, Some(24));
    }
    assert_eq!(
        loan.first_payment_date,
        Some(jiff::civil::date(2017, 5, 24))
    );
    assert_eq!(loan.balance, Some(d("435.09")));
    if check("term") {
        assert_eq!(loan.term, Some(10));
    }
    assert_eq!(loan.down_payment, Some(d("0.0")));
    assert_eq!(loan.short_fund_fee, Some(d("0.0")));
    assert_eq!(loan.monthly_payment, Some(d("47.18")));
    assert_eq!(loan.tax, Some(d("0.0")));
    assert_eq!(loan.base_fee, Some(d("65.26")));
    assert_eq!(loan.buy_down_fee, Some(d("0.0")));
    assert_eq!(loan.additional_term_fee, Some(d("0.0")));
    assert_eq!(loan.doc_stamp_fee, Some(d("1.75")));
    assert_eq!(loan.financed_total, Some(d("435.09")));
    assert!(
        loan.esign_url
            .as_ref()
            .unwrap()
            .expose()
            .starts_with("https://esignlive.com/")
    );
    assert_eq!(loan.signing_state, Some(SigningState::Unsigned));

    let sheet = loan.cover_sheet().unwrap();
    assert_eq!(sheet.id.as_str(), "9215");
    assert_eq!(
        sheet.file_name.as_deref(),
        Some("5087eef7-bcc7-4778-9f34-9c4773ee529f.pdf")
    );
    assert_eq!(sheet.content_type.as_deref(), Some("application/pdf"));
    if check("documents-file-size") {
        assert_eq!(sheet.file_size, Some(918298));
    }

    let c = loan.customer().unwrap();
    assert_eq!(c.id.as_str(), "1582");
    assert_eq!(c.first_name.as_deref(), Some("Susann"));
    assert_eq!(c.last_name.as_deref(), Some("Cartwright"));
    assert_eq!(
        c.date_of_birth.as_ref().map(|d| *d.expose()),
        Some(jiff::civil::date(1990, 1, 1))
    );
    assert_eq!(c.address_1.as_deref(), Some("951 Moen Prairie"));
    assert_eq!(c.address_2, None);
    assert_eq!(c.city.as_deref(), Some("BOCA RATON"));
    assert_eq!(c.state.as_deref(), Some("FL"));
    if check("postal-code") {
        assert_eq!(c.postal_code.as_deref(), Some("33433"));
    }
    assert_eq!(c.phone_number.as_deref(), Some("(417) 933-2362"));
    assert_eq!(c.cell_number.as_deref(), Some("(666) 639-6506"));
    assert_eq!(c.work_number.as_deref(), Some("(666) 639-6506"));
    assert_eq!(c.credit_score_tier.as_ref().map(|t| t.as_str()), Some("h"));

    let v = loan.vehicle().unwrap();
    assert_eq!(v.id.as_str(), "10432");
    if check("year") {
        assert_eq!(v.year, Some(2013));
    }
    if check("make") {
        assert_eq!(v.make.as_deref(), Some("Dodge"));
    }
    assert_eq!(v.model.as_deref(), Some("Challenger R/T"));
    assert_eq!(v.vin.as_deref(), Some("2C3KA53G67H670383"));
    if check("mileage") {
        assert_eq!(v.mileage, Some(43));
    }
    assert_eq!(v.purchase_price, Some(d("22211.22")));
    assert_eq!(v.financed_amount, Some(d("20000.01")));
    assert_eq!(v.msrp, Some(d("25999.99")));
    if check("finance-term") {
        assert_eq!(v.finance_term, Some(60));
    }
    assert_eq!(v.in_service_date, Some(jiff::civil::date(2013, 1, 1)));
    assert_eq!(v.status, Some(VehicleStatus::UsedVehicle));

    let qp = &loan.quote_protections()[0];
    assert_eq!(qp.id.as_str(), "20730");
    if check("qp-numbers") {
        assert_eq!(qp.term, Some(12));
        assert_eq!(qp.months, Some(12));
        assert_eq!(qp.mileage, Some(12000));
    }
    assert_eq!(qp.name.as_deref(), Some("Allstate® Classic VSC"));
    assert_eq!(qp.price, Some(d("433.34")));
    assert!(loan.unread_loan_note_ids().is_empty());
}

async fn get_loan(body: Value) -> line5_client::Result<Loan> {
    let (server, client) = setup().await;
    api("GET", "/loans/110372")
        .respond_with(answer_json(200, body))
        .expect(1)
        .mount(&server)
        .await;
    client.loans().get(&Id::from("110372")).await
}

type Mutate = fn(&mut Value);
type Check = fn(&Loan);

/// Each variant: what changes in the document, which documented values it
/// touches, and what they read as.
const VARIANTS: &[(&str, Mutate, &[&str], Check)] = &[
    (
        // the issue's failure: the whole loan was lost for this one attribute
        "included vehicle mileage as text",
        |d| {
            attrs(d, 2).insert("mileage".into(), json!("12000"));
        },
        &["mileage"],
        |l| assert_eq!(l.vehicle().unwrap().mileage, Some(12000)),
    ),
    (
        "every whole number as text",
        |d| {
            loan_attrs(d).insert("payment-day".into(), json!("24"));
            loan_attrs(d).insert("term".into(), json!(" 10 "));
            attrs(d, 0).insert("documents-file-size".into(), json!("918298"));
            attrs(d, 2).insert("year".into(), json!("2013"));
            attrs(d, 2).insert("mileage".into(), json!("43"));
            attrs(d, 2).insert("finance-term".into(), json!("60"));
            attrs(d, 3).insert("term".into(), json!("12"));
            attrs(d, 3).insert("months".into(), json!("12"));
            attrs(d, 3).insert("mileage".into(), json!("12000"));
        },
        &[],
        |_| {},
    ),
    (
        "whole numbers as decimals without a fraction",
        |d| {
            loan_attrs(d).insert("term".into(), json!(10.0));
            attrs(d, 2).insert("mileage".into(), json!("43.00"));
        },
        &[],
        |_| {},
    ),
    (
        "text as numbers",
        |d| {
            attrs(d, 1).insert("postal-code".into(), json!(33433));
            attrs(d, 2).insert("make".into(), json!(1234));
        },
        &["make"],
        |l| assert_eq!(l.vehicle().unwrap().make.as_deref(), Some("1234")),
    ),
    (
        "an object where text was expected",
        |d| {
            attrs(d, 2).insert("make".into(), json!({"name": "Dodge", "code": "DOD"}));
        },
        &[],
        |_| {},
    ),
    (
        "unreadable descriptive values read as None and keep the record",
        |d| {
            attrs(d, 2).insert("mileage".into(), json!("about 12k"));
            attrs(d, 2).insert("year".into(), json!({"model-year": 2013}));
            attrs(d, 2).insert("make".into(), json!(["Dodge"]));
            loan_attrs(d).insert("payment-day".into(), json!(300));
        },
        &["mileage", "year", "make", "payment-day"],
        |l| {
            let v = l.vehicle().unwrap();
            assert_eq!((v.mileage, v.year, v.make.as_deref()), (None, None, None));
            assert_eq!(l.payment_day, None);
        },
    ),
    (
        "extra members everywhere",
        |d| {
            d["meta"] = json!({"request-id": "r-1"});
            d["data"]["links"] = json!({"self": "/loans/110372"});
            loan_attrs(d).insert("risk-band".into(), json!({"band": "B", "score": 7}));
            attrs(d, 2).insert("trim".into(), json!("R/T"));
            d["included"][3]["meta"] = json!({"x": 1});
        },
        &[],
        |_| {},
    ),
    (
        "nulls in every optional attribute that was a number",
        |d| {
            loan_attrs(d).insert("payment-day".into(), Value::Null);
            loan_attrs(d).insert("term".into(), Value::Null);
            attrs(d, 0).insert("documents-file-size".into(), Value::Null);
            for k in ["year", "mileage", "finance-term", "make"] {
                attrs(d, 2).insert(k.into(), Value::Null);
            }
            for k in ["term", "months", "mileage"] {
                attrs(d, 3).insert(k.into(), json!(""));
            }
            attrs(d, 1).insert("postal-code".into(), Value::Null);
        },
        &[
            "payment-day",
            "term",
            "documents-file-size",
            "year",
            "mileage",
            "finance-term",
            "make",
            "qp-numbers",
            "postal-code",
        ],
        |l| {
            assert_eq!((l.payment_day, l.term), (None, None));
            assert_eq!(l.cover_sheet().unwrap().file_size, None);
            let v = l.vehicle().unwrap();
            assert_eq!((v.year, v.mileage, v.finance_term), (None, None, None));
            assert_eq!(v.make, None);
            let qp = &l.quote_protections()[0];
            assert_eq!((qp.term, qp.months, qp.mileage), (None, None, None));
            assert_eq!(l.customer().unwrap().postal_code, None);
        },
    ),
    (
        "funded-at with time, milliseconds and offset",
        |d| {
            loan_attrs(d).insert("funded-at".into(), json!("2026-03-02T14:11:09.000-05:00"));
        },
        &["funded-at"],
        |l| {
            let f = l.funded_at.as_ref().unwrap();
            assert_eq!(f.date(), jiff::civil::date(2026, 3, 2));
            assert_eq!(f.time(), jiff::civil::time(14, 11, 9, 0));
            assert_eq!(f.offset(), jiff::tz::offset(-5));
            assert_eq!(f.timestamp().to_string(), "2026-03-02T19:11:09Z");
        },
    ),
    (
        "funded-at with a fraction and a positive offset",
        |d| {
            loan_attrs(d).insert(
                "funded-at".into(),
                json!("2026-03-02T14:11:09.123456+01:00"),
            );
        },
        &["funded-at"],
        |l| {
            let f = l.funded_at.as_ref().unwrap();
            assert_eq!(f.time(), jiff::civil::time(14, 11, 9, 123_456_000));
            assert_eq!(f.offset(), jiff::tz::offset(1));
        },
    ),
    (
        "funded-at in UTC",
        |d| {
            loan_attrs(d).insert("funded-at".into(), json!("2026-03-02T14:11:09Z"));
        },
        &["funded-at"],
        |l| {
            let f = l.funded_at.as_ref().unwrap();
            assert_eq!(f.timestamp().to_string(), "2026-03-02T14:11:09Z");
            assert_eq!(f.offset(), jiff::tz::Offset::UTC);
        },
    ),
];

#[tokio::test]
async fn every_variant_decodes_through_loans_get_with_every_value() {
    for (name, mutate, skip, check) in VARIANTS {
        let mut body = doc();
        mutate(&mut body);
        let loan = get_loan(body)
            .await
            .unwrap_or_else(|e| panic!("{name}: {e:?}"));
        assert_documented(&loan, skip);
        check(&loan);
    }
}

#[tokio::test]
async fn a_strict_value_fails_with_the_whole_path_type_and_id() {
    // money is strict: a price that is not a number fails the loan, and the
    // error says where in the document it sits
    let mut body = doc();
    attrs(&mut body, 3).insert("price".into(), json!("lots"));
    let err = get_loan(body).await.unwrap_err();
    let d = err.decode().unwrap_or_else(|| panic!("{err:?}"));
    assert_eq!(d.path, "included[3].attributes.price");
    assert!(
        d.message.contains("type `quote-protections` id `20730`"),
        "{}",
        d.message
    );
    // a whole number out of range in a strict-typed attribute of the primary
    let mut body = doc();
    loan_attrs(&mut body).insert("balance".into(), json!({"amount": 1}));
    let err = get_loan(body).await.unwrap_err();
    let d = err.decode().unwrap_or_else(|| panic!("{err:?}"));
    assert_eq!(d.path, "data.attributes.balance");
    assert!(
        d.message.contains("type `loans` id `110372`"),
        "{}",
        d.message
    );
}

#[tokio::test]
async fn note_created_at_keeps_time_and_offset() {
    let (server, client) = setup().await;
    api("GET", "/loans/110372/loan_notes")
        .respond_with(answer_json(
            200,
            json!({"data": [
                {"id": "384", "type": "loan-notes", "attributes": {
                    "body": "Lorem ipsum dolor", "created-at": "2017-05-03T08:30:00.250-04:00",
                    "user-name": "Tony Troy"}},
                {"id": 385, "type": "loan-notes", "attributes": {
                    "body": 42, "created-at": "2017-05-03", "user-name": null, "extra": [1]}}
            ]}),
        ))
        .expect(1)
        .mount(&server)
        .await;
    let notes = client.loans().notes(&Id::from("110372")).await.unwrap();
    assert_eq!(notes.len(), 2);
    assert_eq!(notes[0].id.as_str(), "384");
    assert_eq!(notes[0].body.as_deref(), Some("Lorem ipsum dolor"));
    assert_eq!(notes[0].user_name.as_deref(), Some("Tony Troy"));
    let at = notes[0].created_at.as_ref().unwrap();
    assert_eq!(at.time(), jiff::civil::time(8, 30, 0, 250_000_000));
    assert_eq!(at.offset(), jiff::tz::offset(-4));
    assert_eq!(notes[1].id.as_str(), "385");
    assert_eq!(notes[1].body.as_deref(), Some("42"));
    assert_eq!(notes[1].user_name, None);
    let day = notes[1].created_at.as_ref().unwrap();
    assert_eq!(day.date(), jiff::civil::date(2017, 5, 3));
    assert_eq!(day.offset(), jiff::tz::Offset::UTC);
}

#[tokio::test]
async fn json_api_error_objects_keep_every_member() {
    let (server, client) = setup().await;
    api("GET", "/loans/1")
        .respond_with(answer_json(
            422,
            json!({"errors": [
                {"status": "422", "code": "invalid", "title": "Invalid Attribute",
                 "detail": "Phone number was not sent",
                 "source": {"pointer": "/data/attributes/phone-number", "parameter": "include"},
                 "meta": {"field": "phone-number"}},
                {"status": 422, "title": "Only a title", "source": {"parameter": "filter"}}
            ]}),
        ))
        .expect(1)
        .mount(&server)
        .await;
    let err = client.loans().get(&Id::from("1")).await.unwrap_err();
    let api = err.api().unwrap_or_else(|| panic!("{err:?}"));
    assert_eq!(api.details.len(), 2);
    let a = &api.details[0];
    assert_eq!(a.message, "Phone number was not sent");
    assert_eq!(a.title(), Some("Invalid Attribute"));
    assert_eq!(a.status(), Some("422"));
    assert_eq!(a.code.as_deref(), Some("invalid"));
    assert_eq!(a.pointer.as_deref(), Some("/data/attributes/phone-number"));
    assert_eq!(a.parameter(), Some("include"));
    assert_eq!(a.meta(), Some(r#"{"field":"phone-number"}"#));
    let b = &api.details[1];
    assert_eq!(b.message, "Only a title");
    assert_eq!(b.title(), Some("Only a title"));
    assert_eq!(b.status(), Some("422"));
    assert_eq!(b.pointer.as_deref(), Some("filter"));
    assert_eq!(b.parameter(), Some("filter"));
    assert_eq!(b.meta(), None);
}

#[tokio::test]
async fn an_unreadable_field_is_reported_by_an_event_that_never_holds_its_value() {
    // unique by construction: the process id and the clock's nanoseconds
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    let canary = format!("odometer-canary-{}-{nanos:x}", std::process::id());
    let (logs, _guard) = forecourt_core::testing::capture_logs();
    let mut body = doc();
    attrs(&mut body, 2).insert("mileage".into(), json!(canary));
    let loan = get_loan(body).await.unwrap();
    assert_eq!(loan.vehicle().unwrap().mileage, None);
    assert_documented(&loan, &["mileage"]);
    let text = logs.text();
    assert!(text.contains("forecourt::reading"), "{text}");
    assert!(text.contains("a whole number"), "{text}");
    assert!(text.contains("string"), "{text}");
    assert!(!text.contains(&canary), "the value leaked into the logs");
}
