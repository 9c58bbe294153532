//! A stateful in-process fake of the Promotions API v3 (feature `sandbox`).
//!
//! ```no_run
//! use promotions_client::sandbox::Sandbox;
//! use promotions_client::BodyEncoding;
//! # async fn demo() -> forecourt_core::Result<()> {
//! let sandbox = Sandbox::builder().encoding(BodyEncoding::Jwe).start().await;
//! let client = sandbox.client()?;
//! let promotions = client.promotions().for_application(Sandbox::APPLICATION_ID).await?;
//! assert!(!promotions.is_empty());
//! # Ok(())
//! # }
//! ```
//!
//! What it does:
//!
//! - Checks the API key ([`Sandbox::API_KEY`] in [`Sandbox::API_KEY_HEADER`]),
//!   answering `401 {"Message": ..}` otherwise.
//! - Knows two applications (see [`Sandbox::applications`]):
//!   [`Sandbox::APPLICATION_ID`] (Texas, individual, 12,500.00 financed) and
//!   [`Sandbox::JOINT_APPLICATION_ID`] (California, joint, 8,000.00), and a
//!   catalog of revolving and closed-end promotions, each with an amount
//!   range, credit types and states. Other ids answer `404`.
//! - `GET .../promotions/{id}` lists the promotions eligible at the
//!   application's own amount, credit type and state; the search filters the
//!   same catalog by the query's amount, credit type and state (all four
//!   parameters required, amount > 0, known enum values, else `400` with
//!   `ModelState`). Estimated payments are computed exactly (revolving:
//!   rounded up to whole units).
//! - `POST .../promotions/{id}` accepts only a promotion of the application
//!   (eligible for its credit type and state, at any amount) with the
//!   catalog's own `Apr`, `PaymentFactor`, `Terms`, `ClosedEndPaymentRateId`
//!   and `AddOnId`; it then keeps it ([`Sandbox::selected_promotion`]).
//! - Both body encodings at once: a request body with content type
//!   `application/jose` is decrypted with the API key, and a request whose
//!   `Accept` includes `application/jose` gets its successful answer as a
//!   JWE. Errors are always plain JSON, as the vendor's.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

use forecourt_core::SecretString;
use rust_decimal::Decimal;
use serde_json::json;
use wiremock::matchers::path_regex;
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

use crate::client::{BodyEncoding, Client, ClientBuilder};
use crate::codes::{CreditType, State};
use crate::jwe;
use crate::promotions::{AmountFinanced, LoanType, Promotion, SetPromotion, cents};

/// An application the sandbox knows.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct SandboxApplication {
    /// The application id.
    pub id: i64,
    /// Its current amount financed.
    pub amount_financed: Decimal,
    /// Its credit type.
    pub credit_type: CreditType,
    /// Its state.
    pub state: State,
}

struct CatalogEntry {
    id: i64,
    name: &'static str,
    promo_code: &'static str,
    add_on_id: Option<i64>,
    closed_end_payment_rate_id: Option<i64>,
    apr: Decimal,
    payment_factor: Decimal,
    terms: i32,
    full_terms: i32,
    dealer_fee_rate: Decimal,
    min_amount: Decimal,
    max_amount: Decimal,
    credit_types: &'static [CreditType],
    /// Empty: every state.
    states: &'static [State],
}

impl CatalogEntry {
    fn eligible(&self, credit_type: &CreditType, state: &State) -> bool {
        self.credit_types.contains(credit_type)
            && (self.states.is_empty() || self.states.contains(state))
    }

    fn in_range(&self, amount: Decimal) -> bool {
        amount >= self.min_amount && amount <= self.max_amount
    }

    fn promotion(&self, amount: Decimal) -> Option<Promotion> {
        let loan_type = match self.closed_end_payment_rate_id {
            Some(id) if id > 0 => LoanType::ClosedEnd,
            _ => LoanType::Revolving,
        };
        let amount = AmountFinanced::new(amount).ok()?;
        let payment = loan_type
            .estimated_monthly_payment(amount, self.payment_factor)
            .ok()?;
        Some(Promotion {
            id: self.id,
            name: Some(self.name.to_owned()),
            promo_code: Some(self.promo_code.to_owned()),
            add_on_id: self.add_on_id,
            closed_end_payment_rate_id: self.closed_end_payment_rate_id,
            apr: self.apr,
            payment_factor: self.payment_factor,
            terms: self.terms,
            full_terms: self.full_terms,
            estimated_monthly_payment: payment,
            dealer_fee: cents(amount.get().checked_mul(self.dealer_fee_rate)?),
            unexpected: Default::default(),
        })
    }

