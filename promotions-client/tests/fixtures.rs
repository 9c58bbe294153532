#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Every JSON example of the vendor documentation, as a fixture.

use promotions_client::{LoanType, Promotion, SetPromotion};
use rust_decimal::Decimal;
use serde_json::Value;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

#[test]
fn response_fixtures_decode() {
    for name in [
        "promotions_for_application_response.json",
        "search_promotions_response.json",
    ] {
        let list: Vec<Promotion> = serde_json::from_str(&fixture(name)).unwrap();
        assert_eq!(list.len(), 2, "{name}");
        assert_eq!(list[0].id, 1234);
        assert_eq!(list[1].add_on_id, Some(4321));
        assert!(list.iter().all(|p| p.loan_type() == LoanType::Revolving));
        // re-encoding keeps every number's digits
        let again = serde_json::to_value(&list).unwrap();
        let original: Value = serde_json::from_str(&fixture(name)).unwrap();
        assert_eq!(again, original, "{name}");
    }
}

#[test]
fn request_fixture_is_encoded_equal() {
    let body = SetPromotion::builder()
        .promotion_id(1234)
        .closed_end_payment_rate_id(0)
        .apr(Decimal::new(7_990, 3))
        .payment_factor(Decimal::new(3, 2))
        .terms(12)
        .build();
    let expected: Value = serde_json::from_str(&fixture("set_promotion_request.json")).unwrap();
    assert_eq!(serde_json::to_value(&body).unwrap(), expected);
    // and the documented request decodes back into the same value
    let decoded: SetPromotion =
        serde_json::from_str(&fixture("set_promotion_request.json")).unwrap();
    assert_eq!(decoded, body);
}

#[test]
fn apr_as_string_or_number_is_exact_and_unknown_fields_are_ignored() {
    let text = r#"[{"Id":5001,"Name":"CE","PromoCode":"CE60","AddOnId":null,
        "ClosedEndPaymentRateId":301,"Apr":"7.9900","PaymentFactor":"0.020271","Terms":60,
        "FullTerms":60,"EstimatedMonthlyPayment":253.3875,"DealerFee":"375.00",
        "SecondaryPromotionId":null,"NewVendorField":{"x":[1,2]}}]"#;
    let list: Vec<Promotion> = serde_json::from_str(text).unwrap();
    let p = &list[0];
    assert_eq!(p.apr.to_string(), "7.9900");
    assert_eq!(p.payment_factor.to_string(), "0.020271");
    assert_eq!(p.dealer_fee.to_string(), "375.00");
    assert_eq!(p.loan_type(), LoanType::ClosedEnd);
    let big: Vec<Promotion> = serde_json::from_str(
        &text.replace(r#""Apr":"7.9900""#, r#""Apr":12345678901234.123456789012"#),
    )
    .unwrap();
    assert_eq!(big[0].apr.to_string(), "12345678901234.123456789012");
    // missing optional ids are None
    let minimal: Promotion = serde_json::from_str(
        r#"{"Id":1,"Name":"n","PromoCode":"p","Apr":0,"PaymentFactor":0.03,"Terms":12,"FullTerms":12,"EstimatedMonthlyPayment":30,"DealerFee":0}"#,
    )
    .unwrap();
    assert_eq!(
        (minimal.add_on_id, minimal.closed_end_payment_rate_id),
        (None, None)
    );
    assert_eq!(minimal.loan_type(), LoanType::Revolving);
}
