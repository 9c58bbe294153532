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

mod loans;
mod quotes;
mod router;
mod state;
use loans::*;
use quotes::*;
use router::*;
use state::*;

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

mod server;
pub use server::{HEALTH_PATH, VENDOR};