    fn matches(&self, s: &SetPromotion) -> bool {
        s.promotion_id == self.id
            && s.apr == self.apr
            && s.payment_factor == self.payment_factor
            && s.terms == self.terms
            && s.closed_end_payment_rate_id.unwrap_or(0)
                == self.closed_end_payment_rate_id.unwrap_or(0)
            && s.add_on_id == self.add_on_id
    }
}

const BOTH: &[CreditType] = &[CreditType::Individual, CreditType::Joint];

fn catalog() -> Vec<CatalogEntry> {
    vec![
        CatalogEntry {
            id: 1234,
            name: "12 Months Same as Cash",
            promo_code: "SAC12",
            add_on_id: None,
            closed_end_payment_rate_id: Some(0),
            apr: Decimal::new(179_900, 4),
            payment_factor: Decimal::new(350, 4),
            terms: 12,
            full_terms: 12,
            dealer_fee_rate: Decimal::new(450, 4),
            min_amount: Decimal::new(1_000, 0),
            max_amount: Decimal::new(50_000, 0),
            credit_types: BOTH,
            states: &[],
        },
        CatalogEntry {
            id: 9876,
            name: "Promo Name with 3 Month Deferred Payments",
            promo_code: "DEF3",
            add_on_id: Some(4321),
            closed_end_payment_rate_id: None,
            apr: Decimal::new(199_900, 4),
            payment_factor: Decimal::new(275, 4),
            terms: 3,
            full_terms: 60,
            dealer_fee_rate: Decimal::new(600, 4),
            min_amount: Decimal::new(2_500, 0),
            max_amount: Decimal::new(40_000, 0),
            credit_types: BOTH,
            states: &[State::Texas, State::Florida, State::Arizona],
        },
        CatalogEntry {
            id: 5001,
            name: "Closed-End 60 Months 7.99%",
            promo_code: "CE60",
            add_on_id: None,
            closed_end_payment_rate_id: Some(301),
            apr: Decimal::new(79_900, 4),
            payment_factor: Decimal::new(20_271, 6),
            terms: 60,
            full_terms: 60,
            dealer_fee_rate: Decimal::new(300, 4),
            min_amount: Decimal::new(5_000, 0),
            max_amount: Decimal::new(75_000, 0),
            credit_types: BOTH,
            states: &[],
        },
        CatalogEntry {
            id: 5002,
            name: "Closed-End 120 Months 9.99%",
            promo_code: "CE120",
            add_on_id: None,
            closed_end_payment_rate_id: Some(302),
            apr: Decimal::new(99_900, 4),
            payment_factor: Decimal::new(13_210, 6),
            terms: 120,
            full_terms: 120,
            dealer_fee_rate: Decimal::new(200, 4),
            min_amount: Decimal::new(15_000, 0),
            max_amount: Decimal::new(100_000, 0),
            credit_types: &[CreditType::Individual],
            states: &[],
        },
    ]
}

struct World {
    applications: HashMap<i64, SandboxApplication>,
    selected: HashMap<i64, SetPromotion>,
    catalog: Vec<CatalogEntry>,
}

/// Configures a [`Sandbox`]: `Sandbox::builder().encoding(BodyEncoding::Jwe).start().await`.
#[derive(Debug, Clone, Default)]
pub struct SandboxBuilder {
    encoding: BodyEncoding,
}

impl SandboxBuilder {
    /// The body encoding of the sandbox's [`client`](Sandbox::client) and
    /// [`client_builder`](Sandbox::client_builder) (default
    /// [`BodyEncoding::Json`]; the sandbox itself answers both).
    pub fn encoding(mut self, encoding: BodyEncoding) -> Self {
        self.encoding = encoding;
        self
    }

    /// Starts the sandbox.
    pub async fn start(self) -> Sandbox {
        Sandbox::start_with(MockServer::start().await, self.encoding).await
    }
}

/// A running fake of the vendor. Dropping it stops the server.
pub struct Sandbox {
    server: MockServer,
    state: Arc<Mutex<World>>,
    encoding: BodyEncoding,
}

impl std::fmt::Debug for Sandbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sandbox")
            .field("url", &self.url())
            .finish_non_exhaustive()
    }
}

fn lock(state: &Mutex<World>) -> MutexGuard<'_, World> {
    match state.lock() {
        Ok(g) => g,
        Err(poisoned) => poisoned.into_inner(),
    }
}

