//! A stateful in-process fake of the Autengo API v3 (feature `sandbox`).
//!
//! ```no_run
//! # async fn demo() -> autengo_client::Result<()> {
//! use autengo_client::{Column, sandbox::Sandbox};
//! let sandbox = Sandbox::start().await;
//! let client = sandbox.client_builder().build()?; // base URL + API key + a user token
//! let fords = client.vehicles().list().and(Column::MakeName, "Ford").send().await?;
//! assert!(fords.total > 0);
//! # Ok(())
//! # }
//! ```
//!
//! What it does:
//!
//! - **Vehicles**: [`DEFAULT_VEHICLE_COUNT`] (or
//!   [`SandboxBuilder::vehicle_count`]) deterministic generated vehicles.
//!   `GET /vehicle` parses the query the way `qs` does ([`parse_query`]) and
//!   really applies `search` (make, model, version, description, ids),
//!   `and`/`or` filters on every documented column with every operator
//!   (numbers, dates, date-times, booleans, text), `order` (default
//!   `created desc`, ties by selling id) and `offset`/`limit` (limit 1 to
//!   [`MAX_LIMIT`], default 25). Unknown columns, operators or values are a
//!   400. About one vehicle in 25 is a used Ford first registered in 2017
//!   with 25,000-250,000 km.
//! - **Makes and models** (`/vehicle/reference/...`; unknown make: 404),
//!   **filter values** (`fields[]`, default `makeId`; unknown field: 400).
//! - **Contacts**: create (`lastName` required), get, update (merges the
//!   sent fields), delete, by id and by `tecfacturaId`; unknown: 404.
//! - **Opportunities** for existing vehicles (unknown `sellingId`: 404).
//! - **Tokens**: `POST /auth/token` for [`Sandbox::DEALER_ALZURA_ID`] /
//!   [`Sandbox::USER_ALZURA_ID`] issues tokens living
//!   [`SandboxBuilder::token_lifetime`] (default 86400 s);
//!   `GET /auth/refresh` renews a valid one; [`Sandbox::expire_tokens`]
//!   ends them all now. [`Sandbox::USER_TOKEN`] is always valid.
//! - **Auth**: a missing or wrong `X-Api-Key` is a 401 on every path. A
//!   token (`Authorization: JWT <t>` or `X-Authorization: Bearer <t>`) that
//!   is unknown or expired is a 401 on every path; contacts and
//!   `/auth/refresh` require one.
//! - Errors answer `{"status": "error", "statusText": "..."}`.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use jiff::civil::{Date, DateTime};
use rust_decimal::Decimal;
use serde_json::{Map, Value, json};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

use crate::client::{ClientBuilder, TokenStyle};
use crate::{Client, SecretString};

/// How many vehicles a sandbox has unless configured otherwise.
pub const DEFAULT_VEHICLE_COUNT: usize = 300;
/// The largest `limit` the sandbox accepts.
pub const MAX_LIMIT: u64 = 250;
/// The `limit` when none is sent.
pub const DEFAULT_LIMIT: u64 = 25;

/// Configures a [`Sandbox`].
#[derive(Debug, Clone)]
pub struct SandboxBuilder {
    vehicle_count: usize,
    token_lifetime: Duration,
    seed: u64,
    issued_tokens: Option<TokenStyle>,
}

impl SandboxBuilder {
    /// How many vehicles to generate (default [`DEFAULT_VEHICLE_COUNT`]).
    pub fn vehicle_count(mut self, count: usize) -> Self {
        self.vehicle_count = count;
        self
    }

    /// How long issued tokens live (default 86400 s, as documented).
    pub fn token_lifetime(mut self, lifetime: Duration) -> Self {
        self.token_lifetime = lifetime;
        self
    }

    /// Makes [`Sandbox::client`] and [`Sandbox::client_builder`] sign in
    /// through the sandbox's `/auth/token` for the accepted dealer and
    /// user (presenting tokens as `style` says), instead of using the
    /// static [`USER_TOKEN`](Sandbox::USER_TOKEN).
    pub fn issued_tokens(mut self, style: TokenStyle) -> Self {
        self.issued_tokens = Some(style);
        self
    }

    /// Starts the sandbox.
    pub async fn start(self) -> Sandbox {
        self.start_with(MockServer::start().await).await
    }

    async fn start_with(self, server: MockServer) -> Sandbox {
        let issued_tokens = self.issued_tokens;
        let mut state = State::new(self.vehicle_count, self.token_lifetime);
        if self.seed != 0 {
            state.reseed(self.seed);
        }
        let state = Arc::new(Mutex::new(state));
        Mock::given(any())
            .respond_with(Router {
                state: state.clone(),
            })
            .mount(&server)
            .await;
        Sandbox {
            server,
            state,
            issued_tokens,
        }
    }
}

/// A running Autengo fake; see the [module docs](self).
pub struct Sandbox {
    server: MockServer,
    state: Arc<Mutex<State>>,
    issued_tokens: Option<TokenStyle>,
}

impl fmt::Debug for Sandbox {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Sandbox")
            .field("url", &self.url())
            .finish_non_exhaustive()
    }
}

/// An opportunity the sandbox received.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct SandboxOpportunity {
    /// The id it answered with.
    pub opportunity_id: u64,
    /// The vehicle.
    pub selling_id: String,
    /// The customer's last name.
    pub customer_last_name: String,
}

impl Sandbox {
    /// The API key the sandbox accepts.
    pub const API_KEY: &'static str = "sandbox-api-key";
    /// The dealer Alzura id `/auth/token` accepts.
    pub const DEALER_ALZURA_ID: u64 = 1_234_567_890;
    /// The user Alzura id `/auth/token` accepts.
    pub const USER_ALZURA_ID: u64 = 1_234_567_891;
    /// A user token that is always valid (either header style).
    pub const USER_TOKEN: &'static str = "sandbox-user-token";

    /// Starts a sandbox with the defaults.
    pub async fn start() -> Sandbox {
        Sandbox::builder().start().await
    }

    /// A builder for a configured sandbox.
    pub fn builder() -> SandboxBuilder {
        SandboxBuilder {
            vehicle_count: DEFAULT_VEHICLE_COUNT,
            seed: 0,
            token_lifetime: Duration::from_secs(86_400),
            issued_tokens: None,
        }
    }

    /// The base URL to pass to [`ClientBuilder::base_url`] (`http://127.0.0.1:<port>/v3`).
    pub fn url(&self) -> String {
        format!("{}/v3", self.server.uri())
    }

    /// The API key as a secret.
    pub fn api_key() -> SecretString {
        SecretString::from(Self::API_KEY)
    }

