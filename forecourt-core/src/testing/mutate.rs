//! Mutated fixtures, for property tests and fuzzing.

/// Bytes that tend to break JSON parsers and decoders when inserted.
const INTERESTING: &[&[u8]] = &[
    b"{",
    b"}",
    b"[",
    b"]",
    b"\"",
    b",",
    b":",
    b"\\",
    b"\\u",
    b"\\ud800",
    b"-",
    b"0",
    b"1e999",
    b"-0.0e-5",
    b"18446744073709551616",
    b"null",
    b"true",
    b"\xc3\x28",
    b"\xff",
    b"\x00",
    b"\xf0\x9f\x98",
    b" ",
];

fn other_type(rng: &mut fastrand::Rng) -> serde_json::Value {
    use serde_json::json;
    let choices = [
        json!(null),
        json!(true),
        json!(false),
        json!(0),
        json!(-1),
        json!(u64::MAX),
        json!(i64::MIN),
        json!(1.5e300),
        json!(-0.000001),
        json!(""),
        json!("x"),
        json!("12.50"),
        json!("-1"),
        json!("2024-13-45"),
        json!("9999-12-31T23:59:59Z"),
        json!([]),
        json!([null]),
        json!({}),
        json!({"data": null}),
        json!("\u{0}\u{fffd}"),
    ];
    choices[rng.usize(..choices.len())].clone()
}

fn value_paths(v: &serde_json::Value, at: &mut Vec<String>, prefix: &str) {
    at.push(prefix.to_owned());
    match v {
        serde_json::Value::Object(map) => {
            for (k, child) in map {
                let key = k.replace('~', "~0").replace('/', "~1");
                value_paths(child, at, &format!("{prefix}/{key}"));
            }
        }
        serde_json::Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                value_paths(child, at, &format!("{prefix}/{i}"));
            }
        }
        _ => {}
    }
}

/// A mutated copy of `fixture`, chosen by `seed` (the same seed gives the
/// same bytes): one to three of flipping bytes, inserting bytes that break
/// parsers (brackets, quotes, escapes, huge numbers, invalid UTF-8),
/// deleting a range, truncating, duplicating a range, or replacing values
/// with values of other JSON types (`null`, numbers as strings, `u64::MAX`,
/// arrays for objects, ...).
///
/// For property tests and fuzz targets: feed the result to a decoder and
/// assert it returns (`Ok` or `Err`) without panicking.
///
/// ```
/// let fixture = br#"{"id": 1, "name": "x", "items": [1, 2]}"#;
/// let a = forecourt_core::testing::mutate_json(fixture, 7);
/// assert_eq!(a, forecourt_core::testing::mutate_json(fixture, 7));
/// ```
pub fn mutate_json(fixture: &[u8], seed: u64) -> Vec<u8> {
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut out = fixture.to_vec();
    for _ in 0..rng.usize(1..=3) {
        let len = out.len();
        match rng.u8(..6) {
            0 if len > 0 => {
                for _ in 0..rng.usize(1..=4) {
                    let i = rng.usize(..len);
                    out[i] ^= rng.u8(1..);
                }
            }
            1 => {
                let piece = INTERESTING[rng.usize(..INTERESTING.len())];
                let at = rng.usize(..=len);
                out.splice(at..at, piece.iter().copied());
            }
            2 if len > 0 => {
                let start = rng.usize(..len);
                let end = (start + rng.usize(1..=16)).min(len);
                out.drain(start..end);
            }
            3 if len > 0 => out.truncate(rng.usize(..len)),
            4 if len > 0 => {
                let start = rng.usize(..len);
                let end = (start + rng.usize(1..=64)).min(len);
                let copy = out[start..end].to_vec();
                let at = rng.usize(..=out.len());
                out.splice(at..at, copy);
            }
            _ => {
                let Ok(mut value) = serde_json::from_slice::<serde_json::Value>(&out) else {
                    continue;
                };
                let mut paths = Vec::new();
                value_paths(&value, &mut paths, "");
                for _ in 0..rng.usize(1..=3) {
                    let path = &paths[rng.usize(..paths.len())];
                    if let Some(slot) = value.pointer_mut(path) {
                        *slot = other_type(&mut rng);
                    }
                }
                out = value.to_string().into_bytes();
            }
        }
    }
    out
}
