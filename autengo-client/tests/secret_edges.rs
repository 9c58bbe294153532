//! Issue 14 on Autengo: hostile token endpoints, echoed tokens and
//! personal values, numbers that overflow, a client the user brings,
//! huge ids and redirect loops (findings 2, 3, 5, 7, 9, 10, 14). Canaries
//! are random per run (unique by construction).
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use autengo_client::{Client, Error, SecretString, TokenStyle};
use common::{API_KEY, builder, client, documented_contact_post, fixture, server};
use forecourt_core::testing::{canary, capture_logs};
use futures::StreamExt;
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn shown(err: &Error) -> String {
    let mut text = format!("{err} {err:?}");
    let mut source: Option<&dyn std::error::Error> = std::error::Error::source(err);
    while let Some(s) = source {
        text.push_str(&format!(" | {s} {s:?}"));
        source = s.source();
    }
    text
}

async fn mount_token(server: &MockServer, token: &str, expires_in: serde_json::Value) {
    Mock::given(method("POST"))
        .and(path("/v3/auth/token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"token": token, "expires_in": expires_in, "token_type": "Bearer"}),
        ))
        .mount(server)
        .await;
}

fn alzura(server: &MockServer) -> Client {
    builder(server)
        .alzura_user(7, 8, TokenStyle::Jwt)
        .build()
        .unwrap()
}

/// Finding 2: an `expires_in` too large for the clock does not panic.
#[tokio::test]
async fn a_token_lifetime_too_long_for_the_clock_does_not_panic() {
    for expires_in in [json!(9_999_999_999_999_999_999_u64), json!(u64::MAX)] {
        let server = server().await;
        mount_token(&server, "tok-long-lived", expires_in).await;
        Mock::given(method("GET"))
            .and(path("/v3/vehicle/reference/make"))
            .respond_with(ResponseTemplate::new(200).set_body_json(fixture("makes_response")))
            .expect(2)
            .mount(&server)
            .await;
        let c = alzura(&server);
        c.vehicles().makes().await.unwrap();
        c.vehicles().makes().await.unwrap();
    }
}

/// Finding 5: the token the client fetched from `/auth/token`, echoed in a
/// 401 by the API, and tokens returned by `auth().issue_token()` /
/// `auth().refresh()`, echoed later.
#[tokio::test]
async fn fetched_tokens_echoed_by_the_vendor_are_scrubbed() {
    let (logs, _guard) = capture_logs();
    let token = canary("eyJ.");
    let server = server().await;
    mount_token(&server, &token, json!(3600)).await;
    // the refused token is renewed once through /auth/refresh (same token back)
    Mock::given(method("GET"))
        .and(path("/v3/auth/refresh"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"token": token})))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v3/vehicle/reference/make"))
        .respond_with(
            ResponseTemplate::new(401)
                .set_body_json(json!({"message": format!("token {token} expired")})),
        )
        .mount(&server)
        .await;
    let err = alzura(&server).vehicles().makes().await.unwrap_err();
    assert!(!shown(&err).contains(&token), "{}", shown(&err));

    // tokens handed to the user by the token operations
    let issued = canary("eyJ.issued.");
    let refreshed = canary("eyJ.refreshed.");
    let server = common::server().await;
    mount_token(&server, &issued, json!(3600)).await;
    Mock::given(method("GET"))
        .and(path("/v3/auth/refresh"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"token": refreshed})))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v3/contact/5"))
        .respond_with(ResponseTemplate::new(403).set_body_json(
            json!({"message": format!("{issued} and {refreshed} may not read contact 5")}),
        ))
        .mount(&server)
        .await;
    let c = client(&server);
    let post = autengo_client::TokenPost::builder()
        .dealer_alzura_id(1)
        .user_alzura_id(2)
        .build();
    c.auth().issue_token(&post).await.unwrap();
    c.auth().refresh().await.unwrap();
    let err = c.contacts().get(5).await.unwrap_err();
    let text = shown(&err);
    assert!(
        !text.contains(&issued) && !text.contains(&refreshed),
        "{text}"
    );
    let logs = logs.text();
    assert!(!logs.contains(&token) && !logs.contains(&issued) && !logs.contains(&refreshed));
}