    /// A client builder for this sandbox, to change settings before
    /// `build()`: base URL, API key and the static
    /// [`USER_TOKEN`](Self::USER_TOKEN) as `Authorization: JWT`, or, if
    /// the sandbox was started with
    /// [`issued_tokens`](SandboxBuilder::issued_tokens), tokens issued by
    /// its `/auth/token` for the accepted dealer and user.
    pub fn client_builder(&self) -> ClientBuilder {
        let builder = Client::builder()
            .base_url(self.url())
            .api_key(Self::api_key());
        match self.issued_tokens {
            Some(style) => builder.alzura_user(Self::DEALER_ALZURA_ID, Self::USER_ALZURA_ID, style),
            None => builder.jwt(SecretString::from(Self::USER_TOKEN)),
        }
    }

    /// A ready client for this sandbox: [`client_builder`](Self::client_builder), built.
    pub fn client(&self) -> crate::Result<Client> {
        self.client_builder().build()
    }

    fn state(&self) -> MutexGuard<'_, State> {
        lock(&self.state)
    }

    /// Ends every issued token now (the static one stays valid).
    pub fn expire_tokens(&self) {
        let now = Instant::now();
        for until in self.state().tokens.values_mut() {
            *until = now;
        }
    }

    /// How many tokens `/auth/token` issued.
    pub fn tokens_issued(&self) -> usize {
        self.state().tokens_issued
    }

    /// How many tokens `/auth/refresh` issued.
    pub fn tokens_refreshed(&self) -> usize {
        self.state().tokens_refreshed
    }

    /// How many `GET /vehicle` calls were answered.
    pub fn list_requests(&self) -> usize {
        self.state().list_requests
    }

    /// The number of vehicles.
    pub fn vehicle_count(&self) -> usize {
        self.state().cars.len()
    }

    /// The selling ids of every vehicle, in generation order.
    pub fn selling_ids(&self) -> Vec<String> {
        self.state()
            .cars
            .iter()
            .map(|c| c.selling_id.clone())
            .collect()
    }

    /// The stored contacts (as the server would return them), by id.
    pub fn contacts(&self) -> BTreeMap<u64, Value> {
        self.state()
            .contacts
            .iter()
            .map(|(id, c)| (*id, Value::Object(c.clone())))
            .collect()
    }

    /// The opportunities received, in order.
    pub fn opportunities(&self) -> Vec<SandboxOpportunity> {
        self.state().opportunities.clone()
    }
}

fn lock(state: &Mutex<State>) -> MutexGuard<'_, State> {
    match state.lock() {
        Ok(g) => g,
        Err(poisoned) => poisoned.into_inner(),
    }
}

// ---------------------------------------------------------------- data

const MAKES: &[(u64, &str, &[&str])] = &[
    (190, "Audi", &["A3", "A4", "A6", "Q5"]),
    (191, "BMW", &["1er", "3er", "5er", "X3"]),
    (192, "Ford", &["Fiesta", "Focus", "Kuga", "Mondeo", "Puma"]),
    (193, "Mercedes-Benz", &["A-Klasse", "C-Klasse", "E-Klasse"]),
    (194, "Opel", &["Corsa", "Astra", "Insignia"]),
    (195, "Volkswagen", &["Polo", "Golf", "Passat", "Tiguan"]),
    (196, "Škoda", &["Fabia", "Octavia", "Superb"]),
];

const VERSIONS: &[&str] = &[
    "Titanium 1.0 EcoBoost",
    "Trend 1.5",
    "ST-Line 2.0 TDCi",
    "Comfort",
    "Sport 2.0",
    "Basis 1.2",
];

fn model_id(make_index: usize, model_index: usize) -> u64 {
    3800 + (make_index as u64) * 10 + model_index as u64
}

struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xD1B5_4A32_D192_ED03)
    }

    fn next(&mut self) -> u64 {
        // xorshift64*
        let mut x = self.0 | 1;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next() % n }
    }

    fn pick<T: Copy + Default>(&mut self, items: &[T]) -> T {
        let i = self.below(items.len() as u64) as usize;
        items.get(i).copied().unwrap_or_default()
    }
}

#[derive(Debug, Clone)]
struct Car {
    selling_id: String,
    internal_id: String,
    make_index: usize,
    model_index: usize,
    model_version: String,
    vehicle_state: &'static str,
    condition_type: &'static str,
    first_registration: Date,
    construction_date: Date,
    kilometers: u64,
    vehicle_type_id: u64,
    climatisation_type: &'static str,
    power_kw: u64,
    cubic_capacity: u64,
    door_count: u64,
    seat_count: u64,
    pollution_badge: u64,
    color_id: u64,
    interior_color_id: u64,
    is_metallic_color: bool,
    airbag_type: &'static str,
    interior_type: &'static str,
    fuel_type: &'static str,
    fuel_detail_type: &'static str,
    transmission_type: &'static str,
    is_damaged: bool,
    had_accident_damage: bool,
    has_full_service_history: bool,
    cylinders: u64,
    price: Decimal,
    is_plugin_hybrid: bool,
    is_e10_enabled: bool,
    drive_type: &'static str,
    previous_owner_count: u64,
    created: DateTime,
    updated: DateTime,
}

