//! What the fuzz targets and their stable replays share: a decoded token
//! through a [`TokenCache`](crate::TokenCache), and the replay of a seed
//! corpus over a target's body.

use std::path::Path;
use std::time::Duration;

use futures::future::BoxFuture;
use secrecy::{ExposeSecret, SecretString};

use crate::{AccessToken, TokenCache};

/// Whether a token can go into an `Authorization` header.
fn sendable(token: &str) -> bool {
    !token.trim().is_empty() && http::HeaderValue::from_str(token).is_ok()
}

/// A decoded token through a token cache twice (the second from the cache
/// or refetched): no panic whatever the lifetime; a token that cannot be
/// sent as a header is refused, never cached (issue 14, findings 1, 2, 12).
/// Panics (an assertion) if the cache accepts an unsendable token or
/// refuses a sendable one.
pub fn assert_token_through_cache(token: SecretString, life: Option<Duration>) {
    let Ok(rt) = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    else {
        return;
    };
    let ok = sendable(token.expose_secret());
    rt.block_on(async move {
        let cache = TokenCache::new(move || -> BoxFuture<'static, crate::Result<AccessToken>> {
            let token = token.clone();
            Box::pin(async move { Ok(AccessToken::new(token, life)) })
        });
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

/// Runs a fuzz target's `body` over a crate's seed corpus, on stable: the
/// `fixtures` (in `<manifest_dir>/tests/fixtures/`) and every file of
/// `<manifest_dir>/tests/fuzz_seeds/<target>/`, each whole and, up to 512
/// bytes, every prefix of it (truncations are the commonest break).
/// Returns how many inputs ran. Panics (an assertion) if an input cannot
/// be read.
pub fn replay_seeds(manifest_dir: &str, target: &str, fixtures: &[&str], body: fn(&[u8])) -> usize {
    let root = Path::new(manifest_dir).join("tests");
    let mut inputs: Vec<_> = fixtures
        .iter()
        .map(|f| root.join("fixtures").join(f))
        .collect();
    if let Ok(entries) = std::fs::read_dir(root.join("fuzz_seeds").join(target)) {
        let mut seeds: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        seeds.sort();
        inputs.extend(seeds);
    }
    for input in &inputs {
        let data = match std::fs::read(input) {
            Ok(data) => data,
            Err(e) => panic!("{}: {e}", input.display()),
        };
        // names the input a failing body was given
        eprintln!("{target}: {}", input.display());
        body(&data);
        if data.len() <= 512 {
            for end in 0..data.len() {
                body(&data[..end]);
            }
        }
    }
    inputs.len()
}
