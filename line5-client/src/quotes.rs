//! Quotes: create (`POST /quotes`), adjust terms (`PATCH /quotes`),
//! finalize into a loan (`PATCH /quotes/finalize`).

use std::fmt;
use std::ops::RangeInclusive;

use forecourt_core::redact::{MASKED, mask};
use forecourt_core::serde_helpers::decimal;
use forecourt_core::{Redacted, Request};
use jiff::civil::Date;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::jsonapi::{
    self, Document, FromResource, Relationship, Resource, related_many, related_one,
};
use crate::loans::Loan;
use crate::payments::Finalize;
use crate::quote_protections::QuoteProtection;
use crate::vehicles::{Vehicle, VehicleInput};
use crate::{Client, Id, Result, de, paths, validate};

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

/// The customer of a new quote.
///
/// Personal data: `Debug` shows only city, state and postal code; the
/// values are sent as they are, and removed from this call's errors and
/// logs should the vendor echo them.
#[derive(Clone, PartialEq, Serialize, bon::Builder)]
#[non_exhaustive]
pub struct NewCustomer {
    /// `first-name`.
    #[builder(into)]
    #[serde(rename = "first-name")]
    #[serde(serialize_with = "forecourt_core::redact::personal")]
    pub first_name: String,
    /// `last-name`.
    #[builder(into)]
    #[serde(rename = "last-name")]
    #[serde(serialize_with = "forecourt_core::redact::personal")]
    pub last_name: String,
    /// `ssn`: 9 digits (dashes allowed), sent as given.
    #[builder(into)]
    pub ssn: Redacted<String>,
    /// `date-of-birth`.
    #[builder(into)]
    #[serde(rename = "date-of-birth")]
    pub date_of_birth: Redacted<Date>,
    /// `address-1`.
    #[builder(into)]
    #[serde(rename = "address-1")]
    #[serde(serialize_with = "forecourt_core::redact::personal")]
    pub address_1: String,
    /// `address-2`.
    #[builder(into)]
    #[serde(rename = "address-2", skip_serializing_if = "Option::is_none")]
    #[serde(serialize_with = "forecourt_core::redact::personal")]
    pub address_2: Option<String>,
    /// `city`.
    #[builder(into)]
    pub city: String,
    /// `state`: the two-letter abbreviation.
    #[builder(into)]
    pub state: String,
    /// `postal-code`: 5-digit ZIP.
    #[builder(into)]
    #[serde(rename = "postal-code")]
    pub postal_code: String,
    /// `email`.
    #[builder(into)]
    #[serde(serialize_with = "forecourt_core::redact::personal")]
    pub email: String,
    /// `cell-number`.
    #[builder(into)]
    #[serde(rename = "cell-number")]
    #[serde(serialize_with = "forecourt_core::redact::personal")]
    pub cell_number: String,
    /// `work-number`.
    #[builder(into)]
    #[serde(rename = "work-number", skip_serializing_if = "Option::is_none")]
    #[serde(serialize_with = "forecourt_core::redact::personal")]
    pub work_number: Option<String>,
    /// `phone-number`.
    #[builder(into)]
    #[serde(rename = "phone-number")]
    #[serde(serialize_with = "forecourt_core::redact::personal")]
    pub phone_number: String,
}

impl fmt::Debug for NewCustomer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NewCustomer")
            .field("first_name", &MASKED)
            .field("last_name", &MASKED)
            .field("ssn", &self.ssn)
            .field("date_of_birth", &self.date_of_birth)
            .field("address_1", &MASKED)
            .field("address_2", &mask(&self.address_2))
            .field("city", &self.city)
            .field("state", &self.state)
            .field("postal_code", &self.postal_code)
            .field("email", &MASKED)
            .field("cell_number", &MASKED)
            .field("work_number", &mask(&self.work_number))
            .field("phone_number", &MASKED)
            .finish()
    }
}

impl NewCustomer {
    fn validate(&self) -> Result<()> {
        validate::not_blank("customer.first-name", &self.first_name)?;
        validate::not_blank("customer.last-name", &self.last_name)?;
        let ssn: String = self.ssn.expose().chars().filter(|c| *c != '-').collect();
        validate::digits("customer.ssn", &ssn, 9, 9)?;
        validate::not_blank("customer.address-1", &self.address_1)?;
        validate::not_blank("customer.city", &self.city)?;
        if self.state.len() != 2 || !self.state.bytes().all(|b| b.is_ascii_alphabetic()) {
            return Err(crate::Error::invalid_input(
                "customer.state",
                "must be a two-letter state abbreviation",
            ));
        }
        validate::zip("customer.postal-code", &self.postal_code)?;
        validate::email("customer.email", &self.email)?;
        validate::phone("customer.cell-number", &self.cell_number)?;
        validate::phone("customer.phone-number", &self.phone_number)?;
        if let Some(w) = &self.work_number {
            validate::phone("customer.work-number", w)?;
        }
        Ok(())
    }
}

