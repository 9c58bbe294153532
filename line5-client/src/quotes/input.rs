//! What a caller sends: [`NewQuote`] (with its [`NewCustomer`] and
//! [`QuoteProtectionItem`]s) and [`QuoteAdjustment`], their checks and
//! their JSON:API request documents.

use std::fmt;

use forecourt_core::Redacted;
use forecourt_core::redact::{MASKED, mask};
use forecourt_core::serde_helpers::decimal;
use jiff::civil::Date;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::jsonapi::{self, Document, Relationship, Resource};
use crate::vehicles::VehicleInput;
use crate::{Id, Result, de, validate};

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
    pub(super) fn validate(&self) -> Result<()> {
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
    pub(super) fn validate(&self) -> Result<()> {
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
