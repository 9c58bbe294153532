#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Wiremock tests of the contact operations (by id and by TecFactura id).
mod common;

use autengo_client::{ContactTitle, Error};
use common::{API_KEY, TOKEN, client, documented_contact_post, fixture, server};
use serde_json::json;
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, ResponseTemplate};

fn authed(m: wiremock::MockBuilder) -> wiremock::MockBuilder {
    m.and(header("x-api-key", API_KEY))
        .and(header("authorization", format!("JWT {TOKEN}").as_str()))
        .and(header("accept", "application/json"))
}

#[tokio::test]
async fn create_posts_the_documented_body() {
    let server = server().await;
    authed(Mock::given(method("POST")).and(path("/v3/contact")))
        .and(header("content-type", "application/json"))
        .and(body_json(fixture("contact_create_request")))
        .respond_with(ResponseTemplate::new(201).set_body_json(fixture("contact_create_response")))
        .expect(1)
        .mount(&server)
        .await;
    let resp = client(&server)
        .contacts()
        .create(&documented_contact_post())
        .await
        .unwrap();
    assert_eq!(resp.status.as_deref(), Some("success"));
    let c = resp.contact();
    assert_eq!(c.id, 123);
    assert_eq!(c.title, Some(ContactTitle::Mr));
    assert_eq!(c.iban.as_ref().unwrap().expose(), "DE89370400440532013000");
    assert_eq!(
        c.date_of_birth.unwrap().into_inner(),
        jiff::civil::date(1990, 1, 1)
    );
    assert_eq!(c.fax_number.as_ref().unwrap().as_u64(), Some(1234567));
}

#[tokio::test]
async fn get_update_delete_by_id() {
    let server = server().await;
    authed(Mock::given(method("GET")).and(path("/v3/contact/123")))
        .respond_with(ResponseTemplate::new(200).set_body_json(fixture("contact_get_response")))
        .expect(1)
        .mount(&server)
        .await;
    authed(Mock::given(method("PUT")).and(path("/v3/contact/123")))
        .and(header("content-type", "application/json"))
        .and(body_json(fixture("contact_update_request")))
        .respond_with(ResponseTemplate::new(200).set_body_json(fixture("contact_update_response")))
        .expect(1)
        .mount(&server)
        .await;
    authed(Mock::given(method("DELETE")).and(path("/v3/contact/123")))
        .respond_with(ResponseTemplate::new(200).set_body_json(fixture("contact_delete_response")))
        .expect(1)
        .mount(&server)
        .await;
    let c = client(&server);
    assert_eq!(
        c.contacts()
            .get(123)
            .await
            .unwrap()
            .contact()
            .last_name
            .as_deref(),
        Some("Mustermann")
    );
    let updated = c
        .contacts()
        .update(123, &documented_contact_post())
        .await
        .unwrap();
    assert_eq!(
        updated.contact().tecfactura_id.as_deref(),
        Some("D123456789")
    );
    let deleted = c.contacts().delete(123).await.unwrap();
    assert_eq!(
        deleted.status_text.as_deref(),
        Some("Contact deleted successfully")
    );
}

#[tokio::test]
async fn get_update_delete_by_tecfactura_id() {
    let server = server().await;
    authed(Mock::given(method("GET")).and(path("/v3/contact/tecfactura/D123456789")))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(fixture("contact_tecfactura_get_response")),
        )
        .expect(1)
        .mount(&server)
        .await;
    authed(Mock::given(method("PUT")).and(path("/v3/contact/tecfactura/D123456789")))
        .and(body_json(fixture("contact_tecfactura_update_request")))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(fixture("contact_tecfactura_update_response")),
        )
        .expect(1)
        .mount(&server)
        .await;
    authed(Mock::given(method("DELETE")).and(path("/v3/contact/tecfactura/a%2Fb")))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(fixture("contact_tecfactura_delete_response")),
        )
        .expect(1)
        .mount(&server)
        .await;
    let c = client(&server);
    assert_eq!(
        c.contacts()
            .get_by_tecfactura("D123456789")
            .await
            .unwrap()
            .contact()
            .id,
        123
    );
    c.contacts()
        .update_by_tecfactura("D123456789", &documented_contact_post())
        .await
        .unwrap();
    // the id is one path segment, whatever it contains
    let d = c.contacts().delete_by_tecfactura("a/b").await.unwrap();
    assert_eq!(d.status.as_deref(), Some("success"));
}

#[tokio::test]
async fn not_found_and_invalid_input() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/v3/contact/9"))
        .respond_with(
            ResponseTemplate::new(404)
                .set_body_json(json!({"status": "error", "statusText": "Contact not found"})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let c = client(&server);
    let err = c.contacts().get(9).await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(404));
    assert_eq!(err.api().unwrap().details[0].message, "Contact not found");
    // refused before sending (the catch-all fails the test otherwise)
    let mut bad = documented_contact_post();
    bad.customer_rating = Some(6);
    let err = c.contacts().create(&bad).await.unwrap_err();
    assert!(
        matches!(&err, Error::InvalidInput { field, .. } if field == "customerRating"),
        "{err:?}"
    );
    let mut bad = documented_contact_post();
    bad.zip_code = Some("x".repeat(17));
    let err = c.contacts().update(1, &bad).await.unwrap_err();
    assert!(
        matches!(&err, Error::InvalidInput { field, .. } if field == "zipCode"),
        "{err:?}"
    );
    assert!(matches!(
        c.contacts().get_by_tecfactura("").await,
        Err(Error::InvalidInput { .. })
    ));
}
