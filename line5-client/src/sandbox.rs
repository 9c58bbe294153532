//! A stateful in-process fake of Line5 (feature `sandbox`), on wiremock.
//!
//! ```no_run
//! # async fn demo() -> line5_client::Result<()> {
//! use line5_client::sandbox::Sandbox;
//! let sandbox = Sandbox::start().await;
//! let line5 = sandbox.client()?; // or Client::builder().base_url(sandbox.url()).api_key(..)
//! let users = line5.users().list().await?;
//! assert_eq!(users.len(), 2);
//! # Ok(())
//! # }
//! ```
//!
//! What it keeps and checks:
//!
//! - `Authorization: Token` [`Sandbox::API_KEY`] on every API call (else
//!   `401` in Line5's error format), `application/vnd.api+json` bodies;
//! - users (two seeded, more with `POST /users`), three protections, rates
//!   for every protection;
//! - quotes: created with an id, given and relieved of protections (each
//!   with a `deal_monthlypayment` template field that must be filled
//!   before finalizing), adjusted, vehicle updated, finalized into a loan;
//! - loans: status, signing state, a cover-sheet package (a small PDF,
//!   downloadable at the sandbox's origin) and notes;
//! - GraphQL auto-login at `<origin>/graphql` with [`Sandbox::GRAPHQL_TOKEN`],
//!   [`Sandbox::USER_EMAIL`] / [`Sandbox::USER_PASSWORD`], or
//!   [`Sandbox::AUTO_LOGIN_SERVICE`];
//! - invalid bodies answer `422` with `source.pointer`s; an SSN of
//!   [`Sandbox::CREDIT_FAILURE_SSN`] fails the credit inquiry (`422`) unless
//!   `skip-credit-validation` is set.

#![allow(clippy::result_large_err)] // a fake's early answers are ResponseTemplates

use std::collections::BTreeMap;
use std::str::FromStr;
use std::sync::{Arc, Mutex, MutexGuard};

use rust_decimal::Decimal;
use serde_json::{Value, json};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate, matchers::any};

use crate::jsonapi::{Document, Resource};
use crate::{Client, Id, LoanStatus, SecretString, SigningState};

const PREFIX: &str = "/api/v1";
const MEDIA: &str = "application/vnd.api+json";

/// The fake PDF every loan package downloads as.
pub const PACKAGE_PDF: &[u8] = b"%PDF-1.4\n% Line5 sandbox loan package\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

/// Configures a [`Sandbox`]: `Sandbox::builder().start().await`. Line5's
/// sandbox has no options yet; the builder is here so that every client's
/// sandbox starts the same way.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct SandboxBuilder {}

impl SandboxBuilder {
    /// Starts the sandbox.
    pub async fn start(self) -> Sandbox {
        Sandbox::start_seeded(MockServer::start().await).await
    }
}

/// A running Line5 fake. Dropping it stops the server.
pub struct Sandbox {
    server: MockServer,
    state: Arc<Mutex<State>>,
}

impl std::fmt::Debug for Sandbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sandbox")
            .field("url", &self.url())
            .finish_non_exhaustive()
    }
}

impl Sandbox {
    /// The API key the sandbox accepts.
    pub const API_KEY: &'static str = "line5-sandbox-api-key";
    /// The JWT the sandbox's GraphQL endpoint accepts (bare in `Authorization`).
    pub const GRAPHQL_TOKEN: &'static str = "eyJhbGciOiJIUzI1NiJ9.c2FuZGJveA.sandbox-signature";
    /// The email `signInUser` accepts.
    pub const USER_EMAIL: &'static str = "john@example.com";
    /// The password `signInUser` accepts.
    pub const USER_PASSWORD: &'static str = "Test1!";
    /// The user id (`user-id` of the first user) `SignInUserAuto` accepts.
    pub const USER_ID: u64 = 1;
    /// The `service` `SignInUserAuto` accepts.
    pub const AUTO_LOGIN_SERVICE: &'static str = "SANDBOX_SERVICE";
    /// The user token the sign-ins return.
    pub const USER_TOKEN: &'static str = "eyJhbGciOiJIUzI1NiJ9.dXNlcg.sandbox-user-token";
    /// A customer SSN whose credit inquiry fails (`422`).
    pub const CREDIT_FAILURE_SSN: &'static str = "000000000";

    /// Starts a sandbox on a local port.
    pub async fn start() -> Sandbox {
        Sandbox::builder().start().await
    }

    /// A builder for a configured sandbox.
    pub fn builder() -> SandboxBuilder {
        SandboxBuilder::default()
    }

    async fn start_seeded(server: MockServer) -> Sandbox {
        let state = Arc::new(Mutex::new(State::seeded(server.uri())));
        Mock::given(any())
            .respond_with(Fake {
                state: state.clone(),
            })
            .mount(&server)
            .await;
        Sandbox { server, state }
    }

    /// The base URL to pass to `.base_url(..)` (`http://127.0.0.1:<port>/api/v1`).
    pub fn url(&self) -> String {
        format!("{}{PREFIX}", self.server.uri())
    }

    /// The sandbox's origin (`http://127.0.0.1:<port>`), where `/graphql` lives.
    pub fn origin(&self) -> String {
        self.server.uri()
    }

    /// A client builder for this sandbox (base URL, API key, GraphQL
    /// token), to change settings before `build()`.
    pub fn client_builder(&self) -> crate::ClientBuilder {
        Client::builder()
            .base_url(self.url())
            .api_key(SecretString::from(Self::API_KEY))
            .graphql_token(SecretString::from(Self::GRAPHQL_TOKEN))
    }

    /// A ready client for this sandbox: [`client_builder`](Self::client_builder), built.
    pub fn client(&self) -> crate::Result<Client> {
        self.client_builder().build()
    }

    /// The number of quotes created so far.
    pub fn quote_count(&self) -> usize {
        self.lock().quotes.len()
    }

    /// Moves a loan to another status (as Line5's back office would); `false`
    /// if there is no such loan.
    pub fn set_loan_status(&self, loan_id: &Id, status: LoanStatus) -> bool {
        let mut s = self.lock();
        match s.loans.get_mut(loan_id.as_str()) {
            Some(l) => {
                l.status = status;
                true
            }
            None => false,
        }
    }

