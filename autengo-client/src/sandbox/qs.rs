//! Query strings parsed the way the `qs` package does, as Autengo's server does.

use super::*;

// ---------------------------------------------------------------- qs parsing

use crate::query::PROTOTYPE_KEYS;

/// `qs`'s defaults: `depth` 5, `arrayLimit` 20, `parameterLimit` 1000.
pub(super) const QS_DEPTH: usize = 5;
pub(super) const QS_ARRAY_LIMIT: usize = 20;
pub(super) const QS_PARAMETER_LIMIT: usize = 1000;

pub(super) fn qs_decode(text: &str) -> String {
    let plus = text.replace('+', " ");
    let bytes = plus.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok());
            match hex {
                Some(b) => {
                    out.push(b);
                    i += 3;
                }
                // decodeURIComponent throws: qs keeps the text as it was
                None => return plus,
            }
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap_or(plus)
}

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Seg {
    Key(String),
    Append,
    Index(usize),
}

pub(super) fn split_key(key: &str) -> Option<Vec<Seg>> {
    let (parent, mut rest) = match key.find('[') {
        // a leading bracket group is part of the parent, as in qs
        Some(0) | None => (key, ""),
        Some(i) => (&key[..i], &key[i..]),
    };
    if parent.is_empty() || PROTOTYPE_KEYS.contains(&parent) {
        return None;
    }
    let mut segs = vec![Seg::Key(parent.to_owned())];
    let mut depth = 0;
    while depth < QS_DEPTH && rest.starts_with('[') {
        let Some(close) = rest.find(']') else { break };
        let inner = &rest[1..close];
        if inner.contains('[') {
            break;
        }
        segs.push(if inner.is_empty() {
            Seg::Append
        } else if let Some(i) = inner
            .parse::<usize>()
            .ok()
            .filter(|i| i.to_string() == inner && *i <= QS_ARRAY_LIMIT)
        {
            Seg::Index(i)
        } else {
            if PROTOTYPE_KEYS.contains(&inner) {
                return None;
            }
            Seg::Key(inner.to_owned())
        });
        rest = &rest[close + 1..];
        depth += 1;
    }
    if !rest.is_empty() {
        segs.push(Seg::Key(format!(
            "[{}]",
            rest.trim_start_matches('[').trim_end_matches(']')
        )));
    }
    Some(segs)
}

pub(super) fn array_to_object(items: Vec<Value>) -> Value {
    Value::Object(
        items
            .into_iter()
            .enumerate()
            .map(|(i, v)| (i.to_string(), v))
            .collect(),
    )
}

pub(super) fn enforce_limit(node: &mut Value) {
    if let Value::Array(items) = node
        && items.len() > QS_ARRAY_LIMIT
    {
        *node = array_to_object(std::mem::take(items));
    }
}

pub(super) fn next_index(map: &Map<String, Value>) -> String {
    map.keys()
        .filter_map(|k| k.parse::<u128>().ok())
        .max()
        .map(|m| m.saturating_add(1))
        .unwrap_or(0)
        .to_string()
}

pub(super) fn build(segs: &[Seg], leaf: String) -> Value {
    match segs.first() {
        None => Value::String(leaf),
        Some(Seg::Append) | Some(Seg::Index(_)) => Value::Array(vec![build(&segs[1..], leaf)]),
        Some(Seg::Key(k)) => {
            let mut m = Map::new();
            m.insert(k.clone(), build(&segs[1..], leaf));
            Value::Object(m)
        }
    }
}

pub(super) fn insert(node: &mut Value, segs: &[Seg], leaf: String) {
    let Some(first) = segs.first() else {
        // combine a repeated key: a primitive and another become an array
        match &mut *node {
            Value::Array(items) => items.push(Value::String(leaf)),
            Value::Object(map) => {
                let k = next_index(map);
                map.insert(k, Value::String(leaf));
            }
            other => {
                let old = std::mem::take(other);
                *other = Value::Array(vec![old, Value::String(leaf)]);
            }
        }
        enforce_limit(node);
        return;
    };
    let rest = &segs[1..];
    match first {
        Seg::Append | Seg::Index(_) => match &mut *node {
            Value::Array(items) => {
                let index = match first {
                    Seg::Index(i) => Some(*i),
                    _ => None,
                };
                match index.and_then(|i| items.get_mut(i)) {
                    Some(existing) if !rest.is_empty() => insert(existing, rest, leaf),
                    _ => items.push(build(rest, leaf)),
                }
                enforce_limit(node);
            }
            Value::Object(map) => {
                let k = match first {
                    Seg::Index(i) => i.to_string(),
                    _ => next_index(map),
                };
                match map.get_mut(&k) {
                    Some(existing) => insert(existing, rest, leaf),
                    None => {
                        map.insert(k, build(rest, leaf));
                    }
                }
            }
            other => {
                let old = std::mem::take(other);
                *other = Value::Array(vec![old, build(rest, leaf)]);
                enforce_limit(node);
            }
        },
        Seg::Key(k) => {
            if let Value::Array(items) = node {
                *node = array_to_object(std::mem::take(items));
            }
            if !node.is_object() {
                *node = Value::Object(Map::new());
            }
            if let Value::Object(map) = node {
                match map.get_mut(k) {
                    Some(existing) => insert(existing, rest, leaf),
                    None => {
                        map.insert(k.clone(), build(rest, leaf));
                    }
                }
            }
        }
    }
}

/// Parses a query string the way `qs.parse` does with its defaults (depth 5,
/// arrayLimit 20 as in qs 6.14.1+, parameterLimit 1000, `+` as space,
/// Object.prototype keys dropped), into JSON: strings, arrays and objects.
pub fn parse_query(query: &str) -> Value {
    let mut root = Value::Object(Map::new());
    for part in query
        .split('&')
        .filter(|p| !p.is_empty())
        .take(QS_PARAMETER_LIMIT)
    {
        let pos = match part.find("]=") {
            Some(p) => Some(p + 1),
            None => part.find('='),
        };
        let (raw_key, raw_value) = match pos {
            Some(p) => (&part[..p], &part[p + 1..]),
            None => (part, ""),
        };
        let key = qs_decode(raw_key);
        let value = qs_decode(raw_value);
        let Some(segs) = split_key(&key) else {
            continue;
        };
        insert(&mut root, &segs, value);
    }
    root
}
