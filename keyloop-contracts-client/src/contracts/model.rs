//! The contract models as the server holds them: the enums, [`Mileage`],
//! [`Price`], [`Link`] and [`Contract`], with their checks before sending.

use forecourt_core::serde_helpers::tolerant::Unexpected;
use forecourt_core::{Error, Result};
use jiff::civil::Date;
use rust_decimal::Decimal;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::ExtraFields;
use super::input::{check_dates, check_enum};

forecourt_core::string_enum! {
    /// The kind of a contract.
    pub enum ContractType {
        /// The manufacturer's (factory) warranty.
        ManufacturerWarranty => "MANUFACTURER_WARRANTY",
        /// An extended warranty (dealer or third party).
        ExtendedWarranty => "EXTENDED_WARRANTY",
        /// A prepaid service plan.
        ServicePlan => "SERVICE_PLAN",
        /// A maintenance plan.
        MaintenancePlan => "MAINTENANCE_PLAN",
        /// Roadside assistance.
        RoadsideAssistance => "ROADSIDE_ASSISTANCE",
        /// Insurance.
        Insurance => "INSURANCE",
        /// Any other contract.
        Other => "OTHER",
    }
}

forecourt_core::string_enum! {
    /// The state of a contract.
    pub enum ContractStatus {
        /// In force.
        Active => "ACTIVE",
        /// Past its end date or mileage.
        Expired => "EXPIRED",
        /// Cancelled before its end.
        Cancelled => "CANCELLED",
        /// Agreed but not yet in force.
        Pending => "PENDING",
    }
}

forecourt_core::string_enum! {
    /// The unit of a [`Mileage`].
    pub enum MileageUnit {
        /// Kilometres.
        Km => "KM",
        /// Miles.
        Mi => "MI",
    }
}

/// A distance, Keyloop style: `{"unit": "KM", "value": 100000}`.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Mileage {
    /// The unit.
    pub unit: MileageUnit,
    /// The distance in `unit` (a number or a numeric string).
    #[serde(with = "forecourt_core::serde_helpers::whole::number")]
    pub value: u64,
    /// Fields the model does not name.
    // sent verbatim; its values are scrubbed from errors as personal
    // data is (the SDK cannot tell what a dealer's own field holds)
    #[serde(flatten, serialize_with = "forecourt_core::redact::personal")]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl Mileage {
    /// A distance in `unit`.
    pub fn new(unit: MileageUnit, value: u64) -> Self {
        Mileage {
            unit,
            value,
            extra: serde_json::Map::new(),
        }
    }

    /// A distance in kilometres.
    pub fn km(value: u64) -> Self {
        Self::new(MileageUnit::Km, value)
    }

    /// A distance in miles.
    pub fn miles(value: u64) -> Self {
        Self::new(MileageUnit::Mi, value)
    }

    pub(super) fn validate(&self, field: &'static str) -> Result<()> {
        if let MileageUnit::Unknown(u) = &self.unit
            && u.trim().is_empty()
        {
            return Err(Error::invalid_input(field, "has an empty unit"));
        }
        if self.value == 0 {
            return Err(Error::invalid_input(field, "must be greater than zero"));
        }
        Ok(())
    }
}

/// An amount of money with its currency: `{"amount": 499.00, "currency": "GBP"}`.
///
/// The amount is decoded exactly (never through `f64`) and encoded as a
/// JSON number with the digits it holds.
#[derive(Clone)]
#[non_exhaustive]
pub struct Price {
    /// The amount.
    pub amount: Decimal,
    /// The ISO 4217 currency code (`GBP`, `EUR`, `ZAR`).
    pub currency: String,
    /// Fields the model does not name (a tax amount, say), kept verbatim.
    pub extra: ExtraFields,
}

fn same_extra(a: &ExtraFields, b: &ExtraFields) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b.iter())
            .all(|((ka, va), (kb, vb))| ka == kb && va.get() == vb.get())
}

impl PartialEq for Price {
    fn eq(&self, other: &Self) -> bool {
        self.amount == other.amount
            && self.currency == other.currency
            && same_extra(&self.extra, &other.extra)
    }
}

impl Price {
    /// `amount` in `currency` (ISO 4217, checked when sent).
    pub fn new(amount: Decimal, currency: impl Into<String>) -> Self {
        Price {
            amount,
            currency: currency.into(),
            extra: ExtraFields::new(),
        }
    }

    pub(super) fn validate(&self, field: &'static str) -> Result<()> {
        if self.amount.is_sign_negative() && !self.amount.is_zero() {
            return Err(Error::invalid_input(field, "amount must not be negative"));
        }
        let c = self.currency.as_bytes();
        if c.len() != 3 || !c.iter().all(u8::is_ascii_uppercase) {
            return Err(Error::invalid_input(
                field,
                "currency must be a three-letter ISO 4217 code in capitals",
            ));
        }
        Ok(())
    }
}

/// A hypermedia link: `{"method": "GET", "rel": "self", "href": "...", "title": "..."}`.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Link {
    /// The HTTP method to follow it with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// The relation (`self`, `next`, `prev`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rel: Option<String>,
    /// The target URL.
    pub href: String,
    /// A human-readable title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Fields the model does not name.
    // sent verbatim; its values are scrubbed from errors as personal
    // data is (the SDK cannot tell what a dealer's own field holds)
    #[serde(flatten, serialize_with = "forecourt_core::redact::personal")]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// A contract of a vehicle, as the server holds it.