    /// Sets a loan's signing state; `false` if there is no such loan.
    pub fn set_signing_state(&self, loan_id: &Id, state: SigningState) -> bool {
        let mut s = self.lock();
        match s.loans.get_mut(loan_id.as_str()) {
            Some(l) => {
                l.signing_state = state;
                true
            }
            None => false,
        }
    }

    /// Adds a note from Line5 to a loan (unread); `false` if there is no such loan.
    pub fn add_loan_note(&self, loan_id: &Id, body: &str) -> bool {
        let mut s = self.lock();
        let id = s.next_id();
        match s.loans.get_mut(loan_id.as_str()) {
            Some(l) => {
                l.notes.push(NoteRec {
                    id,
                    body: body.to_owned(),
                });
                true
            }
            None => false,
        }
    }

    /// Every request the sandbox received, for assertions in your tests.
    pub async fn received_requests(&self) -> Vec<Request> {
        self.server.received_requests().await.unwrap_or_default()
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }
}

#[derive(Clone)]
struct UserRec {
    id: u64,
    user_id: u64,
    email: String,
    first_name: String,
    last_name: String,
}

#[derive(Clone)]
struct QpRec {
    id: u64,
    protection_label_id: String,
    coverage_id: String,
    deductible_id: String,
    surcharge_ids: Vec<String>,
    name: String,
    price: Decimal,
    months: u64,
    mileage: u64,
    exclude_tax: bool,
    template_value: Option<String>,
}

struct QuoteRec {
    id: u64,
    integration_loan_id: Value,
    status: &'static str,
    customer_id: u64,
    customer: serde_json::Map<String, Value>,
    tier: &'static str,
    vehicle_id: u64,
    vehicle: serde_json::Map<String, Value>,
    protections: Vec<QpRec>,
    term: u64,
    down_payment: Decimal,
    interest_percent: Decimal,
    loan_id: Option<u64>,
}

struct NoteRec {
    id: u64,
    body: String,
}

struct LoanRec {
    id: u64,
    quote_id: u64,
    status: LoanStatus,
    signing_state: SigningState,
    first_payment_date: String,
    package_id: u64,
    notes: Vec<NoteRec>,
}

struct State {
    origin: String,
    next: u64,
    users: Vec<UserRec>,
    quotes: BTreeMap<String, QuoteRec>,
    loans: BTreeMap<String, LoanRec>,
}

const PROTECTIONS: &[(&str, &str, &str, &str, &[&str])] = &[
    (
        "3989",
        "Line/5",
        "Total Tyre Protection",
        "T-12345",
        &["months", "cost", "price"],
    ),
    (
        "3923",
        "Super Provider",
        "The Awesome Protection",
        "JA7889",
        &["mileage", "months", "cost", "price"],
    ),
    (
        "3924",
        "Lame Provider",
        "The Lame Protection",
        "JYY7889",
        &["cost", "price"],
    ),
];

const TEMPLATE_FIELD: &str = "deal_monthlypayment";
const TEMPLATE_REGEX: &str = r"^\d+(\.(\d{2}))?$";

fn money(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap_or_default()
}

/// A JSON number for a decimal (the sandbox's values have two decimals).
fn num(d: Decimal) -> Value {
    serde_json::from_str(&d.normalize().to_string()).unwrap_or(Value::Null)
}

fn text(d: Decimal) -> Value {
    Value::String(d.round_dp(2).to_string())
}

impl State {
    fn seeded(origin: String) -> State {
        State {
            origin,
            next: 20_000,
            users: vec![
                UserRec {
                    id: 3989,
                    user_id: 1,
                    email: "john@example.com".into(),
                    first_name: "John".into(),
                    last_name: "Snow".into(),
                },
                UserRec {
                    id: 3988,
                    user_id: 2,
                    email: "klaus@example.com".into(),
                    first_name: "Klaus".into(),
                    last_name: "Heinrich".into(),
                },
            ],
            quotes: BTreeMap::new(),
            loans: BTreeMap::new(),
        }
    }

    fn next_id(&mut self) -> u64 {
        self.next += 1;
        self.next
    }
}

fn respond(status: u16, body: &Value) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_raw(body.to_string().into_bytes(), MEDIA)
}

fn error(status: u16, pointer: &str, detail: &str) -> ResponseTemplate {
    respond(
        status,
        &json!({"errors": [{"source": {"pointer": pointer}, "detail": detail}]}),
    )
}

fn errors(status: u16, list: &[(String, String)]) -> ResponseTemplate {
    let items: Vec<Value> = list
        .iter()
        .map(|(p, d)| json!({"source": {"pointer": p}, "detail": d}))
        .collect();
    respond(status, &json!({ "errors": items }))
}

struct Fake {
    state: Arc<Mutex<State>>,
}

