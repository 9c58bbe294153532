//! The webhook server of the `autoloan_webhook` example, shared by the
//! binary and its end-to-end test (`tests/autoloan_webhook.rs`).
//!
//! `POST /hooks/autoloan?token=<secret>` receives Autoloan Finland's status
//! webhook; on `Approved` it builds the loan contract from the application
//! the dealer submitted and pushes it to Alfa 6 Cloud.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, MutexGuard};

use autoloan_client::webhooks::{DEFAULT_MAX_WEBHOOK_BYTES, DedupeKey, WebhookReceiver};
use autoloan_client::{ApplicationStatus, Decimal, NewApplication, alfa};
use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::routing::post;

/// What the dealer system knows about a submitted application, beyond what
/// Autoloan Finland sends back: needed to build the Alfa contract.
#[derive(Debug, Clone)]
pub struct Deal {
    /// The application as submitted.
    pub application: NewApplication,
    /// The customer's reference in Alfa.
    pub customer_reference: String,
    /// The vehicle's registration number.
    pub registration_number: String,
    /// The customer's down payment in euros.
    pub down_payment: Decimal,
}

/// The server's state: the receiver, the Alfa client, the deals, and the
/// webhooks handled so far (in a real system: a database table).
pub struct AppState {
    receiver: WebhookReceiver,
    alfa: alfa::Client,
    deals: Mutex<HashMap<String, Deal>>,
    handled: Mutex<HashSet<DedupeKey>>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl AppState {
    /// A state with no deals yet.
    pub fn new(receiver: WebhookReceiver, alfa: alfa::Client) -> Arc<AppState> {
        Arc::new(AppState {
            receiver,
            alfa,
            deals: Mutex::default(),
            handled: Mutex::default(),
        })
    }

    /// Remembers a submitted application under the id Autoloan gave it.
    pub fn register(&self, application_id: &str, deal: Deal) {
        lock(&self.deals).insert(application_id.to_owned(), deal);
    }
}

/// The router: `POST /hooks/autoloan`.
pub fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/hooks/autoloan", post(webhook))
        // axum stops reading oversized bodies; the receiver checks again
        .layer(DefaultBodyLimit::max(DEFAULT_MAX_WEBHOOK_BYTES))
        .with_state(state)
}

async fn webhook(
    State(state): State<Arc<AppState>>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> (StatusCode, String) {
    // 1. authenticate (shared secret in the URL) and decode
    let hook = match state.receiver.parse_request(&uri, &headers, &body) {
        Ok(hook) => hook,
        Err(e) => return (e.http_status(), e.to_string()),
    };
    // 2. a redelivery of something already handled: acknowledge, do nothing.
    //    The key holds the timestamp's instant, so a redelivery written at
    //    another offset (`+03:00` for `Z`) is recognised too; the offset the
    //    vendor sent stays in `hook.timestamp` (a `Zoned`).
    let key = hook.dedupe_key();
    if lock(&state.handled).contains(&key) {
        return (StatusCode::OK, format!("{key}: already handled"));
    }
    if hook.status != ApplicationStatus::Approved {
        lock(&state.handled).insert(key.clone());
        return (StatusCode::OK, format!("{key}: noted"));
    }
    // 3. approved: build the contract from our own record of the deal
    let deal = lock(&state.deals)
        .get(hook.application_id.as_str())
        .cloned();
    let Some(deal) = deal else {
        return (
            StatusCode::UNPROCESSABLE_ENTITY,
            format!("{key}: unknown application"),
        );
    };
    let contract = match alfa::ContractRequest::from_approval()
        .application(&deal.application)
        .webhook(&hook)
        .customer_reference(deal.customer_reference)
        .registration_number(deal.registration_number)
        .down_payment(deal.down_payment)
        .build()
    {
        Ok(c) => c,
        // the approval does not add up: a human must look at it
        Err(e) => return (StatusCode::UNPROCESSABLE_ENTITY, format!("{key}: {e}")),
    };
    // 4. push it to Alfa
    match state.alfa.contracts().create(&contract).await {
        Ok(receipt) => {
            lock(&state.handled).insert(key.clone());
            let id = receipt.contract_id.unwrap_or_else(|| "(no id)".to_owned());
            (StatusCode::OK, format!("{key}: contract {id} created"))
        }
        Err(e) if e.status() == Some(StatusCode::CONFLICT) => {
            // pushed before (a concurrent redelivery): nothing left to do
            lock(&state.handled).insert(key.clone());
            (StatusCode::OK, format!("{key}: contract exists already"))
        }
        // Alfa unreachable or failing: answer 502 so the delivery is retried
        Err(e) => (
            StatusCode::BAD_GATEWAY,
            format!("{key}: Alfa push failed: {e}"),
        ),
    }
}
