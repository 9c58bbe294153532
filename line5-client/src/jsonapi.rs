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

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, DeserializeOwned, Deserializer, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};
use serde_json::value::RawValue;

use crate::{Error, Id, Result, VENDOR_NAME};
use forecourt_core::ErrorDetail;

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

/// A resource object (or, in Line5's requests, relationship data with attributes).
#[derive(Clone, Default)]
#[non_exhaustive]
pub struct Resource {
    /// The `type` member (absent on Line5's flat included objects).
    pub kind: Option<String>,
    /// The `id` member (a string or a number on the wire).
    pub id: Option<Id>,
    /// The `attributes` member, raw and exact.
    pub attributes: Option<RawJson>,
    /// The `relationships` member.
    pub relationships: BTreeMap<String, Relationship>,
    /// The `links` member.
    pub links: BTreeMap<String, Link>,
    /// The `meta` member, raw.
    pub meta: Option<RawJson>,
    /// Any other member (Line5's flat objects put their fields here).
    pub other: BTreeMap<String, RawJson>,
}

impl fmt::Debug for Resource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // attributes can hold personal data: only their presence is shown
        f.debug_struct("Resource")
            .field("type", &self.kind)
            .field("id", &self.id)
            .field("has_attributes", &self.attributes.is_some())
            .field("relationships", &self.relationships)
            .finish_non_exhaustive()
    }
}

impl Resource {
    /// A resource of this `type`.
    pub fn new(kind: impl Into<String>) -> Self {
        Resource {
            kind: Some(kind.into()),
            ..Resource::default()
        }
    }

    /// Sets the id.
    pub fn with_id(mut self, id: impl Into<Id>) -> Self {
        self.id = Some(id.into());
        self
    }

    /// Sets the attributes from any serializable value (exactly, without `f64`).
    pub fn with_attributes<T: Serialize + ?Sized>(mut self, attributes: &T) -> Result<Self> {
        self.attributes = Some(to_raw(attributes, "attributes")?);
        Ok(self)
    }

    /// Adds a relationship.
    pub fn with_relationship(mut self, name: impl Into<String>, rel: Relationship) -> Self {
        self.relationships.insert(name.into(), rel);
        self
    }

    /// Decodes the attributes into `T` (a decode error names the JSON path).
    /// A resource without `attributes` decodes from an empty object.
    pub fn attributes_as<T: DeserializeOwned>(&self) -> Result<T> {
        match &self.attributes {
            Some(raw) => forecourt_core::decode_json(VENDOR_NAME, raw.get().as_bytes()),
            None => forecourt_core::decode_json(VENDOR_NAME, b"{}"),
        }
    }

    /// The object as flat JSON: `id`, `type` and every non-JSON:API member
    /// (for Line5's flat included objects).
    pub fn flat_json(&self) -> Result<String> {
        struct Flat<'a>(&'a Resource);
        impl Serialize for Flat<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
                let mut m = s.serialize_map(None)?;
                if let Some(id) = &self.0.id {
                    m.serialize_entry("id", id)?;
                }
                if let Some(kind) = &self.0.kind {
                    m.serialize_entry("type", kind)?;
                }
                for (k, v) in &self.0.other {
                    m.serialize_entry(k, v)?;
                }
                m.end()
            }
        }
        serde_json::to_string(&Flat(self))
            .map_err(|_| Error::invalid_input("resource", "could not be encoded as JSON"))
    }

    /// The `links.download` (or any other) link's URL.
    pub fn link(&self, name: &str) -> Option<&str> {
        self.links.get(name).map(Link::href)
    }

    /// The ids a relationship points to.
    pub fn relationship_ids(&self, name: &str) -> Vec<Id> {
        self.relationships
            .get(name)
            .map(|r| r.data.iter().filter_map(|d| d.id.clone()).collect())
            .unwrap_or_default()
    }
}

