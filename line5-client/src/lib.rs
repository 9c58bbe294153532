//! Typed async client for the **Line5 API v1** (JSON:API) and its GraphQL
//! auto-login, on [`forecourt_core`].
//!
//! # Quick start
//!
//! ```no_run
//! use line5_client::{Client, Id, SecretString};
//!
//! # async fn demo() -> line5_client::Result<()> {
//! let line5 = Client::builder()
//!     .api_key(SecretString::from("YOUR_API_KEY"))
//!     .build()?;
//!
//! let users = line5.users().list().await?;
//! let protections = line5.protections().list().await?;
//! println!("{} users, {} protections", users.len(), protections.len());
//!
//! let loan = line5.loans().get(&Id::from("110372")).await?;
//! println!("loan {} is {:?}", loan.id, loan.status);
//! if let Some(customer) = loan.customer() {
//!     println!("customer tier {:?}", customer.credit_score_tier);
//! }
//! # Ok(())
//! # }
//! ```
//!
//! # Errors
//!
//! Every call returns [`Result`]; a Line5 error answer
//! (`{"errors":[{"source":{"pointer"},"detail"}]}`) is an
//! [`Error::Api`] whose `details` carry each pointer and detail.
//! Input the SDK can check is checked before sending
//! ([`Error::InvalidInput`] naming the field).
//!
//! The flow: [`users`](Client::users) and [`protections`](Client::protections)
//! → [`quotes().create`](quotes::Quotes::create) →
//! [`rates().get`](rates::Rates::get) →
//! [`quote_protections().create`](quote_protections::QuoteProtections::create)
//! (then `update` with [`TemplateValues`]) →
//! [`quotes().finalize`](quotes::Quotes::finalize) → [`loans()`](Client::loans):
//! `get`, `packages`, `download_package`, `notes`.
//!
//! # Sandbox
//!
//! With the `sandbox` feature, `sandbox::Sandbox` is a stateful in-process
//! fake of Line5 for your tests: `Sandbox::start().await`, then
//! `sandbox.client()?`.
//!
//! # Features
//!
#![doc = document_features::document_features!()]
//!
//! # Assumptions
//!
//! Where Line5's documentation is silent or contradicts itself:
//!
//! - **Paths**: reads use `GET /quote_protections`, writes use
//!   `/quote-protections` (`POST`, `PUT /{id}`, `DELETE /{id}`), as the
//!   documentation's curl lines and a client used against Line5 staging do.
//!   Revising a price is `PUT /quote-protections/{id}` (the "HTTP Request"
//!   line; the curl line says `POST`). All paths live in [`paths`].
//! - **Bodies on GET**: `GET /rates` and `GET /quote_protections` send the
//!   documented JSON:API body.
//! - **GraphQL**: `POST <origin of the base URL>/graphql` with
//!   `Content-Type: application/json`; the optional JWT from
//!   [`ClientBuilder::graphql_token`] is sent bare in `Authorization` on
//!   that call only, never the API key. Variable types are
//!   `String!`/`Int!` (`userId`). The answer's key may be `signInUser` for
//!   both mutations (as documented). The auto-login URL is
//!   `<origin of the base URL>/autologin`.
//! - **Quote protections in `included`**: after a create or update, Line5
//!   puts a flat object (no `type`, snake_case members, template fields) in
//!   `included`; every `included` object without `type` is read as a quote
//!   protection ([`Quote::quote_protections`]).
//! - **Dates**: `first_payment_date` is sent as ISO `yyyy-mm-dd` (the
//!   documentation shows `2017-10-3`); `created-at` of notes and `funded-at`
//!   keep the date part.
//! - **Template field validators** are Ruby regexes; they are evaluated with
//!   the `regex` crate, with `^`/`$` anchoring the whole value and `\d`
//!   meaning ASCII digits.
//! - **Responses of `PATCH /quotes`, `DELETE /quote-protections/{id}`**: a
//!   quote document, like the other quote answers.
//! - Money is [`Decimal`], decoded exactly from numbers
//!   (`47.18`) or strings (`"433.34"`); ids are [`Id`] (`"3989"` or `3989`).
//!
//! # Reading policy
//!
//! The core's [reading policy](forecourt_core::serde_helpers#reading-policy)
//! applies. Strict (a value that cannot be read fails the call, and the
//! decode error names the whole path in the document with the resource's
//! type and id, `included[3].attributes.price` in type `quote-protections`
//! id `20730`): every `id`, every money attribute (a number or a numeric
//! string, exact), and the statuses (`status`, `signing-state`,
//! `credit-score-tier`; an unknown value is kept as `Unknown`). Tolerant
//! (another shape is read where it can be, else `None` with a `tracing`
//! event, and the rest of the document still decodes): whole numbers
//! (`mileage`, `year`, `term`, `payment-day`, `finance-term`, `months`,
//! `documents-file-size`, `term-miles`, `term-months`: a number or a numeric
//! string), descriptive text (names, addresses, phone numbers, `make`,
//! `model`, `vin`, ...: a string, a number or an object's name), dates, and
//! the timestamps `funded-at` and note `created-at`, kept with their time
//! and offset ([`jiff::Zoned`]). JSON:API error objects keep every member
//! (`status`, `code`, `title`, `detail`, `source.pointer`,
//! `source.parameter`, `meta`) in [`ErrorDetail`].
//!
//! What a tolerant attribute cannot read is kept: its raw JSON, verbatim,
//! is in the `unexpected` map of the record it belongs to, under the
//! attribute's name (`loan.vehicle().unwrap().unexpected["mileage"]` for an
//! included vehicle sent `"mileage": "about 12k"`), and the `tracing` event
//! (`WARN`, target `forecourt::reading`) names the attribute, never the value.
//! Every model with a tolerant attribute has it: [`Loan`], [`LoanPackage`],
//! [`LoanNote`], [`Customer`], [`Vehicle`], [`Quote`], [`QuoteProtection`],
//! [`TemplateField`], [`Protection`], [`User`], [`RateCoverage`],
//! [`RateDeductible`], [`RateSurcharge`], [`CoverageTerm`].
#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod auto_login;
mod client;
mod de;
pub mod jsonapi;
pub mod loans;
pub mod paths;
pub mod payments;
pub mod protections;
pub mod quote_protections;
pub mod quotes;
pub mod rates;
#[cfg(feature = "sandbox")]
#[cfg_attr(docsrs, doc(cfg(feature = "sandbox")))]
pub mod sandbox;
pub mod users;
mod validate;
pub mod vehicles;

