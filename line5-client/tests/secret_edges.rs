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

/// A customer's and a user's personal data (names, address, e-mail,
/// phones, the cardholder's name) are values the call sent: a vendor that
/// echoes them in an error has them removed exactly, from Display, Debug,
/// the source chain and the TRACE log; the models' `Debug` never shows
/// them, sent or received.
#[tokio::test]
async fn personal_values_sent_and_echoed_back_are_scrubbed() {
    let (logs, _guard) = capture_logs();
    let s = setup_with_canaries().await;
    let first = canary("Ann\"\u{e9}");
    let last = canary("Lee");
    let street = canary("1 Elm ");
    let email = format!("{}@example.com", canary("ann."));
    let phone = canary_digits(10);
    // each call is echoed what it sent (the user has no address)
    let quote_values = vec![&first, &last, &street, &email];
    let user_values = vec![&first, &last, &email];
    for (p, sent) in [
        ("/api/v1/quotes", &quote_values),
        ("/api/v1/users", &user_values),
    ] {
        let echo = sent
            .iter()
            .map(|v| v.as_str())
            .chain([phone.as_str()])
            .collect::<Vec<_>>()
            .join(" / ");
        Mock::given(method("POST"))
            .and(path(p))
            .respond_with(answer_json(
                422,
                serde_json::json!({"errors": [{
                    "title": format!("Invalid: {echo}"),
                    "detail": format!("customer {echo} already exists"),
                    "source": {"pointer": format!("/data/attributes/{last}")},
                    "meta": {"sent": echo}
                }]}),
            ))
            .mount(&s.server)
            .await;
    }
    let customer = NewCustomer::builder()
        .first_name(first.as_str())
        .last_name(last.as_str())
        .ssn("123456789")
        .date_of_birth(jiff::civil::date(1990, 1, 1))
        .address_1(street.as_str())
        .city("MIAMI")
        .state("FL")
        .postal_code("33131")
        .email(email.as_str())
        .cell_number(phone.as_str())
        .phone_number(phone.as_str())
        .build();
    let quote = NewQuote::builder()
        .integration_loan_id(54u64)
        .skip_credit_validation(false)
        .customer(customer.clone())
        .vehicle(
            VehicleInput::builder()
                .vin("2C3KA53G67H670383")
                .mileage(43)
                .build(),
        )
        .employee_id(3u64)
        .quote_protections(vec![])
        .build();
    let user = NewUser::builder()
        .first_name(first.as_str())
        .last_name(last.as_str())
        .date_of_birth(jiff::civil::date(1990, 1, 1))
        .email(email.as_str())
        .phone_number(phone.as_str())
        .build();
    let card = PaymentCard::builder()
        .name(first.as_str())
        .number("5454545454545454")
        .cvv("123")
        .expiration_month(4)
        .expiration_year(2031)
        .zip_code("33334")
        .build();
    let quote_err = s.client.quotes().create(&quote).await.unwrap_err();
    let user_err = s.client.users().create(&user).await.unwrap_err();
    // each value went out exactly as given (JSON-encoded, escapes and all)
    let requests = s.server.received_requests().await.unwrap();
    for (p, sent) in [
        ("/api/v1/quotes", &quote_values),
        ("/api/v1/users", &user_values),
    ] {
        let bodies: Vec<_> = requests.iter().filter(|r| r.url.path() == p).collect();
        assert_eq!(bodies.len(), 1, "{p}");
        assert_eq!(bodies[0].method.as_str(), "POST");
        let body = String::from_utf8(bodies[0].body.clone()).unwrap();
        for v in sent.iter().copied().chain([&phone]) {
            let encoded = serde_json::to_string(v).unwrap();
            assert!(
                body.contains(&encoded),
                "{p} did not send {encoded}: {body}"
            );
        }
    }
    assert_eq!(
        quote_err.status().map(|s| s.as_u16()),
        Some(422),
        "{quote_err:?}"
    );
    let models = format!("{customer:?} {customer:#?} {quote:?} {user:?} {user:#?} {card:?}");
    for (err, sent) in [(&quote_err, &quote_values), (&user_err, &user_values)] {
        let text = format!("{} {err:#?} {}", shown(err), logs.text());
        assert!(text.contains("already exists"), "{text}");
        for v in sent.iter().copied() {
            assert_absent(v, &text);
            assert_absent(v, &models);
        }
        assert!(!has_number(&text, &phone), "phone leaked: {text}");
        assert!(!has_number(&models, &phone), "phone leaked: {models}");
    }
}

/// Customers and users as Line5 returns them: `Debug` shows the ids and
/// the non-personal fields, never a name, address, e-mail or phone.
#[tokio::test]
async fn received_customers_and_users_never_print_personal_values() {
    let s = setup_with_canaries().await;
    let name = canary("Bo");
    let email = format!("{}@example.com", canary("bo."));
    Mock::given(method("GET"))
        .and(path("/api/v1/users"))
        .respond_with(answer_json(
            200,
            serde_json::json!({"data": [{"id": "7", "type": "employees", "attributes": {
                "email": email, "first-name": name, "last-name": name, "user-id": 9}}]}),
        ))
        .mount(&s.server)
        .await;
    let users = s.client.users().list().await.unwrap();
    assert_eq!(users[0].first_name.as_deref(), Some(name.as_str()));
    let shown = format!("{users:?} {users:#?}");
    assert_absent(&name, &shown);
    assert_absent(&email, &shown);
    assert!(shown.contains("\"7\"") || shown.contains('7'), "{shown}");
}
