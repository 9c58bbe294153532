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

fn raw(v: &Value) -> Box<RawValue> {
    // Value always serializes; the fallback is never used
    serde_json::value::to_raw_value(v).unwrap_or_else(|_| raw_null())
}

fn raw_null() -> Box<RawValue> {
    RawValue::from_string("null".to_owned()).unwrap_or_else(|_| Box::<RawValue>::default())
}

fn record(fields: Value) -> Stored {
    match fields {
        Value::Object(m) => m.iter().map(|(k, v)| (k.clone(), raw(v))).collect(),
        _ => Stored::new(),
    }
}

fn seed(st: &mut State) {
    let key = (
        Sandbox::ENTERPRISE_ID.to_owned(),
        Sandbox::STORE_ID.to_owned(),
    );
    let warranty = record(json!({
        "contractType": "MANUFACTURER_WARRANTY",
        "status": "ACTIVE",
        "contractNumber": "MW-2023-118842",
        "provider": "Manufacturer",
        "description": "3 years / 100,000 km manufacturer warranty",
        "startDate": "2023-03-01",
        "endDate": "2026-02-28",
        "mileageLimit": {"unit": "KM", "value": 100000},
        "warrantyCode": "MW3Y"
    }));
    let roadside = record(json!({
        "contractType": "ROADSIDE_ASSISTANCE",
        "status": "ACTIVE",
        "contractNumber": "RA-77120",
        "provider": "Roadside Partners",
        "description": "European roadside assistance",
        "startDate": "2023-03-01",
        "endDate": "2026-02-28"
    }));
    let mut contracts = Vec::new();
    for fields in [warranty, roadside] {
        st.next_contract += 1;
        let id = format!("CTR-{:04}", st.next_contract);
        let mut c = finish_new(st.next_contract, Sandbox::VEHICLE_ID, fields);
        c.insert(
            "links".into(),
            raw(&self_link(
                &st.base_url,
                Sandbox::ENTERPRISE_ID,
                Sandbox::STORE_ID,
                Sandbox::VEHICLE_ID,
                &id,
            )),
        );
        contracts.push(c);
    }
    let store = st.stores.entry(key).or_default();
    store
        .vehicles
        .insert(Sandbox::VEHICLE_ID.to_owned(), contracts);
    store
        .vehicles
        .insert(Sandbox::EMPTY_VEHICLE_ID.to_owned(), Vec::new());
    st.stores
        .entry((
            Sandbox::ENTERPRISE_ID.to_owned(),
            Sandbox::OTHER_STORE_ID.to_owned(),
        ))
        .or_default()
        .vehicles
        .insert(Sandbox::VEHICLE_ID.to_owned(), Vec::new());
}

/// Adds the server's fields to new record number `n`.
fn finish_new(n: u64, vehicle_id: &str, mut fields: Stored) -> Stored {
    let id = format!("CTR-{n:04}");
    fields.insert("contractId".into(), raw(&json!(id)));
    fields.insert("vehicleId".into(), raw(&json!(vehicle_id)));
    fields
        .entry("status".into())
        .or_insert_with(|| raw(&json!("ACTIVE")));
    let now = jiff::Timestamp::now().to_string();
    fields.insert("createdDateTime".into(), raw(&json!(now)));
    fields.insert("updatedDateTime".into(), raw(&json!(now)));
    fields.insert(
        "dmsReference".into(),
        raw(&json!(format!("AD-{}", 500_000 + n))),
    );
    fields
}

fn self_link(base: &str, enterprise: &str, store: &str, vehicle: &str, id: &str) -> Value {
    json!([{
        "method": "GET",
        "rel": "self",
        "href": format!("{base}/{enterprise}/{store}/v2/vehicles/{vehicle}/contracts/{id}"),
        "title": "Contract"
    }])
}

fn text_of(stored: &Stored, key: &str) -> Option<String> {
    stored
        .get(key)
        .and_then(|r| serde_json::from_str::<String>(r.get()).ok())
}

fn json_response(status: u16, body: &impl Serialize) -> ResponseTemplate {
    let bytes = serde_json::to_vec(body).unwrap_or_default();
    ResponseTemplate::new(status).set_body_raw(bytes, "application/json")
}