pub use auto_login::{SignIn, SignedInUser};
pub use client::{Client, ClientBuilder, DEFAULT_BASE_URL, JSON_API_MEDIA_TYPE};
pub use loans::{Loan, LoanNote, LoanPackage, LoanStatus, SigningState};
pub use payments::{
    AutoPay, BankAccountType, BankTransfer, Finalize, PaymentCard, PaymentMethod, PaymentType,
};
pub use protections::{FieldType, Protection, ProtectionField};
pub use quote_protections::{QuoteProtection, QuoteProtectionInput, TemplateField, TemplateValues};
pub use quotes::{
    CoverageSelection, CreditScoreTier, Customer, DeductibleSelection, FilledField, NewCustomer,
    NewQuote, Quote, QuoteAdjustment, QuoteProtectionItem, QuoteStatus, SurchargeSelection,
};
pub use rates::{CoverageTerm, RateCoverage, RateDeductible, RateSheet, RateSurcharge};
pub use users::{NewUser, User};
pub use vehicles::{Vehicle, VehicleInput, VehicleStatus};

pub use forecourt_core::serde_helpers::Id;

// One dependency is enough: every type this crate's API or docs name,
// re-exported so a user's Cargo.toml needs only this crate (and a runtime).
pub use forecourt_core::{
    ApiError, ByteStream, DecodeError, Error, ErrorDetail, ExposeSecret, Redacted, RequestOptions,
    Result, RetryPolicy, SecretString, http, http_client_builder, redirect_policy, reqwest,
    reqwest_middleware,
};
pub use futures::{Stream, StreamExt, TryStreamExt};
pub use jiff::civil::{Date, DateTime};
pub use jiff::{Timestamp, Zoned};
pub use rust_decimal::Decimal;

/// The vendor name in errors and traces (the same name in every client).
pub const VENDOR_NAME: &str = "Line5";

/// The former name of [`VENDOR_NAME`].
#[deprecated(note = "renamed VENDOR_NAME, as in every client")]
pub const VENDOR: &str = VENDOR_NAME;
