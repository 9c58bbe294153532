//! GraphQL auto-login and the auto-login URL.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use common::*;
use line5_client::auto_login::{SIGN_IN_USER_AUTO_MUTATION, SIGN_IN_USER_MUTATION};
use line5_client::{Client, Error, ExposeSecret, Id, SecretString};
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const JWT: &str = "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJ1c2VyX2lkIjoyNTQzNn0.sig";

async fn graphql_setup() -> (MockServer, Client) {
    let server = MockServer::start().await;
    forecourt_core::testing::mount_catch_all(&server).await;
    let client = Client::builder()
        .base_url(format!("{}/api/v1", server.uri()))
        .api_key(SecretString::from(KEY))
        .graphql_token(SecretString::from(JWT))
        .build()
        .unwrap();
    (server, client)
}

fn graphql(body: serde_json::Value) -> wiremock::MockBuilder {
    Mock::given(method("POST"))
        .and(path("/graphql"))
        .and(header("authorization", JWT))
        .and(header("content-type", "application/json"))
        .and(body_json(body))
}

fn graphql_answer(name: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(fixture_text(name).into_bytes(), "application/json")
}

#[tokio::test]
async fn sign_in_user_posts_variables_to_the_origin_with_the_bare_jwt() {
    let (server, client) = graphql_setup().await;
    graphql(serde_json::json!({
        "query": SIGN_IN_USER_MUTATION,
        "variables": {"email": "test@customer.example.com", "password": "Test1!"}
    }))
    .respond_with(graphql_answer("graphql_sign_in_user_response"))
    .expect(1)
    .mount(&server)
    .await;
    let signed = client
        .auto_login()
        .sign_in_user("test@customer.example.com", &SecretString::from("Test1!"))
        .await
        .unwrap();
    assert_eq!(signed.status, "Success");
    assert!(
        signed
            .token
            .expose_secret()
            .starts_with("eyJhbGciOiJIUzI1NiJ9.eyJ1c2VyX2lkIjo0NjcyNSwi")
    );
    let user = signed.user.unwrap();
    assert_eq!(user.id.as_str(), "1111");
    assert_eq!(user.display_name.as_deref(), Some("Test Barron john eagle"));
    assert!(!format!("{:?}", signed.token).contains("eyJ"));
    let got = server.received_requests().await.unwrap();
    assert!(
        got[0]
            .headers
            .get("authorization")
            .unwrap()
            .to_str()
            .unwrap()
            == JWT
    );
}

#[tokio::test]
async fn hostile_email_travels_as_a_variable_never_in_the_query() {
    let (server, client) = graphql_setup().await;
    let email = "evil\"\\\n){ x } @example.com";
    graphql(serde_json::json!({
        "query": SIGN_IN_USER_MUTATION,
        "variables": {"email": email, "password": "pw\"){"}
    }))
    .respond_with(graphql_answer("graphql_sign_in_user_response"))
    .expect(1)
    .mount(&server)
    .await;
    client
        .auto_login()
        .sign_in_user(email, &SecretString::from("pw\"){"))
        .await
        .unwrap();
    let got = server.received_requests().await.unwrap();
    let body: serde_json::Value = serde_json::from_slice(&got[0].body).unwrap();
    assert_eq!(body["variables"]["email"], email);
    let query = body["query"].as_str().unwrap();
    assert_eq!(query, SIGN_IN_USER_MUTATION);
    assert!(!query.contains("evil") && !query.contains("x }"));
}

#[tokio::test]
async fn sign_in_user_auto_sends_user_id_as_an_int_variable() {
    let (server, client) = graphql_setup().await;
    graphql(serde_json::json!({
        "query": SIGN_IN_USER_AUTO_MUTATION,
        "variables": {
            "email": "anthony.walker82655@customer.example.com",
            "userId": 82655,
            "service": "PROVIDE_AHEAD_OF_IMPLEMENTATION"
        }
    }))
    .respond_with(graphql_answer("graphql_sign_in_user_auto_response"))
    .expect(1)
    .mount(&server)
    .await;
    let signed = client
        .auto_login()
        .sign_in_user_auto(
            "anthony.walker82655@customer.example.com",
            82655,
            &SecretString::from("PROVIDE_AHEAD_OF_IMPLEMENTATION"),
        )
        .await
        .unwrap();
    assert_eq!(signed.user.unwrap().id.as_str(), "46725");
}

