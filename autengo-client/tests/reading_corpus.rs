//! Autengo responses as a server might really write them, through the
//! public operations (a fake vendor serving the body): every whole number
//! as text (and padded, and with a zero fraction), text as numbers and as
//! objects, unreadable descriptive values, lenient booleans, dates with
//! times, offsets and fractions, `null` and absence for every optional,
//! extra fields. Every decoded value is asserted: a vehicle variant is
//! compared field by field (its whole `Debug`) with the documented vehicle
//! changed by hand as the row says; contacts by their encoded form. Strict
//! fields that cannot be read fail with their full path.
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

use autengo_client::{Translated, Vehicle, VendorDateTime};
use rust_decimal::Decimal;

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

type Mutate = fn(&mut Value);
type Expect = fn(&mut Vehicle);

/// (row, how the documented vehicle is rewritten, how the decoded one changes).
const VEHICLE_VARIANTS: &[(&str, Mutate, Expect)] = &[
    (
        "extra unknown members everywhere",
        |v| {
            v["vehicle"]["newField"] = json!({"a": [1, null], "b": "c"});
            v["vehicle"]["driveType"]["order"] = json!(3);
            v["meta"] = json!({"requestId": "r-1"});
        },
        |_| {},
    ),
    (
        "text sent as numbers and booleans",
        |v| {
            let x = &mut v["vehicle"];
            x["sellingId"] = json!(987_654);
            x["internalId"] = json!(4711);
            x["makeName"] = json!(3);
            x["modelName"] = json!(500);
            x["modelVersion"] = json!(1.6);
            x["description"] = json!(true);
            x["tsn"] = json!(12);
            x["countryId"] = json!(276);
        },
        |e| {
            e.selling_id = "987654".into();
            e.internal_id = Some("4711".into());
            e.make_name = Some("3".into());
            e.model_name = Some("500".into());
            e.model_version = Some("1.6".into());
            e.description = Some("true".into());
            e.tsn = Some("12".into());
            e.country_id = Some("276".into());
        },
    ),
    (
        "objects where text was inferred",
        |v| {
            let x = &mut v["vehicle"];
            x["makeName"] = json!({"name": "Ford", "id": 1});
            x["modelName"] = json!({"label": "Focus"});
            x["tyreBrand"] = json!({"displayName": "Yamaha", "code": "YA"});
            x["deliveryPeriod"] = json!({"value": "2 weeks"});
            x["hsn"] = json!({"code": "0603"});
        },
        |e| {
            e.delivery_period = Some("2 weeks".into());
            e.hsn = Some("0603".into());
        },
    ),
    (
        "unreadable descriptive values read None, the vehicle is kept",
        |v| {
            let x = &mut v["vehicle"];
            x["makeName"] = json!([1]);
            x["description"] = json!({"x": 1});
            x["firstRegistration"] = json!("soon");
            x["created"] = json!("yesterday");
            x["isDamaged"] = json!("maybe");
            x["fuelType"] = json!([1]);
            x["driveType"] = json!({"text": "no key"});
            x["vehicleTypeId"] = json!("six");
            x["tyreTreadL"] = json!("n/a");
            x["co2EmissionCombined"] = json!({"v": 1});
            x["nextInspection"] = json!("2017-13");
        },
        |e| {
            e.make_name = None;
            e.description = None;
            e.first_registration = None;
            e.created = None;
            e.is_damaged = None;
            e.fuel_type = None;
            e.drive_type = None;
            e.vehicle_type_id = None;
            e.tyre_tread_l = None;
            e.co2_emission_combined = None;
            e.next_inspection = None;
        },
    ),
    (
        "numbers as text: decimals exact, translated keys, prices",
        |v| {
            let x = &mut v["vehicle"];
            x["tyreTreadL"] = json!("5.90");
            x["consumptionFuelCombined"] = json!(" 4.80 ");
            x["energieCostPowerPrice"] = json!("2.5e-1");
            x["vehicleTypeId"] = json!({"key": "6", "text": "Limousine"});
            x["colorId"] = json!("7");
            x["dealerPrice"] = json!("13444.50");
            x["priceExport"] = json!("3456.120");
        },
        |e| {
            e.tyre_tread_l = Some(d("5.90"));
            e.consumption_fuel_combined = Some(d("4.80"));
            e.energie_cost_power_price = Some(d("0.25"));
            e.color_id = Some(Translated::bare(7));
            e.dealer_price = Some(d("13444.50"));
            e.price_export = Some(d("3456.120"));
        },
    ),
    (
        "lenient booleans",
        |v| {
            let x = &mut v["vehicle"];
            x["isDamaged"] = json!("yes");
            x["isDrivable"] = json!(0);
            x["isNetPrice"] = json!("Y");
            x["hasSparewheel"] = json!("1");
        },
        |e| {
            e.is_damaged = Some(true);
            e.is_drivable = Some(false);
            e.is_net_price = Some(true);
            e.has_sparewheel = Some(true);
        },
    ),
    (
        "dates with times, offsets and fractions",
        |v| {
            let x = &mut v["vehicle"];
            x["firstRegistration"] = json!("2007-05-19T00:00:00+02:00");
            x["lastService"] = json!("2017-05-19 10:11:12");
            x["warrantyExpiry"] = json!("2017-05-19T10:11:12.123Z");
            x["created"] = json!("2018-08-07T15:47:17.250");
            x["updated"] = json!("2018-08-07 15:47:17.5");
        },
        |e| {
            e.created = Some(
                jiff::civil::date(2018, 8, 7)
                    .at(15, 47, 17, 250_000_000)
                    .into(),
            );
            e.updated = Some(
                jiff::civil::date(2018, 8, 7)
                    .at(15, 47, 17, 500_000_000)
                    .into(),
            );
        },
    ),
    (
        // created/updated are documented zone-less; an offset sent there
        // is kept with the wall time sent
        "a created time with an offset, an updated time at Z",
        |v| {
            v["vehicle"]["created"] = json!("2018-08-07T15:47:17+02:00");
            v["vehicle"]["updated"] = json!("2018-08-07T15:47:17.125Z");
        },
        |e| {
            let at = jiff::civil::date(2018, 8, 7).at(15, 47, 17, 0);
            e.created = Some(VendorDateTime::new(at, Some(jiff::tz::offset(2))));
            let at = jiff::civil::date(2018, 8, 7).at(15, 47, 17, 125_000_000);
            e.updated = Some(VendorDateTime::new(at, Some(jiff::tz::Offset::UTC)));
        },
    ),
    (
        "bare translated keys",
        |v| {
            let x = &mut v["vehicle"];
            x["vehicleState"] = json!("inventory");
            x["driveType"] = json!("rear");
            x["pollutionBadge"] = json!(4);
        },
        |e| {
            e.vehicle_state = e.vehicle_state.take().map(|t| Translated::bare(t.key));
            e.drive_type = e.drive_type.take().map(|t| Translated::bare(t.key));
            e.pollution_badge = Some(Translated::bare(4));
        },
    ),
];

