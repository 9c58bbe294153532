//! The wire form of [`Price`] and [`Contract`]: strict ids and money read in
//! place, tolerant fields read from their raw JSON, unknown fields kept
//! verbatim and written back.

use std::fmt;

use forecourt_core::Redacted;
use forecourt_core::serde_helpers::tolerant::{self, Unexpected};
use forecourt_core::serde_helpers::{datetime::parse_date_lenient, decimal};
use jiff::civil::Date;
use rust_decimal::Decimal;
use serde::de::{self, DeserializeOwned, Deserializer};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::ExtraFields;
use super::model::{CONTRACT_FIELDS, Contract, ContractStatus, ContractType, Price};

const PRICE_FIELDS: &[&str] = &["amount", "currency"];

impl Serialize for Price {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("amount", &NumberDecimal(&self.amount))?;
        m.serialize_entry("currency", &self.currency)?;
        serialize_extra(&mut m, &self.extra, PRICE_FIELDS)?;
        m.end()
    }
}

impl<'de> Deserialize<'de> for Price {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let mut map = ExtraFields::deserialize(d)?;
        let amount =
            take_decimal(&mut map, "amount")?.ok_or_else(|| de::Error::missing_field("amount"))?;
        let currency = take::<String, D::Error>(&mut map, "currency")?
            .ok_or_else(|| de::Error::missing_field("currency"))?;
        Ok(Price {
            amount,
            currency,
            extra: map,
        })
    }
}

struct NumberDecimal<'a>(&'a Decimal);

impl Serialize for NumberDecimal<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        decimal::serialize_number(self.0, s)
    }
}

impl Serialize for Contract {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        let u = &self.unexpected;
        m.serialize_entry("contractId", &self.contract_id)?;
        opt_entry(&mut m, "vehicleId", &self.vehicle_id)?;
        let type_text = self.contract_type.as_ref().map(ContractType::as_str);
        tolerant_entry(
            &mut m,
            u,
            self.contract_type_key,
            &self.contract_type,
            type_text,
        )?;
        let status_text = self.status.as_ref().map(ContractStatus::as_str);
        tolerant_entry(&mut m, u, "status", &self.status, status_text)?;
        let number = self.contract_number.as_deref();
        tolerant_entry(&mut m, u, "contractNumber", &self.contract_number, number)?;
        let provider = self.provider.as_deref();
        tolerant_entry(&mut m, u, "provider", &self.provider, provider)?;
        let description = self.description.as_deref();
        tolerant_entry(&mut m, u, "description", &self.description, description)?;
        tolerant_entry(&mut m, u, "startDate", &self.start_date, None)?;
        tolerant_entry(&mut m, u, "endDate", &self.end_date, None)?;
        tolerant_entry(&mut m, u, "mileageLimit", &self.mileage_limit, None)?;
        opt_entry(&mut m, "price", &self.price)?;
        if !self.links.is_empty() {
            m.serialize_entry("links", &self.links)?;
        } else if let Some(raw) = u.get("links") {
            m.serialize_entry("links", raw)?;
        }
        serialize_extra(&mut m, &self.extra, CONTRACT_FIELDS)?;
        m.end()
    }
}

/// Writes a tolerant field: the raw value the server sent when it was in
/// another shape and the field is `None` or still reads `read_text` from it
/// (`read_text` is `None` for fields compared by presence only); the
/// model's value otherwise.
fn tolerant_entry<M: SerializeMap, T: Serialize>(
    m: &mut M,
    unexpected: &Unexpected,
    key: &'static str,
    value: &Option<T>,
    read_text: Option<&str>,
) -> std::result::Result<(), M::Error> {
    if let Some(raw) = unexpected.get(key) {
        let unchanged = match (value, read_text) {
            (None, _) => true,
            (Some(_), Some(text)) => serde_json::from_str::<serde_json::Value>(raw.get())
                .ok()
                .is_some_and(|v| {
                    tolerant::text_of(&v).as_deref() == Some(text)
                        || tolerant::code_of(&v).as_deref() == Some(text)
                }),
            (Some(_), None) => false,
        };
        if unchanged {
            return m.serialize_entry(key, raw);
        }
    }
    opt_entry(m, key, value)
}

/// Wire names of the fields read tolerantly (see the crate's reading policy).
const TOLERANT_FIELDS: &[&str] = &[
    "contractType",
    "type",
    "status",
    "contractNumber",
    "provider",
    "description",
    "startDate",
    "endDate",
    "mileageLimit",
    "links",
];

/// A raw value that is JSON `null`.
fn is_null(raw: &RawValue) -> bool {
    raw.get().trim() == "null"
}

/// Reads a tolerant field from its raw JSON with `read`; what it cannot
/// read (or reads from another shape, `reshaped`) is kept in `unexpected`.
fn tolerant_field<T>(
    raws: &mut ExtraFields,
    unexpected: &mut Unexpected,
    key: &str,
    read: impl FnOnce(&RawValue) -> (Option<T>, bool),
) -> Option<T> {
    let raw = raws.remove(key)?;
    if is_null(&raw) {
        return None;
    }
    let (value, reshaped) = read(&raw);
    if value.is_none() || reshaped {
        unexpected.insert(key.to_owned(), raw);
    }
    value
}

/// Text from a string (as sent) or another shape (reshaped).
fn read_text(raw: &RawValue) -> (Option<String>, bool) {
    let reshaped = !raw.get().trim_start().starts_with('"');
    (tolerant::read_text(raw), reshaped)
}

/// An enum from its code, sent as a string or another shape.
fn read_enum<T: for<'a> From<&'a str>>(raw: &RawValue) -> (Option<T>, bool) {
    let reshaped = !raw.get().trim_start().starts_with('"');
    (tolerant::read_code(raw).as_deref().map(T::from), reshaped)
}

