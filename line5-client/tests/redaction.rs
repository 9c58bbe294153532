//! Secrets and personal values never reach Debug, Display, errors or logs.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use common::*;
use line5_client::*;

const CANARY_KEY: &str = "canary-api-key-Zq81";
const CANARY_JWT: &str = "canary.jwt.Yt52";
const SSN: &str = "987654321";
const CARD: &str = "4111222233334444";
const CVV: &str = "9876";
const ROUTING: &str = "021000021";
const ACCOUNT: &str = "55667788990";
const PASSWORD: &str = "canary-password-Xw3";

fn card() -> PaymentCard {
    PaymentCard::builder()
        .name("Jane Roe")
        .number(CARD)
        .cvv(CVV)
        .expiration_month(4)
        .expiration_year(2031)
        .zip_code("33334")
        .build()
}

fn bank() -> BankTransfer {
    BankTransfer::builder()
        .routing_number(ROUTING)
        .routing_number_confirmation(ROUTING)
        .account_number(ACCOUNT)
        .account_number_confirmation(ACCOUNT)
        .bank_name("Bank")
        .build()
}

fn assert_clean(text: &str) {
    for canary in [
        CANARY_KEY,
        CANARY_JWT,
        SSN,
        CARD,
        CVV,
        ROUTING,
        ACCOUNT,
        PASSWORD,
        "1961-07-15",
    ] {
        assert!(!text.contains(canary), "{canary} leaked in: {text}");
    }
}

#[tokio::test]
async fn nothing_secret_in_debug_display_errors_or_logs() {
    let (logs, _guard) = forecourt_core::testing::capture_logs();
    let server = wiremock::MockServer::start().await;
    let builder = Client::builder()
        .base_url(format!("{}/api/v1", server.uri()))
        .api_key(SecretString::from(CANARY_KEY))
        .graphql_token(SecretString::from(CANARY_JWT));
    let mut shown = format!("{builder:?}");
    let client = builder.build().unwrap();
    shown += &format!("{client:?}");

    let customer = NewCustomer::builder()
        .first_name("Jane")
        .last_name("Roe")
        .ssn(SSN)
        .date_of_birth(jiff::civil::date(1961, 7, 15))
        .address_1("1 Main St")
        .city("Miami")
        .state("FL")
        .postal_code("33131")
        .email("jane@example.com")
        .cell_number("8885551212")
        .phone_number("8885551212")
        .build();
    shown += &format!("{customer:?}");
    let fin = Finalize::builder()
        .quote_id("1")
        .first_payment_date(jiff::civil::date(2030, 1, 1))
        .payment_method(AutoPay::BankTransfer(bank()))
        .downpayment_payment_method(PaymentMethod::Card(card()))
        .build();
    shown += &format!("{fin:?}");

    // the server echoes the personal values back in an error
    wiremock::Mock::given(wiremock::matchers::any())
        .respond_with(answer_json(
            422,
            serde_json::json!({"errors":[{"source":{"pointer":"/data"},"detail":format!("card {CARD} account {ACCOUNT} ssn {SSN} rejected")}],
                "payment_card_number": CARD, "ssn": SSN, "key": CANARY_KEY}),
        ))
        .mount(&server)
        .await;
    let err = client.quotes().finalize(&fin).await.unwrap_err();
    shown += &format!("{err} {err:?}");
    let err = client
        .auto_login()
        .sign_in_user("jane@example.com", &SecretString::from(PASSWORD))
        .await
        .unwrap_err();
    shown += &format!("{err} {err:?}");

    let mut bad = bank();
    bad.account_number_confirmation = Redacted::new("55667788991".into());
    let err = client
        .quotes()
        .finalize(
            &Finalize::builder()
                .quote_id("1")
                .first_payment_date(jiff::civil::date(2030, 1, 1))
                .payment_method(AutoPay::BankTransfer(bad))
                .build(),
        )
        .await
        .unwrap_err();
    shown += &format!("{err} {err:?}");

    let loan =
        Loan::from_document(&serde_json::from_str(&fixture_text("loan_get_response")).unwrap())
            .unwrap();
    let loan_text = format!("{loan:?}");
    assert!(!loan_text.contains("loginToken"), "esign-url is redacted");
    assert!(
        !loan_text.contains("1990-01-01"),
        "date of birth is redacted"
    );
    shown += &loan_text;

    assert_clean(&shown);
    assert_clean(&logs.text());
    assert!(
        logs.text().contains("quotes.finalize"),
        "logs were captured"
    );
}