impl Sandbox {
    /// The API key the sandbox accepts.
    pub const API_KEY: &'static str = "sandbox-promotions-api-key";
    /// The header it expects the key in (the client's default).
    pub const API_KEY_HEADER: &'static str = crate::client::DEFAULT_API_KEY_HEADER;
    /// An application in Texas, individual credit, 12,500.00 financed:
    /// revolving and closed-end promotions.
    pub const APPLICATION_ID: i64 = 100_001;
    /// An application in California, joint credit, 8,000.00 financed.
    pub const JOINT_APPLICATION_ID: i64 = 100_002;

    /// Starts the sandbox on a free loopback port (clients use JSON bodies).
    pub async fn start() -> Sandbox {
        Sandbox::builder().start().await
    }

    /// A builder for a configured sandbox.
    pub fn builder() -> SandboxBuilder {
        SandboxBuilder::default()
    }

    async fn start_with(server: MockServer, encoding: BodyEncoding) -> Sandbox {
        let applications = [
            SandboxApplication {
                id: Self::APPLICATION_ID,
                amount_financed: Decimal::new(1_250_000, 2),
                credit_type: CreditType::Individual,
                state: State::Texas,
            },
            SandboxApplication {
                id: Self::JOINT_APPLICATION_ID,
                amount_financed: Decimal::new(800_000, 2),
                credit_type: CreditType::Joint,
                state: State::California,
            },
        ]
        .into_iter()
        .map(|a| (a.id, a))
        .collect();
        let state = Arc::new(Mutex::new(World {
            applications,
            selected: HashMap::new(),
            catalog: catalog(),
        }));
        Mock::given(path_regex(r"^/v3/api/applications/promotions(/[^/]*)?$"))
            .respond_with(Router {
                state: state.clone(),
                key: SecretString::from(Self::API_KEY),
            })
            .named("promotions sandbox")
            .mount(&server)
            .await;
        Sandbox {
            server,
            state,
            encoding,
        }
    }

    /// The URL to pass to [`ClientBuilder::base_url`].
    pub fn url(&self) -> String {
        self.server.uri()
    }

    /// The API key, as a secret.
    pub fn api_key(&self) -> SecretString {
        SecretString::from(Self::API_KEY)
    }

    /// A client builder with the sandbox's URL, API key and body encoding
    /// set, to change settings before `build()`.
    pub fn client_builder(&self) -> ClientBuilder {
        Client::builder()
            .base_url(self.url())
            .api_key(self.api_key())
            .body_encoding(self.encoding)
    }

    /// A ready client for this sandbox: [`client_builder`](Self::client_builder), built.
    pub fn client(&self) -> forecourt_core::Result<Client> {
        self.client_builder().build()
    }

    /// The applications the sandbox knows.
    pub fn applications(&self) -> Vec<SandboxApplication> {
        let mut apps: Vec<_> = lock(&self.state).applications.values().cloned().collect();
        apps.sort_by_key(|a| a.id);
        apps
    }

    /// The promotion last set on an application, if any.
    pub fn selected_promotion(&self, application_id: i64) -> Option<SetPromotion> {
        lock(&self.state).selected.get(&application_id).cloned()
    }

    /// The requests received so far.
    pub async fn received_requests(&self) -> Vec<Request> {
        self.server.received_requests().await.unwrap_or_default()
    }
}

struct Router {
    state: Arc<Mutex<World>>,
    key: SecretString,
}

fn message(status: u16, text: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_json(json!({ "Message": text }))
}

fn invalid(field: &str, text: &str) -> ResponseTemplate {
    ResponseTemplate::new(400).set_body_json(json!({
        "Message": "The request is invalid.",
        "ModelState": { (format!("request.{field}")): [text] },
    }))
}

impl Router {
    /// A success with `list` serialized straight to bytes (never through
    /// `serde_json::Value`, which would hold the money as `f64`).
    fn ok(&self, request: &Request, list: &[Promotion]) -> ResponseTemplate {
        let Ok(body) = serde_json::to_vec(list) else {
            return message(500, "An error has occurred.");
        };
        let wants_jwe = request
            .headers
            .get_all("accept")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .any(|v| v.contains(jwe::MEDIA_TYPE));
        if !wants_jwe {
            return ResponseTemplate::new(200)
                .set_body_raw(body, "application/json; charset=utf-8");
        }
        match jwe::encrypt(&self.key, &body, jwe::MIN_ITERATIONS).ok() {
            Some(token) => ResponseTemplate::new(200).set_body_raw(token, jwe::MEDIA_TYPE),
            None => message(500, "An error has occurred."),
        }
    }

