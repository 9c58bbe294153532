//! A typed async client for the **Promotions API v3** (the Aqua Finance
//! broker API, `/v3/api/...`): the promotions of a loan application, a
//! search for other terms, and setting the chosen promotion — with exact
//! money math and optional JWE-encrypted bodies.
//!
//! # Quick start
//!
//! ```no_run
//! use promotions_client::{
//!     AmountFinanced, BodyEncoding, Client, CreditType, Decimal, PromotionSearch, SecretString, State,
//! };
//!
//! # async fn demo() -> promotions_client::Result<()> {
//! let client = Client::builder()
//!     .base_url("https://broker.example.com")
//!     .api_key(SecretString::from("assigned-api-key"))
//!     .body_encoding(BodyEncoding::Jwe) // or BodyEncoding::Json (the default)
//!     .build()?;
//!
//! // The promotions of application 100001, for its current amount financed.
//! let offered = client.promotions().for_application(100_001).await?;
//!
//! // The amount financed changed: the vendor requires fetching again.
//! let amount = AmountFinanced::calculate()
//!     .selling_price(Decimal::new(1_600_000, 2))
//!     .down_payment(Decimal::new(100_000, 2))
//!     .compute()?;
//! let search = PromotionSearch::builder()
//!     .application_id(100_001)
//!     .amount_financed(amount)
//!     .credit_type(CreditType::Individual)
//!     .state(State::Texas)
//!     .build();
//! let promotions = client.promotions().search(&search).await?;
//!
//! // Set the one with the lowest estimated monthly payment.
//! if let Some(best) = promotions_client::lowest_payment(&promotions) {
//!     client.promotions().set(100_001, &best.selection()).await?;
//! }
//! # let _ = offered;
//! # Ok(())
//! # }
//! ```
//!
//! # Money
//!
//! Every amount is a [`Decimal`], decoded exactly whether the
//! vendor sends a number or a string. [`AmountFinanced`] follows the
//! vendor's equation (Selling Price − Down Payment − Completion Payment +
//! Sales Tax − Trade-in) and refuses a result of zero or less before any
//! request. [`Promotion::estimated_monthly_payment_for`] recomputes
//! `AmountFinanced × PaymentFactor` exactly, rounded **up** to the next
//! whole unit for revolving promotions (`100.00` stays `100`).
//!
//! **When the amount financed changes, fetch the promotions again (with
//! [`Promotions::search`]) before the paperwork is submitted** — the
//! vendor's rule.
//!
//! # Body encoding
//!
//! [`BodyEncoding::Json`] sends and expects plain JSON, as the documented
//! examples show. [`BodyEncoding::Jwe`] sends request bodies as JWE compact
//! tokens encrypted with the API key (`PBES2-HS512+A256KW`,
//! `A256CBC-HS512`, `p2c` ≥ 1000, a 16-byte random `p2s`), and expects
//! successful responses the same way, authenticated before decoding: a
//! tampered or foreign token is an [`Error::Protocol`], never garbage data.
//! Error responses are plain JSON in both encodings. See [`jwe`].
//!
//! # Errors
//!
//! [`Error`] is the shared `forecourt_core::Error`: invalid input is caught before sending
//! (application ids must be positive), vendor errors (`{"Message": ..}`,
//! with `ModelState` field errors) become [`Error::Api`] with their details.
//!
//! # Features
//!
#![doc = document_features::document_features!()]
//!
//! # Assumptions
//!
//! Things the documentation excerpt does not say, and what this crate does:
//!
//! - **Base URL**: none is documented, so [`ClientBuilder::base_url`] is required.
//! - **API key on requests**: sent in a header, by default
//!   [`DEFAULT_API_KEY_HEADER`] (`X-Api-Key`); change the name with
//!   [`ClientBuilder::api_key_header`]. It goes on every call, GET and POST.
//! - **JWE transport**: request bodies have content type `application/jose`;
//!   with JWE the client sends `Accept: application/jose, application/json;q=0.5`.
//!   A successful response body is the compact token itself, or the token as
//!   a JSON string. Decryption accepts `p2c` up to 1,000,000.
//! - **Loan type**: not sent by the vendor; a promotion is closed-end when
//!   its `ClosedEndPaymentRateId` is greater than zero, revolving otherwise.
//! - **Closed-end payments** are the exact product (the vendor documents
//!   rounding only for revolving).
//! - **`Apr`** is documented as a string but shown as a number: both decode;
//!   [`SetPromotion`] sends it as a JSON number, digits exactly as held.
//! - **`CreditTypeEnum`** values are not in the excerpt: [`CreditType`] has
//!   `Individual` and `Joint`, serialized by name; others are `Unknown`.
//! - **`StateEnum`** is the two-letter USPS code: 50 states, `DC`, and the
//!   territories `AS`, `GU`, `MP`, `PR`, `VI`.
//! - **Set promotion**'s success body is not documented and is not read.
//! - **Error bodies** follow ASP.NET Web API (`Message`, `ModelState`).
//!
//! # Sandbox
//!
//! With the `sandbox` feature, [`sandbox::Sandbox`] is a stateful fake of
//! the vendor for your tests, in both body encodings.
//!
//! # Reading policy
//!
//! The core's [reading policy](forecourt_core::serde_helpers#reading-policy)
//! applies; decode errors name the JSON path (`[2].Apr`, `[0].DealerFee`).
//! Unknown properties are ignored; optional ones read `null` and absence
//! as `None`.
//!
//! Strict (a value that cannot be read fails the decode at its path): the
//! ids `Id`, `AddOnId`, `ClosedEndPaymentRateId` (a number or a numeric
//! string; the optional two may be `null` or absent: they are sent back by
//! [`Promotion::selection`]); the money and rates `Apr`, `PaymentFactor`,
//! `EstimatedMonthlyPayment`, `DealerFee` (exact [`Decimal`], a number or a
//! numeric string, scale kept); `Terms`, `FullTerms` (whole numbers, a
//! number or a numeric string, never rounded: they price the offer).
//!
//! Tolerant (read as text from a string, a number, a boolean or an object
//! with a name; `None` with a `tracing` event otherwise, the promotion is
//! kept): `Name`, `PromoCode` (shown to people; a promotion is set by its
//! `Id`).
//!
//! What a tolerant field cannot read is kept: its raw JSON, verbatim, is in
//! [`Promotion::unexpected`] under the member name, and the event (`WARN`,
//! target `forecourt::reading`) names the member, never the value.
#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod client;
pub mod codes;
pub mod jwe;
mod paths;
pub mod promotions;
#[cfg(feature = "sandbox")]
#[cfg_attr(docsrs, doc(cfg(feature = "sandbox")))]
pub mod sandbox;

pub use client::{
    AspNetErrorMapper, BodyEncoding, Client, ClientBuilder, DEFAULT_API_KEY_HEADER, VENDOR_NAME,
};
pub use codes::{CreditType, CreditTypeEnum, State, StateEnum};

// One dependency is enough: every type this crate's API or docs name,
// re-exported so a user's Cargo.toml needs only this crate (and a runtime).
pub use forecourt_core::{
    ApiError, DecodeError, Error, ErrorDetail, ExposeSecret, Redacted, RequestOptions, Result,
    RetryPolicy, SecretString, http, http_client_builder, redirect_policy, reqwest,
    reqwest_middleware,
};
pub use promotions::{
    AmountFinanced, LoanType, Promotion, PromotionSearch, Promotions, SetPromotion, lowest_payment,
};
pub use rust_decimal::Decimal;
