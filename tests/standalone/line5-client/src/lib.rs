//! The README of `line5-client`, compiled as doctests in a crate that depends on
//! nothing but `line5-client` and tokio: its quick start and sandbox test must
//! build exactly as a user would copy them.
#![doc = include_str!("../../../../line5-client/README.md")]
