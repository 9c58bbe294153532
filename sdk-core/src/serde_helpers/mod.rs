//! Serde helpers for the vendors' loose JSON: exact money, lenient ids,
//! dates without zones, and booleans and strings sent in other shapes.

pub mod datetime;
pub mod decimal;
pub mod id;
pub mod lenient;

pub use decimal::ExactDecimal;
pub use id::Id;
