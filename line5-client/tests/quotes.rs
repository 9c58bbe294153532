//! Quotes: create, adjust terms, finalize with every payment shape.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use common::*;
use line5_client::*;

fn new_quote() -> NewQuote {
    let customer = NewCustomer::builder()
        .first_name("John")
        .last_name("Doe")
        .ssn("123456789")
        .date_of_birth(jiff::civil::date(1990, 1, 1))
        .address_1("22 Arcacia Ave")
        .address_2("APT 123")
        .city("MIAMI")
        .state("FL")
        .postal_code("33131")
        .email("test@test.me")
        .cell_number("8885551212")
        .work_number("8885551212")
        .phone_number("8885551212")
        .build();
    let vehicle = VehicleInput::builder()
        .vin("2C3KA53G67H670383")
        .mileage(43)
        .build();
    let first = QuoteProtectionItem::builder()
        .protection_id(23u64)
        .exclude_tax(true)
        .filled_fields(vec![
            FilledField::new("mileage", 12000),
            FilledField::new("months", 12),
            FilledField::new("cost", d("233.34")),
            FilledField::new("price", d("433.34")),
        ])
        .coverage(
            CoverageSelection::builder()
                .coverage_name("Coverage Name")
                .product_type("ProductType")
                .term_miles(60000)
                .term_months(60)
                .build(),
        )
        .deductible(DeductibleSelection::new(d("250")))
        .surcharges(vec![
            SurchargeSelection::new("CODE1"),
            SurchargeSelection::new("CODE2"),
        ])
        .build();
    let second = QuoteProtectionItem::builder()
        .protection_id(64u64)
        .exclude_tax(false)
        .filled_fields(vec![
            FilledField::new("cost", d("233.34")),
            FilledField::new("price", d("433.34")),
        ])
        .build();
    NewQuote::builder()
        .integration_loan_id(54u64)
        .skip_credit_validation(false)
        .text_to_sell(true)
        .customer(customer)
        .vehicle(vehicle)
        .employee_id(3u64)
        .quote_protections(vec![first, second])
        .build()
}

fn card(name: &str, month: u8) -> PaymentCard {
    PaymentCard::builder()
        .name(name)
        .number("5454545454545454")
        .cvv("123")
        .expiration_month(month)
        .expiration_year(2020)
        .zip_code("33334")
        .build()
}

fn bank() -> BankTransfer {
    BankTransfer::builder()
        .routing_number("063107513")
        .routing_number_confirmation("063107513")
        .account_number("9999999999")
        .account_number_confirmation("9999999999")
        .bank_name("Wells Fargo")
        .build()
}

fn finalize(auto: AutoPay, down: Option<PaymentMethod>) -> Finalize {
    Finalize::builder()
        .quote_id("10124")
        .first_payment_date(jiff::civil::date(2017, 10, 3))
        .payment_method(auto)
        .maybe_downpayment_payment_method(down)
        .build()
}

/// The documented request, with its `2017-10-3` sent as ISO `2017-10-03`.
fn finalize_fixture(name: &str) -> serde_json::Value {
    let mut v = fixture(name);
    assert_eq!(v["data"]["attributes"]["first_payment_date"], "2017-10-3");
    v["data"]["attributes"]["first_payment_date"] = "2017-10-03".into();
    v
}

fn all_finalize_cases() -> Vec<(&'static str, Finalize)> {
    vec![
        (
            "finalize_card_request",
            finalize(AutoPay::Card(card("jon Doe", 12)), None),
        ),
        (
            "finalize_bank_transfer_request",
            finalize(AutoPay::BankTransfer(bank()), None),
        ),
        (
            "finalize_separate_downpayment_request",
            finalize(
                AutoPay::BankTransfer(bank()),
                Some(PaymentMethod::Card(card("jon doe", 10))),
            ),
        ),
        (
            "finalize_same_as_downpayment_request",
            finalize(
                AutoPay::SameAsDownpayment,
                Some(PaymentMethod::Card(card("jon doe", 10))),
            ),
        ),
        (
            "finalize_provide_later_request",
            finalize(
                AutoPay::ProvideLater,
                Some(PaymentMethod::Card(card("jon doe", 10))),
            ),
        ),
    ]
}