impl Serialize for Resource {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        if let Some(kind) = &self.kind {
            m.serialize_entry("type", kind)?;
        }
        if let Some(id) = &self.id {
            m.serialize_entry("id", id)?;
        }
        if let Some(a) = &self.attributes {
            m.serialize_entry("attributes", a)?;
        }
        if !self.relationships.is_empty() {
            m.serialize_entry("relationships", &self.relationships)?;
        }
        if !self.links.is_empty() {
            m.serialize_entry("links", &self.links)?;
        }
        if let Some(meta) = &self.meta {
            m.serialize_entry("meta", meta)?;
        }
        for (k, v) in &self.other {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

/// A member name of a resource object, read without allocating unless it
/// is one JSON:API does not define (Line5's flat objects, kept in
/// [`Resource::other`]).
enum Member {
    Type,
    Id,
    Attributes,
    Relationships,
    Links,
    Meta,
    Other(String),
}

impl<'de> Deserialize<'de> for Member {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        forecourt_core::serde_helpers::from_str_with(d, |v| {
            Ok::<_, std::convert::Infallible>(match v {
                "type" => Member::Type,
                "id" => Member::Id,
                "attributes" => Member::Attributes,
                "relationships" => Member::Relationships,
                "links" => Member::Links,
                "meta" => Member::Meta,
                other => Member::Other(other.to_owned()),
            })
        })
    }
}

struct ResourceVisitor;

impl<'de> Visitor<'de> for ResourceVisitor {
    type Value = Resource;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON:API resource object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<Resource, A::Error> {
        let mut r = Resource::default();
        while let Some(member) = map.next_key::<Member>()? {
            match member {
                Member::Type => r.kind = map.next_value()?,
                Member::Id => r.id = map.next_value()?,
                Member::Attributes => {
                    let raw: RawJson = map.next_value()?;
                    r.attributes = (raw.get() != "null").then_some(raw);
                }
                Member::Relationships => {
                    r.relationships = map
                        .next_value::<Option<BTreeMap<String, Relationship>>>()?
                        .unwrap_or_default();
                }
                Member::Links => {
                    r.links = map
                        .next_value::<Option<BTreeMap<String, Link>>>()?
                        .unwrap_or_default();
                }
                Member::Meta => r.meta = Some(map.next_value()?),
                Member::Other(key) => {
                    let v: RawJson = map.next_value()?;
                    r.other.insert(key, v);
                }
            }
        }
        Ok(r)
    }
}

impl<'de> Deserialize<'de> for Resource {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        d.deserialize_map(ResourceVisitor)
    }
}

/// A relationship: its data (one, many, or none) and links.
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub struct Relationship {
    /// The related resources (identifiers, or with attributes in Line5 requests).
    pub data: Vec<Resource>,
    /// Whether `data` is a list (`[]`) rather than one object or `null`.
    pub to_many: bool,
    /// The relationship's links.
    pub links: BTreeMap<String, Link>,
}

impl Relationship {
    /// A to-one relationship.
    pub fn one(resource: Resource) -> Self {
        Relationship {
            data: vec![resource],
            to_many: false,
            links: BTreeMap::new(),
        }
    }

    /// A to-many relationship.
    pub fn many(resources: Vec<Resource>) -> Self {
        Relationship {
            data: resources,
            to_many: true,
            links: BTreeMap::new(),
        }
    }
}

impl Serialize for Relationship {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        if self.to_many {
            m.serialize_entry("data", &self.data)?;
        } else {
            m.serialize_entry("data", &self.data.first())?;
        }
        if !self.links.is_empty() {
            m.serialize_entry("links", &self.links)?;
        }
        m.end()
    }
}

impl<'de> Deserialize<'de> for Relationship {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Wire {
            #[serde(default)]
            data: PrimaryData,
            #[serde(default)]
            links: Option<BTreeMap<String, Link>>,
        }
        let w = Wire::deserialize(d)?;
        let (data, to_many) = match w.data {
            PrimaryData::None => (Vec::new(), false),
            PrimaryData::One(r) => (vec![*r], false),
            PrimaryData::Many(v) => (v, true),
        };
        Ok(Relationship {
            data,
            to_many,
            links: w.links.unwrap_or_default(),
        })
    }
}

/// A link: a URL string, or an object with `href`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Link {
    /// The URL.
    pub href: String,
}

impl Link {
    /// The URL.
    pub fn href(&self) -> &str {
        &self.href
    }
}

impl Serialize for Link {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&self.href)
    }
}

