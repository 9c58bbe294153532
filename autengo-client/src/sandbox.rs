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

mod data;
mod qs;
mod routes;
use data::*;
pub use qs::parse_query;
use qs::*;
use routes::*;

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