#[tokio::test]
async fn create_quote_sends_the_documented_document_and_resolves_included() {
    let (server, client) = setup().await;
    api_with_body("POST", "/quotes", fixture("quote_create_request"))
        .respond_with(answer(201, "quote_create_response"))
        .expect(1)
        .mount(&server)
        .await;
    let quote = client.quotes().create(&new_quote()).await.unwrap();
    assert_eq!(quote.id.as_str(), "13831");
    assert_eq!(quote.status, Some(QuoteStatus::New));
    assert_eq!(quote.integration_loan_id, None);
    assert_eq!(quote.term, Some(10));
    assert_eq!(quote.monthly_payment, Some(d("47.18")));
    assert_eq!(quote.financed_total, Some(d("435.09")));
    assert_eq!(quote.interest_percent, Some(d("17.99")));
    assert_eq!(quote.taxed_total, Some(d("0")));
    assert_eq!(
        quote.link_to_text_to_sell.as_deref(),
        Some("https://example-text-to-sell.com/?id=123&token=abc")
    );
    let customer = quote.customer().unwrap();
    assert_eq!(customer.id.as_str(), "16792");
    assert_eq!(customer.first_name.as_deref(), Some("John"));
    assert_eq!(customer.address_2.as_deref(), Some("APT 123"));
    assert_eq!(
        customer.date_of_birth.unwrap().expose(),
        &jiff::civil::date(1990, 1, 1)
    );
    assert_eq!(customer.credit_score_tier, Some(CreditScoreTier::H));
    assert_eq!(CreditScoreTier::H.score_range(), Some(0..=499));
    assert_eq!(CreditScoreTier::A.score_range(), Some(800..=900));
    let vehicle = quote.vehicle().unwrap();
    assert_eq!(vehicle.id.as_str(), "10432");
    assert_eq!(vehicle.year, Some(2013));
    assert_eq!(vehicle.purchase_price, Some(d("22211.22")));
    assert_eq!(vehicle.in_service_date, Some(jiff::civil::date(2013, 1, 1)));
    assert_eq!(vehicle.status, Some(VehicleStatus::UsedVehicle));
    assert_eq!(quote.quote_protection_ids(), &[Id::from("28608")]);
    let qp = &quote.quote_protections()[0];
    assert_eq!(qp.id.as_str(), "28608");
    assert_eq!(qp.name.as_deref(), Some("Allstate® Classic VSC"));
    assert_eq!(qp.price, Some(d("433.34")));
}

#[tokio::test]
async fn create_quote_validates_customer_and_vehicle_before_sending() {
    let (_server, client) = setup().await;
    let mut q = new_quote();
    q.customer.ssn = Redacted::new("12345".into());
    let err = client.quotes().create(&q).await.unwrap_err();
    assert!(
        matches!(&err, Error::InvalidInput { field, .. } if field == "customer.ssn"),
        "{err}"
    );
    let mut q = new_quote();
    q.vehicle.vin = "vehicle-identification-number".into();
    let err = client.quotes().create(&q).await.unwrap_err();
    assert!(
        matches!(&err, Error::InvalidInput { field, .. } if field == "vehicle.vin"),
        "{err}"
    );
    let mut q = new_quote();
    q.customer.state = "Florida".into();
    let err = client.quotes().create(&q).await.unwrap_err();
    assert!(
        matches!(&err, Error::InvalidInput { field, .. } if field == "customer.state"),
        "{err}"
    );
}

#[tokio::test]
async fn credit_inquiry_failure_is_a_422_with_pointer() {
    let (server, client) = setup().await;
    api("POST", "/quotes")
        .respond_with(answer_json(
            422,
            serde_json::json!({"errors":[{"source":{"pointer":"/data/relationships/customer"},"detail":"Credit inquiry failed: no record found"}]}),
        ))
        .expect(1)
        .mount(&server)
        .await;
    let err = client.quotes().create(&new_quote()).await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(422));
    let api = err.api().unwrap();
    assert_eq!(
        api.details[0].pointer.as_deref(),
        Some("/data/relationships/customer")
    );
    assert!(api.details[0].message.contains("Credit inquiry failed"));
    assert!(err.to_string().contains("Credit inquiry failed"), "{err}");
}

