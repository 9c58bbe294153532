//! Line5 end to end against the in-process sandbox: users and protections,
//! a quote, rates, a protection with its template field, finalizing with
//! ACH, the loan, and the streamed download of its package.
//!
//! Run: `cargo run -p examples --bin line5`

use std::process::ExitCode;

use futures::TryStreamExt;
use line5_client::sandbox::Sandbox;
use line5_client::{
    AutoPay, BankTransfer, Error, Finalize, NewCustomer, NewQuote, QuoteProtectionInput,
    TemplateValues, VehicleInput,
};

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // `Display` shows Line5's own message (pointer: detail); never a secret.
            eprintln!("line5 example failed: {e}");
            if let Some(api) = e.api() {
                for d in &api.details {
                    eprintln!("  {d}");
                }
            }
            ExitCode::FAILURE
        }
    }
}

async fn run() -> line5_client::Result<()> {
    // A fake Line5 on a local port; against production, build the client with
    // `Client::builder().api_key(SecretString::from(key)).build()?`.
    let sandbox = Sandbox::start().await;
    let line5 = sandbox.client()?;

    // 1. Who sells, and what.
    let users = line5.users().list().await?;
    let protections = line5.protections().list().await?;
    let seller = users
        .first()
        .ok_or_else(|| Error::invalid_input("users", "none active"))?;
    let protection = protections
        .first()
        .ok_or_else(|| Error::invalid_input("protections", "none available"))?;
    println!(
        "{} users; selling {}",
        users.len(),
        protection.name.as_deref().unwrap_or("(unnamed protection)")
    );

    // 2. A quote (runs the credit inquiry).
    let new_quote = NewQuote::builder()
        .integration_loan_id(1001u64)
        .customer(
            NewCustomer::builder()
                .first_name("Pickle")
                .last_name("Rick")
                .ssn("123-45-6785")
                .date_of_birth(jiff::civil::date(1980, 10, 23))
                .address_1("12 Anvil Dr.")
                .city("Albuquerque")
                .state("NM")
                .postal_code("87101")
                .email("rick@example.com")
                .cell_number("(888) 555-1212")
                .phone_number("(888) 555-1212")
                .build(),
        )
        .vehicle(
            VehicleInput::builder()
                .vin("2C3KA53G67H670383")
                .mileage(43)
                .build(),
        )
        .employee_id(seller.id.clone())
        .build();
    let quote = line5.quotes().create(&new_quote).await?;
    let tier = quote.customer().and_then(|c| c.credit_score_tier.clone());
    println!(
        "quote {} created, credit tier {}",
        quote.id,
        tier.as_ref().map_or("not given", |t| t.as_str())
    );

    // 3. Rates of the protection, and adding it with the first coverage.
    let rates = line5.rates().get(&quote.id, &protection.id).await?;
    let coverage = rates
        .coverages
        .first()
        .ok_or_else(|| Error::invalid_input("rates", "no coverage"))?;
    let deductible = coverage
        .deductibles
        .first()
        .ok_or_else(|| Error::invalid_input("rates", "no deductible"))?;
    let mut input = QuoteProtectionInput::builder()
        .quote_id(quote.id.clone())
        .protection_label_id(protection.id.clone())
        .coverage_id(coverage.id.clone())
        .deductible_id(deductible.id.clone())
        .price(deductible.retail_price.unwrap_or_default())
        .months(coverage.term_months.unwrap_or(12))
        .mileage(coverage.term_miles.unwrap_or(0))
        .build();
    let quote = line5.quote_protections().create(&input).await?;

    // 4. The provider's template fields: values are checked against the
    //    field's validator before anything is sent.
    for qp in quote.quote_protections() {
        let mut values = TemplateValues::new();
        for field in qp.missing_template_fields() {
            if let Err(e) = TemplateValues::new().set(field, "about 320 dollars") {
                println!("rejected before sending: {e}");
            }
            values = values.set(field, "320.99")?;
        }
        input.template = Some(values);
        line5.quote_protections().update(&qp.id, &input).await?;
    }

    // 5. Finalize with ACH: confirmations must match, account type checking.
    let finalize = Finalize::builder()
        .quote_id(quote.id.clone())
        .first_payment_date(jiff::civil::date(2030, 1, 15))
        .payment_method(AutoPay::BankTransfer(
            BankTransfer::builder()
                .routing_number("063107513")
                .routing_number_confirmation("063107513")
                .account_number("9999999999")
                .account_number_confirmation("9999999999")
                .bank_name("Wells Fargo")
                .build(),
        ))
        .build();
    let loan = line5.quotes().finalize(&finalize).await?;
    println!(
        "loan {}: {}, monthly payment {}",
        loan.id,
        loan.status
            .as_ref()
            .map_or("status not given", |s| s.as_str()),
        loan.monthly_payment.map_or_else(
            || "not given".to_owned(),
            |m| examples::tour::money(m, "USD")
        ),
    );

    // 6. The loan's documents, streamed (the key is sent to the base URL's origin only).
    let loan = line5.loans().get(&loan.id).await?;
    for package in line5.loans().packages(&loan.id).await? {
        let mut bytes = 0usize;
        let mut stream = line5.loans().download_package(&package).await?;
        while let Some(chunk) = stream.try_next().await? {
            bytes += chunk.len();
        }
        println!(
            "downloaded {}: {bytes} bytes",
            package.file_name.as_deref().unwrap_or("(unnamed package)")
        );
    }
    Ok(())
}
