//! Records that keep the raw JSON of what their tolerant fields could not
//! read: [`Unexpected`], [`record`] and the [`tolerant_record!`](crate::tolerant_record)
//! macro.
//!
//! How it works, in one pass over the JSON and without an allocation when
//! everything is read:
//!
//! - a record's `Deserialize` ([`tolerant_record!`](crate::tolerant_record))
//!   opens a *frame* on a thread-local stack (decoding is synchronous, so a
//!   frame lives exactly as long as the record's decode; a record inside a
//!   record opens its own frame on top, so nesting is safe), and runs the
//!   record's derived `deserialize` through a deserializer that remembers
//!   the name of the member being read (borrowed from the input: no copy);
//! - a tolerant reader ([`option_whole`](super::option_whole), ...) that
//!   cannot read a value parks its raw JSON on the top frame;
//! - after each member, the record looks at its frame: an empty frame (the
//!   fast path) costs one thread-local check; a parked value is moved into
//!   the record's [`Unexpected`] under the member's name, and the `WARN`
//!   event on `forecourt::reading` is emitted with that name.
//!
//! A reader that fails outside any record (a struct that does not use
//! [`tolerant_record!`](crate::tolerant_record)) emits the event at once
//! and keeps nothing, as before.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::fmt;
use std::ops::{Deref, DerefMut};

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

/// The raw JSON of the members a record's tolerant fields could not read,
/// keyed by the JSON member name, verbatim as the vendor sent them. Empty
/// when everything was read.
///
/// It dereferences to the map, a `BTreeMap<String, Box<RawValue>>`
/// (`record.unexpected["mileage"].get()` is the raw text). `Debug` shows
/// only the member names: the raw values may be personal data. Two are
/// equal when they hold the same names with the same raw texts.
#[derive(Clone, Default)]
pub struct Unexpected(pub BTreeMap<String, Box<RawValue>>);

impl Unexpected {
    /// An empty map.
    pub fn new() -> Self {
        Unexpected::default()
    }

    /// The map.
    pub fn into_inner(self) -> BTreeMap<String, Box<RawValue>> {
        self.0
    }
}

impl Deref for Unexpected {
    type Target = BTreeMap<String, Box<RawValue>>;

    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl DerefMut for Unexpected {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.0
    }
}

impl PartialEq for Unexpected {
    fn eq(&self, other: &Self) -> bool {
        self.0.len() == other.0.len()
            && self
                .0
                .iter()
                .zip(&other.0)
                .all(|((ka, va), (kb, vb))| ka == kb && va.get() == vb.get())
    }
}

impl Eq for Unexpected {}

impl fmt::Debug for Unexpected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // the values may be personal data: only the member names
        f.debug_list().entries(self.0.keys()).finish()
    }
}

impl From<BTreeMap<String, Box<RawValue>>> for Unexpected {
    fn from(map: BTreeMap<String, Box<RawValue>>) -> Self {
        Unexpected(map)
    }
}

impl From<Unexpected> for BTreeMap<String, Box<RawValue>> {
    fn from(u: Unexpected) -> Self {
        u.0
    }
}

