//! Vehicles: the typed list query, paging, single vehicles, makes, models
//! and filter values.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use forecourt_core::Request;
use forecourt_core::paging::{Page, offset_stream};
use forecourt_core::serde_helpers::{datetime, decimal, lenient};
use futures::stream::{BoxStream, StreamExt};
use jiff::civil::{Date, DateTime};
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::client::{Client, VENDOR_NAME};
use crate::i18n::{Language, Translated};
use crate::macros::string_enum;
use crate::paths;
use crate::query::{Column, Condition, Dir, FilterBlock, MAX_ARRAY_VALUES, QueryWriter, check_key};
use crate::{Error, Result};

/// The page size [`VehicleListRequest::stream`] asks for when no
/// [`limit`](VehicleListRequest::limit) is set.
pub const DEFAULT_STREAM_PAGE_SIZE: u64 = 100;

/// The vehicle operations. Get one with [`Client::vehicles`].
#[derive(Debug, Clone)]
pub struct Vehicles {
    client: Client,
}

#[derive(Deserialize)]
struct VehicleEnvelope {
    vehicle: Vehicle,
}

impl Vehicles {
    /// A handle whose calls use `options` (timeout, deadline, retries,
    /// extra headers) instead of the client's settings.
    pub fn options(&self, options: forecourt_core::RequestOptions) -> Vehicles {
        Vehicles::new(self.client.with_options(options))
    }

    pub(crate) fn new(client: Client) -> Self {
        Vehicles { client }
    }

    /// `GET /vehicle`: a list query; finish it with
    /// [`send`](VehicleListRequest::send) (one page) or
    /// [`stream`](VehicleListRequest::stream) (every vehicle, lazily).
    pub fn list(&self) -> VehicleListRequest {
        VehicleListRequest {
            client: self.client.clone(),
            query: VehicleQuery::default(),
        }
    }

    /// `GET /vehicle/:sellingId`: one vehicle. An unknown id is an
    /// [`Error::Api`] with status 404.
    pub async fn get(&self, selling_id: &str) -> Result<Vehicle> {
        let env: VehicleEnvelope = self
            .client
            .transport()
            .send_json(self.client.request(paths::VEHICLE_GET).param(selling_id))
            .await?;
        Ok(env.vehicle)
    }

    /// `GET /vehicle/reference/make`: every make.
    pub async fn makes(&self) -> Result<MakeList> {
        self.client
            .transport()
            .send_json(self.client.request(paths::VEHICLE_MAKES))
            .await
    }

    /// `GET /vehicle/reference/make/:makeId/model`: the models of a make.
    pub async fn models(&self, make_id: u64) -> Result<ModelList> {
        self.client
            .transport()
            .send_json(self.client.request(paths::VEHICLE_MODELS).param(make_id))
            .await
    }

    /// `GET /vehicle/filter/values`: the values available for filter fields
    /// (the server defaults to `makeId` when no field is given).
    pub fn filter_values(&self) -> FilterValuesRequest {
        FilterValuesRequest {
            client: self.client.clone(),
            fields: Vec::new(),
            language: None,
        }
    }
}

/// The filters, search and order of a vehicle list, without paging.
#[derive(Debug, Clone, Default)]
struct VehicleQuery {
    search: Option<String>,
    and: FilterBlock,
    or: FilterBlock,
    order: Option<(Column, Dir)>,
    offset: Option<u64>,
    limit: Option<u64>,
    language: Option<Language>,
}

impl VehicleQuery {
    fn encode(&self, offset: Option<u64>, limit: Option<u64>) -> Result<String> {
        let mut w = QueryWriter::default();
        if let Some(search) = self.search.as_deref().filter(|s| !s.trim().is_empty()) {
            w.pair(&["search"], false, search);
        }
        self.and.write("and", &mut w)?;
        self.or.write("or", &mut w)?;
        if let Some((column, dir)) = &self.order {
            check_key("order", column.as_str())?;
            w.pair(&["order", "field"], false, column.as_str());
            w.pair(&["order", "dir"], false, dir.as_str());
        }
        if let Some(offset) = offset {
            w.pair(&["offset"], false, &offset.to_string());
        }
        if let Some(limit) = limit {
            if limit == 0 {
                return Err(Error::invalid_input("limit", "must be at least 1"));
            }
            w.pair(&["limit"], false, &limit.to_string());
        }
        w.finish()
    }
}

