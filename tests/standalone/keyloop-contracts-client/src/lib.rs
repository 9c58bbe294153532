//! The README of `keyloop-contracts-client`, compiled as doctests in a crate that depends on
//! nothing but `keyloop-contracts-client` and tokio: its quick start and sandbox test must
//! build exactly as a user would copy them.
#![doc = include_str!("../../../../keyloop-contracts-client/README.md")]