impl Respond for Fake {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        let path = request.url.path().to_owned();
        if path == "/graphql" {
            return graphql(request);
        }
        let Some(rest) = path.strip_prefix(PREFIX) else {
            return error(404, "", "The specified route was not found");
        };
        let auth = request
            .headers
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        if auth != format!("Token {}", Sandbox::API_KEY) {
            return error(401, "", "Your API key is wrong");
        }
        let segments: Vec<&str> = rest.trim_matches('/').split('/').collect();
        let method = request.method.as_str();
        let body = if request.body.is_empty() {
            None
        } else {
            let ct = request
                .headers
                .get("content-type")
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default();
            if !ct.starts_with(MEDIA) {
                return error(400, "", "Content-Type must be application/vnd.api+json");
            }
            match serde_json::from_slice::<Document>(&request.body) {
                Ok(d) => Some(d),
                Err(_) => return error(400, "", "The request body is not a JSON:API document"),
            }
        };
        let st = &mut *state;
        match (method, segments.as_slice()) {
            ("GET", ["users"]) => list_users(st),
            ("POST", ["users"]) => with_body(body, |d| create_user(st, d)),
            ("GET", ["protections"]) => list_protections(),
            ("POST", ["quotes"]) => with_body(body, |d| create_quote(st, d)),
            ("PATCH" | "PUT", ["quotes"]) => with_body(body, |d| adjust_quote(st, d)),
            ("PATCH" | "PUT", ["quotes", "finalize"]) => with_body(body, |d| finalize(st, d)),
            ("PATCH" | "PUT", ["vehicles"]) => with_body(body, |d| update_vehicle(st, d)),
            ("GET", ["rates"]) => with_body(body, |d| rates(st, d)),
            ("GET", ["quote_protections"]) => with_body(body, |d| list_qps(st, d)),
            ("POST", ["quote-protections"]) => with_body(body, |d| create_qp(st, d)),
            ("PUT" | "PATCH", ["quote-protections", id]) => {
                with_body(body, |d| update_qp(st, id, d))
            }
            ("DELETE", ["quote-protections", id]) => delete_qp(st, id),
            ("GET", ["loans", "find_from_quote", qid]) => match loan_of_quote(st, qid) {
                Some(lid) => respond(200, &loan_doc(st, &lid)),
                None => error(404, "", "Loan not found"),
            },
            ("GET", ["loans", "loan_id_lookup", qid]) => match loan_of_quote(st, qid) {
                Some(lid) => respond(200, &json!({"loan_id": lid.parse::<u64>().unwrap_or(0)})),
                None => error(404, "", "Loan not found"),
            },
            ("GET", ["loans", id]) if st.loans.contains_key(*id) => respond(200, &loan_doc(st, id)),
            ("GET", ["loans", id, "loan_packages"]) if st.loans.contains_key(*id) => {
                respond(200, &json!({"data": [package_json(st, id)]}))
            }
            ("GET", ["loans", id, "loan_packages", pid, "download"]) => match st.loans.get(*id) {
                Some(l) if l.package_id.to_string() == *pid => {
                    ResponseTemplate::new(200).set_body_raw(PACKAGE_PDF.to_vec(), "application/pdf")
                }
                _ => error(404, "", "Loan package not found"),
            },
            ("GET", ["loans", id, "loan_notes"]) => match st.loans.get(*id) {
                Some(l) => respond(
                    200,
                    &json!({"data": l.notes.iter().map(note_json).collect::<Vec<_>>()}),
                ),
                None => error(404, "", "Loan not found"),
            },
            ("GET", ["loans", ..]) => error(404, "", "Loan not found"),
            _ => error(404, "", "The specified route was not found"),
        }
    }
}

fn with_body(
    body: Option<Document>,
    f: impl FnOnce(&Document) -> ResponseTemplate,
) -> ResponseTemplate {
    match body {
        Some(d) => f(&d),
        None => error(400, "/data", "A JSON:API document is required"),
    }
}

fn attrs(r: &Resource) -> serde_json::Map<String, Value> {
    r.attributes
        .as_ref()
        .and_then(|a| serde_json::from_str::<serde_json::Map<String, Value>>(a.get()).ok())
        .unwrap_or_default()
}

fn primary(d: &Document) -> Result<&Resource, ResponseTemplate> {
    d.primary()
        .ok_or_else(|| error(422, "/data", "A resource object is required"))
}

fn rel<'a>(r: &'a Resource, name: &str) -> Option<&'a Resource> {
    r.relationships.get(name).and_then(|x| x.data.first())
}

fn rel_id(r: &Resource, name: &str) -> Option<String> {
    rel(r, name)
        .and_then(|x| x.id.as_ref())
        .map(|i| i.as_str().to_owned())
}

fn text_attr(a: &serde_json::Map<String, Value>, key: &str) -> Option<String> {
    match a.get(key) {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    }
}

fn require(
    a: &serde_json::Map<String, Value>,
    base: &str,
    keys: &[&str],
    out: &mut Vec<(String, String)>,
) {
    for k in keys {
        if text_attr(a, k).is_none() {
            out.push((format!("{base}/{k}"), format!("{k} can't be blank")));
        }
    }
}

fn user_json(u: &UserRec) -> Value {
    json!({"id": u.id.to_string(), "type": "employees", "attributes": {
        "email": u.email, "first-name": u.first_name, "last-name": u.last_name, "user-id": u.user_id}})
}

fn list_users(st: &State) -> ResponseTemplate {
    respond(
        200,
        &json!({"data": st.users.iter().map(user_json).collect::<Vec<_>>()}),
    )
}

fn create_user(st: &mut State, d: &Document) -> ResponseTemplate {
    let r = match primary(d) {
        Ok(r) => r,
        Err(e) => return e,
    };
    let a = attrs(r);
    let mut problems = Vec::new();
    require(
        &a,
        "/data/attributes",
        &[
            "first-name",
            "last-name",
            "date-of-birth",
            "email",
            "phone-number",
        ],
        &mut problems,
    );
    if !problems.is_empty() {
        return errors(422, &problems);
    }
    let id = st.next_id();
    let user_id = st.users.iter().map(|u| u.user_id).max().unwrap_or(0) + 1;
    let u = UserRec {
        id,
        user_id,
        email: text_attr(&a, "email").unwrap_or_default(),
        first_name: text_attr(&a, "first-name").unwrap_or_default(),
        last_name: text_attr(&a, "last-name").unwrap_or_default(),
    };
    st.users.push(u.clone());
    respond(201, &json!({"data": user_json(&u)}))
}

fn list_protections() -> ResponseTemplate {
    let data: Vec<Value> = PROTECTIONS
        .iter()
        .map(|(id, provider, name, form, fields)| {
            let fields: Vec<Value> = fields
                .iter()
                .map(|f| {
                    let t = if matches!(*f, "cost" | "price") { "decimal" } else { "int" };
                    json!({"name": f, "type": t, "required": "true"})
                })
                .collect();
            json!({"id": id, "type": "protections", "attributes": {
                "provider": provider, "name": name, "form_number": form, "fields": fields,
                "protection-category-id": 1, "protection-category-name": "Extended Service Contract",
                "brochure": ""}})
        })
        .collect();
    respond(200, &json!({ "data": data }))
}

fn protection_name(id: &str) -> Option<&'static str> {
    PROTECTIONS.iter().find(|p| p.0 == id).map(|p| p.2)
}

