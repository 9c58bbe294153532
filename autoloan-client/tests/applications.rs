//! Applications: exact requests, validation, errors, fixtures.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::Duration;

use autoloan_client::applications::outcome_unknown;
use autoloan_client::{
    ApplicationStatus, Client, Decimal, Error, NewApplication, RequestOptions, SecretString, Vin,
};
use common::{API_KEY, doc_application, fixture, full_application};
use forecourt_core::testing::mount_catch_all;
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

fn client(server: &MockServer) -> Client {
    Client::builder()
        .api_key(SecretString::from(API_KEY))
        .base_url(server.uri())
        .build()
        .unwrap()
}

fn exact_submit() -> wiremock::MockBuilder {
    Mock::given(method("POST"))
        .and(path("/api/v1/applications"))
        .and(|r: &Request| r.url.query().is_none())
        .and(header(
            "authorization",
            format!("Bearer {API_KEY}").as_str(),
        ))
        .and(header("content-type", "application/json"))
        .and(header("accept", "application/json"))
        .and(|r: &Request| {
            r.headers
                .get("user-agent")
                .and_then(|v| v.to_str().ok())
                .is_some_and(|ua| ua.starts_with("autoloan-client/"))
        })
}

#[tokio::test]
async fn submit_sends_the_documented_request_and_keeps_every_field() {
    let server = MockServer::start().await;
    mount_catch_all(&server).await;
    exact_submit()
        .and(body_json(fixture("application_request.json")))
        // Finnish letters travel as UTF-8, not escaped or changed
        .and(|r: &Request| {
            String::from_utf8(r.body.clone()).is_ok_and(|b| b.contains("\"Meikäläinen\""))
        })
        .respond_with(ResponseTemplate::new(201).set_body_json(serde_json::json!({
            "id": "APP-005",
            "status": "Pending",
            "createdAt": "2024-07-18T09:59:00Z",
            "links": {"self": "/api/v1/applications/APP-005"},
            "score": 712
        })))
        .expect(1)
        .mount(&server)
        .await;

    let app = client(&server)
        .applications()
        .submit(&doc_application())
        .await
        .unwrap();
    assert_eq!(app.id.as_str(), "APP-005");
    assert_eq!(app.status, ApplicationStatus::Pending);
    assert_eq!(app.extra.len(), 3);
    assert_eq!(app.extra["createdAt"], "2024-07-18T09:59:00Z");
    assert_eq!(app.extra["links"]["self"], "/api/v1/applications/APP-005");
    assert_eq!(app.extra["score"], 712);
    // nothing lost: the answer re-encodes to what was sent
    assert_eq!(
        serde_json::to_value(&app).unwrap(),
        serde_json::json!({
            "id": "APP-005", "status": "Pending", "createdAt": "2024-07-18T09:59:00Z",
            "links": {"self": "/api/v1/applications/APP-005"}, "score": 712
        })
    );
}

#[tokio::test]
async fn submit_accepts_numeric_and_application_id_and_unknown_status() {
    let server = MockServer::start().await;
    exact_submit()
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(serde_json::json!({"applicationId": 77, "status": "InReview"})),
        )
        .mount(&server)
        .await;
    let app = client(&server)
        .applications()
        .submit(&full_application(39_000, 30_000))
        .await
        .unwrap();
    assert_eq!(app.id.as_str(), "77");
    assert_eq!(app.status, ApplicationStatus::Unknown("InReview".into()));
    assert_eq!(app.status.as_str(), "InReview");
    assert!(app.extra.is_empty());
}

#[tokio::test]
async fn answer_without_status_is_a_decode_error_with_path() {
    let server = MockServer::start().await;
    exact_submit()
        .respond_with(ResponseTemplate::new(201).set_body_json(serde_json::json!({"id": "APP-1"})))
        .mount(&server)
        .await;
    let err = client(&server)
        .applications()
        .submit(&full_application(39_000, 30_000))
        .await
        .unwrap_err();
    assert!(err.decode().is_some(), "{err:?}");
    // the application was probably created: resubmitting is not safe
    assert!(outcome_unknown(&err));
}

