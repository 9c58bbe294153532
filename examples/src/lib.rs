//! Runnable examples of the dealer-finance SDKs, and the pieces they share:
//!
//! - [`tour`]: the whole dealer flow across every vendor (binary `tour`).
//! - [`autoloan_webhook`]: the axum server that receives Autoloan Finland's
//!   status webhooks and pushes approved deals to Alfa 6 Cloud (binary
//!   `autoloan_webhook`).
//!
//! One binary per vendor shows its main flow and its error handling:
//! `autengo`, `autoloan`, `line5`, `promotions`, `keyloop`.

pub mod autoloan_webhook;
pub mod tour;

/// The README's code, compiled as doctests so it stays true.
#[doc = include_str!("../../README.md")]
mod readme {}

/// The core crate's README (its quick start for client authors), compiled as
/// doctests. Each client's README is compiled in `tests/standalone/<client>`,
/// in a crate that depends on that client and tokio only (`.ci/standalone.sh`).
#[doc = include_str!("../../forecourt-core/README.md")]
mod core_readme {}
