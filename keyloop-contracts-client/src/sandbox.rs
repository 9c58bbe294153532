//! A stateful in-process fake of Keyloop Manage Vehicle Contracts v2
//! (feature `sandbox`), for examples and your own tests.
//!
//! ```no_run
//! use keyloop_contracts_client::sandbox::Sandbox;
//!
//! # async fn demo() -> keyloop_contracts_client::Result<()> {
//! let sandbox = Sandbox::start().await;
//! let keyloop = sandbox.client_builder().build()?; // or Client::builder().base_url(sandbox.url())...
//! let page = keyloop.contracts().list(Sandbox::VEHICLE_ID).send().await?;
//! assert_eq!(page.total_items, Some(2));
//! # Ok(())
//! # }
//! ```
//!
//! What it does, like Keyloop's gateway and API would:
//! - **Token endpoint** `POST /oauth/client_credential/accesstoken`: form
//!   body with `grant_type=client_credentials` (body or query),
//!   [`Sandbox::CLIENT_ID`] and [`Sandbox::CLIENT_SECRET`]; answers Apigee's
//!   token JSON (`expires_in`, `issued_at` as strings). Wrong credentials:
//!   `401 {"ErrorCode":"invalid_client","Error":"ClientId is Invalid"}`.
//!   Tokens expire after [`Sandbox::TOKEN_LIFETIME`] (or the lifetime given
//!   to [`SandboxBuilder::token_lifetime`]), or at once with
//!   [`Sandbox::expire_tokens`].
//! - **Contracts** under `/{enterpriseId}/{storeId}/v2/vehicles/{vehicleId}/contracts`:
//!   list (`page`, `pageSize`; `{totalItems, totalPages, items, links}`),
//!   get, create (POST), update (PATCH: the fields given), replace (PUT: the
//!   whole record). Stored per store: the same vehicle id in two stores has
//!   two sets of contracts. Values are stored verbatim, so amounts stay
//!   exact and unknown fields survive. The server adds `contractId`,
//!   `vehicleId`, `status` (`ACTIVE` unless given), `links`,
//!   `createdDateTime`, `updatedDateTime` and `dmsReference`.
//! - **Errors**: `401 {"fault":{"faultstring":"Invalid Access Token"}}` for
//!   a missing or unknown token, `"Access Token expired"` for an expired
//!   one; `404 {"code":"NOT_FOUND","message":..}` for an unknown store,
//!   vehicle or contract; `400 {"code":"VALIDATION_ERROR","message":..,"field":..}`
//!   for a bad body or query, or a missing `correlation-id` header; `415`
//!   for a body that is not JSON; Apigee's `404` fault for any other path.
//!
//! Seeded: enterprise [`Sandbox::ENTERPRISE_ID`]; store
//! [`Sandbox::STORE_ID`] with vehicle [`Sandbox::VEHICLE_ID`] (a
//! manufacturer warranty [`Sandbox::WARRANTY_CONTRACT_ID`] and a roadside
//! assistance contract) and [`Sandbox::EMPTY_VEHICLE_ID`] (none); store
//! [`Sandbox::OTHER_STORE_ID`] with its own, empty, [`Sandbox::VEHICLE_ID`].
//! Add more with [`Sandbox::add_vehicle`].

// A rejected request is answered with the ResponseTemplate carried in `Err`.
#![allow(clippy::result_large_err)]

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use serde::Serialize;
use serde_json::value::RawValue;
use serde_json::{Value, json};
use wiremock::matchers::{method, path, path_regex};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

use crate::client::ClientBuilder;
use crate::{Client, SecretString};

mod contracts;
mod data;
mod token;
use contracts::*;
use data::*;
use token::*;

type Stored = BTreeMap<String, Box<RawValue>>;

#[derive(Default)]
struct StoreData {
    vehicles: BTreeMap<String, Vec<Stored>>,
}

struct State {
    token_lifetime: Duration,
    tokens: HashMap<String, Instant>,
    next_token: u64,
    token_seed: u64,
    token_requests: u64,
    stores: BTreeMap<(String, String), StoreData>,
    next_contract: u64,
    last_on_behalf_of: Option<String>,
    last_correlation_id: Option<String>,
    base_url: String,
}

fn lock(state: &Mutex<State>) -> MutexGuard<'_, State> {
    match state.lock() {
        Ok(g) => g,
        Err(poisoned) => poisoned.into_inner(),
    }
}

/// Configures a [`Sandbox`]: `Sandbox::builder().token_lifetime(..).start().await`.
#[derive(Debug, Clone)]
pub struct SandboxBuilder {
    token_lifetime: Duration,
    seed: u64,
}

impl SandboxBuilder {
    /// How long issued tokens live (default [`Sandbox::TOKEN_LIFETIME`]).
    pub fn token_lifetime(mut self, lifetime: Duration) -> Self {
        self.token_lifetime = lifetime;
        self
    }

    /// Derives the random-looking part of issued tokens from `seed`
    /// (default 0, the tokens the tests know); the same seed gives the same
    /// tokens in the same order. See [`Sandbox::seed_tokens`].
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// Starts the sandbox.
    pub async fn start(self) -> Sandbox {
        let sandbox =
            Sandbox::start_with_token_lifetime(MockServer::start().await, self.token_lifetime)
                .await;
        sandbox.seed_tokens(self.seed);
        sandbox
    }
}

/// A running fake of Keyloop; stops when dropped. See the [module docs](self).
pub struct Sandbox {
    server: MockServer,
    state: Arc<Mutex<State>>,
}

impl fmt::Debug for Sandbox {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Sandbox")
            .field("url", &self.server.uri())
            .finish_non_exhaustive()
    }
}

