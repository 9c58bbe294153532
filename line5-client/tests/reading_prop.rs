//! Property test: variants of the documented loan generated field by field
//! (each whole number and amount as a number or as text, padded or with a
//! zero fraction; descriptive text as a string, a number or an object with
//! a name; optional attributes null; extra members; `funded-at` at any
//! offset with or without a fraction) decode through `loans().get` with
//! every generated value read back.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use common::*;
use line5_client::Id;
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::{Value, json};

/// How a whole number is written.
#[derive(Debug, Clone, Copy)]
enum WholeForm {
    Number,
    Text,
    Padded,
    ZeroFraction,
    Null,
}

fn whole_form() -> impl Strategy<Value = WholeForm> {
    prop_oneof![
        Just(WholeForm::Number),
        Just(WholeForm::Text),
        Just(WholeForm::Padded),
        Just(WholeForm::ZeroFraction),
        Just(WholeForm::Null),
    ]
}

/// The raw JSON text of `n` in `form`, and what it reads as.
fn whole(n: u64, form: WholeForm) -> (String, Option<u64>) {
    match form {
        WholeForm::Number => (n.to_string(), Some(n)),
        WholeForm::Text => (format!("\"{n}\""), Some(n)),
        WholeForm::Padded => (format!("\" {n} \""), Some(n)),
        WholeForm::ZeroFraction => (format!("\"{n}.0\""), Some(n)),
        WholeForm::Null => ("null".to_owned(), None),
    }
}

/// An exact amount (up to 4 decimals), written as a number or as text.
fn money() -> impl Strategy<Value = (String, Decimal)> {
    (0i64..10_000_000_000, 0u32..5, any::<bool>()).prop_map(|(m, scale, text)| {
        let d = Decimal::new(m, scale);
        let raw = if text {
            format!("\"{d}\"")
        } else {
            d.to_string()
        };
        (raw, d)
    })
}

/// Descriptive text written as a string, a number or an object with a name.
fn text() -> impl Strategy<Value = (Value, String)> {
    prop_oneof![
        "[A-Za-z][A-Za-z /-]{0,20}".prop_map(|s| (json!(s), s)),
        (0u32..1_000_000).prop_map(|n| (json!(n), n.to_string())),
        "[A-Za-z]{1,12}".prop_map(|s| (json!({"name": s, "code": "X"}), s)),
    ]
}

/// A timestamp at any offset, with or without a fraction.
fn timestamp() -> impl Strategy<Value = (String, jiff::Zoned)> {
    (0i64..4_000_000_000, -14i8..=14, 0u32..1_000, any::<bool>()).prop_map(
        |(secs, hours, millis, fraction)| {
            let ts = jiff::Timestamp::from_second(secs).unwrap()
                + jiff::SignedDuration::from_millis(if fraction { i64::from(millis) } else { 0 });
            let zoned = ts.to_zoned(jiff::tz::TimeZone::fixed(jiff::tz::offset(hours)));
            let text = if fraction {
                zoned.strftime("%Y-%m-%dT%H:%M:%S%.3f%:z").to_string()
            } else {
                zoned.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
            };
            (text, zoned)
        },
    )
}

/// Puts raw JSON text at a placeholder: the body is built as a `Value`
/// (whose numbers are `f64`), the exact numbers are spliced in as text.
fn splice(body: &Value, raws: &[(String, String)]) -> String {
    let mut text = body.to_string();
    for (marker, raw) in raws {
        text = text.replace(&format!("\"{marker}\""), raw);
    }
    text
}

#[derive(Debug)]
struct Case {
    payment_day: (u64, WholeForm),
    term: (u64, WholeForm),
    file_size: (u64, WholeForm),
    year: (u64, WholeForm),
    mileage: (u64, WholeForm),
    finance_term: (u64, WholeForm),
    qp_months: (u64, WholeForm),
    balance: (String, Decimal),
    msrp: (String, Decimal),
    make: (Value, String),
    postal: (Value, String),
    funded_at: (String, jiff::Zoned),
    extra: Vec<(String, i64)>,
}

fn case() -> impl Strategy<Value = Case> {
    let wholes = (
        (1u64..=31, whole_form()),
        (1u64..=120, whole_form()),
        (0u64..=u64::MAX / 2, whole_form()),
        (1900u64..=2100, whole_form()),
        (0u64..=u64::from(u32::MAX), whole_form()),
        (1u64..=120, whole_form()),
        (1u64..=120, whole_form()),
    );
    let others = (
        money(),
        money(),
        text(),
        text(),
        timestamp(),
        prop::collection::vec(("x-[a-z]{1,8}", any::<i64>()), 0..4),
    );
    (wholes, others).prop_map(
        |((pd, t, fs, y, m, ft, qm), (balance, msrp, make, postal, funded_at, extra))| Case {
            payment_day: pd,
            term: t,
            file_size: fs,
            year: y,
            mileage: m,
            finance_term: ft,
            qp_months: qm,
            balance,
            msrp,
            make,
            postal,
            funded_at,
            extra,
        },
    )
}

