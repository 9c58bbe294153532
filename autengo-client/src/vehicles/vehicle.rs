//! The vehicle record: every documented field of `GET /vehicle/{id}` and
//! of the list pages.

use forecourt_core::serde_helpers::VendorDateTime;
use jiff::civil::Date;
use rust_decimal::Decimal;
use serde::Deserialize;

use forecourt_core::serde_helpers::{decimal, lenient};

use super::values::*;
use crate::i18n::Translated;

/// A vehicle, with every documented field. Everything but the selling id is
/// optional: the server may leave any field out or send `null`.
///
/// Contradictions of the documentation are decoded, not rejected:
/// `isNetPrice`/`isPriceNegotiable` arrive as `"NO"` where the schema says
/// boolean (lenient booleans); `tyreTread*` as a number or a string (exact
/// decimals); `hsn` as a number or a string (kept as text, leading zeros
/// and all); `equipment`, `damages`, `documents` and `ads` as lists or the
/// placeholder `"array"`.
#[derive(Debug, Clone, Deserialize)]
#[serde(remote = "Self")]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Vehicle {
    /// The vehicle's id (`sellingId`).
    #[serde(
        deserialize_with = "forecourt_core::serde_helpers::lenient::string_or_number::deserialize"
    )]
    pub selling_id: String,
    /// The dealer's own id.
    #[serde(default, with = "lenient::option_string_or_number")]
    pub internal_id: Option<String>,
    /// The branch the vehicle belongs to.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::whole::option_number::deserialize"
    )]
    pub branch_id: Option<u64>,
    /// The make's id (a filter column; not in the documented schema).
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::whole::option_number::deserialize"
    )]
    pub make_id: Option<u64>,
    /// The make.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_text"
    )]
    pub make_name: Option<String>,
    /// The model's id (a filter column; not in the documented schema).
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::whole::option_number::deserialize"
    )]
    pub model_id: Option<u64>,
    /// The model.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_text"
    )]
    pub model_name: Option<String>,
    /// The model version.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_text"
    )]
    pub model_version: Option<String>,
    /// The trim line (a filter column; not in the documented schema).
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_text"
    )]
    pub trim_line: Option<String>,
    /// The model range (a filter column; not in the documented schema).
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_text"
    )]
    pub model_range: Option<String>,
    /// The construction date (a filter column; not in the documented schema).
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_date"
    )]
    pub construction_date: Option<Date>,
    /// Where the vehicle came from.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option"
    )]
    pub source_type: Option<Translated<SourceType>>,
    /// Incoming, inventory or sold.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option"
    )]
    pub vehicle_state: Option<Translated<VehicleState>>,
    /// The description.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_text"
    )]
    pub description: Option<String>,
    /// The first registration.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_date"
    )]
    pub first_registration: Option<Date>,
    /// The mileage in km.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_whole"
    )]
    pub kilometers: Option<u64>,
    /// The body type (1-10).
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option"
    )]
    pub vehicle_type_id: Option<Translated<u32>>,
    /// Air conditioning.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option"
    )]
    pub climatisation_type: Option<Translated<ClimatisationType>>,
    /// New, used, ...
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option"
    )]
    pub condition_type: Option<Translated<ConditionType>>,
    /// The VIN.
    #[serde(default)]
    pub vin: Option<String>,
    /// Power in kW.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_whole"
    )]
    pub power_kw: Option<u32>,
    /// Engine capacity in ccm.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_whole"
    )]
    pub cubic_capacity: Option<u32>,
    /// Doors.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_whole"
    )]
    pub door_count: Option<u32>,
    /// Seats.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_whole"
    )]
    pub seat_count: Option<u32>,
    /// The German pollution badge (1-5).
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option"
    )]
    pub pollution_badge: Option<Translated<u32>>,
    /// The emission class (1-10).
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option"
    )]
    pub emission_class: Option<Translated<u32>>,
    /// The colour (1-14).
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option"
    )]
    pub color_id: Option<Translated<u32>>,
    /// The manufacturer's colour name.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_text"
    )]
    pub manufacturer_color_name: Option<String>,
    /// Metallic paint.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_bool"
    )]
    pub is_metallic_color: Option<bool>,
    /// Airbags.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option"
    )]
    pub airbag_type: Option<Translated<AirbagType>>,
    /// Upholstery.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option"
    )]
    pub interior_type: Option<Translated<InteriorType>>,
    /// Interior colour (1-14).
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option"
    )]
    pub interior_color_id: Option<Translated<u32>>,
    /// Fuel.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option"
    )]
    pub fuel_type: Option<Translated<FuelType>>,
    /// Fuel grade.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option"
    )]
    pub fuel_detail_type: Option<Translated<FuelDetailType>>,
    /// Gearbox.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option"
    )]
    pub transmission_type: Option<Translated<TransmissionType>>,
    /// Damaged.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_bool"
    )]
    pub is_damaged: Option<bool>,
    /// Had accident damage.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_bool"
    )]
    pub had_accident_damage: Option<bool>,
    /// Drivable.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_bool"
    )]
    pub is_drivable: Option<bool>,
    /// The next inspection (`2017-05`).
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option"
    )]
    pub next_inspection: Option<YearMonth>,
    /// Inspection is new.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_bool"
    )]
    pub is_inspection_new: Option<bool>,
    /// The last service.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_date"
    )]
    pub last_service: Option<Date>,
    /// Full service history.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_bool"
    )]
    pub has_full_service_history: Option<bool>,
    /// Tyres.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option"
    )]
    pub tyre_type: Option<Translated<TyreType>>,
    /// The tyre brand.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_text"
    )]
    pub tyre_brand: Option<String>,
    /// Tread depth front left (mm), from a number or a string.
    #[serde(
        rename = "tyreTreadL",
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_decimal"
    )]
    pub tyre_tread_l: Option<Decimal>,
    /// Tread depth front right (mm).
    #[serde(
        rename = "tyreTreadR",
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_decimal"
    )]
    pub tyre_tread_r: Option<Decimal>,
    /// Tread depth back left (mm).
    #[serde(
        rename = "tyreTreadBL",
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_decimal"
    )]
    pub tyre_tread_bl: Option<Decimal>,
    /// Tread depth back right (mm).
    #[serde(
        rename = "tyreTreadBR",
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_decimal"
    )]
    pub tyre_tread_br: Option<Decimal>,
    /// End of the warranty.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_date"
    )]
    pub warranty_expiry: Option<Date>,
    /// Type key number (TSN).
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_text"
    )]
    pub tsn: Option<String>,
    /// Manufacturer key number (HSN), from a number or a string.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_text"
    )]
    pub hsn: Option<String>,
    /// Gears.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_whole"
    )]
    pub gears: Option<u32>,
    /// Cylinders.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_whole"
    )]
    pub cylinders: Option<u32>,
    /// The country (`DE`).
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_text"
    )]
    pub country_id: Option<String>,
    /// The delivery date.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_date"
    )]
    pub delivery_date: Option<Date>,
    /// The delivery period (free text).
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_text"
    )]
    pub delivery_period: Option<String>,
    /// Non-smoker vehicle.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_bool"
    )]
    pub is_non_smoker: Option<bool>,
    /// Particulate filter.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_bool"
    )]
    pub particulate_filter: Option<bool>,
    /// Bio-diesel suitable.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_bool"
    )]
    pub is_bio_diesel_suitable: Option<bool>,
    /// Vegetable-oil suitable.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_bool"
    )]
    pub is_vegetable_oil_suitable: Option<bool>,
    /// Plug-in hybrid.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_bool"
    )]
    pub is_plugin_hybrid: Option<bool>,
    /// E10 enabled.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_bool"
    )]
    pub is_e10_enabled: Option<bool>,
    /// Weight in kg.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_whole"
    )]
    pub weight: Option<u32>,
    /// Spare wheel.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_bool"
    )]
    pub has_sparewheel: Option<bool>,
    /// Driven axles.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option"
    )]
    pub drive_type: Option<Translated<DriveType>>,
    /// When the vehicle was added: documented zone-less
    /// (`2018-08-07 15:47:17`), the offset kept when a server sends one
    /// (`2018-08-07T15:47:17+02:00`, `...Z`).
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_vendor_datetime"
    )]
    pub created: Option<VendorDateTime>,
    /// When the vehicle was changed (as [`created`](Self::created)).
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_vendor_datetime"
    )]
    pub updated: Option<VendorDateTime>,
    /// Previous owners.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_whole"
    )]
    pub previous_owner_count: Option<u32>,
    /// Warranty granted.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_bool"
    )]
    pub is_warranty_granted: Option<bool>,
    /// Net price (the documentation's example sends `"NO"`).
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_bool"
    )]
    pub is_net_price: Option<bool>,
    /// Price negotiable (the documentation's example sends `"NO"`).
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_bool"
    )]
    pub is_price_negotiable: Option<bool>,
    /// The dealer price (the `price` filter column, assumed).
    #[serde(default, with = "decimal::option_number")]
    pub dealer_price: Option<Decimal>,
    /// Equipment (unspecified items; the documented placeholder decodes as empty).
    #[serde(default, deserialize_with = "placeholder_list::deserialize")]
    pub equipment: Vec<serde_json::Value>,
    /// Damages (unspecified items).
    #[serde(default, deserialize_with = "placeholder_list::deserialize")]
    pub damages: Vec<serde_json::Value>,
    /// Documents (unspecified items).
    #[serde(default, deserialize_with = "placeholder_list::deserialize")]
    pub documents: Vec<serde_json::Value>,
    /// Ads (unspecified items).
    #[serde(default, deserialize_with = "placeholder_list::deserialize")]
    pub ads: Vec<serde_json::Value>,
    /// Export price.
    #[serde(default, with = "decimal::option_number")]
    pub price_export: Option<Decimal>,
    /// Manufacturer's recommended retail price.
    #[serde(default, with = "decimal::option_number")]
    pub recommended_retail_price: Option<Decimal>,
    /// Yard price.
    #[serde(default, with = "decimal::option_number")]
    pub price_yard: Option<Decimal>,
    /// Overpass price.
    #[serde(default, with = "decimal::option_number")]
    pub price_overpass: Option<Decimal>,
    /// Sliding doors.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option"
    )]
    pub sliding_door: Option<Translated<SlidingDoor>>,
    /// CO₂ class, combined.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option"
    )]
    pub emissions_combined_co2_class: Option<Translated<Co2Class>>,
    /// CO₂ class with discharged battery.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option"
    )]
    pub emissions_discharged_co2_class: Option<Translated<Co2Class>>,
    /// CO₂ emission combined (g/km).
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_decimal"
    )]
    pub co2_emission_combined: Option<Decimal>,
    /// Fuel consumption combined (l/100 km).
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_decimal"
    )]
    pub consumption_fuel_combined: Option<Decimal>,
    /// Fuel consumption city.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_decimal"
    )]
    pub consumption_fuel_city: Option<Decimal>,
    /// Fuel consumption suburban.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_decimal"
    )]
    pub consumption_fuel_suburban: Option<Decimal>,
    /// Fuel consumption rural.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_decimal"
    )]
    pub consumption_fuel_rural: Option<Decimal>,
    /// Fuel consumption highway.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_decimal"
    )]
    pub consumption_fuel_highway: Option<Decimal>,
    /// Power consumption combined (kWh/100 km).
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_decimal"
    )]
    pub consumption_power_combined: Option<Decimal>,
    /// CO₂ emission combined, weighted.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_decimal"
    )]
    pub co2_emission_combined_weighted: Option<Decimal>,
    /// Fuel consumption combined, weighted.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_decimal"
    )]
    pub consumption_fuel_combined_weighted: Option<Decimal>,
    /// Power consumption combined, weighted.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_decimal"
    )]
    pub consumption_power_combined_weighted: Option<Decimal>,
    /// CO₂ emissions with discharged battery.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_decimal"
    )]
    pub co2_emissions_discharged: Option<Decimal>,
    /// Power consumption city.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_decimal"
    )]
    pub consumption_power_city: Option<Decimal>,
    /// Power consumption suburban.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_decimal"
    )]
    pub consumption_power_suburban: Option<Decimal>,
    /// Power consumption rural.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_decimal"
    )]
    pub consumption_power_rural: Option<Decimal>,
    /// Power consumption highway.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_decimal"
    )]
    pub consumption_power_highway: Option<Decimal>,
    /// Electric range of a plug-in hybrid (km).
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_decimal"
    )]
    pub electric_range_plugin_hybrid: Option<Decimal>,
    /// Energy costs: fuel price.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_decimal"
    )]
    pub energie_cost_fuel_price: Option<Decimal>,
    /// Energy costs: power price.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_decimal"
    )]
    pub energie_cost_power_price: Option<Decimal>,
    /// Energy costs: consumption price per year.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_decimal"
    )]
    pub energie_cost_consumption_price_year: Option<Decimal>,
    /// Energy costs: vehicle tax.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_decimal"
    )]
    pub energie_cost_tax: Option<Decimal>,
    /// Energy costs: consumption costs.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_decimal"
    )]
    pub energie_cost_consumption_costs: Option<Decimal>,
    /// Energy costs: CO₂ costs, low.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_decimal"
    )]
    pub energie_cost_co2_costs_low: Option<Decimal>,
    /// Energy costs: CO₂ costs, high.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_decimal"
    )]
    pub energie_cost_co2_costs_high: Option<Decimal>,
    /// Energy costs: CO₂ costs, middle.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_decimal"
    )]
    pub energie_cost_co2_costs_middle: Option<Decimal>,
    /// The raw JSON of each member a tolerant field could not read, under
    /// its JSON member name, verbatim; empty when everything was read (see
    /// the crate's [reading policy](crate#reading-policy)). `Debug` shows
    /// only the member names.
    #[serde(skip)]
    pub unexpected: forecourt_core::serde_helpers::tolerant::Unexpected,
}

forecourt_core::tolerant_record!(Vehicle);