fn base36(mut n: u64, width: usize) -> String {
    const DIGITS: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let mut out = vec![b'0'; width];
    for slot in out.iter_mut().rev() {
        *slot = DIGITS[(n % 36) as usize];
        n /= 36;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn date_or_default(y: i16, m: i8, d: i8) -> Date {
    Date::new(y, m, d).unwrap_or_default()
}

impl Car {
    fn generate(i: usize) -> Car {
        Car::generate_seeded(i, 0)
    }

    /// Seed 0 is [`Car::generate`]'s data; others mix into the generator
    /// and offset the selling id (unique below 36^4 vehicles).
    fn generate_seeded(i: usize, seed: u64) -> Car {
        let mut rng = Rng::new((i as u64 + 1) ^ seed.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let tour_ford = i % 25 == 3;
        let make_index = if tour_ford {
            2
        } else {
            rng.below(MAKES.len() as u64) as usize
        };
        let models = MAKES.get(make_index).map(|m| m.2).unwrap_or(&[]);
        let model_index = rng.below(models.len() as u64) as usize;
        let condition_type = if tour_ford {
            "used"
        } else {
            rng.pick(&[
                "used",
                "used",
                "used",
                "new",
                "demonstration",
                "employeesCar",
            ])
        };
        let year = if tour_ford {
            2017
        } else {
            2010 + rng.below(15) as i16
        };
        let first_registration =
            date_or_default(year, 1 + rng.below(12) as i8, 1 + rng.below(28) as i8);
        let kilometers = match (tour_ford, condition_type) {
            (true, _) => 25_000 + rng.below(225_001),
            (false, "new") => rng.below(50),
            _ => 5_000 + rng.below(295_000),
        };
        let fuel_type = rng.pick(&[
            "gasoline",
            "gasoline",
            "diesel",
            "electric",
            "electricGasoline",
        ]);
        let fuel_detail_type = match fuel_type {
            "diesel" => "diesel",
            "electric" => "electric",
            _ => rng.pick(&["super95", "superE1095", "superPlus98"]),
        };
        let base = date_or_default(2024, 1, 1).at(8, 0, 0, 0);
        let created = base
            .checked_add(jiff::Span::new().minutes(i as i64 * 61))
            .unwrap_or(base);
        let updated = created
            .checked_add(jiff::Span::new().hours(rng.below(500) as i64))
            .unwrap_or(created);
        let euros = 4_000 + rng.below(56_000);
        let cents = if rng.below(2) == 0 { 0 } else { 50 };
        Car {
            selling_id: format!("AQ{}", base36((i as u64).wrapping_add(seed) % 1_679_616, 4)),
            internal_id: format!("SBX-{i:05}"),
            make_index,
            model_index,
            model_version: (rng.pick(VERSIONS)).to_owned(),
            vehicle_state: if tour_ford {
                "inventory"
            } else {
                rng.pick(&["inventory", "inventory", "incoming", "sold"])
            },
            condition_type,
            first_registration,
            construction_date: first_registration
                .checked_sub(jiff::Span::new().days(30 + rng.below(200) as i64))
                .unwrap_or(first_registration),
            kilometers,
            vehicle_type_id: 1 + rng.below(10),
            climatisation_type: rng.pick(&[
                "none",
                "airConditioning",
                "automaticClimateControl",
                "automaticClimateControl2",
            ]),
            power_kw: 50 + rng.below(250),
            cubic_capacity: if fuel_type == "electric" {
                0
            } else {
                999 + rng.below(2000)
            },
            door_count: rng.pick(&[3, 5, 5, 5]),
            seat_count: rng.pick(&[4, 5, 5, 7]),
            pollution_badge: 1 + rng.below(5),
            color_id: 1 + rng.below(14),
            interior_color_id: 1 + rng.below(14),
            is_metallic_color: rng.below(2) == 0,
            airbag_type: rng.pick(&[
                "driverAirbag",
                "frontAirbag",
                "driverSideAirbag",
                "driverSideOtherAirbag",
            ]),
            interior_type: rng.pick(&[
                "alcantara",
                "cloth",
                "fullLeather",
                "partialLeather",
                "velour",
                "other",
            ]),
            fuel_type,
            fuel_detail_type,
            transmission_type: rng.pick(&["automatic", "manual", "semiAutomatic"]),
            is_damaged: rng.below(10) == 0,
            had_accident_damage: rng.below(6) == 0,
            has_full_service_history: rng.below(3) != 0,
            cylinders: if fuel_type == "electric" {
                0
            } else {
                rng.pick(&[3, 4, 4, 6])
            },
            price: Decimal::new((euros * 100 + cents) as i64, 2),
            is_plugin_hybrid: fuel_type == "electricGasoline",
            is_e10_enabled: fuel_detail_type == "superE1095",
            drive_type: rng.pick(&["front", "front", "rear", "all"]),
            previous_owner_count: if condition_type == "new" {
                0
            } else {
                rng.below(5)
            },
            created,
            updated,
        }
    }

    fn make(&self) -> (u64, &'static str) {
        MAKES
            .get(self.make_index)
            .map(|m| (m.0, m.1))
            .unwrap_or((0, ""))
    }

    fn model(&self) -> (u64, &'static str) {
        let name = MAKES
            .get(self.make_index)
            .and_then(|m| m.2.get(self.model_index))
            .copied()
            .unwrap_or("");
        (model_id(self.make_index, self.model_index), name)
    }

    fn description(&self) -> String {
        format!(
            "{} {} {} — gepflegter Zustand",
            self.make().1,
            self.model().1,
            self.model_version
        )
    }

    /// The value of a filter/order column.
    fn column(&self, name: &str) -> Option<Val> {
        use Val::*;
        let num = |n: u64| Num(Decimal::from(n));
        Some(match name {
            "created" => Dt(self.created),
            "updated" => Dt(self.updated),
            "makeId" => num(self.make().0),
            "makeName" => Text(self.make().1.to_owned()),
            "modelId" => num(self.model().0),
            "modelName" => Text(self.model().1.to_owned()),
            "modelVersion" => Text(self.model_version.clone()),
            "vehicleState" => Text(self.vehicle_state.to_owned()),
            "firstRegistration" => Day(self.first_registration),
            "constructionDate" => Day(self.construction_date),
            "kilometers" => num(self.kilometers),
            "vehicleTypeId" => num(self.vehicle_type_id),
            "trimLine" => Text(
                self.model_version
                    .split(' ')
                    .next()
                    .unwrap_or("")
                    .to_owned(),
            ),
            "modelRange" => Text(self.model().1.to_owned()),
            "climatisationType" => Text(self.climatisation_type.to_owned()),
            "conditionType" => Text(self.condition_type.to_owned()),
            "powerKw" => num(self.power_kw),
            "cubicCapacity" => num(self.cubic_capacity),
            "doorCount" => num(self.door_count),
            "seatCount" => num(self.seat_count),
            "pollutionBadge" => num(self.pollution_badge),
            "colorId" => num(self.color_id),
            "isMetallicColor" => Flag(self.is_metallic_color),
            "airbagType" => Text(self.airbag_type.to_owned()),
            "interiorType" => Text(self.interior_type.to_owned()),
            "interiorColorId" => num(self.interior_color_id),
            "fuelType" => Text(self.fuel_type.to_owned()),
            "fuelDetailType" => Text(self.fuel_detail_type.to_owned()),
            "transmissionType" => Text(self.transmission_type.to_owned()),
            "isDamaged" => Flag(self.is_damaged),
            "hadAccidentDamage" => Flag(self.had_accident_damage),
            "isDrivable" => Flag(!self.is_damaged),
            "hasFullServiceHistory" => Flag(self.has_full_service_history),
            "cylinders" => num(self.cylinders),
            "price" => Num(self.price),
            "isPluginHybrid" => Flag(self.is_plugin_hybrid),
            "isE10Enabled" => Flag(self.is_e10_enabled),
            "driveType" => Text(self.drive_type.to_owned()),
            "previousOwnerCount" => num(self.previous_owner_count),
            _ => return None,
        })
    }

    fn matches_search(&self, needle: &str) -> bool {
        let needle = needle.to_lowercase();
        [
            self.make().1.to_owned(),
            self.model().1.to_owned(),
            self.model_version.clone(),
            self.description(),
            self.selling_id.clone(),
            self.internal_id.clone(),
        ]
        .iter()
        .any(|h| h.to_lowercase().contains(&needle))
    }

    fn to_json(&self, lang: Lang) -> Value {
        let t = |field: &str, key: &str| json!({"key": key, "text": text(lang, field, key)});
        let tn = |field: &str, key: u64| json!({"key": key, "text": text(lang, field, &key.to_string())});
        let price = self.price;
        let mut first = json!({
            "sellingId": self.selling_id,
            "internalId": self.internal_id,
            "branchId": 12345,
            "makeId": self.make().0,
            "makeName": self.make().1,
            "modelId": self.model().0,
            "modelName": self.model().1,
            "modelVersion": self.model_version,
            "trimLine": self.model_version.split(' ').next().unwrap_or(""),
            "modelRange": self.model().1,
            "constructionDate": self.construction_date.to_string(),
            "sourceType": "leasingReturn",
            "vehicleState": t("vehicleState", self.vehicle_state),
            "description": self.description(),
            "firstRegistration": self.first_registration.to_string(),
            "kilometers": self.kilometers,
            "vehicleTypeId": tn("vehicleTypeId", self.vehicle_type_id),
            "climatisationType": t("climatisationType", self.climatisation_type),
            "conditionType": t("conditionType", self.condition_type),
            "vin": format!("WF0XXXGCDX{:07}", self.internal_id.len() * 1000 + self.kilometers as usize % 1000),
            "powerKw": self.power_kw,
            "cubicCapacity": self.cubic_capacity,
            "doorCount": self.door_count,
            "seatCount": self.seat_count,
            "pollutionBadge": tn("pollutionBadge", self.pollution_badge),
            "emissionClass": tn("emissionClass", 9),
            "colorId": tn("colorId", self.color_id),
            "manufacturerColorName": "Sandbox-Blau",
            "isMetallicColor": self.is_metallic_color,
            "airbagType": t("airbagType", self.airbag_type),
            "interiorType": t("interiorType", self.interior_type),
            "interiorColorId": tn("colorId", self.interior_color_id),
            "fuelType": t("fuelType", self.fuel_type),
            "fuelDetailType": t("fuelDetailType", self.fuel_detail_type),
            "transmissionType": t("transmissionType", self.transmission_type),
            "isDamaged": self.is_damaged,
            "hadAccidentDamage": self.had_accident_damage,
            "isDrivable": !self.is_damaged,
            "nextInspection": format!("{}-{:02}", self.created.year() + 1, self.first_registration.month()),
            "isInspectionNew": false,
            "lastService": self.updated.date().to_string(),
            "hasFullServiceHistory": self.has_full_service_history,
        });
        let second = json!({
            "tyreType": t("tyreType", "allSeasonTyres"),
            "tyreBrand": "Sandbox Tyres",
            "tyreTreadL": 5.5,
            "tyreTreadR": "5.5",
            "tyreTreadBL": 4.8,
            "tyreTreadBR": "4.8",
            "warrantyExpiry": "2026-12-31",
            "tsn": "ADF",
            "hsn": 8566,
            "gears": 6,
            "cylinders": self.cylinders,
            "countryId": "DE",
            "deliveryDate": "2025-01-15",
            "deliveryPeriod": "sofort",
            "isNonSmoker": true,
            "particulateFilter": true,
            "isBioDieselSuitable": false,
            "isVegetableOilSuitable": false,
            "isPluginHybrid": self.is_plugin_hybrid,
            "isE10Enabled": self.is_e10_enabled,
            "weight": 1300,
            "hasSparewheel": false,
            "driveType": t("driveType", self.drive_type),
            "created": forecourt_core::serde_helpers::datetime::format_datetime(&self.created),
            "updated": forecourt_core::serde_helpers::datetime::format_datetime(&self.updated),
            "previousOwnerCount": self.previous_owner_count,
            "isWarrantyGranted": true,
            "isNetPrice": "NO",
            "isPriceNegotiable": "NO",
            "dealerPrice": raw_number(price),
            "equipment": [],
            "damages": "array",
            "documents": [],
            "ads": "array",
            "priceExport": raw_number(price),
            "recommendedRetailPrice": raw_number(price + Decimal::from(2000)),
            "priceYard": raw_number(price),
            "priceOverpass": raw_number(price),
            "slidingDoor": t("slidingDoor", "slidingDoorBoth"),
            "emissionsCombinedCo2Class": "C",
            "emissionsDischargedCo2Class": "C",
            "co2EmissionCombined": 120,
            "consumptionFuelCombined": 5.1,
            "energieCostFuelPrice": 1.75,
            "energieCostTax": 150
        });
        if let (Value::Object(a), Value::Object(b)) = (&mut first, second) {
            a.extend(b);
        }
        first
    }
}

/// A JSON number with the decimal's exact digits.
fn raw_number(d: Decimal) -> Value {
    serde_json::from_str(&d.to_string()).unwrap_or(Value::Null)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lang {
    De,
    En,
}

fn text(lang: Lang, field: &str, key: &str) -> String {
    let pair: Option<(&str, &str)> = match (field, key) {
        ("vehicleState", "incoming") => Some(("Im Zulauf", "Incoming")),
        ("vehicleState", "inventory") => Some(("Im Bestand", "In stock")),
        ("vehicleState", "sold") => Some(("Verkauft", "Sold")),
        ("conditionType", "new") => Some(("Neu", "New")),
        ("conditionType", "used") => Some(("Gebraucht", "Used")),
        ("conditionType", "demonstration") => Some(("Vorführwagen", "Demonstration car")),
        ("conditionType", "employeesCar") => Some(("Jahreswagen", "Employee's car")),
        ("fuelType", "gasoline") => Some(("Benzin", "Gasoline")),
        ("fuelType", "diesel") => Some(("Diesel", "Diesel")),
        ("fuelType", "electric") => Some(("Elektro", "Electric")),
        ("fuelType", "electricGasoline") => {
            Some(("Hybrid (Benzin/Elektro)", "Hybrid (gasoline/electric)"))
        }
        ("transmissionType", "automatic") => Some(("Automatik", "Automatic")),
        ("transmissionType", "manual") => Some(("Schaltgetriebe", "Manual")),
        ("transmissionType", "semiAutomatic") => Some(("Halbautomatik", "Semi-automatic")),
        ("driveType", "front") => Some(("Frontantrieb", "Front-wheel drive")),
        ("driveType", "rear") => Some(("Heckantrieb", "Rear-wheel drive")),
        ("driveType", "all") => Some(("Allrad", "All-wheel drive")),
        ("tyreType", "allSeasonTyres") => Some(("Ganzjahresreifen", "All-season tyres")),
        ("slidingDoor", "slidingDoorBoth") => Some(("Schiebetüren", "Sliding doors")),
        ("colorId", "7") => Some(("Blau", "Blue")),
        ("colorId", "1") => Some(("Schwarz", "Black")),
        ("colorId", "2") => Some(("Weiß", "White")),
        ("vehicleTypeId", "6") => Some(("Limousine", "Saloon")),
        _ => None,
    };
    match (pair, lang) {
        (Some((de, _)), Lang::De) => de.to_owned(),
        (Some((_, en)), Lang::En) => en.to_owned(),
        (None, _) => key.to_owned(),
    }
}

/// A column value, for filtering and ordering.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Val {
    Num(Decimal),
    Text(String),
    Day(Date),
    Dt(DateTime),
    Flag(bool),
}

impl Val {
    /// Parses a filter value as the same kind as `self`.
    fn parse_like(&self, text: &str) -> Option<Val> {
        Some(match self {
            Val::Num(_) => Val::Num(text.trim().parse().ok()?),
            Val::Text(_) => Val::Text(text.to_owned()),
            Val::Day(_) => Val::Day(text.trim().parse().ok()?),
            Val::Dt(_) => Val::Dt(
                forecourt_core::serde_helpers::datetime::parse_datetime(text)
                    .ok()
                    .or_else(|| text.trim().parse::<Date>().ok().map(|d| d.at(0, 0, 0, 0)))?,
            ),
            Val::Flag(_) => Val::Flag(match text.trim() {
                "true" | "1" => true,
                "false" | "0" => false,
                _ => return None,
            }),
        })
    }

    fn compare(&self, other: &Val) -> std::cmp::Ordering {
        match (self, other) {
            (Val::Text(a), Val::Text(b)) => a.to_lowercase().cmp(&b.to_lowercase()),
            _ => self.cmp(other),
        }
    }
}

// ---------------------------------------------------------------- qs parsing

use crate::query::PROTOTYPE_KEYS;

/// `qs`'s defaults: `depth` 5, `arrayLimit` 20, `parameterLimit` 1000.
const QS_DEPTH: usize = 5;
const QS_ARRAY_LIMIT: usize = 20;
const QS_PARAMETER_LIMIT: usize = 1000;

fn qs_decode(text: &str) -> String {
    let plus = text.replace('+', " ");
    let bytes = plus.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok());
            match hex {
                Some(b) => {
                    out.push(b);
                    i += 3;
                }
                // decodeURIComponent throws: qs keeps the text as it was
                None => return plus,
            }
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap_or(plus)
}

#[derive(Debug, Clone, PartialEq)]
enum Seg {
    Key(String),
    Append,
    Index(usize),
}

fn split_key(key: &str) -> Option<Vec<Seg>> {
    let (parent, mut rest) = match key.find('[') {
        // a leading bracket group is part of the parent, as in qs
        Some(0) | None => (key, ""),
        Some(i) => (&key[..i], &key[i..]),
    };
    if parent.is_empty() || PROTOTYPE_KEYS.contains(&parent) {
        return None;
    }
    let mut segs = vec![Seg::Key(parent.to_owned())];
    let mut depth = 0;
    while depth < QS_DEPTH && rest.starts_with('[') {
        let Some(close) = rest.find(']') else { break };
        let inner = &rest[1..close];
        if inner.contains('[') {
            break;
        }
        segs.push(if inner.is_empty() {
            Seg::Append
        } else if let Some(i) = inner
            .parse::<usize>()
            .ok()
            .filter(|i| i.to_string() == inner && *i <= QS_ARRAY_LIMIT)
        {
            Seg::Index(i)
        } else {
            if PROTOTYPE_KEYS.contains(&inner) {
                return None;
            }
            Seg::Key(inner.to_owned())
        });
        rest = &rest[close + 1..];
        depth += 1;
    }
    if !rest.is_empty() {
        segs.push(Seg::Key(format!(
            "[{}]",
            rest.trim_start_matches('[').trim_end_matches(']')
        )));
    }
    Some(segs)
}

fn array_to_object(items: Vec<Value>) -> Value {
    Value::Object(
        items
            .into_iter()
            .enumerate()
            .map(|(i, v)| (i.to_string(), v))
            .collect(),
    )
}

fn enforce_limit(node: &mut Value) {
    if let Value::Array(items) = node
        && items.len() > QS_ARRAY_LIMIT
    {
        *node = array_to_object(std::mem::take(items));
    }
}

fn next_index(map: &Map<String, Value>) -> String {
    map.keys()
        .filter_map(|k| k.parse::<usize>().ok())
        .max()
        .map(|m| m + 1)
        .unwrap_or(0)
        .to_string()
}

fn build(segs: &[Seg], leaf: String) -> Value {
    match segs.first() {
        None => Value::String(leaf),
        Some(Seg::Append) | Some(Seg::Index(_)) => Value::Array(vec![build(&segs[1..], leaf)]),
        Some(Seg::Key(k)) => {
            let mut m = Map::new();
            m.insert(k.clone(), build(&segs[1..], leaf));
            Value::Object(m)
        }
    }
}

fn insert(node: &mut Value, segs: &[Seg], leaf: String) {
    let Some(first) = segs.first() else {
        // combine a repeated key: a primitive and another become an array
        match &mut *node {
            Value::Array(items) => items.push(Value::String(leaf)),
            Value::Object(map) => {
                let k = next_index(map);
                map.insert(k, Value::String(leaf));
            }
            other => {
                let old = std::mem::take(other);
                *other = Value::Array(vec![old, Value::String(leaf)]);
            }
        }
        enforce_limit(node);
        return;
    };
    let rest = &segs[1..];
    match first {
        Seg::Append | Seg::Index(_) => match &mut *node {
            Value::Array(items) => {
                let index = match first {
                    Seg::Index(i) => Some(*i),
                    _ => None,
                };
                match index.and_then(|i| items.get_mut(i)) {
                    Some(existing) if !rest.is_empty() => insert(existing, rest, leaf),
                    _ => items.push(build(rest, leaf)),
                }
                enforce_limit(node);
            }
            Value::Object(map) => {
                let k = match first {
                    Seg::Index(i) => i.to_string(),
                    _ => next_index(map),
                };
                match map.get_mut(&k) {
                    Some(existing) => insert(existing, rest, leaf),
                    None => {
                        map.insert(k, build(rest, leaf));
                    }
                }
            }
            other => {
                let old = std::mem::take(other);
                *other = Value::Array(vec![old, build(rest, leaf)]);
                enforce_limit(node);
            }
        },
        Seg::Key(k) => {
            if let Value::Array(items) = node {
                *node = array_to_object(std::mem::take(items));
            }
            if !node.is_object() {
                *node = Value::Object(Map::new());
            }
            if let Value::Object(map) = node {
                match map.get_mut(k) {
                    Some(existing) => insert(existing, rest, leaf),
                    None => {
                        map.insert(k.clone(), build(rest, leaf));
                    }
                }
            }
        }
    }
}

/// Parses a query string the way `qs.parse` does with its defaults (depth 5,
/// arrayLimit 20 as in qs 6.14.1+, parameterLimit 1000, `+` as space,
/// Object.prototype keys dropped), into JSON: strings, arrays and objects.
pub fn parse_query(query: &str) -> Value {
    let mut root = Value::Object(Map::new());
    for part in query
        .split('&')
        .filter(|p| !p.is_empty())
        .take(QS_PARAMETER_LIMIT)
    {
        let pos = match part.find("]=") {
            Some(p) => Some(p + 1),
            None => part.find('='),
        };
        let (raw_key, raw_value) = match pos {
            Some(p) => (&part[..p], &part[p + 1..]),
            None => (part, ""),
        };
        let key = qs_decode(raw_key);
        let value = qs_decode(raw_value);
        let Some(segs) = split_key(&key) else {
            continue;
        };
        insert(&mut root, &segs, value);
    }
    root
}

// ---------------------------------------------------------------- state

struct State {
    cars: Vec<Car>,
    contacts: BTreeMap<u64, Map<String, Value>>,
    next_contact: u64,
    opportunities: Vec<SandboxOpportunity>,
    next_opportunity: u64,
    tokens: HashMap<String, Instant>,
    token_lifetime: Duration,
    tokens_issued: usize,
    tokens_refreshed: usize,
    list_requests: usize,
    seed: u64,
}

impl State {
    fn new(vehicle_count: usize, token_lifetime: Duration) -> Self {
        State {
            cars: (0..vehicle_count).map(Car::generate).collect(),
            contacts: BTreeMap::new(),
            next_contact: 1000,
            opportunities: Vec::new(),
            next_opportunity: 5000,
            tokens: HashMap::new(),
            token_lifetime,
            tokens_issued: 0,
            tokens_refreshed: 0,
            list_requests: 0,
            seed: 0,
        }
    }

    fn issue_token(&mut self) -> Value {
        let n = self.tokens_issued + self.tokens_refreshed + 1;
        let token = format!(
            "sbx-token-{n}-{}",
            base36(fastrand_like(n as u64 ^ self.seed), 6)
        );
        self.tokens
            .insert(token.clone(), Instant::now() + self.token_lifetime);
        json!({
            "token": token,
            "expires_in": self.token_lifetime.as_secs(),
            "token_type": "Bearer",
            "scope": "AutengoApiV3"
        })
    }
}

fn fastrand_like(n: u64) -> u64 {
    Rng::new(n ^ 0xA5A5).next() % 2_176_782_336
}

fn error(status: u16, message: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_json(json!({"status": "error", "statusText": message}))
}

fn ok(status: u16, body: Value) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_json(body)
}

struct Router {
    state: Arc<Mutex<State>>,
}

enum TokenCheck {
    Missing,
    Valid,
    Invalid,
}

fn header<'a>(req: &'a Request, name: &str) -> Option<&'a str> {
    req.headers.get(name).and_then(|v| v.to_str().ok())
}

