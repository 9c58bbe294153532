//! The quote's vehicle: `PATCH /vehicles`, and the vehicle model.

use forecourt_core::Request;
use jiff::civil::Date;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::jsonapi::{self, Document, FromResource, Relationship, Resource};
use crate::quotes::Quote;
use crate::{Client, Error, Id, Result, de, paths, validate};

forecourt_core::string_enum! {
    /// The vehicle's `status`.
    pub enum VehicleStatus {
        /// `new_vehicle`.
        NewVehicle => "new_vehicle",
        /// `used_vehicle`.
        UsedVehicle => "used_vehicle",
        /// `used_with_factory_warranty`.
        UsedWithFactoryWarranty => "used_with_factory_warranty",
        /// `certified_pre_owned`.
        CertifiedPreOwned => "certified_pre_owned",
    }
}

/// A vehicle as Line5 returns it (`vehicles`).
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(remote = "Self")]
#[non_exhaustive]
pub struct Vehicle {
    /// `id`.
    #[serde(default = "jsonapi::no_id")]
    pub id: Id,
    /// `year`.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_whole"
    )]
    pub year: Option<u16>,
    /// `make`.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_text"
    )]
    pub make: Option<String>,
    /// `model`.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_text"
    )]
    pub model: Option<String>,
    /// `vin`.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_text"
    )]
    pub vin: Option<String>,
    /// `mileage`: the odometer reading.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_whole"
    )]
    pub mileage: Option<u32>,
    /// `purchase-price`.
    #[serde(rename = "purchase-price", default, deserialize_with = "de::opt_money")]
    pub purchase_price: Option<Decimal>,
    /// `financed-amount`.
    #[serde(
        rename = "financed-amount",
        default,
        deserialize_with = "de::opt_money"
    )]
    pub financed_amount: Option<Decimal>,
    /// `msrp`.
    #[serde(default, deserialize_with = "de::opt_money")]
    pub msrp: Option<Decimal>,
    /// `finance-term`: months.
    #[serde(
        rename = "finance-term",
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_whole"
    )]
    pub finance_term: Option<u32>,
    /// `in-service-date`.
    #[serde(
        rename = "in-service-date",
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_date"
    )]
    pub in_service_date: Option<Date>,
    /// `status`.
    #[serde(default)]
    pub status: Option<VehicleStatus>,
    /// The raw JSON of each member a tolerant field could not read, under
    /// its JSON member name, verbatim; empty when everything was read (see
    /// the crate's [reading policy](crate#reading-policy)). `Debug` shows
    /// only the member names.
    #[serde(skip)]
    pub unexpected: forecourt_core::serde_helpers::tolerant::Unexpected,
}

forecourt_core::tolerant_record!(Vehicle);

impl FromResource for Vehicle {
    fn set_id(&mut self, id: Id) {
        self.id = id;
    }
}

/// A vehicle to quote or update. With only `vin` and `mileage`, Line5 runs
/// a VIN explosion; with `year`, `make`, `model`, `in-service-date` and
/// `status` all set, it uses them as sent.
#[derive(Clone, Debug, PartialEq, Serialize, bon::Builder)]
#[non_exhaustive]
pub struct VehicleInput {
    /// `vin`: 17 characters.
    #[builder(into)]
    pub vin: String,
    /// `mileage`: the odometer reading.
    pub mileage: u32,
    /// `year`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<u16>,
    /// `make`.
    #[builder(into)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub make: Option<String>,
    /// `model`.
    #[builder(into)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    /// `in-service-date`.
    #[serde(rename = "in-service-date", skip_serializing_if = "Option::is_none")]
    pub in_service_date: Option<Date>,
    /// `status`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<VehicleStatus>,
    /// `purchase-price`.
    #[serde(
        rename = "purchase-price",
        skip_serializing_if = "Option::is_none",
        serialize_with = "de::ser_opt_number"
    )]
    pub purchase_price: Option<Decimal>,
    /// `msrp`.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "de::ser_opt_number"
    )]
    pub msrp: Option<Decimal>,
    /// `financed-amount`.
    #[serde(
        rename = "financed-amount",
        skip_serializing_if = "Option::is_none",
        serialize_with = "de::ser_opt_number"
    )]
    pub financed_amount: Option<Decimal>,
    /// `finance-term`: months.
    #[serde(rename = "finance-term", skip_serializing_if = "Option::is_none")]
    pub finance_term: Option<u32>,
}

impl VehicleInput {
    pub(crate) fn validate(&self) -> Result<()> {
        let vin_ok = self.vin.len() == 17
            && self.vin.bytes().all(|b| {
                b.is_ascii_alphanumeric() && !matches!(b.to_ascii_uppercase(), b'I' | b'O' | b'Q')
            });
        if !vin_ok {
            return Err(Error::invalid_input(
                "vehicle.vin",
                "must be 17 letters and digits (no I, O or Q)",
            ));
        }
        for (field, value) in [
            ("vehicle.purchase-price", self.purchase_price),
            ("vehicle.msrp", self.msrp),
            ("vehicle.financed-amount", self.financed_amount),
        ] {
            if let Some(v) = value {
                validate::not_negative(field, v)?;
            }
        }
        if self.finance_term == Some(0) {
            return Err(Error::invalid_input(
                "vehicle.finance-term",
                "must be at least one month",
            ));
        }
        Ok(())
    }

    /// The `PATCH /vehicles` request document for `quote_id`.
    pub fn to_update_document(&self, quote_id: &Id) -> Result<Document> {
        Ok(jsonapi::single(
            Resource::new("vehicles")
                .with_attributes(self)?
                .with_relationship(
                    "quote",
                    Relationship::one(Resource::new("quotes").with_id(quote_id.clone())),
                ),
        ))
    }
}

/// `client.vehicles()`.
#[derive(Debug, Clone)]
pub struct Vehicles<'a> {
    pub(crate) client: std::borrow::Cow<'a, Client>,
}

impl Vehicles<'_> {
    /// A handle whose calls use `options` (timeout, deadline, retries,
    /// extra headers) instead of the client's settings.
    pub fn options(&self, options: forecourt_core::RequestOptions) -> Vehicles<'static> {
        Vehicles {
            client: std::borrow::Cow::Owned(self.client.with_options(options)),
        }
    }

    /// `PATCH /vehicles`: updates the quote's vehicle and returns the quote.
    /// Changing `vin` or `mileage` resets the quote: rate and select
    /// protections again before finalizing.
    pub async fn update(&self, quote_id: &Id, vehicle: &VehicleInput) -> Result<Quote> {
        validate::not_blank("quote.id", quote_id.as_str())?;
        vehicle.validate()?;
        self.client
            .api
            .send_json_then(
                jsonapi::with_document(Request::new(paths::UPDATE_VEHICLE), || {
                    vehicle.to_update_document(quote_id)
                })?,
                |doc: Document| Quote::from_document(&doc),
            )
            .await
    }
}
