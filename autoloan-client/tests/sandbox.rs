//! Flows against the sandbox: submit, decide, deliver the webhook, push the contract.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use autoloan_client::alfa::{self, ContractRequest};
use autoloan_client::sandbox::Sandbox;
use autoloan_client::webhooks::{SharedSecret, WebhookReceiver};
use autoloan_client::{ApplicationStatus, Client, Decimal, Error, SecretString};
use common::{doc_application, full_application};
use wiremock::matchers::{header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const HOOK_SECRET: &str = "hook-secret-0123456789abcdef";

#[tokio::test]
async fn submit_approve_deliver_and_push() {
    let sandbox = Sandbox::start().await;
    let autoloan = sandbox.client().unwrap();
    let application = doc_application();
    let submitted = autoloan.applications().submit(&application).await.unwrap();
    assert_eq!(submitted.id.as_str(), "APP-001");
    assert_eq!(submitted.status, ApplicationStatus::Pending);
    assert_eq!(submitted.extra["dealerId"], "DEALER-12345");
    assert_eq!(sandbox.status("APP-001"), Some(ApplicationStatus::Pending));
    assert_eq!(sandbox.application("APP-001"), Some(application.clone()));

    // the dealer's webhook endpoint, with a secret in its URL
    let endpoint = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/hooks/autoloan"))
        .and(query_param("token", HOOK_SECRET))
        .and(header("content-type", "application/json"))
        .respond_with(ResponseTemplate::new(204))
        .expect(2)
        .mount(&endpoint)
        .await;
    let url = format!("{}/hooks/autoloan?token={HOOK_SECRET}", endpoint.uri());
    let delivery = sandbox.deliver_webhook("APP-001", &url).await.unwrap();
    assert_eq!(delivery.http_status, 204);
    assert_eq!(delivery.webhook.status, ApplicationStatus::Approved);
    assert_eq!(sandbox.status("APP-001"), Some(ApplicationStatus::Approved));
    // a redelivery carries the same update (same dedupe key)
    let again = sandbox.deliver_webhook("APP-001", &url).await.unwrap();
    assert_eq!(again.webhook.dedupe_key(), delivery.webhook.dedupe_key());

    // what the endpoint received parses with the receiver
    let received = endpoint.received_requests().await.unwrap();
    let first = &received[0];
    let receiver = WebhookReceiver::new().shared_secret(
        SharedSecret::query_param("token", SecretString::from(HOOK_SECRET)).unwrap(),
    );
    let uri: http::Uri = first.url.as_str().parse().unwrap();
    let webhook = receiver
        .parse_request(&uri, &first.headers, &first.body)
        .unwrap();
    assert_eq!(webhook, delivery.webhook);
    let details = webhook.details.clone().unwrap();
    assert_eq!(details.approved_amount, Some(Decimal::from(35_000)));
    assert_eq!(details.interest_rate, Some("4.5".parse().unwrap()));
    assert_eq!(details.term, Some(60));

    // push the contract
    let contract = ContractRequest::from_approval()
        .application(&application)
        .webhook(&webhook)
        .customer_reference("CUST-101")
        .registration_number("ABC-123")
        .down_payment(Decimal::from(4_000))
        .build()
        .unwrap();
    let alfa = sandbox.alfa_client().unwrap();
    let receipt = alfa.contracts().create(&contract).await.unwrap();
    assert_eq!(receipt.http_status, 201);
    assert_eq!(receipt.contract_id.as_deref(), Some("CON-000001"));
    assert_eq!(sandbox.contracts(), vec![contract.clone()]);

    // a duplicate is refused
    let err = alfa.contracts().create(&contract).await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(409));
    assert_eq!(
        err.api().unwrap().details[0].code.as_deref(),
        Some("duplicate_contract")
    );
    assert_eq!(sandbox.contracts().len(), 1);
}