impl Router {
    fn token(&self, req: &Request, state: &State) -> TokenCheck {
        let presented = match (header(req, "authorization"), header(req, "x-authorization")) {
            (Some(a), _) => a.strip_prefix("JWT "),
            (None, Some(x)) => x.strip_prefix("Bearer "),
            (None, None) => return TokenCheck::Missing,
        };
        let Some(token) = presented.map(str::trim) else {
            return TokenCheck::Invalid;
        };
        if token == Sandbox::USER_TOKEN
            || state
                .tokens
                .get(token)
                .is_some_and(|until| Instant::now() < *until)
        {
            TokenCheck::Valid
        } else {
            TokenCheck::Invalid
        }
    }

    fn route(&self, req: &Request) -> ResponseTemplate {
        let mut state = lock(&self.state);
        if header(req, "x-api-key") != Some(Sandbox::API_KEY) {
            return error(401, "Missing or invalid X-Api-Key");
        }
        let token = self.token(req, &state);
        if matches!(token, TokenCheck::Invalid) {
            return error(401, "Invalid or expired token");
        }
        let lang = match header(req, "accept-language").map(str::trim) {
            Some(l) if l.starts_with("en") => Lang::En,
            _ => Lang::De,
        };
        let Some(path) = req.url.path().strip_prefix("/v3") else {
            return error(404, "Not found");
        };
        let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
        let method = req.method.as_str();
        let needs_token =
            matches!(segments.first(), Some(&"contact")) || segments == ["auth", "refresh"];
        if needs_token && matches!(token, TokenCheck::Missing) {
            return error(401, "A user token is required");
        }
        if matches!(method, "POST" | "PUT")
            && !header(req, "content-type").is_some_and(|c| c.starts_with("application/json"))
        {
            return error(415, "Content-Type must be application/json");
        }
        let query = req.url.query().unwrap_or("");
        match (method, segments.as_slice()) {
            ("GET", ["vehicle"]) => list_vehicles(&mut state, query, lang),
            ("GET", ["vehicle", "reference", "make"]) => makes(),
            ("GET", ["vehicle", "reference", "make", id, "model"]) => models(id),
            ("GET", ["vehicle", "filter", "values"]) => filter_values(&state, query),
            ("GET", ["vehicle", id]) => match state.cars.iter().find(|c| c.selling_id == *id) {
                Some(car) => ok(200, json!({"vehicle": car.to_json(lang)})),
                None => error(404, "Vehicle not found"),
            },
            ("POST", ["opportunity"]) => create_opportunity(&mut state, &req.body),
            ("POST", ["contact"]) => create_contact(&mut state, &req.body),
            (m, ["contact", "tecfactura", tf]) => {
                let tf = qs_decode(tf);
                let id = state
                    .contacts
                    .iter()
                    .find(|(_, c)| {
                        c.get("tecfacturaId").and_then(Value::as_str) == Some(tf.as_str())
                    })
                    .map(|(id, _)| *id);
                match id {
                    Some(id) => contact_by_id(&mut state, m, id, &req.body),
                    None => error(404, "Contact not found"),
                }
            }
            (m, ["contact", id]) => match id.parse::<u64>() {
                Ok(id) if state.contacts.contains_key(&id) => {
                    contact_by_id(&mut state, m, id, &req.body)
                }
                Ok(_) => error(404, "Contact not found"),
                Err(_) => error(400, "Invalid contact id"),
            },
            ("POST", ["auth", "token"]) => {
                let body: Value = match serde_json::from_slice(&req.body) {
                    Ok(v) => v,
                    Err(_) => return error(400, "Invalid JSON body"),
                };
                let ids = (
                    body.get("dealerAlzuraId").and_then(Value::as_u64),
                    body.get("userAlzuraId").and_then(Value::as_u64),
                );
                match ids {
                    (Some(d), Some(u))
                        if d == Sandbox::DEALER_ALZURA_ID && u == Sandbox::USER_ALZURA_ID =>
                    {
                        state.tokens_issued += 1;
                        ok(200, state.issue_token())
                    }
                    (Some(_), Some(_)) => error(401, "Unknown dealer or user"),
                    _ => error(400, "dealerAlzuraId and userAlzuraId are required numbers"),
                }
            }
            ("GET", ["auth", "refresh"]) => {
                state.tokens_refreshed += 1;
                ok(200, state.issue_token())
            }
            _ => error(404, "Not found"),
        }
    }
}

