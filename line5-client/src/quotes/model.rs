//! What Line5 returns: [`Quote`] (its customer, vehicle and quote
//! protections resolved from `included`), [`Customer`], and their enums.

use std::fmt;
use std::ops::RangeInclusive;

use forecourt_core::Redacted;
use forecourt_core::redact::mask;
use jiff::civil::Date;
use rust_decimal::Decimal;
use serde::Deserialize;

use crate::jsonapi::{self, Document, FromResource, related_many, related_one};
use crate::quote_protections::QuoteProtection;
use crate::vehicles::Vehicle;
use crate::{Id, Result, de};

forecourt_core::string_enum! {
    /// The status of a quote.
    pub enum QuoteStatus {
        /// `new`.
        New => "new",
        /// `awaiting-funding`.
        AwaitingFunding => "awaiting-funding",
        /// `finalized`.
        Finalized => "finalized",
    }
}

forecourt_core::string_enum! {
    /// The tier the customer's credit score lies in (`credit-score-tier`).
    pub enum CreditScoreTier {
        /// `a`: 800 to 900.
        A => "a",
        /// `b`: 750 to 799.
        B => "b",
        /// `c`: 700 to 749.
        C => "c",
        /// `d`: 650 to 699.
        D => "d",
        /// `e`: 600 to 649.
        E => "e",
        /// `f`: 550 to 599.
        F => "f",
        /// `g`: 500 to 549.
        G => "g",
        /// `h`: 0 to 499.
        H => "h",
    }
}

impl CreditScoreTier {
    /// The credit scores of the tier, as Line5 documents them.
    pub fn score_range(&self) -> Option<RangeInclusive<u16>> {
        Some(match self {
            CreditScoreTier::A => 800..=900,
            CreditScoreTier::B => 750..=799,
            CreditScoreTier::C => 700..=749,
            CreditScoreTier::D => 650..=699,
            CreditScoreTier::E => 600..=649,
            CreditScoreTier::F => 550..=599,
            CreditScoreTier::G => 500..=549,
            CreditScoreTier::H => 0..=499,
            CreditScoreTier::Unknown(_) => return None,
        })
    }
}

/// A quote as Line5 returns it, with its customer, vehicle and quote
/// protections resolved from `included`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(remote = "Self")]
#[non_exhaustive]
pub struct Quote {
    /// `id`.
    #[serde(default = "jsonapi::no_id")]
    pub id: Id,
    /// `link-to-quote-wizard`: the quote on Line5's web frontend.
    #[serde(
        rename = "link-to-quote-wizard",
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_text"
    )]
    pub link_to_quote_wizard: Option<String>,
    /// `link-to-text-to-sell`.
    #[serde(
        rename = "link-to-text-to-sell",
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_text"
    )]
    pub link_to_text_to_sell: Option<String>,
    /// `integration-loan-id`: your own id of the quote.
    #[serde(rename = "integration-loan-id", default)]
    pub integration_loan_id: Option<Id>,
    /// `status`.
    #[serde(default)]
    pub status: Option<QuoteStatus>,
    /// `term`: months.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_whole"
    )]
    pub term: Option<u32>,
    /// `monthly-payment`.
    #[serde(
        rename = "monthly-payment",
        default,
        deserialize_with = "de::opt_money"
    )]
    pub monthly_payment: Option<Decimal>,
    /// `protections-total`.
    #[serde(
        rename = "protections-total",
        default,
        deserialize_with = "de::opt_money"
    )]
    pub protections_total: Option<Decimal>,
    /// `taxed-total`.
    #[serde(rename = "taxed-total", default, deserialize_with = "de::opt_money")]
    pub taxed_total: Option<Decimal>,
    /// `tax`.
    #[serde(default, deserialize_with = "de::opt_money")]
    pub tax: Option<Decimal>,
    /// `subtotal`.
    #[serde(default, deserialize_with = "de::opt_money")]
    pub subtotal: Option<Decimal>,
    /// `down-payment`.
    #[serde(rename = "down-payment", default, deserialize_with = "de::opt_money")]
    pub down_payment: Option<Decimal>,
    /// `total`.
    #[serde(default, deserialize_with = "de::opt_money")]
    pub total: Option<Decimal>,
    /// `doc-stamp-fee`.
    #[serde(rename = "doc-stamp-fee", default, deserialize_with = "de::opt_money")]
    pub doc_stamp_fee: Option<Decimal>,
    /// `financed-total`.
    #[serde(rename = "financed-total", default, deserialize_with = "de::opt_money")]
    pub financed_total: Option<Decimal>,
    /// `base-fee`.
    #[serde(rename = "base-fee", default, deserialize_with = "de::opt_money")]
    pub base_fee: Option<Decimal>,
    /// `buy-down-fee`.
    #[serde(rename = "buy-down-fee", default, deserialize_with = "de::opt_money")]
    pub buy_down_fee: Option<Decimal>,
    /// `interest-percent`.
    #[serde(
        rename = "interest-percent",
        default,
        deserialize_with = "de::opt_money"
    )]
    pub interest_percent: Option<Decimal>,
    /// `additional-term-fee`.
    #[serde(
        rename = "additional-term-fee",
        default,
        deserialize_with = "de::opt_money"
    )]
    pub additional_term_fee: Option<Decimal>,
    /// `fees`.
    #[serde(default, deserialize_with = "de::opt_money")]
    pub fees: Option<Decimal>,
    #[serde(skip)]
    customer: Option<Customer>,
    #[serde(skip)]
    vehicle: Option<Vehicle>,
    #[serde(skip)]
    quote_protection_ids: Vec<Id>,
    #[serde(skip)]
    quote_protections: Vec<QuoteProtection>,
    /// The raw JSON of each member a tolerant field could not read, under
    /// its JSON member name, verbatim; empty when everything was read (see
    /// the crate's [reading policy](crate#reading-policy)). `Debug` shows
    /// only the member names.
    #[serde(skip)]
    pub unexpected: forecourt_core::serde_helpers::tolerant::Unexpected,
}

