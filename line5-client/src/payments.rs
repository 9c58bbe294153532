//! Finalizing a quote: first payment date and payment methods
//! (card, bank transfer/ACH, a separate down-payment method,
//! `same_as_downpayment`, `provide_later`).

use forecourt_core::Redacted;
use jiff::civil::Date;
use serde::Serialize;

use crate::jsonapi::{self, Document, Relationship, Resource};
use crate::{Error, Id, Result, validate};

forecourt_core::string_enum! {
    /// `form_of_payment_type`.
    pub enum PaymentType {
        /// `payment_card`: a credit or debit card.
        PaymentCard => "payment_card",
        /// `bank_transfer`: ACH from a bank account.
        BankTransfer => "bank_transfer",
    }
}

forecourt_core::string_enum! {
    /// `bank_transfer_account_type`. Line5 accepts only `checking`.
    pub enum BankAccountType {
        /// `checking`.
        Checking => "checking",
        /// `savings` (refused by Line5 at this time; the SDK refuses it before sending).
        Savings => "savings",
    }
}

/// A credit or debit card. `Debug` shows the expiration only; the
/// cardholder's name, number and CVV are removed from this call's errors
/// and logs should the vendor echo them.
#[derive(Clone, PartialEq, bon::Builder)]
#[non_exhaustive]
pub struct PaymentCard {
    /// `payment_card_name`: the cardholder's name.
    #[builder(into)]
    pub name: String,
    /// `payment_card_number`: 12 to 19 digits.
    #[builder(into)]
    pub number: Redacted<String>,
    /// `payment_card_cvv`: 3 or 4 digits.
    #[builder(into)]
    pub cvv: Redacted<String>,
    /// Expiration month, 1 to 12.
    pub expiration_month: u8,
    /// Expiration year, four digits.
    pub expiration_year: u16,
    /// `payment_card_zip_code`: the card's 5-digit ZIP code.
    #[builder(into)]
    pub zip_code: String,
}

impl std::fmt::Debug for PaymentCard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PaymentCard")
            .field("name", &forecourt_core::redact::MASKED)
            .field("number", &self.number)
            .field("cvv", &self.cvv)
            .field("expiration_month", &self.expiration_month)
            .field("expiration_year", &self.expiration_year)
            .field("zip_code", &self.zip_code)
            .finish()
    }
}

#[derive(Serialize)]
struct CardWire<'a> {
    form_of_payment_type: PaymentType,
    payment_card_name: Redacted<&'a str>,
    payment_card_number: Redacted<&'a str>,
    payment_card_cvv: Redacted<&'a str>,
    payment_card_expiration: String,
    payment_card_zip_code: &'a str,
}

impl PaymentCard {
    /// `payment_card_expiration` as sent: `mm/yyyy`.
    pub fn expiration(&self) -> String {
        format!("{:02}/{:04}", self.expiration_month, self.expiration_year)
    }

    fn validate(&self, prefix: &'static str) -> Result<()> {
        let field = |name: &'static str| -> &'static str {
            match (prefix, name) {
                ("downpayment_payment_method", "name") => {
                    "downpayment_payment_method.payment_card_name"
                }
                ("downpayment_payment_method", "number") => {
                    "downpayment_payment_method.payment_card_number"
                }
                ("downpayment_payment_method", "cvv") => {
                    "downpayment_payment_method.payment_card_cvv"
                }
                ("downpayment_payment_method", "exp") => {
                    "downpayment_payment_method.payment_card_expiration"
                }
                ("downpayment_payment_method", _) => {
                    "downpayment_payment_method.payment_card_zip_code"
                }
                (_, "name") => "payment_method.payment_card_name",
                (_, "number") => "payment_method.payment_card_number",
                (_, "cvv") => "payment_method.payment_card_cvv",
                (_, "exp") => "payment_method.payment_card_expiration",
                _ => "payment_method.payment_card_zip_code",
            }
        };
        validate::not_blank(field("name"), &self.name)?;
        validate::digits(field("number"), self.number.expose(), 12, 19)?;
        validate::digits(field("cvv"), self.cvv.expose(), 3, 4)?;
        if !(1..=12).contains(&self.expiration_month)
            || !(1000..=9999).contains(&self.expiration_year)
        {
            return Err(Error::invalid_input(
                field("exp"),
                "must be a valid month (1-12) and four-digit year",
            ));
        }
        validate::zip(field("zip"), &self.zip_code)
    }

