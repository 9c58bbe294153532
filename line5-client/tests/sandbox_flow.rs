//! The whole dealer flow against the sandbox, and the sandbox's own checks.
#![allow(clippy::unwrap_used, clippy::expect_used)]
#![cfg(feature = "sandbox")]

use futures::TryStreamExt;
use line5_client::sandbox::{PACKAGE_PDF, Sandbox};
use line5_client::*;

fn customer(ssn: &str) -> NewCustomer {
    NewCustomer::builder()
        .first_name("Pickle")
        .last_name("Rick")
        .ssn(ssn)
        .date_of_birth(jiff::civil::date(1980, 10, 23))
        .address_1("12 Anvil Dr.")
        .city("Albuquerque")
        .state("NM")
        .postal_code("33880")
        .email("rick@example.com")
        .cell_number("(888) 555-1212")
        .phone_number("(888) 555-1212")
        .build()
}

fn quote(employee: &Id, ssn: &str) -> NewQuote {
    NewQuote::builder()
        .integration_loan_id(1423u64)
        .customer(customer(ssn))
        .vehicle(
            VehicleInput::builder()
                .vin("2C3KA53G67H670383")
                .mileage(43)
                .build(),
        )
        .employee_id(employee.clone())
        .build()
}

fn ach() -> BankTransfer {
    BankTransfer::builder()
        .routing_number("063107513")
        .routing_number_confirmation("063107513")
        .account_number("9999999999")
        .account_number_confirmation("9999999999")
        .bank_name("Wells Fargo")
        .build()
}

#[tokio::test]
async fn dealer_flow_from_users_to_package_download() {
    let sandbox = Sandbox::start().await;
    let line5 = sandbox.client().unwrap();

    let users = line5.users().list().await.unwrap();
    let protections = line5.protections().list().await.unwrap();
    assert_eq!(users.len(), 2);
    let protection = &protections[1];
    assert_eq!(protection.required_fields().count(), 4);

    let q = line5
        .quotes()
        .create(&quote(&users[0].id, "123-45-6785"))
        .await
        .unwrap();
    assert_eq!(q.status, Some(QuoteStatus::New));
    assert_eq!(
        q.customer().unwrap().credit_score_tier,
        Some(CreditScoreTier::D)
    );
    assert!(q.quote_protections().is_empty());
    assert_eq!(sandbox.quote_count(), 1);

    let rates = line5.rates().get(&q.id, &protection.id).await.unwrap();
    let coverage = &rates.coverages[0];
    let deductible = &coverage.deductibles[0];
    let input = QuoteProtectionInput::builder()
        .quote_id(q.id.clone())
        .protection_label_id(protection.id.clone())
        .coverage_id(coverage.id.clone())
        .deductible_id(deductible.id.clone())
        .price(deductible.retail_price.unwrap())
        .months(coverage.term_months.unwrap())
        .mileage(100_000)
        .build();
    let q = line5.quote_protections().create(&input).await.unwrap();
    let qp = q.quote_protections()[0].clone();
    assert_eq!(qp.price, deductible.retail_price);
    assert_eq!(q.protections_total, deductible.retail_price);
    let field = qp.missing_template_fields().next().unwrap().clone();

    // finalizing before the template field is filled is refused by Line5
    let fin = Finalize::builder()
        .quote_id(q.id.clone())
        .first_payment_date(jiff::civil::date(2030, 1, 15))
        .payment_method(AutoPay::BankTransfer(ach()))
        .build();
    let err = line5.quotes().finalize(&fin).await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(422));
    assert!(
        err.api().unwrap().details[0]
            .message
            .contains("deal_monthlypayment")
    );

    let mut filled = input.clone();
    filled.template = Some(TemplateValues::new().set(&field, "320.99").unwrap());
    let q = line5
        .quote_protections()
        .update(&qp.id, &filled)
        .await
        .unwrap();
    let listed = line5.quote_protections().list(&q.id).await.unwrap();
    assert_eq!(
        listed[0]
            .template_field(&field.name)
            .unwrap()
            .value
            .as_deref(),
        Some("320.99")
    );

    let q = line5
        .quotes()
        .adjust(
            &QuoteAdjustment::builder()
                .quote_id(q.id.clone())
                .term(24)
                .down_payment("25".parse().unwrap())
                .build(),
        )
        .await
        .unwrap();
    assert_eq!(q.term, Some(24));

    let loan = line5.quotes().finalize(&fin).await.unwrap();
    assert_eq!(loan.status, Some(LoanStatus::AwaitingPaperwork));
    assert_eq!(
        loan.first_payment_date,
        Some(jiff::civil::date(2030, 1, 15))
    );
    assert_eq!(loan.term, Some(24));
    assert_eq!(loan.quote_protections().len(), 1);

    assert!(sandbox.set_loan_status(&loan.id, LoanStatus::Funded));
    assert!(sandbox.add_loan_note(&loan.id, "Please send the signed contract"));
    let loan = line5.loans().get(&loan.id).await.unwrap();
    assert_eq!(loan.status, Some(LoanStatus::Funded));
    assert_eq!(loan.unread_loan_note_ids().len(), 1);
    assert_eq!(
        line5.loans().find_from_quote(&q.id).await.unwrap().id,
        loan.id
    );
    assert_eq!(line5.loans().id_for_quote(&q.id).await.unwrap(), loan.id);
    let notes = line5.loans().notes(&loan.id).await.unwrap();
    assert_eq!(
        notes[0].body.as_deref(),
        Some("Please send the signed contract")
    );

    let packages = line5.loans().packages(&loan.id).await.unwrap();
    assert_eq!(packages[0].id, loan.cover_sheet().unwrap().id);
    let pdf: Vec<bytes::Bytes> = line5
        .loans()
        .download_package(&packages[0])
        .await
        .unwrap()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(pdf.concat(), PACKAGE_PDF);

    // a finalized quote can not be changed any more
    let err = line5.quote_protections().delete(&qp.id).await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(422));
}

