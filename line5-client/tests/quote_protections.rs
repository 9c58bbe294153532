//! Quote protections: list, create, update with template fields, revise price, delete.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use common::*;
use line5_client::{Error, Id, QuoteProtectionInput, TemplateField, TemplateValues};

fn input(
    coverage: &str,
    deductible: &str,
    surcharges: [&str; 2],
    price: &str,
) -> QuoteProtectionInput {
    QuoteProtectionInput::builder()
        .quote_id("48358")
        .protection_label_id("10259")
        .coverage_id(coverage)
        .deductible_id(deductible)
        .surcharge_ids(surcharges.iter().map(|s| Id::from(*s)).collect())
        .price(d(price))
        .exclude_tax(false)
        .months(24)
        .mileage(20000)
        .build()
}

fn monthly_payment_field() -> TemplateField {
    let list: serde_json::Value = fixture("quote_protections_list_response");
    serde_json::from_value(list["quote_protections"][0]["template_fields"][0].clone()).unwrap()
}

#[tokio::test]
async fn list_reads_with_get_quote_protections_and_a_body() {
    let (server, client) = setup().await;
    api_with_body(
        "GET",
        "/quote_protections",
        fixture("quote_protections_list_request"),
    )
    .respond_with(answer(200, "quote_protections_list_response"))
    .expect(1)
    .mount(&server)
    .await;
    let list = client
        .quote_protections()
        .list(&Id::from(26858u64))
        .await
        .unwrap();
    assert_eq!(list.len(), 1);
    let qp = &list[0];
    assert_eq!(qp.id.as_str(), "12345");
    assert_eq!(qp.price, Some(d("499.99")));
    assert_eq!(qp.financing_limit, Some(d("600.00")));
    assert_eq!(qp.exclude_tax, Some(false));
    assert_eq!(qp.protection_label_id, Some(Id::from("10332837371")));
    assert!(qp.surcharge_ids.is_empty());
    let f = qp.template_field("deal_monthlypayment").unwrap();
    assert_eq!(f.prompt.as_deref(), Some("Deals Monthly Payment"));
    assert_eq!(f.data_type.as_deref(), Some("double"));
    assert_eq!(f.validator_regex.as_deref(), Some(r"^\d+(\.(\d{2}))?$"));
    assert_eq!(f.value.as_deref(), Some("325.82"));
}

#[tokio::test]
async fn create_writes_with_post_quote_protections() {
    let (server, client) = setup().await;
    api_with_body(
        "POST",
        "/quote-protections",
        fixture("quote_protection_create_request"),
    )
    .respond_with(answer(200, "quote_protection_create_response"))
    .expect(1)
    .mount(&server)
    .await;
    let quote = client
        .quote_protections()
        .create(&input(
            "4000973",
            "12469408",
            ["4689408", "4689411"],
            "1234.56",
        ))
        .await
        .unwrap();
    assert_eq!(quote.id.as_str(), "123738");
    assert_eq!(quote.tax, Some(d("16.81")));
    assert_eq!(quote.subtotal, Some(d("257.0")));
    assert_eq!(quote.customer().unwrap().address_2, None);
    // the flat included object, with its template field still empty
    let qp = quote
        .quote_protections()
        .iter()
        .find(|q| q.id.as_str() == "12345")
        .unwrap();
    assert_eq!(qp.missing_template_fields().count(), 1);
}

#[tokio::test]
async fn update_puts_template_values_to_quote_protections_id() {
    let (server, client) = setup().await;
    api_with_body(
        "PUT",
        "/quote-protections/22223",
        fixture("quote_protection_update_request"),
    )
    .respond_with(answer(200, "quote_protection_update_response"))
    .expect(1)
    .mount(&server)
    .await;
    let mut upd = input("4000974", "12469452", ["4689479", "4689480"], "2345.67");
    upd.template = Some(
        TemplateValues::new()
            .set(&monthly_payment_field(), "320.99")
            .unwrap(),
    );
    let quote = client
        .quote_protections()
        .update(&Id::from(22223u64), &upd)
        .await
        .unwrap();
    let qp = quote
        .quote_protections()
        .iter()
        .find(|q| q.id.as_str() == "12345")
        .unwrap();
    assert_eq!(
        qp.template_field("deal_monthlypayment")
            .unwrap()
            .value
            .as_deref(),
        Some("320.99")
    );
}

#[test]
fn template_values_are_checked_against_the_validator() {
    let field = monthly_payment_field();
    assert!(TemplateValues::new().set(&field, "325").is_ok());
    assert!(TemplateValues::new().set(&field, "325.82").is_ok());
    for bad in ["325.8", "abc", "1,000.00", "12.00\n", "٣٢٥"] {
        let err = TemplateValues::new().set(&field, bad).unwrap_err();
        match &err {
            Error::InvalidInput { field, reason } => {
                assert_eq!(field, "template.deal_monthlypayment");
                assert!(reason.contains("######.##"), "{reason}");
            }
            other => panic!("{other:?}"),
        }
        assert!(!format!("{err} {err:?}").contains(bad));
    }
    let values = TemplateValues::new().set_unchecked("x", "secret-income-123");
    assert!(!format!("{values:?}").contains("secret-income"));
}

#[tokio::test]
async fn revise_price_puts_only_the_price() {
    let (server, client) = setup().await;
    api_with_body(
        "PUT",
        "/quote-protections/28603",
        fixture("quote_protection_revise_price_request"),
    )
    .respond_with(answer(200, "quote_create_response"))
    .expect(1)
    .mount(&server)
    .await;
    let quote = client
        .quote_protections()
        .revise_price(&Id::from("28603"), d("37880.6"))
        .await
        .unwrap();
    assert_eq!(quote.id.as_str(), "13831");
    let err = client
        .quote_protections()
        .revise_price(&Id::from("28603"), d("-1"))
        .await
        .unwrap_err();
    assert!(matches!(&err, Error::InvalidInput { field, .. } if field == "price"));
}

#[tokio::test]
async fn delete_removes_by_id_without_a_body() {
    let (server, client) = setup().await;
    api("DELETE", "/quote-protections/28608")
        .respond_with(answer(200, "quote_create_response"))
        .expect(1)
        .mount(&server)
        .await;
    let quote = client
        .quote_protections()
        .delete(&Id::from("28608"))
        .await
        .unwrap();
    assert_eq!(quote.id.as_str(), "13831");
    let received = server.received_requests().await.unwrap();
    assert!(received[0].body.is_empty());
}
