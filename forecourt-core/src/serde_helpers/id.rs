//! Ids that arrive as `12345` or `"12345"` decode into one [`Id`] type.

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// A vendor id, whether the vendor sends it as a JSON number or a string.
///
/// It re-serializes in the form it arrived in (a number stays a number), and
/// ids built from Rust values serialize as strings unless made with
/// [`Id::numeric`]. Two ids are equal when their text is equal.
///
/// ```
/// use forecourt_core::serde_helpers::Id;
/// let a: Id = serde_json::from_str("12345").unwrap();
/// let b: Id = serde_json::from_str("\"12345\"").unwrap();
/// assert_eq!(a, b);
/// assert_eq!(a.as_str(), "12345");
/// assert_eq!(serde_json::to_string(&a).unwrap(), "12345");
/// assert_eq!(serde_json::to_string(&b).unwrap(), "\"12345\"");
/// ```
#[derive(Clone, Eq)]
pub struct Id {
    text: String,
    numeric: bool,
}

impl Id {
    /// An id that serializes as a JSON string.
    pub fn new(text: impl Into<String>) -> Self {
        Id {
            text: text.into(),
            numeric: false,
        }
    }

    /// An id that serializes as a JSON number.
    pub fn numeric(n: u64) -> Self {
        Id {
            text: n.to_string(),
            numeric: true,
        }
    }

    /// The id's text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The id as an unsigned number, if it is one.
    pub fn as_u64(&self) -> Option<u64> {
        self.text.parse().ok()
    }

    /// Whether the id is empty (never valid in a path).
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }
}

impl PartialEq for Id {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl std::hash::Hash for Id {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.text.hash(state)
    }
}

impl PartialOrd for Id {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Id {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.text.cmp(&other.text)
    }
}

impl fmt::Debug for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.text, f)
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl AsRef<str> for Id {
    fn as_ref(&self) -> &str {
        &self.text
    }
}

impl From<&str> for Id {
    fn from(s: &str) -> Self {
        Id::new(s)
    }
}

impl From<String> for Id {
    fn from(s: String) -> Self {
        Id::new(s)
    }
}

impl From<u64> for Id {
    fn from(n: u64) -> Self {
        Id::numeric(n)
    }
}

impl From<u32> for Id {
    fn from(n: u32) -> Self {
        Id::numeric(n.into())
    }
}

impl Serialize for Id {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.numeric
            && let Ok(n) = self.text.parse::<u64>()
        {
            return s.serialize_u64(n);
        }
        s.serialize_str(&self.text)
    }
}

struct IdVisitor;

impl Visitor<'_> for IdVisitor {
    type Value = Id;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an id as a string or an integer")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Id, E> {
        Ok(Id::new(v))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Id, E> {
        Ok(Id::new(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Id, E> {
        Ok(Id::numeric(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Id, E> {
        Ok(Id {
            text: v.to_string(),
            numeric: true,
        })
    }
}

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(IdVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_both_forms_and_rejects_others() {
        let ids: Vec<Id> = serde_json::from_str(r#"[1, "1", -2, "abc-1"]"#).unwrap();
        assert_eq!(ids[0], ids[1]);
        assert_eq!(ids[2].as_str(), "-2");
        assert_eq!(ids[3].as_u64(), None);
        assert!(serde_json::from_str::<Id>("1.5").is_err());
        assert!(serde_json::from_str::<Id>("true").is_err());
        assert!(serde_json::from_str::<Id>("{}").is_err());
    }
}