#[test]
fn request_fixture_encodes_equal() {
    let encoded = serde_json::to_value(doc_application()).unwrap();
    assert_eq!(encoded, fixture("application_request.json"));
    // and it decodes back to the same typed value, Finnish name unchanged
    let decoded: NewApplication =
        serde_json::from_value(fixture("application_request.json")).unwrap();
    assert_eq!(decoded, doc_application());
    assert_eq!(decoded.customer.last_name.expose(), "Meikäläinen");
    assert!(decoded.vehicle.vin.is_partial());
}

async fn assert_refused(app: NewApplication, field: &str) {
    let server = MockServer::start().await;
    mount_catch_all(&server).await; // nothing may be sent
    let err = client(&server)
        .applications()
        .submit(&app)
        .await
        .unwrap_err();
    match &err {
        Error::InvalidInput { field: f, .. } => assert_eq!(f, field, "{err}"),
        other => panic!("expected InvalidInput for {field}, got {other:?}"),
    }
}

#[tokio::test]
async fn validation_refuses_before_sending() {
    let mut a = full_application(39_000, 30_000);
    a.vehicle.year = 1899;
    assert_refused(a, "vehicle.year").await;
    let mut a = full_application(39_000, 30_000);
    a.vehicle.year = 2999;
    assert_refused(a, "vehicle.year").await;
    assert_refused(full_application(-1, 30_000), "vehicle.price").await;
    let mut a = full_application(39_000, 30_000);
    a.customer.email = "matti.example.com".into();
    assert_refused(a, "customer.email").await;
    for bad_phone in [
        "040 123 4567",
        "+358 40 12x 4567",
        "+0 40 123 4567",
        "+12",
        "+358-40-123-4567",
    ] {
        let mut a = full_application(39_000, 30_000);
        a.customer.phone = bad_phone.into();
        assert_refused(a, "customer.phone").await;
    }
    let mut a = full_application(39_000, 30_000);
    a.customer.first_name = " ".into();
    assert_refused(a, "customer.firstName").await;
    let mut a = full_application(39_000, 30_000);
    a.dealer_id = String::new();
    assert_refused(a, "dealerId").await;
    let mut a = full_application(39_000, 30_000);
    a.vehicle.make = String::new();
    assert_refused(a, "vehicle.make").await;
}

#[test]
fn validation_accepts_plausible_values() {
    let mut a = full_application(0, 0);
    a.customer.phone = "+358401234567".into();
    a.validate().unwrap();
    let mut a = full_application(39_000, 0);
    a.vehicle.year = 1900;
    a.validate().unwrap();
    let next_year = jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .year()
        + 1;
    a.vehicle.year = u16::try_from(next_year).unwrap();
    a.validate().unwrap();
}

#[test]
fn vin_rules() {
    assert_eq!(
        Vin::new("yv1dz82c0n1234567").unwrap().as_str(),
        "YV1DZ82C0N1234567"
    );
    for bad in [
        "YV1DZ82C...",
        "YV1DZ82C0N123456",
        "YV1DZ82C0N12345678",
        "YV1DZ82C0N123456I",
        "YV1DZ82O0N1234567",
        "YV1DZ82Q0N1234567",
        "",
    ] {
        let err = Vin::new(bad).unwrap_err();
        assert!(
            matches!(&err, Error::InvalidInput { field, .. } if field == "vin"),
            "{bad}"
        );
        assert!(
            bad.is_empty() || !err.to_string().contains(bad),
            "value leaked: {err}"
        );
    }
    let p = Vin::partial("YV1DZ82C...").unwrap();
    assert!(p.is_partial());
    assert_eq!(p.as_str(), "YV1DZ82C...");
    assert!(Vin::partial("YV1DZ82C").unwrap().is_partial());
    assert!(!Vin::partial("YV1DZ82C0N1234567").unwrap().is_partial());
    for bad in ["...", "YV1I...", "YV1DZ82C0N12345678...", "YV1 DZ"] {
        assert!(Vin::partial(bad).is_err(), "{bad}");
    }
    assert!("YV1DZ82C0N1234567".parse::<Vin>().is_ok());
}

