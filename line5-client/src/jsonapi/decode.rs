//! The crate's bridge between documents and its typed models: decoding a
//! resource (with a decode error's whole path), resolving relationships,
//! and request documents with the secrets they serialized.

use serde::de::DeserializeOwned;

use super::{Document, PrimaryData, Resource};
use crate::{Error, Id, Result, VENDOR_NAME};

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