impl<'de> Deserialize<'de> for Link {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Link;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a link string or an object with href")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<Link, E> {
                Ok(Link { href: v.to_owned() })
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<Link, A::Error> {
                /// Whether a member is `href`, read without allocating.
                struct IsHref(bool);
                impl<'de> Deserialize<'de> for IsHref {
                    fn deserialize<D: Deserializer<'de>>(
                        d: D,
                    ) -> std::result::Result<Self, D::Error> {
                        forecourt_core::serde_helpers::from_str_with(d, |v| {
                            Ok::<_, std::convert::Infallible>(IsHref(v == "href"))
                        })
                    }
                }
                let mut href = None;
                while let Some(IsHref(is_href)) = map.next_key()? {
                    if is_href {
                        href = Some(map.next_value::<String>()?);
                    } else {
                        map.next_value::<de::IgnoredAny>()?;
                    }
                }
                href.map(|href| Link { href })
                    .ok_or_else(|| de::Error::missing_field("href"))
            }
        }
        d.deserialize_any(V)
    }
}

/// A JSON:API error object (`{"source":{"pointer"},"detail"}` in Line5's form).
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq, Eq)]
#[non_exhaustive]
pub struct ErrorObject {
    /// Where the error is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<ErrorSource>,
    /// What is wrong.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// A short summary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The HTTP status, as a string (a number is read as its text).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "forecourt_core::serde_helpers::lenient::option_string_or_number"
    )]
    pub status: Option<String>,
    /// An application code (a number is read as its text).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "forecourt_core::serde_helpers::lenient::option_string_or_number"
    )]
    pub code: Option<String>,
    /// Non-standard meta-information about the error.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meta: Option<serde_json::Value>,
}

impl ErrorObject {
    /// The common shape of this error object, with every member the JSON:API
    /// specification defines: `detail` (or `title` when there is no detail)
    /// as the message, `title`, `status`, `code`, `source.pointer` (or
    /// `source.parameter` when there is no pointer) as the pointer,
    /// `source.parameter`, and `meta` as raw JSON text. Digit runs that look
    /// like personal numbers are masked in the texts and the meta.
    pub fn to_detail(&self) -> ErrorDetail {
        let message = self
            .detail
            .clone()
            .or_else(|| self.title.clone())
            .unwrap_or_default();
        let mut d = ErrorDetail::message(message);
        let source = self.source.as_ref();
        let pointer = source.and_then(|s| s.pointer.clone());
        let parameter = source.and_then(|s| s.parameter.clone());
        if let Some(p) = pointer.or_else(|| parameter.clone()) {
            d = d.with_pointer(p);
        }
        if let Some(p) = parameter {
            d = d.with_parameter(p);
        }
        if let Some(c) = &self.code {
            d = d.with_code(c.clone());
        }
        if let Some(t) = &self.title {
            d = d.with_title(t.clone());
        }
        if let Some(s) = &self.status {
            d = d.with_status(s.clone());
        }
        if let Some(m) = &self.meta {
            d = d.with_meta(forecourt_core::redact::mask_digit_runs(&m.to_string()));
        }
        d
    }
}

/// Maps a JSON:API error document to [`ErrorDetail`]s keeping every member
/// ([`ErrorObject::to_detail`]); any other body goes to the core's
/// [`DefaultErrorMapper`](forecourt_core::DefaultErrorMapper).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct JsonApiErrorMapper;

impl forecourt_core::ErrorMapper for JsonApiErrorMapper {
    fn details(&self, status: forecourt_core::http::StatusCode, body: &[u8]) -> Vec<ErrorDetail> {
        #[derive(Deserialize)]
        struct Errors {
            errors: Vec<ErrorObject>,
        }
        match serde_json::from_slice::<Errors>(body) {
            Ok(e) if !e.errors.is_empty() => e.errors.iter().map(ErrorObject::to_detail).collect(),
            _ => forecourt_core::DefaultErrorMapper.details(status, body),
        }
    }
}

impl ErrorObject {
    /// An error with a pointer and a detail (the form Line5 uses).
    pub fn new(pointer: impl Into<String>, detail: impl Into<String>) -> Self {
        ErrorObject {
            source: Some(ErrorSource {
                pointer: Some(pointer.into()),
                parameter: None,
            }),
            detail: Some(detail.into()),
            ..ErrorObject::default()
        }
    }
}

/// The `source` of an [`ErrorObject`].
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq, Eq)]
#[non_exhaustive]
pub struct ErrorSource {
    /// A JSON pointer into the request document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pointer: Option<String>,
    /// A query parameter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parameter: Option<String>,
}

