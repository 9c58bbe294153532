//! The bodies of the fuzz targets on this crate's decoders. The cargo-fuzz
//! targets in `fuzz/fuzz_targets/` include this file (`#[path]`), and
//! `tests/fuzz_replay.rs` runs the same functions over the checked-in seed
//! corpus `tests/fuzz_seeds/<target>/` on stable, in every `cargo test`.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::Duration;

use forecourt_core::{AccessToken, Error, ExposeSecret, SecretString, TokenCache};
use futures::future::BoxFuture;

/// Whether a token can go into an `Authorization` header.
fn sendable(token: &str) -> bool {
    !token.trim().is_empty() && forecourt_core::http::HeaderValue::from_str(token).is_ok()
}

/// A decoded token through a token cache twice (the second from the cache
/// or refetched): no panic whatever the lifetime; a token that cannot be
/// sent as a header is refused, never cached (issue 14, findings 1, 2, 12).
pub fn through_cache(token: SecretString, life: Option<Duration>) {
    let Ok(rt) = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    else {
        return;
    };
    let ok = sendable(token.expose_secret());
    rt.block_on(async move {
        let cache = TokenCache::new(
            move || -> BoxFuture<'static, forecourt_core::Result<AccessToken>> {
                let token = token.clone();
                Box::pin(async move { Ok(AccessToken::new(token, life)) })
            },
        );
        for _ in 0..2 {
            let got = cache.token().await;
            assert_eq!(
                got.is_ok(),
                ok,
                "sendable token accepted, others refused: {got:?}"
            );
        }
    });
}

/// `token_responses`, Autengo half: any bytes give a token response or
/// `Error::Decode`; a decoded one goes through the cache.
pub fn autengo_token_response(data: &[u8]) {
    match forecourt_core::decode_json::<autengo_client::TokenResponse>("Autengo", data) {
        Ok(r) => through_cache(r.token.clone(), r.lifetime()),
        Err(Error::Decode(_)) => {}
        Err(other) => panic!("not a decode error: {other:?}"),
    }
}

/// `autengo_vehicle_list`: any bytes give `Ok` or `Error::Decode`.
pub fn vehicle_list(data: &[u8]) {
    match forecourt_core::decode_json::<autengo_client::VehicleList>("Autengo", data) {
        Ok(_) | Err(Error::Decode(_)) => {}
        Err(other) => panic!("not a decode error: {other:?}"),
    }
}
