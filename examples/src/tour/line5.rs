//! Tour step 4: Line5 (F&I products: quote, protection, finalize, loan).

use futures::TryStreamExt;
use line5_client::sandbox::Sandbox;
use line5_client::{
    AutoPay, BankTransfer, Client, Finalize, Id, NewCustomer, NewQuote, Quote,
    QuoteProtectionInput, SecretString, TemplateValues, VehicleInput,
};

use super::{Context, Reporter, live_env, money};

/// `LINE5_API_KEY` (optional `LINE5_BASE_URL`, default production).
pub const LIVE_ENV: &[&str] = &["LINE5_API_KEY"];

const VENDOR: &str = "Line5";

type BoxError = Box<dyn std::error::Error + Send + Sync>;

fn none(what: &str) -> BoxError {
    format!("the vendor returned no {what}").into()
}

/// Runs the Line5 steps.
pub async fn run(r: &mut Reporter, ctx: &mut Context, live: bool) {
    r.section("4. Line5: sell a protection product and finalize the loan");
    let mut _sandbox = None;
    let built = match live.then(|| live_env(LIVE_ENV)).flatten() {
        Some(env) => {
            r.target("live");
            let mut b = Client::builder().api_key(SecretString::from(env[0].clone()));
            if let Ok(url) = std::env::var("LINE5_BASE_URL") {
                b = b.base_url(url);
            }
            b.build()
        }
        None => {
            r.target("sandbox");
            let sandbox = Sandbox::start().await;
            let built = sandbox.client();
            _sandbox = Some(sandbox);
            built
        }
    };
    let line5 = match built {
        Ok(c) => c,
        Err(e) => {
            r.skipped(VENDOR, "all steps", &e.to_string());
            return;
        }
    };

    let Ok(users) = r
        .step(VENDOR, "list active users", line5.users().list(), |u| {
            format!("{} users", u.len())
        })
        .await
    else {
        return;
    };
    let Ok(protections) = r
        .step(
            VENDOR,
            "list protections",
            line5.protections().list(),
            |p| {
                let names: Vec<&str> = p.iter().filter_map(|p| p.name.as_deref()).collect();
                format!("{} ({})", p.len(), names.join(", "))
            },
        )
        .await
    else {
        return;
    };
    let (Some(seller), Some(protection)) = (users.first(), protections.first()) else {
        r.skipped(VENDOR, "quote", "no active user or no protection");
        return;
    };

    let new_quote = NewQuote::builder()
        .integration_loan_id(1001u64)
        .customer(
            NewCustomer::builder()
                .first_name(ctx.customer.0.as_str())
                .last_name(ctx.customer.1.as_str())
                .ssn("123-45-6785")
                .date_of_birth(jiff::civil::date(1980, 10, 23))
                .address_1("12 Anvil Dr.")
                .city("Albuquerque")
                .state("NM")
                .postal_code("87101")
                .email("matti.meikalainen@example.com")
                .cell_number("(888) 555-1212")
                .phone_number("(888) 555-1212")
                .build(),
        )
        .vehicle(
            VehicleInput::builder()
                .vin(ctx.car.vin.as_str())
                .mileage(ctx.car.kilometers)
                .build(),
        )
        .employee_id(seller.id.clone())
        .build();
    let Ok(quote) = r
        .step(
            VENDOR,
            "create a quote (runs the credit inquiry)",
            line5.quotes().create(&new_quote),
            |q| {
                let tier = q
                    .customer()
                    .and_then(|c| c.credit_score_tier.clone())
                    .map(|t| t.to_string())
                    .unwrap_or_else(|| "?".into());
                format!("quote {}, credit tier {tier}", q.id)
            },
        )
        .await
    else {
        return;
    };

    let rates = r
        .step(
            VENDOR,
            "get rates for the protection",
            line5.rates().get(&quote.id, &protection.id),
            |s| format!("{} coverages", s.coverages.len()),
        )
        .await;
    let Ok(rates) = rates else { return };

    let added = r
        .step(
            VENDOR,
            "add the quote protection and fill its template field",
            async {
                let coverage = rates.coverages.first().ok_or_else(|| none("coverage"))?;
                let deductible = coverage
                    .deductibles
                    .first()
                    .ok_or_else(|| none("deductible"))?;
                let mut input = QuoteProtectionInput::builder()
                    .quote_id(quote.id.clone())
                    .protection_label_id(protection.id.clone())
                    .coverage_id(coverage.id.clone())
                    .deductible_id(deductible.id.clone())
                    .price(deductible.retail_price.unwrap_or_default())
                    .months(coverage.term_months.unwrap_or(12))
                    .mileage(coverage.term_miles.unwrap_or(0))
                    .build();
                let mut quote: Quote = line5.quote_protections().create(&input).await?;
                let mut filled = 0;
                let protections: Vec<_> = quote.quote_protections().to_vec();
                for qp in protections {
                    let mut values = TemplateValues::new();
                    for field in qp.missing_template_fields() {
                        // checked against the field's validator before sending
                        values = values.set(field, "320.99")?;
                        filled += 1;
                    }
                    input.template = Some(values);
                    quote = line5.quote_protections().update(&qp.id, &input).await?;
                }
                Ok::<_, BoxError>((quote, filled))
            },
            |(q, filled)| {
                format!(
                    "{} protection(s) on quote {}, {filled} template field(s) filled",
                    q.quote_protection_ids().len(),
                    q.id
                )
            },
        )
        .await;
    if added.is_err() {
        return;
    }

    let finalize = Finalize::builder()
        .quote_id(quote.id.clone())
        .first_payment_date(jiff::civil::date(2027, 1, 15))
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
    let Ok(loan) = r
        .step(
            VENDOR,
            "finalize with ACH",
            line5.quotes().finalize(&finalize),
            |l| {
                format!(
                    "loan {} {}, {} a month",
                    l.id,
                    l.status.as_ref().map(|s| s.to_string()).unwrap_or_default(),
                    l.monthly_payment
                        .map(|m| money(m, "USD"))
                        .unwrap_or_else(|| "?".into())
                )
            },
        )
        .await
    else {
        return;
    };
    let loan_id: Id = loan.id.clone();
    let _ = r
        .step(VENDOR, "fetch the loan", line5.loans().get(&loan_id), |l| {
            let sheet = l.cover_sheet().map(|_| ", with cover sheet").unwrap_or("");
            format!(
                "loan {} {}{sheet}",
                l.id,
                l.status.as_ref().map(|s| s.to_string()).unwrap_or_default()
            )
        })
        .await;
    let _ = r
        .step(
            VENDOR,
            "list and download the loan packages",
            async {
                let mut total = 0usize;
                let packages = line5.loans().packages(&loan_id).await?;
                for package in &packages {
                    let mut stream = line5.loans().download_package(package).await?;
                    while let Some(chunk) = stream.try_next().await? {
                        total += chunk.len();
                    }
                }
                Ok::<_, forecourt_core::Error>((packages.len(), total))
            },
            |(n, bytes)| format!("{n} package(s), {bytes} bytes streamed"),
        )
        .await;
}