/// A value of a protection field (`filled-fields`): `months`, `mileage`,
/// `cost`, `price`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct FilledField {
    /// `name`: a field name from [`Protection::fields`](crate::Protection::fields).
    pub name: String,
    /// `value`, sent as a JSON number.
    #[serde(with = "decimal::number")]
    pub value: Decimal,
}

impl FilledField {
    /// A filled field.
    pub fn new(name: impl Into<String>, value: impl Into<Decimal>) -> Self {
        FilledField {
            name: name.into(),
            value: value.into(),
        }
    }
}

/// The coverage chosen from the rates (`coverage`).
#[derive(Clone, Debug, PartialEq, Serialize, bon::Builder)]
#[non_exhaustive]
pub struct CoverageSelection {
    /// `coverage_name`.
    #[builder(into)]
    pub coverage_name: String,
    /// `product_type`.
    #[builder(into)]
    pub product_type: String,
    /// `term_miles`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub term_miles: Option<u32>,
    /// `term_months`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub term_months: Option<u32>,
}

/// The deductible chosen from the rates (`deductible`); the amount is sent as a string.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct DeductibleSelection {
    /// `amount`.
    #[serde(with = "decimal::string")]
    pub amount: Decimal,
}

impl DeductibleSelection {
    /// A deductible of `amount`.
    pub fn new(amount: Decimal) -> Self {
        DeductibleSelection { amount }
    }
}

/// A surcharge chosen from the rates (`surcharges[]`).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct SurchargeSelection {
    /// `code`.
    pub code: String,
}

impl SurchargeSelection {
    /// A surcharge by code.
    pub fn new(code: impl Into<String>) -> Self {
        SurchargeSelection { code: code.into() }
    }
}

/// A protection sold with a new quote (`quote-protections[]`).
#[derive(Clone, Debug, PartialEq, Serialize, bon::Builder)]
#[non_exhaustive]
pub struct QuoteProtectionItem {
    /// The protection's id (from [`Protections::list`](crate::protections::Protections::list)).
    #[serde(skip)]
    #[builder(into)]
    pub protection_id: Id,
    /// `exclude-tax`.
    #[serde(rename = "exclude-tax", skip_serializing_if = "Option::is_none")]
    pub exclude_tax: Option<bool>,
    /// `filled-fields`: a value for every required field of the protection.
    #[serde(rename = "filled-fields")]
    #[builder(default)]
    pub filled_fields: Vec<FilledField>,
    /// `coverage`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub coverage: Option<CoverageSelection>,
    /// `deductible`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deductible: Option<DeductibleSelection>,
    /// `surcharges`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[builder(default)]
    pub surcharges: Vec<SurchargeSelection>,
}

#[derive(Serialize)]
struct NewQuoteAttributes<'a> {
    #[serde(rename = "integration-loan-id")]
    integration_loan_id: &'a Id,
    #[serde(
        rename = "skip-credit-validation",
        skip_serializing_if = "Option::is_none"
    )]
    skip_credit_validation: Option<bool>,
    #[serde(rename = "text-to-sell", skip_serializing_if = "Option::is_none")]
    text_to_sell: Option<bool>,
}

/// A new quote (`POST /quotes`).
#[derive(Clone, Debug, PartialEq, bon::Builder)]
#[non_exhaustive]
pub struct NewQuote {
    /// `integration-loan-id`: your own id for this quote.
    #[builder(into)]
    pub integration_loan_id: Id,
    /// `skip-credit-validation`: skip the credit inquiry (highest rate).
    pub skip_credit_validation: Option<bool>,
    /// `text-to-sell`: send only together with quote protections.
    pub text_to_sell: Option<bool>,
    /// The customer.
    pub customer: NewCustomer,
    /// The vehicle.
    pub vehicle: VehicleInput,
    /// The employee the quote is assigned to ([`User::id`](crate::User::id)).
    #[builder(into)]
    pub employee_id: Id,
    /// Protections sold with the quote (optional; they can be added later).
    #[builder(default)]
    pub quote_protections: Vec<QuoteProtectionItem>,
}

