//! `Debug` of the contract models: named fields as they are, fields the
//! model does not name (`extra`, `unexpected`) by name only. Their values
//! may hold anything, a customer's name or e-mail included, whether the
//! server sent them or the caller put them in a request.

use std::fmt;

use crate::contracts::{Contract, ContractUpdate, Link, Mileage, NewContract, Price};

/// The names of fields whose values are not printed.
fn names<'a>(keys: impl Iterator<Item = &'a String>) -> Vec<&'a str> {
    keys.map(String::as_str).collect()
}

impl fmt::Debug for Contract {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Contract")
            .field("contract_id", &self.contract_id)
            .field("vehicle_id", &self.vehicle_id)
            .field("contract_type", &self.contract_type)
            .field("status", &self.status)
            .field("contract_number", &self.contract_number)
            .field("provider", &self.provider)
            .field("description", &self.description)
            .field("start_date", &self.start_date)
            .field("end_date", &self.end_date)
            .field("mileage_limit", &self.mileage_limit)
            .field("price", &self.price)
            .field("links", &self.links)
            .field("extra", &names(self.extra.keys()))
            .field("unexpected", &names(self.unexpected.keys()))
            .finish()
    }
}

impl fmt::Debug for Mileage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Mileage")
            .field("unit", &self.unit)
            .field("value", &self.value)
            .field("extra", &names(self.extra.keys()))
            .finish()
    }
}

impl fmt::Debug for Price {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Price")
            .field("amount", &self.amount)
            .field("currency", &self.currency)
            .field("extra", &names(self.extra.keys()))
            .finish()
    }
}

impl fmt::Debug for Link {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Link")
            .field("method", &self.method)
            .field("rel", &self.rel)
            .field("href", &self.href)
            .field("title", &self.title)
            .field("extra", &names(self.extra.keys()))
            .finish()
    }
}

impl fmt::Debug for NewContract {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NewContract")
            .field("contract_type", &self.contract_type)
            .field("start_date", &self.start_date)
            .field("end_date", &self.end_date)
            .field("status", &self.status)
            .field("contract_number", &self.contract_number)
            .field("provider", &self.provider)
            .field("description", &self.description)
            .field("mileage_limit", &self.mileage_limit)
            .field("price", &self.price)
            .field("extra", &names(self.extra.keys()))
            .finish()
    }
}

impl fmt::Debug for ContractUpdate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ContractUpdate")
            .field("contract_type", &self.contract_type)
            .field("status", &self.status)
            .field("contract_number", &self.contract_number)
            .field("provider", &self.provider)
            .field("description", &self.description)
            .field("start_date", &self.start_date)
            .field("end_date", &self.end_date)
            .field("mileage_limit", &self.mileage_limit)
            .field("price", &self.price)
            .field("extra", &names(self.extra.keys()))
            .finish()
    }
}
