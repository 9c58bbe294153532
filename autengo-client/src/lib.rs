//! A typed async client for the **Autengo API v3**: vehicles (typed
//! LHS-bracket list queries, lazy paging streams), makes and models, filter
//! values, opportunities (leads), contacts, and user tokens.
//!
//! # Quick start
//!
//! ```no_run
//! use autengo_client::{Client, Cmp, Column, Date, Dir, Language, SecretString, TokenStyle, TryStreamExt};
//!
//! # async fn demo() -> autengo_client::Result<()> {
//! let client = Client::builder()
//!     .api_key(SecretString::from("my-api-key"))
//!     // tokens from /auth/token, renewed before they expire
//!     .alzura_user(1234567890, 1234567890, TokenStyle::Jwt)
//!     .language(Language::En)
//!     .build()?;
//!
//! // used Fords with 25,000-250,000 km, first registered in 2017, newest first
//! let mut fords = client.vehicles().list()
//!     .and(Column::MakeName, "Ford")
//!     .and(Column::Kilometers, Cmp::Ge(25_000))
//!     .and(Column::Kilometers, Cmp::Le(250_000))
//!     .and(Column::FirstRegistration, Cmp::Ge(Date::constant(2017, 1, 1)))
//!     .and(Column::FirstRegistration, Cmp::Lt(Date::constant(2018, 1, 1)))
//!     .order(Column::Created, Dir::Desc)
//!     .stream();
//! while let Some(vehicle) = fords.try_next().await? {
//!     println!("{} {:?} {:?}", vehicle.selling_id, vehicle.model_name, vehicle.kilometers);
//! }
//! # Ok(())
//! # }
//! ```
//!
//! # Queries
//!
//! [`VehicleListRequest`] builds the query string itself in the form the
//! server's query parser (the npm package `qs`) reads back into the intended
//! object; see [`query`] for the exact forms and the limits refused before
//! sending. The `qs` conformance vectors live in
//! `tests/fixtures/qs_vectors.json`; `tools/qs-vectors/` regenerates them.
//!
//! # Authentication
//!
//! `X-Api-Key` goes with every call ([`ClientBuilder::api_key`], required).
//! A user token is chosen once at build time: `Authorization: JWT <token>`
//! or `X-Authorization: Bearer <token>` ([`TokenStyle`]), static
//! ([`ClientBuilder::jwt`], [`ClientBuilder::session_token`]), issued and
//! renewed by the SDK ([`ClientBuilder::alzura_user`]), or from your own
//! [`TokenCache`] ([`ClientBuilder::token_cache`]).
//!
//! # Languages
//!
//! Translatable values arrive as [`Translated`] (`key` + `text`); the text
//! is in the client's [`Language`] (default `de`), or per request with
//! [`Client::with_language`] / [`VehicleListRequest::language`].
//!
//! # Sandbox
//!
//! With the `sandbox` feature, `sandbox::Sandbox` is a stateful in-process
//! fake of Autengo (vehicles, paging, tokens, contacts, opportunities) for
//! your tests: `Sandbox::start().await`, then
//! `sandbox.client_builder().build()?`.
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
//! Where the vendor documentation is silent, this crate assumes:
//!
//! - **Error bodies** look like the success envelope,
//!   `{"status": "error", "statusText": "Vehicle not found"}`; the
//!   `statusText` becomes the error's message. Other shapes (`message`, ...)
//!   are read by forecourt-core's default mapper.
//! - **Which calls need a user token** is not documented; the client sends
//!   the configured token with every call. `/auth/token` is called with the
//!   API key only; `/auth/refresh` with the API key and the current token.
//!   A refused refresh (4xx) falls back to a new `/auth/token`.
//! - **Default `=` conditions** are sent as the bare value (`makeName=Ford`),
//!   except when the value contains `|`: then `=|value`, so the server
//!   cannot read part of the value as an operator (it is assumed to split
//!   at the first `|`). Booleans filter as `true`/`false`, date-times as
//!   `yyyy-mm-dd hh:mm:ss`.
//! - **Arrays of more than 20 conditions** on one column are refused
//!   ([`query::MAX_ARRAY_VALUES`]): `qs` 6.14.1 and later parse them as an
//!   object whatever the form; older `qs` kept them as arrays. If you know
//!   your server runs older `qs`, split the query.
//! - **Required fields**: `ContactPost.lastName`, `OpportunityPost.sellingId`
//!   and `OpportunityPost.customer.lastName` are treated as required; the
//!   documentation marks nothing required. `sourceType` defaults to `6`
//!   (Alzura Shop, the only documented value).
//! - **Updates** (`PUT /contact/...`) send the same shape as creation, with
//!   `None` fields left out.
//! - **`price`** (an order/filter column without a Vehicle field of that
//!   name) is taken to be the dealer price. The filter columns `makeId`,
//!   `modelId`, `trimLine`, `modelRange`, `constructionDate` are decoded
//!   when present although the Vehicle schema does not list them.
//! - **`nextInspection`** (`"2017-05"`) is a [`vehicles::YearMonth`].
//! - **`created`/`updated`** are documented without a zone and read as the
//!   wall-clock time written: the SDK does not assume the server's zone
//!   (use [`VendorDateTime::to_zoned_in`] with the zone you know it uses).
//!   An offset a server sends there is kept:
//!
//!   ```
//!   use autengo_client::{Offset, TimeZone, VendorDateTime};
//!   let plain: VendorDateTime = "2018-08-07 15:47:17".parse().unwrap();
//!   assert_eq!((plain.offset(), plain.timestamp()), (None, None));
//!   let cet = TimeZone::fixed(Offset::constant(1));
//!   assert_eq!(plain.to_zoned_in(&cet).unwrap().to_string(), "2018-08-07T15:47:17+01:00[+01:00]");
//!   let sent: VendorDateTime = "2018-08-07T15:47:17+02:00".parse().unwrap();
//!   assert_eq!(sent.timestamp().unwrap().to_string(), "2018-08-07T13:47:17Z");
//!   ```
//! - **`faxNumber`** is a number in the schema: it is an
//!   [`Id`], re-sent in the form it arrived in.
//! - **Streams** ask for pages of [`vehicles::DEFAULT_STREAM_PAGE_SIZE`]
//!   (100) unless a limit is set, and stop at the reported `total`.
//!
//! # Reading policy
//!
//! The core's [reading policy](forecourt_core::serde_helpers#reading-policy)
//! applies; decode errors name the full JSON path (`list[3].makeId`,
//! `vehicle.dealerPrice`, `data.contact.ID`). Unknown members are ignored;
//! every optional member reads `null` and absence as `None`.
//!
//! Strict (a value that cannot be read fails the decode at its path):
//!
//! - ids: `sellingId`, `internalId` (a string or a number), `branchId`,
//!   `makeId`, `modelId`, contact `ID`, `opportunityId` (whole numbers, a
//!   number or a numeric string), `vin` (a string);
//! - money: `dealerPrice`, `priceExport`, `recommendedRetailPrice`,
//!   `priceYard`, `priceOverpass` (exact [`Decimal`],
//!   a number or a numeric string);
//! - list counts `total`, `limit`, `offset`; the answers' `status`; the
//!   token's `expires_in` (a number or a numeric string).
//!
//! Tolerant (every plausible form; anything else is `None` with a
//! `tracing` event, the record is kept):
//!
//! - whole numbers (`kilometers`, `powerKw`, `cubicCapacity`, `doorCount`,
//!   `seatCount`, `gears`, `cylinders`, `weight`, `previousOwnerCount`,
//!   `customerRating`): a number or a numeric string, never rounded;
//! - descriptive decimals (`tyreTread*`, CO2 and consumption figures,
//!   `electricRangePluginHybrid`, `energieCost*`): exact, number or text;
//! - text (names, `modelVersion`, `description`, `tsn`, `hsn`,
//!   `countryId`, make and model names, every contact text, `statusText`):
//!   a string, a number or boolean as its text, or an object by its name;
//! - booleans: `true`/`false`, `1`/`0`, `"yes"`/`"NO"`, `"Y"`/`"N"`;
//! - translated values: `{"key", "text"}` or a bare key, a numeric key also
//!   as text; contact enums and fax number;
//! - dates: `2017-05-19` or the date part of a date-time (`T`, a space, an
//!   offset, a fraction); `created`/`updated` are a [`VendorDateTime`]: the
//!   documented zone-less `2018-08-07 15:47:17` (or with `T`, fractions
//!   allowed), with the offset kept when a server sends one (`+02:00`,
//!   `Z`) and never invented when it does not.
//!
//! What a tolerant field cannot read is kept: its raw JSON, verbatim, is in
//! [`Vehicle::unexpected`] under the member name, and the event (`WARN`,
//! target `forecourt::reading`) names the member, never the value.

