//! Tour step 3: Promotions (Aqua Finance broker API).

use promotions_client::sandbox::Sandbox;
use promotions_client::{
    AmountFinanced, BodyEncoding, Client, CreditType, Decimal, Promotion, PromotionSearch, State,
    lowest_payment,
};

use forecourt_core::SecretString;

use super::{Context, Reporter, live_env, money};

/// `PROMOTIONS_BASE_URL`, `PROMOTIONS_API_KEY`, `PROMOTIONS_APPLICATION_ID`.
pub const LIVE_ENV: &[&str] = &[
    "PROMOTIONS_BASE_URL",
    "PROMOTIONS_API_KEY",
    "PROMOTIONS_APPLICATION_ID",
];

const VENDOR: &str = "Promotions";

fn describe(list: &[Promotion]) -> String {
    let best = lowest_payment(list)
        .map(|p| {
            format!(
                "; lowest {} a month ({})",
                money(p.estimated_monthly_payment, "USD"),
                p.name.as_deref().unwrap_or("unnamed")
            )
        })
        .unwrap_or_default();
    format!("{} promotions{best}", list.len())
}

/// Runs the Promotions steps.
pub async fn run(r: &mut Reporter, _ctx: &mut Context, live: bool) {
    r.section("3. Promotions: pick the cheapest promotion for the customer");
    let (client, application_id, _sandbox) = match live.then(|| live_env(LIVE_ENV)).flatten() {
        Some(env) => {
            r.target("live");
            let client = Client::builder()
                .base_url(env[0].as_str())
                .api_key(SecretString::from(env[1].clone()))
                .build();
            let Ok(id) = env[2].parse::<i64>() else {
                r.skipped(
                    VENDOR,
                    "all steps",
                    "PROMOTIONS_APPLICATION_ID is not a number",
                );
                return;
            };
            (client, id, None)
        }
        None => {
            r.target("sandbox");
            // the sandbox speaks both encodings; the tour uses the vendor's JWE bodies
            let sandbox = Sandbox::builder().encoding(BodyEncoding::Jwe).start().await;
            (sandbox.client(), Sandbox::APPLICATION_ID, Some(sandbox))
        }
    };
    let client = match client {
        Ok(c) => c,
        Err(e) => {
            r.skipped(VENDOR, "all steps", &e.to_string());
            return;
        }
    };
    let _ = r
        .step(
            VENDOR,
            format!("promotions for application {application_id}"),
            client.promotions().for_application(application_id),
            |l| describe(l),
        )
        .await;
    // The customer adds a trade-in and a bigger down payment: the amount
    // financed changes, so promotions must be fetched again (the vendor's rule).
    let amount = AmountFinanced::calculate()
        .selling_price(Decimal::new(16_990, 0))
        .down_payment(Decimal::new(2_500, 0))
        .sales_tax(Decimal::new(1_010, 0))
        .trade_in(Decimal::new(500, 0))
        .compute();
    let found = r
        .step(
            VENDOR,
            "search with the changed amount financed",
            async {
                let search = PromotionSearch::builder()
                    .application_id(application_id)
                    .amount_financed(amount?)
                    .credit_type(CreditType::Individual)
                    .state(State::Texas)
                    .build();
                client.promotions().search(&search).await
            },
            |l| describe(l),
        )
        .await;
    let Ok(found) = found else { return };
    let Some(best) = lowest_payment(&found) else {
        r.skipped(VENDOR, "set the best promotion", "no promotion offered");
        return;
    };
    let _ = r
        .step(
            VENDOR,
            "set the best promotion",
            client.promotions().set(application_id, &best.selection()),
            |_| {
                format!(
                    "{} ({}), {} a month, dealer fee {}",
                    best.name.as_deref().unwrap_or("unnamed"),
                    best.promo_code.as_deref().unwrap_or("no code"),
                    money(best.estimated_monthly_payment, "USD"),
                    money(best.dealer_fee, "USD")
                )
            },
        )
        .await;
}
