//! Tour step 5: Keyloop Manage Vehicle Contracts (the DMS).

use forecourt_core::SecretString;
use futures::TryStreamExt;
use jiff::civil::date;
use keyloop_contracts_client::sandbox::Sandbox;
use keyloop_contracts_client::{
    Client, Contract, ContractType, ContractUpdate, Mileage, NewContract, Price, Region,
};
use rust_decimal::Decimal;

use super::{Context, Reporter, live_env, money};

/// `KEYLOOP_REGION` (eu, af, ap), `KEYLOOP_CLIENT_ID`, `KEYLOOP_CLIENT_SECRET`,
/// `KEYLOOP_ENTERPRISE_ID`, `KEYLOOP_STORE_ID`, `KEYLOOP_VEHICLE_ID`.
pub const LIVE_ENV: &[&str] = &[
    "KEYLOOP_REGION",
    "KEYLOOP_CLIENT_ID",
    "KEYLOOP_CLIENT_SECRET",
    "KEYLOOP_ENTERPRISE_ID",
    "KEYLOOP_STORE_ID",
    "KEYLOOP_VEHICLE_ID",
];

const VENDOR: &str = "Keyloop";

fn region(name: &str) -> Region {
    match name.to_ascii_lowercase().as_str() {
        "af" => Region::Af,
        "ap" => Region::Ap,
        _ => Region::Eu,
    }
}

/// Runs the Keyloop steps.
pub async fn run(r: &mut Reporter, _ctx: &mut Context, live: bool) {
    r.section("5. Keyloop: record the service plan in the DMS");
    let mut _sandbox = None;
    let (built, vehicle) = match live.then(|| live_env(LIVE_ENV)).flatten() {
        Some(env) => {
            r.target("live");
            let built = Client::builder()
                .region(region(&env[0]))
                .client_id(env[1].as_str())
                .client_secret(SecretString::from(env[2].clone()))
                .enterprise_id(env[3].as_str())
                .store_id(env[4].as_str())
                .build();
            (built, env[5].clone())
        }
        None => {
            r.target("sandbox");
            let sandbox = Sandbox::start().await;
            let built = sandbox.client_builder().build();
            _sandbox = Some(sandbox);
            (built, Sandbox::VEHICLE_ID.to_owned())
        }
    };
    let client = match built {
        Ok(c) => c,
        Err(e) => {
            r.skipped(VENDOR, "all steps", &e.to_string());
            return;
        }
    };
    let contracts = client.contracts();
    let _ = r
        .step(
            VENDOR,
            format!("list the contracts of vehicle {vehicle}"),
            contracts
                .list(vehicle.as_str())
                .stream()
                .try_collect::<Vec<Contract>>(),
            |list| {
                let kinds: Vec<String> = list
                    .iter()
                    .map(|c| {
                        c.contract_type
                            .as_ref()
                            .map(|t| t.to_string())
                            .unwrap_or_default()
                    })
                    .collect();
                format!("{} contracts ({})", list.len(), kinds.join(", "))
            },
        )
        .await;
    let plan = NewContract::builder()
        .contract_type(ContractType::ServicePlan)
        .start_date(date(2026, 11, 23))
        .end_date(date(2029, 11, 22))
        .provider("Dealer service plan")
        .description("3 years, 3 services, parts and labour")
        .mileage_limit(Mileage::km(60_000))
        .price(Price::new(Decimal::new(49_900, 2), "EUR"))
        .build();
    let created = r
        .step(
            VENDOR,
            "add a service plan",
            contracts.create(&vehicle, &plan),
            |c| {
                let price = c
                    .price
                    .as_ref()
                    .map(|p| money(p.amount, &p.currency))
                    .unwrap_or_default();
                format!(
                    "{} until {}, {price}",
                    c.contract_id,
                    c.end_date.map(|d| d.to_string()).unwrap_or_default()
                )
            },
        )
        .await;
    let Ok(created) = created else { return };
    let change = ContractUpdate::builder()
        .end_date(date(2030, 11, 22))
        .build();
    let _ = r
        .step(
            VENDOR,
            "extend the service plan by a year",
            contracts.update(&vehicle, &created.contract_id, &change),
            |c| {
                format!(
                    "{} now ends {}",
                    c.contract_id,
                    c.end_date.map(|d| d.to_string()).unwrap_or_default()
                )
            },
        )
        .await;
}