#![cfg_attr(docsrs, feature(doc_cfg))]
#![recursion_limit = "256"]

mod auth;
mod client;
mod contacts;
mod i18n;
mod macros;
mod opportunities;
pub mod paths;
pub mod query;
#[cfg(feature = "sandbox")]
#[cfg_attr(docsrs, doc(cfg(feature = "sandbox")))]
pub mod sandbox;
pub mod vehicles;

pub use auth::{AlzuraTokenSource, AuthApi, TokenPost, TokenResponse};
pub use client::{
    API_KEY_HEADER, AutengoErrorMapper, Client, ClientBuilder, DEFAULT_BASE_URL, STAGING_BASE_URL,
    TokenStyle, VENDOR_NAME,
};
pub use contacts::{
    Contact, ContactData, ContactPost, ContactResponse, ContactSource, ContactTitle, ContactType,
    Contacts, SalesTaxRegulation, StatusResponse,
};
pub use i18n::{Language, Translated};
pub use opportunities::{
    Opportunities, OpportunityCustomer, OpportunityData, OpportunityPost, OpportunityResponse,
    SOURCE_ALZURA_SHOP,
};
pub use query::{Cmp, Column, Condition, Dir, FilterValue, Op};
pub use vehicles::{
    AirbagType, ClimatisationType, Co2Class, ConditionType, DriveType, FilterField, FilterKey,
    FilterValues, FilterValuesRequest, FuelDetailType, FuelType, InteriorType, Make, MakeList,
    Model, ModelList, SlidingDoor, SourceType, TransmissionType, TyreType, Vehicle, VehicleList,
    VehicleListRequest, VehicleState, Vehicles, YearMonth,
};

pub use forecourt_core::serde_helpers::{Id, VendorDateTime};

// One dependency is enough: every type this crate's API or docs name,
// re-exported so a user's Cargo.toml needs only this crate (and a runtime).
pub use forecourt_core::{
    AccessToken, ApiError, DecodeError, Error, ErrorDetail, ExposeSecret, Redacted, RequestOptions,
    Result, RetryPolicy, SecretString, TokenCache, TokenPlacement, TokenSource, http,
    http_client_builder, redirect_policy, reqwest, reqwest_middleware,
};
pub use futures::stream::BoxStream;
pub use futures::{Stream, StreamExt, TryStreamExt};
pub use jiff::civil::{Date, DateTime};
pub use jiff::tz::{Offset, TimeZone};
pub use jiff::{Timestamp, Zoned};
pub use rust_decimal::Decimal;