impl<'a> IntoIterator for &'a Unexpected {
    type Item = (&'a String, &'a Box<RawValue>);
    type IntoIter = std::collections::btree_map::Iter<'a, String, Box<RawValue>>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

/// A value a tolerant reader could not read: its raw JSON, and what the
/// event says (the expected type and the JSON kind found).
pub(super) struct Parked {
    pub(super) raw: Box<RawValue>,
    pub(super) expected: &'static str,
    pub(super) found: &'static str,
}

/// One open record: what its readers parked, and what it keeps.
#[derive(Default)]
struct Frame {
    parked: Vec<Parked>,
    kept: Unexpected,
}

thread_local! {
    static FRAMES: RefCell<Vec<Frame>> = const { RefCell::new(Vec::new()) };
    /// How many values are parked and not yet settled: the fast path's one
    /// check after each member. An inner record settles (or closes) what it
    /// parked before the outer one looks, so a count above zero there is
    /// the outer record's.
    static PARKED: Cell<usize> = const { Cell::new(0) };
}

/// Parks a value a reader could not read on the innermost open record;
/// without one, emits the event at once. Never panics (a thread being torn
/// down has no frames).
pub(super) fn park(p: Parked) {
    let unparked = FRAMES
        .try_with(|frames| match frames.borrow_mut().last_mut() {
            Some(frame) => {
                frame.parked.push(p);
                let _ = PARKED.try_with(|n| n.set(n.get().saturating_add(1)));
                None
            }
            None => Some(p),
        })
        .unwrap_or(None);
    if let Some(p) = unparked {
        super::not_understood(p.expected, p.found, None);
    }
}

/// Moves what the innermost record's readers parked into what it keeps,
/// under `member`, with the event naming the member. One thread-local
/// check when nothing was parked.
#[inline(always)]
fn settle(member: &str) {
    if PARKED.try_with(Cell::get).unwrap_or(0) != 0 {
        settle_parked(member);
    }
}

#[cold]
#[inline(never)]
fn settle_parked(member: &str) {
    let parked = FRAMES
        .try_with(|frames| {
            frames
                .borrow_mut()
                .last_mut()
                .filter(|f| !f.parked.is_empty())
                .map(|f| std::mem::take(&mut f.parked))
        })
        .ok()
        .flatten();
    let Some(parked) = parked else { return };
    let _ = PARKED.try_with(|n| n.set(n.get().saturating_sub(parked.len())));
    for p in parked {
        super::not_understood(p.expected, p.found, Some(member));
        let _ = FRAMES.try_with(|frames| {
            if let Some(f) = frames.borrow_mut().last_mut() {
                f.kept.insert(member.to_owned(), p.raw);
            }
        });
    }
}

/// An open frame; closing it (or dropping it, on an error) pops it.
struct Open {
    closed: bool,
}

impl Open {
    fn push() -> Open {
        let _ = FRAMES.try_with(|frames| frames.borrow_mut().push(Frame::default()));
        Open { closed: false }
    }

    /// Pops the frame and gives what the record keeps. A value parked
    /// outside a member (a record sent as an array) has no name: its event
    /// is emitted and it is not kept.
    fn close(mut self) -> Unexpected {
        self.closed = true;
        let frame = FRAMES
            .try_with(|frames| frames.borrow_mut().pop())
            .ok()
            .flatten()
            .unwrap_or_default();
        let _ = PARKED.try_with(|n| n.set(n.get().saturating_sub(frame.parked.len())));
        for p in frame.parked {
            super::not_understood(p.expected, p.found, None);
        }
        frame.kept
    }
}

impl Drop for Open {
    fn drop(&mut self) {
        if !self.closed {
            let popped = FRAMES
                .try_with(|frames| frames.borrow_mut().pop())
                .ok()
                .flatten();
            if let Some(frame) = popped {
                let _ = PARKED.try_with(|n| n.set(n.get().saturating_sub(frame.parked.len())));
            }
        }
    }
}

/// Decodes a record with `derived` (its derived `deserialize`, from
/// `#[serde(remote = "Self")]`) and gives it with what its tolerant fields
/// could not read, keyed by member name. Used by
/// [`tolerant_record!`](crate::tolerant_record); call it directly for a
/// hand-written record.
pub fn record<'de, D, T>(
    d: D,
    derived: impl FnOnce(Tracked<D>) -> Result<T, D::Error>,
) -> Result<(T, Unexpected), D::Error>
where
    D: Deserializer<'de>,
{
    let open = Open::push();
    let value = derived(Tracked(d))?;
    Ok((value, open.close()))
}