    fn authorized(&self, request: &Request) -> bool {
        use forecourt_core::ExposeSecret;
        request
            .headers
            .get(Sandbox::API_KEY_HEADER)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v == self.key.expose_secret())
    }

    fn application_id(segment: &str) -> Option<i64> {
        segment.parse::<i64>().ok().filter(|id| *id > 0)
    }

    fn bad_application_id() -> ResponseTemplate {
        invalid("applicationId", "The value is not valid for applicationId.")
    }

    fn list(state: &World, amount: Decimal, credit: &CreditType, st: &State) -> Vec<Promotion> {
        state
            .catalog
            .iter()
            .filter(|c| c.eligible(credit, st) && c.in_range(amount))
            .filter_map(|c| c.promotion(amount))
            .collect()
    }

    fn for_application(&self, request: &Request, id: i64) -> ResponseTemplate {
        let state = lock(&self.state);
        let Some(app) = state.applications.get(&id) else {
            return message(404, "Application not found.");
        };
        let list = Self::list(&state, app.amount_financed, &app.credit_type, &app.state);
        self.ok(request, &list)
    }

    fn search(&self, request: &Request) -> ResponseTemplate {
        let q: HashMap<String, String> = request.url.query_pairs().into_owned().collect();
        let get = |name: &str| q.get(name).map(|s| s.trim()).filter(|s| !s.is_empty());
        let Some(id) = get("applicationId") else {
            return invalid("ApplicationId", "The ApplicationId field is required.");
        };
        let Some(id) = Self::application_id(id) else {
            return Self::bad_application_id();
        };
        let amount = match get("amountFinanced").map(forecourt_core::serde_helpers::decimal::parse)
        {
            None => return invalid("AmountFinanced", "The AmountFinanced field is required."),
            Some(Err(_)) => {
                return invalid(
                    "AmountFinanced",
                    "The value is not valid for AmountFinanced.",
                );
            }
            Some(Ok(a)) if a <= Decimal::ZERO => {
                return invalid("AmountFinanced", "AmountFinanced must be greater than 0.");
            }
            Some(Ok(a)) => a,
        };
        let credit = match get("creditType").map(CreditType::from) {
            None => return invalid("CreditType", "The CreditType field is required."),
            Some(c) if !c.is_known() => {
                return invalid("CreditType", "The value is not a valid CreditTypeEnum.");
            }
            Some(c) => c,
        };
        let st = match get("stateCode").map(State::from) {
            None => return invalid("StateCode", "The StateCode field is required."),
            Some(s) if !s.is_known() => {
                return invalid("StateCode", "The value is not a valid StateEnum.");
            }
            Some(s) => s,
        };
        let state = lock(&self.state);
        if !state.applications.contains_key(&id) {
            return message(404, "Application not found.");
        }
        let list = Self::list(&state, amount, &credit, &st);
        self.ok(request, &list)
    }

    fn set(&self, request: &Request, id: i64) -> ResponseTemplate {
        let is_jwe = request
            .headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with(jwe::MEDIA_TYPE));
        let plain = if is_jwe {
            match crate::client::open_jwe_body(&self.key, &request.body) {
                Ok(p) => p,
                Err(_) => return message(400, "The request body could not be decrypted."),
            }
        } else {
            request.body.clone()
        };
        let body: SetPromotion = match serde_json::from_slice(&plain) {
            Ok(b) => b,
            Err(_) => return message(400, "The request is invalid."),
        };
        let mut state = lock(&self.state);
        let Some(app) = state.applications.get(&id).cloned() else {
            return message(404, "Application not found.");
        };
        let Some(entry) = state.catalog.iter().find(|c| c.id == body.promotion_id) else {
            return invalid("PromotionId", "The promotion does not exist.");
        };
        if !entry.eligible(&app.credit_type, &app.state) {
            return invalid(
                "PromotionId",
                "The promotion does not belong to the application.",
            );
        }
        if !entry.matches(&body) {
            return invalid(
                "PromotionId",
                "The promotion's terms do not match; fetch the promotions again.",
            );
        }
        state.selected.insert(id, body);
        ResponseTemplate::new(200)
    }
}

impl Respond for Router {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        if !self.authorized(request) {
            return message(401, "Authorization has been denied for this request.");
        }
        let rest = request
            .url
            .path()
            .strip_prefix("/v3/api/applications/promotions")
            .unwrap_or_default();
        let segment = rest.strip_prefix('/');
        match (request.method.as_str(), segment) {
            ("GET", None) => self.search(request),
            ("GET", Some(s)) => match Self::application_id(s) {
                Some(id) => self.for_application(request, id),
                None => Self::bad_application_id(),
            },
            ("POST", Some(s)) => match Self::application_id(s) {
                Some(id) => self.set(request, id),
                None => Self::bad_application_id(),
            },
            _ => message(
                405,
                "The requested resource does not support this http method.",
            ),
        }
    }
}

mod server;
pub use server::{HEALTH_PATH, VENDOR};
