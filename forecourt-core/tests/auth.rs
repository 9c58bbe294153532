//! Credentials on the wire, and the token cache: one refresh for many
//! callers, refresh ahead of expiry, one retry after a 401.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use forecourt_core::{
    AccessToken, Auth, Error, Operation, Request, SecretString, TokenCache, TokenPlacement,
    TransportBuilder,
};
use futures::FutureExt;
use futures::future::BoxFuture;
use wiremock::matchers::{header, method};
use wiremock::{Mock, MockServer, ResponseTemplate};

const PING: Operation = Operation::get("ping", "/ping");

/// Issues `tok-1`, `tok-2`, ... after a short delay, counting requests.
#[derive(Clone, Default)]
struct Counting {
    issued: Arc<AtomicU64>,
    lifetime: Option<Duration>,
}

impl forecourt_core::TokenSource for Counting {
    fn fetch(&self) -> BoxFuture<'_, forecourt_core::Result<AccessToken>> {
        async move {
            tokio::time::sleep(Duration::from_millis(20)).await;
            let n = self.issued.fetch_add(1, Ordering::SeqCst) + 1;
            Ok(AccessToken::new(
                SecretString::from(format!("tok-{n}")),
                self.lifetime,
            ))
        }
        .boxed()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hundred_concurrent_calls_on_an_empty_cache_make_one_token_request() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(header("authorization", "Bearer tok-1"))
        .respond_with(ResponseTemplate::new(204))
        .expect(100)
        .mount(&server)
        .await;
    let source = Counting::default();
    let cache = TokenCache::new(source.clone());
    let t = TransportBuilder::new("Test", "t/1")
        .base_url(server.uri())
        .auth(Auth::token_source(cache.clone(), TokenPlacement::Bearer))
        .build()
        .unwrap();
    let calls = (0..100).map(|_| {
        let t = t.clone();
        tokio::spawn(async move { t.send_no_content(Request::new(PING)).await })
    });
    for r in futures::future::join_all(calls).await {
        r.unwrap().unwrap();
    }
    assert_eq!(source.issued.load(Ordering::SeqCst), 1);
    assert_eq!(cache.fetch_count(), 1);
}

#[tokio::test]
async fn a_refused_token_is_refreshed_and_the_call_retried_once() {
    refused_token_is_refreshed_once(false).await;
}

/// The same through a user middleware stack, where `AuthMiddleware` does the
/// refresh instead of the transport.
#[tokio::test]
async fn a_refused_token_is_refreshed_once_under_user_middleware() {
    refused_token_is_refreshed_once(true).await;
}