#[tokio::test]
async fn graphql_errors_are_auth_errors_without_the_email() {
    let (server, client) = graphql_setup().await;
    Mock::given(method("POST"))
        .and(path("/graphql"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "data": {"signInUser": null},
            "errors": [{"message": "Invalid credentials for who@example.com"}]
        })))
        .expect(1)
        .mount(&server)
        .await;
    let err = client
        .auto_login()
        .sign_in_user("who@example.com", &SecretString::from("bad-password"))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Auth { .. }), "{err:?}");
    let shown = format!("{err} {err:?}");
    assert!(shown.contains("Invalid credentials"), "{shown}");
    assert!(
        !shown.contains("who@example.com") && !shown.contains("bad-password"),
        "{shown}"
    );
}

#[tokio::test]
async fn graphql_http_401_is_an_api_error() {
    let (server, client) = graphql_setup().await;
    Mock::given(method("POST"))
        .and(path("/graphql"))
        .respond_with(
            ResponseTemplate::new(401)
                .set_body_json(serde_json::json!({"errors":[{"message":"Not authorized"}]})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let err = client
        .auto_login()
        .sign_in_user("a@example.com", &SecretString::from("x"))
        .await
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(401));
}

#[tokio::test]
async fn without_a_graphql_token_no_authorization_is_sent() {
    let (server, _) = graphql_setup().await;
    let client = Client::builder()
        .base_url(format!("{}/api/v1", server.uri()))
        .api_key(SecretString::from(KEY))
        .build()
        .unwrap();
    Mock::given(method("POST"))
        .and(path("/graphql"))
        .respond_with(graphql_answer("graphql_sign_in_user_response"))
        .expect(1)
        .mount(&server)
        .await;
    client
        .auto_login()
        .sign_in_user("a@example.com", &SecretString::from("x"))
        .await
        .unwrap();
    let got = server.received_requests().await.unwrap();
    assert!(
        got[0].headers.get("authorization").is_none(),
        "the API key must not go to GraphQL"
    );
}

#[test]
fn autologin_url_percent_encodes_every_parameter() {
    let client = Client::builder()
        .api_key(SecretString::from(KEY))
        .build()
        .unwrap();
    let url = client
        .auto_login()
        .url(&Id::from("13 831&x=1"), &SecretString::from("a b&c=d/+#?"))
        .unwrap();
    assert!(!format!("{url:?}").contains("a b"));
    let url = url.into_inner();
    assert_eq!(url.origin().ascii_serialization(), "https://www.line5.com");
    assert_eq!(url.path(), "/autologin");
    assert_eq!(
        url.query(),
        Some("quote_id=13+831%26x%3D1&vision_menu=true&auth_token=a+b%26c%3Dd%2F%2B%23%3F")
    );
    let pairs: Vec<(String, String)> = url.query_pairs().into_owned().collect();
    assert_eq!(pairs[0], ("quote_id".into(), "13 831&x=1".into()));
    assert_eq!(pairs[1], ("vision_menu".into(), "true".into()));
    assert_eq!(pairs[2], ("auth_token".into(), "a b&c=d/+#?".into()));
}

/// A user middleware that records the path of every request it sees and
/// whether credentials were already on it (they must not be: auth is innermost).
#[derive(Clone, Default)]
struct Spy(std::sync::Arc<std::sync::Mutex<Vec<(String, bool)>>>);

// The trait is `#[async_trait]`; this is its expansion, written out so the
// tests need no extra dependency.
impl forecourt_core::reqwest_middleware::Middleware for Spy {
    fn handle<'life0, 'life1, 'life2, 'async_trait>(
        &'life0 self,
        req: forecourt_core::reqwest::Request,
        ext: &'life1 mut http::Extensions,
        next: forecourt_core::reqwest_middleware::Next<'life2>,
    ) -> std::pin::Pin<
        Box<
            dyn std::future::Future<
                    Output = forecourt_core::reqwest_middleware::Result<
                        forecourt_core::reqwest::Response,
                    >,
                > + Send
                + 'async_trait,
        >,
    >
    where
        'life0: 'async_trait,
        'life1: 'async_trait,
        'life2: 'async_trait,
        Self: 'async_trait,
    {
        self.0.lock().unwrap().push((
            req.url().path().to_owned(),
            req.headers().contains_key("authorization"),
        ));
        Box::pin(next.run(req, ext))
    }
}

#[tokio::test]
async fn user_middleware_sees_graphql_calls_too() {
    let server = MockServer::start().await;
    forecourt_core::testing::mount_catch_all(&server).await;
    let spy = Spy::default();
    let client = Client::builder()
        .base_url(format!("{}/api/v1", server.uri()))
        .api_key(SecretString::from(KEY))
        .graphql_token(SecretString::from(JWT))
        .middleware(spy.clone())
        .build()
        .unwrap();
    graphql(serde_json::json!({
        "query": SIGN_IN_USER_MUTATION,
        "variables": {"email": "a@example.com", "password": "pw"}
    }))
    .respond_with(graphql_answer("graphql_sign_in_user_response"))
    .expect(1)
    .mount(&server)
    .await;
    client
        .auto_login()
        .sign_in_user("a@example.com", &SecretString::from("pw"))
        .await
        .unwrap();
    assert_eq!(*spy.0.lock().unwrap(), [("/graphql".to_owned(), false)]);
}

#[tokio::test]
async fn user_timeout_applies_to_graphql() {
    let server = MockServer::start().await;
    forecourt_core::testing::mount_catch_all(&server).await;
    let client = Client::builder()
        .base_url(format!("{}/api/v1", server.uri()))
        .api_key(SecretString::from(KEY))
        .graphql_token(SecretString::from(JWT))
        .timeout(std::time::Duration::from_millis(200))
        .retry(line5_client::RetryPolicy::none())
        .build()
        .unwrap();
    Mock::given(method("POST"))
        .and(path("/graphql"))
        .respond_with(
            graphql_answer("graphql_sign_in_user_response")
                .set_delay(std::time::Duration::from_secs(3)),
        )
        .mount(&server)
        .await;
    let started = std::time::Instant::now();
    let err = client
        .auto_login()
        .sign_in_user("a@example.com", &SecretString::from("pw"))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Timeout { .. }), "{err:?}");
    assert!(
        started.elapsed() < std::time::Duration::from_secs(2),
        "took {:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn each_transport_scrubs_the_other_transports_secret() {
    let server = MockServer::start().await;
    forecourt_core::testing::mount_catch_all(&server).await;
    let client = Client::builder()
        .base_url(format!("{}/api/v1", server.uri()))
        .api_key(SecretString::from(KEY))
        .graphql_token(SecretString::from(JWT))
        .build()
        .unwrap();
    // the server echoes both secrets in an error body and a detail
    let echo = serde_json::json!({
        "errors": [{"source": {"pointer": "/data"}, "detail": format!("key {KEY} jwt {JWT}")}],
        "key": KEY,
        "jwt": JWT,
    });
    Mock::given(method("POST"))
        .and(path("/graphql"))
        .respond_with(answer_json(401, echo.clone()))
        .mount(&server)
        .await;
    api("GET", "/users")
        .respond_with(answer_json(422, echo))
        .mount(&server)
        .await;
    let graphql_err = client
        .auto_login()
        .sign_in_user("a@example.com", &SecretString::from("pw"))
        .await
        .unwrap_err();
    let api_err = client.users().list().await.unwrap_err();
    for err in [graphql_err, api_err] {
        let Error::Api(api) = &err else {
            panic!("{err:?}")
        };
        assert!(api.body_excerpt.contains("[REDACTED]"), "{err:?}");
        let shown = format!("{err} {err:?} {} {:?}", api.body_excerpt, api.details);
        assert!(!shown.contains(KEY), "API key leaked: {shown}");
        assert!(!shown.contains(JWT), "GraphQL token leaked: {shown}");
    }
}
