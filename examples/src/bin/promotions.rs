//! The Promotions API v3 flow against the in-process sandbox, in both body
//! encodings: fetch an application's promotions, search again after the
//! amount financed changed, and set the promotion with the lowest estimated
//! monthly payment.
//!
//! Run with `cargo run -p examples --bin promotions`.

use std::process::ExitCode;

use promotions_client::sandbox::Sandbox;
use promotions_client::{
    AmountFinanced, BodyEncoding, Decimal, Error, LoanType, PromotionSearch, lowest_payment,
};

#[tokio::main]
async fn main() -> ExitCode {
    // A stateful fake of the vendor on a loopback port.
    let sandbox = Sandbox::start().await;
    for encoding in [BodyEncoding::Json, BodyEncoding::Jwe] {
        if let Err(e) = run(&sandbox, encoding).await {
            eprintln!("promotions flow failed ({encoding:?}): {e}");
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}

async fn run(sandbox: &Sandbox, encoding: BodyEncoding) -> Result<(), Error> {
    println!("== body encoding: {encoding:?}");
    // In production: Client::builder().base_url(..).api_key(SecretString::from(..)).
    let client = sandbox.client_builder().body_encoding(encoding).build()?;
    let app = sandbox
        .applications()
        .into_iter()
        .find(|a| a.id == Sandbox::APPLICATION_ID)
        .ok_or_else(|| Error::invalid_input("application", "is not in the sandbox"))?;

    // 1. The promotions of the application, at its current amount financed.
    let offered = client.promotions().for_application(app.id).await?;
    println!(
        "application {} ({} financed):",
        app.id,
        examples::tour::money(app.amount_financed, "USD")
    );
    for p in &offered {
        let kind = match p.loan_type() {
            LoanType::Revolving => "revolving",
            _ => "closed-end",
        };
        println!(
            "  {:>5} {:<45} {kind:<10} APR {:>6}%  est. {:>9}/month",
            p.id,
            p.name.as_deref().unwrap_or("(unnamed)"),
            p.apr.round_dp(2),
            examples::tour::money(p.estimated_monthly_payment, "USD")
        );
    }

    // 2. The customer adds accessories: selling price 16,000.00, 1,000.00
    //    down. The amount financed changed, so the vendor requires fetching
    //    the promotions again before the paperwork is submitted.
    let amount = AmountFinanced::calculate()
        .selling_price(Decimal::new(1_600_000, 2))
        .down_payment(Decimal::new(100_000, 2))
        .compute()?;
    let search = PromotionSearch::builder()
        .application_id(app.id)
        .amount_financed(amount)
        .credit_type(app.credit_type.clone())
        .state(app.state.clone())
        .build();
    let found = client.promotions().search(&search).await?;
    println!(
        "with {} financed: {} promotions",
        examples::tour::money(amount.get(), "USD"),
        found.len()
    );

    // 3. Set the one with the lowest estimated monthly payment; check our
    //    own exact math agrees with the vendor's figure first.
    let best = lowest_payment(&found)
        .ok_or_else(|| Error::invalid_input("promotions", "none offered for this amount"))?;
    let ours = best.estimated_monthly_payment_for(amount)?;
    println!(
        "best: {} ({}), {}/month (recomputed: {})",
        best.id,
        best.name.as_deref().unwrap_or("(unnamed)"),
        examples::tour::money(best.estimated_monthly_payment, "USD"),
        examples::tour::money(ours, "USD")
    );
    client.promotions().set(app.id, &best.selection()).await?;
    println!("set promotion {} on application {}", best.id, app.id);

    // Errors are typed: a zero application id never leaves the process,
    // and the vendor's own refusals carry its message.
    match client.promotions().for_application(0).await {
        Err(Error::InvalidInput { field, reason }) => println!("refused locally: {field} {reason}"),
        other => println!("unexpected: {other:?}"),
    }
    match client.promotions().for_application(424_242).await {
        Err(e) if e.status().is_some_and(|s| s.as_u16() == 404) => println!("vendor said: {e}"),
        other => println!("unexpected: {other:?}"),
    }
    Ok(())
}