async fn refused_token_is_refreshed_once(with_user_middleware: bool) {
    let server = MockServer::start().await;
    Mock::given(header("authorization", "Bearer tok-1"))
        .respond_with(
            ResponseTemplate::new(401).set_body_json(
                serde_json::json!({"fault": {"faultstring": "Invalid Access Token"}}),
            ),
        )
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(header("authorization", "Bearer tok-2"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let source = Counting::default();
    let mut b = TransportBuilder::new("Test", "t/1")
        .base_url(server.uri())
        .auth(Auth::token_source(
            TokenCache::new(source.clone()),
            TokenPlacement::Bearer,
        ));
    let passed = Arc::new(AtomicU64::new(0));
    if with_user_middleware {
        b = b.middleware(CountCalls(passed.clone()));
    }
    let t = b.build().unwrap();
    t.send_no_content(Request::new(PING)).await.unwrap();
    assert_eq!(source.issued.load(Ordering::SeqCst), 2);
    // The user's layer sees one call: the re-send happens inside it.
    let expected = u64::from(with_user_middleware);
    assert_eq!(passed.load(Ordering::SeqCst), expected);
}

/// A user middleware that counts the calls passing through it.
struct CountCalls(Arc<AtomicU64>);

#[async_trait::async_trait]
impl reqwest_middleware::Middleware for CountCalls {
    async fn handle(
        &self,
        req: reqwest::Request,
        extensions: &mut http::Extensions,
        next: reqwest_middleware::Next<'_>,
    ) -> reqwest_middleware::Result<reqwest::Response> {
        self.0.fetch_add(1, Ordering::SeqCst);
        next.run(req, extensions).await
    }
}

#[tokio::test]
async fn a_second_401_is_returned_not_retried_again() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(401).set_body_json(
                serde_json::json!({"fault": {"faultstring": "Invalid Access Token"}}),
            ),
        )
        .mount(&server)
        .await;
    let source = Counting::default();
    let t = TransportBuilder::new("Test", "t/1")
        .base_url(server.uri())
        .auth(
            Auth::header("X-Api-Key", SecretString::from("k"))
                .unwrap()
                .and(Auth::token_source(
                    TokenCache::new(source.clone()),
                    TokenPlacement::Header {
                        name: http::HeaderName::from_static("x-authorization"),
                        scheme: Some("Bearer"),
                    },
                )),
        )
        .build()
        .unwrap();
    let err = t.send_no_content(Request::new(PING)).await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(401));
    assert_eq!(
        err.api().unwrap().details[0].message,
        "Invalid Access Token"
    );
    let reqs = server.received_requests().await.unwrap();
    assert_eq!(reqs.len(), 2, "one call, one retry, never more");
    assert_eq!(reqs[0].headers["x-authorization"], "Bearer tok-1");
    assert_eq!(reqs[1].headers["x-authorization"], "Bearer tok-2");
    assert!(reqs.iter().all(|r| r.headers["x-api-key"] == "k"));
    assert_eq!(source.issued.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn static_keys_get_no_401_retry() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(header("authorization", "Token k-1"))
        .respond_with(ResponseTemplate::new(401))
        .expect(1)
        .mount(&server)
        .await;
    let t = TransportBuilder::new("Test", "t/1")
        .base_url(server.uri())
        .auth(Auth::token(SecretString::from("k-1")).unwrap())
        .build()
        .unwrap();
    let err = t.send_no_content(Request::new(PING)).await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(401));
}

#[tokio::test]
async fn a_failing_token_source_is_an_auth_error_and_sends_nothing() {
    let server = MockServer::start().await;
    let source = || -> BoxFuture<'static, forecourt_core::Result<AccessToken>> {
        async { Err(Error::auth("Test", "client credentials refused", None)) }.boxed()
    };
    let t = TransportBuilder::new("Test", "t/1")
        .base_url(server.uri())
        .auth(Auth::token_source(
            TokenCache::new(source),
            TokenPlacement::Jwt,
        ))
        .build()
        .unwrap();
    let err = t.send_no_content(Request::new(PING)).await.unwrap_err();
    assert!(matches!(err, Error::Auth { .. }), "{err:?}");
    assert_eq!(server.received_requests().await.unwrap().len(), 0);
}

#[tokio::test(start_paused = true)]
async fn tokens_are_refreshed_ahead_of_expiry() {
    let source = Counting {
        lifetime: Some(Duration::from_secs(3600)),
        ..Counting::default()
    };
    let cache = TokenCache::new(source.clone()).with_refresh_ahead(Duration::from_secs(60));
    let (t1, g1) = cache.token().await.unwrap();
    tokio::time::advance(Duration::from_secs(3500)).await;
    let (t2, _) = cache.token().await.unwrap();
    assert_eq!(
        secrecy::ExposeSecret::expose_secret(&t1),
        secrecy::ExposeSecret::expose_secret(&t2),
        "still valid 100 s before expiry"
    );
    tokio::time::advance(Duration::from_secs(50)).await;
    let (t3, g3) = cache.token().await.unwrap();
    assert_eq!(
        secrecy::ExposeSecret::expose_secret(&t3),
        "tok-2",
        "refreshed 50 s before expiry"
    );
    assert_ne!(g1, g3);
    // invalidating an old generation does not drop the new token
    cache.invalidate(g1).await;
    let (_, g4) = cache.token().await.unwrap();
    assert_eq!(g3, g4);
    assert_eq!(source.issued.load(Ordering::SeqCst), 2);
    // a short-lived token is refreshed at half its life at the latest
    let short = TokenCache::new(Counting {
        lifetime: Some(Duration::from_secs(10)),
        ..Counting::default()
    });
    short.token().await.unwrap();
    tokio::time::advance(Duration::from_secs(6)).await;
    short.token().await.unwrap();
    assert_eq!(short.fetch_count(), 2);
}