impl Respond for Router {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        self.route(request)
    }
}

const FILTER_VALUE_FIELDS: &[&str] = &[
    "makeId",
    "modelId",
    "vehicleTypeId",
    "climatisationType",
    "conditionType",
    "fuelType",
    "transmissionType",
    "isPluginHybrid",
    "driveType",
];

fn makes() -> ResponseTemplate {
    let list: Vec<Value> = MAKES
        .iter()
        .map(|(id, name, _)| json!({"makeId": id, "makeName": name}))
        .collect();
    ok(200, json!({"total": list.len(), "list": list}))
}

fn models(id: &str) -> ResponseTemplate {
    let Ok(id) = id.parse::<u64>() else {
        return error(400, "Invalid makeId");
    };
    let Some((mi, (_, _, names))) = MAKES.iter().enumerate().find(|(_, m)| m.0 == id) else {
        return error(404, "Make not found");
    };
    let list: Vec<Value> = names
        .iter()
        .enumerate()
        .map(|(i, n)| json!({"modelId": model_id(mi, i), "modelName": n}))
        .collect();
    ok(200, json!({"total": list.len(), "list": list}))
}

fn strings(v: &Value) -> Option<Vec<String>> {
    match v {
        Value::String(s) => Some(vec![s.clone()]),
        Value::Array(items) => items
            .iter()
            .map(|i| i.as_str().map(str::to_owned))
            .collect(),
        _ => None,
    }
}

