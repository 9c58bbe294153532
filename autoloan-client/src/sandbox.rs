//! An in-process fake of Autoloan Finland and of an Alfa 6 Cloud instance
//! (feature `sandbox`), for examples and for your own tests.
//!
//! ```no_run
//! # async fn demo(application: autoloan_client::NewApplication) -> autoloan_client::Result<()> {
//! use autoloan_client::sandbox::Sandbox;
//! let sandbox = Sandbox::start().await;
//! let client = sandbox.client()?; // or Client::builder().base_url(sandbox.url()).api_key(..)
//! let submitted = client.applications().submit(&application).await?;
//! // decide by the sandbox's rule and POST the webhook to your endpoint
//! let delivery = sandbox
//!     .deliver_webhook(submitted.id.as_str(), "http://127.0.0.1:3000/hooks/autoloan")
//!     .await?;
//! println!("{} answered {}", delivery.webhook.status, delivery.http_status);
//! # Ok(())
//! # }
//! ```
//!
//! # What it fakes
//!
//! **Autoloan Finland** (at [`Sandbox::url`]): `POST /api/v1/applications`
//! with `Authorization: Bearer` [`Sandbox::API_KEY`] and a JSON body. The
//! body is decoded and validated like the client does; the application gets
//! an id (`APP-001`, `APP-002`, ...) and the status `Pending`. The answer is
//! `201 {"id", "status", "dealerId", "createdAt"}`.
//!
//! **The decision rule**, applied by [`Sandbox::decide`] (or
//! [`Sandbox::deliver_webhook`]), moves a `Pending` application to:
//!
//! - `Rejected` when the mileage is over [`REJECT_MILEAGE_OVER`] km, the
//!   price over [`REJECT_PRICE_OVER`] €, or the approved amount would be
//!   under 1 000 €;
//! - otherwise `Approved`, with the approved amount = 90 % of the price
//!   rounded down to whole thousands of euros (39 000 → 35 000, so the down
//!   payment is 4 000, as in the vendor's examples), 4.5 % interest, 60
//!   months.
//!
//! **Alfa 6 Cloud** (at [`Sandbox::alfa_url`]): `POST /api/v6/contracts`
//! with Basic [`Sandbox::ALFA_USERNAME`]/[`Sandbox::ALFA_PASSWORD`] or
//! Bearer [`Sandbox::ALFA_TOKEN`]. It accepts a contract only for an
//! application the sandbox approved, whose `approvedAmount` matches the
//! decision, and only once per application (`409` after). The answer is
//! `201 {"contractId", "applicationId", "status": "Active"}`.
//!
//! Errors use `{"code", "message", "field"?}` with `400` (undecodable
//! body), `401` (credentials), `404` (unknown path), `409` (duplicate),
//! `415` (not JSON) and `422` (invalid or not allowed).

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard};

use base64::Engine as _;
use forecourt_core::{Error, Result, SecretString};
use jiff::Timestamp;
use rust_decimal::Decimal;
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

use crate::alfa::{self, ContractRequest};
use crate::applications::{ApplicationStatus, NewApplication};
use crate::client::Client;
use crate::webhooks::{StatusWebhook, WebhookDetails};

/// Applications whose vehicle has more kilometres than this are rejected.
pub const REJECT_MILEAGE_OVER: u32 = 200_000;

/// Applications whose vehicle costs more euros than this are rejected.
pub const REJECT_PRICE_OVER: u32 = 100_000;

/// The interest rate of every sandbox approval, in percent.
pub fn sandbox_interest_rate() -> Decimal {
    Decimal::new(45, 1)
}

/// The term of every sandbox approval, in months.
pub const SANDBOX_TERM_MONTHS: u32 = 60;

struct Record {
    application: NewApplication,
    status: ApplicationStatus,
    webhook: Option<StatusWebhook>,
}

#[derive(Default)]
struct State {
    next_application: u32,
    applications: HashMap<String, Record>,
    order: Vec<String>,
    contracts: Vec<ContractRequest>,
}

type Shared = Arc<Mutex<State>>;

fn lock(state: &Shared) -> MutexGuard<'_, State> {
    match state.lock() {
        Ok(g) => g,
        Err(poisoned) => poisoned.into_inner(),
    }
}

