//! Protections the dealership may sell: `GET /protections`.

use forecourt_core::Request;
use serde::Deserialize;

use crate::jsonapi::{self, Document, FromResource, decode_resource};
use crate::{Client, Id, Result, paths};

/// A protection product (Line5 type `protections`). Its id goes into a
/// quote protection's `protection` relationship.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(remote = "Self")]
#[non_exhaustive]
pub struct Protection {
    /// `id`.
    #[serde(default = "jsonapi::no_id")]
    pub id: Id,
    /// `provider`.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_text"
    )]
    pub provider: Option<String>,
    /// `name`.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_text"
    )]
    pub name: Option<String>,
    /// `form_number` (the documentation's table says `form-number`; both decode).
    #[serde(
        alias = "form-number",
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_text"
    )]
    pub form_number: Option<String>,
    /// `fields`: the values a quote protection of this product must carry
    /// in `filled-fields`.
    #[serde(default)]
    pub fields: Vec<ProtectionField>,
    /// `protection-category-id`.
    #[serde(rename = "protection-category-id", default)]
    pub category_id: Option<Id>,
    /// `protection-category-name`.
    #[serde(
        rename = "protection-category-name",
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_text"
    )]
    pub category_name: Option<String>,
    /// `brochure`: a URL; `None` when Line5 sends `""`.
    #[serde(default, deserialize_with = "empty_is_none")]
    pub brochure: Option<String>,
    /// The raw JSON of each member a tolerant field could not read, under
    /// its JSON member name, verbatim; empty when everything was read (see
    /// the crate's [reading policy](crate#reading-policy)). `Debug` shows
    /// only the member names.
    #[serde(skip)]
    pub unexpected: forecourt_core::serde_helpers::tolerant::Unexpected,
}

forecourt_core::tolerant_record!(Protection);

impl FromResource for Protection {
    fn set_id(&mut self, id: Id) {
        self.id = id;
    }
}

impl Protection {
    /// Decodes a protection from a JSON:API resource.
    pub fn from_resource(resource: &jsonapi::Resource) -> Result<Protection> {
        decode_resource(resource)
    }

    /// The fields marked required.
    pub fn required_fields(&self) -> impl Iterator<Item = &ProtectionField> {
        self.fields.iter().filter(|f| f.required)
    }
}

fn empty_is_none<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(Option::<String>::deserialize(d)?.filter(|s| !s.trim().is_empty()))
}

/// One field of a [`Protection`].
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct ProtectionField {
    /// `name` (`months`, `mileage`, `cost`, `price`).
    pub name: String,
    /// `type`.
    #[serde(rename = "type")]
    pub kind: FieldType,
    /// `required` (Line5 sends `"true"`).
    #[serde(default, deserialize_with = "required_flag")]
    pub required: bool,
}

fn required_flag<'de, D: serde::Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    Ok(forecourt_core::serde_helpers::lenient::option_bool::deserialize(d)?.unwrap_or(false))
}

forecourt_core::string_enum! {
    /// The type of a [`ProtectionField`].
    pub enum FieldType {
        /// `int`.
        Int => "int",
        /// `decimal`.
        Decimal => "decimal",
    }
}

/// `client.protections()`.
#[derive(Debug, Clone)]
pub struct Protections<'a> {
    pub(crate) client: std::borrow::Cow<'a, Client>,
}

impl Protections<'_> {
    /// A handle whose calls use `options` (timeout, deadline, retries,
    /// extra headers) instead of the client's settings.
    pub fn options(&self, options: forecourt_core::RequestOptions) -> Protections<'static> {
        Protections {
            client: std::borrow::Cow::Owned(self.client.with_options(options)),
        }
    }

    /// `GET /protections`: every protection the dealership may sell, with
    /// the fields each needs.
    pub async fn list(&self) -> Result<Vec<Protection>> {
        self.client
            .api
            .send_json_then(Request::new(paths::LIST_PROTECTIONS), |doc: Document| {
                doc.primary_all()
                    .iter()
                    .map(|r| jsonapi::decode_in(&doc, r, "data"))
                    .collect()
            })
            .await
    }
}
