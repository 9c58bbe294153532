//! The hand-written baseline every overhead benchmark compares against:
//! a GET with plain `reqwest`, a status check, and `serde_json`.
//!
//! One copy, shared by the bench targets of several crates with
//! `#[path = ".../forecourt-core/benches/support/plain.rs"] mod plain;`.
#![allow(dead_code)]

use forecourt_core::reqwest;
use serde::de::DeserializeOwned;

/// GETs `url` with `headers`, fails on a non-success status, and decodes
/// the body into `T`.
pub async fn get_json<T: DeserializeOwned>(
    c: &reqwest::Client,
    url: &str,
    headers: &[(&str, &str)],
) -> T {
    let mut request = c.get(url);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let bytes = request
        .send()
        .await
        .unwrap()
        .error_for_status()
        .unwrap()
        .bytes()
        .await
        .unwrap();
    serde_json::from_slice(&bytes).unwrap()
}
