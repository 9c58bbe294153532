//! Property test: variants of the documented promotions generated field by
//! field (ids, whole numbers and exact amounts with random values, each
//! written as a number, text or padded text; the name as text, an object
//! with a name, a number or null) decode through `for_application` with
//! every generated value read back.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use forecourt_core::testing::mount_catch_all;
use forecourt_core::{RetryPolicy, SecretString};
use promotions_client::{BodyEncoding, Client};
use proptest::prelude::*;
use rust_decimal::Decimal;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn form(text: String, how: u8) -> String {
    match how {
        0 => text,
        1 => format!("\"{text}\""),
        _ => format!("\" {text} \""),
    }
}

fn amount() -> impl Strategy<Value = Decimal> {
    (0i64..100_000_000, 0u32..5).prop_map(|(m, s)| Decimal::new(m, s))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn generated_variants_decode_with_every_value(
        id in 1i64..i64::MAX,
        addon in proptest::option::of(1i64..1_000_000),
        terms in 1i32..=120,
        full in 1i32..=120,
        apr in amount(),
        fee in amount(),
        hows in prop::collection::vec(0u8..3, 6),
        name_form in 0u8..4,
    ) {
        let (name_json, name) = match name_form {
            0 => (r#""Promo Name""#, Some("Promo Name")),
            1 => (r#"{"name": "Promo Name", "code": "PN"}"#, Some("Promo Name")),
            2 => ("2024", Some("2024")),
            _ => ("null", None),
        };
        let addon_text = addon.map_or("null".to_owned(), |a| form(a.to_string(), hows[1]));
        let body = format!(
            r#"[{{"Id": {}, "Name": {name_json}, "PromoCode": "promocode", "AddOnId": {},
                "ClosedEndPaymentRateId": 0, "Apr": {}, "PaymentFactor": 0.03, "Terms": {},
                "FullTerms": {}, "EstimatedMonthlyPayment": 450.00, "DealerFee": {}, "Extra": [1]}}]"#,
            form(id.to_string(), hows[0]),
            addon_text,
            form(apr.to_string(), hows[2]),
            form(terms.to_string(), hows[3]),
            form(full.to_string(), hows[4]),
            form(fee.to_string(), hows[5]),
        );
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        let got = rt.block_on(async {
            let server = MockServer::start().await;
            mount_catch_all(&server).await;
            Mock::given(method("GET"))
                .and(path("/v3/api/applications/promotions/100001"))
                .respond_with(ResponseTemplate::new(200).set_body_raw(body.clone(), "application/json"))
                .mount(&server)
                .await;
            Client::builder()
                .base_url(server.uri())
                .api_key(SecretString::from("test-api-key-reading-prop"))
                .body_encoding(BodyEncoding::Json)
                .retry(RetryPolicy::none())
                .build()
                .unwrap()
                .promotions()
                .for_application(100_001)
                .await
        });
        let list = got.unwrap_or_else(|e| panic!("{body}: {e:?}"));
        let p = &list[0];
        prop_assert_eq!(p.id, id);
        prop_assert_eq!(p.add_on_id, addon);
        prop_assert_eq!((p.terms, p.full_terms), (terms, full));
        prop_assert_eq!((p.apr, p.apr.scale()), (apr, apr.scale()));
        prop_assert_eq!((p.dealer_fee, p.dealer_fee.scale()), (fee, fee.scale()));
        prop_assert_eq!(p.name.as_deref(), name);
        prop_assert_eq!(p.closed_end_payment_rate_id, Some(0));
    }
}
