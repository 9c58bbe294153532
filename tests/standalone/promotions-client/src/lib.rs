//! The README of `promotions-client`, compiled as doctests in a crate that depends on
//! nothing but `promotions-client` and tokio: its quick start and sandbox test must
//! build exactly as a user would copy them.
#![doc = include_str!("../../../../promotions-client/README.md")]