/// A `GET /vehicle` query: search, `and`/`or` filters, order, offset, limit.
///
/// ```no_run
/// # async fn demo(client: autengo_client::Client) -> autengo_client::Result<()> {
/// use autengo_client::{Cmp, Column, Dir};
/// use futures::TryStreamExt;
/// let page = client.vehicles().list()
///     .search("titanium")
///     .and(Column::MakeName, "Ford")
///     .and(Column::Kilometers, Cmp::Ge(25_000))
///     .and(Column::Kilometers, Cmp::Le(250_000))
///     .order(Column::Created, Dir::Desc)
///     .limit(25)
///     .send()
///     .await?;
/// println!("{} of {}", page.list.len(), page.total);
/// let all: Vec<_> = client.vehicles().list().and(Column::MakeName, "Ford").stream().try_collect().await?;
/// # let _ = all;
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone)]
pub struct VehicleListRequest {
    client: Client,
    query: VehicleQuery,
}

impl VehicleListRequest {
    /// The free-text search (`search`); an empty text sends no search.
    pub fn search(mut self, text: impl Into<String>) -> Self {
        self.query.search = Some(text.into());
        self
    }

    /// Adds a condition to the `and` block: every condition must hold.
    /// Several conditions on one column are sent as an array
    /// (`kilometers: ['>=|25000', '<=|250000']`).
    pub fn and(mut self, column: Column, condition: impl Into<Condition>) -> Self {
        self.query.and.push(column, condition.into());
        self
    }

    /// Adds a condition to the `or` block: at least one `or` condition must hold.
    pub fn or(mut self, column: Column, condition: impl Into<Condition>) -> Self {
        self.query.or.push(column, condition.into());
        self
    }

    /// Adds each condition to the `and` block under `column`.
    pub fn and_each<C: Into<Condition>>(
        mut self,
        column: Column,
        conditions: impl IntoIterator<Item = C>,
    ) -> Self {
        for c in conditions {
            self.query.and.push(column.clone(), c.into());
        }
        self
    }

    /// Adds each condition to the `or` block under `column`
    /// (`colorId: [3, 4, 5]`).
    pub fn or_each<C: Into<Condition>>(
        mut self,
        column: Column,
        conditions: impl IntoIterator<Item = C>,
    ) -> Self {
        for c in conditions {
            self.query.or.push(column.clone(), c.into());
        }
        self
    }

    /// The order (the server defaults to `created desc`).
    pub fn order(mut self, column: Column, dir: Dir) -> Self {
        self.query.order = Some((column, dir));
        self
    }

    /// How many vehicles to skip (for [`stream`](Self::stream): where to start).
    pub fn offset(mut self, offset: u64) -> Self {
        self.query.offset = Some(offset);
        self
    }

    /// How many vehicles per page (for [`stream`](Self::stream): the page
    /// size, default [`DEFAULT_STREAM_PAGE_SIZE`]). At least 1.
    pub fn limit(mut self, limit: u64) -> Self {
        self.query.limit = Some(limit);
        self
    }

    /// The language of translated texts for this request.
    pub fn language(mut self, language: Language) -> Self {
        self.query.language = Some(language);
        self
    }

    /// The query string [`send`](Self::send) would send (without `?`),
    /// or the [`Error::InvalidInput`] it would fail with.
    pub fn query_string(&self) -> Result<String> {
        self.query.encode(self.query.offset, self.query.limit)
    }

    /// Sends the query: one page with `total`, `offset` and `limit`.
    pub async fn send(self) -> Result<VehicleList> {
        let q = self.query_string()?;
        let req = list_request(&self.client, self.query.language, q);
        self.client.transport().send_json(req).await
    }

    /// Every matching vehicle, lazily: one page (of
    /// [`limit`](Self::limit), default [`DEFAULT_STREAM_PAGE_SIZE`]) in
    /// memory at a time, starting at [`offset`](Self::offset), stopping at
    /// the `total` the server reports. An invalid query yields one error.
    pub fn stream(self) -> BoxStream<'static, Result<Vehicle>> {
        let limit = self.query.limit.unwrap_or(DEFAULT_STREAM_PAGE_SIZE);
        if let Err(e) = self.query.encode(Some(0), Some(limit)) {
            return futures::stream::once(async move { Err(e) }).boxed();
        }
        let VehicleListRequest { client, query } = self;
        let start = query.offset.unwrap_or(0);
        offset_stream(VENDOR_NAME, start, limit, move |offset, limit| {
            let client = client.clone();
            let q = query.encode(Some(offset), Some(limit));
            let language = query.language;
            async move {
                let req = list_request(&client, language, q?);
                let raw = client.transport().send(req).await?;
                let page: VehicleList = client.transport().decode(&raw)?;
                Ok(Page::new(page.list)
                    .total_items(Some(page.total))
                    .fingerprint(raw.fingerprint()))
            }
        })
    }
}

