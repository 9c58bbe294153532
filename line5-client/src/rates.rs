//! Rates: `GET /rates` (with a JSON:API body) for a quote and a protection
//! label: coverages with their deductibles and surcharges.

use std::collections::BTreeMap;

use forecourt_core::Request;
use forecourt_core::serde_helpers::decimal;
use rust_decimal::Decimal;
use serde::Deserialize;

use crate::jsonapi::{self, Document, Relationship, Resource};
use crate::{Client, Id, Result, de, paths, validate};

/// The rates of a protection label for a quote.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct RateSheet {
    /// `coverages`.
    #[serde(default)]
    pub coverages: Vec<RateCoverage>,
    /// `coverage_terms`: by coverage name, the coverage ids and their term labels.
    #[serde(default)]
    pub coverage_terms: BTreeMap<String, Vec<CoverageTerm>>,
    /// `coverage_names`.
    #[serde(default)]
    pub coverage_names: Vec<String>,
}

impl RateSheet {
    /// The coverage with this id.
    pub fn coverage(&self, id: &Id) -> Option<&RateCoverage> {
        self.coverages.iter().find(|c| &c.id == id)
    }
}

/// A coverage in a [`RateSheet`].
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(remote = "Self")]
#[non_exhaustive]
pub struct RateCoverage {
    /// `id`: the coverage id a quote protection refers to.
    pub id: Id,
    /// `pen_rate_id`.
    #[serde(default)]
    pub pen_rate_id: Option<Id>,
    /// `coverage_name`.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_text"
    )]
    pub coverage_name: Option<String>,
    /// `form_id`.
    #[serde(default)]
    pub form_id: Option<Id>,
    /// `form_name`.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_text"
    )]
    pub form_name: Option<String>,
    /// `new`: for new vehicles.
    #[serde(default)]
    pub new: Option<bool>,
    /// `product_type`.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_text"
    )]
    pub product_type: Option<String>,
    /// `term_miles`.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_whole"
    )]
    pub term_miles: Option<u32>,
    /// `term_months`.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_whole"
    )]
    pub term_months: Option<u32>,
    /// `label`.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_text"
    )]
    pub label: Option<String>,
    /// `deductibles`.
    #[serde(default)]
    pub deductibles: Vec<RateDeductible>,
    /// `surcharges`.
    #[serde(default)]
    pub surcharges: Vec<RateSurcharge>,
    /// The raw JSON of each member a tolerant field could not read, under
    /// its JSON member name, verbatim; empty when everything was read (see
    /// the crate's [reading policy](crate#reading-policy)). `Debug` shows
    /// only the member names.
    #[serde(skip)]
    pub unexpected: forecourt_core::serde_helpers::tolerant::Unexpected,
}

forecourt_core::tolerant_record!(RateCoverage);

/// A deductible option of a [`RateCoverage`].
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(remote = "Self")]
#[non_exhaustive]
pub struct RateDeductible {
    /// `id`: the deductible id a quote protection refers to.
    pub id: Id,
    /// `pen_coverage_id`.
    #[serde(default)]
    pub pen_coverage_id: Option<Id>,
    /// `amount`.
    #[serde(with = "decimal::number")]
    pub amount: Decimal,
    /// `dealer_cost`.
    #[serde(default, deserialize_with = "de::opt_money")]
    pub dealer_cost: Option<Decimal>,
    /// `deductible_type` (`NORMAL`, ...).
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_text"
    )]
    pub deductible_type: Option<String>,
    /// `description`.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_text"
    )]
    pub description: Option<String>,
    /// `fi_markup`.
    #[serde(default, deserialize_with = "de::opt_money")]
    pub fi_markup: Option<Decimal>,
    /// `max_retail_price`.
    #[serde(default, deserialize_with = "de::opt_money")]
    pub max_retail_price: Option<Decimal>,
    /// `min_retail_price`.
    #[serde(default, deserialize_with = "de::opt_money")]
    pub min_retail_price: Option<Decimal>,
    /// `rate_id`.
    #[serde(default)]
    pub rate_id: Option<Id>,
    /// `reduced_amount`.
    #[serde(default, deserialize_with = "de::opt_money")]
    pub reduced_amount: Option<Decimal>,
    /// `retail_price`.
    #[serde(default, deserialize_with = "de::opt_money")]
    pub retail_price: Option<Decimal>,
    /// The raw JSON of each member a tolerant field could not read, under
    /// its JSON member name, verbatim; empty when everything was read (see
    /// the crate's [reading policy](crate#reading-policy)). `Debug` shows
    /// only the member names.
    #[serde(skip)]
    pub unexpected: forecourt_core::serde_helpers::tolerant::Unexpected,
}

