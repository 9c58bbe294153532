//! The sandbox test of the `autoloan-client` README, run for real.

use autoloan_client::sandbox::Sandbox;
use autoloan_client::{ApplicationStatus, Customer, Decimal, NewApplication, Vehicle, Vin};

#[tokio::test]
async fn a_submitted_application_is_pending() -> Result<(), Box<dyn std::error::Error>> {
    let sandbox = Sandbox::start().await;
    let autoloan = sandbox.client()?;
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
    let submitted = autoloan.applications().submit(&application).await?;
    assert_eq!(submitted.status, ApplicationStatus::Pending);
    assert_eq!(sandbox.status(submitted.id.as_str()), Some(ApplicationStatus::Pending));
    Ok(())
}