#[tokio::test]
async fn every_vehicle_variant_with_every_value() {
    let documented = get(fixture("vehicle_get_response")).await;
    // the baseline itself, spot-checked against the documentation
    assert_untouched(&documented);
    assert_eq!(documented.model_name.as_deref(), Some("Focus"));
    assert_eq!(documented.tyre_tread_l, Some(d("1.2")));
    assert_eq!(documented.dealer_price, Some(d("13444")));
    assert_eq!(documented.is_net_price, Some(false));
    assert_eq!(
        documented.created,
        Some(jiff::civil::date(2018, 8, 7).at(15, 47, 17, 0).into())
    );
    assert_eq!(documented.created.unwrap().offset(), None);
    assert_eq!(
        documented.vehicle_type_id,
        Some(Translated::new(6, "Limousine"))
    );
    for (row, mutate, expect) in VEHICLE_VARIANTS {
        let mut body = fixture("vehicle_get_response");
        mutate(&mut body);
        let got = get(body).await;
        let mut want = documented.clone();
        expect(&mut want);
        // what could not be read is kept raw: tests/unexpected_fields.rs
        // checks `unexpected`; here every other member is compared
        want.unexpected = got.unexpected.clone();
        assert_eq!(format!("{got:#?}"), format!("{want:#?}"), "{row}");
    }
}

/// Every member of the decoded vehicle, from its `Debug`: `(name, value)`.
fn members(v: &Vehicle) -> Vec<(String, String)> {
    let text = format!("{v:#?}");
    let mut out = Vec::new();
    for line in text.lines() {
        // members of the vehicle itself are indented by exactly four spaces
        if let Some(rest) = line.strip_prefix("    ")
            && !rest.starts_with(' ')
            && let Some((name, value)) = rest.split_once(": ")
        {
            out.push((name.to_owned(), value.trim_end_matches(',').to_owned()));
        }
    }
    out
}

