//! Promotions as the vendor might really write them, through
//! `for_application` (a fake vendor serving the body): ids and whole
//! numbers as text, money as text and as numbers, text as numbers and as
//! objects, nulls and absence where optional, extra properties. Every
//! decoded value is asserted; strict fields that cannot be read fail with
//! their path.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use forecourt_core::testing::mount_catch_all;
use forecourt_core::{RetryPolicy, SecretString};
use promotions_client::{BodyEncoding, Client};
use rust_decimal::Decimal;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// The documented search answer's two promotions, in raw JSON text with
/// placeholders `{id}`, `{addon}`, `{terms}`, ... for the fields varied.
const TEMPLATE: &str = r#"[
  {"Id": {id1}, "Name": {name1}, "PromoCode": {code1}, "AddOnId": {addon1},
   "ClosedEndPaymentRateId": {rate1}, "Apr": {apr1}, "PaymentFactor": {pf1},
   "Terms": {terms1}, "FullTerms": {full1}, "EstimatedMonthlyPayment": {emp1},
   "DealerFee": {fee1}, "NewVendorField": {"x": [1, null]}},
  {"Id": {id2}, "Name": {name2}, "PromoCode": {code2},
   "AddOnId": {addon2}, "ClosedEndPaymentRateId": {rate2}, "Apr": {apr2},
   "PaymentFactor": {pf2}, "Terms": {terms2}, "FullTerms": {full2},
   "EstimatedMonthlyPayment": {emp2}, "DealerFee": {fee2}}
]"#;

/// The documented values, as raw JSON text (numbers written by the forms).
const VALUES: &[(&str, &str)] = &[
    ("id1", "1234"),
    ("addon1", "null"),
    ("rate1", "0"),
    ("apr1", "7.9900"),
    ("pf1", "0.03"),
    ("terms1", "12"),
    ("full1", "12"),
    ("emp1", "450.00"),
    ("fee1", "675.00"),
    ("id2", "9876"),
    ("addon2", "4321"),
    ("rate2", "0"),
    ("apr2", "9.9900"),
    ("pf2", "0.0275"),
    ("terms2", "3"),
    ("full2", "60"),
    ("emp2", "413.00"),
    ("fee2", "900.00"),
];

