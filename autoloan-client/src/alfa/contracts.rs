//! The contract request, its response, and the helper that builds a contract
//! from an approved application.

use std::fmt;

use forecourt_core::{Error, RawResponse, Redacted, Result, Transport};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use crate::applications::{ApplicationId, ApplicationStatus, NewApplication, Vin};
use crate::webhooks::StatusWebhook;

/// The longest term [`monthly_installment`] accepts, in months (50 years).
pub const MAX_TERM_MONTHS: u32 = 600;

/// A loan contract for Alfa 6 Cloud. Money is exact (`Decimal`) and is
/// encoded as JSON numbers with exactly its digits (`650.50` stays `650.50`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, bon::Builder)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ContractRequest {
    /// The Autoloan Finland application id (`APP-005`).
    #[builder(into)]
    pub application_id: ApplicationId,
    /// The dealer's customer reference in Alfa (`CUST-101`).
    #[builder(into)]
    pub customer_reference: String,
    /// The vehicle.
    pub vehicle_details: VehicleDetails,
    /// The loan's terms.
    pub finance_details: FinanceDetails,
}

/// The vehicle of a contract.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, bon::Builder)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct VehicleDetails {
    /// The VIN.
    pub vin: Vin,
    /// The registration number (`ABC-123`). Personal data (it names the
    /// owner in the vehicle register): `Debug` prints `[REDACTED]`, and an
    /// echo of it is scrubbed from the call's errors and logs.
    #[builder(into)]
    pub registration_number: Redacted<String>,
    /// Make.
    #[builder(into)]
    pub make: String,
    /// Model.
    #[builder(into)]
    pub model: String,
    /// Price in euros.
    #[serde(with = "forecourt_core::serde_helpers::decimal::number")]
    pub price: Decimal,
}

/// The loan's terms.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, bon::Builder)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct FinanceDetails {
    /// The approved loan amount in euros.
    #[serde(with = "forecourt_core::serde_helpers::decimal::number")]
    pub approved_amount: Decimal,
    /// The down payment in euros.
    #[serde(with = "forecourt_core::serde_helpers::decimal::number")]
    pub down_payment: Decimal,
    /// The nominal annual interest rate in percent (`4.5`).
    #[serde(with = "forecourt_core::serde_helpers::decimal::number")]
    pub interest_rate: Decimal,
    /// The term in months (a number or a numeric string).
    #[serde(deserialize_with = "forecourt_core::serde_helpers::whole::number::deserialize")]
    pub term_months: u32,
    /// The monthly installment in euros.
    #[serde(with = "forecourt_core::serde_helpers::decimal::number")]
    pub monthly_installment: Decimal,
}

fn require_text(field: &'static str, value: &str) -> Result<()> {
    if value.trim().is_empty() {
        return Err(Error::invalid_input(field, "must not be empty"));
    }
    Ok(())
}

fn require_non_negative(field: &'static str, value: Decimal) -> Result<()> {
    if value < Decimal::ZERO {
        return Err(Error::invalid_input(field, "must not be negative"));
    }
    Ok(())
}

fn require_positive(field: &'static str, value: Decimal) -> Result<()> {
    if value <= Decimal::ZERO {
        return Err(Error::invalid_input(field, "must be greater than zero"));
    }
    Ok(())
}

/// The monthly installment of an annuity loan:
/// `P · r / (1 − (1 + r)^−n)` with `r` = annual rate / 100 / 12, computed
/// in `Decimal` (28 significant digits) and rounded to cents, half up
/// (half away from zero: `0.005` → `0.01`). A zero rate gives `P / n`,
/// rounded the same way. The result always has two decimals (`100.00`).
///
/// ```
/// use autoloan_client::alfa::monthly_installment;
/// use rust_decimal::Decimal;
/// let m = monthly_installment(Decimal::from(35_000), Decimal::new(45, 1), 60)?;
/// assert_eq!(m.to_string(), "652.51");
/// # Ok::<(), autoloan_client::Error>(())
/// ```
pub fn monthly_installment(
    principal: Decimal,
    annual_rate_percent: Decimal,
    term_months: u32,
) -> Result<Decimal> {
    require_positive("approvedAmount", principal)?;
    require_non_negative("interestRate", annual_rate_percent)?;
    if term_months == 0 || term_months > MAX_TERM_MONTHS {
        return Err(Error::invalid_input(
            "termMonths",
            "must be 1 to 600 months",
        ));
    }
    let overflow =
        || Error::invalid_input("approvedAmount", "is too large to compute an installment");
    let n = Decimal::from(term_months);
    let r = annual_rate_percent / Decimal::from(1200);
    let exact = if r.is_zero() {
        principal.checked_div(n).ok_or_else(overflow)?
    } else {
        let growth = Decimal::ONE + r;
        let mut factor = Decimal::ONE;
        for _ in 0..term_months {
            factor = factor.checked_mul(growth).ok_or_else(overflow)?;
        }
        // P·r·(1+r)^n / ((1+r)^n − 1) is the same formula without a negative power
        principal
            .checked_mul(r)
            .and_then(|x| x.checked_mul(factor))
            .and_then(|x| x.checked_div(factor - Decimal::ONE))
            .ok_or_else(overflow)?
    };
    let mut cents = exact.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    // always two decimals (`100.00`), as money is written
    cents.rescale(2);
    Ok(cents)
}