fn api_error(status: u16, code: &str, message: &str) -> ResponseTemplate {
    json_response(status, &json!({"code": code, "message": message}))
}

fn invalid(field: &str, message: &str) -> ResponseTemplate {
    json_response(
        400,
        &json!({"code": "VALIDATION_ERROR", "message": format!("{field} {message}"), "field": field}),
    )
}

fn fault(status: u16, faultstring: &str, errorcode: &str) -> ResponseTemplate {
    json_response(
        status,
        &json!({"fault": {"faultstring": faultstring, "detail": {"errorcode": errorcode}}}),
    )
}

fn header<'a>(request: &'a Request, name: &str) -> Option<&'a str> {
    request.headers.get(name).and_then(|v| v.to_str().ok())
}

fn percent_decode(segment: &str) -> String {
    let bytes = segment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
            if let Some(v) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(b);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

struct TokenEndpoint {
    state: Arc<Mutex<State>>,
}

fn oauth_error(status: u16, code: &str, message: &str) -> ResponseTemplate {
    json_response(status, &json!({"ErrorCode": code, "Error": message}))
}

impl Respond for TokenEndpoint {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let mut st = lock(&self.state);
        st.token_requests += 1;
        let is_form = header(request, "content-type")
            .is_some_and(|ct| ct.starts_with("application/x-www-form-urlencoded"));
        if !is_form {
            return oauth_error(
                400,
                "invalid_request",
                "Content-Type must be application/x-www-form-urlencoded",
            );
        }
        let query: Vec<(String, String)> = request.url.query_pairs().into_owned().collect();
        if query.iter().any(|(k, _)| k == "client_secret") {
            return oauth_error(
                400,
                "invalid_request",
                "client_secret must not be sent in the query",
            );
        }
        let Ok(form) = serde_urlencoded::from_bytes::<Vec<(String, String)>>(&request.body) else {
            return oauth_error(400, "invalid_request", "The form body could not be read");
        };
        let get = |name: &str| {
            form.iter()
                .chain(query.iter())
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.as_str())
        };
        if get("grant_type") != Some("client_credentials") {
            return oauth_error(400, "invalid_request", "Unsupported grant type");
        }
        if get("client_id") != Some(Sandbox::CLIENT_ID) {
            return oauth_error(401, "invalid_client", "ClientId is Invalid");
        }
        if get("client_secret") != Some(Sandbox::CLIENT_SECRET) {
            return oauth_error(401, "invalid_client", "Client credentials are invalid");
        }
        st.next_token += 1;
        let token = format!(
            "sbx-token-{}-{:016x}",
            st.next_token,
            fastrand_like(st.next_token ^ st.token_seed)
        );
        let lifetime = st.token_lifetime;
        st.tokens.insert(token.clone(), Instant::now() + lifetime);
        let issued = jiff::Timestamp::now().as_millisecond();
        json_response(
            200,
            &json!({
                "refresh_token_expires_in": "0",
                "api_product_list": "[manage-vehicle-contracts-v2]",
                "organization_name": "keyloop",
                "developer.email": "sandbox@example.invalid",
                "token_type": "BearerToken",
                "issued_at": issued.to_string(),
                "client_id": Sandbox::CLIENT_ID,
                "access_token": token,
                "application_name": "sandbox-app",
                "scope": "",
                "expires_in": lifetime.as_secs().to_string(),
                "refresh_count": "0",
                "status": "approved"
            }),
        )
    }
}

/// A cheap, deterministic scrambler so tokens do not look sequential.
fn fastrand_like(n: u64) -> u64 {
    let mut x = n.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    x ^= x >> 29;
    x.wrapping_mul(0xBF58_476D_1CE4_E5B9)
}

struct NoProxy;

impl Respond for NoProxy {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        fault(
            404,
            &format!(
                "Unable to identify proxy for host: sandbox and url: {}",
                request.url.path()
            ),
            "messaging.adaptors.http.flow.ApplicationNotFound",
        )
    }
}

struct ContractsApi {
    state: Arc<Mutex<State>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ListBody<'a> {
    total_items: usize,
    total_pages: usize,
    items: Vec<&'a Stored>,
    links: Vec<Value>,
}