fn error(status: u16, code: &str, message: &str, field: Option<&str>) -> ResponseTemplate {
    let mut body = json!({ "code": code, "message": message });
    if let (Some(f), Some(obj)) = (field, body.as_object_mut()) {
        obj.insert("field".to_owned(), json!(f));
    }
    ResponseTemplate::new(status).set_body_json(body)
}

fn header<'a>(request: &'a Request, name: &str) -> Option<&'a str> {
    request.headers.get(name).and_then(|v| v.to_str().ok())
}

fn is_json(request: &Request) -> bool {
    header(request, "content-type").is_some_and(|ct| ct.starts_with("application/json"))
}

/// The decision the sandbox takes for an application: the status and, on
/// approval, the terms.
fn decision(application: &NewApplication) -> (ApplicationStatus, Option<WebhookDetails>) {
    let v = &application.vehicle;
    if v.mileage > REJECT_MILEAGE_OVER || v.price > Decimal::from(REJECT_PRICE_OVER) {
        return (ApplicationStatus::Rejected, None);
    }
    let thousand = Decimal::from(1000);
    let approved = (v.price * Decimal::new(9, 1) / thousand).floor() * thousand;
    if approved < thousand {
        return (ApplicationStatus::Rejected, None);
    }
    let details = WebhookDetails::builder()
        .approved_amount(approved)
        .interest_rate(sandbox_interest_rate())
        .term(SANDBOX_TERM_MONTHS)
        .build();
    (ApplicationStatus::Approved, Some(details))
}

/// Decodes a request body; on failure, the `400` answer naming the field.
fn decode_body<T>(body: &[u8]) -> std::result::Result<T, Box<ResponseTemplate>>
where
    T: serde::de::DeserializeOwned,
{
    let mut de = serde_json::Deserializer::from_slice(body);
    serde_path_to_error::deserialize::<_, T>(&mut de).map_err(|e| {
        let field = e.path().to_string();
        Box::new(error(
            400,
            "invalid_body",
            "the body could not be decoded",
            Some(&field),
        ))
    })
}

struct ApplicationsFake {
    state: Shared,
}

impl Respond for ApplicationsFake {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let expected = format!("Bearer {}", Sandbox::API_KEY);
        if header(request, "authorization") != Some(expected.as_str()) {
            return error(401, "unauthorized", "missing or invalid API key", None);
        }
        if !is_json(request) {
            return error(415, "unsupported_media_type", "send application/json", None);
        }
        let application: NewApplication = match decode_body(&request.body) {
            Ok(a) => a,
            Err(response) => return *response,
        };
        if let Err(Error::InvalidInput { field, reason }) = application.validate() {
            return error(422, "validation_failed", &reason, Some(&field));
        }
        let mut state = lock(&self.state);
        state.next_application = state.next_application.saturating_add(1);
        let id = format!("APP-{:03}", state.next_application);
        let dealer_id = application.dealer_id.clone();
        state.order.push(id.clone());
        state.applications.insert(
            id.clone(),
            Record {
                application,
                status: ApplicationStatus::Pending,
                webhook: None,
            },
        );
        ResponseTemplate::new(201).set_body_json(json!({
            "id": id,
            "status": "Pending",
            "dealerId": dealer_id,
            "createdAt": Timestamp::now().to_string(),
        }))
    }
}

struct ContractsFake {
    state: Shared,
}

impl ContractsFake {
    fn authorized(request: &Request) -> bool {
        let basic = base64::engine::general_purpose::STANDARD.encode(format!(
            "{}:{}",
            Sandbox::ALFA_USERNAME,
            Sandbox::ALFA_PASSWORD
        ));
        let presented = header(request, "authorization");
        presented == Some(format!("Basic {basic}").as_str())
            || presented == Some(format!("Bearer {}", Sandbox::ALFA_TOKEN).as_str())
    }
}