#[bon::bon]
impl ContractRequest {
    /// Builds the contract for an approved application from the application
    /// you submitted and its `Approved` webhook:
    ///
    /// - application id from the webhook; VIN, make, model and price from
    ///   the application;
    /// - approved amount, interest rate and term from the webhook's details
    ///   (all three required);
    /// - the monthly installment by [`monthly_installment`] (annuity,
    ///   rounded to cents half up).
    ///
    /// It is an error ([`Error::InvalidInput`], field
    /// `financeDetails.downPayment`) when the price is not exactly the
    /// approved amount plus the down payment: a contract that does not add
    /// up must not reach the servicing system. Also an error: a webhook
    /// that is not `Approved` (`webhook.status`) or lacks a term
    /// (`webhook.details.*`).
    #[builder(finish_fn = build)]
    pub fn from_approval(
        /// The application as you submitted it.
        application: &NewApplication,
        /// Its `Approved` webhook.
        webhook: &StatusWebhook,
        /// The dealer's customer reference in Alfa.
        #[builder(into)]
        customer_reference: String,
        /// The vehicle's registration number (personal data, see
        /// [`VehicleDetails::registration_number`]).
        #[builder(into)]
        registration_number: Redacted<String>,
        /// The down payment in euros.
        down_payment: Decimal,
    ) -> Result<ContractRequest> {
        if webhook.status != ApplicationStatus::Approved {
            return Err(Error::invalid_input(
                "webhook.status",
                "must be Approved to push a contract",
            ));
        }
        let details = webhook.details.as_ref().ok_or_else(|| {
            Error::invalid_input("webhook.details", "are required to build a contract")
        })?;
        let approved_amount = details
            .approved_amount
            .ok_or_else(|| Error::invalid_input("webhook.details.approvedAmount", "is required"))?;
        let interest_rate = details
            .interest_rate
            .ok_or_else(|| Error::invalid_input("webhook.details.interestRate", "is required"))?;
        let term_months = details
            .term
            .ok_or_else(|| Error::invalid_input("webhook.details.term", "is required"))?;
        require_non_negative("financeDetails.downPayment", down_payment)?;
        let price = application.vehicle.price;
        if approved_amount.checked_add(down_payment) != Some(price) {
            return Err(Error::invalid_input(
                "financeDetails.downPayment",
                "vehicle price must equal approved amount + down payment",
            ));
        }
        let monthly = monthly_installment(approved_amount, interest_rate, term_months)?;
        let contract = ContractRequest {
            application_id: webhook.application_id.clone(),
            customer_reference,
            vehicle_details: VehicleDetails {
                vin: application.vehicle.vin.clone(),
                registration_number,
                make: application.vehicle.make.clone(),
                model: application.vehicle.model.clone(),
                price,
            },
            finance_details: FinanceDetails {
                approved_amount,
                down_payment,
                interest_rate,
                term_months,
                monthly_installment: monthly,
            },
        };
        contract.validate()?;
        Ok(contract)
    }
}

impl ContractRequest {
    /// Checks what the types cannot, before anything is sent: ids,
    /// reference, registration number, make and model not empty; price and
    /// down payment not negative; approved amount and monthly installment
    /// above zero; interest rate not negative; term 1 to 600 months.
    ///
    /// It does not require price = approved amount + down payment (a
    /// contract can finance fees); [`ContractRequest::from_approval`] does.
    pub fn validate(&self) -> Result<()> {
        require_text("applicationId", self.application_id.as_str())?;
        require_text("customerReference", &self.customer_reference)?;
        let v = &self.vehicle_details;
        require_text(
            "vehicleDetails.registrationNumber",
            v.registration_number.expose(),
        )?;
        require_text("vehicleDetails.make", &v.make)?;
        require_text("vehicleDetails.model", &v.model)?;
        require_non_negative("vehicleDetails.price", v.price)?;
        let f = &self.finance_details;
        require_positive("financeDetails.approvedAmount", f.approved_amount)?;
        require_non_negative("financeDetails.downPayment", f.down_payment)?;
        require_non_negative("financeDetails.interestRate", f.interest_rate)?;
        if f.term_months == 0 || f.term_months > MAX_TERM_MONTHS {
            return Err(Error::invalid_input(
                "financeDetails.termMonths",
                "must be 1 to 600 months",
            ));
        }
        require_positive("financeDetails.monthlyInstallment", f.monthly_installment)?;
        Ok(())
    }
}

/// Alfa's answer to a created contract.
///
/// Alfa's answer is not documented. We keep its HTTP status, every field of
/// a JSON object answer in [`fields`](Self::fields), and the contract's id
/// if a field `contractId`, `id` or `contractNumber` carries one (string or
/// number). An empty body is accepted (`fields` is then empty).
#[derive(Clone, PartialEq)]
#[non_exhaustive]
pub struct ContractReceipt {
    /// The HTTP status (`201`, `200`, ...).
    pub http_status: u16,
    /// The contract's id, if the answer carried one.
    pub contract_id: Option<String>,
    /// Every field of the answer, as sent (numbers went through `f64`).
    pub fields: serde_json::Map<String, serde_json::Value>,
}

impl fmt::Debug for ContractReceipt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ContractReceipt")
            .field("http_status", &self.http_status)
            .field("contract_id", &self.contract_id)
            .field("fields", &self.fields.keys().collect::<Vec<_>>())
            .finish()
    }
}

impl ContractReceipt {
    pub(crate) fn from_response(transport: &Transport, raw: &RawResponse) -> Result<Self> {
        let fields = if raw.body().iter().all(u8::is_ascii_whitespace) {
            serde_json::Map::new()
        } else {
            transport.decode::<serde_json::Map<String, serde_json::Value>>(raw)?
        };
        let contract_id = ["contractId", "id", "contractNumber"]
            .iter()
            .find_map(|k| match fields.get(*k) {
                Some(serde_json::Value::String(s)) if !s.is_empty() => Some(s.clone()),
                Some(serde_json::Value::Number(n)) => Some(n.to_string()),
                _ => None,
            });
        Ok(ContractReceipt {
            http_status: raw.status().as_u16(),
            contract_id,
            fields,
        })
    }
}