/// Gives a record (a struct with `#[serde(remote = "Self")]`, some
/// [tolerant](super) fields and a field `unexpected: Unexpected` marked
/// `#[serde(skip)]`) its `Deserialize`: the derived one, with the raw JSON
/// of every member a tolerant field could not read kept in `unexpected`.
/// With `serialize`, also its `Serialize` (the derived one, unchanged).
///
/// ```
/// use forecourt_core::serde_helpers::tolerant::Unexpected;
/// #[derive(Debug, serde::Deserialize)]
/// #[serde(remote = "Self")]
/// struct Vehicle {
///     #[serde(default, deserialize_with = "forecourt_core::serde_helpers::tolerant::option_whole")]
///     mileage: Option<u32>,
///     #[serde(default)]
///     vin: Option<String>,
///     /// What the tolerant fields could not read, raw.
///     #[serde(skip)]
///     unexpected: Unexpected,
/// }
/// forecourt_core::tolerant_record!(Vehicle);
///
/// let v: Vehicle = serde_json::from_str(r#"{"mileage": "about 12k", "vin": "V1"}"#).unwrap();
/// assert_eq!(v.mileage, None);
/// assert_eq!(v.unexpected["mileage"].get(), r#""about 12k""#);
/// assert_eq!(v.vin.as_deref(), Some("V1"));
/// assert_eq!(format!("{:?}", v.unexpected), r#"["mileage"]"#);
/// ```
#[macro_export]
macro_rules! tolerant_record {
    (serialize $($t:ty),+ $(,)?) => {
        $(
            $crate::tolerant_record!($t);
            impl $crate::__serde::Serialize for $t {
                fn serialize<S: $crate::__serde::Serializer>(
                    &self,
                    s: S,
                ) -> ::core::result::Result<S::Ok, S::Error> {
                    <$t>::serialize(self, s)
                }
            }
        )+
    };
    ($($t:ty),+ $(,)?) => {
        $(
            impl<'de> $crate::__serde::Deserialize<'de> for $t {
                fn deserialize<D: $crate::__serde::Deserializer<'de>>(
                    d: D,
                ) -> ::core::result::Result<Self, D::Error> {
                    let (mut record, unexpected) =
                        $crate::serde_helpers::tolerant::record(d, <$t>::deserialize)?;
                    record.unexpected = unexpected;
                    ::core::result::Result::Ok(record)
                }
            }
        )+
    };
}

/// The deserializer a record's derived `deserialize` runs on: the one it
/// was given, remembering the name of the member being read.
pub struct Tracked<D>(D);

impl<D: fmt::Debug> fmt::Debug for Tracked<D> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Tracked").field(&self.0).finish()
    }
}

macro_rules! forward {
    ($($method:ident($($arg:ident: $ty:ty),*);)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value, D::Error> {
                self.0.$method($($arg,)* visitor)
            }
        )*
    };
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Tracked<D> {
    type Error = D::Error;

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0
            .deserialize_struct(name, fields, TrackedVisitor(visitor))
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_map(TrackedVisitor(visitor))
    }

    fn is_human_readable(&self) -> bool {
        self.0.is_human_readable()
    }

    forward! {
        deserialize_any();
        deserialize_bool();
        deserialize_i8();
        deserialize_i16();
        deserialize_i32();
        deserialize_i64();
        deserialize_i128();
        deserialize_u8();
        deserialize_u16();
        deserialize_u32();
        deserialize_u64();
        deserialize_u128();
        deserialize_f32();
        deserialize_f64();
        deserialize_char();
        deserialize_str();
        deserialize_string();
        deserialize_bytes();
        deserialize_byte_buf();
        deserialize_option();
        deserialize_unit();
        deserialize_unit_struct(name: &'static str);
        deserialize_newtype_struct(name: &'static str);
        deserialize_seq();
        deserialize_tuple(len: usize);
        deserialize_tuple_struct(name: &'static str, len: usize);
        deserialize_enum(name: &'static str, variants: &'static [&'static str]);
        deserialize_identifier();
        deserialize_ignored_any();
    }
}

struct TrackedVisitor<V>(V);

impl<'de, V: Visitor<'de>> Visitor<'de> for TrackedVisitor<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.expecting(f)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.0.visit_map(TrackedMap {
            map,
            member: Cow::Borrowed(""),
        })
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        self.0.visit_seq(seq)
    }

    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        self.0.visit_unit()
    }

    fn visit_none<E: de::Error>(self) -> Result<V::Value, E> {
        self.0.visit_none()
    }
}

