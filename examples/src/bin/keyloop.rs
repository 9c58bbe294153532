//! Keyloop Manage Vehicle Contracts v2 against the in-process sandbox:
//! find a vehicle's manufacturer warranty, add a service plan, change it,
//! and handle a missing contract.
//!
//! Run with `cargo run -p examples --bin keyloop`.

use std::process::ExitCode;

use futures::TryStreamExt;
use keyloop_contracts_client::sandbox::Sandbox;
use keyloop_contracts_client::{
    ContractStatus, ContractType, ContractUpdate, Mileage, NewContract, Price,
};
use rust_decimal::Decimal;

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("keyloop example failed: {e}");
            // Keyloop support asks for the correlation id of a failed call.
            if let Some(id) = e.api().and_then(|a| a.correlation_id.as_deref()) {
                eprintln!("  correlation id: {id}");
            }
            ExitCode::FAILURE
        }
    }
}

async fn run() -> keyloop_contracts_client::Result<()> {
    // A fake Keyloop on localhost. Against the real one:
    // Client::builder().client_id(..).client_secret(..).enterprise_id(..)
    //     .store_id(..).region(Region::Eu).build()?
    let sandbox = Sandbox::start().await;
    let keyloop = sandbox
        .client_builder() // base URL, credentials, enterprise and store of the sandbox
        .on_behalf_of("service-advisor-17") // x-onbehalf-of, for Keyloop's audit trail
        .build()?;
    let contracts = keyloop.contracts();
    let vehicle = Sandbox::VEHICLE_ID;

    // 1. The vehicle's contracts, all pages, lazily; find the manufacturer warranty.
    println!("contracts of vehicle {vehicle}:");
    let mut warranty = None;
    let mut all = contracts.list(vehicle).page_size(20).stream();
    while let Some(c) = all.try_next().await? {
        println!(
            "  {} {} {} .. {}",
            c.contract_id,
            c.contract_type.as_ref().map_or("?", |t| t.as_str()),
            c.start_date.map(|d| d.to_string()).unwrap_or_default(),
            c.end_date.map(|d| d.to_string()).unwrap_or_default(),
        );
        if c.is(&ContractType::ManufacturerWarranty) {
            warranty = Some(c);
        }
    }
    match &warranty {
        Some(w) => println!(
            "manufacturer warranty {} runs until {}",
            w.contract_id,
            w.end_date
                .map(|d| d.to_string())
                .unwrap_or_else(|| "?".into())
        ),
        None => println!("no manufacturer warranty on file"),
    }

    // 2. Add a service plan (price exact: 499.00 GBP).
    let plan = NewContract::builder()
        .contract_type(ContractType::ServicePlan)
        .start_date(jiff::civil::date(2024, 6, 1))
        .end_date(jiff::civil::date(2027, 5, 31))
        .provider("Dealer Motors")
        .description("3 services in 3 years")
        .mileage_limit(Mileage::km(45_000))
        .price(Price::new(Decimal::new(49_900, 2), "GBP"))
        .build();
    let created = contracts.create(vehicle, &plan).await?;
    println!(
        "created service plan {} ({})",
        created.contract_id,
        created.price.as_ref().map_or_else(
            || "no price".to_owned(),
            |p| examples::tour::money(p.amount, p.currency.as_str())
        ),
    );

    // 3a. Change only some fields (PATCH).
    let extended = contracts
        .update(
            vehicle,
            &created.contract_id,
            &ContractUpdate::builder()
                .end_date(jiff::civil::date(2028, 5, 31))
                .description("extended by one year")
                .build(),
        )
        .await?;
    println!(
        "extended to {}",
        extended.end_date.map(|d| d.to_string()).unwrap_or_default()
    );

    // 3b. Replace the whole record (PUT): get it, change it, send it back;
    //     fields this SDK does not know (extra) travel along.
    let mut record = contracts.get(vehicle, &created.contract_id).await?;
    record.status = Some(ContractStatus::Cancelled);
    let cancelled = contracts.replace(vehicle, &record).await?;
    println!(
        "status now {} (kept unknown fields: {:?})",
        cancelled.status.as_ref().map_or("?", |s| s.as_str()),
        cancelled.extra.keys().collect::<Vec<_>>()
    );

    // 4. Errors are typed: a missing contract is a 404 with Keyloop's message.
    match contracts.get(vehicle, "CTR-DOES-NOT-EXIST").await {
        Ok(_) => println!("unexpectedly found a contract"),
        Err(e) if e.status().is_some_and(|s| s.as_u16() == 404) => {
            println!("as expected: {e}");
        }
        // anything else (refused credentials are Error::Auth) ends the example
        Err(e) => return Err(e),
    }

    println!("token requests: {}", keyloop.token_fetches());
    Ok(())
}
