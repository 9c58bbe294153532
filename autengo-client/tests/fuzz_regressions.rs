#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Regressions found by the fuzz targets in `fuzz/` (see RELIABILITY.md).

use autengo_client::{Client, Column, Error, SecretString};

fn client() -> Client {
    Client::builder()
        .base_url("http://127.0.0.1:9/v3")
        .api_key(SecretString::from("k"))
        .build()
        .unwrap()
}

/// fuzz/autengo_query, crash-1eedcfb7: `or(Column::from_name("2"), "")`
/// was sent as `or[2]=`, which qs parses as `{or: [""]}` (an array), not
/// `{or: {"2": ""}}`. Column names that qs reads as array indices (the
/// integers 0 to 20 written canonically) are now refused before sending.
#[test]
fn column_names_that_qs_reads_as_array_indices_are_refused() {
    let c = client();
    for name in ["0", "2", "20"] {
        for and in [true, false] {
            let list = c.vehicles().list();
            let list = if and {
                list.and(Column::from_name(name), "")
            } else {
                list.or(Column::from_name(name), "x")
            };
            let err = list.query_string().unwrap_err();
            assert!(
                matches!(&err, Error::InvalidInput { field, .. } if field == if and { "and" } else { "or" }),
                "{name}: {err:?}"
            );
        }
    }
}

/// Names qs keeps as object keys still work, and mean what was asked.
#[test]
fn integer_like_column_names_beyond_the_array_limit_are_sent() {
    let c = client();
    for name in ["21", "02", "-1", "2a"] {
        let q = c
            .vehicles()
            .list()
            .or(Column::from_name(name), "x")
            .query_string()
            .unwrap();
        #[cfg(feature = "sandbox")]
        assert_eq!(
            autengo_client::sandbox::parse_query(&q),
            serde_json::json!({"or": {name: "x"}}),
            "{q}"
        );
        #[cfg(not(feature = "sandbox"))]
        assert!(q.starts_with("or%5B") || q.starts_with("or["), "{q}");
    }
}

/// The sandbox's query parser takes any text a user sends: an index at
/// the top of the integer range followed by a push (`a[]`) must not
/// overflow (it panicked in debug builds).
#[cfg(feature = "sandbox")]
#[test]
fn the_sandbox_query_parser_survives_the_largest_indices() {
    for q in [
        "a[18446744073709551615]=1&a[]=2",
        "a[340282366920938463463374607431768211455]=1&a[]=2",
        "and[kilometers][18446744073709551615]=1&and[kilometers][]=2",
    ] {
        let v = autengo_client::sandbox::parse_query(q);
        assert!(v.is_object(), "{q}: {v}");
    }
}