/// The record's members, each name kept (borrowed from the input when it
/// can be) until its value is read.
struct TrackedMap<'de, A> {
    map: A,
    member: Cow<'de, str>,
}

/// The key seed of a member: the record's own, run on a deserializer that
/// also writes the name into `slot` (borrowed from the input when it can
/// be), so the name is read once.
struct KeySeed<'a, 'de, K> {
    seed: K,
    slot: &'a mut Cow<'de, str>,
}

impl<'de, K: DeserializeSeed<'de>> DeserializeSeed<'de> for KeySeed<'_, 'de, K> {
    type Value = K::Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<K::Value, D::Error> {
        self.seed.deserialize(KeyDe { d, slot: self.slot })
    }
}

struct KeyDe<'a, 'de, D> {
    d: D,
    slot: &'a mut Cow<'de, str>,
}

macro_rules! capture {
    ($($method:ident($($arg:ident: $ty:ty),*);)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value, D::Error> {
                self.d.$method($($arg,)* KeyVisitor { visitor, slot: self.slot })
            }
        )*
    };
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for KeyDe<'_, 'de, D> {
    type Error = D::Error;

    capture! {
        deserialize_any();
        deserialize_bool();
        deserialize_i8();
        deserialize_i16();
        deserialize_i32();
        deserialize_i64();
        deserialize_i128();
        deserialize_u8();
        deserialize_u16();
        deserialize_u32();
        deserialize_u64();
        deserialize_u128();
        deserialize_f32();
        deserialize_f64();
        deserialize_char();
        deserialize_str();
        deserialize_string();
        deserialize_bytes();
        deserialize_byte_buf();
        deserialize_option();
        deserialize_unit();
        deserialize_unit_struct(name: &'static str);
        deserialize_newtype_struct(name: &'static str);
        deserialize_seq();
        deserialize_tuple(len: usize);
        deserialize_tuple_struct(name: &'static str, len: usize);
        deserialize_map();
        deserialize_struct(name: &'static str, fields: &'static [&'static str]);
        deserialize_enum(name: &'static str, variants: &'static [&'static str]);
        deserialize_identifier();
        deserialize_ignored_any();
    }

    fn is_human_readable(&self) -> bool {
        self.d.is_human_readable()
    }
}

/// The key visitor of the record, writing a text name into the slot.
struct KeyVisitor<'a, 'de, V> {
    visitor: V,
    slot: &'a mut Cow<'de, str>,
}

impl<'de, V: Visitor<'de>> Visitor<'de> for KeyVisitor<'_, 'de, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.visitor.expecting(f)
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<V::Value, E> {
        *self.slot = Cow::Borrowed(v);
        self.visitor.visit_borrowed_str(v)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<V::Value, E> {
        // an escaped name (or another deserializer's): copied, rarely
        *self.slot = Cow::Owned(v.to_owned());
        self.visitor.visit_str(v)
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<V::Value, E> {
        *self.slot = Cow::Owned(v.clone());
        self.visitor.visit_string(v)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<V::Value, E> {
        self.visitor.visit_bool(v)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<V::Value, E> {
        self.visitor.visit_i64(v)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<V::Value, E> {
        self.visitor.visit_u64(v)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<V::Value, E> {
        self.visitor.visit_f64(v)
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<V::Value, E> {
        self.visitor.visit_bytes(v)
    }

    fn visit_borrowed_bytes<E: de::Error>(self, v: &'de [u8]) -> Result<V::Value, E> {
        self.visitor.visit_borrowed_bytes(v)
    }

    fn visit_byte_buf<E: de::Error>(self, v: Vec<u8>) -> Result<V::Value, E> {
        self.visitor.visit_byte_buf(v)
    }
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for TrackedMap<'de, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        self.map.next_key_seed(KeySeed {
            seed,
            slot: &mut self.member,
        })
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        let value = self.map.next_value_seed(seed)?;
        settle(&self.member);
        Ok(value)
    }

    fn size_hint(&self) -> Option<usize> {
        self.map.size_hint()
    }
}
