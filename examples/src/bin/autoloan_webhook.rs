//! An axum server receiving Autoloan Finland's status webhooks and, on
//! `Approved`, pushing the loan contract to Alfa 6 Cloud.
//!
//! It runs against the sandbox (both vendors faked in-process): it starts
//! the server on a loopback port, submits an application, lets the sandbox
//! decide and deliver the webhook, and checks that Alfa received the
//! contract. Run it with `cargo run -p examples --bin autoloan_webhook`.
//!
//! In production, build `alfa::Client` with `.instance("<your instance>")`
//! and your Alfa credentials, register `https://<your host>/hooks/autoloan?token=<secret>`
//! in the Dealer Portal, and serve `router(..)` behind HTTPS.

use std::error::Error;
use std::process::ExitCode;

use autoloan_client::sandbox::Sandbox;
use autoloan_client::webhooks::{SharedSecret, WebhookReceiver};
use autoloan_client::{Customer, Decimal, NewApplication, SecretString, Vehicle, Vin};
use examples::autoloan_webhook::{AppState, Deal, router};

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("autoloan_webhook failed: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), Box<dyn Error>> {
    let sandbox = Sandbox::start().await;

    // The secret you put in the webhook URL registered in the Dealer Portal.
    let secret = std::env::var("AUTOLOAN_WEBHOOK_SECRET")
        .unwrap_or_else(|_| "demo-secret-change-me-0123456789".to_owned());
    let receiver = WebhookReceiver::new().shared_secret(SharedSecret::query_param(
        "token",
        SecretString::from(secret.clone()),
    )?);
    let state = AppState::new(receiver, sandbox.alfa_client()?);

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let server = tokio::spawn(axum::serve(listener, router(state.clone())).into_future());
    let webhook_url = format!("http://{addr}/hooks/autoloan?token={secret}");
    println!("webhook endpoint listening on http://{addr}/hooks/autoloan");

    // The dealer submits an application...
    let application = NewApplication::builder()
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
                .vin(Vin::new("YV1DZ82C0N1234567")?)
                .make("Volvo")
                .model("V60")
                .year(2022)
                .price(Decimal::from(39_000))
                .mileage(30_000)
                .build(),
        )
        .dealer_id("DEALER-12345")
        .build();
    let submitted = sandbox
        .client()?
        .applications()
        .submit(&application)
        .await?;
    println!("submitted {} ({})", submitted.id, submitted.status);
    // ...and remembers what the contract will need.
    state.register(
        submitted.id.as_str(),
        Deal {
            application,
            customer_reference: "CUST-101".to_owned(),
            registration_number: "ABC-123".to_owned(),
            down_payment: Decimal::from(4_000),
        },
    );

    // Autoloan (the sandbox) decides and POSTs the webhook to our server.
    let delivery = sandbox
        .deliver_webhook(submitted.id.as_str(), &webhook_url)
        .await?;
    println!(
        "webhook {} delivered, endpoint answered {}",
        delivery.webhook.status, delivery.http_status
    );
    if delivery.http_status != 200 {
        return Err(format!("the endpoint answered {}", delivery.http_status).into());
    }
    // A redelivery is recognised and does not push a second contract.
    let again = sandbox
        .deliver_webhook(submitted.id.as_str(), &webhook_url)
        .await?;
    println!("redelivery answered {}", again.http_status);

    let contracts = sandbox.contracts();
    let [contract] = contracts.as_slice() else {
        return Err(format!("expected one contract in Alfa, found {}", contracts.len()).into());
    };
    println!(
        "Alfa has contract for {}: {} over {} months at {}%, {} a month",
        contract.application_id,
        examples::tour::money(contract.finance_details.approved_amount, "EUR"),
        contract.finance_details.term_months,
        contract.finance_details.interest_rate.normalize(),
        examples::tour::money(contract.finance_details.monthly_installment, "EUR"),
    );
    server.abort();
    Ok(())
}