#[tokio::test]
async fn every_optional_null_or_absent_reads_none() {
    let documented = fixture("vehicle_get_response");
    let keys: Vec<String> = documented["vehicle"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    let mut nulls = documented.clone();
    for k in &keys {
        if k != "sellingId" {
            nulls["vehicle"][k] = Value::Null;
        }
    }
    let absent = json!({"vehicle": {"sellingId": "AIQWXW"}});
    for (row, body) in [("null", nulls), ("absent", absent)] {
        let v = get(body).await;
        let members = members(&v);
        assert!(members.len() > 90, "{row}: {}", members.len());
        for (name, value) in members {
            match name.as_str() {
                "selling_id" => assert_eq!(value, "\"AIQWXW\"", "{row}"),
                _ => assert!(value == "None" || value == "[]", "{row}: {name} = {value}"),
            }
        }
    }
}

async fn get_err(body: Value) -> autengo_client::Error {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/v3/vehicle/AIQWXW"))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(&server)
        .await;
    client(&server).vehicles().get("AIQWXW").await.unwrap_err()
}

#[tokio::test]
async fn strict_vehicle_fields_fail_naming_their_path() {
    let rows: &[(&str, Value, &str)] = &[
        ("sellingId", json!({"id": "AIQWXW"}), "vehicle.sellingId"),
        ("sellingId", Value::Null, "vehicle.sellingId"),
        ("internalId", json!(["MY"]), "vehicle.internalId"),
        ("makeId", json!({"id": 1}), "vehicle.makeId"),
        ("modelId", json!("12.5"), "vehicle.modelId"),
        ("dealerPrice", json!("lots"), "vehicle.dealerPrice"),
        ("priceYard", json!({"amount": 1}), "vehicle.priceYard"),
        ("vin", json!(123), "vehicle.vin"),
    ];
    for (key, value, want) in rows {
        let mut body = fixture("vehicle_get_response");
        body["vehicle"][key] = value.clone();
        let err = get_err(body).await;
        let d = err.decode().unwrap_or_else(|| panic!("{key}: {err:?}"));
        assert_eq!(d.path, *want, "{key} = {value}");
    }
}

#[tokio::test]
async fn strict_fields_in_lists_name_the_item() {
    let server = server().await;
    let mut list = fixture("vehicle_list_response");
    let mut second = list["list"][0].clone();
    second["modelId"] = json!("Focus");
    list["list"].as_array_mut().unwrap().push(second);
    Mock::given(method("GET"))
        .and(path("/v3/vehicle"))
        .respond_with(ResponseTemplate::new(200).set_body_json(list))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v3/vehicle/reference/make"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "total": 2, "list": [{"makeId": 190, "makeName": "Audi"}, {"makeId": "BMW"}]
        })))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v3/vehicle/reference/make/190/model"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "total": "many", "list": []
        })))
        .mount(&server)
        .await;
    let c = client(&server);
    let e = c.vehicles().list().send().await.unwrap_err();
    assert_eq!(e.decode().unwrap().path, "list[1].modelId", "{e:?}");
    let e = c.vehicles().makes().await.unwrap_err();
    assert_eq!(e.decode().unwrap().path, "list[1].makeId", "{e:?}");
    let e = c.vehicles().models(190).await.unwrap_err();
    assert_eq!(e.decode().unwrap().path, "total", "{e:?}");
}

#[tokio::test]
async fn makes_and_models_names_in_every_shape() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/v3/vehicle/reference/make/190/model"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "total": "5",
            "list": [
                {"modelId": "1", "modelName": "A4"},
                {"modelId": 2, "modelName": 3},
                {"modelId": " 3 ", "modelName": {"name": "Q5", "code": "Q5"}},
                {"modelId": 4.0, "modelName": null, "extra": [1]},
                {"modelId": 5}
            ]
        })))
        .expect(1)
        .mount(&server)
        .await;
    let models = client(&server).vehicles().models(190).await.unwrap();
    assert_eq!(models.total, 5);
    let got: Vec<(u64, Option<&str>)> = models
        .list
        .iter()
        .map(|m| (m.model_id, m.model_name.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            (1, Some("A4")),
            (2, Some("3")),
            (3, Some("Q5")),
            (4, None),
            (5, None)
        ]
    );
}

async fn get_contact(body: Value) -> autengo_client::Result<autengo_client::ContactResponse> {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/v3/contact/123"))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .expect(1)
        .mount(&server)
        .await;
    client(&server).contacts().get(123).await
}

