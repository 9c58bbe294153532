//! Alfa Systems Alfa 6 Cloud: pushing an approved application as a loan
//! contract to the dealer's own instance
//! (`POST https://<instance>.alfasystems.com/api/v6/contracts`).
//!
//! ```no_run
//! # async fn demo(
//! #     application: &autoloan_client::NewApplication,
//! #     webhook: &autoloan_client::webhooks::StatusWebhook,
//! # ) -> autoloan_client::Result<()> {
//! use autoloan_client::{SecretString, alfa};
//! use rust_decimal::Decimal;
//!
//! let alfa = alfa::Client::builder()
//!     .instance("mydealer") // https://mydealer.alfasystems.com
//!     .basic_auth("api-user", SecretString::from("password"))
//!     .build()?;
//! let contract = alfa::ContractRequest::from_approval()
//!     .application(application)
//!     .webhook(webhook)
//!     .customer_reference("CUST-101")
//!     .registration_number("ABC-123")
//!     .down_payment(Decimal::from(4_000))
//!     .build()?;
//! let receipt = alfa.contracts().create(&contract).await?;
//! println!("contract {:?}", receipt.contract_id);
//! # Ok(())
//! # }
//! ```

mod client;
mod contracts;

pub use client::{ALFA_VENDOR_NAME, Client, ClientBuilder, Contracts, validate_instance};
pub use contracts::{
    ContractReceipt, ContractRequest, FinanceDetails, MAX_TERM_MONTHS, VehicleDetails,
    monthly_installment,
};
