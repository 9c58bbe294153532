//! Tour step 1: Autengo (vehicle listings, contacts, leads).

use autengo_client::sandbox::Sandbox;
use autengo_client::{
    Client, Cmp, Column, ConditionType, ContactPost, ContactTitle, Dir, Language,
    OpportunityCustomer, OpportunityPost, TokenStyle, Vehicle,
};
use forecourt_core::SecretString;
use futures::TryStreamExt;
use jiff::civil::date;

use super::{Car, Context, Reporter, live_env, money};

/// `AUTENGO_API_KEY`, `AUTENGO_DEALER_ALZURA_ID`, `AUTENGO_USER_ALZURA_ID`
/// (optional `AUTENGO_BASE_URL`, default production).
pub const LIVE_ENV: &[&str] = &[
    "AUTENGO_API_KEY",
    "AUTENGO_DEALER_ALZURA_ID",
    "AUTENGO_USER_ALZURA_ID",
];

const VENDOR: &str = "Autengo";

fn live_client(env: &[String]) -> forecourt_core::Result<Client> {
    let id = |i: usize, field: &'static str| {
        env[i]
            .parse::<u64>()
            .map_err(|_| forecourt_core::Error::invalid_input(field, "is not a number"))
    };
    let mut b = Client::builder()
        .api_key(SecretString::from(env[0].clone()))
        .alzura_user(
            id(1, "AUTENGO_DEALER_ALZURA_ID")?,
            id(2, "AUTENGO_USER_ALZURA_ID")?,
            TokenStyle::Jwt,
        );
    if let Ok(url) = std::env::var("AUTENGO_BASE_URL") {
        b = b.base_url(url);
    }
    b.language(Language::En).build()
}

fn car_of(v: &Vehicle) -> Car {
    let fallback = Car::default();
    Car {
        selling_id: Some(v.selling_id.clone()),
        make: v.make_name.clone().unwrap_or(fallback.make),
        model: v.model_name.clone().unwrap_or(fallback.model),
        year: v
            .first_registration
            .and_then(|d| u16::try_from(d.year()).ok())
            .unwrap_or(fallback.year),
        price: v
            .dealer_price
            .or(v.recommended_retail_price)
            .unwrap_or(fallback.price),
        kilometers: v
            .kilometers
            .and_then(|k| u32::try_from(k).ok())
            .unwrap_or(fallback.kilometers),
        vin: v.vin.clone().unwrap_or(fallback.vin),
    }
}

/// Runs the Autengo steps.
pub async fn run(r: &mut Reporter, ctx: &mut Context, live: bool) {
    r.section("1. Autengo: find the car and record the lead");
    let mut _sandbox = None;
    let built = match live.then(|| live_env(LIVE_ENV)).flatten() {
        Some(env) => {
            r.target("live");
            live_client(&env)
        }
        None => {
            r.target("sandbox");
            // user tokens issued by /auth/token and refreshed before expiry
            let sandbox = Sandbox::builder()
                .issued_tokens(TokenStyle::Jwt)
                .start()
                .await;
            let built = sandbox.client_builder().language(Language::En).build();
            _sandbox = Some(sandbox);
            built
        }
    };
    let client = match built {
        Ok(c) => c,
        Err(e) => {
            r.skipped(VENDOR, "all steps", &e.to_string());
            return;
        }
    };
    let fords = r
        .step(
            VENDOR,
            "used Fords, 25,000-250,000 km, first registered 2017, newest first",
            client
                .vehicles()
                .list()
                .and(Column::MakeName, "Ford")
                .and(Column::ConditionType, ConditionType::Used)
                .and(Column::Kilometers, Cmp::Ge(25_000))
                .and(Column::Kilometers, Cmp::Le(250_000))
                .and(Column::FirstRegistration, Cmp::Ge(date(2017, 1, 1)))
                .and(Column::FirstRegistration, Cmp::Lt(date(2018, 1, 1)))
                .order(Column::Created, Dir::Desc)
                .limit(5) // small pages: the stream crosses several
                .stream()
                .try_collect::<Vec<Vehicle>>(),
            |list| match list.first() {
                Some(v) => {
                    let car = car_of(v);
                    format!(
                        "{} found across pages; chose {} {} {} with {} km at {}",
                        list.len(),
                        car.make,
                        car.model,
                        v.selling_id,
                        super::report::group_digits(&car.kilometers.to_string()),
                        money(car.price, "EUR")
                    )
                }
                None => "none found".to_owned(),
            },
        )
        .await;
    let Ok(fords) = fords else { return };
    let Some(chosen) = fords.first() else {
        r.skipped(VENDOR, "contact and opportunity", "no matching car");
        return;
    };
    ctx.car = car_of(chosen);
    let (first, last) = ctx.customer.clone();
    let contact = ContactPost::builder()
        .title(ContactTitle::Mr)
        .first_name(first.as_str())
        .last_name(last.as_str())
        .email("matti.meikalainen@example.com")
        .phone_number("+358 40 123 4567")
        .build();
    let _ = r
        .step(
            VENDOR,
            "create the customer's contact",
            client.contacts().create(&contact),
            |c| format!("contact {}", c.contact().id),
        )
        .await;
    let lead = OpportunityPost::builder()
        .selling_id(chosen.selling_id.clone())
        .request_text("Financing requested; test drive on Saturday.")
        .customer(
            OpportunityCustomer::builder()
                .first_name(first.as_str())
                .last_name(last.as_str())
                .email("matti.meikalainen@example.com")
                .build(),
        )
        .build();
    let _ = r
        .step(
            VENDOR,
            "create the opportunity for the car",
            client.opportunities().create(&lead),
            |o| {
                format!(
                    "opportunity {} for {}",
                    o.opportunity_id(),
                    chosen.selling_id
                )
            },
        )
        .await;
}