impl NewQuote {
    fn validate(&self) -> Result<()> {
        validate::not_blank("integration-loan-id", self.integration_loan_id.as_str())?;
        validate::not_blank("employee.id", self.employee_id.as_str())?;
        self.customer.validate()?;
        self.vehicle.validate()?;
        for qp in &self.quote_protections {
            validate::not_blank("quote-protections.protection.id", qp.protection_id.as_str())?;
            for f in &qp.filled_fields {
                validate::not_blank("quote-protections.filled-fields.name", &f.name)?;
                validate::not_negative("quote-protections.filled-fields.value", f.value)?;
            }
        }
        if self.text_to_sell.is_some() && self.quote_protections.is_empty() {
            return Err(crate::Error::invalid_input(
                "text-to-sell",
                "is sent only together with quote protections; set it later with quotes().adjust",
            ));
        }
        Ok(())
    }

    /// The JSON:API request document Line5 expects.
    pub fn to_document(&self) -> Result<Document> {
        let mut quote = Resource::new("quotes")
            .with_attributes(&NewQuoteAttributes {
                integration_loan_id: &self.integration_loan_id,
                skip_credit_validation: self.skip_credit_validation,
                text_to_sell: self.text_to_sell,
            })?
            .with_relationship(
                "customer",
                Relationship::one(Resource::new("customers").with_attributes(&self.customer)?),
            )
            .with_relationship(
                "vehicle",
                Relationship::one(Resource::new("vehicles").with_attributes(&self.vehicle)?),
            )
            .with_relationship(
                "employee",
                Relationship::one(Resource::new("employee").with_id(self.employee_id.clone())),
            );
        if !self.quote_protections.is_empty() {
            let items = self
                .quote_protections
                .iter()
                .map(|qp| {
                    Ok(Resource::new("quote-protection")
                        .with_attributes(qp)?
                        .with_relationship(
                            "protection",
                            Relationship::one(
                                Resource::new("protection").with_id(qp.protection_id.clone()),
                            ),
                        ))
                })
                .collect::<Result<Vec<_>>>()?;
            quote = quote.with_relationship("quote-protections", Relationship::many(items));
        }
        Ok(jsonapi::single(quote))
    }
}

#[derive(Serialize)]
struct AdjustAttributes {
    #[serde(skip_serializing_if = "Option::is_none")]
    term: Option<u32>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "de::ser_opt_number"
    )]
    down_payment: Option<Decimal>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "de::ser_opt_number"
    )]
    interest_percent: Option<Decimal>,
    #[serde(rename = "text-to-sell", skip_serializing_if = "Option::is_none")]
    text_to_sell: Option<bool>,
}

/// New loan terms for a quote (`PATCH /quotes`); set only what should change.
#[derive(Clone, Debug, PartialEq, bon::Builder)]
#[non_exhaustive]
pub struct QuoteAdjustment {
    /// The quote.
    #[builder(into)]
    pub quote_id: Id,
    /// `term`: months.
    pub term: Option<u32>,
    /// `down_payment`: dollars.
    pub down_payment: Option<Decimal>,
    /// `interest_percent`.
    pub interest_percent: Option<Decimal>,
    /// `text-to-sell`.
    pub text_to_sell: Option<bool>,
}

impl QuoteAdjustment {
    fn validate(&self) -> Result<()> {
        validate::not_blank("id", self.quote_id.as_str())?;
        if self.term.is_none()
            && self.down_payment.is_none()
            && self.interest_percent.is_none()
            && self.text_to_sell.is_none()
        {
            return Err(crate::Error::invalid_input(
                "attributes",
                "must change at least one term",
            ));
        }
        if self.term == Some(0) {
            return Err(crate::Error::invalid_input(
                "term",
                "must be at least one month",
            ));
        }
        if let Some(d) = self.down_payment {
            validate::not_negative("down_payment", d)?;
        }
        if let Some(i) = self.interest_percent {
            validate::not_negative("interest_percent", i)?;
        }
        Ok(())
    }

    /// The JSON:API request document Line5 expects.
    pub fn to_document(&self) -> Result<Document> {
        let attrs = AdjustAttributes {
            term: self.term,
            down_payment: self.down_payment,
            interest_percent: self.interest_percent,
            text_to_sell: self.text_to_sell,
        };
        Ok(jsonapi::single(
            Resource::new("quotes")
                .with_id(self.quote_id.clone())
                .with_attributes(&attrs)?,
        ))
    }
}

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
