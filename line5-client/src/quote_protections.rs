//! Protections on a quote: list (`GET /quote_protections`), create
//! (`POST /quote-protections`), update with template fields and revise the
//! price (`PUT /quote-protections/{id}`), delete
//! (`DELETE /quote-protections/{id}`).

use std::collections::BTreeMap;

use forecourt_core::Request;
use forecourt_core::serde_helpers::{decimal, lenient};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::jsonapi::{self, Document, FromResource, Relationship, Resource};
use crate::quotes::Quote;
use crate::{Client, Error, Id, Result, de, paths, validate};

/// A protection on a quote. Line5 sends it in two shapes (a JSON:API
/// resource with a few attributes, or a flat object with template fields);
/// both decode into this type.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(remote = "Self")]
#[non_exhaustive]
pub struct QuoteProtection {
    /// `id`.
    #[serde(default = "jsonapi::no_id")]
    pub id: Id,
    /// `term`: months.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_whole"
    )]
    pub term: Option<u32>,
    /// `name`.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_text"
    )]
    pub name: Option<String>,
    /// `months`.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_whole"
    )]
    pub months: Option<u32>,
    /// `mileage`.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_whole"
    )]
    pub mileage: Option<u32>,
    /// `price`.
    #[serde(default, deserialize_with = "de::opt_money")]
    pub price: Option<Decimal>,
    /// `financing_limit`.
    #[serde(default, alias = "financing-limit", deserialize_with = "de::opt_money")]
    pub financing_limit: Option<Decimal>,
    /// `exclude_tax`.
    #[serde(default, alias = "exclude-tax", with = "lenient::option_bool")]
    pub exclude_tax: Option<bool>,
    /// `protection_label_id`.
    #[serde(default, alias = "protection-label-id")]
    pub protection_label_id: Option<Id>,
    /// `coverage_id`.
    #[serde(default, alias = "coverage-id")]
    pub coverage_id: Option<Id>,
    /// `deductible_id`.
    #[serde(default, alias = "deductible-id")]
    pub deductible_id: Option<Id>,
    /// `surcharge_ids`.
    #[serde(default, alias = "surcharge-ids")]
    pub surcharge_ids: Vec<Id>,
    /// `template_fields`: values the provider needs for the contract. When
    /// present, send them with [`QuoteProtections::update`].
    #[serde(default, alias = "template-fields")]
    pub template_fields: Vec<TemplateField>,
    /// The raw JSON of each member a tolerant field could not read, under
    /// its JSON member name, verbatim; empty when everything was read (see
    /// the crate's [reading policy](crate#reading-policy)). `Debug` shows
    /// only the member names.
    #[serde(skip)]
    pub unexpected: forecourt_core::serde_helpers::tolerant::Unexpected,
}

forecourt_core::tolerant_record!(QuoteProtection);

impl FromResource for QuoteProtection {
    fn set_id(&mut self, id: Id) {
        self.id = id;
    }
}

impl QuoteProtection {
    /// The template field with this name.
    pub fn template_field(&self, name: &str) -> Option<&TemplateField> {
        self.template_fields.iter().find(|f| f.name == name)
    }

    /// The template fields that have no value yet.
    pub fn missing_template_fields(&self) -> impl Iterator<Item = &TemplateField> {
        self.template_fields.iter().filter(|f| f.value.is_none())
    }
}

/// A value the provider requires for the contract (`template_fields[]`).
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(remote = "Self")]
#[non_exhaustive]
pub struct TemplateField {
    /// `name`: the key to send in the `template` relationship.
    pub name: String,
    /// `prompt`: what to ask the user.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_text"
    )]
    pub prompt: Option<String>,
    /// `data_type` (`double`, ...).
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_text"
    )]
    pub data_type: Option<String>,
    /// `validator_prompt`: the expected format, in words.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_text"
    )]
    pub validator_prompt: Option<String>,
    /// `validator_regex`: the expected format.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_text"
    )]
    pub validator_regex: Option<String>,
    /// `value`: the current value, if any.
    #[serde(default, with = "lenient::option_string_or_number")]
    pub value: Option<String>,
    /// The raw JSON of each member a tolerant field could not read, under
    /// its JSON member name, verbatim; empty when everything was read (see
    /// the crate's [reading policy](crate#reading-policy)). `Debug` shows
    /// only the member names.
    #[serde(skip)]
    pub unexpected: forecourt_core::serde_helpers::tolerant::Unexpected,
}

forecourt_core::tolerant_record!(TemplateField);

