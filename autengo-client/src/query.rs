//! Typed list queries in the LHS-bracket form the Autengo server reads.
//!
//! The server parses query strings the way the npm package
//! [`qs`](https://www.npmjs.com/package/qs) does. This module writes them in
//! the one form that `qs` reads back into the intended object:
//!
//! | what | written as | `qs.parse` gives |
//! |---|---|---|
//! | search | `search=titanium` | `{search: 'titanium'}` |
//! | one condition | `and[makeName]=Ford` | `{and: {makeName: 'Ford'}}` |
//! | several conditions on one column | `and[kilometers][]=%3E%3D%7C25000&and[kilometers][]=%3C%3D%7C250000` | `{and: {kilometers: ['>=|25000', '<=|250000']}}` |
//! | order | `order[field]=created&order[dir]=desc` | `{order: {field: 'created', dir: 'desc'}}` |
//! | paging | `offset=0&limit=25` | `{offset: '0', limit: '25'}` |
//! | filter-value fields | `fields[]=makeId` | `{fields: ['makeId']}` |
//!
//! Values are percent-encoded like `encodeURIComponent` (everything but
//! `A-Z a-z 0-9 - _ . ~`), so `&`, `=`, `|`, `[`, `]`, `%`, `+`, spaces,
//! umlauts and emoji arrive as sent. Arrays use brackets without indices.
//! The deepest key (`and[column][]`) has two bracket levels, within `qs`'s
//! default depth of 5.
//!
//! Limits of `qs` that would silently change the meaning of a query are
//! refused before sending, with [`Error::InvalidInput`]:
//!
//! - more than [`MAX_ARRAY_VALUES`] (20) conditions on one column: `qs` since
//!   6.14.1 parses arrays of more than 20 items (in every form: `[]`,
//!   indexed, repeated keys) as an object with keys `"0"`, `"1"`, ...;
//! - more than [`MAX_PARAMETERS`] (1000) parameters: `qs` drops the rest;
//! - a column name that is empty, contains `[` or `]`, or is a property of
//!   JavaScript's `Object.prototype` (`qs` drops those keys).
//! - an `and`/`or` column name that `qs` reads as an array index (the
//!   integers 0 to 20 written canonically: `and[2]` is position 2).
//!
//! The conformance vectors in `tests/fixtures/qs_vectors.json` (produced by
//! `tools/qs-vectors`) prove every form above against `qs` itself.

use std::fmt::{self, Write as _};

use jiff::civil::{Date, DateTime};
use rust_decimal::Decimal;

use crate::{Error, Result};
use forecourt_core::serde_helpers::VendorDateTime;

/// The largest number of conditions on one column that `qs` (6.14.1 and
/// later) still parses as an array.
pub const MAX_ARRAY_VALUES: usize = 20;

/// `qs`'s default `parameterLimit`: parameters past it are dropped by the server.
pub const MAX_PARAMETERS: usize = 1000;

/// Property names of JavaScript's `Object.prototype`; `qs` drops keys named so.
pub(crate) const PROTOTYPE_KEYS: &[&str] = &[
    "__proto__",
    "constructor",
    "hasOwnProperty",
    "isPrototypeOf",
    "propertyIsEnumerable",
    "toLocaleString",
    "toString",
    "valueOf",
    "__defineGetter__",
    "__defineSetter__",
    "__lookupGetter__",
    "__lookupSetter__",
];

