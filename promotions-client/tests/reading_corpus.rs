//! Promotions as the vendor might really write them, through
//! `for_application`: ids and whole numbers as text, money as text and as
//! numbers, nulls where optional, extra properties. Every value is asserted.
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
  {"Id": {id1}, "Name": "Promo Name", "PromoCode": "promocode", "AddOnId": {addon1},
   "ClosedEndPaymentRateId": {rate1}, "Apr": {apr1}, "PaymentFactor": {pf1},
   "Terms": {terms1}, "FullTerms": {full1}, "EstimatedMonthlyPayment": {emp1},
   "DealerFee": {fee1}, "NewVendorField": {"x": [1, null]}},
  {"Id": {id2}, "Name": "Promo Name with 3 Month Deffered Payments", "PromoCode": "promocode",
   "AddOnId": {addon2}, "ClosedEndPaymentRateId": {rate2}, "Apr": {apr2},
   "PaymentFactor": {pf2}, "Terms": {terms2}, "FullTerms": {full2},
   "EstimatedMonthlyPayment": {emp2}, "DealerFee": {fee2}}
]"#;

/// The documented values, as raw JSON number text.
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
        let mut body = TEMPLATE.to_owned();
        for (k, v) in VALUES {
            body = body.replace(&format!("{{{k}}}"), &write(v));
        }
        let list = for_application(body).await;
        assert_eq!(list.len(), 2, "{form}");
        let (a, b) = (&list[0], &list[1]);
        assert_eq!(
            (a.id, a.name.as_str(), a.promo_code.as_str()),
            (1234, "Promo Name", "promocode"),
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
            (b.id, b.name.as_str()),
            (9876, "Promo Name with 3 Month Deffered Payments"),
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

#[tokio::test]
async fn a_term_with_a_fraction_is_not_rounded() {
    // Terms price the offer: strict, so 12.5 fails (at its path) rather than read as 12
    let mut body = TEMPLATE.to_owned();
    for (k, v) in VALUES {
        body = body.replace(
            &format!("{{{k}}}"),
            if *k == "terms2" { "\"12.5\"" } else { v },
        );
    }
    let server = MockServer::start().await;
    mount_catch_all(&server).await;
    Mock::given(method("GET"))
        .and(path("/v3/api/applications/promotions/100001"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(body, "application/json"))
        .mount(&server)
        .await;
    let err = Client::builder()
        .base_url(server.uri())
        .api_key(SecretString::from("test-api-key-reading"))
        .body_encoding(BodyEncoding::Json)
        .retry(RetryPolicy::none())
        .build()
        .unwrap()
        .promotions()
        .for_application(100_001)
        .await
        .unwrap_err();
    let d = err.decode().unwrap_or_else(|| panic!("{err:?}"));
    assert_eq!(d.path, "[1].Terms");
}