impl TemplateField {
    /// Checks `value` against `validator_regex` (if any). A mismatch is an
    /// [`Error::InvalidInput`] naming `template.<name>` and the format
    /// Line5 describes; the value itself is never in the error.
    pub fn validate(&self, value: &str) -> Result<()> {
        let field = format!("template.{}", self.name);
        if value.trim().is_empty() {
            return Err(Error::invalid_input(field, "must not be blank"));
        }
        let Some(pattern) = self.validator_regex.as_deref().filter(|p| !p.is_empty()) else {
            return Ok(());
        };
        // ASCII classes first (`\d` as in Ruby); Unicode if the pattern needs it.
        let regex = regex::RegexBuilder::new(pattern)
            .unicode(false)
            .size_limit(1 << 20)
            .build()
            .or_else(|_| regex::RegexBuilder::new(pattern).size_limit(1 << 20).build())
            .map_err(|_| {
                Error::invalid_input(
                    field.clone(),
                    "has a validator_regex the SDK cannot evaluate; use TemplateValues::set_unchecked",
                )
            })?;
        if regex.is_match(value) {
            Ok(())
        } else {
            let reason = match &self.validator_prompt {
                Some(p) => format!("does not match the required format ({p})"),
                None => "does not match the required format".to_owned(),
            };
            Err(Error::invalid_input(field, reason))
        }
    }
}

/// Values for template fields (the `template` relationship), checked
/// against each field's validator when set.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct TemplateValues {
    values: BTreeMap<String, String>,
}

impl std::fmt::Debug for TemplateValues {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // values can be personal (a customer's income): names only
        f.debug_set().entries(self.values.keys()).finish()
    }
}

impl TemplateValues {
    /// No values.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `field`'s value after checking it against the field's
    /// `validator_regex` ([`TemplateField::validate`]).
    pub fn set(mut self, field: &TemplateField, value: impl Into<String>) -> Result<Self> {
        let value = value.into();
        field.validate(&value)?;
        self.values.insert(field.name.clone(), value);
        Ok(self)
    }

    /// Sets a value by name without checking it.
    pub fn set_unchecked(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.values.insert(name.into(), value.into());
        self
    }

    /// The value of a field.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.values.get(name).map(String::as_str)
    }

    /// Whether no value is set.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }
}

impl Serialize for TemplateValues {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        self.values.serialize(s)
    }
}

#[derive(Serialize)]
struct QpAttributes {
    #[serde(with = "decimal::number")]
    price: Decimal,
    #[serde(rename = "exclude-tax", skip_serializing_if = "Option::is_none")]
    exclude_tax: Option<bool>,
    months: u32,
    mileage: u32,
}

/// A protection to add to a quote, or its new state (`POST` and `PUT
/// /quote-protections`). Ids come from [`Protections`](crate::protections::Protections)
/// and [`Rates`](crate::rates::Rates).
#[derive(Clone, Debug, PartialEq, bon::Builder)]
#[non_exhaustive]
pub struct QuoteProtectionInput {
    /// The quote (`quote` relationship).
    #[builder(into)]
    pub quote_id: Id,
    /// The protection (`protection-label` relationship).
    #[builder(into)]
    pub protection_label_id: Id,
    /// The coverage from the rates (`coverage` relationship).
    #[builder(into)]
    pub coverage_id: Id,
    /// The deductible from the rates (`deductible` relationship).
    #[builder(into)]
    pub deductible_id: Id,
    /// Surcharges from the rates (`surcharges` relationship).
    #[builder(default)]
    pub surcharge_ids: Vec<Id>,
    /// `price`: US dollars, greater than zero.
    pub price: Decimal,
    /// `exclude-tax`.
    pub exclude_tax: Option<bool>,
    /// `months`.
    pub months: u32,
    /// `mileage`.
    pub mileage: u32,
    /// Template field values (`template` relationship).
    pub template: Option<TemplateValues>,
}

impl QuoteProtectionInput {
    fn validate(&self) -> Result<()> {
        validate::not_blank("quote.id", self.quote_id.as_str())?;
        validate::not_blank("protection-label.id", self.protection_label_id.as_str())?;
        validate::not_blank("coverage.id", self.coverage_id.as_str())?;
        validate::not_blank("deductible.id", self.deductible_id.as_str())?;
        for s in &self.surcharge_ids {
            validate::not_blank("surcharges.id", s.as_str())?;
        }
        validate::positive("price", self.price)
    }