fn decimal_of(v: Option<&Value>) -> Option<Decimal> {
    match v {
        Some(Value::Number(n)) => Decimal::from_str(&n.to_string())
            .or_else(|_| Decimal::from_scientific(&n.to_string()))
            .ok(),
        Some(Value::String(s)) => Decimal::from_str(s).ok(),
        _ => None,
    }
}

fn tier_for(ssn: &str) -> &'static str {
    match ssn.chars().rfind(char::is_ascii_digit) {
        Some('0' | '1') => "a",
        Some('2' | '3') => "b",
        Some('4') => "c",
        Some('5') => "d",
        Some('6') => "e",
        Some('7') => "f",
        Some('8') => "g",
        _ => "h",
    }
}

fn create_quote(st: &mut State, d: &Document) -> ResponseTemplate {
    let r = match primary(d) {
        Ok(r) => r,
        Err(e) => return e,
    };
    let qa = attrs(r);
    let mut problems = Vec::new();
    if qa.get("integration-loan-id").is_none_or(Value::is_null) {
        problems.push((
            "/data/attributes/integration-loan-id".into(),
            "integration-loan-id can't be blank".into(),
        ));
    }
    let customer = rel(r, "customer").map(attrs).unwrap_or_default();
    require(
        &customer,
        "/data/relationships/customer/data/attributes",
        &[
            "first-name",
            "last-name",
            "ssn",
            "date-of-birth",
            "address-1",
            "city",
            "state",
            "postal-code",
            "email",
            "cell-number",
            "phone-number",
        ],
        &mut problems,
    );
    let vehicle = rel(r, "vehicle").map(attrs).unwrap_or_default();
    require(
        &vehicle,
        "/data/relationships/vehicle/data/attributes",
        &["vin", "mileage"],
        &mut problems,
    );
    match rel_id(r, "employee") {
        Some(e) if st.users.iter().any(|u| u.id.to_string() == e) => {}
        _ => problems.push((
            "/data/relationships/employee".into(),
            "Employee is not an active user of the dealership".into(),
        )),
    }
    let mut qps = Vec::new();
    if let Some(list) = r.relationships.get("quote-protections") {
        for (i, item) in list.data.iter().enumerate() {
            let pid = rel_id(item, "protection").unwrap_or_default();
            let Some(name) = protection_name(&pid) else {
                problems.push((
                    format!(
                        "/data/relationships/quote-protections/data/{i}/relationships/protection"
                    ),
                    "Protection not found".into(),
                ));
                continue;
            };
            let a = attrs(item);
            let field = |n: &str| {
                a.get("filled-fields")
                    .and_then(Value::as_array)
                    .and_then(|fs| {
                        fs.iter()
                            .find(|f| f.get("name").and_then(Value::as_str) == Some(n))
                    })
                    .and_then(|f| decimal_of(f.get("value")))
            };
            let Some(price) = field("price") else {
                problems.push((
                    format!(
                        "/data/relationships/quote-protections/data/{i}/attributes/filled-fields"
                    ),
                    "price is required".into(),
                ));
                continue;
            };
            let id = st.next_id();
            qps.push(QpRec {
                id,
                protection_label_id: pid,
                coverage_id: String::new(),
                deductible_id: String::new(),
                surcharge_ids: Vec::new(),
                name: name.into(),
                price,
                months: field("months")
                    .and_then(|m| u64::try_from(m.trunc().mantissa()).ok())
                    .unwrap_or(12),
                mileage: field("mileage")
                    .and_then(|m| u64::try_from(m.trunc().mantissa()).ok())
                    .unwrap_or(0),
                exclude_tax: a
                    .get("exclude-tax")
                    .and_then(Value::as_bool)
                    .unwrap_or(false),
                template_value: None,
            });
        }
    }
    if !problems.is_empty() {
        return errors(422, &problems);
    }
    let ssn = text_attr(&customer, "ssn").unwrap_or_default();
    let skip = qa
        .get("skip-credit-validation")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let tier = if skip {
        "h"
    } else if ssn.chars().filter(char::is_ascii_digit).collect::<String>()
        == Sandbox::CREDIT_FAILURE_SSN
    {
        return error(
            422,
            "/data/relationships/customer",
            "Credit inquiry failed: no credit record found for the customer",
        );
    } else {
        tier_for(&ssn)
    };
    let id = st.next_id();
    let customer_id = st.next_id();
    let vehicle_id = st.next_id();
    let quote = QuoteRec {
        id,
        integration_loan_id: qa
            .get("integration-loan-id")
            .cloned()
            .unwrap_or(Value::Null),
        status: "new",
        customer_id,
        customer,
        tier,
        vehicle_id,
        vehicle,
        protections: qps,
        term: 12,
        down_payment: Decimal::ZERO,
        interest_percent: if tier == "h" {
            money("17.99")
        } else {
            money("9.99")
        },
        loan_id: None,
    };
    let doc = quote_doc(st, &quote, false);
    st.quotes.insert(id.to_string(), quote);
    respond(201, &doc)
}

fn customer_json(q: &QuoteRec) -> Value {
    let mut a = serde_json::Map::new();
    for k in [
        "first-name",
        "last-name",
        "date-of-birth",
        "address-1",
        "address-2",
        "city",
        "state",
        "postal-code",
        "phone-number",
        "cell-number",
        "work-number",
    ] {
        a.insert(k.into(), q.customer.get(k).cloned().unwrap_or(Value::Null));
    }
    a.insert("credit-score-tier".into(), json!(q.tier));
    json!({"id": q.customer_id.to_string(), "type": "customers", "attributes": a})
}

fn vehicle_json(q: &QuoteRec) -> Value {
    let v = &q.vehicle;
    let vin = text_attr(v, "vin").unwrap_or_default();
    json!({"id": q.vehicle_id.to_string(), "type": "vehicles", "attributes": {
        "year": v.get("year").cloned().unwrap_or(json!(2013)),
        "make": v.get("make").cloned().unwrap_or(json!("Dodge")),
        "model": v.get("model").cloned().unwrap_or(json!("Challenger R/T")),
        "vin": vin,
        "mileage": v.get("mileage").cloned().unwrap_or(Value::Null),
        "purchase-price": decimal_of(v.get("purchase-price")).map(text).unwrap_or(Value::Null),
        "financed-amount": decimal_of(v.get("financed-amount")).map(text).unwrap_or(Value::Null),
        "msrp": decimal_of(v.get("msrp")).map(text).unwrap_or(Value::Null),
        "finance-term": v.get("finance-term").cloned().unwrap_or(Value::Null),
        "in-service-date": v.get("in-service-date").cloned().unwrap_or(json!("2013-01-01")),
        "status": v.get("status").cloned().unwrap_or(json!("used_vehicle"))}})
}

