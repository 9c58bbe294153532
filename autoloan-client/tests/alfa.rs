//! Alfa 6 Cloud: exact requests, builder rules, fixtures, the contract helper.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use autoloan_client::alfa::{self, ContractRequest, monthly_installment, validate_instance};
use autoloan_client::webhooks::{StatusWebhook, WebhookDetails};
use autoloan_client::{ApplicationStatus, Decimal, Error, SecretString};
use common::{doc_application, doc_contract, fixture, full_application};
use forecourt_core::testing::mount_catch_all;
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

fn exact_create(auth: &str) -> wiremock::MockBuilder {
    Mock::given(method("POST"))
        .and(path("/api/v6/contracts"))
        .and(|r: &Request| r.url.query().is_none())
        .and(header("authorization", auth))
        .and(header("content-type", "application/json"))
        .and(header("accept", "application/json"))
        .and(body_json(fixture("contract_request.json")))
}

#[test]
fn request_fixture_encodes_equal_with_exact_digits() {
    assert_eq!(
        serde_json::to_value(doc_contract()).unwrap(),
        fixture("contract_request.json")
    );
    let text = serde_json::to_string(&doc_contract()).unwrap();
    assert!(text.contains("\"monthlyInstallment\":650.50"), "{text}");
    assert!(text.contains("\"interestRate\":4.5,"), "{text}");
    assert!(text.contains("\"price\":39000}"), "{text}");
    let decoded: ContractRequest =
        serde_json::from_value(fixture("contract_request.json")).unwrap();
    assert_eq!(decoded, doc_contract());
}

#[tokio::test]
async fn create_with_basic_auth_sends_the_documented_request() {
    let server = MockServer::start().await;
    mount_catch_all(&server).await;
    // base64("dealer-api:pa55word")
    exact_create("Basic ZGVhbGVyLWFwaTpwYTU1d29yZA==")
        .respond_with(ResponseTemplate::new(201).set_body_json(serde_json::json!({
            "contractId": "C-9", "status": "Active", "schedule": [1, 2]
        })))
        .expect(1)
        .mount(&server)
        .await;
    let client = alfa::Client::builder()
        .base_url(server.uri())
        .basic_auth("dealer-api", SecretString::from("pa55word"))
        .build()
        .unwrap();
    let receipt = client.contracts().create(&doc_contract()).await.unwrap();
    assert_eq!(receipt.http_status, 201);
    assert_eq!(receipt.contract_id.as_deref(), Some("C-9"));
    assert_eq!(receipt.fields["status"], "Active");
    assert_eq!(receipt.fields.len(), 3);
}

#[tokio::test]
async fn create_with_bearer_and_empty_or_numeric_answers() {
    let server = MockServer::start().await;
    mount_catch_all(&server).await;
    exact_create("Bearer alfa-token-xyz")
        .and(header("x-case", "empty"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    exact_create("Bearer alfa-token-xyz")
        .and(header("x-case", "numeric"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"id": 4711})))
        .mount(&server)
        .await;
    let client = alfa::Client::builder()
        .base_url(server.uri())
        .bearer_token(SecretString::from("alfa-token-xyz"))
        .build()
        .unwrap();
    let opts = |case: &'static str| {
        forecourt_core::RequestOptions::new().header(
            http::HeaderName::from_static("x-case"),
            http::HeaderValue::from_static(case),
        )
    };
    let r = client
        .contracts()
        .options(opts("empty"))
        .create(&doc_contract())
        .await
        .unwrap();
    assert_eq!(
        (r.http_status, r.contract_id.clone(), r.fields.len()),
        (204, None, 0)
    );
    let r = client
        .contracts()
        .options(opts("numeric"))
        .create(&doc_contract())
        .await
        .unwrap();
    assert_eq!(r.contract_id.as_deref(), Some("4711"));
}

#[tokio::test]
async fn vendor_errors_map_and_post_is_not_retried() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/v6/contracts"))
        .respond_with(ResponseTemplate::new(409).set_body_json(
            serde_json::json!({"code": "duplicate_contract", "message": "exists already"}),
        ))
        .expect(1)
        .mount(&server)
        .await;
    let client = alfa::Client::builder()
        .base_url(server.uri())
        .bearer_token(SecretString::from("alfa-token-xyz"))
        .build()
        .unwrap();
    let err = client
        .contracts()
        .create(&doc_contract())
        .await
        .unwrap_err();
    let api = err.api().unwrap();
    assert_eq!(api.status.as_u16(), 409);
    assert_eq!(api.vendor, "Alfa 6 Cloud");
    assert_eq!(api.details[0].code.as_deref(), Some("duplicate_contract"));
}

