//! End to end: the `autoloan_webhook` example's server receives the sandbox's
//! webhook and pushes the contract to the sandbox's Alfa.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use examples::autoloan_webhook as app;

use std::sync::Arc;

use app::{AppState, Deal};
use autoloan_client::alfa::ContractRequest;
use autoloan_client::sandbox::Sandbox;
use autoloan_client::webhooks::{SharedSecret, WebhookReceiver};
use autoloan_client::{
    ApplicationStatus, Customer, Decimal, NewApplication, SecretString, Vehicle, Vin,
};

const SECRET: &str = "e2e-secret-0123456789abcdef";

fn application(price: i64, mileage: u32) -> NewApplication {
    NewApplication::builder()
        .customer(
            Customer::builder()
                .first_name("Matti")
                .last_name("Meikäläinen")
                .email("matti.meikalainen@example.com")
                .phone("+358 40 123 4567")
                .build(),
        )
        .vehicle(
            Vehicle::builder()
                .vin(Vin::new("YV1DZ82C0N1234567").unwrap())
                .make("Volvo")
                .model("V60")
                .year(2022)
                .price(Decimal::from(price))
                .mileage(mileage)
                .build(),
        )
        .dealer_id("DEALER-12345")
        .build()
}

struct Running {
    sandbox: Sandbox,
    state: Arc<AppState>,
    base: String,
}

async fn start() -> Running {
    let sandbox = Sandbox::start().await;
    let receiver = WebhookReceiver::new()
        .shared_secret(SharedSecret::query_param("token", SecretString::from(SECRET)).unwrap());
    let state = AppState::new(receiver, sandbox.alfa_client().unwrap());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(axum::serve(listener, app::router(state.clone())).into_future());
    Running {
        sandbox,
        state,
        base: format!("http://{addr}/hooks/autoloan"),
    }
}

async fn submit(r: &Running, application: NewApplication, down: i64) -> String {
    let submitted = r
        .sandbox
        .client()
        .unwrap()
        .applications()
        .submit(&application)
        .await
        .unwrap();
    let id = submitted.id.as_str().to_owned();
    r.state.register(
        &id,
        Deal {
            application,
            customer_reference: "CUST-101".into(),
            registration_number: "ABC-123".into(),
            down_payment: Decimal::from(down),
        },
    );
    id
}

#[tokio::test(flavor = "multi_thread")]
async fn approved_webhook_in_contract_out() {
    let r = start().await;
    let id = submit(&r, application(39_000, 30_000), 4_000).await;
    let url = format!("{}?token={SECRET}", r.base);

    let delivery = r.sandbox.deliver_webhook(&id, &url).await.unwrap();
    assert_eq!(delivery.webhook.status, ApplicationStatus::Approved);
    assert_eq!(delivery.http_status, 200);

    let expected = ContractRequest::from_approval()
        .application(&application(39_000, 30_000))
        .webhook(&delivery.webhook)
        .customer_reference("CUST-101")
        .registration_number("ABC-123")
        .down_payment(Decimal::from(4_000))
        .build()
        .unwrap();
    assert_eq!(r.sandbox.contracts(), vec![expected.clone()]);
    assert_eq!(
        expected.finance_details.monthly_installment.to_string(),
        "652.51"
    );
    assert_eq!(expected.application_id.as_str(), id);

    // a redelivery is acknowledged and pushes nothing
    let again = r.sandbox.deliver_webhook(&id, &url).await.unwrap();
    assert_eq!(again.http_status, 200);
    assert_eq!(r.sandbox.contracts().len(), 1);

    // so is one written at another offset with a fraction: the same instant
    let at_helsinki = delivery
        .webhook
        .timestamp
        .with_time_zone(jiff::tz::TimeZone::fixed(jiff::tz::offset(3)));
    let mut body = serde_json::to_value(&delivery.webhook).unwrap();
    body["timestamp"] = at_helsinki
        .strftime("%Y-%m-%dT%H:%M:%S%.3f%:z")
        .to_string()
        .into();
    let answer = autoloan_client::reqwest::Client::new()
        .post(&url)
        .body(body.to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status().as_u16(), 200);
    let text = answer.text().await.unwrap();
    assert!(text.ends_with("already handled"), "{text}");
    assert_eq!(r.sandbox.contracts().len(), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn wrong_secret_rejected_and_unknown_deals_push_nothing() {
    let r = start().await;
    let id = submit(&r, application(39_000, 30_000), 4_000).await;

    let no_secret = r.sandbox.deliver_webhook(&id, &r.base).await.unwrap();
    assert_eq!(no_secret.http_status, 401);
    let wrong = format!("{}?token=wrong-secret", r.base);
    assert_eq!(
        r.sandbox
            .deliver_webhook(&id, &wrong)
            .await
            .unwrap()
            .http_status,
        401
    );
    assert!(r.sandbox.contracts().is_empty());

    // rejected (too many kilometres): acknowledged, no contract
    let worn = submit(&r, application(39_000, 250_000), 4_000).await;
    let url = format!("{}?token={SECRET}", r.base);
    let d = r.sandbox.deliver_webhook(&worn, &url).await.unwrap();
    assert_eq!(
        (d.webhook.status, d.http_status),
        (ApplicationStatus::Rejected, 200)
    );

    // approved, but the dealer's down payment does not add up: 422, no contract
    let odd = submit(&r, application(39_000, 30_000), 3_000).await;
    assert_eq!(
        r.sandbox
            .deliver_webhook(&odd, &url)
            .await
            .unwrap()
            .http_status,
        422
    );

    // approved, but submitted by someone else (not registered here): 422
    let foreign = r
        .sandbox
        .client()
        .unwrap()
        .applications()
        .submit(&application(39_000, 30_000))
        .await
        .unwrap();
    let d = r
        .sandbox
        .deliver_webhook(foreign.id.as_str(), &url)
        .await
        .unwrap();
    assert_eq!(d.http_status, 422);
    assert!(r.sandbox.contracts().is_empty());

    // now the original one goes through
    assert_eq!(
        r.sandbox
            .deliver_webhook(&id, &url)
            .await
            .unwrap()
            .http_status,
        200
    );
    assert_eq!(r.sandbox.contracts().len(), 1);
}