forecourt_core::tolerant_record!(Quote);

impl FromResource for Quote {
    fn set_id(&mut self, id: Id) {
        self.id = id;
    }
}

impl Quote {
    /// The customer, from `included`.
    pub fn customer(&self) -> Option<&Customer> {
        self.customer.as_ref()
    }

    /// The vehicle, from `included`.
    pub fn vehicle(&self) -> Option<&Vehicle> {
        self.vehicle.as_ref()
    }

    /// The ids in the `quote-protections` relationship.
    pub fn quote_protection_ids(&self) -> &[Id] {
        &self.quote_protection_ids
    }

    /// The quote protections found in `included`: those the relationship
    /// points to, and the flat objects (with template fields) Line5 adds
    /// after a quote protection is created or updated.
    pub fn quote_protections(&self) -> &[QuoteProtection] {
        &self.quote_protections
    }

    /// Decodes a quote document (primary data and `included`).
    pub fn from_document(doc: &Document) -> Result<Quote> {
        let r = doc.primary().ok_or_else(jsonapi::missing_data)?;
        let mut quote: Quote = jsonapi::decode_in(doc, r, "data")?;
        quote.customer = related_one(doc, r, "customer")?;
        quote.vehicle = related_one(doc, r, "vehicle")?;
        quote.quote_protection_ids = r.relationship_ids("quote-protections");
        let mut qps: Vec<QuoteProtection> = related_many(doc, r, "quote-protections")?;
        for flat in doc.included.iter().filter(|i| i.kind.is_none()) {
            let qp: QuoteProtection = jsonapi::decode_in(doc, flat, "included")?;
            if !qps.iter().any(|q| q.id == qp.id) {
                qps.push(qp);
            }
        }
        quote.quote_protections = qps;
        Ok(quote)
    }
}

/// A customer as Line5 returns it (`customers`).
///
/// Personal data: `Debug` shows the id, city, state, postal code and
/// credit tier; names, address lines, e-mail and phone numbers are shown
/// as `[REDACTED]` (read them from the fields).
#[derive(Clone, PartialEq, Deserialize)]
#[serde(remote = "Self")]
#[non_exhaustive]
pub struct Customer {
    /// `id`.
    #[serde(default = "jsonapi::no_id")]
    pub id: Id,
    /// `first-name`.
    #[serde(
        rename = "first-name",
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_text"
    )]
    pub first_name: Option<String>,
    /// `last-name`.
    #[serde(
        rename = "last-name",
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_text"
    )]
    pub last_name: Option<String>,
    /// `date-of-birth`.
    #[serde(
        rename = "date-of-birth",
        default,
        deserialize_with = "de::opt_redacted_date"
    )]
    pub date_of_birth: Option<Redacted<Date>>,
    /// `ssn`, if Line5 ever sends it back.
    #[serde(default, deserialize_with = "de::opt_redacted_string")]
    pub ssn: Option<Redacted<String>>,
    /// `address-1`.
    #[serde(
        rename = "address-1",
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_text"
    )]
    pub address_1: Option<String>,
    /// `address-2` (`None` for `null` or `""`).
    #[serde(rename = "address-2", default, deserialize_with = "de::opt_nonempty")]
    pub address_2: Option<String>,
    /// `city`.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_text"
    )]
    pub city: Option<String>,
    /// `state`.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_text"
    )]
    pub state: Option<String>,
    /// `postal-code`.
    #[serde(
        rename = "postal-code",
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_text"
    )]
    pub postal_code: Option<String>,
    /// `email`.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_text"
    )]
    pub email: Option<String>,
    /// `phone-number`.
    #[serde(
        rename = "phone-number",
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_text"
    )]
    pub phone_number: Option<String>,
    /// `cell-number`.
    #[serde(
        rename = "cell-number",
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_text"
    )]
    pub cell_number: Option<String>,
    /// `work-number`.
    #[serde(
        rename = "work-number",
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_text"
    )]
    pub work_number: Option<String>,
    /// `credit-score-tier`.
    #[serde(rename = "credit-score-tier", default)]
    pub credit_score_tier: Option<CreditScoreTier>,
    /// The raw JSON of each member a tolerant field could not read, under
    /// its JSON member name, verbatim; empty when everything was read (see
    /// the crate's [reading policy](crate#reading-policy)). `Debug` shows
    /// only the member names.
    #[serde(skip)]
    pub unexpected: forecourt_core::serde_helpers::tolerant::Unexpected,
}

forecourt_core::tolerant_record!(Customer);

impl fmt::Debug for Customer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Customer")
            .field("id", &self.id)
            .field("first_name", &mask(&self.first_name))
            .field("last_name", &mask(&self.last_name))
            .field("date_of_birth", &self.date_of_birth)
            .field("ssn", &self.ssn)
            .field("address_1", &mask(&self.address_1))
            .field("address_2", &mask(&self.address_2))
            .field("city", &self.city)
            .field("state", &self.state)
            .field("postal_code", &self.postal_code)
            .field("email", &mask(&self.email))
            .field("phone_number", &mask(&self.phone_number))
            .field("cell_number", &mask(&self.cell_number))
            .field("work_number", &mask(&self.work_number))
            .field("credit_score_tier", &self.credit_score_tier)
            .field("unexpected", &self.unexpected)
            .finish_non_exhaustive()
    }
}

impl FromResource for Customer {
    fn set_id(&mut self, id: Id) {
        self.id = id;
    }
}