fn qp_resource_json(qp: &QpRec) -> Value {
    json!({"id": qp.id.to_string(), "type": "quote-protections", "attributes": {
        "term": qp.months, "name": qp.name, "months": qp.months, "mileage": qp.mileage,
        "price": text(qp.price)}})
}

fn qp_flat_json(qp: &QpRec) -> Value {
    json!({"id": qp.id, "term": qp.months, "name": qp.name, "months": qp.months,
        "mileage": qp.mileage, "price": text(qp.price), "financing_limit": text(qp.price * Decimal::TWO),
        "exclude_tax": qp.exclude_tax,
        "protection_label_id": qp.protection_label_id.parse::<u64>().map(Value::from).unwrap_or(json!(qp.protection_label_id)),
        "coverage_id": qp.coverage_id.parse::<u64>().map(Value::from).unwrap_or(Value::Null),
        "deductible_id": qp.deductible_id.parse::<u64>().map(Value::from).unwrap_or(Value::Null),
        "surcharge_ids": qp.surcharge_ids.iter().filter_map(|s| s.parse::<u64>().ok()).collect::<Vec<_>>(),
        "template_fields": [{"name": TEMPLATE_FIELD, "prompt": "Deals Monthly Payment",
            "data_type": "double", "validator_prompt": "must be in format ######.##",
            "validator_regex": TEMPLATE_REGEX, "value": qp.template_value}]})
}

struct Totals {
    protections: Decimal,
    doc_stamp: Decimal,
    financed: Decimal,
    monthly: Decimal,
    base_fee: Decimal,
    total: Decimal,
}

fn totals(q: &QuoteRec) -> Totals {
    let protections: Decimal = q.protections.iter().map(|p| p.price).sum();
    let total = protections;
    let doc_stamp = if protections.is_zero() {
        Decimal::ZERO
    } else {
        money("1.75")
    };
    let financed = (total - q.down_payment + doc_stamp).max(Decimal::ZERO);
    let base_fee = (financed * money("0.15")).round_dp(2);
    let term = Decimal::from(q.term.max(1));
    let interest = financed * q.interest_percent / Decimal::ONE_HUNDRED * term / Decimal::from(12);
    let monthly = ((financed + interest) / term).round_dp(2);
    Totals {
        protections,
        doc_stamp,
        financed,
        monthly,
        base_fee,
        total,
    }
}

fn quote_doc(st: &State, q: &QuoteRec, flat_protections: bool) -> Value {
    let t = totals(q);
    let origin = &st.origin;
    let mut included = vec![customer_json(q), vehicle_json(q)];
    for qp in &q.protections {
        included.push(if flat_protections {
            qp_flat_json(qp)
        } else {
            qp_resource_json(qp)
        });
    }
    json!({"data": {"id": q.id.to_string(), "type": "quotes", "attributes": {
        "link-to-quote-wizard": format!("{origin}/dealers/141/quotes/{}/wizard/adjust_loan_terms", q.id),
        "integration-loan-id": q.integration_loan_id, "status": q.status, "term": q.term,
        "monthly-payment": num(t.monthly), "protections-total": num(t.protections), "taxed-total": 0,
        "tax": 0, "subtotal": num(t.protections), "down-payment": num(q.down_payment),
        "total": num(t.total), "doc-stamp-fee": num(t.doc_stamp), "financed-total": num(t.financed),
        "base-fee": num(t.base_fee), "buy-down-fee": 0, "interest-percent": num(q.interest_percent),
        "additional-term-fee": 0, "fees": num(t.base_fee)},
      "relationships": {
        "quote-protections": {"data": q.protections.iter().map(|p| json!({"id": p.id.to_string(), "type": "quote-protections"})).collect::<Vec<_>>()},
        "customer": {"data": {"id": q.customer_id.to_string(), "type": "customers"}},
        "vehicle": {"data": {"id": q.vehicle_id.to_string(), "type": "vehicles"}}}},
      "included": included})
}

fn open_quote<'a>(
    st: &'a mut State,
    id: Option<String>,
    pointer: &str,
) -> Result<&'a mut QuoteRec, ResponseTemplate> {
    let Some(id) = id else {
        return Err(error(422, pointer, "Quote id is required"));
    };
    match st.quotes.get_mut(&id) {
        Some(q) if q.status == "new" => Ok(q),
        Some(_) => Err(error(
            422,
            pointer,
            "A finalized quote can not be updated anymore",
        )),
        None => Err(error(404, pointer, "Quote not found")),
    }
}

fn adjust_quote(st: &mut State, d: &Document) -> ResponseTemplate {
    let r = match primary(d) {
        Ok(r) => r,
        Err(e) => return e,
    };
    let a = attrs(r);
    let id = r.id.as_ref().map(|i| i.as_str().to_owned());
    let q = match open_quote(st, id.clone(), "/data/id") {
        Ok(q) => q,
        Err(e) => return e,
    };
    if let Some(t) = a.get("term").and_then(Value::as_u64) {
        if t == 0 {
            return error(422, "/data/attributes/term", "term must be greater than 0");
        }
        q.term = t;
    }
    if let Some(dp) = decimal_of(a.get("down_payment")) {
        q.down_payment = dp;
    }
    if let Some(i) = decimal_of(a.get("interest_percent")) {
        q.interest_percent = i;
    }
    let id = id.unwrap_or_default();
    match st.quotes.get(&id) {
        Some(q) => respond(200, &quote_doc(st, q, false)),
        None => error(404, "/data/id", "Quote not found"),
    }
}

