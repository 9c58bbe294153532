//! The owned-model floor of a decode: a visitor that walks any JSON value,
//! validates and copies every string value into a `String` (as an owned
//! model must), reads keys as `&str` (as a typed model does to match them),
//! and drops everything else. Shared by `decode_profile.rs` and the
//! `decode` group of `autengo.rs` with `#[path]`.
#![allow(dead_code)]

use std::fmt;
use std::hint::black_box;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};

/// Walks any JSON value; allocates a `String` for every string value (not
/// for keys, which are only read as `&str`, as a typed model must do to
/// match them), and drops everything else.
pub struct StringsOnly;

impl<'de> Deserialize<'de> for StringsOnly {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(StringsOnly)
    }
}

impl<'de> Visitor<'de> for StringsOnly {
    type Value = StringsOnly;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self, E> {
        black_box(v);
        Ok(StringsOnly)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self, E> {
        black_box(v);
        Ok(StringsOnly)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self, E> {
        black_box(v);
        Ok(StringsOnly)
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self, E> {
        black_box(v);
        Ok(StringsOnly)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self, E> {
        black_box(String::from(v));
        Ok(StringsOnly)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self, E> {
        Ok(StringsOnly)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self, A::Error> {
        while seq.next_element::<StringsOnly>()?.is_some() {}
        Ok(StringsOnly)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self, A::Error> {
        while map.next_key::<KeyStr>()?.is_some() {
            map.next_value::<StringsOnly>()?;
        }
        Ok(StringsOnly)
    }
}

/// A map key read as a borrowed (validated) `&str` and dropped.
struct KeyStr;

impl<'de> Deserialize<'de> for KeyStr {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(KeyStr)
    }
}

impl<'de> Visitor<'de> for KeyStr {
    type Value = KeyStr;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self, E> {
        black_box(v);
        Ok(KeyStr)
    }
}