impl Respond for ContractsFake {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        if !Self::authorized(request) {
            return error(401, "unauthorized", "invalid Alfa credentials", None);
        }
        if !is_json(request) {
            return error(415, "unsupported_media_type", "send application/json", None);
        }
        let contract: ContractRequest = match decode_body(&request.body) {
            Ok(c) => c,
            Err(response) => return *response,
        };
        if let Err(Error::InvalidInput { field, reason }) = contract.validate() {
            return error(422, "validation_failed", &reason, Some(&field));
        }
        let mut state = lock(&self.state);
        let id = contract.application_id.as_str().to_owned();
        let approved_amount = match state.applications.get(&id) {
            None => {
                return error(
                    422,
                    "unknown_application",
                    "no such application",
                    Some("applicationId"),
                );
            }
            Some(r) if r.status != ApplicationStatus::Approved => {
                return error(
                    422,
                    "application_not_approved",
                    "contracts are accepted for approved applications only",
                    Some("applicationId"),
                );
            }
            Some(r) => r
                .webhook
                .as_ref()
                .and_then(|w| w.details.as_ref())
                .and_then(|d| d.approved_amount),
        };
        if approved_amount != Some(contract.finance_details.approved_amount) {
            return error(
                422,
                "amount_mismatch",
                "approvedAmount differs from the approved amount",
                Some("financeDetails.approvedAmount"),
            );
        }
        if state
            .contracts
            .iter()
            .any(|c| c.application_id == contract.application_id)
        {
            return error(
                409,
                "duplicate_contract",
                "a contract for this application exists already",
                Some("applicationId"),
            );
        }
        state.contracts.push(contract);
        let number = state.contracts.len();
        ResponseTemplate::new(201).set_body_json(json!({
            "contractId": format!("CON-{number:06}"),
            "applicationId": id,
            "status": "Active",
        }))
    }
}

/// The outcome of a webhook delivery by [`Sandbox::deliver_webhook`].
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Delivery {
    /// The payload that was POSTed.
    pub webhook: StatusWebhook,
    /// The HTTP status your endpoint answered.
    pub http_status: u16,
}

/// Configures a [`Sandbox`]: `Sandbox::builder().start().await`. The
/// Autoloan sandbox has no options yet; the builder is here so that every
/// client's sandbox starts the same way.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct SandboxBuilder {}

impl SandboxBuilder {
    /// Starts both fakes.
    pub async fn start(self) -> Sandbox {
        Sandbox::start_fakes(MockServer::start().await, MockServer::start().await).await
    }
}

/// A running fake of Autoloan Finland and Alfa 6 Cloud; stops when dropped.
pub struct Sandbox {
    autoloan: MockServer,
    alfa: MockServer,
    state: Shared,
}

impl fmt::Debug for Sandbox {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = lock(&self.state);
        f.debug_struct("Sandbox")
            .field("url", &self.autoloan.uri())
            .field("alfa_url", &self.alfa.uri())
            .field("applications", &state.applications.len())
            .field("contracts", &state.contracts.len())
            .finish()
    }
}

impl Sandbox {
    /// The API key the Autoloan fake accepts.
    pub const API_KEY: &'static str = "sandbox-autoloan-api-key";
    /// The Basic user name the Alfa fake accepts.
    pub const ALFA_USERNAME: &'static str = "sandbox-alfa-user";
    /// The Basic password the Alfa fake accepts.
    pub const ALFA_PASSWORD: &'static str = "sandbox-alfa-password";
    /// The bearer token the Alfa fake accepts.
    pub const ALFA_TOKEN: &'static str = "sandbox-alfa-token";

    /// Starts both fakes on loopback ports.
    pub async fn start() -> Sandbox {
        Sandbox::builder().start().await
    }

    /// A builder for a configured sandbox.
    pub fn builder() -> SandboxBuilder {
        SandboxBuilder::default()
    }

    async fn start_fakes(autoloan: MockServer, alfa: MockServer) -> Sandbox {
        let state: Shared = Arc::default();
        Mock::given(method("POST"))
            .and(path("/api/v1/applications"))
            .respond_with(ApplicationsFake {
                state: state.clone(),
            })
            .mount(&autoloan)
            .await;
        Mock::given(method("POST"))
            .and(path("/api/v6/contracts"))
            .respond_with(ContractsFake {
                state: state.clone(),
            })
            .mount(&alfa)
            .await;
        for server in [&autoloan, &alfa] {
            Mock::given(wiremock::matchers::any())
                .respond_with(error(404, "not_found", "no such endpoint", None))
                .with_priority(u8::MAX)
                .mount(server)
                .await;
        }
        Sandbox {
            autoloan,
            alfa,
            state,
        }
    }

    /// The Autoloan fake's base URL, for `Client::builder().base_url(..)`.
    pub fn url(&self) -> String {
        self.autoloan.uri()
    }