/// (row, how the documented contact is rewritten, how its encoded form changes).
const CONTACT_VARIANTS: &[(&str, Mutate, Mutate)] = &[
    ("as documented", |_| {}, |_| {}),
    (
        "numbers as text",
        |c| {
            c["ID"] = json!("123");
            c["customerRating"] = json!(" 5 ");
            c["faxNumber"] = json!("1234567");
        },
        |c| c["faxNumber"] = json!("1234567"),
    ),
    (
        "text as numbers and booleans",
        |c| {
            c["zipCode"] = json!(12345);
            c["phoneNumber"] = json!(5_551_234);
            c["customerNumber"] = json!(10001);
            c["notes"] = json!(false);
        },
        |c| {
            c["zipCode"] = json!("12345");
            c["phoneNumber"] = json!("5551234");
            c["customerNumber"] = json!("10001");
            c["notes"] = json!("false");
        },
    ),
    (
        "objects where text was inferred",
        |c| {
            c["country"] = json!({"name": "Germany", "code": "DE"});
            c["keyAccount"] = json!({"label": "Key Account A"});
            c["driverLicenseIssuedBy"] = json!({"title": "Berlin"});
        },
        |_| {},
    ),
    (
        "lenient booleans and dates with times",
        |c| {
            c["isPrivat"] = json!("yes");
            c["isOptIn"] = json!(0);
            c["dateOfBirth"] = json!("1990-01-01T00:00:00+01:00");
            c["driverLicenseDateOfIssue"] = json!("2010-05-10 08:00:00");
        },
        |c| c["isPrivat"] = json!(true),
    ),
    (
        "unreadable descriptive values read None, the contact is kept",
        |c| {
            c["customerRating"] = json!("five");
            c["isPrivat"] = json!("maybe");
            c["dateOfBirth"] = json!("unknown");
            c["title"] = json!(["Mr"]);
            c["source"] = json!({"x": 1});
            c["iban"] = json!([]);
            c["city"] = json!({"zip": 1});
        },
        |c| {
            for k in [
                "customerRating",
                "isPrivat",
                "dateOfBirth",
                "title",
                "source",
                "iban",
                "city",
            ] {
                c.as_object_mut().unwrap().remove(k);
            }
        },
    ),
    (
        "extra unknown members",
        |c| {
            c["newMember"] = json!({"a": 1});
            c["tags"] = json!(["x"]);
        },
        |_| {},
    ),
];

#[tokio::test]
async fn every_contact_variant_with_every_value() {
    for (row, mutate, expect) in CONTACT_VARIANTS {
        let mut body = fixture("contact_get_response");
        mutate(&mut body["data"]["contact"]);
        let got = get_contact(body)
            .await
            .unwrap_or_else(|e| panic!("{row}: {e:?}"));
        assert_eq!(got.status.as_deref(), Some("success"), "{row}");
        assert_eq!(
            got.status_text.as_deref(),
            Some("Contact created successfully"),
            "{row}"
        );
        let mut want = fixture("contact_get_response")["data"]["contact"].clone();
        expect(&mut want);
        assert_eq!(serde_json::to_value(got.contact()).unwrap(), want, "{row}");
    }
}

#[tokio::test]
async fn every_optional_contact_member_null_or_absent() {
    let mut nulls = fixture("contact_get_response");
    let contact = nulls["data"]["contact"].as_object_mut().unwrap();
    for (k, v) in contact.iter_mut() {
        if k != "ID" {
            *v = Value::Null;
        }
    }
    nulls["status"] = Value::Null;
    nulls["statusText"] = json!({"message": "ok"});
    let absent = json!({"data": {"contact": {"ID": 123}}});
    for (row, body) in [("null", nulls), ("absent", absent)] {
        let got = get_contact(body).await.unwrap();
        assert_eq!(got.status, None, "{row}");
        assert_eq!(
            serde_json::to_value(got.contact()).unwrap(),
            json!({"ID": 123}),
            "{row}"
        );
    }
}

#[tokio::test]
async fn strict_contact_and_opportunity_ids_fail_naming_their_path() {
    for (id, want) in [
        (json!("one-two-three"), "data.contact.ID"),
        (Value::Null, "data.contact.ID"),
    ] {
        let mut body = fixture("contact_get_response");
        body["data"]["contact"]["ID"] = id;
        let err = get_contact(body).await.unwrap_err();
        assert_eq!(err.decode().unwrap().path, want, "{err:?}");
    }
    for (body, want) in [
        (
            json!({"status": "success", "data": {"opportunityId": "3813"}}),
            Ok(3813),
        ),
        (
            json!({"status": null, "data": {"opportunityId": 3813.0, "x": 1}}),
            Ok(3813),
        ),
        (
            json!({"data": {"opportunityId": "abc"}}),
            Err("data.opportunityId"),
        ),
        (
            json!({"data": {"opportunityId": [3813]}}),
            Err("data.opportunityId"),
        ),
    ] {
        let server = server().await;
        Mock::given(method("POST"))
            .and(path("/v3/opportunity"))
            .respond_with(ResponseTemplate::new(200).set_body_json(&body))
            .expect(1)
            .mount(&server)
            .await;
        let got = client(&server)
            .opportunities()
            .create(&common::documented_opportunity_post())
            .await;
        match (got, want) {
            (Ok(r), Ok(id)) => assert_eq!(r.opportunity_id(), id, "{body}"),
            (Err(e), Err(path)) => assert_eq!(e.decode().unwrap().path, path, "{body}"),
            (got, _) => panic!("{body}: {got:?}"),
        }
    }
}
