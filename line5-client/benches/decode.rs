//! Decode of a Line5 loan document with included resources, against the
//! parse floor, in the same run.
//!
//! The document is the documented `GET /loans/{id}` response
//! (`tests/fixtures/loan_get_response.json`: loan, cover sheet, customer,
//! vehicle, one quote protection) grown to what a busy loan carries: 4
//! quote protections with template fields, 12 loan notes (3 unread).
//!
//! - `typed_sdk`: what `client.loans().get()` runs after the body is read:
//!   `forecourt_core::decode_json::<Document>` (path tracking) then
//!   `Loan::from_document` (resolves `included`, decodes each resource's
//!   attributes, again through `forecourt_core::decode_json`).
//! - `typed_serde_json`: the same with plain `serde_json::from_slice` for the
//!   document stage (the attribute stage is inside `from_document`).
//! - `document_sdk` / `document_serde_json`: the document stage alone.
//! - `value`: `serde_json::Value`; `ignored_any`: `serde::de::IgnoredAny`.
//!
//! Targets: typed faster than `Value`, within 2× of `IgnoredAny`.
//! Run: `cargo bench -p line5-client --bench decode`
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use line5_client::Loan;
use line5_client::jsonapi::Document;
use serde_json::{Value, json};

fn loan_document() -> Vec<u8> {
    let mut doc: Value =
        serde_json::from_str(include_str!("../tests/fixtures/loan_get_response.json")).unwrap();
    let protections = [
        ("20730", "Allstate® Classic VSC", 12, 12_000, "433.34"),
        ("20731", "Acme Paintless Dent Repair", 24, 100_000, "499.99"),
        ("20732", "Acme Tire & Wheel", 36, 36_000, "649.00"),
        ("20733", "Acme GAP Waiver", 60, 75_000, "895.50"),
    ];
    let mut included: Vec<Value> = doc["included"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["type"] != "quote-protections")
        .cloned()
        .collect();
    for (id, name, months, mileage, price) in protections {
        included.push(json!({
            "id": id,
            "type": "quote-protections",
            "attributes": {
                "term": months, "name": name, "months": months, "mileage": mileage,
                "price": price, "financing-limit": "1000.00", "exclude-tax": false,
                "protection-label-id": 10332837371u64, "coverage-id": 23344543435u64,
                "deductible-id": 34123424113u64, "surcharge-ids": [11, 12],
                "template-fields": [
                    {"name": "deal_monthlypayment", "prompt": "Deals Monthly Payment",
                     "data_type": "double", "validator_prompt": "must be in format ######.##",
                     "validator_regex": "^\\d+(\\.(\\d{2}))?$", "value": "325.82"},
                    {"name": "odometer", "prompt": "Odometer at sale", "data_type": "integer",
                     "validator_prompt": "digits only", "validator_regex": "^\\d+$", "value": null}
                ]
            }
        }));
    }
    let notes: Vec<Value> = (0..12)
        .map(|i| {
            json!({
                "id": (384 + i).to_string(),
                "type": "loan-notes",
                "attributes": {
                    "body": format!("Please upload the signed page {} of the contract and a copy of the driver's licence.", i + 1),
                    "created-at": format!("2017-05-{:02}", i + 3),
                    "user-name": "Tony Troy"
                }
            })
        })
        .collect();
    let rel = |ids: &[Value]| -> Value {
        Value::Array(
            ids.iter()
                .map(|r| json!({"id": r["id"], "type": r["type"]}))
                .collect(),
        )
    };
    let rels = &mut doc["data"]["relationships"];
    rels["quote-protections"]["data"] = rel(&included[included.len() - 4..]);
    rels["loan-notes"] = json!({"data": rel(&notes)});
    rels["unread-loan-notes"]["data"] = rel(&notes[9..]);
    included.extend(notes);
    doc["included"] = Value::Array(included);
    serde_json::to_vec_pretty(&doc).unwrap()
}

fn decode(c: &mut Criterion) {
    let body = loan_document();
    let doc: Document = forecourt_core::decode_json("Line5", &body).unwrap();
    let loan = Loan::from_document(&doc).unwrap();
    assert_eq!(loan.quote_protections().len(), 4);
    assert_eq!(loan.loan_notes().len(), 12);
    assert_eq!(loan.unread_loan_note_ids().len(), 3);
    assert!(loan.customer().is_some() && loan.vehicle().is_some() && loan.cover_sheet().is_some());
    eprintln!("decode/loan: document of {} bytes", body.len());

    let mut g = c.benchmark_group("decode");
    g.throughput(Throughput::Bytes(body.len() as u64));
    g.bench_function(BenchmarkId::new("loan", "ignored_any"), |b| {
        b.iter(|| serde_json::from_slice::<serde::de::IgnoredAny>(&body).unwrap())
    });
    g.bench_function(BenchmarkId::new("loan", "value"), |b| {
        b.iter(|| serde_json::from_slice::<Value>(&body).unwrap())
    });
    g.bench_function(BenchmarkId::new("loan", "document_serde_json"), |b| {
        b.iter(|| serde_json::from_slice::<Document>(&body).unwrap())
    });
    g.bench_function(BenchmarkId::new("loan", "document_sdk"), |b| {
        b.iter(|| forecourt_core::decode_json::<Document>("Line5", &body).unwrap())
    });
    g.bench_function(BenchmarkId::new("loan", "typed_serde_json"), |b| {
        b.iter(|| {
            let doc: Document = serde_json::from_slice(&body).unwrap();
            Loan::from_document(&doc).unwrap()
        })
    });
    g.bench_function(BenchmarkId::new("loan", "typed_sdk"), |b| {
        b.iter(|| {
            let doc: Document = forecourt_core::decode_json("Line5", &body).unwrap();
            Loan::from_document(&doc).unwrap()
        })
    });
    g.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
}

criterion_group! {
    name = benches;
    config = config();
    targets = decode
}
criterion_main!(benches);
