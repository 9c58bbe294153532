//! Property test: variants of the documented vehicle generated field by
//! field (each whole number a random value written as a number, text,
//! padded text, text with `.0`, or null; the model name as text, a number
//! or an object with a name; a tyre tread as an exact decimal number or
//! text; random extra fields) decode through `vehicles().get` with every
//! generated value read back.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use common::{client, fixture, server};
use proptest::prelude::*;
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, ResponseTemplate};

const KEYS: &[&str] = &[
    "branchId",
    "kilometers",
    "powerKw",
    "cubicCapacity",
    "doorCount",
    "seatCount",
    "gears",
    "cylinders",
    "weight",
    "previousOwnerCount",
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

/// A value in `0..=u32::MAX` written in one of five forms, and what it reads as.
fn whole() -> impl Strategy<Value = (Value, Option<u64>)> {
    (0u64..=u64::from(u32::MAX), 0u8..5).prop_map(|(n, form)| match form {
        0 => (json!(n), Some(n)),
        1 => (json!(n.to_string()), Some(n)),
        2 => (json!(format!("  {n}")), Some(n)),
        3 => (json!(format!("{n}.0")), Some(n)),
        _ => (Value::Null, None),
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn generated_variants_decode_with_every_value(
        values in prop::collection::vec(whole(), KEYS.len()),
        extra in prop::collection::vec(("x[a-z]{1,8}", any::<i64>()), 0..4),
        model in (0u32..10_000, 0u8..3),
        tread in ((0i64..100_000, 0u32..4), any::<bool>()),
    ) {
        let (model_json, model_name) = match model.1 {
            0 => (json!(model.0.to_string()), model.0.to_string()),
            1 => (json!(model.0), model.0.to_string()),
            _ => (json!({"name": format!("M{}", model.0), "id": 1}), format!("M{}", model.0)),
        };
        let tread_value = rust_decimal::Decimal::new(tread.0.0, tread.0.1);
        // raw text keeps the scale; as a JSON number through set_body_json it
        // would go through f64, so a number is written raw below
        let tread_text = tread_value.to_string();
        let mut body = fixture("vehicle_get_response");
        for (key, (v, _)) in KEYS.iter().zip(&values) {
            body["vehicle"][key] = v.clone();
        }
        for (k, v) in &extra {
            body["vehicle"][k] = json!({"v": v});
        }
        body["vehicle"]["modelName"] = model_json;
        body["vehicle"]["tyreTreadL"] = json!("TREAD");
        let raw = if tread.1 { tread_text.clone() } else { format!("\"{tread_text}\"") };
        let body_text = body.to_string().replace("\"TREAD\"", &raw);
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        let got = rt.block_on(async {
            let server = server().await;
            Mock::given(method("GET"))
                .and(path("/v3/vehicle/AIQWXW"))
                .respond_with(ResponseTemplate::new(200).set_body_raw(body_text.clone(), "application/json"))
                .mount(&server)
                .await;
            client(&server).vehicles().get("AIQWXW").await
        });
        let v = got.unwrap_or_else(|e| panic!("{body}: {e:?}"));
        for (key, (_, want)) in KEYS.iter().zip(&values) {
            // u32 fields: values past u32 do not occur (generated up to u32::MAX)
            prop_assert_eq!(read(&v, key), *want, "{}", key);
        }
        prop_assert_eq!(v.selling_id.as_str(), "AIQWXW");
        prop_assert_eq!(v.make_name.as_deref(), Some("Ford"));
        prop_assert_eq!(v.model_name.as_deref(), Some(model_name.as_str()));
        prop_assert_eq!(v.tyre_tread_l.map(|t| t.to_string()), Some(tread_text));
    }
}
