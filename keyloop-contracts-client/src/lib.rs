//! A typed async client for **Keyloop Manage Vehicle Contracts v2**: the
//! aftersales and maintenance contracts (warranties, service plans,
//! roadside assistance, insurance) of customer vehicles in the DMS
//! (Autoline Drive, Autoline Rev8, Eva).
//!
//! Built on `forecourt-core`: OAuth2 client-credential tokens cached and refreshed
//! for you (one refresh for many concurrent calls, one retry after a `401`),
//! a `correlation-id` UUID per call (the same across its retries, reported
//! on errors), retries of idempotent calls, exact money, and typed errors.
//!
//! # Quick start
//!
//! ```no_run
//! use keyloop_contracts_client::{Client, ContractType, NewContract, Region, SecretString};
//!
//! # async fn demo() -> keyloop_contracts_client::Result<()> {
//! let keyloop = Client::builder()
//!     .client_id("my-client-id")
//!     .client_secret(SecretString::from("my-client-secret"))
//!     .enterprise_id("E123")          // the dealer group
//!     .store_id("S456")               // one of its stores
//!     .region(Region::Eu)             // https://api.eu.keyloop.io
//!     .on_behalf_of("advisor-42")     // x-onbehalf-of, for auditing (optional)
//!     .build()?;
//!
//! let page = keyloop.contracts().list("VEH-1001").send().await?;
//! for contract in &page.items {
//!     println!("{} {:?} until {:?}", contract.contract_id, contract.contract_type, contract.end_date);
//! }
//! # Ok(())
//! # }
//! ```
//!
//! Staging: `.region(Region::Eu).staging()` (`https://api.eu-stage.keyloop.io`);
//! anything else (a proxy, the [sandbox](#sandbox)): `.base_url(..)`.
//!
//! # Use cases
//!
//! **Find the manufacturer warranty of a customer vehicle** (streams every
//! page, stops at the first match):
//!
//! ```no_run
//! use keyloop_contracts_client::{Client, Contract, ContractType, TryStreamExt};
//!
//! async fn manufacturer_warranty(
//!     keyloop: &Client,
//!     vehicle_id: &str,
//! ) -> keyloop_contracts_client::Result<Option<Contract>> {
//!     keyloop
//!         .contracts()
//!         .list(vehicle_id)
//!         .stream()
//!         .try_filter(|c| std::future::ready(c.is(&ContractType::ManufacturerWarranty)))
//!         .try_next()
//!         .await
//! }
//! ```
//!
//! **Add an extended dealer warranty or a service plan:**
//!
//! ```no_run
//! use keyloop_contracts_client::{Client, ContractType, Date, Decimal, Mileage, NewContract, Price};
//!
//! # async fn demo(keyloop: Client) -> keyloop_contracts_client::Result<()> {
//! let plan = NewContract::builder()
//!     .contract_type(ContractType::ServicePlan)
//!     .start_date(Date::constant(2024, 6, 1))
//!     .end_date(Date::constant(2027, 5, 31))
//!     .provider("Dealer Motors")
//!     .description("3 services in 3 years")
//!     .mileage_limit(Mileage::km(45_000))
//!     .price(Price::new(Decimal::new(49_900, 2), "GBP")) // 499.00
//!     .build();
//! let created = keyloop.contracts().create("VEH-1001", &plan).await?;
//! println!("created {}", created.contract_id);
//!
//! let warranty = NewContract::builder()
//!     .contract_type(ContractType::ExtendedWarranty)
//!     .start_date(Date::constant(2025, 1, 1))
//!     .end_date(Date::constant(2026, 12, 31))
//!     .provider("Dealer Motors")
//!     .build();
//! keyloop.contracts().create("VEH-1001", &warranty).await?;
//! # Ok(())
//! # }
//! ```
//!
//! **Change an existing contract**: only some fields (PATCH), or the whole
//! record (PUT: get it, change it, send it back; fields this crate does not
//! know travel along in [`Contract::extra`]):
//!
//! ```no_run
//! use keyloop_contracts_client::{Client, ContractStatus, ContractUpdate, Date};
//!
//! # async fn demo(keyloop: Client) -> keyloop_contracts_client::Result<()> {
//! let contracts = keyloop.contracts().on_behalf_of("advisor-42");
//! let changes = ContractUpdate::builder()
//!     .end_date(Date::constant(2028, 5, 31))
//!     .description("extended by one year")
//!     .build();
//! contracts.update("VEH-1001", "CTR-0001", &changes).await?;
//!
//! let mut contract = contracts.get("VEH-1001", "CTR-0001").await?;
//! contract.status = Some(ContractStatus::Cancelled);
//! contracts.replace("VEH-1001", &contract).await?;
//! # Ok(())
//! # }
//! ```
//!
//! # Errors
//!
//! Every call returns [`Error`]. A refused request is [`Error::Api`] with
//! the status, the vendor's message (gateway faults like
//! `{"fault":{"faultstring":"Invalid Access Token"}}` included) and the
//! `correlation-id` the call was sent with, to quote in a support case:
//!
//! ```no_run
//! # async fn demo(keyloop: keyloop_contracts_client::Client) {
//! match keyloop.contracts().get("VEH-1001", "CTR-404").await {
//!     Ok(c) => println!("{c:?}"),
//!     Err(e) if e.status().is_some_and(|s| s.as_u16() == 404) => println!("no such contract"),
//!     Err(e) => {
//!         let id = e.api().and_then(|a| a.correlation_id.clone());
//!         eprintln!("failed: {e} (correlation id {id:?})");
//!     }
//! }
//! # }
//! ```
//!
//! Refused client credentials are [`Error::Auth`]. Input checked before
//! sending (empty ids, an end date before the start date, a negative price,
//! a currency that is not ISO 4217, an update that sets nothing) is
//! [`Error::InvalidInput`] naming the field.
//!
//! # Sandbox
//!
//! With the `sandbox` feature, `sandbox::Sandbox` is a stateful in-process
//! fake of Keyloop (token endpoint, per-store contracts, paging, Keyloop's
//! error shapes) for your tests: `Sandbox::start().await`, then
//! `sandbox.client_builder().build()?` (base URL, credentials, enterprise and
//! store set) or `Client::builder().base_url(sandbox.url())..`.
//!
//! # Features
//!
#![doc = document_features::document_features!()]
//!
//! # Assumptions
//!
//! Keyloop's published overview of this API has no paths or schemas. What
//! follows is inferred from Keyloop's platform conventions (its other APIs)
//! and is the one place to correct, with [`paths`], when the full reference
//! is at hand.
//!
//! **Hosts and auth**
//! - Hosts: `https://api.{eu|af|ap}.keyloop.io`, staging
//!   `https://api.{region}-stage.keyloop.io` ([`Region`]); the default region
//!   is `eu`. The token endpoint is on the same host as the API (and under
//!   the same base URL when one is set).
//! - Token: `POST /oauth/client_credential/accesstoken` (Apigee),
//!   `Content-Type: application/x-www-form-urlencoded`, body
//!   `grant_type=client_credentials&client_id=..&client_secret=..`, and
//!   `grant_type=client_credentials` also in the query (Apigee's standard
//!   sample reads it from the query; other configurations from the form).
//!   The secret is never put in the query. The response has `access_token`,
//!   and `expires_in` (seconds) and `issued_at` (epoch milliseconds) as
//!   strings; numbers are accepted too. A token is refreshed 60 s before
//!   `expires_in` runs out (or at half its lifetime, if shorter).
//! - Calls carry `Authorization: Bearer <token>`. A `401` (Apigee answers
//!   `{"fault":{"faultstring":"Invalid Access Token"}}` or `"Access Token
//!   expired"`) drops the token, fetches a new one and retries the call once.
//! - Token endpoint errors are Apigee's `{"ErrorCode": "invalid_client",
//!   "Error": "ClientId is Invalid"}`; they become [`Error::Auth`].
//! - The token request uses its own HTTP client with the SDK's default
//!   timeouts (10 s connect, 30 s per attempt); the builder's timeout, retry
//!   and HTTP client settings apply to the contract calls.
//!
//! **Headers**
//! - `correlation-id`: a UUID v4 per logical call, the same across retries
//!   ([`ApiError::correlation_id`]).
//! - `x-onbehalf-of`: the user id the call is made for, if set on the client
//!   ([`ClientBuilder::on_behalf_of`]) or the call ([`Contracts::on_behalf_of`]).
//! - `Accept: application/json`; bodies `Content-Type: application/json`.
//!
//! **Paths** (in [`paths`]; ids percent-encoded as one segment each)
//! - `GET /{enterpriseId}/{storeId}/v2/vehicles/{vehicleId}/contracts?page=&pageSize=`
//! - `GET /{enterpriseId}/{storeId}/v2/vehicles/{vehicleId}/contracts/{contractId}`
//! - `POST /{enterpriseId}/{storeId}/v2/vehicles/{vehicleId}/contracts`
//! - `PATCH /{enterpriseId}/{storeId}/v2/vehicles/{vehicleId}/contracts/{contractId}`
//!   (only the fields given; a missing field is left unchanged)
//! - `PUT /{enterpriseId}/{storeId}/v2/vehicles/{vehicleId}/contracts/{contractId}`
//!   (the whole record)
//! - `vehicleId` is Keyloop's vehicle id (not the VIN).
//!
//! **Lists**
//! - Query `page` (1-based) and `pageSize`; response
//!   `{"totalItems", "totalPages", "items", "links"}`. The stream stops at
//!   `totalPages`/`totalItems`, or at a short or empty page. Default page size
//!   of the stream: [`DEFAULT_PAGE_SIZE`](contracts::DEFAULT_PAGE_SIZE).
//!
//! **Contract fields** (camelCase JSON; [`Contract`])
//! - `contractId` (string; a number is accepted), `vehicleId`,
//!   `contractType`, `status`, `contractNumber`, `provider` (a string),
//!   `description`, `startDate`, `endDate`, `mileageLimit`, `price`, `links`.
//!   Only `contractId` is required in responses.
//! - `contractType` is plausibly also named `type` (Keyloop's other APIs
//!   use both): a response with `type` and no `contractType` is read from
//!   `type`, and the record is written back under the name it came with.
//!   With both, `contractType` is read and `type` kept in `extra`.
//! - Every field in this list but `contractId`, `vehicleId` and `price` is
//!   read tolerantly (see [Reading policy](crate#reading-policy)): `provider`
//!   as an object (`{"name": "Dealer Care", "code": "DC"}`) reads its name,
//!   an enum as an object reads its `code`, and what cannot be read is
//!   `None` with its raw JSON in [`Contract::unexpected`].
//! - `contractType` values: `MANUFACTURER_WARRANTY`, `EXTENDED_WARRANTY`,
//!   `SERVICE_PLAN`, `MAINTENANCE_PLAN`, `ROADSIDE_ASSISTANCE`, `INSURANCE`,
//!   `OTHER` ([`ContractType`]); `status`: `ACTIVE`, `EXPIRED`, `CANCELLED`,
//!   `PENDING` ([`ContractStatus`]). Upper snake case like Keyloop's other
//!   enums; decoded case-insensitively; others kept as `Unknown`.
//! - `startDate`/`endDate`: dates `yyyy-mm-dd`; the date part of an ISO 8601
//!   date-time is accepted (and sent back as a date).
//! - `mileageLimit`: `{"unit": "KM"|"MI", "value": <whole number>}`.
//! - `price`: `{"amount": <number>, "currency": "<ISO 4217>"}`, amount
//!   exact as a JSON number; both required when present.
//! - `links`: `[{"method", "rel", "href", "title"}]`.
//! - Any other field is kept verbatim in [`Contract::extra`] and sent back
//!   by a replace; a JSON `null` of a named field is read as absent. Such
//!   fields may hold what the SDK cannot recognise as personal data (a
//!   dealer's own `customerName`): `Debug` prints them by name only, and
//!   every value of those a call sends is removed from its errors and logs
//!   should the vendor echo it.
//! - Create requires `contractType` and `startDate` ([`NewContract`]) and
//!   answers with the stored contract (`200`/`201` with its body); update
//!   and replace answer with the stored contract too.
//!
//! **Errors**
//! - Gateway faults `{"fault":{"faultstring", "detail":{"errorcode"}}}`;
//!   API errors `{"code", "message"}` (or any shape forecourt-core's
//!   `DefaultErrorMapper` knows) keep their message in [`Error::Api`].
//!
//! # Reading policy
//!
//! The core's [reading policy](forecourt_core::serde_helpers#reading-policy)
//! applies. Strict (a value that cannot be read fails the record, and the
//! error names its path, `items[0].price`): `contractId`, `vehicleId`,
//! `price` (`amount` exact, `currency`), and the page's `totalItems` and
//! `totalPages` (a number or a numeric string). Every other field is inferred
//! (see [Assumptions](#assumptions)) and so tolerant by construction:
//! `contractType` (or `type`), `status`, `contractNumber`, `provider`,
//! `description`, `startDate`, `endDate`, `mileageLimit` (its `value` a
//! number or a numeric string), `links`. Such a field in another shape is
//! read where it can be (text from a number or an object's name, an enum
//! from an object's code) and otherwise is `None`, with its raw JSON kept in
//! [`Contract::unexpected`] (the core's
//! [`Unexpected`](forecourt_core::serde_helpers::tolerant::Unexpected), as
//! in every client) and a `tracing` event; a replace sends it back
//! as it came while unchanged. One odd field never loses a record or a page.
#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod client;
pub mod contracts;
mod contracts_debug;
pub mod oauth;
pub mod paths;
#[cfg(feature = "sandbox")]
#[cfg_attr(docsrs, doc(cfg(feature = "sandbox")))]
pub mod sandbox;

pub use client::{Client, ClientBuilder, Region, VENDOR_NAME};

/// The former name of [`VENDOR_NAME`].
#[deprecated(note = "renamed VENDOR_NAME, as in every client")]
pub const VENDOR: &str = VENDOR_NAME;
pub use contracts::{
    Contract, ContractPage, ContractStatus, ContractType, ContractUpdate, Contracts, ExtraFields,
    Link, ListContracts, Mileage, MileageUnit, NewContract, Price,
};

// One dependency is enough: every type this crate's API or docs name,
// re-exported so a user's Cargo.toml needs only this crate (and a runtime).
pub use forecourt_core::{
    AccessToken, ApiError, DecodeError, Error, ErrorDetail, ExposeSecret, Redacted, RequestOptions,
    Result, RetryPolicy, SecretString, TokenCache, TokenSource, http, http_client_builder,
    redirect_policy, reqwest, reqwest_middleware,
};
pub use futures::stream::BoxStream;
pub use futures::{Stream, StreamExt, TryStreamExt};
pub use jiff::civil::{Date, DateTime};
pub use jiff::{Timestamp, Zoned};
pub use rust_decimal::Decimal;
