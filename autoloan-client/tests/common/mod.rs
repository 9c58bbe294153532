//! Helpers shared by the test files.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use autoloan_client::alfa::{ContractRequest, FinanceDetails, VehicleDetails};
use autoloan_client::{Customer, Decimal, NewApplication, Vehicle, Vin};

pub const API_KEY: &str = "test-api-key-1234";

/// A fixture file as a JSON value.
pub fn fixture(name: &str) -> serde_json::Value {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect(&path);
    serde_json::from_str(&text).expect(&path)
}

/// A fixture file's bytes.
pub fn fixture_bytes(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).expect(&path)
}

/// The documentation's application, with the documented (partial) VIN.
pub fn doc_application() -> NewApplication {
    application_with(Vin::partial("YV1DZ82C...").unwrap(), 39_000, 30_000)
}

/// An application with a full VIN.
pub fn full_application(price: i64, mileage: u32) -> NewApplication {
    application_with(Vin::new("YV1DZ82C0N1234567").unwrap(), price, mileage)
}

pub fn application_with(vin: Vin, price: i64, mileage: u32) -> NewApplication {
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
                .price(Decimal::from(price))
                .mileage(mileage)
                .build(),
        )
        .dealer_id("DEALER-12345")
        .build()
}

/// The documentation's contract, built from typed values.
pub fn doc_contract() -> ContractRequest {
    ContractRequest::builder()
        .application_id("APP-005")
        .customer_reference("CUST-101")
        .vehicle_details(
            VehicleDetails::builder()
                .vin(Vin::partial("YV1DZ82C...").unwrap())
                .registration_number("ABC-123")
                .make("Volvo")
                .model("V60")
                .price(Decimal::from(39_000))
                .build(),
        )
        .finance_details(
            FinanceDetails::builder()
                .approved_amount(Decimal::from(35_000))
                .down_payment(Decimal::from(4_000))
                .interest_rate(Decimal::new(45, 1))
                .term_months(60)
                .monthly_installment(Decimal::new(65050, 2))
                .build(),
        )
        .build()
}