impl Sandbox {
    /// The client id the sandbox accepts.
    pub const CLIENT_ID: &'static str = "sandbox-client-id";
    /// The client secret the sandbox accepts.
    pub const CLIENT_SECRET: &'static str = "sandbox-client-secret";
    /// The seeded enterprise (dealer group).
    pub const ENTERPRISE_ID: &'static str = "ENT-SANDBOX";
    /// The seeded store.
    pub const STORE_ID: &'static str = "STORE-1";
    /// A second store of the enterprise; its [`VEHICLE_ID`](Self::VEHICLE_ID) has no contracts.
    pub const OTHER_STORE_ID: &'static str = "STORE-2";
    /// A vehicle of [`STORE_ID`](Self::STORE_ID) with a manufacturer
    /// warranty and a roadside assistance contract.
    pub const VEHICLE_ID: &'static str = "VEH-1001";
    /// A vehicle of [`STORE_ID`](Self::STORE_ID) without contracts.
    pub const EMPTY_VEHICLE_ID: &'static str = "VEH-1002";
    /// The seeded manufacturer warranty of [`VEHICLE_ID`](Self::VEHICLE_ID).
    pub const WARRANTY_CONTRACT_ID: &'static str = "CTR-0001";
    /// How long tokens live unless [`SandboxBuilder::token_lifetime`] says otherwise.
    pub const TOKEN_LIFETIME: Duration = Duration::from_secs(3600);

    /// Starts a sandbox with the seeded data.
    pub async fn start() -> Sandbox {
        Sandbox::builder().start().await
    }

    /// A builder for a configured sandbox.
    pub fn builder() -> SandboxBuilder {
        SandboxBuilder {
            token_lifetime: Self::TOKEN_LIFETIME,
            seed: 0,
        }
    }

    /// Starts a sandbox whose tokens expire after `lifetime`.
    async fn start_with_token_lifetime(server: MockServer, lifetime: Duration) -> Sandbox {
        let state = Arc::new(Mutex::new(State {
            token_lifetime: lifetime,
            tokens: HashMap::new(),
            next_token: 0,
            token_seed: 0,
            token_requests: 0,
            stores: BTreeMap::new(),
            next_contract: 0,
            last_on_behalf_of: None,
            last_correlation_id: None,
            base_url: server.uri(),
        }));
        {
            let mut st = lock(&state);
            seed(&mut st);
        }
        Mock::given(method("POST"))
            .and(path(crate::paths::TOKEN.path()))
            .respond_with(TokenEndpoint {
                state: state.clone(),
            })
            .mount(&server)
            .await;
        Mock::given(path_regex(
            r"^/[^/]+/[^/]+/v2/vehicles/[^/]+/contracts(/[^/]+)?/?$",
        ))
        .respond_with(ContractsApi {
            state: state.clone(),
        })
        .mount(&server)
        .await;
        Mock::given(wiremock::matchers::any())
            .respond_with(NoProxy)
            .with_priority(u8::MAX)
            .mount(&server)
            .await;
        Sandbox { server, state }
    }

    /// The base URL to pass to [`ClientBuilder::base_url`].
    pub fn url(&self) -> String {
        self.server.uri()
    }

    /// A client builder set up for this sandbox: base URL, credentials,
    /// [`ENTERPRISE_ID`](Self::ENTERPRISE_ID) and [`STORE_ID`](Self::STORE_ID).
    pub fn client_builder(&self) -> ClientBuilder {
        Client::builder()
            .base_url(self.url())
            .client_id(Self::CLIENT_ID)
            .client_secret(SecretString::from(Self::CLIENT_SECRET))
            .enterprise_id(Self::ENTERPRISE_ID)
            .store_id(Self::STORE_ID)
    }

    /// A ready client for this sandbox: [`client_builder`](Self::client_builder), built.
    pub fn client(&self) -> crate::Result<Client> {
        self.client_builder().build()
    }

    /// Adds a vehicle (without contracts) to a store of
    /// [`ENTERPRISE_ID`](Self::ENTERPRISE_ID), creating the store if needed.
    pub fn add_vehicle(&self, store_id: &str, vehicle_id: &str) {
        let mut st = lock(&self.state);
        st.stores
            .entry((Self::ENTERPRISE_ID.to_owned(), store_id.to_owned()))
            .or_default()
            .vehicles
            .entry(vehicle_id.to_owned())
            .or_default();
    }

    /// Expires every token issued so far: the next call with one gets
    /// `401 Access Token expired`.
    pub fn expire_tokens(&self) {
        let mut st = lock(&self.state);
        let now = Instant::now();
        for at in st.tokens.values_mut() {
            *at = now;
        }
    }

    /// How many token requests reached the sandbox (refused ones included).
    pub fn token_requests(&self) -> u64 {
        lock(&self.state).token_requests
    }

    /// The stored contracts of a vehicle, as JSON text, in creation order
    /// (`None` for an unknown store or vehicle).
    pub fn stored_contracts(&self, store_id: &str, vehicle_id: &str) -> Option<Vec<String>> {
        let st = lock(&self.state);
        st.stores
            .get(&(Self::ENTERPRISE_ID.to_owned(), store_id.to_owned()))?
            .vehicles
            .get(vehicle_id)
            .map(|cs| {
                cs.iter()
                    .map(|c| serde_json::to_string(c).unwrap_or_default())
                    .collect()
            })
    }

    /// The `x-onbehalf-of` of the last contracts call (`None` if it had none).
    pub fn last_on_behalf_of(&self) -> Option<String> {
        lock(&self.state).last_on_behalf_of.clone()
    }

    /// The `correlation-id` of the last contracts call.
    pub fn last_correlation_id(&self) -> Option<String> {
        lock(&self.state).last_correlation_id.clone()
    }
}

mod server;
pub use server::{HEALTH_PATH, VENDOR};