#[tokio::test]
async fn rejected_and_pending_applications_get_no_contract() {
    let sandbox = Sandbox::start().await;
    let autoloan = sandbox.client().unwrap();
    // over 200 000 km: rejected by the sandbox's rule
    let worn = autoloan
        .applications()
        .submit(&full_application(39_000, 250_000))
        .await
        .unwrap();
    let pending = autoloan
        .applications()
        .submit(&full_application(20_000, 10_000))
        .await
        .unwrap();
    let pricey = autoloan
        .applications()
        .submit(&full_application(150_000, 10_000))
        .await
        .unwrap();
    assert_eq!(
        (worn.id.as_str(), pending.id.as_str()),
        ("APP-001", "APP-002")
    );
    let hook = sandbox.decide(worn.id.as_str()).unwrap();
    assert_eq!(hook.status, ApplicationStatus::Rejected);
    assert_eq!(hook.details, None);
    assert_eq!(
        sandbox.decide(pricey.id.as_str()).unwrap().status,
        ApplicationStatus::Rejected
    );
    assert!(sandbox.decide("APP-999").is_none());
    assert_eq!(
        sandbox.application_ids(),
        vec!["APP-001", "APP-002", "APP-003"]
    );

    let alfa = sandbox.alfa_client().unwrap();
    let mut contract = common::doc_contract();
    contract.application_id = worn.id.clone();
    let err = alfa.contracts().create(&contract).await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(422));
    assert_eq!(
        err.api().unwrap().details[0].code.as_deref(),
        Some("application_not_approved")
    );
    contract.application_id = pending.id.clone();
    let err = alfa.contracts().create(&contract).await.unwrap_err();
    assert_eq!(
        err.api().unwrap().details[0].code.as_deref(),
        Some("application_not_approved")
    );
    contract.application_id = "APP-404".into();
    let err = alfa.contracts().create(&contract).await.unwrap_err();
    assert_eq!(
        err.api().unwrap().details[0].code.as_deref(),
        Some("unknown_application")
    );
    // approved 18 000 (90 % of 20 000), but the contract says 35 000
    let hook = sandbox.decide(pending.id.as_str()).unwrap();
    assert_eq!(
        hook.details.unwrap().approved_amount,
        Some(Decimal::from(18_000))
    );
    contract.application_id = pending.id.clone();
    let err = alfa.contracts().create(&contract).await.unwrap_err();
    assert_eq!(
        err.api().unwrap().details[0].code.as_deref(),
        Some("amount_mismatch")
    );
    assert!(sandbox.contracts().is_empty());
}

#[tokio::test]
async fn sandbox_checks_credentials_and_shape() {
    let sandbox = Sandbox::start().await;
    let wrong = Client::builder()
        .base_url(sandbox.url())
        .api_key(SecretString::from("wrong-key"))
        .build()
        .unwrap();
    let err = wrong
        .applications()
        .submit(&doc_application())
        .await
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(401));
    assert!(
        err.to_string().contains("missing or invalid API key"),
        "{err}"
    );

    // a request the client would never send: checked by the fake too
    let raw = forecourt_core::reqwest::Client::new();
    let response = raw
        .post(format!("{}/api/v1/applications", sandbox.url()))
        .header("authorization", format!("Bearer {}", Sandbox::API_KEY))
        .header("content-type", "application/json")
        .body(r#"{"customer":{},"vehicle":{},"dealerId":"D"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 400);
    let response = raw
        .post(format!("{}/api/v1/applications", sandbox.url()))
        .header("authorization", format!("Bearer {}", Sandbox::API_KEY))
        .body("x")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 415);
    let mut invalid = serde_json::to_value(doc_application()).unwrap();
    invalid["customer"]["email"] = "no-at-sign".into();
    let response = raw
        .post(format!("{}/api/v1/applications", sandbox.url()))
        .header("authorization", format!("Bearer {}", Sandbox::API_KEY))
        .header("content-type", "application/json")
        .body(invalid.to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 422);
    let body: serde_json::Value = serde_json::from_slice(&response.bytes().await.unwrap()).unwrap();
    assert_eq!(body["field"], "customer.email");
    let response = raw
        .get(format!("{}/api/v1/other", sandbox.url()))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 404);

    // Alfa: bearer works, wrong Basic does not
    let bearer = alfa::Client::builder()
        .base_url(sandbox.alfa_url())
        .bearer_token(SecretString::from(Sandbox::ALFA_TOKEN))
        .build()
        .unwrap();
    let err = bearer
        .contracts()
        .create(&common::doc_contract())
        .await
        .unwrap_err();
    // authorized, but APP-005 does not exist in this sandbox
    assert_eq!(
        err.api().unwrap().details[0].code.as_deref(),
        Some("unknown_application")
    );
    let wrong = alfa::Client::builder()
        .base_url(sandbox.alfa_url())
        .basic_auth(Sandbox::ALFA_USERNAME, SecretString::from("nope"))
        .build()
        .unwrap();
    let err = wrong
        .contracts()
        .create(&common::doc_contract())
        .await
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(401));
}

#[tokio::test]
async fn delivery_to_an_unknown_application_or_dead_endpoint_fails() {
    let sandbox = Sandbox::start().await;
    let err = sandbox
        .deliver_webhook("APP-001", "http://127.0.0.1:9/hook")
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidInput { .. }), "{err:?}");
    sandbox
        .client()
        .unwrap()
        .applications()
        .submit(&doc_application())
        .await
        .unwrap();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let dead = format!("http://{}/hook", listener.local_addr().unwrap());
    drop(listener);
    assert!(sandbox.deliver_webhook("APP-001", &dead).await.is_err());
}