#[tokio::test]
async fn adjust_quote_sends_the_documented_terms() {
    let (server, client) = setup().await;
    api_with_body("PATCH", "/quotes", fixture("quote_adjust_request"))
        .respond_with(answer(200, "quote_create_response"))
        .expect(1)
        .mount(&server)
        .await;
    let adj = QuoteAdjustment::builder()
        .quote_id(12u64)
        .term(24)
        .down_payment(d("400"))
        .interest_percent(d("13"))
        .text_to_sell(true)
        .build();
    let quote = client.quotes().adjust(&adj).await.unwrap();
    assert_eq!(quote.id.as_str(), "13831");
    let empty = QuoteAdjustment::builder().quote_id(12u64).build();
    let err = client.quotes().adjust(&empty).await.unwrap_err();
    assert!(matches!(err, Error::InvalidInput { .. }));
}

#[tokio::test]
async fn finalize_sends_every_documented_payment_shape_and_returns_the_loan() {
    for (name, fin) in all_finalize_cases() {
        let (server, client) = setup().await;
        api_with_body("PATCH", "/quotes/finalize", finalize_fixture(name))
            .respond_with(answer(201, "finalize_response"))
            .expect(1)
            .named(name)
            .mount(&server)
            .await;
        let loan = client
            .quotes()
            .finalize(&fin)
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(loan.id.as_str(), "110372");
        assert_eq!(loan.status, Some(LoanStatus::AwaitingPaperwork));
        assert_eq!(loan.signing_state, Some(SigningState::Unsigned));
        assert_eq!(loan.balance, Some(d("435.09")));
        assert_eq!(
            loan.first_payment_date,
            Some(jiff::civil::date(2017, 5, 24))
        );
        let sheet = loan.cover_sheet().unwrap();
        assert_eq!(sheet.id.as_str(), "9215");
        assert_eq!(sheet.file_size, Some(918298));
        assert_eq!(
            loan.customer().unwrap().first_name.as_deref(),
            Some("Susann")
        );
        assert_eq!(loan.customer().unwrap().address_2, None);
    }
}

#[tokio::test]
async fn finalize_validates_payment_data_before_sending() {
    let (_server, client) = setup().await;
    let field_of = |e: Error| match e {
        Error::InvalidInput { field, .. } => field.into_owned(),
        other => panic!("{other:?}"),
    };
    let mut b = bank();
    b.routing_number_confirmation = Redacted::new("063107514".into());
    let e = client
        .quotes()
        .finalize(&finalize(AutoPay::BankTransfer(b), None))
        .await
        .unwrap_err();
    assert!(!format!("{e} {e:?}").contains("063107514"));
    assert_eq!(field_of(e), "bank_transfer_routing_number_confirmation");
    let mut b = bank();
    b.account_number_confirmation = Redacted::new("9999999998".into());
    let e = client
        .quotes()
        .finalize(&finalize(AutoPay::BankTransfer(b), None))
        .await
        .unwrap_err();
    assert_eq!(field_of(e), "bank_transfer_account_number_confirmation");
    let mut b = bank();
    b.account_type = BankAccountType::Savings;
    let e = client
        .quotes()
        .finalize(&finalize(AutoPay::BankTransfer(b), None))
        .await
        .unwrap_err();
    assert_eq!(field_of(e), "bank_transfer_account_type");
    let e = client
        .quotes()
        .finalize(&finalize(AutoPay::Card(card("a", 13)), None))
        .await
        .unwrap_err();
    assert_eq!(field_of(e), "payment_method.payment_card_expiration");
    let e = client
        .quotes()
        .finalize(&finalize(
            AutoPay::BankTransfer(bank()),
            Some(PaymentMethod::Card(card("a", 0))),
        ))
        .await
        .unwrap_err();
    assert_eq!(
        field_of(e),
        "downpayment_payment_method.payment_card_expiration"
    );
    let e = client
        .quotes()
        .finalize(&finalize(AutoPay::SameAsDownpayment, None))
        .await
        .unwrap_err();
    assert_eq!(field_of(e), "payment_method");
    let mut c = card("a", 12);
    c.number = Redacted::new("5454-5454".into());
    let e = client
        .quotes()
        .finalize(&finalize(AutoPay::Card(c), None))
        .await
        .unwrap_err();
    assert_eq!(field_of(e), "payment_method.payment_card_number");
}
