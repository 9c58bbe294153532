//! Issue 14 on Line5: secrets echoed by GraphQL auto-login and by the
//! JSON:API second-stage decode (findings 6, 8, 9). Canaries are random
//! per run (unique by construction).
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use common::*;
use forecourt_core::testing::{canary, canary_digits, capture_logs, has_number};
use line5_client::*;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn shown(err: &Error) -> String {
    let mut text = format!("{err} {err:?}");
    let mut source: Option<&dyn std::error::Error> = std::error::Error::source(err);
    while let Some(s) = source {
        text.push_str(&format!(" | {s} {s:?}"));
        source = s.source();
    }
    text
}

fn assert_absent(secret: &str, text: &str) {
    assert!(!text.contains(secret), "{secret} leaked in: {text}");
    let debug = format!("{secret:?}");
    assert!(
        !text.contains(&debug[1..debug.len() - 1]),
        "{secret} leaked (escaped) in: {text}"
    );
}

struct Setup {
    server: MockServer,
    client: Client,
    key: String,
    jwt: String,
}

async fn setup_with_canaries() -> Setup {
    let server = MockServer::start().await;
    let key = canary("key-");
    let jwt = canary("eyJ.");
    let client = Client::builder()
        .base_url(format!("{}/api/v1", server.uri()))
        .api_key(SecretString::from(key.clone()))
        .graphql_token(SecretString::from(jwt.clone()))
        .build()
        .unwrap();
    Setup {
        server,
        client,
        key,
        jwt,
    }
}

/// Finding 6: the password, the auto-login service and the GraphQL JWT
/// echoed in GraphQL `errors`, and the password echoed in a 401.
#[tokio::test]
async fn sign_in_secrets_echoed_by_graphql_are_scrubbed() {
    let (logs, _guard) = capture_logs();
    let s = setup_with_canaries().await;
    let password = canary("pw\"\\");
    let service = canary("svc-");
    let echo = format!(
        "user jane: password {password} / service {service} / jwt {} / key {} refused",
        s.jwt, s.key
    );
    Mock::given(method("POST"))
        .and(path("/graphql"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "data": null,
            "errors": [{"message": echo}]
        })))
        .up_to_n_times(2)
        .mount(&s.server)
        .await;
    let mut texts = Vec::new();
    let err = s
        .client
        .auto_login()
        .sign_in_user("jane@example.com", &SecretString::from(password.clone()))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Auth { .. }), "{err:?}");
    // each call scrubs what it knows: the client's secrets and its own
    for secret in [&password, &s.jwt, &s.key] {
        assert_absent(secret, &shown(&err));
    }
    let err = s
        .client
        .auto_login()
        .sign_in_user_auto("jane@example.com", 42, &SecretString::from(service.clone()))
        .await
        .unwrap_err();
    for secret in [&service, &s.jwt, &s.key] {
        assert_absent(secret, &shown(&err));
    }
    // the password echoed in a 401 of the GraphQL endpoint
    Mock::given(method("POST"))
        .and(path("/graphql"))
        .respond_with(ResponseTemplate::new(401).set_body_json(serde_json::json!({
            "errors": [{"message": format!("bad password {password}")}]
        })))
        .mount(&s.server)
        .await;
    let err = s
        .client
        .auto_login()
        .sign_in_user("jane@example.com", &SecretString::from(password.clone()))
        .await
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(401), "{err:?}");
    texts.push(shown(&err));
    texts.push(logs.text());
    for t in &texts {
        for secret in [&password, &service, &s.jwt, &s.key] {
            assert_absent(secret, t);
        }
    }
}

/// Finding 8: a second-stage (attributes) decode error keeps no API key in
/// its excerpt, and no e-sign login token.
#[tokio::test]
async fn second_stage_decode_errors_hold_no_key_or_login_token() {
    let s = setup_with_canaries().await;
    let login_token = canary("LT");
    let mut doc = fixture("loan_get_response");
    doc["data"]["attributes"]["balance"] = serde_json::json!({"not": "money", "echo": s.key});
    doc["data"]["attributes"]["esign-url"] = serde_json::json!(format!(
        "https://esignlive.com/authentication?target=x&loginToken={login_token}"
    ));
    Mock::given(method("GET"))
        .and(path("/api/v1/loans/110372"))
        .respond_with(answer_json(200, doc))
        .mount(&s.server)
        .await;
    let err = s.client.loans().get(&Id::from("110372")).await.unwrap_err();
    assert!(err.decode().is_some(), "{err:?}");
    let text = shown(&err);
    assert_absent(&s.key, &text);
    assert_absent(&login_token, &text);
}

/// Finding 9: a CVV and an account number the call sent, echoed inside a
/// vendor message, are removed exactly (a CVV is only 3-4 digits).
#[tokio::test]
async fn short_payment_values_echoed_in_messages_are_scrubbed() {
    let s = setup_with_canaries().await;
    let cvv = canary_digits(4);
    let account = canary_digits(6);
    Mock::given(method("PATCH"))
        .respond_with(answer_json(
            422,
            serde_json::json!({"errors": [{"detail": format!("cvv {cvv} does not match card; account {account} closed")}]}),
        ))
        .mount(&s.server)
        .await;
    let card = PaymentCard::builder()
        .name("Jane Roe")
        .number("4111111111111111")
        .cvv(cvv.as_str())
        .expiration_month(4)
        .expiration_year(2031)
        .zip_code("33334")
        .build();
    let bank = BankTransfer::builder()
        .routing_number("021000021")
        .routing_number_confirmation("021000021")
        .account_number(account.as_str())
        .account_number_confirmation(account.as_str())
        .bank_name("Bank")
        .build();
    let fin = Finalize::builder()
        .quote_id("1")
        .first_payment_date(jiff::civil::date(2030, 1, 1))
        .payment_method(AutoPay::BankTransfer(bank))
        .downpayment_payment_method(PaymentMethod::Card(card))
        .build();
    let err = s.client.quotes().finalize(&fin).await.unwrap_err();
    let text = shown(&err);
    assert!(!has_number(&text, &cvv), "cvv leaked: {text}");
    assert!(!has_number(&text, &account), "account leaked: {text}");
    assert!(text.contains("does not match card"), "{text}");
}
