//! Autengo responses as a server might really write them, through the
//! public operations: every whole number as text (and padded, and with a
//! zero fraction), unreadable descriptive numbers, nulls, extra fields.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use common::{client, fixture, server};
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, ResponseTemplate};

/// The vehicle's whole-number fields and their documented values.
const WHOLES: &[(&str, u64)] = &[
    ("branchId", 12345),
    ("kilometers", 120_000),
    ("powerKw", 185),
    ("cubicCapacity", 999),
    ("doorCount", 5),
    ("seatCount", 5),
    ("gears", 6),
    ("cylinders", 6),
    ("weight", 1232),
    ("previousOwnerCount", 2),
];

fn read(v: &autengo_client::Vehicle, key: &str) -> Option<u64> {
    match key {
        "branchId" => v.branch_id,
        "kilometers" => v.kilometers,
        "powerKw" => v.power_kw.map(u64::from),
        "cubicCapacity" => v.cubic_capacity.map(u64::from),
        "doorCount" => v.door_count.map(u64::from),
        "seatCount" => v.seat_count.map(u64::from),
        "gears" => v.gears.map(u64::from),
        "cylinders" => v.cylinders.map(u64::from),
        "weight" => v.weight.map(u64::from),
        "previousOwnerCount" => v.previous_owner_count.map(u64::from),
        other => panic!("{other}"),
    }
}

type Form = fn(u64) -> Value;

/// How each whole number is written, and whether it still reads as its value.
const FORMS: &[(&str, Form, bool)] = &[
    ("number", |n| json!(n), true),
    ("text", |n| json!(n.to_string()), true),
    ("padded text", |n| json!(format!(" {n} ")), true),
    ("text with .0", |n| json!(format!("{n}.0")), true),
    ("number with .0", |n| json!(n as f64), true),
    ("null", |_| Value::Null, false),
    ("empty text", |_| json!(""), false),
];

async fn get(body: Value) -> autengo_client::Vehicle {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/v3/vehicle/AIQWXW"))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .expect(1)
        .mount(&server)
        .await;
    client(&server).vehicles().get("AIQWXW").await.unwrap()
}

fn assert_untouched(v: &autengo_client::Vehicle) {
    assert_eq!(v.selling_id, "AIQWXW");
    assert_eq!(v.internal_id.as_deref(), Some("MY-CUSTOM-ID"));
    assert_eq!(v.make_name.as_deref(), Some("Ford"));
    assert_eq!(v.vin.as_deref(), Some("WVWZZZ1KZCW162691"));
    assert_eq!(v.hsn.as_deref(), Some("1234"));
    assert_eq!(v.first_registration, Some(jiff::civil::date(2007, 5, 19)));
}

#[tokio::test]
async fn every_whole_number_in_every_form_through_get() {
    for (form, write, kept) in FORMS {
        let mut body = fixture("vehicle_get_response");
        for (key, n) in WHOLES {
            body["vehicle"][key] = write(*n);
        }
        body["vehicle"]["unknownExtra"] = json!({"a": [1, "2"]});
        let v = get(body).await;
        for (key, n) in WHOLES {
            let want = if *kept { Some(*n) } else { None };
            assert_eq!(read(&v, key), want, "{key} as {form}");
        }
        assert_untouched(&v);
    }
}

#[tokio::test]
async fn unreadable_descriptive_numbers_read_none_and_keep_the_vehicle() {
    let mut body = fixture("vehicle_get_response");
    for (key, value) in [
        ("kilometers", json!("about 120k")),
        ("powerKw", json!(185.5)),
        ("doorCount", json!({"count": 5})),
        ("seatCount", json!([5])),
        ("gears", json!(-1)),
        ("weight", json!("1e30")),
    ] {
        body["vehicle"][key] = value;
    }
    let v = get(body).await;
    for key in [
        "kilometers",
        "powerKw",
        "doorCount",
        "seatCount",
        "gears",
        "weight",
    ] {
        assert_eq!(read(&v, key), None, "{key}");
    }
    for (key, n) in [
        ("cubicCapacity", 999),
        ("cylinders", 6),
        ("previousOwnerCount", 2),
    ] {
        assert_eq!(read(&v, key), Some(n), "{key}");
    }
    assert_untouched(&v);
}

#[tokio::test]
async fn a_strict_id_that_cannot_be_read_fails_with_its_path() {
    let mut body = fixture("vehicle_get_response");
    body["vehicle"]["branchId"] = json!("main branch");
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/v3/vehicle/AIQWXW"))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(&server)
        .await;
    let err = client(&server).vehicles().get("AIQWXW").await.unwrap_err();
    let d = err.decode().unwrap_or_else(|| panic!("{err:?}"));
    assert_eq!(d.path, "vehicle.branchId");
}

#[tokio::test]
async fn makes_with_ids_and_total_as_text() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/v3/vehicle/reference/make"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "total": "2",
            "list": [{"makeId": "190", "makeName": "Audi"}, {"makeId": 191, "makeName": "BMW", "x": 1}]
        })))
        .expect(1)
        .mount(&server)
        .await;
    let makes = client(&server).vehicles().makes().await.unwrap();
    assert_eq!(makes.total, 2);
    assert_eq!(makes.list.len(), 2);
    assert_eq!(
        (
            makes.list[0].make_id,
            makes.list[0].make_name.as_deref().unwrap()
        ),
        (190, "Audi")
    );
    assert_eq!(
        (
            makes.list[1].make_id,
            makes.list[1].make_name.as_deref().unwrap()
        ),
        (191, "BMW")
    );
}
