//! Keyloop and Autengo token responses (issue 14): any bytes decode to a
//! token response or an `Error::Decode`; a decoded one goes through the
//! token cache (expiry arithmetic, header check) without a panic.
#![no_main]

use forecourt_core::{AccessToken, SecretString, TokenCache};
use futures::FutureExt;
use libfuzzer_sys::fuzz_target;

fn through_cache(token: SecretString, life: Option<std::time::Duration>) {
    let Ok(rt) = tokio::runtime::Builder::new_current_thread().enable_all().build() else {
        return;
    };
    rt.block_on(async move {
        let cache = TokenCache::new(move || {
            let token = token.clone();
            async move { Ok(AccessToken::new(token, life)) }.boxed()
        });
        // twice: the second is served from the cache (or refetched)
        let _ = cache.token().await;
        let _ = cache.token().await;
    });
}

fuzz_target!(|data: &[u8]| {
    match forecourt_core::decode_json::<keyloop_contracts_client::oauth::AccessTokenResponse>(
        "Keyloop", data,
    ) {
        Ok(r) => through_cache(r.access_token.clone(), r.lifetime()),
        Err(forecourt_core::Error::Decode(_)) => {}
        Err(other) => panic!("not a decode error: {other:?}"),
    }
    match forecourt_core::decode_json::<autengo_client::TokenResponse>("Autengo", data) {
        Ok(r) => through_cache(r.token.clone(), r.lifetime()),
        Err(forecourt_core::Error::Decode(_)) => {}
        Err(other) => panic!("not a decode error: {other:?}"),
    }
});
