//! Line5's error statuses and bodies map to forecourt-core errors.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use common::*;
use forecourt_core::testing::Sequence;
use line5_client::{Client, Error, Id, RetryPolicy, SecretString};
use wiremock::ResponseTemplate;

fn line5_error(status: u16, pointer: &str, detail: &str) -> ResponseTemplate {
    answer_json(
        status,
        serde_json::json!({"errors":[{"source":{"pointer":pointer},"detail":detail}]}),
    )
}

#[tokio::test]
async fn each_documented_status_is_an_api_error_with_details() {
    for (status, detail) in [
        (400, "It's Bad"),
        (401, "Your API key is wrong"),
        (403, "The action requested is out of limits"),
        (404, "The specified route was not found"),
        (422, "Phone number was not sent"),
        (500, "We had a problem with our server"),
    ] {
        let (server, _) = setup().await;
        api("GET", "/loans/1")
            .respond_with(line5_error(status, "/data/attributes/customer", detail))
            .expect(1)
            .mount(&server)
            .await;
        let client2 = without_retries(&server);
        let err = client2.loans().get(&Id::from("1")).await.unwrap_err();
        assert_eq!(err.status().map(|s| s.as_u16()), Some(status));
        let api = err.api().unwrap();
        assert_eq!(api.details.len(), 1);
        assert_eq!(
            api.details[0].pointer.as_deref(),
            Some("/data/attributes/customer")
        );
        assert_eq!(api.details[0].message, detail);
        assert_eq!(api.operation, "loans.get");
        assert!(err.to_string().contains(detail), "{err}");
        assert_eq!(err.is_retryable(), status == 500);
    }
}

fn sample_user() -> line5_client::NewUser {
    line5_client::NewUser::builder()
        .first_name("a")
        .last_name("b")
        .date_of_birth(jiff::civil::date(1950, 1, 1))
        .email("a@example.com")
        .phone_number("8885551212")
        .build()
}

fn without_retries(server: &wiremock::MockServer) -> Client {
    Client::builder()
        .base_url(format!("{}/api/v1", server.uri()))
        .api_key(SecretString::from(KEY))
        .retry(RetryPolicy::none())
        .build()
        .unwrap()
}

#[tokio::test]
async fn a_503_on_get_is_retried_then_succeeds() {
    let (server, client) = setup().await;
    api("GET", "/users")
        .respond_with(Sequence::new([
            line5_error(503, "", "Service Unavailable"),
            answer(200, "users_list_response"),
        ]))
        .expect(2)
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(format!("{}/api/v1", server.uri()))
        .api_key(SecretString::from(KEY))
        .retry(RetryPolicy::default().base_delay(std::time::Duration::from_millis(1)))
        .build()
        .unwrap_or(client);
    assert_eq!(client.users().list().await.unwrap().len(), 2);
}

#[tokio::test]
async fn a_503_on_post_is_not_resent() {
    let (server, client) = setup().await;
    api("POST", "/users")
        .respond_with(line5_error(503, "", "Service Unavailable"))
        .expect(1)
        .mount(&server)
        .await;
    let err = client.users().create(&sample_user()).await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(503));
    assert!(err.is_retryable());
}

#[tokio::test]
async fn a_401_without_details_still_maps() {
    let (server, client) = setup().await;
    api("GET", "/protections")
        .respond_with(ResponseTemplate::new(401))
        .expect(1)
        .mount(&server)
        .await;
    let err = client.protections().list().await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(401));
}

#[tokio::test]
async fn a_body_that_does_not_match_is_a_decode_error_with_its_path() {
    let (server, client) = setup().await;
    api("GET", "/loans/1")
        .respond_with(answer_json(
            200,
            serde_json::json!({"data":{"id":"1","type":"loans","attributes":{"balance":"lots"}}}),
        ))
        .expect(1)
        .mount(&server)
        .await;
    let err = client.loans().get(&Id::from("1")).await.unwrap_err();
    let decode = err.decode().unwrap_or_else(|| panic!("{err:?}"));
    // the whole path in the document, and the resource's type and id
    assert_eq!(decode.path, "data.attributes.balance");
    assert!(
        decode.message.contains("`loans` id `1`"),
        "{}",
        decode.message
    );
    let (server, client) = setup().await;
    api("GET", "/loans/1")
        .respond_with(answer_json(200, serde_json::json!({"data": null})))
        .expect(1)
        .mount(&server)
        .await;
    let err = client.loans().get(&Id::from("1")).await.unwrap_err();
    assert!(matches!(err, Error::Protocol { .. }), "{err:?}");
}

#[test]
fn a_missing_api_key_is_invalid_input() {
    let err = Client::builder().build().unwrap_err();
    assert!(matches!(&err, Error::InvalidInput { field, .. } if field == "api_key"));
    let err = Client::builder()
        .api_key(SecretString::from("k"))
        .base_url("http://line5.example.com/api/v1")
        .build()
        .unwrap_err();
    assert!(
        matches!(err, Error::InvalidInput { .. }),
        "plain http is refused off loopback"
    );
}

/// A vendor's `meta` is free-form and may echo anyone's personal data,
/// which the SDK cannot know to scrub: it is kept for the caller
/// (`ErrorDetail::meta`) but never shown by `Display` or `Debug` (member
/// names only), nor in the body excerpt.
#[tokio::test]
async fn error_meta_is_kept_but_never_shown() {
    let name = forecourt_core::testing::canary("Holder");
    let phone = forecourt_core::testing::canary("+358");
    let (server, client) = setup().await;
    api("GET", "/loans/1")
        .respond_with(answer_json(
            422,
            serde_json::json!({"errors": [{
                "detail": "The co-applicant is already on another loan",
                "meta": {"other-loan": {"holder": name, "contact": [phone]}}
            }]}),
        ))
        .mount(&server)
        .await;
    let err = client.loans().get(&Id::from("1")).await.unwrap_err();
    let meta = err.api().unwrap().details[0].meta().unwrap().to_owned();
    assert!(meta.contains(&name) && meta.contains(&phone), "{meta}");
    for shown in [format!("{err}"), format!("{err:?}"), format!("{err:#?}")] {
        assert!(!shown.contains(&name) && !shown.contains(&phone), "{shown}");
        assert!(shown.contains("The co-applicant is already on another loan"));
    }
    assert!(format!("{err:?}").contains("other-loan"), "{err:?}");
}
