//! Quotes: create (`POST /quotes`), adjust terms (`PATCH /quotes`),
//! finalize into a loan (`PATCH /quotes/finalize`).

mod input;
mod model;

pub use input::{
    CoverageSelection, CoverageSelectionBuilder, DeductibleSelection, FilledField, NewCustomer,
    NewCustomerBuilder, NewQuote, NewQuoteBuilder, QuoteAdjustment, QuoteAdjustmentBuilder,
    QuoteProtectionItem, QuoteProtectionItemBuilder, SurchargeSelection,
};
pub use model::{CreditScoreTier, Customer, Quote, QuoteStatus};

use forecourt_core::Request;

use crate::jsonapi::{self, Document};
use crate::loans::Loan;
use crate::payments::Finalize;
use crate::{Client, Result, paths};

/// `client.quotes()`.
#[derive(Debug, Clone)]
pub struct Quotes<'a> {
    pub(crate) client: std::borrow::Cow<'a, Client>,
}

impl Quotes<'_> {
    /// A handle whose calls use `options` (timeout, deadline, retries,
    /// extra headers) instead of the client's settings.
    pub fn options(&self, options: forecourt_core::RequestOptions) -> Quotes<'static> {
        Quotes {
            client: std::borrow::Cow::Owned(self.client.with_options(options)),
        }
    }

    /// `POST /quotes`: creates a quote (runs the credit inquiry unless
    /// skipped; a failed inquiry is a `422` [`Error::Api`](crate::Error::Api)).
    pub async fn create(&self, quote: &NewQuote) -> Result<Quote> {
        quote.validate()?;
        self.client
            .api
            .send_json_then(
                jsonapi::with_document(Request::new(paths::CREATE_QUOTE), || quote.to_document())?,
                |doc: Document| Quote::from_document(&doc),
            )
            .await
    }

    /// `PATCH /quotes`: adjusts the quote's loan terms.
    pub async fn adjust(&self, adjustment: &QuoteAdjustment) -> Result<Quote> {
        adjustment.validate()?;
        self.client
            .api
            .send_json_then(
                jsonapi::with_document(Request::new(paths::ADJUST_QUOTE), || {
                    adjustment.to_document()
                })?,
                |doc: Document| Quote::from_document(&doc),
            )
            .await
    }

    /// `PATCH /quotes/finalize`: sets the first payment date and payment
    /// method, turning the quote into a loan. Payment data are checked
    /// first (confirmations match, account type `checking`, card
    /// expiration a valid month/year).
    pub async fn finalize(&self, finalize: &Finalize) -> Result<Loan> {
        finalize.validate()?;
        self.client
            .api
            .send_json_then(
                jsonapi::with_document(Request::new(paths::FINALIZE_QUOTE), || {
                    finalize.to_document()
                })?,
                |doc: Document| Loan::from_document(&doc),
            )
            .await
    }
}
