//! The README of `autoloan-client`, compiled as doctests in a crate that depends on
//! nothing but `autoloan-client` and tokio: its quick start and sandbox test must
//! build exactly as a user would copy them.
#![doc = include_str!("../../../../autoloan-client/README.md")]