fn list_request(client: &Client, language: Option<Language>, query: String) -> Request {
    let mut req = client.request(paths::VEHICLE_LIST).raw_query(query);
    if let Some(lang) = language {
        req = req.header(http::header::ACCEPT_LANGUAGE, lang.header_value());
    }
    req
}

string_enum! {
    /// A field of `GET /vehicle/filter/values`.
    FilterField {
        /// `makeId`
        MakeId => "makeId",
        /// `modelId`
        ModelId => "modelId",
        /// `vehicleTypeId`
        VehicleTypeId => "vehicleTypeId",
        /// `climatisationType`
        ClimatisationType => "climatisationType",
        /// `conditionType`
        ConditionType => "conditionType",
        /// `fuelType`
        FuelType => "fuelType",
        /// `transmissionType`
        TransmissionType => "transmissionType",
        /// `isPluginHybrid`
        IsPluginHybrid => "isPluginHybrid",
        /// `driveType`
        DriveType => "driveType",
    }
}

/// A `GET /vehicle/filter/values` request: `fields[]=makeId&fields[]=...`.
#[derive(Debug, Clone)]
pub struct FilterValuesRequest {
    client: Client,
    fields: Vec<FilterField>,
    language: Option<Language>,
}

impl FilterValuesRequest {
    /// Adds a field.
    pub fn field(mut self, field: FilterField) -> Self {
        self.fields.push(field);
        self
    }

    /// Adds fields.
    pub fn fields(mut self, fields: impl IntoIterator<Item = FilterField>) -> Self {
        self.fields.extend(fields);
        self
    }

    /// The language of translated texts for this request.
    pub fn language(mut self, language: Language) -> Self {
        self.language = Some(language);
        self
    }

    /// The query string [`send`](Self::send) would send (without `?`).
    pub fn query_string(&self) -> Result<String> {
        if self.fields.len() > MAX_ARRAY_VALUES {
            return Err(Error::invalid_input(
                "fields",
                "more than 20 fields: qs (6.14.1 and later) would parse them as an object",
            ));
        }
        let mut w = QueryWriter::default();
        for f in &self.fields {
            check_key("fields", f.as_str())?;
            w.pair(&["fields"], true, f.as_str());
        }
        w.finish()
    }

    /// Sends the request.
    pub async fn send(self) -> Result<FilterValues> {
        let q = self.query_string()?;
        let mut req = self
            .client
            .request(paths::VEHICLE_FILTER_VALUES)
            .raw_query(q);
        if let Some(lang) = self.language {
            req = req.header(http::header::ACCEPT_LANGUAGE, lang.header_value());
        }
        self.client.transport().send_json(req).await
    }
}

/// One available filter value: a number, a boolean or a text key.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum FilterKey {
    /// An id (`makeId`: `123`).
    Integer(i64),
    /// A flag (`isPluginHybrid`).
    Boolean(bool),
    /// A key (`fuelType`: `"diesel"`).
    Text(String),
    /// Anything else, as sent.
    Other(serde_json::Value),
}

/// The available values per requested field: `{"makeId": [123]}`. Values
/// may be bare keys or translated `{key, text}` objects.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, Default)]
#[serde(transparent)]
#[non_exhaustive]
pub struct FilterValues {
    /// The values per field name.
    pub values: BTreeMap<String, Vec<Translated<FilterKey>>>,
}

impl FilterValues {
    /// The values of `field`, if the server sent it.
    pub fn get(&self, field: &FilterField) -> Option<&[Translated<FilterKey>]> {
        self.values.get(field.as_str()).map(Vec::as_slice)
    }
}

/// A page of vehicles: `{list, total, offset, limit}`.
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct VehicleList {
    /// The number of matching vehicles.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::whole::number::deserialize"
    )]
    pub total: u64,
    /// The page size the server used.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::whole::number::deserialize"
    )]
    pub limit: u64,
    /// The offset of the first vehicle on this page.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::whole::number::deserialize"
    )]
    pub offset: u64,
    /// The vehicles of this page.
    #[serde(default)]
    pub list: Vec<Vehicle>,
}

