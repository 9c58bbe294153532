//! Tour step 2: Autoloan Finland and Alfa 6 Cloud.

use std::sync::Arc;

use autoloan_client::alfa::{self, ContractRequest};
use autoloan_client::sandbox::Sandbox;
use autoloan_client::webhooks::{SharedSecret, StatusWebhook, WebhookReceiver};
use autoloan_client::{
    ApplicationStatus, Client, Customer, NewApplication, SecretString, Vehicle, Vin,
};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri};
use tokio::sync::mpsc;

use super::{Context, Reporter, live_env, money};

/// `AUTOLOAN_BASE_URL`, `AUTOLOAN_API_KEY`: submitting live (webhooks need a
/// public URL, so the live tour stops after the submission).
pub const LIVE_ENV: &[&str] = &["AUTOLOAN_BASE_URL", "AUTOLOAN_API_KEY"];

const VENDOR: &str = "Autoloan";
const ALFA: &str = "Alfa 6";
const WEBHOOK_SECRET: &str = "tour-webhook-secret-0123456789";

type BoxError = Box<dyn std::error::Error + Send + Sync>;

fn application(ctx: &Context) -> Result<NewApplication, BoxError> {
    let car = &ctx.car;
    Ok(NewApplication::builder()
        .customer(
            Customer::builder()
                .first_name(ctx.customer.0.as_str())
                .last_name(ctx.customer.1.as_str())
                .email("matti.meikalainen@example.com")
                .phone("+358 40 123 4567")
                .build(),
        )
        .vehicle(
            Vehicle::builder()
                .vin(Vin::new(&car.vin)?)
                .make(car.make.as_str())
                .model(car.model.as_str())
                .year(car.year)
                .price(car.price)
                .mileage(car.kilometers)
                .build(),
        )
        .dealer_id("DEALER-12345")
        .build())
}

#[derive(Clone)]
struct Hooks {
    receiver: Arc<WebhookReceiver>,
    tx: mpsc::Sender<StatusWebhook>,
}

async fn receive(State(h): State<Hooks>, uri: Uri, headers: HeaderMap, body: Bytes) -> StatusCode {
    match h.receiver.parse_request(&uri, &headers, &body) {
        Ok(hook) => {
            let _ = h.tx.send(hook).await;
            StatusCode::OK
        }
        Err(e) => e.http_status(),
    }
}

/// Starts the dealer's webhook endpoint on a loopback port.
async fn webhook_endpoint() -> Result<(String, mpsc::Receiver<StatusWebhook>), BoxError> {
    let receiver = WebhookReceiver::new().shared_secret(SharedSecret::query_param(
        "token",
        SecretString::from(WEBHOOK_SECRET),
    )?);
    let (tx, rx) = mpsc::channel(4);
    let app = axum::Router::new()
        .route("/hooks/autoloan", axum::routing::post(receive))
        .with_state(Hooks {
            receiver: Arc::new(receiver),
            tx,
        });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let url = format!(
        "http://{}/hooks/autoloan?token={WEBHOOK_SECRET}",
        listener.local_addr()?
    );
    tokio::spawn(axum::serve(listener, app).into_future());
    Ok((url, rx))
}

/// Runs the Autoloan and Alfa steps.
pub async fn run(r: &mut Reporter, ctx: &mut Context, live: bool) {
    r.section("2. Autoloan Finland: finance the car, then book the contract in Alfa 6 Cloud");
    if live && let Some(env) = live_env(LIVE_ENV) {
        r.target("live");
        let built = Client::builder()
            .base_url(env[0].as_str())
            .api_key(SecretString::from(env[1].clone()))
            .build();
        let _ = r
            .step(
                VENDOR,
                "submit the finance application",
                async {
                    let client = built?;
                    let app = application(ctx)?;
                    Ok::<_, BoxError>(client.applications().submit(&app).await?)
                },
                |a| format!("{} is {}", a.id, a.status),
            )
            .await;
        r.skipped(
            VENDOR,
            "receive the status webhook",
            "live webhooks need a public URL: see the autoloan_webhook example",
        );
        return;
    }
    r.target("sandbox");
    let sandbox = Sandbox::start().await;
    let Ok(app) = application(ctx) else {
        r.skipped(
            VENDOR,
            "submit the finance application",
            "the chosen car has no valid VIN",
        );
        return;
    };
    let submitted = r
        .step(
            VENDOR,
            "submit the finance application",
            async { Ok::<_, BoxError>(sandbox.client()?.applications().submit(&app).await?) },
            |a| {
                format!(
                    "{} for a {} {} at {}: {}",
                    a.id,
                    ctx.car.make,
                    ctx.car.model,
                    money(ctx.car.price, "EUR"),
                    a.status
                )
            },
        )
        .await;
    let Ok(submitted) = submitted else { return };
    let id = submitted.id.to_string();
    ctx.application_id = Some(id.clone());

    let hook = r
        .step(
            VENDOR,
            "receive the status webhook",
            async {
                let (url, mut rx) = webhook_endpoint().await?;
                let delivery = sandbox.deliver_webhook(&id, &url).await?;
                if delivery.http_status != 200 {
                    return Err(format!("our endpoint answered {}", delivery.http_status).into());
                }
                rx.recv()
                    .await
                    .ok_or_else(|| BoxError::from("no webhook arrived"))
            },
            |h| match &h.details {
                Some(d) => format!(
                    "{} {}: {} at {}% for {} months",
                    h.application_id,
                    h.status,
                    d.approved_amount
                        .map(|a| money(a, "EUR"))
                        .unwrap_or_default(),
                    d.interest_rate.unwrap_or_default(),
                    d.term.unwrap_or_default()
                ),
                None => format!("{} {}", h.application_id, h.status),
            },
        )
        .await;
    let Ok(hook) = hook else { return };
    if hook.status != ApplicationStatus::Approved {
        r.skipped(
            ALFA,
            "push the contract",
            "the application was not approved",
        );
        return;
    }
    ctx.approved_amount = hook.details.as_ref().and_then(|d| d.approved_amount);
    let down_payment = ctx.car.price - ctx.approved_amount.unwrap_or(ctx.car.price);
    let _ = r
        .step(
            ALFA,
            "push the contract to Alfa 6 Cloud",
            async {
                let contract = ContractRequest::from_approval()
                    .application(&app)
                    .webhook(&hook)
                    .customer_reference("CUST-101")
                    .registration_number("ABC-123")
                    .down_payment(down_payment)
                    .build()?;
                let alfa: alfa::Client = sandbox.alfa_client()?;
                alfa.contracts().create(&contract).await?;
                Ok::<_, BoxError>(contract)
            },
            |c| {
                let f = &c.finance_details;
                format!(
                    "{} financed, {} down, {} a month for {} months",
                    money(f.approved_amount, "EUR"),
                    money(f.down_payment, "EUR"),
                    money(f.monthly_installment, "EUR"),
                    f.term_months
                )
            },
        )
        .await;
}
