#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]
//! Shared helpers of the wiremock tests.

use autengo_client::{Client, ClientBuilder, SecretString};
use serde_json::Value;
use wiremock::MockServer;

pub const API_KEY: &str = "test-api-key-canary";
pub const TOKEN: &str = "test-user-token-canary";

pub fn fixture(name: &str) -> Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(format!("{name}.json"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// A mock server with a catch-all that fails the test on any unexpected request.
pub async fn server() -> MockServer {
    let server = MockServer::start().await;
    forecourt_core::testing::mount_catch_all(&server).await;
    server
}

pub fn builder(server: &MockServer) -> ClientBuilder {
    Client::builder()
        .base_url(format!("{}/v3", server.uri()))
        .api_key(SecretString::from(API_KEY))
        .retry(autengo_client::RetryPolicy::none())
}

/// A client with the API key and a static JWT.
pub fn client(server: &MockServer) -> Client {
    builder(server)
        .jwt(SecretString::from(TOKEN))
        .build()
        .unwrap()
}

/// The documentation's ContactPost example, built with the typed builder.
pub fn documented_contact_post() -> autengo_client::ContactPost {
    use autengo_client::*;
    use jiff::civil::date;
    ContactPost::builder()
        .title(ContactTitle::Mr)
        .first_name("Max")
        .last_name("Mustermann")
        .street_address("123 Main St")
        .zip_code("12345")
        .city("Anytown")
        .phone_number("555-1234")
        .phone_number_mobile("555-5678")
        .email("max.mustermann@example.org")
        .fax_number(Id::numeric(1234567))
        .website("https://example.org")
        .source(ContactSource::WalkIn)
        .customer_rating(5)
        .is_privat(false)
        .is_opt_in(false)
        .date_of_birth(Redacted::new(date(1990, 1, 1)))
        .license_plate("B-AB 1234")
        .facebook("https://facebook.com/example")
        .linkedin("https://linkedin.com/in/example")
        .xing("https://xing.com/profile/example")
        .key_account("Key Account A")
        .phone_number_business("555-9999")
        .phone_number_business_mobile("555-9998")
        .fax_number_business("555-9997")
        .contact_person_business("Jane Doe")
        .website_business("https://business.example.org")
        .email_business("business@example.org")
        .ust_id("DE123456789")
        .billing_street_address("456 Billing St")
        .billing_zip_code("54321")
        .billing_city("Billingtown")
        .title_or_degree("Dr.")
        .contact_type(ContactType::Customer)
        .position("Manager")
        .country("Germany")
        .billing_country("Germany")
        .tax_id(Redacted::from("DE123456789"))
        .iban(Redacted::from("DE89370400440532013000"))
        .bic(Redacted::from("COBADEFFXXX"))
        .sales_tax_regulation(SalesTaxRegulation::WithTax)
        .notes("Important customer notes")
        .customer_number("C-10001")
        .driver_license_number(Redacted::from("D1234567"))
        .driver_license_issued_by("Berlin")
        .driver_license_date_of_issue(date(2010, 5, 10))
        .tecfactura_id("D123456789")
        .build()
}

/// The documentation's OpportunityPost example.
pub fn documented_opportunity_post() -> autengo_client::OpportunityPost {
    use autengo_client::*;
    OpportunityPost::builder()
        .selling_id("RQ5O9S")
        .request_text("I'm interested in this vehicle. Please contact me.")
        .source_type(6)
        .customer(
            OpportunityCustomer::builder()
                .last_name("Doe")
                .first_name("John")
                .street_address("123 Main St")
                .zip_code("12345")
                .city("Anytown")
                .phone_number("555-1234")
                .email("max.mustermann@example.org")
                .build(),
        )
        .build()
}