    fn wire(&self) -> CardWire<'_> {
        CardWire {
            form_of_payment_type: PaymentType::PaymentCard,
            payment_card_name: Redacted::new(&self.name),
            payment_card_number: Redacted::new(self.number.expose().as_str()),
            payment_card_cvv: Redacted::new(self.cvv.expose().as_str()),
            payment_card_expiration: self.expiration(),
            payment_card_zip_code: &self.zip_code,
        }
    }
}

/// A bank account for ACH (`bank_transfer`).
#[derive(Clone, Debug, PartialEq, bon::Builder)]
#[non_exhaustive]
pub struct BankTransfer {
    /// `bank_transfer_routing_number`: 9 digits.
    #[builder(into)]
    pub routing_number: Redacted<String>,
    /// `bank_transfer_routing_number_confirmation`: must equal the routing number.
    #[builder(into)]
    pub routing_number_confirmation: Redacted<String>,
    /// `bank_transfer_account_number`: 4 to 17 digits.
    #[builder(into)]
    pub account_number: Redacted<String>,
    /// `bank_transfer_account_number_confirmation`: must equal the account number.
    #[builder(into)]
    pub account_number_confirmation: Redacted<String>,
    /// `bank_transfer_name`: the bank's name.
    #[builder(into)]
    pub bank_name: String,
    /// `bank_transfer_account_type` (default `checking`, the only one Line5 accepts).
    #[builder(default = BankAccountType::Checking)]
    pub account_type: BankAccountType,
}

#[derive(Serialize)]
struct BankWire<'a> {
    form_of_payment_type: PaymentType,
    bank_transfer_routing_number: Redacted<&'a str>,
    bank_transfer_account_number: Redacted<&'a str>,
    bank_transfer_routing_number_confirmation: Redacted<&'a str>,
    bank_transfer_account_number_confirmation: Redacted<&'a str>,
    bank_transfer_name: &'a str,
    bank_transfer_account_type: &'a str,
}

impl BankTransfer {
    fn validate(&self) -> Result<()> {
        validate::digits(
            "bank_transfer_routing_number",
            self.routing_number.expose(),
            9,
            9,
        )?;
        if self.routing_number_confirmation.expose() != self.routing_number.expose() {
            return Err(Error::invalid_input(
                "bank_transfer_routing_number_confirmation",
                "does not match the routing number",
            ));
        }
        validate::digits(
            "bank_transfer_account_number",
            self.account_number.expose(),
            4,
            17,
        )?;
        if self.account_number_confirmation.expose() != self.account_number.expose() {
            return Err(Error::invalid_input(
                "bank_transfer_account_number_confirmation",
                "does not match the account number",
            ));
        }
        validate::not_blank("bank_transfer_name", &self.bank_name)?;
        if self.account_type != BankAccountType::Checking {
            return Err(Error::invalid_input(
                "bank_transfer_account_type",
                "must be checking, the only account type Line5 accepts",
            ));
        }
        Ok(())
    }

    fn wire(&self) -> BankWire<'_> {
        BankWire {
            form_of_payment_type: PaymentType::BankTransfer,
            bank_transfer_routing_number: Redacted::new(self.routing_number.expose().as_str()),
            bank_transfer_account_number: Redacted::new(self.account_number.expose().as_str()),
            bank_transfer_routing_number_confirmation: Redacted::new(
                self.routing_number_confirmation.expose().as_str(),
            ),
            bank_transfer_account_number_confirmation: Redacted::new(
                self.account_number_confirmation.expose().as_str(),
            ),
            bank_transfer_name: &self.bank_name,
            bank_transfer_account_type: self.account_type.as_str(),
        }
    }
}