#[tokio::test]
async fn invalid_contracts_are_refused_before_sending() {
    let server = MockServer::start().await;
    mount_catch_all(&server).await;
    let client = alfa::Client::builder()
        .base_url(server.uri())
        .bearer_token(SecretString::from("alfa-token-xyz"))
        .build()
        .unwrap();
    type Change = Box<dyn Fn(&mut ContractRequest)>;
    let cases: Vec<(&str, Change)> = vec![
        (
            "customerReference",
            Box::new(|c| c.customer_reference = " ".into()),
        ),
        (
            "vehicleDetails.registrationNumber",
            Box::new(|c| c.vehicle_details.registration_number = String::new().into()),
        ),
        (
            "vehicleDetails.price",
            Box::new(|c| c.vehicle_details.price = Decimal::from(-1)),
        ),
        (
            "financeDetails.approvedAmount",
            Box::new(|c| c.finance_details.approved_amount = Decimal::ZERO),
        ),
        (
            "financeDetails.downPayment",
            Box::new(|c| c.finance_details.down_payment = Decimal::from(-5)),
        ),
        (
            "financeDetails.termMonths",
            Box::new(|c| c.finance_details.term_months = 0),
        ),
        (
            "financeDetails.monthlyInstallment",
            Box::new(|c| c.finance_details.monthly_installment = Decimal::ZERO),
        ),
    ];
    for (field, change) in cases {
        let mut c = doc_contract();
        change(&mut c);
        let err = client.contracts().create(&c).await.unwrap_err();
        assert!(
            matches!(&err, Error::InvalidInput { field: f, .. } if f == field),
            "{field}: {err:?}"
        );
    }
}

#[test]
fn instance_names_are_dns_labels() {
    assert_eq!(validate_instance("MyDealer-01").unwrap(), "mydealer-01");
    for bad in [
        "",
        "-dealer",
        "dealer-",
        "dealer.evil.com",
        "dealer/x",
        "deal er",
        "dealer@x",
        "https://dealer",
        &"a".repeat(64),
        "dealerä",
    ] {
        let err = validate_instance(bad).unwrap_err();
        assert!(
            matches!(&err, Error::InvalidInput { field, .. } if field == "instance"),
            "{bad}"
        );
    }
    let client = alfa::Client::builder()
        .instance("MyDealer")
        .bearer_token(SecretString::from("t0k3n"))
        .build()
        .unwrap();
    assert_eq!(
        client.transport().base_url().as_str(),
        "https://mydealer.alfasystems.com/"
    );
    // base_url wins over the instance (sandbox, tests)
    let client = alfa::Client::builder()
        .instance("mydealer")
        .base_url("http://127.0.0.1:9")
        .bearer_token(SecretString::from("t0k3n"))
        .build()
        .unwrap();
    assert_eq!(
        client.transport().base_url().as_str(),
        "http://127.0.0.1:9/"
    );
}

#[test]
fn builder_requires_instance_and_credentials() {
    let err = alfa::Client::builder()
        .instance("dealer")
        .build()
        .unwrap_err();
    assert!(
        matches!(&err, Error::InvalidInput { field, .. } if field == "credentials"),
        "{err}"
    );
    let err = alfa::Client::builder()
        .bearer_token(SecretString::from("t0k3n"))
        .build()
        .unwrap_err();
    assert!(
        matches!(&err, Error::InvalidInput { field, .. } if field == "instance"),
        "{err}"
    );
    let err = alfa::Client::builder()
        .instance("dealer.evil.com")
        .bearer_token(SecretString::from("t0k3n"))
        .build()
        .unwrap_err();
    assert!(
        matches!(&err, Error::InvalidInput { field, .. } if field == "instance"),
        "{err}"
    );
    let err = alfa::Client::builder()
        .instance("dealer")
        .basic_auth("", SecretString::from("pw"))
        .build()
        .unwrap_err();
    assert!(
        matches!(&err, Error::InvalidInput { field, .. } if field == "username"),
        "{err}"
    );
    let err = alfa::Client::builder()
        .instance("dealer")
        .bearer_token(SecretString::from(""))
        .build()
        .unwrap_err();
    assert!(
        matches!(&err, Error::InvalidInput { field, .. } if field == "token"),
        "{err}"
    );
}

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