///
/// Every field the server sends that is not named here is kept in
/// [`extra`](Self::extra), verbatim, so that [`Contracts::replace`](super::Contracts::replace) after
/// [`Contracts::get`](super::Contracts::get) sends the whole record back. Only `contractId` is
/// required when decoding: the vendor's schema is not published (see the
/// crate's [Assumptions](crate#assumptions)).
#[derive(Clone)]
#[non_exhaustive]
pub struct Contract {
    /// `contractId`: the contract's id.
    pub contract_id: String,
    /// `vehicleId`: the vehicle it covers.
    pub vehicle_id: Option<String>,
    /// `contractType`.
    pub contract_type: Option<ContractType>,
    /// `status`.
    pub status: Option<ContractStatus>,
    /// `contractNumber`: the provider's or DMS's reference.
    pub contract_number: Option<String>,
    /// `provider`: who provides it (manufacturer, dealer, insurer).
    pub provider: Option<String>,
    /// `description`.
    pub description: Option<String>,
    /// `startDate` (a date; the date part of a date-time is accepted).
    pub start_date: Option<Date>,
    /// `endDate` (a date; the date part of a date-time is accepted).
    pub end_date: Option<Date>,
    /// `mileageLimit`: the distance it covers.
    pub mileage_limit: Option<Mileage>,
    /// `price`: what the customer paid.
    pub price: Option<Price>,
    /// `links`.
    pub links: Vec<Link>,
    /// Every other field, verbatim.
    pub extra: ExtraFields,
    /// Named fields the server sent in a shape other than the model's (an
    /// object where text was inferred, say), or could not be read at all:
    /// their raw JSON, verbatim, under the wire name. The named field holds
    /// what could be read (`provider` `{"name":"Dealer Care","code":"DC"}`
    /// reads `Some("Dealer Care")`), or `None`. A replace sends the raw
    /// value back while the named field is `None` or still what was read.
    pub unexpected: Unexpected,
    /// The wire name `contractType` came under (`contractType` or `type`).
    pub(super) contract_type_key: &'static str,
}

impl PartialEq for Contract {
    fn eq(&self, other: &Self) -> bool {
        self.contract_id == other.contract_id
            && self.vehicle_id == other.vehicle_id
            && self.contract_type == other.contract_type
            && self.status == other.status
            && self.contract_number == other.contract_number
            && self.provider == other.provider
            && self.description == other.description
            && self.start_date == other.start_date
            && self.end_date == other.end_date
            && self.mileage_limit == other.mileage_limit
            && self.price == other.price
            && self.links == other.links
            && same_extra(&self.extra, &other.extra)
            && self.unexpected == other.unexpected
    }
}

pub(super) const CONTRACT_FIELDS: &[&str] = &[
    "contractId",
    "vehicleId",
    "contractType",
    "status",
    "contractNumber",
    "provider",
    "description",
    "startDate",
    "endDate",
    "mileageLimit",
    "price",
    "links",
];

impl Contract {
    /// Whether this is of `kind`.
    pub fn is(&self, kind: &ContractType) -> bool {
        self.contract_type.as_ref() == Some(kind)
    }

    /// An unknown field decoded as `T`: `None` if absent, `Some(Err)` if it
    /// does not match `T`.
    pub fn extra_field<T: DeserializeOwned>(&self, name: &str) -> Option<Result<T>> {
        self.extra.get(name).map(|raw| {
            serde_json::from_str(raw.get()).map_err(|_| {
                Error::invalid_input(format!("extra.{name}"), "does not match the requested type")
            })
        })
    }

    /// Sets an unknown field (one the model does not name) for a replace.
    pub fn set_extra_field<T: Serialize + ?Sized>(&mut self, name: &str, value: &T) -> Result<()> {
        if CONTRACT_FIELDS.contains(&name) {
            return Err(Error::invalid_input(
                format!("extra.{name}"),
                "is a named field of the model; set it directly",
            ));
        }
        let raw = serde_json::value::to_raw_value(value).map_err(|_| {
            Error::invalid_input(format!("extra.{name}"), "could not be encoded as JSON")
        })?;
        self.extra.insert(name.to_owned(), raw);
        Ok(())
    }

    pub(super) fn validate_for_replace(&self, vehicle_id: &str) -> Result<()> {
        if self.contract_id.trim().is_empty() {
            return Err(Error::invalid_input("contractId", "must not be empty"));
        }
        if let Some(v) = &self.vehicle_id
            && v != vehicle_id
        {
            return Err(Error::invalid_input(
                "vehicleId",
                "does not match the vehicle of the call",
            ));
        }
        match &self.contract_type {
            None => {
                return Err(Error::invalid_input(
                    "contractType",
                    "is required in a whole record",
                ));
            }
            Some(t) => check_enum("contractType", t.as_str())?,
        }
        if let Some(s) = &self.status {
            check_enum("status", s.as_str())?;
        }
        check_dates(self.start_date, self.end_date)?;
        if let Some(m) = &self.mileage_limit {
            m.validate("mileageLimit")?;
        }
        if let Some(p) = &self.price {
            p.validate("price")?;
        }
        Ok(())
    }
}