/// A date from a string (a date, or the date part of a date-time).
fn read_date(raw: &RawValue) -> (Option<Date>, bool) {
    let value = match serde_json::from_str::<String>(raw.get()) {
        Ok(s) if s.trim().is_empty() => None,
        Ok(s) => parse_date_lenient(&s).ok(),
        Err(_) => None,
    };
    if value.is_none() && raw.get().trim() != "\"\"" {
        tolerant::read::<Date>(raw);
    }
    (value, false)
}

/// Any serde type, tolerantly (no other shapes).
fn read_serde<T: DeserializeOwned>(raw: &RawValue) -> (Option<T>, bool) {
    (tolerant::read(raw), false)
}

impl<'de> Deserialize<'de> for Contract {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        d.deserialize_map(ContractVisitor)
    }
}

struct ContractVisitor;

impl<'de> de::Visitor<'de> for ContractVisitor {
    type Value = Contract;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a contract object")
    }

    fn visit_map<A: de::MapAccess<'de>>(
        self,
        mut map: A,
    ) -> std::result::Result<Contract, A::Error> {
        // Strict fields (ids, money) are read in place, so a decode error
        // names their path (`items[0].price`). Every other value is first
        // kept as raw JSON text (no number passes through f64), then the
        // tolerant fields are read from it.
        let mut contract_id = None;
        let mut vehicle_id = None;
        let mut price = None;
        let mut raws = ExtraFields::new();
        let mut extra = ExtraFields::new();
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "contractId" => contract_id = map.next_value::<Option<IdText>>()?.map(|i| i.0),
                "vehicleId" => vehicle_id = map.next_value::<Option<IdText>>()?.map(|i| i.0),
                "price" => price = map.next_value::<Option<Price>>()?,
                k if TOLERANT_FIELDS.contains(&k) => {
                    raws.insert(key, map.next_value()?);
                }
                _ => {
                    extra.insert(key, map.next_value()?);
                }
            }
        }
        let contract_id = contract_id.ok_or_else(|| de::Error::missing_field("contractId"))?;
        let mut unexpected = Unexpected::new();
        let u = &mut unexpected;
        // `contractType` is also plausibly sent as `type` (the Assumptions):
        // `type` is read only when `contractType` is absent, else kept in `extra`.
        let contract_type_key = if raws.contains_key("contractType") {
            if let Some(t) = raws.remove("type") {
                extra.insert("type".to_owned(), t);
            }
            "contractType"
        } else if raws.contains_key("type") {
            "type"
        } else {
            "contractType"
        };
        Ok(Contract {
            contract_id,
            vehicle_id,
            contract_type: tolerant_field(&mut raws, u, contract_type_key, read_enum),
            status: tolerant_field(&mut raws, u, "status", read_enum),
            contract_number: tolerant_field(&mut raws, u, "contractNumber", read_text),
            provider: tolerant_field(&mut raws, u, "provider", read_text),
            description: tolerant_field(&mut raws, u, "description", read_text),
            start_date: tolerant_field(&mut raws, u, "startDate", read_date),
            end_date: tolerant_field(&mut raws, u, "endDate", read_date),
            mileage_limit: tolerant_field(&mut raws, u, "mileageLimit", read_serde),
            price,
            links: tolerant_field(&mut raws, u, "links", read_serde).unwrap_or_default(),
            extra,
            unexpected,
            contract_type_key,
        })
    }
}

/// An id sent as a string or a number (`"C-1"` or `1001`).
struct IdText(String);

impl<'de> Deserialize<'de> for IdText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        forecourt_core::serde_helpers::lenient::string_or_number::deserialize(d).map(IdText)
    }
}

fn take<T: DeserializeOwned, E: de::Error>(
    map: &mut ExtraFields,
    key: &'static str,
) -> std::result::Result<Option<T>, E> {
    match map.remove(key) {
        None => Ok(None),
        Some(raw) if raw.get().trim() == "null" => Ok(None),
        Some(raw) => serde_json::from_str(raw.get())
            .map(Some)
            .map_err(|e| E::custom(format_args!("{key}: {e}"))),
    }
}

fn take_decimal<E: de::Error>(
    map: &mut ExtraFields,
    key: &'static str,
) -> std::result::Result<Option<Decimal>, E> {
    match map.remove(key) {
        None => Ok(None),
        Some(raw) if raw.get().trim() == "null" => Ok(None),
        Some(raw) => {
            let mut de = serde_json::Deserializer::from_str(raw.get());
            decimal::deserialize(&mut de)
                .map(Some)
                .map_err(|e| E::custom(format_args!("{key}: {e}")))
        }
    }
}

fn opt_entry<M: SerializeMap, T: Serialize>(
    m: &mut M,
    key: &'static str,
    value: &Option<T>,
) -> std::result::Result<(), M::Error> {
    match value {
        Some(v) => m.serialize_entry(key, v),
        None => Ok(()),
    }
}

fn serialize_extra<M: SerializeMap>(
    m: &mut M,
    extra: &ExtraFields,
    named: &[&str],
) -> std::result::Result<(), M::Error> {
    for (k, v) in extra {
        // a named field is written from the model, never twice
        if !named.contains(&k.as_str()) {
            // a field this crate does not model may hold personal data the
            // SDK cannot recognise (a customer's name under a dealer's own
            // key): sent verbatim, its texts and numbers go into the call's
            // scrub set, so a vendor echoing them in an error has them
            // removed exactly (`Debug` already shows such fields by name)
            m.serialize_entry(k, &Redacted::new(&**v))?;
        }
    }
    Ok(())
}