/// A make: `{makeId, makeName}`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(remote = "Self", rename_all = "camelCase")]
#[non_exhaustive]
pub struct Make {
    /// The make's id (use it with [`Vehicles::models`] and [`Column::MakeId`]).
    #[serde(with = "forecourt_core::serde_helpers::whole::number")]
    pub make_id: u64,
    /// The make's name (tolerant: a string, a number such as Mazda's `3`,
    /// or an object with a name; `None` otherwise).
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_text"
    )]
    pub make_name: Option<String>,
    /// The raw JSON of the name if it could not be read, under its member
    /// name, verbatim; empty when it was read. `Debug` shows only the
    /// member names.
    #[serde(skip)]
    pub unexpected: forecourt_core::serde_helpers::tolerant::Unexpected,
}

forecourt_core::tolerant_record!(serialize Make);

/// The list of makes: `{total, list}`.
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct MakeList {
    /// How many makes there are.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::whole::number::deserialize"
    )]
    pub total: u64,
    /// The makes.
    #[serde(default)]
    pub list: Vec<Make>,
}

/// A model: `{modelId, modelName}`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(remote = "Self", rename_all = "camelCase")]
#[non_exhaustive]
pub struct Model {
    /// The model's id.
    #[serde(with = "forecourt_core::serde_helpers::whole::number")]
    pub model_id: u64,
    /// The model's name (tolerant: a string, a number such as Mazda's `3`,
    /// or an object with a name; `None` otherwise).
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_text"
    )]
    pub model_name: Option<String>,
    /// The raw JSON of the name if it could not be read, under its member
    /// name, verbatim; empty when it was read. `Debug` shows only the
    /// member names.
    #[serde(skip)]
    pub unexpected: forecourt_core::serde_helpers::tolerant::Unexpected,
}

forecourt_core::tolerant_record!(serialize Model);

/// The models of a make: `{total, list}`.
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct ModelList {
    /// How many models there are.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::whole::number::deserialize"
    )]
    pub total: u64,
    /// The models.
    #[serde(default)]
    pub list: Vec<Model>,
}

string_enum! {
    /// Where the vehicle came from (`sourceType`).
    SourceType {
        /// `repurchased`
        Repurchased => "repurchased",
        /// `trade-in`
        TradeIn => "trade-in",
        /// `factoryCar`
        FactoryCar => "factoryCar",
        /// `leasingReturn`
        LeasingReturn => "leasingReturn",
    }
}

string_enum! {
    /// The stock state (`vehicleState`).
    VehicleState {
        /// `incoming`
        Incoming => "incoming",
        /// `inventory`
        Inventory => "inventory",
        /// `sold`
        Sold => "sold",
    }
}

string_enum! {
    /// Air conditioning (`climatisationType`).
    ClimatisationType {
        /// `none`
        None => "none",
        /// `airConditioning`
        AirConditioning => "airConditioning",
        /// `automaticClimateControl`
        AutomaticClimateControl => "automaticClimateControl",
        /// `automaticClimateControl2`
        AutomaticClimateControl2 => "automaticClimateControl2",
        /// `automaticClimateControl3`
        AutomaticClimateControl3 => "automaticClimateControl3",
        /// `automaticClimateControl4`
        AutomaticClimateControl4 => "automaticClimateControl4",
    }
}

string_enum! {
    /// New, used, ... (`conditionType`).
    ConditionType {
        /// `new`
        New => "new",
        /// `used`
        Used => "used",
        /// `employeesCar`
        EmployeesCar => "employeesCar",
        /// `classic`
        Classic => "classic",
        /// `demonstration`
        Demonstration => "demonstration",
        /// `dayRegistration`
        DayRegistration => "dayRegistration",
    }
}

string_enum! {
    /// Airbags (`airbagType`).
    AirbagType {
        /// `driverAirbag`
        DriverAirbag => "driverAirbag",
        /// `frontAirbag`
        FrontAirbag => "frontAirbag",
        /// `driverSideAirbag`
        DriverSideAirbag => "driverSideAirbag",
        /// `driverSideOtherAirbag`
        DriverSideOtherAirbag => "driverSideOtherAirbag",
    }
}

string_enum! {
    /// Upholstery (`interiorType`).
    InteriorType {
        /// `alcantara`
        Alcantara => "alcantara",
        /// `cloth`
        Cloth => "cloth",
        /// `fullLeather`
        FullLeather => "fullLeather",
        /// `partialLeather`
        PartialLeather => "partialLeather",
        /// `velour`
        Velour => "velour",
        /// `other`
        Other => "other",
    }
}

