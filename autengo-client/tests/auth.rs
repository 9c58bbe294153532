#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Wiremock tests of the token endpoints, both token styles, and the token
//! source behind `alzura_user` (one token request for many calls, refresh,
//! fallback to a new token).
mod common;

use std::time::Duration;

use autengo_client::{Client, SecretString, TokenPost, TokenStyle};
use common::{API_KEY, TOKEN, builder, fixture, server};
use forecourt_core::ExposeSecret;
use serde_json::json;
use wiremock::matchers::{body_json, header, header_exists, method, path};
use wiremock::{Mock, Request, ResponseTemplate};

#[tokio::test]
async fn issue_and_refresh_tokens() {
    let server = server().await;
    Mock::given(method("POST"))
        .and(path("/v3/auth/token"))
        .and(header("x-api-key", API_KEY))
        .and(header("content-type", "application/json"))
        .and(body_json(fixture("auth_token_request")))
        .respond_with(ResponseTemplate::new(200).set_body_json(fixture("auth_token_response")))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v3/auth/refresh"))
        .and(header("x-api-key", API_KEY))
        .and(header(
            "x-authorization",
            format!("Bearer {TOKEN}").as_str(),
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(fixture("auth_refresh_response")))
        .expect(1)
        .mount(&server)
        .await;
    let c = builder(&server)
        .session_token(SecretString::from(TOKEN))
        .build()
        .unwrap();
    let post = TokenPost::builder()
        .dealer_alzura_id(1234567890)
        .user_alzura_id(1234567890)
        .build();
    let t = c.auth().issue_token(&post).await.unwrap();
    assert!(t.token.expose_secret().starts_with("eyJ"));
    assert_eq!(t.lifetime(), Some(Duration::from_secs(86400)));
    assert_eq!(t.token_type.as_deref(), Some("Bearer"));
    let r = c.auth().refresh().await.unwrap();
    assert_eq!(r.scope.as_deref(), Some("AutengoApiV3"));
}

#[tokio::test]
async fn api_key_is_required_and_no_token_means_no_token_header() {
    let err = Client::builder().build().unwrap_err();
    assert!(
        matches!(&err, autengo_client::Error::InvalidInput { field, .. } if field == "api_key")
    );
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/v3/vehicle/reference/make"))
        .and(header("x-api-key", API_KEY))
        .and(|r: &Request| {
            !r.headers.contains_key("authorization") && !r.headers.contains_key("x-authorization")
        })
        .respond_with(ResponseTemplate::new(200).set_body_json(fixture("makes_response")))
        .expect(1)
        .mount(&server)
        .await;
    builder(&server)
        .build()
        .unwrap()
        .vehicles()
        .makes()
        .await
        .unwrap();
}

#[tokio::test]
async fn one_token_request_for_many_concurrent_calls() {
    let server = server().await;
    Mock::given(method("POST"))
        .and(path("/v3/auth/token"))
        .and(header("x-api-key", API_KEY))
        .and(|r: &Request| !r.headers.contains_key("authorization"))
        .and(body_json(json!({"dealerAlzuraId": 7, "userAlzuraId": 8})))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(
                    json!({"token": "issued-1", "expires_in": 86400, "token_type": "Bearer"}),
                )
                .set_delay(Duration::from_millis(50)),
        )
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v3/vehicle/reference/make"))
        .and(header("x-api-key", API_KEY))
        .and(header("authorization", "JWT issued-1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(fixture("makes_response")))
        .expect(50)
        .mount(&server)
        .await;
    let c = builder(&server)
        .alzura_user(7, 8, TokenStyle::Jwt)
        .build()
        .unwrap();
    let calls = (0..50).map(|_| {
        let c = c.clone();
        async move { c.vehicles().makes().await }
    });
    for r in futures::future::join_all(calls).await {
        r.unwrap();
    }
}

#[cfg(feature = "sandbox")]
#[tokio::test]
async fn refresh_before_expiry_and_new_token_after_refusal() {
    use autengo_client::sandbox::Sandbox;
    let sandbox = Sandbox::builder()
        .vehicle_count(5)
        .token_lifetime(Duration::from_secs(2))
        .issued_tokens(TokenStyle::XAuthorizationBearer)
        .start()
        .await;
    let c = sandbox.client().unwrap();
    c.vehicles().makes().await.unwrap();
    assert_eq!(
        (sandbox.tokens_issued(), sandbox.tokens_refreshed()),
        (1, 0)
    );
    // refresh_ahead is at most half the lifetime: after 1 s the token is renewed
    tokio::time::sleep(Duration::from_millis(1100)).await;
    c.contacts().get(1).await.unwrap_err(); // 404, but authenticated
    assert_eq!(
        (sandbox.tokens_issued(), sandbox.tokens_refreshed()),
        (1, 1)
    );
    // the server ends every token: the 401 invalidates, the refresh is
    // refused, and a new token is issued; the call succeeds
    sandbox.expire_tokens();
    c.vehicles().makes().await.unwrap();
    assert_eq!(sandbox.tokens_issued(), 2);
}

#[tokio::test]
async fn token_endpoint_failure_is_an_auth_error() {
    let server = server().await;
    Mock::given(method("POST"))
        .and(path("/v3/auth/token"))
        .and(header_exists("x-api-key"))
        .respond_with(
            ResponseTemplate::new(401)
                .set_body_json(json!({"status": "error", "statusText": "Unknown dealer or user"})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let c = builder(&server)
        .alzura_user(1, 2, TokenStyle::Jwt)
        .build()
        .unwrap();
    let err = c.vehicles().makes().await.unwrap_err();
    assert!(matches!(err, autengo_client::Error::Auth { .. }), "{err:?}");
}