const CONTRACT_TYPES: &[&str] = &[
    "MANUFACTURER_WARRANTY",
    "EXTENDED_WARRANTY",
    "SERVICE_PLAN",
    "MAINTENANCE_PLAN",
    "ROADSIDE_ASSISTANCE",
    "INSURANCE",
    "OTHER",
];
const STATUSES: &[&str] = &["ACTIVE", "EXPIRED", "CANCELLED", "PENDING"];

enum Mode {
    Create,
    Patch,
    Replace,
}

/// Checks the fields of a body; `Err` is the response to send.
fn validate(fields: &Stored, mode: &Mode) -> Result<(), ResponseTemplate> {
    let value = |k: &str| -> Option<Value> {
        fields
            .get(k)
            .and_then(|r| serde_json::from_str::<Value>(r.get()).ok())
    };
    let required: &[&str] = match mode {
        Mode::Create => &["contractType", "startDate"],
        Mode::Replace => &["contractType"],
        Mode::Patch => &[],
    };
    for r in required {
        if value(r).is_none_or(|v| v.is_null()) {
            return Err(invalid(r, "is required"));
        }
    }
    if matches!(mode, Mode::Patch) {
        for k in ["contractType", "contractId", "vehicleId"] {
            if value(k).is_some_and(|v| v.is_null()) {
                return Err(invalid(k, "cannot be removed"));
            }
        }
    }
    let enum_field = |k: &str, allowed: &[&str]| -> Result<(), ResponseTemplate> {
        match value(k) {
            None | Some(Value::Null) => Ok(()),
            Some(Value::String(s)) if allowed.contains(&s.as_str()) => Ok(()),
            Some(_) => Err(invalid(
                k,
                &format!("must be one of {}", allowed.join(", ")),
            )),
        }
    };
    enum_field("contractType", CONTRACT_TYPES)?;
    enum_field("status", STATUSES)?;
    let mut dates = [None, None];
    for (i, k) in ["startDate", "endDate"].iter().enumerate() {
        match value(k) {
            None | Some(Value::Null) => {}
            Some(Value::String(s)) => {
                match forecourt_core::serde_helpers::datetime::parse_date_lenient(&s) {
                    Ok(d) => dates[i] = Some(d),
                    Err(_) => return Err(invalid(k, "must be a date like 2024-05-31")),
                }
            }
            Some(_) => return Err(invalid(k, "must be a date like 2024-05-31")),
        }
    }
    if let [Some(start), Some(end)] = dates
        && end < start
    {
        return Err(invalid("endDate", "must not be before startDate"));
    }
    for k in ["contractNumber", "provider", "description"] {
        match value(k) {
            None | Some(Value::Null) => {}
            Some(Value::String(s)) if !s.trim().is_empty() => {}
            Some(_) => return Err(invalid(k, "must be a non-empty string")),
        }
    }
    match value("mileageLimit") {
        None | Some(Value::Null) => {}
        Some(m) => {
            let unit_ok = m
                .get("unit")
                .and_then(Value::as_str)
                .is_some_and(|u| u == "KM" || u == "MI");
            let value_ok = m
                .get("value")
                .and_then(Value::as_u64)
                .is_some_and(|v| v > 0);
            if !unit_ok || !value_ok {
                return Err(invalid(
                    "mileageLimit",
                    "must be {\"unit\": \"KM\"|\"MI\", \"value\": a positive whole number}",
                ));
            }
        }
    }
    if let Some(raw_price) = fields.get("price") {
        let p: Value = serde_json::from_str(raw_price.get()).unwrap_or(Value::Null);
        if !p.is_null() {
            let amount_ok = p
                .get("amount")
                .and_then(Value::as_f64)
                .is_some_and(|a| a >= 0.0);
            let currency_ok = p
                .get("currency")
                .and_then(Value::as_str)
                .is_some_and(|c| c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase()));
            if !amount_ok || !currency_ok {
                return Err(invalid(
                    "price",
                    "must be {\"amount\": a number not below 0, \"currency\": an ISO 4217 code}",
                ));
            }
        }
    }
    Ok(())
}