/// The documented texts, as raw JSON (not rewritten by the forms).
const TEXTS: &[(&str, &str)] = &[
    ("name1", r#""Promo Name""#),
    ("code1", r#""promocode""#),
    ("name2", r#""Promo Name with 3 Month Deffered Payments""#),
    ("code2", r#""promocode""#),
];

/// The template filled: `overrides` (raw JSON) first, then the documented
/// texts, then the documented numbers written by `write`.
fn fill(overrides: &[(&str, &str)], write: Form) -> String {
    let mut body = TEMPLATE.to_owned();
    for (k, v) in overrides {
        body = body.replace(&format!("{{{k}}}"), v);
    }
    for (k, v) in TEXTS {
        body = body.replace(&format!("{{{k}}}"), v);
    }
    for (k, v) in VALUES {
        body = body.replace(&format!("{{{k}}}"), &write(v));
    }
    body
}

type Form = fn(&str) -> String;

const FORMS: &[(&str, Form)] = &[
    ("as documented", |v| v.to_owned()),
    ("every number as text", |v| {
        if v == "null" {
            v.to_owned()
        } else {
            format!("\"{v}\"")
        }
    }),
    ("every number as padded text", |v| {
        if v == "null" {
            v.to_owned()
        } else {
            format!("\" {v} \"")
        }
    }),
];

async fn for_application(body: String) -> Vec<promotions_client::Promotion> {
    let server = MockServer::start().await;
    mount_catch_all(&server).await;
    Mock::given(method("GET"))
        .and(path("/v3/api/applications/promotions/100001"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(body, "application/json"))
        .expect(1)
        .mount(&server)
        .await;
    Client::builder()
        .base_url(server.uri())
        .api_key(SecretString::from("test-api-key-reading"))
        .body_encoding(BodyEncoding::Json)
        .retry(RetryPolicy::none())
        .build()
        .unwrap()
        .promotions()
        .for_application(100_001)
        .await
        .unwrap()
}

#[tokio::test]
async fn every_number_in_every_form_with_every_value() {
    for (form, write) in FORMS {
        let list = for_application(fill(&[], *write)).await;
        assert_eq!(list.len(), 2, "{form}");
        let (a, b) = (&list[0], &list[1]);
        assert_eq!(
            (a.id, a.name.as_deref(), a.promo_code.as_deref()),
            (1234, Some("Promo Name"), Some("promocode")),
            "{form}"
        );
        assert_eq!(
            (a.add_on_id, a.closed_end_payment_rate_id),
            (None, Some(0)),
            "{form}"
        );
        assert_eq!((a.apr, a.apr.scale()), (dec("7.9900"), 4), "{form}");
        assert_eq!(a.payment_factor, dec("0.03"), "{form}");
        assert_eq!((a.terms, a.full_terms), (12, 12), "{form}");
        assert_eq!(
            (a.estimated_monthly_payment, a.dealer_fee),
            (dec("450.00"), dec("675.00")),
            "{form}"
        );
        assert_eq!(
            (b.id, b.name.as_deref(), b.promo_code.as_deref()),
            (
                9876,
                Some("Promo Name with 3 Month Deffered Payments"),
                Some("promocode")
            ),
            "{form}"
        );
        assert_eq!(
            (b.add_on_id, b.closed_end_payment_rate_id),
            (Some(4321), Some(0)),
            "{form}"
        );
        assert_eq!(
            (b.apr, b.payment_factor),
            (dec("9.9900"), dec("0.0275")),
            "{form}"
        );
        assert_eq!((b.terms, b.full_terms), (3, 60), "{form}");
        assert_eq!(
            (b.estimated_monthly_payment, b.dealer_fee),
            (dec("413.00"), dec("900.00")),
            "{form}"
        );
    }
}

/// Every value one promotion decodes to; money as its exact text (scale kept).
#[derive(Clone, Copy)]
struct Want {
    id: i64,
    name: Option<&'static str>,
    code: Option<&'static str>,
    addon: Option<i64>,
    rate: Option<i64>,
    apr: &'static str,
    pf: &'static str,
    terms: i32,
    full: i32,
    emp: &'static str,
    fee: &'static str,
}

const DOC: [Want; 2] = [
    Want {
        id: 1234,
        name: Some("Promo Name"),
        code: Some("promocode"),
        addon: None,
        rate: Some(0),
        apr: "7.9900",
        pf: "0.03",
        terms: 12,
        full: 12,
        emp: "450.00",
        fee: "675.00",
    },
    Want {
        id: 9876,
        name: Some("Promo Name with 3 Month Deffered Payments"),
        code: Some("promocode"),
        addon: Some(4321),
        rate: Some(0),
        apr: "9.9900",
        pf: "0.0275",
        terms: 3,
        full: 60,
        emp: "413.00",
        fee: "900.00",
    },
];

fn check(row: &str, p: &promotions_client::Promotion, w: &Want) {
    assert_eq!(p.id, w.id, "{row}");
    assert_eq!(p.name.as_deref(), w.name, "{row}: Name");
    assert_eq!(p.promo_code.as_deref(), w.code, "{row}: PromoCode");
    assert_eq!(p.add_on_id, w.addon, "{row}: AddOnId");
    assert_eq!(p.closed_end_payment_rate_id, w.rate, "{row}: rate id");
    assert_eq!(p.apr.to_string(), w.apr, "{row}: Apr");
    assert_eq!(p.payment_factor.to_string(), w.pf, "{row}: PaymentFactor");
    assert_eq!((p.terms, p.full_terms), (w.terms, w.full), "{row}: terms");
    assert_eq!(p.estimated_monthly_payment.to_string(), w.emp, "{row}: emp");
    assert_eq!(p.dealer_fee.to_string(), w.fee, "{row}: DealerFee");
}

type Expect = fn(&mut [Want; 2]);

fn as_is(v: &str) -> String {
    v.to_owned()
}

/// Variants beyond the number forms: (row, raw JSON overrides, what changes).
/// Raw JSON text for template placeholders.
type Overrides = &'static [(&'static str, &'static str)];

const VARIANTS: &[(&str, Overrides, Expect)] = &[
    ("as documented", &[], |_| {}),
    (
        "names and codes as numbers and booleans",
        &[("name1", "2024"), ("code1", "12345"), ("name2", "true")],
        |w| {
            w[0].name = Some("2024");
            w[0].code = Some("12345");
            w[1].name = Some("true");
        },
    ),
    (
        "names and codes as objects",
        &[
            ("name1", r#"{"name": "Promo Name", "code": "PN"}"#),
            ("code1", r#"{"code": "SAC12", "active": true}"#),
            ("name2", r#"{"displayName": "Deferred", "id": 3}"#),
            ("code2", r#"{"value": "DEF3"}"#),
        ],
        |w| {
            w[0].code = Some("SAC12");
            w[1].name = Some("Deferred");
            w[1].code = Some("DEF3");
        },
    ),
    (
        "names and codes null",
        &[
            ("name1", "null"),
            ("code1", "null"),
            ("name2", "null"),
            ("code2", "null"),
        ],
        |w| {
            for p in w {
                (p.name, p.code) = (None, None);
            }
        },
    ),
    (
        "unreadable names and codes read None, the promotions are kept",
        &[
            ("name1", r#"["Promo", "Name"]"#),
            ("code1", r#"{"unknown": 1}"#),
        ],
        |w| (w[0].name, w[0].code) = (None, None),
    ),
    (
        "optional ids null",
        &[("addon2", "null"), ("rate1", "null"), ("rate2", "null")],
        |w| {
            w[1].addon = None;
            (w[0].rate, w[1].rate) = (None, None);
        },
    ),
    (
        "optional ids as padded text",
        &[("addon1", r#"" 77 ""#), ("rate2", r#""5""#)],
        |w| {
            w[0].addon = Some(77);
            w[1].rate = Some(5);
        },
    ),
    (
        "money in exponent form and with more digits",
        &[
            ("apr1", r#""7.99e0""#),
            ("fee2", "900.000000000000000001"),
            ("emp1", r#""4.5000e2""#),
        ],
        |w| {
            w[0].apr = "7.99";
            w[1].fee = "900.000000000000000001";
            w[0].emp = "450.00";
        },
    ),
    (
        "ids and terms with a zero fraction",
        &[
            ("id1", "1234.0"),
            ("terms2", r#""3.0""#),
            ("full1", "1.2e1"),
        ],
        |_| {},
    ),
];

/// The filled template with whole members removed (absence, not `null`),
/// by text: a JSON value would hold the numbers as `f64` and lose their scale.
/// The documented values hold no `,` or `}`.
fn without(body: &str, members: &[&str]) -> String {
    let mut body = body.to_owned();
    for m in members {
        let key = format!("\"{m}\":");
        while let Some(start) = body.find(&key) {
            let rest = &body[start..];
            let end = rest.find([',', '}']).unwrap();
            let cut = if rest.as_bytes()[end] == b',' {
                end + 1
            } else {
                end
            };
            body.replace_range(start..start + cut, "");
        }
    }
    body
}

#[tokio::test]
async fn every_variant_with_every_value() {
    for (row, overrides, expect) in VARIANTS {
        let mut want = DOC;
        expect(&mut want);
        let list = for_application(fill(overrides, as_is)).await;
        assert_eq!(list.len(), 2, "{row}");
        check(row, &list[0], &want[0]);
        check(row, &list[1], &want[1]);
    }
}

#[tokio::test]
async fn every_optional_member_absent() {
    let body = without(
        &fill(&[], as_is),
        &["Name", "PromoCode", "AddOnId", "ClosedEndPaymentRateId"],
    );
    let list = for_application(body).await;
    let mut want = DOC;
    for w in &mut want {
        (w.name, w.code, w.addon, w.rate) = (None, None, None, None);
    }
    check("absent", &list[0], &want[0]);
    check("absent", &list[1], &want[1]);
}

/// Strict fields that cannot be read: (row, raw override, the error's path).
const STRICT: &[(&str, &str, &str, &str)] = &[
    (
        "a term with a fraction is not rounded",
        "terms2",
        r#""12.5""#,
        "[1].Terms",
    ),
    ("an id as words", "id1", r#""promo-1""#, "[0].Id"),
    ("an id as an object", "id2", r#"{"id": 9876}"#, "[1].Id"),
    ("an APR as words", "apr2", r#""n/a""#, "[1].Apr"),
    ("a null dealer fee", "fee1", "null", "[0].DealerFee"),
    (
        "a payment factor as an object",
        "pf1",
        r#"{"value": 0.03}"#,
        "[0].PaymentFactor",
    ),
    (
        "an add-on id as words",
        "addon2",
        r#""none""#,
        "[1].AddOnId",
    ),
    (
        "a full term out of range",
        "full2",
        "99999999999",
        "[1].FullTerms",
    ),
    (
        "a payment as a boolean",
        "emp2",
        "true",
        "[1].EstimatedMonthlyPayment",
    ),
];

async fn for_application_err(body: String) -> promotions_client::Error {
    let server = MockServer::start().await;
    mount_catch_all(&server).await;
    Mock::given(method("GET"))
        .and(path("/v3/api/applications/promotions/100001"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(body, "application/json"))
        .mount(&server)
        .await;
    Client::builder()
        .base_url(server.uri())
        .api_key(SecretString::from("test-api-key-reading"))
        .body_encoding(BodyEncoding::Json)
        .retry(RetryPolicy::none())
        .build()
        .unwrap()
        .promotions()
        .for_application(100_001)
        .await
        .unwrap_err()
}

#[tokio::test]
async fn strict_fields_fail_naming_their_path() {
    for (row, key, raw, want) in STRICT {
        let err = for_application_err(fill(&[(key, raw)], as_is)).await;
        let d = err.decode().unwrap_or_else(|| panic!("{row}: {err:?}"));
        assert_eq!(d.path, *want, "{row}");
    }
    // a missing strict member names the promotion it is missing from
    let err = for_application_err(without(&fill(&[], as_is), &["Apr"])).await;
    let d = err.decode().unwrap_or_else(|| panic!("{err:?}"));
    assert_eq!(d.path, "[0]");
    assert!(d.message.contains("Apr"), "{}", d.message);
}