macro_rules! columns {
    ($( $(#[$m:meta])* $variant:ident => $text:literal ),+ $(,)?) => {
        /// A vehicle column that lists can be filtered and ordered by: the 39
        /// columns the documentation names, or another one.
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum Column {
            $( $(#[$m])* #[doc = concat!("`", $text, "`")] $variant, )+
            /// A column the documentation does not name (checked before sending:
            /// not empty, no `[` or `]`).
            Other(String),
        }

        impl Column {
            /// The vendor's name of the column.
            pub fn as_str(&self) -> &str {
                match self {
                    $( Column::$variant => $text, )+
                    Column::Other(name) => name,
                }
            }

            /// The 39 documented columns, in the documentation's order.
            pub fn documented() -> Vec<Column> {
                vec![$( Column::$variant ),+]
            }

            /// The column of this name (a documented one, or [`Column::Other`]).
            pub fn from_name(name: &str) -> Column {
                match name {
                    $( $text => Column::$variant, )+
                    other => Column::Other(other.to_owned()),
                }
            }
        }
    };
}

columns! {
    Created => "created",
    Updated => "updated",
    MakeId => "makeId",
    MakeName => "makeName",
    ModelId => "modelId",
    ModelName => "modelName",
    ModelVersion => "modelVersion",
    VehicleState => "vehicleState",
    FirstRegistration => "firstRegistration",
    ConstructionDate => "constructionDate",
    Kilometers => "kilometers",
    VehicleTypeId => "vehicleTypeId",
    TrimLine => "trimLine",
    ModelRange => "modelRange",
    ClimatisationType => "climatisationType",
    ConditionType => "conditionType",
    PowerKw => "powerKw",
    CubicCapacity => "cubicCapacity",
    DoorCount => "doorCount",
    SeatCount => "seatCount",
    PollutionBadge => "pollutionBadge",
    ColorId => "colorId",
    IsMetallicColor => "isMetallicColor",
    AirbagType => "airbagType",
    InteriorType => "interiorType",
    InteriorColorId => "interiorColorId",
    FuelType => "fuelType",
    FuelDetailType => "fuelDetailType",
    TransmissionType => "transmissionType",
    IsDamaged => "isDamaged",
    HadAccidentDamage => "hadAccidentDamage",
    IsDrivable => "isDrivable",
    HasFullServiceHistory => "hasFullServiceHistory",
    Cylinders => "cylinders",
    Price => "price",
    IsPluginHybrid => "isPluginHybrid",
    IsE10Enabled => "isE10Enabled",
    DriveType => "driveType",
    PreviousOwnerCount => "previousOwnerCount",
}

impl fmt::Display for Column {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Checks a key part (column or field name) that `qs` must read back as is.
pub(crate) fn check_key(field: &'static str, name: &str) -> Result<()> {
    if name.trim().is_empty() {
        return Err(Error::invalid_input(field, "column name must not be empty"));
    }
    if name.contains(['[', ']']) {
        return Err(Error::invalid_input(
            field,
            "column name must not contain `[` or `]` (qs would split it)",
        ));
    }
    if PROTOTYPE_KEYS.contains(&name) {
        return Err(Error::invalid_input(
            field,
            "column name is a JavaScript Object.prototype property, which qs drops",
        ));
    }
    Ok(())
}

/// The order direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Dir {
    /// `asc`: smallest first.
    Asc,
    /// `desc`: largest (newest) first.
    Desc,
}

impl Dir {
    /// The vendor's spelling (`asc`, `desc`).
    pub fn as_str(self) -> &'static str {
        match self {
            Dir::Asc => "asc",
            Dir::Desc => "desc",
        }
    }
}

/// A comparison operator of a filter condition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Op {
    /// `=` (the default).
    Eq,
    /// `<>`.
    Ne,
    /// `<`.
    Lt,
    /// `<=`.
    Le,
    /// `>`.
    Gt,
    /// `>=`.
    Ge,
}

impl Op {
    /// The operator as written before the `|`.
    pub fn as_str(self) -> &'static str {
        match self {
            Op::Eq => "=",
            Op::Ne => "<>",
            Op::Lt => "<",
            Op::Le => "<=",
            Op::Gt => ">",
            Op::Ge => ">=",
        }
    }

    /// The operator written `text`, if it is one of the six allowed.
    pub fn parse(text: &str) -> Option<Op> {
        Some(match text {
            "=" => Op::Eq,
            "<>" => Op::Ne,
            "<" => Op::Lt,
            "<=" => Op::Le,
            ">" => Op::Gt,
            ">=" => Op::Ge,
            _ => return None,
        })
    }
}

/// A filter value as it is sent: numbers in decimal, booleans as
/// `true`/`false`, dates as `yyyy-mm-dd`, date-times as
/// `yyyy-mm-dd hh:mm:ss`, translatable values by their key.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FilterValue(String);

impl FilterValue {
    /// A text value, sent as is.
    pub fn text(value: impl Into<String>) -> Self {
        FilterValue(value.into())
    }

    /// The value as sent.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

macro_rules! filter_value_from_display {
    ($($t:ty),+) => {
        $(
            impl From<$t> for FilterValue {
                fn from(v: $t) -> Self {
                    FilterValue(v.to_string())
                }
            }
            impl From<$t> for Condition {
                fn from(v: $t) -> Self {
                    Condition::from(FilterValue::from(v))
                }
            }
        )+
    };
}

filter_value_from_display!(
    u8, u16, u32, u64, i8, i16, i32, i64, usize, bool, Decimal, Date, String
);

impl From<&str> for FilterValue {
    fn from(v: &str) -> Self {
        FilterValue(v.to_owned())
    }
}

impl From<&str> for Condition {
    fn from(v: &str) -> Self {
        Condition::from(FilterValue::from(v))
    }
}

impl From<DateTime> for FilterValue {
    fn from(v: DateTime) -> Self {
        FilterValue(forecourt_core::serde_helpers::datetime::format_datetime(&v))
    }
}

impl From<DateTime> for Condition {
    fn from(v: DateTime) -> Self {
        Condition::from(FilterValue::from(v))
    }
}

/// A vehicle's `created`/`updated` as the server wrote them, for the next
/// incremental query (`Cmp::Gt(last.updated?)`): the wall-clock time, as
/// Autengo's zone-less filters take it; an offset the server sent with it
/// is not written.
impl From<VendorDateTime> for FilterValue {
    fn from(v: VendorDateTime) -> Self {
        FilterValue::from(v.datetime())
    }
}

impl From<VendorDateTime> for Condition {
    fn from(v: VendorDateTime) -> Self {
        Condition::from(FilterValue::from(v))
    }
}

/// A comparison with a value: `Cmp::Ge(25_000)` is written `>=|25000`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Cmp<V> {
    /// Equal (`=`, the default operator).
    Eq(V),
    /// Not equal (`<>`).
    Ne(V),
    /// Less than (`<`).
    Lt(V),
    /// Less than or equal (`<=`).
    Le(V),
    /// Greater than (`>`).
    Gt(V),
    /// Greater than or equal (`>=`).
    Ge(V),
}

impl<V: Into<FilterValue>> From<Cmp<V>> for Condition {
    fn from(c: Cmp<V>) -> Self {
        let (op, v) = match c {
            Cmp::Eq(v) => (Op::Eq, v),
            Cmp::Ne(v) => (Op::Ne, v),
            Cmp::Lt(v) => (Op::Lt, v),
            Cmp::Le(v) => (Op::Le, v),
            Cmp::Gt(v) => (Op::Gt, v),
            Cmp::Ge(v) => (Op::Ge, v),
        };
        Condition::new(op, v)
    }
}

/// One filter condition: an operator and a value.
///
/// Built from a plain value (`"Ford"`, `3`, `true`, a date, an enum: equal),
/// from a [`Cmp`], or from text with an operator
/// ([`Condition::with_operator`], checked before sending).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Condition {
    op: std::result::Result<Op, ()>,
    value: FilterValue,
}

