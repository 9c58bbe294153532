//! Vehicles: the typed list query, paging, single vehicles, makes, models
//! and filter values.

use std::collections::BTreeMap;

use forecourt_core::Request;
use forecourt_core::paging::{Page, offset_stream};
use futures::stream::{BoxStream, StreamExt};
use serde::{Deserialize, Serialize};

use crate::client::{Client, VENDOR_NAME};
use crate::i18n::{Language, Translated};
use crate::macros::string_enum;
use crate::paths;
use crate::query::{Column, Condition, Dir, FilterBlock, MAX_ARRAY_VALUES, QueryWriter, check_key};
use crate::{Error, Result};

mod values;
mod vehicle;

pub use values::*;
pub use vehicle::Vehicle;

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