fn body_of(c: &Case) -> String {
    let mut doc = fixture("loan_get_response");
    let mut raws = Vec::new();
    let mut put = |doc: &mut Value, at: &[&str], key: &str, raw: String| {
        let marker = format!("@@{}@@", raws.len());
        let mut v = &mut *doc;
        for p in at {
            v = match p.parse::<usize>() {
                Ok(i) => &mut v[i],
                Err(_) => &mut v[*p],
            };
        }
        v[key] = json!(marker);
        raws.push((marker, raw));
    };
    let loan = ["data", "attributes"];
    put(
        &mut doc,
        &loan,
        "payment-day",
        whole(c.payment_day.0, c.payment_day.1).0,
    );
    put(&mut doc, &loan, "term", whole(c.term.0, c.term.1).0);
    put(&mut doc, &loan, "balance", c.balance.0.clone());
    put(
        &mut doc,
        &loan,
        "funded-at",
        format!("\"{}\"", c.funded_at.0),
    );
    let pkg = ["included", "0", "attributes"];
    put(
        &mut doc,
        &pkg,
        "documents-file-size",
        whole(c.file_size.0, c.file_size.1).0,
    );
    let veh = ["included", "2", "attributes"];
    put(&mut doc, &veh, "year", whole(c.year.0, c.year.1).0);
    put(&mut doc, &veh, "mileage", whole(c.mileage.0, c.mileage.1).0);
    put(
        &mut doc,
        &veh,
        "finance-term",
        whole(c.finance_term.0, c.finance_term.1).0,
    );
    put(&mut doc, &veh, "msrp", c.msrp.0.clone());
    doc["included"][2]["attributes"]["make"] = c.make.0.clone();
    doc["included"][1]["attributes"]["postal-code"] = c.postal.0.clone();
    let qp = ["included", "3", "attributes"];
    put(
        &mut doc,
        &qp,
        "months",
        whole(c.qp_months.0, c.qp_months.1).0,
    );
    for (k, v) in &c.extra {
        doc["data"]["attributes"][k] = json!(v);
        doc["included"][2]["attributes"][k] = json!({"v": v});
    }
    splice(&doc, &raws)
}

fn read(w: (u64, WholeForm)) -> Option<u64> {
    whole(w.0, w.1).1
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn generated_variants_decode_with_every_value(c in case()) {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        let loan = rt.block_on(async {
            let (server, client) = setup().await;
            api("GET", "/loans/110372")
                .respond_with(wiremock::ResponseTemplate::new(200)
                    .set_body_raw(body_of(&c).into_bytes(), MEDIA))
                .mount(&server)
                .await;
            client.loans().get(&Id::from("110372")).await
        });
        let loan = loan.unwrap_or_else(|e| panic!("{c:?}: {e:?}"));
        prop_assert_eq!(loan.payment_day.map(u64::from), read(c.payment_day));
        prop_assert_eq!(loan.term.map(u64::from), read(c.term));
        prop_assert_eq!(loan.balance, Some(c.balance.1));
        let funded = loan.funded_at.as_ref().unwrap();
        prop_assert_eq!(funded.timestamp(), c.funded_at.1.timestamp());
        prop_assert_eq!(funded.offset(), c.funded_at.1.offset());
        prop_assert_eq!(loan.cover_sheet().unwrap().file_size, read(c.file_size));
        let v = loan.vehicle().unwrap();
        prop_assert_eq!(v.year.map(u64::from), read(c.year));
        prop_assert_eq!(v.mileage.map(u64::from), read(c.mileage));
        prop_assert_eq!(v.finance_term.map(u64::from), read(c.finance_term));
        prop_assert_eq!(v.msrp, Some(c.msrp.1));
        prop_assert_eq!(v.make.as_deref(), Some(c.make.1.as_str()));
        prop_assert_eq!(loan.customer().unwrap().postal_code.as_deref(), Some(c.postal.1.as_str()));
        prop_assert_eq!(loan.quote_protections()[0].months.map(u64::from), read(c.qp_months));
        // the untouched documented values are still there
        prop_assert_eq!(loan.customer().unwrap().first_name.as_deref(), Some("Susann"));
        prop_assert_eq!(v.vin.as_deref(), Some("2C3KA53G67H670383"));
        prop_assert_eq!(loan.monthly_payment, Some(d("47.18")));
    }
}