#[tokio::test]
async fn vendor_errors_map_to_api_errors() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(header("x-case", "401"))
        .respond_with(
            ResponseTemplate::new(401)
                .set_body_json(serde_json::json!({"message": "Invalid API key"})),
        )
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(header("x-case", "422"))
        .respond_with(ResponseTemplate::new(422).set_body_json(
            serde_json::json!({"code": "validation_failed", "message": "VIN unknown", "field": "vehicle.vin"}),
        ))
        .mount(&server)
        .await;
    let c = client(&server);
    let with_case = |case: &'static str| {
        RequestOptions::new().header(
            http::HeaderName::from_static("x-case"),
            http::HeaderValue::from_static(case),
        )
    };
    let app = full_application(39_000, 30_000);
    let err = c
        .applications()
        .options(with_case("401"))
        .submit(&app)
        .await
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(401));
    assert!(err.to_string().contains("Invalid API key"), "{err}");
    assert!(!outcome_unknown(&err));
    let err = c
        .applications()
        .options(with_case("422"))
        .submit(&app)
        .await
        .unwrap_err();
    let api = err.api().unwrap();
    assert_eq!(api.status.as_u16(), 422);
    assert_eq!(api.details[0].pointer.as_deref(), Some("vehicle.vin"));
    assert_eq!(api.details[0].code.as_deref(), Some("validation_failed"));
    assert!(!outcome_unknown(&err));
}

#[tokio::test]
async fn post_is_never_retried_and_5xx_is_an_unknown_outcome() {
    let server = MockServer::start().await;
    exact_submit()
        .respond_with(
            ResponseTemplate::new(503).set_body_json(serde_json::json!({"message": "busy"})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let err = client(&server)
        .applications()
        .submit(&full_application(39_000, 30_000))
        .await
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(503));
    assert!(outcome_unknown(&err));
}

#[tokio::test]
async fn timeout_is_an_unknown_outcome_and_not_resent() {
    let server = MockServer::start().await;
    exact_submit()
        .respond_with(ResponseTemplate::new(201).set_delay(Duration::from_secs(5)))
        .expect(1)
        .mount(&server)
        .await;
    let err = client(&server)
        .applications()
        .options(RequestOptions::new().timeout(Duration::from_millis(200)))
        .submit(&full_application(39_000, 30_000))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Timeout { .. }), "{err:?}");
    assert!(outcome_unknown(&err));
}

#[tokio::test]
async fn connect_error_is_a_known_outcome() {
    // a port with nothing listening
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let c = Client::builder()
        .api_key(SecretString::from(API_KEY))
        .base_url(url)
        .retry(forecourt_core::RetryPolicy::none())
        .build()
        .unwrap();
    let err = c
        .applications()
        .submit(&full_application(39_000, 30_000))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Connect { .. }), "{err:?}");
    assert!(!outcome_unknown(&err));
}

#[test]
fn builder_requires_key_and_base_url() {
    let err = Client::builder()
        .base_url("https://api.example")
        .build()
        .unwrap_err();
    assert!(
        matches!(&err, Error::InvalidInput { field, .. } if field == "api_key"),
        "{err}"
    );
    let err = Client::builder()
        .api_key(SecretString::from(API_KEY))
        .build()
        .unwrap_err();
    assert!(
        matches!(&err, Error::InvalidInput { field, .. } if field == "base_url"),
        "{err}"
    );
    let err = Client::builder()
        .api_key(SecretString::from(API_KEY))
        .base_url("http://api.example")
        .build()
        .unwrap_err();
    assert!(
        matches!(&err, Error::InvalidInput { field, .. } if field == "base_url"),
        "{err}"
    );
    let c = Client::builder()
        .api_key(SecretString::from(API_KEY))
        .base_url("https://api.example/")
        .build()
        .unwrap();
    assert_eq!(c.transport().base_url().as_str(), "https://api.example/");
}

#[test]
fn price_is_exact() {
    let mut a = full_application(0, 0);
    a.vehicle.price = "39000.10".parse::<Decimal>().unwrap();
    let text = serde_json::to_string(&a).unwrap();
    assert!(text.contains("\"price\":39000.10"), "{text}");
}