string_enum! {
    /// Fuel (`fuelType`).
    FuelType {
        /// `cng`
        Cng => "cng",
        /// `diesel`
        Diesel => "diesel",
        /// `electric`
        Electric => "electric",
        /// `electricDiesel`
        ElectricDiesel => "electricDiesel",
        /// `electricGasoline`
        ElectricGasoline => "electricGasoline",
        /// `ethanol`
        Ethanol => "ethanol",
        /// `gasoline`
        Gasoline => "gasoline",
        /// `hydrogen`
        Hydrogen => "hydrogen",
        /// `lpg`
        Lpg => "lpg",
    }
}

string_enum! {
    /// Fuel grade (`fuelDetailType`).
    FuelDetailType {
        /// `lpg`
        Lpg => "lpg",
        /// `normalGasoline91`
        NormalGasoline91 => "normalGasoline91",
        /// `super95`
        Super95 => "super95",
        /// `superPlus98`
        SuperPlus98 => "superPlus98",
        /// `normalGasolineE1091`
        NormalGasolineE1091 => "normalGasolineE1091",
        /// `superE1095`
        SuperE1095 => "superE1095",
        /// `superPlusE1098`
        SuperPlusE1098 => "superPlusE1098",
        /// `diesel`
        Diesel => "diesel",
        /// `biodiesel`
        Biodiesel => "biodiesel",
        /// `vegetableOil`
        VegetableOil => "vegetableOil",
        /// `cngH`
        CngH => "cngH",
        /// `cngL`
        CngL => "cngL",
        /// `bioCng`
        BioCng => "bioCng",
        /// `ethanol85`
        Ethanol85 => "ethanol85",
        /// `hydrogen`
        Hydrogen => "hydrogen",
        /// `electric`
        Electric => "electric",
    }
}

string_enum! {
    /// Gearbox (`transmissionType`).
    TransmissionType {
        /// `automatic`
        Automatic => "automatic",
        /// `manual`
        Manual => "manual",
        /// `semiAutomatic`
        SemiAutomatic => "semiAutomatic",
    }
}

string_enum! {
    /// Tyres (`tyreType`).
    TyreType {
        /// `summerTyres`
        SummerTyres => "summerTyres",
        /// `winterTyres`
        WinterTyres => "winterTyres",
        /// `allSeasonTyres`
        AllSeasonTyres => "allSeasonTyres",
    }
}

string_enum! {
    /// Driven axles (`driveType`).
    DriveType {
        /// `front`
        Front => "front",
        /// `rear`
        Rear => "rear",
        /// `all`
        All => "all",
        /// `other`
        Other => "other",
    }
}

string_enum! {
    /// Sliding doors (`slidingDoor`).
    SlidingDoor {
        /// `slidingDoorRight`
        Right => "slidingDoorRight",
        /// `slidingDoorLeft`
        Left => "slidingDoorLeft",
        /// `slidingDoorBoth`
        Both => "slidingDoorBoth",
    }
}

string_enum! {
    /// A CO₂ class (`emissionsCombinedCo2Class`, `emissionsDischargedCo2Class`).
    Co2Class {
        /// `A`
        A => "A",
        /// `B`
        B => "B",
        /// `C`
        C => "C",
        /// `D`
        D => "D",
        /// `E`
        E => "E",
        /// `F`
        F => "F",
        /// `G`
        G => "G",
    }
}

/// A month of a year (`nextInspection`: `"2017-05"`). Decodes `yyyy-mm`
/// and also a full date (`yyyy-mm-dd`, whose day is dropped).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct YearMonth {
    year: i16,
    month: i8,
}

impl YearMonth {
    /// A year and month (1-12); `None` if out of range.
    pub fn new(year: i16, month: i8) -> Option<Self> {
        jiff::civil::Date::new(year, month, 1)
            .ok()
            .map(|_| YearMonth { year, month })
    }

    /// The year.
    pub fn year(self) -> i16 {
        self.year
    }

    /// The month (1-12).
    pub fn month(self) -> i8 {
        self.month
    }