impl Condition {
    /// `op|value`.
    pub fn new(op: Op, value: impl Into<FilterValue>) -> Self {
        Condition {
            op: Ok(op),
            value: value.into(),
        }
    }

    /// A condition with an operator given as text (`">="`). An operator other
    /// than `=`, `<>`, `<`, `<=`, `>`, `>=` makes the request fail with
    /// [`Error::InvalidInput`] before sending.
    pub fn with_operator(op: &str, value: impl Into<FilterValue>) -> Self {
        Condition {
            op: Op::parse(op).ok_or(()),
            value: value.into(),
        }
    }

    /// The operator (`None` if it is not one of the six allowed).
    pub fn op(&self) -> Option<Op> {
        self.op.ok()
    }

    /// The value.
    pub fn value(&self) -> &FilterValue {
        &self.value
    }

    /// The condition as sent: `op|value`, or the bare value for `=` (unless
    /// the value contains a `|`, then `=|value`, so the server cannot read
    /// part of the value as an operator).
    pub fn encode(&self, field: &'static str) -> Result<String> {
        let op = self.op.map_err(|()| {
            Error::invalid_input(
                field,
                "comparison operator must be one of =, <>, <, <=, >, >=",
            )
        })?;
        let v = self.value.as_str();
        Ok(match op {
            Op::Eq if !v.contains('|') => v.to_owned(),
            op => format!("{}|{v}", op.as_str()),
        })
    }
}

impl From<FilterValue> for Condition {
    fn from(value: FilterValue) -> Self {
        Condition {
            op: Ok(Op::Eq),
            value,
        }
    }
}