    /// The Alfa fake's base URL, for `alfa::Client::builder().base_url(..)`.
    pub fn alfa_url(&self) -> String {
        self.alfa.uri()
    }

    /// An Autoloan client builder for this sandbox (base URL, API key),
    /// to change settings before `build()`.
    pub fn client_builder(&self) -> crate::ClientBuilder {
        Client::builder()
            .base_url(self.url())
            .api_key(SecretString::from(Self::API_KEY))
    }

    /// A ready Autoloan client for this sandbox: [`client_builder`](Self::client_builder), built.
    pub fn client(&self) -> Result<Client> {
        self.client_builder().build()
    }

    /// An Alfa client for this sandbox (Basic credentials).
    pub fn alfa_client(&self) -> Result<alfa::Client> {
        alfa::Client::builder()
            .base_url(self.alfa_url())
            .basic_auth(Self::ALFA_USERNAME, SecretString::from(Self::ALFA_PASSWORD))
            .build()
    }

    /// The ids of the submitted applications, oldest first.
    pub fn application_ids(&self) -> Vec<String> {
        lock(&self.state).order.clone()
    }

    /// An application as it was submitted.
    pub fn application(&self, id: &str) -> Option<NewApplication> {
        lock(&self.state)
            .applications
            .get(id)
            .map(|r| r.application.clone())
    }

    /// An application's current status.
    pub fn status(&self, id: &str) -> Option<ApplicationStatus> {
        lock(&self.state)
            .applications
            .get(id)
            .map(|r| r.status.clone())
    }

    /// Decides a `Pending` application by the sandbox's rule (see the
    /// module docs) and returns its status webhook. Deciding again returns
    /// the same webhook. `None` for an unknown id.
    pub fn decide(&self, id: &str) -> Option<StatusWebhook> {
        decide_in(&self.state, id)
    }

    /// Decides the application (if still pending) and POSTs its status
    /// webhook as JSON to `url` (put a query-string secret in it if your
    /// receiver wants one). Call it again to simulate a redelivery.
    pub async fn deliver_webhook(&self, id: &str, url: &str) -> Result<Delivery> {
        self.deliver_webhook_with_headers(id, url, http::HeaderMap::new())
            .await
    }

    /// [`deliver_webhook`](Self::deliver_webhook) with extra headers (a
    /// shared secret header).
    pub async fn deliver_webhook_with_headers(
        &self,
        id: &str,
        url: &str,
        headers: http::HeaderMap,
    ) -> Result<Delivery> {
        let webhook = self
            .decide(id)
            .ok_or_else(|| Error::invalid_input("application_id", "is not in the sandbox"))?;
        let body = serde_json::to_vec(&webhook)
            .map_err(|_| Error::invalid_input("webhook", "could not be encoded"))?;
        let http = forecourt_core::reqwest::Client::builder()
            .build()
            .map_err(|e| Error::Connect {
                vendor: crate::client::VENDOR_NAME,
                source: Box::new(e),
            })?;
        let response = http
            .post(url)
            .headers(headers)
            .header(http::header::CONTENT_TYPE, "application/json")
            .body(body)
            .send()
            .await
            .map_err(|e| Error::Network {
                vendor: crate::client::VENDOR_NAME,
                source: Box::new(e.without_url()),
            })?;
        Ok(Delivery {
            webhook,
            http_status: response.status().as_u16(),
        })
    }

    /// The contracts the Alfa fake accepted, in order.
    pub fn contracts(&self) -> Vec<ContractRequest> {
        lock(&self.state).contracts.clone()
    }
}

/// [`Sandbox::decide`] on the shared state (also for the server's control endpoint).
fn decide_in(state: &Shared, id: &str) -> Option<StatusWebhook> {
    let mut state = lock(state);
    let record = state.applications.get_mut(id)?;
    if let Some(w) = &record.webhook {
        return Some(w.clone());
    }
    let (status, details) = decision(&record.application);
    let now = Timestamp::now();
    let timestamp = Timestamp::from_second(now.as_second())
        .unwrap_or(now)
        .to_zoned(jiff::tz::TimeZone::UTC);
    let webhook = StatusWebhook {
        application_id: id.into(),
        status: status.clone(),
        timestamp,
        details,
    };
    record.status = status;
    record.webhook = Some(webhook.clone());
    Some(webhook)
}

mod server;
pub use server::{DECIDE_PATH, HEALTH_PATH, VENDOR};
