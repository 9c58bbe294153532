#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The fault matrix (`forecourt_core::testing::FaultMatrix`) through the Autengo
//! client's public API: `vehicles().get` (GET, retried) and
//! `opportunities().create` (POST, never re-sent); and a refused token
//! (401) with tokens issued by `/auth/token`: exactly one refresh and one
//! retry.
mod common;

use std::time::{Duration, Instant};

use autengo_client::{Client, SecretString, TokenStyle};
use common::{API_KEY, TOKEN, documented_opportunity_post, fixture};
use forecourt_core::testing::{FaultMatrix, FaultTarget, MatrixOp, Sequence};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client(t: &FaultTarget) -> Client {
    Client::builder()
        .base_url(format!("{}/v3", t.url))
        .timeout(t.timeout)
        .retry(t.retry.clone())
        .api_key(SecretString::from(API_KEY))
        .jwt(SecretString::from(TOKEN))
        .build()
        .unwrap()
}

fn matrix() -> FaultMatrix {
    FaultMatrix::new().secret(API_KEY).secret(TOKEN)
}

#[tokio::test]
async fn matrix_vehicles_get() {
    let cases = matrix()
        .run(MatrixOp::get("vehicles.get"), |t| async move {
            client(&t).vehicles().get("RQ5O9S").await
        })
        .await;
    assert_eq!(cases, 22);
}

#[tokio::test]
async fn matrix_opportunities_create() {
    let cases = matrix()
        .run(MatrixOp::post("opportunities.create"), |t| async move {
            client(&t)
                .opportunities()
                .create(&documented_opportunity_post())
                .await
        })
        .await;
    assert_eq!(cases, 22);
}

/// A 401 on a token issued by `/auth/token`: the token is refreshed once
/// (`/auth/refresh`) and the call re-sent once, for a GET and for a POST;
/// a second 401 is the caller's error, without a third attempt.
#[tokio::test]
async fn refused_token_is_refreshed_once_and_the_call_retried_once() {
    let ok_get = ResponseTemplate::new(200).set_body_json(fixture("vehicle_get_response"));
    let ok_post = ResponseTemplate::new(200).set_body_json(fixture("opportunity_response"));
    let refused = || {
        ResponseTemplate::new(401)
            .set_body_json(serde_json::json!({"status": "error", "statusText": "token expired"}))
    };
    let cases = [
        ("GET", "/v3/vehicle/RQ5O9S", ok_get.clone(), true),
        ("POST", "/v3/opportunity", ok_post.clone(), true),
        ("GET", "/v3/vehicle/RQ5O9S", refused(), false),
        ("POST", "/v3/opportunity", refused(), false),
    ];
    for (verb, api_path, second, succeeds) in cases {
        let server = MockServer::start().await;
        forecourt_core::testing::mount_catch_all(&server).await;
        Mock::given(method("POST"))
            .and(path("/v3/auth/token"))
            .respond_with(ResponseTemplate::new(200).set_body_json(fixture("auth_token_response")))
            .expect(1)
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .and(path("/v3/auth/refresh"))
            .respond_with(
                ResponseTemplate::new(200).set_body_json(fixture("auth_refresh_response")),
            )
            .expect(1)
            .mount(&server)
            .await;
        Mock::given(method(verb))
            .and(path(api_path))
            .respond_with(Sequence::new([refused(), second]))
            .expect(2)
            .mount(&server)
            .await;
        let c = Client::builder()
            .base_url(format!("{}/v3", server.uri()))
            .timeout(Duration::from_secs(2))
            .api_key(SecretString::from(API_KEY))
            .alzura_user(1234567890, 1234567890, TokenStyle::Jwt)
            .build()
            .unwrap();
        let started = Instant::now();
        let outcome = if verb == "GET" {
            c.vehicles().get("RQ5O9S").await.map(drop)
        } else {
            c.opportunities()
                .create(&documented_opportunity_post())
                .await
                .map(drop)
        };
        assert!(started.elapsed() < Duration::from_secs(3));
        match outcome {
            Ok(()) => assert!(succeeds, "{verb}: a second 401 must fail"),
            Err(e) => {
                assert!(!succeeds, "{verb}: {e:?}");
                assert_eq!(e.status().map(|s| s.as_u16()), Some(401), "{e:?}");
                assert!(!format!("{e:?} {e}").contains(API_KEY));
            }
        }
        // the expectations (1 token, 1 refresh, 2 calls) are verified here
        server.verify().await;
    }
}
