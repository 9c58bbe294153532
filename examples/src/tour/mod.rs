//! The tour: a realistic day at a dealership, across every vendor.
//!
//! 1. Autengo: find used Fords with 25,000–250,000 km first registered in
//!    2017, newest first, streamed across pages; create a contact and an
//!    opportunity for the chosen car.
//! 2. Autoloan Finland: submit a finance application, receive the
//!    `Approved` webhook, push the contract to Alfa 6 Cloud.
//! 3. Promotions: fetch promotions for the application, search with a
//!    changed amount financed, set the best one (lowest estimated payment).
//! 4. Line5: list users and protections, create a quote with a protection,
//!    get rates, add a quote protection and fill its template field,
//!    finalize with ACH, fetch the loan and its packages.
//! 5. Keyloop: list the vehicle's contracts, add a service plan, update it.
//!
//! Each vendor runs against its embedded sandbox unless `--live` is given
//! and the vendor's environment variables are set ([`LIVE_ENV`]).

pub mod autengo;
pub mod autoloan;
pub mod keyloop;
pub mod line5;
pub mod promotions;
pub mod report;

use rust_decimal::Decimal;

pub use report::{Output, Reporter, StepRecord, money};

/// The environment variables `--live` reads, per vendor. A vendor whose
/// variables are not all set runs against its sandbox.
pub const LIVE_ENV: &[(&str, &[&str])] = &[
    ("Autengo", autengo::LIVE_ENV),
    ("Autoloan", autoloan::LIVE_ENV),
    ("Promotions", promotions::LIVE_ENV),
    ("Line5", line5::LIVE_ENV),
    ("Keyloop", keyloop::LIVE_ENV),
];

/// How to run the tour.
#[derive(Debug, Clone, Copy)]
pub struct Config {
    /// How to print.
    pub output: Output,
    /// Use live vendors where their environment variables are set.
    pub live: bool,
}

/// The car the customer chose, carried from step to step.
#[derive(Debug, Clone)]
pub struct Car {
    /// The vendor's listing id, if it came from Autengo.
    pub selling_id: Option<String>,
    /// Make.
    pub make: String,
    /// Model.
    pub model: String,
    /// Year of first registration.
    pub year: u16,
    /// Price in euros.
    pub price: Decimal,
    /// Odometer in kilometres.
    pub kilometers: u32,
    /// Vehicle identification number.
    pub vin: String,
}

impl Default for Car {
    fn default() -> Self {
        Car {
            selling_id: None,
            make: "Ford".into(),
            model: "Focus".into(),
            year: 2017,
            price: Decimal::new(14_990, 0),
            kilometers: 48_000,
            vin: "WF0XXXGCDXHA12345".into(),
        }
    }
}

/// What the steps hand on to each other.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// The chosen car.
    pub car: Car,
    /// The customer's name, as the dealer typed it.
    pub customer: (String, String),
    /// The finance application's id at Autoloan Finland.
    pub application_id: Option<String>,
    /// The amount Autoloan Finland approved.
    pub approved_amount: Option<Decimal>,
}

/// Runs the whole tour and returns the report (check [`Reporter::all_ok`]).
pub async fn run(config: Config) -> Reporter {
    let mut r = Reporter::new(config.output);
    let mut ctx = Context {
        customer: ("Matti".into(), "Meikäläinen".into()),
        ..Context::default()
    };
    autengo::run(&mut r, &mut ctx, config.live).await;
    autoloan::run(&mut r, &mut ctx, config.live).await;
    promotions::run(&mut r, &mut ctx, config.live).await;
    line5::run(&mut r, &mut ctx, config.live).await;
    keyloop::run(&mut r, &mut ctx, config.live).await;
    r
}

/// Reads every variable in `names`, or `None` if one is missing.
pub fn live_env(names: &[&str]) -> Option<Vec<String>> {
    names
        .iter()
        .map(|n| std::env::var(n).ok().filter(|v| !v.is_empty()))
        .collect()
}
