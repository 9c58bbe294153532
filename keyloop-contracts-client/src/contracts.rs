//! Vehicle contracts: warranties, service and maintenance plans, roadside
//! assistance, insurance. List (one page or a lazy stream), get, create,
//! update (PATCH: only the fields given) and replace (PUT: the whole record).
//!
//! Reach it through [`Client::contracts`](crate::Client::contracts).

use std::collections::BTreeMap;
use std::fmt;

use forecourt_core::http::HeaderName;
use forecourt_core::paging::{Page, page_stream};
use forecourt_core::serde_helpers::tolerant::{self, Unexpected};
use forecourt_core::serde_helpers::{datetime::parse_date_lenient, decimal};
use forecourt_core::{Error, Operation, Request, RequestOptions, Result};
use futures::StreamExt;
use futures::stream::BoxStream;
use jiff::civil::Date;
use rust_decimal::Decimal;
use serde::de::{self, DeserializeOwned, Deserializer};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::client::{Client, VENDOR_NAME, header_value};
use crate::paths;

/// The page size [`ListContracts::stream`] asks for when none is set.
pub const DEFAULT_PAGE_SIZE: u32 = 50;

/// Fields the server sent that the model does not name, kept verbatim (the
/// raw JSON text of each value, so numbers stay exact) and sent back by
/// [`Contracts::replace`].
pub type ExtraFields = BTreeMap<String, Box<RawValue>>;

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
    #[serde(flatten)]
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

    fn validate(&self, field: &'static str) -> Result<()> {
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

    fn validate(&self, field: &'static str) -> Result<()> {
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
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// A contract of a vehicle, as the server holds it.
///
/// Every field the server sends that is not named here is kept in
/// [`extra`](Self::extra), verbatim, so that [`Contracts::replace`] after
/// [`Contracts::get`] sends the whole record back. Only `contractId` is
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
    contract_type_key: &'static str,
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

const CONTRACT_FIELDS: &[&str] = &[
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

    fn validate_for_replace(&self, vehicle_id: &str) -> Result<()> {
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
            m.serialize_entry(k, v)?;
        }
    }
    Ok(())
}

fn check_text(field: &'static str, value: &Option<String>) -> Result<()> {
    match value {
        Some(v) if v.trim().is_empty() => Err(Error::invalid_input(field, "must not be empty")),
        _ => Ok(()),
    }
}

fn check_enum(field: &'static str, wire: &str) -> Result<()> {
    if wire.trim().is_empty() {
        return Err(Error::invalid_input(field, "must not be empty"));
    }
    Ok(())
}

fn check_dates(start: Option<Date>, end: Option<Date>) -> Result<()> {
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

/// A new contract for [`Contracts::create`]. `contract_type` and
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
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl NewContract {
    fn validate(&self) -> Result<()> {
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

/// The fields to change with [`Contracts::update`] (PATCH): only the fields
/// set are sent; the others keep their values on the server. At least one
/// field must be set. To clear a field, [`replace`](Contracts::replace) the
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
    #[serde(flatten)]
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

    fn validate(&self) -> Result<()> {
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

/// One page of a vehicle's contracts: `{totalItems, totalPages, items, links}`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ContractPage {
    /// `totalItems`: contracts of the vehicle across all pages.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::whole::option_number::deserialize"
    )]
    pub total_items: Option<u64>,
    /// `totalPages`.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::whole::option_number::deserialize"
    )]
    pub total_pages: Option<u64>,
    /// `items`: the contracts of this page.
    #[serde(default)]
    pub items: Vec<Contract>,
    /// `links` (`self`, `next`, `prev`, ...).
    #[serde(default)]
    pub links: Vec<Link>,
}

impl ContractPage {
    /// The link with relation `rel` (`next`), if any.
    pub fn link(&self, rel: &str) -> Option<&Link> {
        self.links.iter().find(|l| l.rel.as_deref() == Some(rel))
    }
}