#[test]
fn annuity_installments_round_to_cents_half_up() {
    assert_eq!(
        monthly_installment(dec("35000"), dec("4.5"), 60)
            .unwrap()
            .to_string(),
        "652.51"
    );
    assert_eq!(
        monthly_installment(dec("10000"), dec("6"), 12)
            .unwrap()
            .to_string(),
        "860.66"
    );
    assert_eq!(
        monthly_installment(dec("20000"), dec("3.9"), 48)
            .unwrap()
            .to_string(),
        "450.69"
    );
    // zero interest: P / n, midpoints rounded up (half away from zero)
    assert_eq!(
        monthly_installment(dec("100.01"), dec("0"), 2)
            .unwrap()
            .to_string(),
        "50.01"
    );
    assert_eq!(
        monthly_installment(dec("0.10"), dec("0"), 4)
            .unwrap()
            .to_string(),
        "0.03"
    );
    assert_eq!(
        monthly_installment(dec("0.06"), dec("0"), 4)
            .unwrap()
            .to_string(),
        "0.02"
    );
    assert_eq!(
        monthly_installment(dec("1200"), dec("0"), 12)
            .unwrap()
            .to_string(),
        "100.00"
    );
    // long terms do not overflow
    assert!(monthly_installment(dec("500000"), dec("25"), 600).is_ok());
    for (p, r, n, field) in [
        ("0", "4.5", 60, "approvedAmount"),
        ("1000", "-1", 60, "interestRate"),
        ("1000", "4.5", 0, "termMonths"),
        ("1000", "4.5", 601, "termMonths"),
    ] {
        let err = monthly_installment(dec(p), dec(r), n).unwrap_err();
        assert!(
            matches!(&err, Error::InvalidInput { field: f, .. } if f == field),
            "{err}"
        );
    }
}

fn approved_webhook() -> StatusWebhook {
    serde_json::from_value(fixture("status_webhook.json")).unwrap()
}

#[test]
fn contract_from_approval_matches_the_documented_contract_but_with_the_annuity() {
    let contract = ContractRequest::from_approval()
        .application(&doc_application())
        .webhook(&approved_webhook())
        .customer_reference("CUST-101")
        .registration_number("ABC-123")
        .down_payment(Decimal::from(4_000))
        .build()
        .unwrap();
    let mut expected = doc_contract();
    expected.finance_details.monthly_installment = dec("652.51");
    assert_eq!(contract, expected);
}

#[test]
fn contract_from_approval_refuses_what_does_not_add_up() {
    let build = |down: i64, hook: &StatusWebhook| {
        ContractRequest::from_approval()
            .application(&full_application(39_000, 30_000))
            .webhook(hook)
            .customer_reference("CUST-101")
            .registration_number("ABC-123")
            .down_payment(Decimal::from(down))
            .build()
    };
    let field_of = |r: Result<ContractRequest, Error>| match r.unwrap_err() {
        Error::InvalidInput { field, .. } => field.into_owned(),
        other => panic!("{other:?}"),
    };
    // price 39 000 != 35 000 + 3 000
    assert_eq!(
        field_of(build(3_000, &approved_webhook())),
        "financeDetails.downPayment"
    );
    assert_eq!(
        field_of(build(-4_000, &approved_webhook())),
        "financeDetails.downPayment"
    );
    assert!(build(4_000, &approved_webhook()).is_ok());

    let mut rejected = approved_webhook();
    rejected.status = ApplicationStatus::Rejected;
    assert_eq!(field_of(build(4_000, &rejected)), "webhook.status");
    let mut no_details = approved_webhook();
    no_details.details = None;
    assert_eq!(field_of(build(4_000, &no_details)), "webhook.details");
    let mut no_term = approved_webhook();
    no_term.details = Some(
        WebhookDetails::builder()
            .approved_amount(Decimal::from(35_000))
            .interest_rate(dec("4.5"))
            .build(),
    );
    assert_eq!(field_of(build(4_000, &no_term)), "webhook.details.term");
}
