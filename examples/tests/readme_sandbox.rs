//! The README's sandbox pattern, verbatim, for all five clients: the same
//! code with only the crate name changed (the `readme_pattern!` body is the
//! README's block). After it, one call per client through the ready client
//! with per-call options, to show the client works against its sandbox.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use forecourt_core::RequestOptions;

type TestResult = Result<(), Box<dyn std::error::Error>>;

macro_rules! readme_pattern {
    ($name:ident, $krate:ident, |$sandbox:ident, $client:ident| $call:expr) => {
        #[tokio::test]
        async fn $name() -> TestResult {
            // --- the README's block ---
            use $krate::sandbox::Sandbox;

            let sandbox = Sandbox::start().await; // or Sandbox::builder().<option>().start().await
            let client = sandbox.client()?; // ready: the sandbox's credentials and defaults
            let tuned = sandbox
                .client_builder() // or change settings first
                .timeout(Duration::from_secs(5))
                .deadline(Duration::from_secs(20))
                .build()?;
            assert!(sandbox.url().starts_with("http://127.0.0.1:"));
            // --- end of the README's block ---

            let started = Sandbox::builder().start().await;
            assert_ne!(
                started.url(),
                sandbox.url(),
                "each sandbox has its own port"
            );
            for c in [&client, &tuned] {
                let ($sandbox, $client) = (&sandbox, c);
                $call.await?;
            }
            Ok(())
        }
    };
}

fn opts() -> RequestOptions {
    RequestOptions::new().timeout(Duration::from_secs(10))
}

readme_pattern!(line5, line5_client, |_s, c| c
    .users()
    .options(opts())
    .list());

readme_pattern!(promotions, promotions_client, |_s, c| c
    .promotions()
    .options(opts())
    .for_application(Sandbox::APPLICATION_ID));

readme_pattern!(autengo, autengo_client, |_s, c| c
    .vehicles()
    .options(opts())
    .makes());

readme_pattern!(keyloop, keyloop_contracts_client, |_s, c| c
    .contracts()
    .options(opts())
    .list(Sandbox::VEHICLE_ID)
    .send());

readme_pattern!(autoloan, autoloan_client, |_s, c| c
    .applications()
    .options(opts())
    .submit(&application()));

fn application() -> autoloan_client::NewApplication {
    use autoloan_client::{Customer, Decimal, NewApplication, Vehicle, Vin};
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
                .price(Decimal::from(39_000))
                .mileage(30_000)
                .build(),
        )
        .dealer_id("DEALER-12345")
        .build()
}