#[derive(Serialize)]
struct ListQuery {
    #[serde(skip_serializing_if = "Option::is_none")]
    page: Option<u32>,
    #[serde(rename = "pageSize", skip_serializing_if = "Option::is_none")]
    page_size: Option<u32>,
}

/// The contract operations, for the client's enterprise and store. Cheap to
/// clone; get one from [`Client::contracts`](crate::Client::contracts).
#[derive(Clone)]
pub struct Contracts {
    client: Client,
    on_behalf_of: Option<String>,
    options: RequestOptions,
}

impl fmt::Debug for Contracts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Contracts")
            .field("client", &self.client)
            .field("on_behalf_of", &self.on_behalf_of.as_ref().map(|_| "[set]"))
            .field("options", &self.options)
            .finish()
    }
}

impl Contracts {
    pub(crate) fn new(client: Client) -> Self {
        Contracts {
            client,
            on_behalf_of: None,
            options: RequestOptions::new(),
        }
    }

    /// A handle that sends `x-onbehalf-of: <user_id>` with its calls
    /// (overrides the client's; checked when a call is made).
    pub fn on_behalf_of(&self, user_id: impl Into<String>) -> Contracts {
        let mut handle = self.clone();
        handle.on_behalf_of = Some(user_id.into());
        handle
    }

    /// A handle whose calls use these options (timeout, retries, extra
    /// headers) instead of the client's.
    pub fn options(&self, options: RequestOptions) -> Contracts {
        let mut handle = self.clone();
        handle.options = options;
        handle
    }

    fn request(&self, op: Operation, vehicle_id: &str) -> Result<Request> {
        let mut options = self.options.clone();
        let on_behalf_of = match &self.on_behalf_of {
            Some(user) => Some(header_value("on_behalf_of", user)?),
            None => self.client.default_on_behalf_of().cloned(),
        };
        if let Some(v) = on_behalf_of {
            options = options.header(HeaderName::from_static(paths::ON_BEHALF_OF_HEADER), v);
        }
        Ok(Request::new(op)
            .param(self.client.enterprise_id())
            .param(self.client.store_id())
            .param(vehicle_id)
            .options(options))
    }

    /// The contracts of a vehicle: `.send()` for one page, `.stream()` for
    /// all of them, lazily.
    ///
    /// ```no_run
    /// # async fn demo(client: keyloop_contracts_client::Client) -> keyloop_contracts_client::Result<()> {
    /// let page = client.contracts().list("VEH-1001").page(1).page_size(20).send().await?;
    /// println!("{} of {:?} contracts", page.items.len(), page.total_items);
    /// # Ok(()) }
    /// ```
    pub fn list(&self, vehicle_id: impl Into<String>) -> ListContracts {
        ListContracts {
            contracts: self.clone(),
            vehicle_id: vehicle_id.into(),
            page: None,
            page_size: None,
        }
    }

    /// One contract of a vehicle.
    pub async fn get(&self, vehicle_id: &str, contract_id: &str) -> Result<Contract> {
        let request = self
            .request(paths::GET_CONTRACT, vehicle_id)?
            .param(contract_id);
        self.client.transport().send_json(request).await
    }

    /// Creates a contract for a vehicle; returns it as the server stored it.
    /// Never re-sent automatically (a POST may have reached the server).
    pub async fn create(&self, vehicle_id: &str, contract: &NewContract) -> Result<Contract> {
        contract.validate()?;
        let request = self
            .request(paths::CREATE_CONTRACT, vehicle_id)?
            .json(contract)?;
        self.client.transport().send_json(request).await
    }

    /// Changes only the fields set in `changes` (PATCH); returns the
    /// updated contract.
    pub async fn update(
        &self,
        vehicle_id: &str,
        contract_id: &str,
        changes: &ContractUpdate,
    ) -> Result<Contract> {
        changes.validate()?;
        let request = self
            .request(paths::UPDATE_CONTRACT, vehicle_id)?
            .param(contract_id)
            .json(changes)?;
        self.client.transport().send_json(request).await
    }