    /// The JSON:API request document; `id` is set for an update.
    pub fn to_document(&self, id: Option<&Id>) -> Result<Document> {
        let one = |kind: &str, id: &Id| Relationship::one(Resource::new(kind).with_id(id.clone()));
        let mut r = Resource::new("quote-protections");
        if let Some(id) = id {
            r = r.with_id(id.clone());
        }
        r = r
            .with_attributes(&QpAttributes {
                price: self.price,
                exclude_tax: self.exclude_tax,
                months: self.months,
                mileage: self.mileage,
            })?
            .with_relationship("quote", one("quote", &self.quote_id))
            .with_relationship(
                "protection-label",
                one("protection-label", &self.protection_label_id),
            )
            .with_relationship("coverage", one("coverage", &self.coverage_id))
            .with_relationship("deductible", one("deductible", &self.deductible_id));
        if !self.surcharge_ids.is_empty() {
            r = r.with_relationship(
                "surcharges",
                Relationship::many(
                    self.surcharge_ids
                        .iter()
                        .map(|s| Resource::new("surcharge").with_id(s.clone()))
                        .collect(),
                ),
            );
        }
        if let Some(t) = self.template.as_ref().filter(|t| !t.is_empty()) {
            r = r.with_relationship(
                "template",
                Relationship::one(Resource::new("template").with_attributes(t)?),
            );
        }
        Ok(jsonapi::single(r))
    }
}

#[derive(Serialize)]
struct PriceAttributes {
    #[serde(with = "decimal::number")]
    price: Decimal,
}

/// The `PUT /quote-protections/{id}` document that revises the price.
pub fn revise_price_request(id: &Id, price: Decimal) -> Result<Document> {
    Ok(jsonapi::single(
        Resource::new("quote-protection")
            .with_id(id.clone())
            .with_attributes(&PriceAttributes { price })?,
    ))
}

/// The `GET /quote_protections` request document.
pub fn list_request(quote_id: &Id) -> Document {
    jsonapi::single(Resource::new("quotes").with_id(quote_id.clone()))
}

#[derive(Deserialize)]
struct ListResponse {
    #[serde(default)]
    quote_protections: Vec<QuoteProtection>,
}

/// `client.quote_protections()`.
#[derive(Debug, Clone)]
pub struct QuoteProtections<'a> {
    pub(crate) client: std::borrow::Cow<'a, Client>,
}

impl QuoteProtections<'_> {
    /// A handle whose calls use `options` (timeout, deadline, retries,
    /// extra headers) instead of the client's settings.
    pub fn options(&self, options: forecourt_core::RequestOptions) -> QuoteProtections<'static> {
        QuoteProtections {
            client: std::borrow::Cow::Owned(self.client.with_options(options)),
        }
    }

    /// `GET /quote_protections`: the protections of a quote, with their
    /// template fields. The quote travels in a JSON:API body.
    pub async fn list(&self, quote_id: &Id) -> Result<Vec<QuoteProtection>> {
        validate::not_blank("id", quote_id.as_str())?;
        let r: ListResponse = self
            .client
            .api
            .send_json(Request::new(paths::LIST_QUOTE_PROTECTIONS).json(&list_request(quote_id))?)
            .await?;
        Ok(r.quote_protections)
    }

    /// `POST /quote-protections`: adds a protection to a quote; returns the quote.
    pub async fn create(&self, input: &QuoteProtectionInput) -> Result<Quote> {
        input.validate()?;
        self.client
            .api
            .send_json_then(
                jsonapi::with_document(Request::new(paths::CREATE_QUOTE_PROTECTION), || {
                    input.to_document(None)
                })?,
                |doc: Document| Quote::from_document(&doc),
            )
            .await
    }

    /// `PUT /quote-protections/{id}`: updates a quote protection, with
    /// template field values; returns the quote.
    pub async fn update(&self, id: &Id, input: &QuoteProtectionInput) -> Result<Quote> {
        input.validate()?;
        self.client
            .api
            .send_json_then(
                jsonapi::with_document(
                    Request::new(paths::UPDATE_QUOTE_PROTECTION).param(id),
                    || input.to_document(Some(id)),
                )?,
                |doc: Document| Quote::from_document(&doc),
            )
            .await
    }

    /// `PUT /quote-protections/{id}`: revises the price (greater than
    /// zero); returns the recalculated quote.
    pub async fn revise_price(&self, id: &Id, price: Decimal) -> Result<Quote> {
        validate::positive("price", price)?;
        self.client
            .api
            .send_json_then(
                Request::new(paths::REVISE_QUOTE_PROTECTION_PRICE)
                    .param(id)
                    .json(&revise_price_request(id, price)?)?,
                |doc: Document| Quote::from_document(&doc),
            )
            .await
    }

    /// `DELETE /quote-protections/{id}`: removes the protection; returns the quote.
    pub async fn delete(&self, id: &Id) -> Result<Quote> {
        self.client
            .api
            .send_json_then(
                Request::new(paths::DELETE_QUOTE_PROTECTION).param(id),
                |doc: Document| Quote::from_document(&doc),
            )
            .await
    }
}