/// `request` with the JSON:API document `build` makes as its body. The
/// document is serialized (attributes into raw JSON) before the request
/// exists, so the [`Redacted`](forecourt_core::Redacted) values it
/// serialized are collected here and registered as the call's secrets.
pub(crate) fn with_document(
    request: forecourt_core::Request,
    build: impl FnOnce() -> Result<Document>,
) -> Result<forecourt_core::Request> {
    let (doc, secrets) = forecourt_core::redact::collecting(build);
    let mut request = request.json(&doc?)?;
    for s in secrets {
        request = request.scrub(s);
    }
    Ok(request)
}

/// A typed model decoded from a [`Resource`]: from its attributes, or from
/// the whole object when Line5 sends it flat.
pub(crate) trait FromResource: DeserializeOwned {
    fn set_id(&mut self, id: Id);
}

pub(crate) fn decode_resource<T: FromResource>(r: &Resource) -> Result<T> {
    let mut value: T = if r.attributes.is_none() && !r.other.is_empty() {
        let flat = r.flat_json()?;
        forecourt_core::decode_json(VENDOR_NAME, flat.as_bytes())?
    } else {
        r.attributes_as()?
    };
    if let Some(id) = &r.id {
        value.set_id(id.clone());
    }
    Ok(value)
}

/// Where `r` sits in `doc`, by identity: `data`, `data[2]` or `included[3]`.
fn locate(doc: &Document, r: &Resource) -> Option<String> {
    match &doc.data {
        PrimaryData::One(p) if std::ptr::eq(&**p, r) => return Some("data".to_owned()),
        PrimaryData::Many(v) => {
            if let Some(i) = v.iter().position(|x| std::ptr::eq(x, r)) {
                return Some(format!("data[{i}]"));
            }
        }
        _ => {}
    }
    doc.included
        .iter()
        .position(|x| std::ptr::eq(x, r))
        .map(|i| format!("included[{i}]"))
}

/// [`decode_resource`], with a decode error's path made whole: the place of
/// the resource in the document and its member (`included[3].attributes.mileage`),
/// and the resource's type and id in the message. `fallback` names a
/// resource that is not in `doc` (relationship data carrying attributes).
pub(crate) fn decode_in<T: FromResource>(
    doc: &Document,
    r: &Resource,
    fallback: &str,
) -> Result<T> {
    decode_resource(r).map_err(|e| match e {
        Error::Decode(mut d) => {
            let base = locate(doc, r).unwrap_or_else(|| fallback.to_owned());
            let member = if r.attributes.is_none() && !r.other.is_empty() {
                ""
            } else {
                ".attributes"
            };
            let inner = d.path.trim_start_matches('.');
            d.path = if inner.is_empty() {
                format!("{base}{member}")
            } else if inner.starts_with('[') {
                format!("{base}{member}{inner}")
            } else {
                format!("{base}{member}.{inner}")
            };
            let kind = r.kind.as_deref().unwrap_or("(no type)");
            let id = r.id.as_ref().map_or("(no id)", Id::as_str);
            d.message = format!("in resource type `{kind}` id `{id}`: {}", d.message);
            Error::Decode(d)
        }
        other => other,
    })
}

/// The first resource a to-one relationship resolves to, decoded.
pub(crate) fn related_one<T: FromResource>(
    doc: &Document,
    r: &Resource,
    name: &str,
) -> Result<Option<T>> {
    let fallback = format!("relationships.{name}.data");
    doc.related(r, name)
        .into_iter()
        .next()
        .map(|x| decode_in(doc, x, &fallback))
        .transpose()
}

/// Every resource a to-many relationship resolves to, decoded.
pub(crate) fn related_many<T: FromResource>(
    doc: &Document,
    r: &Resource,
    name: &str,
) -> Result<Vec<T>> {
    let fallback = format!("relationships.{name}.data");
    doc.related(r, name)
        .into_iter()
        .map(|x| decode_in(doc, x, &fallback))
        .collect()
}

/// The id that model fields start with before the resource's id is set.
pub(crate) fn no_id() -> Id {
    Id::new("")
}

/// A missing primary resource.
pub(crate) fn missing_data() -> Error {
    Error::Protocol {
        vendor: VENDOR_NAME,
        message: "the response document has no primary resource".into(),
    }
}

/// A request document: `{"data": resource}`, as raw JSON body.
pub(crate) fn single(resource: Resource) -> Document {
    Document::single(resource)
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
