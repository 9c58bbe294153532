//! Secrets and personal values never reach Debug, Display, errors or logs.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use common::*;
use line5_client::*;

/// This run's canaries: random, so unique by construction. Text canaries
/// are long; numeric ones (whose length the vendor fixes) start with `0`,
/// which no number the SDK prints does, and are checked as whole digit
/// runs (`has_number`): a log timestamp or port cannot match them.
struct Canaries {
    key: String,
    jwt: String,
    ssn: String,
    card: String,
    cvv: String,
    routing: String,
    account: String,
    password: String,
}

fn k() -> &'static Canaries {
    use forecourt_core::testing::{canary, canary_digits};
    static K: std::sync::OnceLock<Canaries> = std::sync::OnceLock::new();
    K.get_or_init(|| Canaries {
        key: canary("canary-api-key-"),
        jwt: canary("canary.jwt."),
        ssn: canary_digits(9),
        card: canary_digits(16),
        cvv: canary_digits(4),
        routing: canary_digits(9),
        account: canary_digits(11),
        password: canary("canary-password-"),
    })
}

fn card() -> PaymentCard {
    PaymentCard::builder()
        .name("Jane Roe")
        .number(k().card.as_str())
        .cvv(k().cvv.as_str())
        .expiration_month(4)
        .expiration_year(2031)
        .zip_code("33334")
        .build()
}

fn bank() -> BankTransfer {
    BankTransfer::builder()
        .routing_number(k().routing.as_str())
        .routing_number_confirmation(k().routing.as_str())
        .account_number(k().account.as_str())
        .account_number_confirmation(k().account.as_str())
        .bank_name("Bank")
        .build()
}

fn assert_clean(text: &str) {
    use forecourt_core::testing::has_number;
    let k = k();
    for canary in [&k.key, &k.jwt, &k.password] {
        assert!(
            !text.contains(canary.as_str()),
            "{canary} leaked in: {text}"
        );
    }
    for number in [&k.ssn, &k.card, &k.cvv, &k.routing, &k.account] {
        assert!(!has_number(text, number), "{number} leaked in: {text}");
    }
    assert!(
        !text.contains("1961-07-15"),
        "date of birth leaked in: {text}"
    );
}

#[tokio::test]
async fn nothing_secret_in_debug_display_errors_or_logs() {
    let (logs, _guard) = forecourt_core::testing::capture_logs();
    let server = wiremock::MockServer::start().await;
    let builder = Client::builder()
        .base_url(format!("{}/api/v1", server.uri()))
        .api_key(SecretString::from(k().key.clone()))
        .graphql_token(SecretString::from(k().jwt.clone()));
    let mut shown = format!("{builder:?}");
    let client = builder.build().unwrap();
    shown += &format!("{client:?}");

    let customer = NewCustomer::builder()
        .first_name("Jane")
        .last_name("Roe")
        .ssn(k().ssn.as_str())
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
            serde_json::json!({"errors":[{"source":{"pointer":"/data"},"detail":format!("card {} account {} ssn {} rejected", k().card, k().account, k().ssn)}],
                "payment_card_number": k().card, "ssn": k().ssn, "key": k().key}),
        ))
        .mount(&server)
        .await;
    let err = client.quotes().finalize(&fin).await.unwrap_err();
    shown += &format!("{err} {err:?}");
    let err = client
        .auto_login()
        .sign_in_user(
            "jane@example.com",
            &SecretString::from(k().password.clone()),
        )
        .await
        .unwrap_err();
    shown += &format!("{err} {err:?}");

    let mut bad = bank();
    bad.account_number_confirmation = Redacted::new(format!("{}9", k().account));
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
