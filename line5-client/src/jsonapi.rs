//! A generic JSON:API document model, written for Line5's dialect.
//!
//! Line5 follows JSON:API with two twists that general JSON:API crates drop:
//!
//! - **attributes inside relationship data**: a request nests the customer,
//!   vehicle and payment method as `relationships.customer.data.attributes`;
//! - **flat included objects**: some responses put plain objects (no `type`,
//!   no `attributes`, snake_case members) into `included`.
//!
//! So [`Resource`] keeps `attributes` as raw JSON (exact: money is never
//! routed through `f64`), keeps any non-JSON:API member, and relationship
//! data are full [`Resource`]s. Typed values come out through
//! [`Resource::attributes_as`] and [`Document::resolve`].

mod decode;
mod error;
mod resource;

pub(crate) use decode::{
    FromResource, decode_in, decode_resource, missing_data, no_id, related_many, related_one,
    single, with_document,
};
pub(crate) use error::JsonApiErrorMapper;
pub use error::{ErrorObject, ErrorSource};
pub use resource::{Link, Relationship, Resource};

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use serde_json::value::RawValue;

use crate::{Error, Id, Result};
use resource::ResourceVisitor;

/// Raw JSON, kept exactly as received (or as encoded).
pub type RawJson = Box<RawValue>;

fn to_raw<T: Serialize + ?Sized>(value: &T, field: &'static str) -> Result<RawJson> {
    serde_json::value::to_raw_value(value)
        .map_err(|_| Error::invalid_input(field, "could not be encoded as JSON"))
}

/// A JSON:API top-level document.
#[derive(Clone, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Document {
    /// The primary data: one resource, many, or `null`/absent.
    #[serde(default, skip_serializing_if = "PrimaryData::is_none")]
    pub data: PrimaryData,
    /// Resources included alongside the primary data.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub included: Vec<Resource>,
    /// Top-level links.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub links: BTreeMap<String, Link>,
    /// Error objects (error responses).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ErrorObject>,
    /// Top-level meta, raw.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meta: Option<RawJson>,
}

impl fmt::Debug for Document {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Document")
            .field("data", &self.data)
            .field("included", &self.included)
            .field("errors", &self.errors.len())
            .finish_non_exhaustive()
    }
}

impl Document {
    /// A document whose primary data is one resource.
    pub fn single(resource: Resource) -> Self {
        Document {
            data: PrimaryData::One(Box::new(resource)),
            ..Document::default()
        }
    }

    /// A document whose primary data is a list of resources.
    pub fn many(resources: Vec<Resource>) -> Self {
        Document {
            data: PrimaryData::Many(resources),
            ..Document::default()
        }
    }

    /// Adds included resources.
    pub fn with_included(mut self, included: Vec<Resource>) -> Self {
        self.included = included;
        self
    }

    /// The primary resource, if the data is a single resource.
    pub fn primary(&self) -> Option<&Resource> {
        match &self.data {
            PrimaryData::One(r) => Some(r),
            _ => None,
        }
    }

    /// The primary resources as a slice (one, many, or none).
    pub fn primary_all(&self) -> &[Resource] {
        match &self.data {
            PrimaryData::One(r) => std::slice::from_ref(r),
            PrimaryData::Many(v) => v,
            PrimaryData::None => &[],
        }
    }

    /// The included resource (or primary resource) with this type and id.
    ///
    /// An included object without `type` (Line5 sends some flat) matches
    /// on its id alone.
    pub fn resolve(&self, kind: Option<&str>, id: &Id) -> Option<&Resource> {
        let matches = |r: &&Resource| {
            r.id.as_ref() == Some(id)
                && match (kind, r.kind.as_deref()) {
                    (Some(want), Some(have)) => want == have,
                    _ => true,
                }
        };
        self.included
            .iter()
            .find(matches)
            .or_else(|| self.primary_all().iter().find(matches))
    }

    /// The resources a relationship of `resource` points to, resolved
    /// against `included`. Relationship data that carry their own
    /// attributes (Line5 requests) are returned as they are; linkages
    /// without a match are skipped.
    pub fn related<'a>(&'a self, resource: &'a Resource, name: &str) -> Vec<&'a Resource> {
        let Some(rel) = resource.relationships.get(name) else {
            return Vec::new();
        };
        rel.data
            .iter()
            .filter_map(|link| {
                if link.attributes.is_some() {
                    return Some(link);
                }
                let id = link.id.as_ref()?;
                self.resolve(link.kind.as_deref(), id)
            })
            .collect()
    }

    /// The included resources of one type.
    pub fn included_of_type<'a>(
        &'a self,
        kind: &'a str,
    ) -> impl Iterator<Item = &'a Resource> + 'a {
        self.included
            .iter()
            .filter(move |r| r.kind.as_deref() == Some(kind))
    }
}

/// The primary data of a [`Document`].
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub enum PrimaryData {
    /// `null` or absent.
    #[default]
    None,
    /// One resource.
    One(Box<Resource>),
    /// A list of resources.
    Many(Vec<Resource>),
}

impl PrimaryData {
    /// Whether there is no primary data.
    pub fn is_none(&self) -> bool {
        matches!(self, PrimaryData::None)
    }
}

impl Serialize for PrimaryData {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            PrimaryData::None => s.serialize_none(),
            PrimaryData::One(r) => r.serialize(s),
            PrimaryData::Many(v) => v.serialize(s),
        }
    }
}

struct PrimaryVisitor;

impl<'de> Visitor<'de> for PrimaryVisitor {
    type Value = PrimaryData;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a resource object, a list of them, or null")
    }

    fn visit_unit<E: de::Error>(self) -> std::result::Result<PrimaryData, E> {
        Ok(PrimaryData::None)
    }

    fn visit_none<E: de::Error>(self) -> std::result::Result<PrimaryData, E> {
        Ok(PrimaryData::None)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> std::result::Result<PrimaryData, A::Error> {
        ResourceVisitor
            .visit_map(map)
            .map(|r| PrimaryData::One(Box::new(r)))
    }

    fn visit_seq<A: de::SeqAccess<'de>>(
        self,
        mut seq: A,
    ) -> std::result::Result<PrimaryData, A::Error> {
        let mut out = Vec::new();
        while let Some(r) = seq.next_element::<Resource>()? {
            out.push(r);
        }
        Ok(PrimaryData::Many(out))
    }
}

impl<'de> Deserialize<'de> for PrimaryData {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        d.deserialize_any(PrimaryVisitor)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn keeps_attributes_exact_and_flat_members() {
        let doc: Document = serde_json::from_str(
            r#"{"data":{"id":"1","type":"quotes","attributes":{"price":0.1000000000000000055511151231257827},"relationships":{"customer":{"data":{"id":"2","type":"customers"}},"qp":{"data":[]}}},
                "included":[{"id":"2","type":"customers","attributes":{"first-name":"A"}},{"id":12345,"term":24}]}"#,
        )
        .unwrap();
        let q = doc.primary().unwrap();
        assert!(
            q.attributes
                .as_ref()
                .unwrap()
                .get()
                .contains("0.1000000000000000055511151231257827")
        );
        assert_eq!(doc.related(q, "customer").len(), 1);
        assert!(q.relationships["qp"].to_many);
        let flat = &doc.included[1];
        assert_eq!(flat.kind, None);
        assert_eq!(flat.flat_json().unwrap(), r#"{"id":12345,"term":24}"#);
        let back = serde_json::to_value(&doc).unwrap();
        assert_eq!(
            back["data"]["relationships"]["qp"]["data"],
            serde_json::json!([])
        );
    }
}
