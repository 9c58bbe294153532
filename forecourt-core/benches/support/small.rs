//! The small call of forecourt-core's benchmarks: a 50-byte JSON body, its typed
//! model, and the headers the plain baseline sends (the SDK sends the same).
#![allow(dead_code)]

use bytes::Bytes;
use forecourt_core::Operation;
use serde::Deserialize;

/// The typed model of [`body`].
#[derive(Deserialize)]
pub struct Small {
    pub id: forecourt_core::serde_helpers::Id,
    pub status: String,
    #[serde(with = "forecourt_core::serde_helpers::decimal::number")]
    pub amount: rust_decimal::Decimal,
}

/// The SDK's operation for it.
pub const SMALL: Operation = Operation::get("bench.small", "/small");

/// The headers of the plain baseline: the API key and `accept`.
pub const HEADERS: &[(&str, &str)] = &[("x-api-key", "bench-key"), ("accept", "application/json")];

/// The response body every request gets.
pub fn body() -> Bytes {
    Bytes::from_static(br#"{"id":12345,"status":"approved","amount":"433.34"}"#)
}