/// Finding 9: personal values the call sent (a date of birth in a
/// `Redacted`) echoed inside a vendor message are removed exactly.
#[tokio::test]
async fn personal_values_the_call_sent_are_scrubbed_from_echoes() {
    let server = server().await;
    Mock::given(method("POST"))
        .and(path("/v3/contact"))
        .respond_with(ResponseTemplate::new(422).set_body_json(json!({
            "message": "dateOfBirth 1990-01-01 is not allowed for contact type customer",
            "errors": {"dateOfBirth": ["1990-01-01 is in the future?"]}
        })))
        .mount(&server)
        .await;
    let err = client(&server)
        .contacts()
        .create(&documented_contact_post())
        .await
        .unwrap_err();
    let text = shown(&err);
    assert!(!text.contains("1990-01-01"), "{text}");
    assert!(
        text.contains("is not allowed") || text.contains("in the future"),
        "{text}"
    );
}

/// Finding 3: a start offset of u64::MAX ends the stream, no overflow.
#[tokio::test]
async fn a_stream_starting_at_the_largest_offset_does_not_overflow() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/v3/vehicle"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "total": u64::MAX, "offset": u64::MAX, "limit": 2,
            "list": [{"sellingId": "A"}, {"sellingId": "B"}]
        })))
        .expect(1)
        .mount(&server)
        .await;
    let items: Vec<_> = client(&server)
        .vehicles()
        .list()
        .offset(u64::MAX)
        .limit(2)
        .stream()
        .collect()
        .await;
    assert_eq!(items.len(), 2);
    assert!(items.iter().all(Result::is_ok));
}

/// Finding 10: a client built from the user's own reqwest builder (with
/// reqwest's default redirect policy) still refuses a redirect to another
/// origin: the API key never reaches it.
#[tokio::test]
async fn a_user_supplied_http_client_keeps_the_redirect_guard() {
    let elsewhere = MockServer::start().await;
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/v3/vehicle/reference/make"))
        .respond_with(
            ResponseTemplate::new(302)
                .insert_header("location", format!("{}/steal", elsewhere.uri())),
        )
        .mount(&server)
        .await;
    let c = Client::builder()
        .base_url(format!("{}/v3", server.uri()))
        .api_key(SecretString::from(API_KEY))
        .reqwest_client_builder(
            forecourt_core::reqwest::Client::builder()
                .redirect(forecourt_core::reqwest::redirect::Policy::limited(10)),
        )
        .build()
        .unwrap();
    let err = c.vehicles().makes().await.unwrap_err();
    assert!(matches!(err, Error::Redirect { .. }), "{err:?}");
    assert_eq!(elsewhere.received_requests().await.unwrap().len(), 0);
}

/// Finding 14: a 10 MB path id is `InvalidInput` naming the field, and
/// nothing is sent.
#[tokio::test]
async fn a_huge_path_id_is_invalid_input_naming_the_field() {
    let server = server().await;
    let id = "A".repeat(10 * 1024 * 1024);
    let err = client(&server).vehicles().get(&id).await.unwrap_err();
    match &err {
        Error::InvalidInput { field, .. } => assert_eq!(field, "sellingId"),
        other => panic!("{other:?}"),
    }
    assert_eq!(server.received_requests().await.unwrap().len(), 0);
}

/// Finding 14: a redirect loop within the origin is reported once, not
/// retried like a network error (11 requests for one GET, not 33).
#[tokio::test]
async fn a_same_origin_redirect_loop_is_not_retried() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/v3/vehicle/reference/make"))
        .respond_with(
            ResponseTemplate::new(302).insert_header("location", "/v3/vehicle/reference/make"),
        )
        .mount(&server)
        .await;
    let c = builder(&server)
        .retry(forecourt_core::RetryPolicy::default())
        .build()
        .unwrap();
    let err = c.vehicles().makes().await.unwrap_err();
    assert!(!err.is_retryable(), "{err:?}");
    let sent = server.received_requests().await.unwrap().len();
    assert!(sent <= 11, "{sent} requests for one GET");
}