fn filter_values(state: &State, query: &str) -> ResponseTemplate {
    let q = parse_query(query);
    let fields = match q.get("fields") {
        None => vec!["makeId".to_owned()],
        Some(v) => match strings(v) {
            Some(f) => f,
            None => return error(400, "fields must be an array of field names"),
        },
    };
    let mut out = Map::new();
    for f in fields {
        if !FILTER_VALUE_FIELDS.contains(&f.as_str()) {
            return error(400, &format!("Invalid filter field: {f}"));
        }
        let mut values: Vec<Val> = state.cars.iter().filter_map(|c| c.column(&f)).collect();
        values.sort();
        values.dedup();
        let json_values: Vec<Value> = values
            .into_iter()
            .map(|v| match v {
                Val::Num(n) => raw_number(n),
                Val::Text(t) => Value::String(t),
                Val::Flag(b) => Value::Bool(b),
                Val::Day(d) => Value::String(d.to_string()),
                Val::Dt(d) => Value::String(d.to_string()),
            })
            .collect();
        out.insert(f, Value::Array(json_values));
    }
    ok(200, Value::Object(out))
}

/// Parses `op|value` for `column` (the operator defaults to `=`).
fn parse_condition(column: &str, sample: &Val, raw: &str) -> Result<(String, Val), String> {
    let (op, value) = match raw.split_once('|') {
        Some((op, v)) => (op, v),
        None => ("=", raw),
    };
    if !matches!(op, "=" | "<>" | "<" | "<=" | ">" | ">=") {
        return Err(format!("Invalid comparison operator for {column}"));
    }
    let v = sample
        .parse_like(value)
        .ok_or_else(|| format!("Invalid value for {column}"))?;
    Ok((op.to_owned(), v))
}