fn update_vehicle(st: &mut State, d: &Document) -> ResponseTemplate {
    let r = match primary(d) {
        Ok(r) => r,
        Err(e) => return e,
    };
    let a = attrs(r);
    let qid = rel_id(r, "quote");
    let q = match open_quote(st, qid.clone(), "/data/relationships/quote") {
        Ok(q) => q,
        Err(e) => return e,
    };
    let resets = ["vin", "mileage"]
        .iter()
        .any(|k| a.get(*k).is_some_and(|v| q.vehicle.get(*k) != Some(v)));
    for (k, v) in a {
        q.vehicle.insert(k, v);
    }
    if resets {
        q.protections.clear();
    }
    let qid = qid.unwrap_or_default();
    match st.quotes.get(&qid) {
        Some(q) => respond(200, &quote_doc(st, q, false)),
        None => error(404, "/data/relationships/quote", "Quote not found"),
    }
}

fn rates(st: &State, d: &Document) -> ResponseTemplate {
    let r = match primary(d) {
        Ok(r) => r,
        Err(e) => return e,
    };
    if !r
        .id
        .as_ref()
        .is_some_and(|i| st.quotes.contains_key(i.as_str()))
    {
        return error(404, "/data/id", "Quote not found");
    }
    let label = rel_id(r, "protection-label").unwrap_or_default();
    let Some(name) = protection_name(&label) else {
        return error(
            422,
            "/data/relationships/protection-label",
            "Protection label not found",
        );
    };
    let base: u64 = label.parse().unwrap_or(1) * 100;
    let mut coverages = Vec::new();
    let mut terms = Vec::new();
    for (i, months) in [48u64, 36, 24].iter().enumerate() {
        let i = i as u64;
        let cid = base + i;
        let price = Decimal::from(*months) * money("6.8");
        coverages.push(
            json!({"id": cid, "pen_rate_id": base, "coverage_name": name,
            "form_id": label, "form_name": "PEW-101", "new": false, "product_type": "WARRANTY",
            "term_miles": null, "term_months": months, "label": format!("{name} ({months} months)"),
            "deductibles": [{"id": cid * 10, "pen_coverage_id": cid, "amount": "0",
                "dealer_cost": text(price / Decimal::from(3)), "deductible_type": "NORMAL",
                "description": "0.00", "fi_markup": "0.0", "max_retail_price": text(price),
                "min_retail_price": text(price), "rate_id": (i + 1).to_string(),
                "reduced_amount": "0.0", "retail_price": text(price)}],
            "surcharges": [{"id": cid * 10 + 1, "pen_coverage_id": cid, "code": "221",
                "dealer_cost": "250.0", "description": "Supercharger", "optional": true,
                "retail_price": "250.0"}]}),
        );
        terms.push(json!({"id": cid, "term_label": format!("{months} months")}));
    }
    respond(
        200,
        &json!({"coverages": coverages, "coverage_terms": {name: terms}, "coverage_names": [name]}),
    )
}

fn list_qps(st: &State, d: &Document) -> ResponseTemplate {
    let r = match primary(d) {
        Ok(r) => r,
        Err(e) => return e,
    };
    match r.id.as_ref().and_then(|i| st.quotes.get(i.as_str())) {
        Some(q) => respond(
            200,
            &json!({"quote_protections": q.protections.iter().map(qp_flat_json).collect::<Vec<_>>()}),
        ),
        None => error(404, "/data/id", "Quote not found"),
    }
}