#[tokio::test]
async fn sandbox_keeps_protections_adjustments_and_vehicle() {
    let sandbox = Sandbox::start().await;
    let line5 = sandbox.client().unwrap();
    let q = line5
        .quotes()
        .create(&quote(&Id::from("3988"), "123456781"))
        .await
        .unwrap();
    let rates = line5.rates().get(&q.id, &Id::from("3989")).await.unwrap();
    let c = &rates.coverages[1];
    let input = QuoteProtectionInput::builder()
        .quote_id(q.id.clone())
        .protection_label_id("3989")
        .coverage_id(c.id.clone())
        .deductible_id(c.deductibles[0].id.clone())
        .surcharge_ids(vec![c.surcharges[0].id.clone()])
        .price("199.99".parse().unwrap())
        .months(36)
        .mileage(0)
        .build();
    let q = line5.quote_protections().create(&input).await.unwrap();
    let qp_id = q.quote_protection_ids()[0].clone();
    let q = line5
        .quote_protections()
        .revise_price(&qp_id, "250.50".parse().unwrap())
        .await
        .unwrap();
    assert_eq!(q.protections_total, Some("250.5".parse().unwrap()));
    assert_eq!(q.quote_protections()[0].surcharge_ids.len(), 1);
    let q = line5.quote_protections().delete(&qp_id).await.unwrap();
    assert!(q.quote_protection_ids().is_empty());
    let vehicle = VehicleInput::builder()
        .vin("3VW5T7AU8FM017042")
        .mileage(43333)
        .build();
    let q = line5.vehicles().update(&q.id, &vehicle).await.unwrap();
    assert_eq!(
        q.vehicle().unwrap().vin.as_deref(),
        Some("3VW5T7AU8FM017042")
    );
}

#[tokio::test]
async fn sandbox_answers_in_line5_error_format() {
    let sandbox = Sandbox::start().await;
    let wrong = Client::builder()
        .base_url(sandbox.url())
        .api_key(SecretString::from("wrong-key"))
        .build()
        .unwrap();
    let err = wrong.users().list().await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(401));
    assert_eq!(
        err.api().unwrap().details[0].message,
        "Your API key is wrong"
    );

    let line5 = sandbox.client().unwrap();
    let err = line5
        .quotes()
        .create(&quote(&Id::from("1"), "123456789"))
        .await
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(422));
    assert_eq!(
        err.api().unwrap().details[0].pointer.as_deref(),
        Some("/data/relationships/employee")
    );

    let err = line5
        .quotes()
        .create(&quote(&Id::from("3989"), Sandbox::CREDIT_FAILURE_SSN))
        .await
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(422));
    assert!(err.to_string().contains("Credit inquiry failed"), "{err}");
    let mut skip = quote(&Id::from("3989"), Sandbox::CREDIT_FAILURE_SSN);
    skip.skip_credit_validation = Some(true);
    let q = line5.quotes().create(&skip).await.unwrap();
    assert_eq!(
        q.customer().unwrap().credit_score_tier,
        Some(CreditScoreTier::H)
    );

    let err = line5.loans().get(&Id::from("999")).await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(404));
    let err = line5.rates().get(&q.id, &Id::from("1")).await.unwrap_err();
    assert_eq!(
        err.api().unwrap().details[0].pointer.as_deref(),
        Some("/data/relationships/protection-label")
    );
}

#[tokio::test]
async fn sandbox_graphql_auto_login() {
    let sandbox = Sandbox::start().await;
    let line5 = sandbox.client().unwrap();
    let signed = line5
        .auto_login()
        .sign_in_user(
            Sandbox::USER_EMAIL,
            &SecretString::from(Sandbox::USER_PASSWORD),
        )
        .await
        .unwrap();
    assert_eq!(signed.token.expose_secret(), Sandbox::USER_TOKEN);
    let auto = line5
        .auto_login()
        .sign_in_user_auto(
            Sandbox::USER_EMAIL,
            Sandbox::USER_ID,
            &SecretString::from(Sandbox::AUTO_LOGIN_SERVICE),
        )
        .await
        .unwrap();
    assert_eq!(
        auto.user.unwrap().email.as_deref(),
        Some(Sandbox::USER_EMAIL)
    );
    let err = line5
        .auto_login()
        .sign_in_user(Sandbox::USER_EMAIL, &SecretString::from("wrong"))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Auth { .. }));
    let url = line5
        .auto_login()
        .url(&Id::from("42"), &signed.token)
        .unwrap();
    assert!(url.expose().as_str().starts_with(&format!(
        "{}/autologin?quote_id=42&vision_menu=true&auth_token=",
        sandbox.origin()
    )));
}