impl Respond for ContractsApi {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let mut st = lock(&self.state);
        // the gateway: a valid, unexpired bearer token
        let token = header(request, "authorization").and_then(|h| h.strip_prefix("Bearer "));
        let Some(token) = token else {
            return fault(401, "Invalid access token", "oauth.v2.InvalidAccessToken");
        };
        match st.tokens.get(token) {
            None => {
                return fault(
                    401,
                    "Invalid Access Token",
                    "keymanagement.service.invalid_access_token",
                );
            }
            Some(expires) if *expires <= Instant::now() => {
                return fault(
                    401,
                    "Access Token expired",
                    "keymanagement.service.access_token_expired",
                );
            }
            Some(_) => {}
        }
        // the API
        let Some(correlation) = header(request, "correlation-id").filter(|c| !c.trim().is_empty())
        else {
            return invalid("correlation-id", "header is required");
        };
        st.last_correlation_id = Some(correlation.to_owned());
        st.last_on_behalf_of = header(request, "x-onbehalf-of").map(str::to_owned);

        let segments: Vec<String> = request
            .url
            .path()
            .trim_matches('/')
            .split('/')
            .map(percent_decode)
            .collect();
        let (enterprise, store, vehicle, contract_id) = match segments.as_slice() {
            [e, s, _v2, _vehicles, v, _contracts] => (e.clone(), s.clone(), v.clone(), None),
            [e, s, _v2, _vehicles, v, _contracts, c] => {
                (e.clone(), s.clone(), v.clone(), Some(c.clone()))
            }
            _ => return api_error(404, "NOT_FOUND", "Resource not found"),
        };
        let base = st.base_url.clone();
        let method = request.method.as_str().to_owned();
        let body_fields = if matches!(method.as_str(), "POST" | "PATCH" | "PUT") {
            let is_json = header(request, "content-type")
                .is_some_and(|ct| ct.starts_with("application/json"));
            if !is_json {
                return api_error(
                    415,
                    "UNSUPPORTED_MEDIA_TYPE",
                    "Content-Type must be application/json",
                );
            }
            match serde_json::from_slice::<Stored>(&request.body) {
                Ok(f) => Some(f),
                Err(_) => return api_error(400, "BAD_REQUEST", "The body must be a JSON object"),
            }
        } else {
            None
        };
        let query: Vec<(String, String)> = request.url.query_pairs().into_owned().collect();

        let mut next_contract = st.next_contract;
        let Some(store_data) = st.stores.get_mut(&(enterprise.clone(), store.clone())) else {
            return api_error(404, "NOT_FOUND", "Store not found");
        };
        let Some(contracts) = store_data.vehicles.get_mut(&vehicle) else {
            return api_error(404, "NOT_FOUND", "Vehicle not found");
        };