    /// Replaces the whole record (PUT) of `contract.contract_id` with
    /// `contract`, unknown fields included; returns the stored contract.
    /// Get the contract first and change it, so nothing is lost.
    pub async fn replace(&self, vehicle_id: &str, contract: &Contract) -> Result<Contract> {
        contract.validate_for_replace(vehicle_id)?;
        let request = self
            .request(paths::REPLACE_CONTRACT, vehicle_id)?
            .param(&contract.contract_id)
            .json(contract)?;
        self.client.transport().send_json(request).await
    }

    async fn fetch_page(
        &self,
        vehicle_id: &str,
        page: Option<u32>,
        page_size: Option<u32>,
    ) -> Result<(ContractPage, u64)> {
        let request = self
            .request(paths::LIST_CONTRACTS, vehicle_id)?
            .query(&ListQuery { page, page_size })?;
        let transport = self.client.transport();
        let raw = transport.send(request).await?;
        let page: ContractPage = transport.decode(&raw)?;
        Ok((page, raw.fingerprint()))
    }
}

/// A request for the contracts of a vehicle; see [`Contracts::list`].
#[derive(Debug, Clone)]
#[must_use = "a list request does nothing until `.send()` or `.stream()`"]
pub struct ListContracts {
    contracts: Contracts,
    vehicle_id: String,
    page: Option<u32>,
    page_size: Option<u32>,
}

impl ListContracts {
    /// The page to fetch (1 is the first; default: the server's, 1).
    pub fn page(mut self, page: u32) -> Self {
        self.page = Some(page);
        self
    }

    /// Contracts per page (default: the server's for `send`,
    /// [`DEFAULT_PAGE_SIZE`] for `stream`).
    pub fn page_size(mut self, page_size: u32) -> Self {
        self.page_size = Some(page_size);
        self
    }

    fn validate(&self) -> Result<()> {
        if self.page == Some(0) {
            return Err(Error::invalid_input("page", "must be 1 or more"));
        }
        if self.page_size == Some(0) {
            return Err(Error::invalid_input("pageSize", "must be 1 or more"));
        }
        Ok(())
    }

    /// Fetches one page.
    pub async fn send(self) -> Result<ContractPage> {
        self.validate()?;
        let (page, _) = self
            .contracts
            .fetch_page(&self.vehicle_id, self.page, self.page_size)
            .await?;
        Ok(page)
    }

    /// Every contract of the vehicle from `page` on (default 1), fetched
    /// page by page as the stream is read.
    ///
    /// ```no_run
    /// use futures::TryStreamExt;
    /// # async fn demo(client: keyloop_contracts_client::Client) -> keyloop_contracts_client::Result<()> {
    /// let all: Vec<_> = client.contracts().list("VEH-1001").stream().try_collect().await?;
    /// # let _ = all; Ok(()) }
    /// ```
    pub fn stream(self) -> BoxStream<'static, Result<Contract>> {
        if let Err(e) = self.validate() {
            return futures::stream::once(async move { Err(e) }).boxed();
        }
        let first = u64::from(self.page.unwrap_or(1));
        let size = u64::from(self.page_size.unwrap_or(DEFAULT_PAGE_SIZE));
        let contracts = self.contracts;
        let vehicle_id = self.vehicle_id;
        page_stream(VENDOR_NAME, first, size, move |page, size| {
            let contracts = contracts.clone();
            let vehicle_id = vehicle_id.clone();
            async move {
                let page = u32::try_from(page)
                    .map_err(|_| Error::invalid_input("page", "is out of range"))?;
                let size = u32::try_from(size)
                    .map_err(|_| Error::invalid_input("pageSize", "is out of range"))?;
                let (p, fingerprint) = contracts
                    .fetch_page(&vehicle_id, Some(page), Some(size))
                    .await?;
                Ok(Page::new(p.items)
                    .total_items(p.total_items)
                    .total_pages(p.total_pages)
                    .fingerprint(fingerprint))
            }
        })
    }
}
