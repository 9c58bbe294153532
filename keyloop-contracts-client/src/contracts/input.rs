//! What a caller sends: [`NewContract`] (create) and [`ContractUpdate`]
//! (update), and the checks made before sending.

use forecourt_core::{Error, Result};
use jiff::civil::Date;
use serde::Serialize;

use super::model::{CONTRACT_FIELDS, ContractStatus, ContractType, Mileage, Price};

fn check_text(field: &'static str, value: &Option<String>) -> Result<()> {
    match value {
        Some(v) if v.trim().is_empty() => Err(Error::invalid_input(field, "must not be empty")),
        _ => Ok(()),
    }
}

pub(super) fn check_enum(field: &'static str, wire: &str) -> Result<()> {
    if wire.trim().is_empty() {
        return Err(Error::invalid_input(field, "must not be empty"));
    }
    Ok(())
}

pub(super) fn check_dates(start: Option<Date>, end: Option<Date>) -> Result<()> {
    if let (Some(s), Some(e)) = (start, end)
        && e < s
    {
        return Err(Error::invalid_input(
            "endDate",
            "must not be before startDate",
        ));
    }
    Ok(())
}

fn check_extra(extra: &serde_json::Map<String, serde_json::Value>, named: &[&str]) -> Result<()> {
    for k in extra.keys() {
        if named.contains(&k.as_str()) {
            return Err(Error::invalid_input(
                format!("extra.{k}"),
                "is a named field of the model; set it directly",
            ));
        }
    }
    Ok(())
}

/// A new contract for [`Contracts::create`](super::Contracts::create). `contract_type` and
/// `start_date` are required (a missing one does not compile).
///
/// ```
/// use keyloop_contracts_client::{ContractType, Mileage, NewContract, Price};
/// use rust_decimal::Decimal;
/// let plan = NewContract::builder()
///     .contract_type(ContractType::ServicePlan)
///     .start_date(jiff::civil::date(2024, 6, 1))
///     .end_date(jiff::civil::date(2027, 5, 31))
///     .provider("Dealer Motors")
///     .description("3 services over 3 years")
///     .mileage_limit(Mileage::km(45_000))
///     .price(Price::new(Decimal::new(49900, 2), "GBP"))
///     .build();
/// assert_eq!(plan.contract_type, ContractType::ServicePlan);
/// ```
#[derive(Clone, Serialize, bon::Builder)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct NewContract {
    /// `contractType`.
    pub contract_type: ContractType,
    /// `startDate`.
    pub start_date: Date,
    /// `endDate` (not before `start_date`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_date: Option<Date>,
    /// `status` (the server's default if not given).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<ContractStatus>,
    /// `contractNumber`.
    #[builder(into)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contract_number: Option<String>,
    /// `provider`.
    #[builder(into)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
    /// `description`.
    #[builder(into)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `mileageLimit`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mileage_limit: Option<Mileage>,
    /// `price`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub price: Option<Price>,
    /// Further fields the vendor accepts that the model does not name.
    #[builder(default)]
    // sent verbatim; its values are scrubbed from errors as personal
    // data is (the SDK cannot tell what a dealer's own field holds)
    #[serde(flatten, serialize_with = "forecourt_core::redact::personal")]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl NewContract {
    pub(super) fn validate(&self) -> Result<()> {
        check_enum("contractType", self.contract_type.as_str())?;
        if let Some(s) = &self.status {
            check_enum("status", s.as_str())?;
        }
        check_text("contractNumber", &self.contract_number)?;
        check_text("provider", &self.provider)?;
        check_text("description", &self.description)?;
        check_dates(Some(self.start_date), self.end_date)?;
        if let Some(m) = &self.mileage_limit {
            m.validate("mileageLimit")?;
        }
        if let Some(p) = &self.price {
            p.validate("price")?;
        }
        check_extra(&self.extra, CONTRACT_FIELDS)
    }
}

/// The fields to change with [`Contracts::update`](super::Contracts::update) (PATCH): only the fields
/// set are sent; the others keep their values on the server. At least one
/// field must be set. To clear a field, [`replace`](super::Contracts::replace) the
/// record instead.
///
/// ```
/// use keyloop_contracts_client::{ContractStatus, ContractUpdate};
/// let cancel = ContractUpdate::builder().status(ContractStatus::Cancelled).build();
/// assert_eq!(serde_json::to_string(&cancel).unwrap(), r#"{"status":"CANCELLED"}"#);
/// ```
#[derive(Clone, Default, Serialize, bon::Builder)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ContractUpdate {
    /// `contractType`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contract_type: Option<ContractType>,
    /// `status`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<ContractStatus>,
    /// `contractNumber`.
    #[builder(into)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contract_number: Option<String>,
    /// `provider`.
    #[builder(into)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
    /// `description`.
    #[builder(into)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `startDate`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_date: Option<Date>,
    /// `endDate`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_date: Option<Date>,
    /// `mileageLimit`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mileage_limit: Option<Mileage>,
    /// `price`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub price: Option<Price>,
    /// Further fields to change that the model does not name.
    #[builder(default)]
    // sent verbatim; its values are scrubbed from errors as personal
    // data is (the SDK cannot tell what a dealer's own field holds)
    #[serde(flatten, serialize_with = "forecourt_core::redact::personal")]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl ContractUpdate {
    fn is_empty(&self) -> bool {
        self.contract_type.is_none()
            && self.status.is_none()
            && self.contract_number.is_none()
            && self.provider.is_none()
            && self.description.is_none()
            && self.start_date.is_none()
            && self.end_date.is_none()
            && self.mileage_limit.is_none()
            && self.price.is_none()
            && self.extra.is_empty()
    }

    pub(super) fn validate(&self) -> Result<()> {
        if self.is_empty() {
            return Err(Error::invalid_input(
                "update",
                "sets no field; set at least one",
            ));
        }
        if let Some(t) = &self.contract_type {
            check_enum("contractType", t.as_str())?;
        }
        if let Some(s) = &self.status {
            check_enum("status", s.as_str())?;
        }
        check_text("contractNumber", &self.contract_number)?;
        check_text("provider", &self.provider)?;
        check_text("description", &self.description)?;
        check_dates(self.start_date, self.end_date)?;
        if let Some(m) = &self.mileage_limit {
            m.validate("mileageLimit")?;
        }
        if let Some(p) = &self.price {
            p.validate("price")?;
        }
        check_extra(&self.extra, CONTRACT_FIELDS)?;
        if self.extra.contains_key("contractId") || self.extra.contains_key("vehicleId") {
            return Err(Error::invalid_input("extra", "cannot change the ids"));
        }
        Ok(())
    }
}
