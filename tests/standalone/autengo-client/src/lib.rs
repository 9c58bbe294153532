//! The README of `autengo-client`, compiled as doctests in a crate that depends on
//! nothing but `autengo-client` and tokio: its quick start and sandbox test must
//! build exactly as a user would copy them.
#![doc = include_str!("../../../../autengo-client/README.md")]
