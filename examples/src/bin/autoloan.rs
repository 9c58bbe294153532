//! Autoloan Finland and Alfa 6 Cloud, the main flow: submit a finance
//! application, receive its status webhook, push the contract to Alfa.
//!
//! By default everything runs against the in-process sandbox:
//! `cargo run -p examples --bin autoloan`. With `AUTOLOAN_BASE_URL` and
//! `AUTOLOAN_API_KEY` set, it only submits the application to that server
//! (the webhook then arrives at the endpoint registered in your Dealer
//! Portal: see the `autoloan_webhook` example).

use std::error::Error;
use std::process::ExitCode;

use autoloan_client::sandbox::Sandbox;
use autoloan_client::webhooks::WebhookReceiver;
use autoloan_client::{
    ApplicationStatus, BASE_URL_ENV, Client, Customer, Decimal, NewApplication, SecretString,
    Vehicle, Vin, alfa, applications,
};

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("autoloan example failed: {e}");
            ExitCode::FAILURE
        }
    }
}

fn application(vin: Vin) -> NewApplication {
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
                .vin(vin)
                .make("Volvo")
                .model("V60")
                .year(2022)
                .price(Decimal::from(39_000))
                .mileage(30_000)
                .build(),
        )
        .dealer_id("DEALER-12345")
        .build()
}

async fn run() -> Result<(), Box<dyn Error>> {
    let application = application(Vin::new("YV1DZ82C0N1234567")?);

    if let Ok(base_url) = std::env::var(BASE_URL_ENV) {
        // A real (or staging) Autoloan Finland server.
        let client = Client::builder()
            .base_url(base_url)
            .api_key(SecretString::from(std::env::var("AUTOLOAN_API_KEY")?))
            .build()?;
        return match client.applications().submit(&application).await {
            Ok(submitted) => {
                println!("submitted {} ({})", submitted.id, submitted.status);
                Ok(())
            }
            Err(e) if applications::outcome_unknown(&e) => Err(format!(
                "the application may have been created ({e}); check the Dealer Portal before resubmitting"
            )
            .into()),
            Err(e) => Err(e.into()),
        };
    }

    let sandbox = Sandbox::start().await;
    let autoloan = sandbox.client()?;

    // Validation happens before anything is sent: a VIN with an `O` is refused.
    match Vin::new("YV1DZ82C0N123456O") {
        Err(autoloan_client::Error::InvalidInput { field, reason }) => {
            println!("refused as expected: {field} {reason}");
        }
        other => return Err(format!("expected an invalid VIN, got {other:?}").into()),
    }

    // 1. Submit the application.
    let submitted = autoloan.applications().submit(&application).await?;
    println!("submitted {} ({})", submitted.id, submitted.status);

    // 2. The sandbox decides (39 000 € → 35 000 € approved) and we receive the
    //    webhook as raw bytes, as an HTTP endpoint would.
    let decided = sandbox
        .decide(submitted.id.as_str())
        .ok_or("the sandbox does not know the application")?;
    let body = serde_json::to_vec(&decided)?;
    let webhook = WebhookReceiver::new().parse(&Default::default(), &body)?;
    println!("webhook: {} is {}", webhook.application_id, webhook.status);
    if webhook.status != ApplicationStatus::Approved {
        println!("not approved: nothing to push");
        return Ok(());
    }

    // 3. Build the contract (annuity installment, price = amount + down payment
    //    checked) and push it to Alfa.
    let contract = alfa::ContractRequest::from_approval()
        .application(&application)
        .webhook(&webhook)
        .customer_reference("CUST-101")
        .registration_number("ABC-123")
        .down_payment(Decimal::from(4_000))
        .build()?;
    let alfa = sandbox.alfa_client()?;
    let receipt = alfa.contracts().create(&contract).await?;
    println!(
        "Alfa contract {} created: {} a month for {} months",
        receipt.contract_id.as_deref().unwrap_or("(no id)"),
        examples::tour::money(contract.finance_details.monthly_installment, "EUR"),
        contract.finance_details.term_months
    );

    // Pushing it again is refused by Alfa: a typed API error, not a panic.
    match alfa.contracts().create(&contract).await {
        Err(e) if e.status().map(|s| s.as_u16()) == Some(409) => {
            println!("duplicate refused as expected: {e}");
        }
        other => return Err(format!("expected a 409 for the duplicate, got {other:?}").into()),
    }
    Ok(())
}