/// Validates a create/update body; fills `qp`.
fn apply_qp(r: &Resource, qp: &mut QpRec, full: bool) -> Result<(), ResponseTemplate> {
    let a = attrs(r);
    let mut problems = Vec::new();
    match decimal_of(a.get("price")) {
        Some(p) if p > Decimal::ZERO => qp.price = p,
        Some(_) => problems.push((
            "/data/attributes/price".to_owned(),
            "price must be positive".to_owned(),
        )),
        None if full => problems.push((
            "/data/attributes/price".to_owned(),
            "price can't be blank".to_owned(),
        )),
        None => {}
    }
    if full {
        for (k, slot) in [("months", &mut qp.months), ("mileage", &mut qp.mileage)] {
            match a.get(k).and_then(Value::as_u64) {
                Some(v) => *slot = v,
                None => problems.push((
                    format!("/data/attributes/{k}"),
                    format!("{k} can't be blank"),
                )),
            }
        }
        if let Some(x) = a.get("exclude-tax").and_then(Value::as_bool) {
            qp.exclude_tax = x;
        }
        match rel_id(r, "protection-label").filter(|l| protection_name(l).is_some()) {
            Some(l) => {
                qp.name = protection_name(&l).unwrap_or_default().to_owned();
                qp.protection_label_id = l;
            }
            None => problems.push((
                "/data/relationships/protection-label".to_owned(),
                "Protection label not found".to_owned(),
            )),
        }
        for (k, slot) in [
            ("coverage", &mut qp.coverage_id),
            ("deductible", &mut qp.deductible_id),
        ] {
            match rel_id(r, k) {
                Some(v) => *slot = v,
                None => problems.push((
                    format!("/data/relationships/{k}"),
                    format!("{k} can't be blank"),
                )),
            }
        }
        qp.surcharge_ids = r
            .relationships
            .get("surcharges")
            .map(|s| {
                s.data
                    .iter()
                    .filter_map(|x| x.id.as_ref().map(|i| i.as_str().to_owned()))
                    .collect()
            })
            .unwrap_or_default();
    }
    if let Some(t) = rel(r, "template") {
        let ta = attrs(t);
        if let Some(v) = ta.get(TEMPLATE_FIELD) {
            let v = match v {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            let ok = v.split_once('.').map_or(
                !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()),
                |(a, b)| {
                    !a.is_empty()
                        && a.bytes().all(|x| x.is_ascii_digit())
                        && b.len() == 2
                        && b.bytes().all(|x| x.is_ascii_digit())
                },
            );
            if ok {
                qp.template_value = Some(v);
            } else {
                problems.push((
                    format!("/data/relationships/template/data/attributes/{TEMPLATE_FIELD}"),
                    "must be in format ######.##".to_owned(),
                ));
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(errors(422, &problems))
    }
}

fn create_qp(st: &mut State, d: &Document) -> ResponseTemplate {
    let r = match primary(d) {
        Ok(r) => r,
        Err(e) => return e,
    };
    let id = st.next_id();
    let mut qp = QpRec {
        id,
        protection_label_id: String::new(),
        coverage_id: String::new(),
        deductible_id: String::new(),
        surcharge_ids: Vec::new(),
        name: String::new(),
        price: Decimal::ZERO,
        months: 0,
        mileage: 0,
        exclude_tax: false,
        template_value: None,
    };
    if let Err(e) = apply_qp(r, &mut qp, true) {
        return e;
    }
    let qid = rel_id(r, "quote");
    let q = match open_quote(st, qid.clone(), "/data/relationships/quote") {
        Ok(q) => q,
        Err(e) => return e,
    };
    q.protections.push(qp);
    quote_answer(st, &qid.unwrap_or_default())
}

fn quote_answer(st: &State, qid: &str) -> ResponseTemplate {
    match st.quotes.get(qid) {
        Some(q) => respond(200, &quote_doc(st, q, true)),
        None => error(404, "/data/relationships/quote", "Quote not found"),
    }
}

fn find_qp(st: &State, id: &str) -> Option<String> {
    st.quotes
        .values()
        .find(|q| q.protections.iter().any(|p| p.id.to_string() == id))
        .map(|q| q.id.to_string())
}

fn update_qp(st: &mut State, id: &str, d: &Document) -> ResponseTemplate {
    let r = match primary(d) {
        Ok(r) => r,
        Err(e) => return e,
    };
    if r.id.as_ref().is_some_and(|i| i.as_str() != id) {
        return error(422, "/data/id", "id does not match the URL");
    }
    let Some(qid) = find_qp(st, id) else {
        return error(404, "", "Quote protection not found");
    };
    // a price-only body revises the price; anything else is a full update
    let full = !r.relationships.is_empty() || attrs(r).len() > 1;
    let q = match open_quote(st, Some(qid.clone()), "/data/relationships/quote") {
        Ok(q) => q,
        Err(e) => return e,
    };
    let Some(qp) = q.protections.iter_mut().find(|p| p.id.to_string() == id) else {
        return error(404, "", "Quote protection not found");
    };
    let mut updated = qp.clone();
    if let Err(e) = apply_qp(r, &mut updated, full) {
        return e;
    }
    *qp = updated;
    quote_answer(st, &qid)
}

fn delete_qp(st: &mut State, id: &str) -> ResponseTemplate {
    let Some(qid) = find_qp(st, id) else {
        return error(404, "", "Quote protection not found");
    };
    let q = match open_quote(st, Some(qid.clone()), "") {
        Ok(q) => q,
        Err(e) => return e,
    };
    q.protections.retain(|p| p.id.to_string() != id);
    match st.quotes.get(&qid) {
        Some(q) => respond(200, &quote_doc(st, q, false)),
        None => error(404, "", "Quote not found"),
    }
}

fn check_payment(
    a: &serde_json::Map<String, Value>,
    base: &str,
    problems: &mut Vec<(String, String)>,
) {
    match a.get("form_of_payment_type").and_then(Value::as_str) {
        Some("payment_card") => require(
            a,
            base,
            &[
                "payment_card_name",
                "payment_card_number",
                "payment_card_cvv",
                "payment_card_expiration",
                "payment_card_zip_code",
            ],
            problems,
        ),
        Some("bank_transfer") => {
            require(
                a,
                base,
                &[
                    "bank_transfer_routing_number",
                    "bank_transfer_account_number",
                    "bank_transfer_routing_number_confirmation",
                    "bank_transfer_account_number_confirmation",
                    "bank_transfer_name",
                    "bank_transfer_account_type",
                ],
                problems,
            );
            for k in ["routing_number", "account_number"] {
                if a.get(&format!("bank_transfer_{k}"))
                    != a.get(&format!("bank_transfer_{k}_confirmation"))
                {
                    problems.push((
                        format!("{base}/bank_transfer_{k}_confirmation"),
                        "doesn't match".to_owned(),
                    ));
                }
            }
            if a.get("bank_transfer_account_type").and_then(Value::as_str) != Some("checking") {
                problems.push((
                    format!("{base}/bank_transfer_account_type"),
                    "Line5 only accepts checking at this time".to_owned(),
                ));
            }
        }
        _ => problems.push((
            format!("{base}/form_of_payment_type"),
            "is not supported".to_owned(),
        )),
    }
}

fn finalize(st: &mut State, d: &Document) -> ResponseTemplate {
    let r = match primary(d) {
        Ok(r) => r,
        Err(e) => return e,
    };
    let qid = r.id.as_ref().map(|i| i.as_str().to_owned());
    let a = attrs(r);
    let mut problems = Vec::new();
    let date_ok = a
        .get("first_payment_date")
        .and_then(Value::as_str)
        .is_some_and(|s| s.parse::<jiff::civil::Date>().is_ok());
    if !date_ok {
        problems.push((
            "/data/attributes/first_payment_date".to_owned(),
            "is not a date".to_owned(),
        ));
    }
    let down = rel(r, "downpayment_payment_method").map(attrs);
    if let Some(down) = &down {
        check_payment(
            down,
            "/data/relationships/downpayment_payment_method/data/attributes",
            &mut problems,
        );
    }
    let auto = rel(r, "payment_method").map(attrs).unwrap_or_default();
    let deferred = auto.get("same_as_downpayment").and_then(Value::as_bool) == Some(true)
        || auto.get("provide_later").and_then(Value::as_bool) == Some(true);
    if deferred {
        if down.is_none() {
            problems.push((
                "/data/relationships/downpayment_payment_method".to_owned(),
                "is required with same_as_downpayment or provide_later".to_owned(),
            ));
        }
    } else {
        check_payment(
            &auto,
            "/data/relationships/payment_method/data/attributes",
            &mut problems,
        );
    }
    let q = match open_quote(st, qid, "/data/id") {
        Ok(q) => q,
        Err(e) => return e,
    };
    if q.protections.is_empty() {
        problems.push((
            "/data/relationships/quote-protections".to_owned(),
            "The quote has no protections".to_owned(),
        ));
    }
    for qp in &q.protections {
        if qp.template_value.is_none() {
            problems.push((
                format!(
                    "/data/relationships/quote-protections/{}/template/{TEMPLATE_FIELD}",
                    qp.id
                ),
                format!("Template field {TEMPLATE_FIELD} is required"),
            ));
        }
    }
    if !problems.is_empty() {
        return errors(422, &problems);
    }
    q.status = "finalized";
    let quote_id = q.id;
    let first_payment_date = a
        .get("first_payment_date")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let loan_id = st.next_id();
    let package_id = st.next_id();
    if let Some(q) = st.quotes.get_mut(&quote_id.to_string()) {
        q.loan_id = Some(loan_id);
    }
    st.loans.insert(
        loan_id.to_string(),
        LoanRec {
            id: loan_id,
            quote_id,
            status: LoanStatus::AwaitingPaperwork,
            signing_state: SigningState::Unsigned,
            first_payment_date,
            package_id,
            notes: Vec::new(),
        },
    );
    respond(201, &loan_doc(st, &loan_id.to_string()))
}

fn loan_of_quote(st: &State, qid: &str) -> Option<String> {
    st.quotes
        .get(qid)
        .and_then(|q| q.loan_id)
        .map(|l| l.to_string())
}

fn package_json(st: &State, loan_id: &str) -> Value {
    let pid = st
        .loans
        .get(loan_id)
        .map(|l| l.package_id)
        .unwrap_or_default();
    json!({"id": pid.to_string(), "type": "loan-packages", "attributes": {
        "documents-file-name": format!("{pid}-cover-sheet.pdf"),
        "documents-content-type": "application/pdf", "documents-file-size": PACKAGE_PDF.len()},
        "links": {"download": format!("{}{PREFIX}/loans/{loan_id}/loan_packages/{pid}/download", st.origin)}})
}

fn note_json(n: &NoteRec) -> Value {
    json!({"id": n.id.to_string(), "type": "loan-notes", "attributes": {
        "body": n.body, "created-at": jiff::Zoned::now().date().to_string(), "user-name": "Line5 Funding"}})
}

fn loan_doc(st: &State, loan_id: &str) -> Value {
    let Some(l) = st.loans.get(loan_id) else {
        return json!({"data": null});
    };
    let Some(q) = st.quotes.get(&l.quote_id.to_string()) else {
        return json!({"data": null});
    };
    let t = totals(q);
    let payment_day = l
        .first_payment_date
        .parse::<jiff::civil::Date>()
        .map(|d| d.day())
        .unwrap_or(1);
    let mut included = vec![package_json(st, loan_id), customer_json(q), vehicle_json(q)];
    included.extend(q.protections.iter().map(qp_resource_json));
    included.extend(l.notes.iter().map(note_json));
    let notes: Vec<Value> = l
        .notes
        .iter()
        .map(|n| json!({"id": n.id.to_string(), "type": "loan-notes"}))
        .collect();
    json!({"data": {"id": l.id.to_string(), "type": "loans", "attributes": {
        "status": l.status.as_str(), "funded-at": if l.status == LoanStatus::Funded { json!(jiff::Zoned::now().date().to_string()) } else { Value::Null },
        "start-date": l.first_payment_date, "payment-day": payment_day,
        "first-payment-date": l.first_payment_date, "balance": text(t.financed), "term": q.term,
        "down-payment": text(q.down_payment), "short-fund-fee": "0.0", "monthly-payment": text(t.monthly),
        "tax": "0.0", "base-fee": text(t.base_fee), "buy-down-fee": "0.0", "additional-term-fee": "0.0",
        "doc-stamp-fee": text(t.doc_stamp), "financed-total": text(t.financed),
        "esign-url": format!("{}/esign?loginToken=sandbox-{}", st.origin, l.id),
        "signing-state": l.signing_state.as_str()},
      "relationships": {
        "loan-notes": {"data": notes.clone()}, "unread-loan-notes": {"data": notes},
        "actual-cover-sheet": {"data": {"id": l.package_id.to_string(), "type": "loan-packages"}},
        "customer": {"data": {"id": q.customer_id.to_string(), "type": "customers"}},
        "vehicle": {"data": {"id": q.vehicle_id.to_string(), "type": "vehicles"}},
        "quote-protections": {"data": q.protections.iter().map(|p| json!({"id": p.id.to_string(), "type": "quote-protections"})).collect::<Vec<_>>()}}},
      "included": included})
}

fn graphql(request: &Request) -> ResponseTemplate {
    let json_answer = |status: u16, body: Value| {
        ResponseTemplate::new(status)
            .set_body_raw(body.to_string().into_bytes(), "application/json")
    };
    if request.method.as_str() != "POST" {
        return json_answer(405, json!({"errors": [{"message": "POST only"}]}));
    }
    let auth = request
        .headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    if auth != Sandbox::GRAPHQL_TOKEN {
        return json_answer(401, json!({"errors": [{"message": "Not authorized"}]}));
    }
    let Ok(body) = serde_json::from_slice::<Value>(&request.body) else {
        return json_answer(400, json!({"errors": [{"message": "Body is not JSON"}]}));
    };
    let query = body
        .get("query")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let vars = body.get("variables").cloned().unwrap_or(Value::Null);
    let var = |k: &str| {
        vars.get(k)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    let (key, ok) = if query.contains("SignInUserAuto(") {
        let ok = var("email") == Sandbox::USER_EMAIL
            && vars.get("userId").and_then(Value::as_u64) == Some(Sandbox::USER_ID)
            && var("service") == Sandbox::AUTO_LOGIN_SERVICE;
        ("SignInUserAuto", ok)
    } else if query.contains("signInUser(") {
        let ok = var("email") == Sandbox::USER_EMAIL && var("password") == Sandbox::USER_PASSWORD;
        ("signInUser", ok)
    } else {
        return json_answer(200, json!({"errors": [{"message": "Unknown mutation"}]}));
    };
    if !ok {
        return json_answer(
            200,
            json!({"data": {key: null}, "errors": [{"message": "Invalid credentials"}]}),
        );
    }
    json_answer(
        200,
        json!({"data": {key: {"status": "Success", "token": Sandbox::USER_TOKEN,
            "user": {"id": "3989", "displayName": "John Snow", "email": Sandbox::USER_EMAIL}}}}),
    )
}

mod server;
pub use server::{HEALTH_PATH, VENDOR};
