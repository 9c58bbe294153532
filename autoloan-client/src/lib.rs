//! Typed async client for **Autoloan Finland** (finance applications and
//! their status webhooks) and for pushing approved loans as contracts to a
//! dealer's **Alfa Systems Alfa 6 Cloud** instance ([`alfa`]).
//!
//! # Quick start
//!
//! Submit an application, receive the `Approved` webhook, push the contract
//! to Alfa:
//!
//! ```no_run
//! use autoloan_client::webhooks::WebhookReceiver;
//! use autoloan_client::{alfa, ApplicationStatus, Client, Customer, Decimal, NewApplication, SecretString, Vehicle, Vin};
//!
//! # async fn demo(webhook_headers: autoloan_client::http::HeaderMap, webhook_body: Vec<u8>) -> Result<(), Box<dyn std::error::Error>> {
//! let autoloan = Client::builder()
//!     .api_key(SecretString::from(std::env::var("AUTOLOAN_API_KEY")?))
//!     .base_url(std::env::var("AUTOLOAN_BASE_URL")?) // the docs name no host
//!     .build()?;
//!
//! // 1. submit
//! let application = NewApplication::builder()
//!     .customer(
//!         Customer::builder()
//!             .first_name("Matti")
//!             .last_name("Meikäläinen")
//!             .email("matti.meikalainen@example.com")
//!             .phone("+358 40 123 4567")
//!             .build(),
//!     )
//!     .vehicle(
//!         Vehicle::builder()
//!             .vin(Vin::new("YV1DZ82C0N1234567")?)
//!             .make("Volvo")
//!             .model("V60")
//!             .year(2022)
//!             .price(Decimal::from(39_000))
//!             .mileage(30_000)
//!             .build(),
//!     )
//!     .dealer_id("DEALER-12345")
//!     .build();
//! let submitted = autoloan.applications().submit(&application).await?;
//! println!("{} is {}", submitted.id, submitted.status);
//!
//! // 2. later, in your webhook endpoint
//! let webhook = WebhookReceiver::new().parse(&webhook_headers, &webhook_body)?;
//!
//! // 3. on Approved, push the contract to Alfa
//! if webhook.status == ApplicationStatus::Approved {
//!     let alfa = alfa::Client::builder()
//!         .instance("mydealer")
//!         .bearer_token(SecretString::from(std::env::var("ALFA_TOKEN")?))
//!         .build()?;
//!     let contract = alfa::ContractRequest::from_approval()
//!         .application(&application)
//!         .webhook(&webhook)
//!         .customer_reference("CUST-101")
//!         .registration_number("ABC-123")
//!         .down_payment(Decimal::from(4_000))
//!         .build()?;
//!     alfa.contracts().create(&contract).await?;
//! }
//! # Ok(())
//! # }
//! ```
//!
//! # Sandbox
//!
//! With the `sandbox` feature, `sandbox::Sandbox` fakes both APIs
//! in-process: `Client::builder().base_url(sandbox.url())` and
//! `alfa::Client::builder().base_url(sandbox.alfa_url())`.
//!
//! # Avoiding duplicate applications
//!
//! The SDK never re-sends a POST once it may have reached the server (a
//! duplicated loan application is worse than an error), and Autoloan Finland
//! documents no idempotency key and no way to look applications up. So:
//!
//! - After an error, call [`applications::outcome_unknown`]. When it is
//!   `false` (invalid input, no connection, a `4xx`), nothing was created:
//!   fix and resubmit.
//! - When it is `true` (a timeout, a connection broken mid-exchange, a
//!   `5xx`, an unreadable success), the application *may* exist. Do not
//!   resubmit automatically: mark the deal "submission uncertain", wait for
//!   a status webhook for an application id you do not know yet, or check
//!   the Dealer Portal, and resubmit only once you know it was not created.
//! - Give the one call enough time rather than retrying it:
//!   `client.applications().options(RequestOptions::new().timeout(..)).submit(..)`
//!   ([`applications::Applications::options`]).
//!
//! # Errors
//!
//! Every call returns [`Result`], one [`Error`] type by stage: input the
//! SDK checks is refused before sending ([`Error::InvalidInput`], naming the
//! field); the vendor's refusals are [`Error::Api`] (an [`ApiError`] with
//! the status and each [`ErrorDetail`]); an answer that does not decode is
//! [`Error::Decode`]; then [`Error::Auth`], [`Error::Timeout`],
//! [`Error::Connect`], [`Error::Network`]. No error carries a credential.
//!
//! # Features
//!
#![doc = document_features::document_features!()]
//!
//! # Assumptions
//!
//! The vendor's documentation is short; where it is silent we assume:
//!
//! - **Autoloan base URL**: no host is documented, so the builder requires
//!   one (`AUTOLOAN_BASE_URL` in the examples); paths are `/api/v1/...`
//!   under it.
//! - **Submit answer**: undocumented. We decode `id` (or `applicationId`)
//!   and `status`, and keep every other field in [`Application::extra`].
//! - **Errors**: no error format is documented; the common shapes
//!   (`{"message"}`, `{"error": ...}`, `{"errors": [...]}`, ...) are mapped
//!   into [`ErrorDetail`]s. The sandbox answers
//!   `{"code", "message", "field"}`.
//! - **Money**: euros; prices and amounts as JSON numbers, as documented.
//!   `interestRate` is a nominal annual rate in percent; the webhook's
//!   `term` and the contract's `termMonths` are months.
//! - **VIN**: the documented example `YV1DZ82C...` is elided, so a partial
//!   VIN is accepted only through [`Vin::partial`]. Model years run from
//!   1900 to next year.
//! - **Webhooks**: JSON, no documented content type, no signature (see
//!   [`webhooks`] for the risk and the shared-secret mitigation). We assume
//!   the vendor redelivers on a non-`2xx` answer, so deliveries are deduped
//!   by [`webhooks::StatusWebhook::dedupe_key`].
//! - **Monthly installment**: the annuity formula, rounded to cents half
//!   up ([`alfa::monthly_installment`]). The documented contract example's
//!   `650.50` is not what the formula gives for 35 000 € at 4.5 % over 60
//!   months (`652.51`): the example's values are illustrative, and a
//!   hand-built [`alfa::ContractRequest`] sends whatever installment you set.
//! - **Alfa**: `https://<instance>.alfasystems.com/api/v6/contracts`, Basic
//!   or Bearer credentials; the answer is undocumented and kept as
//!   [`alfa::ContractReceipt`].
//!
//! # Reading policy
//!
//! The core's [reading policy](forecourt_core::serde_helpers#reading-policy)
//! applies; decode errors name the JSON path (`details.approvedAmount`;
//! for webhooks in [`WebhookError::Malformed`]). Every optional field reads
//! `null` and absence as `None`; unknown fields are ignored (the submit
//! answer keeps them in [`Application::extra`], Alfa's in
//! [`alfa::ContractReceipt::fields`]).
//!
//! Strict (a value that cannot be read fails the decode at its path):
//!
//! - ids: the application id (`id` / `applicationId`: a string or a number);
//! - money and rates: the webhook's `approvedAmount` and `interestRate`
//!   (exact [`Decimal`], a number or a numeric string, `null` is `None`);
//! - statuses: `status` (an unknown one kept as `Unknown`);
//! - the webhook's `timestamp`: an RFC 3339 timestamp with a time and an
//!   offset, kept as a [`Zoned`] at the offset sent. Accepted: `Z` or
//!   `±hh:mm` (any, including `+05:30` and `+00:00`), fractions of a second
//!   up to nanoseconds, `T`, `t` or a space between date and time. Refused:
//!   a date alone, a date-time without an offset, epoch numbers;
//! - the Alfa contract's `termMonths` (a number or a numeric string).
//!
//! Tolerant (anything unreadable is `None` with a `tracing` event, the
//! webhook is kept): the webhook's `term` (a number, a numeric string, or
//! `60.0`; `60.5` is not rounded). Alfa's contract id is read from
//! `contractId`, `id` or `contractNumber` as a string or a number, else `None`.
//!
//! What a tolerant field cannot read is kept: its raw JSON, verbatim, is in
//! the record's `unexpected` map under the member name
//! ([`webhooks::WebhookDetails::unexpected`]), and the event (`WARN`, target
//! `forecourt::reading`) names the member, never the value.
#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod alfa;
pub mod applications;
mod client;
mod paths;
#[cfg(feature = "sandbox")]
#[cfg_attr(docsrs, doc(cfg(feature = "sandbox")))]
pub mod sandbox;
pub mod webhooks;

pub use applications::{
    Application, ApplicationId, ApplicationStatus, Customer, NewApplication, Vehicle, Vin,
};
pub use client::{BASE_URL_ENV, Client, ClientBuilder, VENDOR_NAME};

// One dependency is enough: every type this crate's API or docs name,
// re-exported so a user's Cargo.toml needs only this crate (and a runtime).
pub use forecourt_core::{
    ApiError, DecodeError, Error, ErrorDetail, ExposeSecret, Redacted, RequestOptions, Result,
    RetryPolicy, SecretString, http, http_client_builder, redirect_policy, reqwest,
    reqwest_middleware,
};
pub use jiff::civil::{Date, DateTime};
pub use jiff::{Timestamp, Zoned};
pub use rust_decimal::Decimal;
pub use webhooks::{StatusWebhook, WebhookDetails, WebhookError, WebhookReceiver};
