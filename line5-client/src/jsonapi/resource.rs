//! [`Resource`] (attributes raw and exact, non-JSON:API members kept), its
//! [`Relationship`]s and [`Link`]s, and their wire form.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, DeserializeOwned, Deserializer, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};

use super::{PrimaryData, RawJson, to_raw};
use crate::{Error, Id, Result, VENDOR_NAME};

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

pub(super) struct ResourceVisitor;

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