fn holds(op: &str, actual: &Val, expected: &Val) -> bool {
    use std::cmp::Ordering::*;
    let o = actual.compare(expected);
    match op {
        "=" => o == Equal,
        "<>" => o != Equal,
        "<" => o == Less,
        "<=" => o != Greater,
        ">" => o == Greater,
        ">=" => o != Less,
        _ => false,
    }
}

/// The conditions of an `and`/`or` block: `(column, op, value)`.
fn block(q: &Value, name: &str, sample: &Car) -> Result<Vec<(String, String, Val)>, String> {
    let Some(v) = q.get(name) else {
        return Ok(Vec::new());
    };
    let Value::Object(cols) = v else {
        return Err(format!("{name} must be an object"));
    };
    let mut out = Vec::new();
    for (col, raw) in cols {
        let sample_val = sample
            .column(col)
            .ok_or_else(|| format!("Unknown filter column: {col}"))?;
        let values = strings(raw).ok_or_else(|| format!("Invalid filter for {col}"))?;
        for r in values {
            let (op, v) = parse_condition(col, &sample_val, &r)?;
            out.push((col.clone(), op, v));
        }
    }
    Ok(out)
}

fn number_param(q: &Value, name: &str, default: u64) -> Result<u64, String> {
    match q.get(name) {
        None => Ok(default),
        Some(Value::String(s)) => s.parse().map_err(|_| format!("{name} must be a number")),
        Some(_) => Err(format!("{name} must be a number")),
    }
}

fn list_vehicles(state: &mut State, query: &str, lang: Lang) -> ResponseTemplate {
    state.list_requests += 1;
    let q = parse_query(query);
    let reference = Car::generate(0);
    let result = (|| -> Result<Value, String> {
        let and = block(&q, "and", &reference)?;
        let or = block(&q, "or", &reference)?;
        let search = match q.get("search") {
            None => None,
            Some(Value::String(s)) => Some(s.clone()),
            Some(_) => return Err("search must be a string".into()),
        };
        let (field, dir) = match q.get("order") {
            None => ("created".to_owned(), "desc".to_owned()),
            Some(o) => {
                let field = o.get("field").and_then(Value::as_str);
                let dir = o.get("dir").and_then(Value::as_str);
                match (field, dir) {
                    (Some(f), Some(d)) if d == "asc" || d == "desc" => {
                        if reference.column(f).is_none() {
                            return Err(format!("Unknown order column: {f}"));
                        }
                        (f.to_owned(), d.to_owned())
                    }
                    _ => return Err("order needs field and dir (asc or desc)".into()),
                }
            }
        };
        let offset = number_param(&q, "offset", 0)?;
        let limit = number_param(&q, "limit", DEFAULT_LIMIT)?;
        if limit == 0 || limit > MAX_LIMIT {
            return Err(format!("limit must be between 1 and {MAX_LIMIT}"));
        }
        let mut hits: Vec<&Car> = state
            .cars
            .iter()
            .filter(|c| {
                search
                    .as_deref()
                    .is_none_or(|s| s.trim().is_empty() || c.matches_search(s))
            })
            .filter(|c| {
                and.iter()
                    .all(|(col, op, v)| c.column(col).is_some_and(|a| holds(op, &a, v)))
            })
            .filter(|c| {
                or.is_empty()
                    || or
                        .iter()
                        .any(|(col, op, v)| c.column(col).is_some_and(|a| holds(op, &a, v)))
            })
            .collect();
        hits.sort_by(|a, b| {
            let o = match (a.column(&field), b.column(&field)) {
                (Some(x), Some(y)) => x.compare(&y),
                _ => std::cmp::Ordering::Equal,
            };
            let o = if dir == "desc" { o.reverse() } else { o };
            o.then_with(|| a.selling_id.cmp(&b.selling_id))
        });
        let total = hits.len();
        let list: Vec<Value> = hits
            .into_iter()
            .skip(usize::try_from(offset).unwrap_or(usize::MAX))
            .take(usize::try_from(limit).unwrap_or(usize::MAX))
            .map(|c| c.to_json(lang))
            .collect();
        Ok(json!({"total": total, "limit": limit, "offset": offset, "list": list}))
    })();
    match result {
        Ok(body) => ok(200, body),
        Err(message) => error(400, &message),
    }
}