/// How the down payment is paid (`downpayment_payment_method`).
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum PaymentMethod {
    /// A card.
    Card(PaymentCard),
    /// A bank transfer (ACH).
    BankTransfer(BankTransfer),
}

/// How the monthly payments are paid (`payment_method`).
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum AutoPay {
    /// A card.
    Card(PaymentCard),
    /// A bank transfer (ACH).
    BankTransfer(BankTransfer),
    /// `same_as_downpayment`: the down-payment method (requires one).
    SameAsDownpayment,
    /// `provide_later`: set up auto pay later (requires a down-payment method).
    ProvideLater,
}

#[derive(Serialize)]
struct FinalizeAttributes {
    first_payment_date: Date,
}

/// Finalizing a quote (`PATCH /quotes/finalize`).
#[derive(Clone, Debug, PartialEq, bon::Builder)]
#[non_exhaustive]
pub struct Finalize {
    /// The quote to finalize.
    #[builder(into)]
    pub quote_id: Id,
    /// `first_payment_date`.
    pub first_payment_date: Date,
    /// `payment_method`: how monthly payments are made.
    pub payment_method: AutoPay,
    /// `downpayment_payment_method`: a separate method for the down payment.
    pub downpayment_payment_method: Option<PaymentMethod>,
}

fn attributes<T: Serialize>(kind: &str, wire: &T) -> Result<Resource> {
    Resource::new(kind).with_attributes(wire)
}

impl Finalize {
    /// Checks the payment data: confirmations match, account type
    /// `checking`, card fields well-formed.
    pub fn validate(&self) -> Result<()> {
        validate::not_blank("id", self.quote_id.as_str())?;
        match &self.payment_method {
            AutoPay::Card(c) => c.validate("payment_method")?,
            AutoPay::BankTransfer(b) => b.validate()?,
            AutoPay::SameAsDownpayment | AutoPay::ProvideLater => {
                if self.downpayment_payment_method.is_none() {
                    return Err(Error::invalid_input(
                        "payment_method",
                        "same_as_downpayment and provide_later need a downpayment_payment_method",
                    ));
                }
            }
        }
        match &self.downpayment_payment_method {
            Some(PaymentMethod::Card(c)) => c.validate("downpayment_payment_method"),
            Some(PaymentMethod::BankTransfer(b)) => b.validate(),
            None => Ok(()),
        }
    }

    /// The JSON:API request document Line5 expects.
    pub fn to_document(&self) -> Result<Document> {
        const AUTO: &str = "payment_methods";
        const DOWN: &str = "downpayment_payment_method";
        let auto = match &self.payment_method {
            AutoPay::Card(c) => attributes(AUTO, &c.wire())?,
            AutoPay::BankTransfer(b) => attributes(AUTO, &b.wire())?,
            AutoPay::SameAsDownpayment => {
                attributes(AUTO, &serde_json::json!({ "same_as_downpayment": true }))?
            }
            AutoPay::ProvideLater => {
                attributes(AUTO, &serde_json::json!({ "provide_later": true }))?
            }
        };
        let mut quote = Resource::new("quotes")
            .with_id(self.quote_id.clone())
            .with_attributes(&FinalizeAttributes {
                first_payment_date: self.first_payment_date,
            })?;
        if let Some(down) = &self.downpayment_payment_method {
            let down = match down {
                PaymentMethod::Card(c) => attributes(DOWN, &c.wire())?,
                PaymentMethod::BankTransfer(b) => attributes(DOWN, &b.wire())?,
            };
            quote = quote.with_relationship("downpayment_payment_method", Relationship::one(down));
        }
        quote = quote.with_relationship("payment_method", Relationship::one(auto));
        Ok(jsonapi::single(quote))
    }
}