/// A contact is personal data: every value a create sent (names, street,
/// e-mail, phones, plate) echoed in the vendor's message is removed
/// exactly, and neither `ContactPost` nor the returned `Contact` prints a
/// value in `Debug`.
#[tokio::test]
async fn every_contact_value_sent_is_scrubbed_and_never_printed() {
    let (logs, _guard) = capture_logs();
    let server = server().await;
    let first = canary("Max\"\u{fc}");
    let last = canary("Mu");
    let street = canary("Hauptstr. ");
    let email = format!("{}@example.org", canary("max."));
    let phone = canary("+49 ");
    let plate = canary("B-");
    let sent = [&first, &last, &street, &email, &phone, &plate];
    let echo = sent
        .iter()
        .map(|v| v.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    // the values go out exactly as given
    Mock::given(method("POST"))
        .and(path("/v3/contact"))
        .and(wiremock::matchers::header("x-api-key", API_KEY))
        .and(wiremock::matchers::body_json(json!({
            "lastName": last, "firstName": first, "streetAddress": street,
            "email": email, "phoneNumber": phone, "licensePlate": plate
        })))
        .respond_with(ResponseTemplate::new(409).set_body_json(json!({
            "status": "error",
            "statusText": format!("contact {echo} exists"),
            "errors": {"lastName": [format!("{last} is taken")]}
        })))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v3/contact/5"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "status": "success",
            "data": {"contact": {"ID": 5, "firstName": first, "lastName": last,
                "email": email, "phoneNumber": phone, "licensePlate": plate}}
        })))
        .mount(&server)
        .await;
    let post = autengo_client::ContactPost::builder()
        .first_name(first.as_str())
        .last_name(last.as_str())
        .street_address(street.as_str())
        .email(email.as_str())
        .phone_number(phone.as_str())
        .license_plate(plate.as_str())
        .build();
    let c = client(&server);
    let err = c.contacts().create(&post).await.unwrap_err();
    let got = c.contacts().get(5).await.unwrap();
    assert_eq!(got.data.contact.email.as_deref(), Some(email.as_str()));
    let text = format!("{} {err:#?} {}", shown(&err), logs.text());
    assert!(text.contains("exists"), "{text}");
    let models = format!("{post:?} {post:#?} {got:?} {got:#?}");
    for v in sent {
        for (what, shown) in [("error", &text), ("models", &models)] {
            assert!(!shown.contains(v.as_str()), "{v} in {what}: {shown}");
            let escaped = format!("{v:?}");
            assert!(
                !shown.contains(&escaped[1..escaped.len() - 1]),
                "{v} in {what}: {shown}"
            );
        }
    }
}

/// Finding 7: a decode error on a string value that holds a `"` and then
/// the static API key (serde quotes it with `{:?}`: `\"`) keeps no key in
/// `Display` or `Debug`.
#[tokio::test]
async fn a_decode_error_on_a_value_with_a_quote_keeps_no_api_key() {
    let (logs, _guard) = capture_logs();
    let key = canary("key-");
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/v3/vehicle/reference/make"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "total": 1,
            "list": [{"makeId": format!("x\" {key} \"y"), "makeName": "Audi"}]
        })))
        .mount(&server)
        .await;
    let c = Client::builder()
        .base_url(format!("{}/v3", server.uri()))
        .api_key(SecretString::from(key.clone()))
        .build()
        .unwrap();
    let err = c.vehicles().makes().await.unwrap_err();
    assert!(matches!(err, Error::Decode(_)), "{err:?}");
    let text = format!("{} {}", shown(&err), logs.text());
    assert!(!text.contains(&key), "{key} leaked in: {text}");
}