// The sandbox answers its own errors as ready responses.
#[allow(clippy::result_large_err)]
fn json_object(body: &[u8]) -> Result<Map<String, Value>, ResponseTemplate> {
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(m)) => Ok(m),
        _ => Err(error(400, "The body must be a JSON object")),
    }
}

#[allow(clippy::result_large_err)]
fn check_contact(c: &Map<String, Value>, creating: bool) -> Result<(), ResponseTemplate> {
    let last = c.get("lastName").and_then(Value::as_str).unwrap_or("");
    if creating && last.trim().is_empty() {
        return Err(error(400, "lastName is required"));
    }
    let enums: &[(&str, &[&str])] = &[
        ("title", &["Mr", "Mrs"]),
        (
            "source",
            &[
                "walkIn",
                "mail",
                "platform",
                "phone",
                "offlineMarketing",
                "onlineMarketing",
            ],
        ),
        ("type", &["customer", "supplier", "partner", "prospect"]),
        (
            "salesTaxRegulation",
            &["reverseCharge", "taxless", "withTax"],
        ),
    ];
    for (field, allowed) in enums {
        if let Some(v) = c.get(*field)
            && !v.as_str().is_some_and(|s| allowed.contains(&s))
        {
            return Err(error(400, &format!("Invalid value for {field}")));
        }
    }
    if let Some(r) = c.get("customerRating")
        && !r.as_u64().is_some_and(|r| (1..=5).contains(&r))
    {
        return Err(error(400, "customerRating must be between 1 and 5"));
    }
    Ok(())
}

fn contact_body(c: &Map<String, Value>, text: &str) -> Value {
    json!({"status": "success", "statusText": text, "data": {"contact": c}})
}

fn create_contact(state: &mut State, body: &[u8]) -> ResponseTemplate {
    let mut c = match json_object(body) {
        Ok(c) => c,
        Err(e) => return e,
    };
    if let Err(e) = check_contact(&c, true) {
        return e;
    }
    if let Some(tf) = c.get("tecfacturaId").and_then(Value::as_str)
        && state
            .contacts
            .values()
            .any(|o| o.get("tecfacturaId").and_then(Value::as_str) == Some(tf))
    {
        return error(400, "tecfacturaId is already in use");
    }
    let id = state.next_contact;
    state.next_contact += 1;
    c.insert("ID".into(), json!(id));
    let out = contact_body(&c, "Contact created successfully");
    state.contacts.insert(id, c);
    ok(201, out)
}

fn contact_by_id(state: &mut State, method: &str, id: u64, body: &[u8]) -> ResponseTemplate {
    match method {
        "GET" => match state.contacts.get(&id) {
            Some(c) => ok(200, contact_body(c, "Contact loaded successfully")),
            None => error(404, "Contact not found"),
        },
        "PUT" => {
            let update = match json_object(body) {
                Ok(c) => c,
                Err(e) => return e,
            };
            if let Err(e) = check_contact(&update, false) {
                return e;
            }
            match state.contacts.get_mut(&id) {
                Some(c) => {
                    for (k, v) in update {
                        if k != "ID" {
                            c.insert(k, v);
                        }
                    }
                    ok(200, contact_body(c, "Contact updated successfully"))
                }
                None => error(404, "Contact not found"),
            }
        }
        "DELETE" => match state.contacts.remove(&id) {
            Some(_) => ok(
                200,
                json!({"status": "success", "statusText": "Contact deleted successfully"}),
            ),
            None => error(404, "Contact not found"),
        },
        _ => error(405, "Method not allowed"),
    }
}

fn create_opportunity(state: &mut State, body: &[u8]) -> ResponseTemplate {
    let o = match json_object(body) {
        Ok(o) => o,
        Err(e) => return e,
    };
    let Some(selling_id) = o.get("sellingId").and_then(Value::as_str) else {
        return error(400, "sellingId is required");
    };
    let last = o
        .get("customer")
        .and_then(|c| c.get("lastName"))
        .and_then(Value::as_str)
        .unwrap_or("");
    if last.trim().is_empty() {
        return error(400, "customer.lastName is required");
    }
    if o.get("sourceType").is_some_and(|s| !s.is_u64()) {
        return error(400, "sourceType must be a number");
    }
    if !state.cars.iter().any(|c| c.selling_id == selling_id) {
        return error(404, "Vehicle not found");
    }
    let id = state.next_opportunity;
    state.next_opportunity += 1;
    state.opportunities.push(SandboxOpportunity {
        opportunity_id: id,
        selling_id: selling_id.to_owned(),
        customer_last_name: last.to_owned(),
    });
    ok(
        200,
        json!({"status": "success", "data": {"opportunityId": id}}),
    )
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn parses_like_qs() {
        assert_eq!(
            parse_query(
                "and[kilometers][]=%3E%3D%7C25000&and[kilometers][]=%3C%3D%7C250000&search=a+b"
            ),
            json!({"and": {"kilometers": [">=|25000", "<=|250000"]}, "search": "a b"})
        );
        assert_eq!(parse_query("a=1&a=2"), json!({"a": ["1", "2"]}));
        assert_eq!(
            parse_query("a[b][c][d][e][f][g][h]=1"),
            json!({"a": {"b": {"c": {"d": {"e": {"f": {"[g][h]": "1"}}}}}}})
        );
        assert_eq!(
            parse_query("__proto__[x]=1&a[constructor]=2&b=%E0%A4%A"),
            json!({"b": "%E0%A4%A"})
        );
    }

    #[test]
    fn generation_is_deterministic_and_has_tour_fords() {
        let a: Vec<String> = (0..50).map(|i| Car::generate(i).selling_id).collect();
        let b: Vec<String> = (0..50).map(|i| Car::generate(i).selling_id).collect();
        assert_eq!(a, b);
        let fords = (0..300)
            .map(Car::generate)
            .filter(|c| c.make().1 == "Ford" && c.first_registration.year() == 2017)
            .filter(|c| (25_000..=250_000).contains(&c.kilometers))
            .count();
        assert!(fords >= 12, "{fords}");
    }
}

mod server;
pub use server::{HEALTH_PATH, VENDOR};