forecourt_core::tolerant_record!(RateDeductible);

/// A surcharge option of a [`RateCoverage`].
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(remote = "Self")]
#[non_exhaustive]
pub struct RateSurcharge {
    /// `id`: the surcharge id a quote protection refers to.
    pub id: Id,
    /// `pen_coverage_id`.
    #[serde(default)]
    pub pen_coverage_id: Option<Id>,
    /// `code`.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_text"
    )]
    pub code: Option<String>,
    /// `dealer_cost`.
    #[serde(default, deserialize_with = "de::opt_money")]
    pub dealer_cost: Option<Decimal>,
    /// `description`.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_text"
    )]
    pub description: Option<String>,
    /// `optional`.
    #[serde(default)]
    pub optional: Option<bool>,
    /// `retail_price`.
    #[serde(default, deserialize_with = "de::opt_money")]
    pub retail_price: Option<Decimal>,
    /// The raw JSON of each member a tolerant field could not read, under
    /// its JSON member name, verbatim; empty when everything was read (see
    /// the crate's [reading policy](crate#reading-policy)). `Debug` shows
    /// only the member names.
    #[serde(skip)]
    pub unexpected: forecourt_core::serde_helpers::tolerant::Unexpected,
}

forecourt_core::tolerant_record!(RateSurcharge);

/// A term of a coverage (`coverage_terms`).
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(remote = "Self")]
#[non_exhaustive]
pub struct CoverageTerm {
    /// `id`: the coverage id.
    pub id: Id,
    /// `term_label` (`48 months`).
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_text"
    )]
    pub term_label: Option<String>,
    /// The raw JSON of each member a tolerant field could not read, under
    /// its JSON member name, verbatim; empty when everything was read (see
    /// the crate's [reading policy](crate#reading-policy)). `Debug` shows
    /// only the member names.
    #[serde(skip)]
    pub unexpected: forecourt_core::serde_helpers::tolerant::Unexpected,
}

forecourt_core::tolerant_record!(CoverageTerm);

/// The `GET /rates` request document.
pub fn rates_request(quote_id: &Id, protection_label_id: &Id) -> Document {
    jsonapi::single(
        Resource::new("quotes")
            .with_id(quote_id.clone())
            .with_relationship(
                "protection-label",
                Relationship::one(
                    Resource::new("protection-label").with_id(protection_label_id.clone()),
                ),
            ),
    )
}

/// `client.rates()`.
#[derive(Debug, Clone)]
pub struct Rates<'a> {
    pub(crate) client: std::borrow::Cow<'a, Client>,
}

impl Rates<'_> {
    /// A handle whose calls use `options` (timeout, deadline, retries,
    /// extra headers) instead of the client's settings.
    pub fn options(&self, options: forecourt_core::RequestOptions) -> Rates<'static> {
        Rates {
            client: std::borrow::Cow::Owned(self.client.with_options(options)),
        }
    }

    /// `GET /rates`: the coverages of a protection label for a quote. The
    /// quote and label travel in a JSON:API body, as Line5 documents.
    pub async fn get(&self, quote_id: &Id, protection_label_id: &Id) -> Result<RateSheet> {
        validate::not_blank("id", quote_id.as_str())?;
        validate::not_blank("protection-label.id", protection_label_id.as_str())?;
        self.client
            .api
            .send_json(
                Request::new(paths::GET_RATES)
                    .json(&rates_request(quote_id, protection_label_id))?,
            )
            .await
    }
}