        let response = match (method.as_str(), contract_id, body_fields) {
            ("GET", None, _) => list(contracts, &query, &base, &enterprise, &store, &vehicle),
            ("POST", None, Some(mut fields)) => {
                if fields.contains_key("contractId") {
                    return invalid("contractId", "is assigned by the server");
                }
                if let Err(r) = validate(&fields, &Mode::Create) {
                    return r;
                }
                if let Some(v) = text_of(&fields, "vehicleId")
                    && v != vehicle
                {
                    return invalid("vehicleId", "does not match the path");
                }
                fields.remove("links");
                next_contract += 1;
                let mut stored = finish_new(next_contract, &vehicle, fields);
                let id = text_of(&stored, "contractId").unwrap_or_default();
                stored.insert(
                    "links".into(),
                    raw(&self_link(&base, &enterprise, &store, &vehicle, &id)),
                );
                contracts.push(stored);
                contracts
                    .last()
                    .map(|c| json_response(201, c))
                    .unwrap_or_else(|| api_error(500, "ERROR", "not stored"))
            }
            ("GET", Some(id), _) => match find(contracts, &id) {
                Some(c) => json_response(200, c),
                None => api_error(404, "NOT_FOUND", "Contract not found"),
            },
            ("PATCH", Some(id), Some(fields)) => {
                let Some(current) = find_mut(contracts, &id) else {
                    return api_error(404, "NOT_FOUND", "Contract not found");
                };
                if let Err(r) = validate(&fields, &Mode::Patch) {
                    return r;
                }
                for k in ["contractId", "vehicleId"] {
                    if fields.contains_key(k) && text_of(&fields, k) != text_of(current, k) {
                        return invalid(k, "cannot be changed");
                    }
                }
                let mut merged = current.clone();
                for (k, v) in fields {
                    if k == "links" {
                        continue;
                    }
                    if v.get().trim() == "null" {
                        merged.remove(&k);
                    } else {
                        merged.insert(k, v);
                    }
                }
                // the merged record must still be whole
                if let Err(r) = validate(&merged, &Mode::Replace) {
                    return r;
                }
                merged.insert(
                    "updatedDateTime".into(),
                    raw(&json!(jiff::Timestamp::now().to_string())),
                );
                *current = merged;
                json_response(200, &*current)
            }
            ("PUT", Some(id), Some(mut fields)) => {
                let Some(current) = find_mut(contracts, &id) else {
                    return api_error(404, "NOT_FOUND", "Contract not found");
                };
                if let Err(r) = validate(&fields, &Mode::Replace) {
                    return r;
                }
                if fields.contains_key("contractId")
                    && text_of(&fields, "contractId").as_deref() != Some(id.as_str())
                {
                    return invalid("contractId", "does not match the path");
                }
                if fields.contains_key("vehicleId")
                    && text_of(&fields, "vehicleId").as_deref() != Some(vehicle.as_str())
                {
                    return invalid("vehicleId", "does not match the path");
                }
                fields.insert("contractId".into(), raw(&json!(id)));
                fields.insert("vehicleId".into(), raw(&json!(vehicle)));
                fields.insert(
                    "links".into(),
                    raw(&self_link(&base, &enterprise, &store, &vehicle, &id)),
                );
                fields.insert(
                    "updatedDateTime".into(),
                    raw(&json!(jiff::Timestamp::now().to_string())),
                );
                *current = fields;
                json_response(200, &*current)
            }
            _ => api_error(405, "METHOD_NOT_ALLOWED", "Method not allowed"),
        };
        st.next_contract = next_contract;
        response
    }
}

fn find<'a>(contracts: &'a [Stored], id: &str) -> Option<&'a Stored> {
    contracts
        .iter()
        .find(|c| text_of(c, "contractId").as_deref() == Some(id))
}

fn find_mut<'a>(contracts: &'a mut [Stored], id: &str) -> Option<&'a mut Stored> {
    contracts
        .iter_mut()
        .find(|c| text_of(c, "contractId").as_deref() == Some(id))
}

fn list(
    contracts: &[Stored],
    query: &[(String, String)],
    base: &str,
    enterprise: &str,
    store: &str,
    vehicle: &str,
) -> ResponseTemplate {
    let number = |name: &str, default: usize, max: usize| -> Result<usize, ResponseTemplate> {
        match query.iter().find(|(k, _)| k == name) {
            None => Ok(default),
            Some((_, v)) => match v.parse::<usize>() {
                Ok(n) if (1..=max).contains(&n) => Ok(n),
                _ => Err(invalid(
                    name,
                    &format!("must be a whole number from 1 to {max}"),
                )),
            },
        }
    };
    let page = match number("page", 1, 100_000) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let size = match number("pageSize", 10, 100) {
        Ok(s) => s,
        Err(r) => return r,
    };
    let total = contracts.len();
    let pages = total.div_ceil(size);
    let items: Vec<&Stored> = contracts
        .iter()
        .skip((page - 1) * size)
        .take(size)
        .collect();
    let href = |p: usize| {
        format!(
            "{base}/{enterprise}/{store}/v2/vehicles/{vehicle}/contracts?page={p}&pageSize={size}"
        )
    };
    let mut links =
        vec![json!({"method": "GET", "rel": "self", "href": href(page), "title": "Contracts"})];
    if page < pages {
        links.push(
            json!({"method": "GET", "rel": "next", "href": href(page + 1), "title": "Next page"}),
        );
    }
    if page > 1 {
        links.push(json!({"method": "GET", "rel": "prev", "href": href(page - 1), "title": "Previous page"}));
    }
    json_response(
        200,
        &ListBody {
            total_items: total,
            total_pages: pages,
            items,
            links,
        },
    )
}

mod server;
pub use server::{HEALTH_PATH, VENDOR};