    /// The first day of the month.
    pub fn first_day(self) -> Date {
        jiff::civil::Date::new(self.year, self.month, 1).unwrap_or_default()
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl FromStr for YearMonth {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        let bad = || Error::invalid_input("yearMonth", "must look like 2017-05");
        let s = s.trim();
        let ym = s.get(..7).ok_or_else(bad)?;
        if s.len() > 7 {
            datetime::parse_date_lenient(s).map_err(|_| bad())?;
        }
        let (y, m) = ym.split_once('-').ok_or_else(bad)?;
        let year: i16 = y.parse().map_err(|_| bad())?;
        let month: i8 = m.parse().map_err(|_| bad())?;
        YearMonth::new(year, month).ok_or_else(bad)
    }
}

impl Serialize for YearMonth {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for YearMonth {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        forecourt_core::serde_helpers::from_str_with(d, |s| {
            s.parse::<YearMonth>()
                .map_err(|_| "not a month like 2017-05")
        })
    }
}

/// Lists the documentation shows only as the placeholder `"array"`
/// (`equipment`, `damages`, `documents`, `ads`): an array decodes item by
/// item as JSON; the placeholder string or `null` is an empty list.
///
/// Read with a visitor rather than through a `serde_json::Value`, so that
/// the placeholder (or any other non-array) is checked and dropped without
/// building a value for it.
mod placeholder_list {
    use serde::de::{self, IgnoredAny, MapAccess, SeqAccess, Visitor};

    use super::*;

    type Items = Vec<serde_json::Value>;

    struct ListVisitor;

    impl<'de> Visitor<'de> for ListVisitor {
        type Value = Items;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("any valid JSON value")
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Items, A::Error> {
            let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
            while let Some(item) = seq.next_element()? {
                items.push(item);
            }
            Ok(items)
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<Items, A::Error> {
            while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            Ok(Vec::new())
        }

        fn visit_bool<E: de::Error>(self, _: bool) -> std::result::Result<Items, E> {
            Ok(Vec::new())
        }

        fn visit_i64<E: de::Error>(self, _: i64) -> std::result::Result<Items, E> {
            Ok(Vec::new())
        }

        fn visit_u64<E: de::Error>(self, _: u64) -> std::result::Result<Items, E> {
            Ok(Vec::new())
        }

        fn visit_f64<E: de::Error>(self, _: f64) -> std::result::Result<Items, E> {
            Ok(Vec::new())
        }

        fn visit_i128<E: de::Error>(self, _: i128) -> std::result::Result<Items, E> {
            Ok(Vec::new())
        }

        fn visit_u128<E: de::Error>(self, _: u128) -> std::result::Result<Items, E> {
            Ok(Vec::new())
        }

        fn visit_str<E: de::Error>(self, _: &str) -> std::result::Result<Items, E> {
            Ok(Vec::new())
        }

        fn visit_none<E: de::Error>(self) -> std::result::Result<Items, E> {
            Ok(Vec::new())
        }

        fn visit_unit<E: de::Error>(self) -> std::result::Result<Items, E> {
            Ok(Vec::new())
        }

        fn visit_some<D: Deserializer<'de>>(self, d: D) -> std::result::Result<Items, D::Error> {
            d.deserialize_any(self)
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Items, D::Error> {
        d.deserialize_any(ListVisitor)
    }
}

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
    /// When the vehicle was added (zone-less, `2018-08-07 15:47:17`).
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_datetime"
    )]
    pub created: Option<DateTime>,
    /// When the vehicle was changed.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_datetime"
    )]
    pub updated: Option<DateTime>,
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

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[derive(Debug, Deserialize)]
    struct Lists {
        #[serde(default, deserialize_with = "placeholder_list::deserialize")]
        a: Vec<serde_json::Value>,
        next: Option<YearMonth>,
    }

    #[test]
    fn placeholder_lists_and_months_decode_every_shape() {
        for (list, len) in [
            (r#""array""#, 0),
            ("null", 0),
            ("5", 0),
            (r#"{"x":[1,{"y":2}]}"#, 0),
            (r#"[{"name":"ABS"},"x",null]"#, 3),
        ] {
            let l: Lists =
                serde_json::from_str(&format!(r#"{{"a":{list},"next":"2017-05-19"}}"#)).unwrap();
            assert_eq!(l.a.len(), len, "{list}");
            assert_eq!(l.next.unwrap().to_string(), "2017-05");
        }
        assert!(serde_json::from_str::<Lists>(r#"{"a":[1,}"#).is_err());
        assert!(serde_json::from_str::<Lists>(r#"{"next":"2017-13"}"#).is_err());
        assert!(serde_json::from_str::<Lists>(r#"{"next":201705}"#).is_err());
    }
}