/// The `and` or `or` block of a list query: columns in the order first used,
/// each with its conditions.
#[derive(Debug, Clone, Default)]
pub(crate) struct FilterBlock {
    pub(crate) columns: Vec<(Column, Vec<Condition>)>,
}

impl FilterBlock {
    pub(crate) fn push(&mut self, column: Column, condition: Condition) {
        if let Some((_, conds)) = self.columns.iter_mut().find(|(c, _)| *c == column) {
            conds.push(condition);
        } else {
            self.columns.push((column, vec![condition]));
        }
    }

    pub(crate) fn write(&self, block: &'static str, w: &mut QueryWriter) -> Result<()> {
        for (column, conds) in &self.columns {
            check_key(block, column.as_str())?;
            // qs reads `and[2]` as array index 2, not as a column named "2"
            // (canonical integers up to its arrayLimit of 20). Found by fuzzing.
            let name = column.as_str();
            if name
                .parse::<usize>()
                .is_ok_and(|i| i <= MAX_ARRAY_VALUES && i.to_string() == name)
            {
                return Err(Error::invalid_input(
                    block,
                    "column name is an integer from 0 to 20, which qs reads as an array index",
                ));
            }
            if conds.len() > MAX_ARRAY_VALUES {
                return Err(Error::invalid_input(
                    block,
                    "more than 20 conditions on one column: qs (6.14.1 and later) would parse them as an object, not an array",
                ));
            }
            let array = conds.len() > 1;
            for cond in conds {
                let value = cond.encode(block)?;
                w.pair(&[block, column.as_str()], array, &value);
            }
        }
        Ok(())
    }
}

/// Writes `key[part][part][]=value` pairs, percent-encoded like
/// `encodeURIComponent`, counting parameters.
#[derive(Debug, Default)]
pub(crate) struct QueryWriter {
    out: String,
    count: usize,
}

impl QueryWriter {
    pub(crate) fn pair(&mut self, key: &[&str], array: bool, value: &str) {
        if !self.out.is_empty() {
            self.out.push('&');
        }
        for (i, part) in key.iter().enumerate() {
            if i > 0 {
                self.out.push('[');
            }
            encode_component(&mut self.out, part);
            if i > 0 {
                self.out.push(']');
            }
        }
        if array {
            self.out.push_str("[]");
        }
        self.out.push('=');
        encode_component(&mut self.out, value);
        self.count += 1;
    }

    pub(crate) fn finish(self) -> Result<String> {
        if self.count > MAX_PARAMETERS {
            return Err(Error::invalid_input(
                "query",
                "more than 1000 parameters: qs drops the parameters past its limit",
            ));
        }
        Ok(self.out)
    }
}

/// Percent-encodes like JavaScript's `encodeURIComponent` minus `!'()*`
/// (which `qs` encodes too): only `A-Z a-z 0-9 - _ . ~` stay as they are.
pub fn encode_component(out: &mut String, text: &str) {
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn documented_columns_are_39_and_round_trip() {
        let all = Column::documented();
        assert_eq!(all.len(), 39);
        for c in all {
            assert_eq!(Column::from_name(c.as_str()), c);
        }
        assert_eq!(Column::from_name("vin"), Column::Other("vin".into()));
    }

    #[test]
    fn conditions_encode_operators() {
        let c: Condition = Cmp::Ge(25_000).into();
        assert_eq!(c.encode("and").unwrap(), ">=|25000");
        let c: Condition = "Ford".into();
        assert_eq!(c.encode("and").unwrap(), "Ford");
        let c: Condition = "A|B".into();
        assert_eq!(c.encode("and").unwrap(), "=|A|B");
        let c: Condition = Cmp::Lt(jiff::civil::date(2018, 1, 1)).into();
        assert_eq!(c.encode("and").unwrap(), "<|2018-01-01");
        let c = Condition::with_operator("~", 1);
        assert!(matches!(c.encode("and"), Err(Error::InvalidInput { .. })));
        assert_eq!(
            Condition::with_operator("<>", 1).encode("or").unwrap(),
            "<>|1"
        );
    }

    #[test]
    fn keys_are_checked() {
        assert!(check_key("and", "").is_err());
        assert!(check_key("and", "a[b]").is_err());
        assert!(check_key("and", "__proto__").is_err());
        assert!(check_key("and", "kilometers").is_ok());
    }
}
