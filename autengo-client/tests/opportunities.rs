#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Wiremock tests of `POST /opportunity`.
mod common;

use autengo_client::{Error, OpportunityCustomer, OpportunityPost};
use common::{API_KEY, client, documented_opportunity_post, fixture, server};
use serde_json::json;
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, ResponseTemplate};

#[tokio::test]
async fn create_posts_the_documented_body() {
    let server = server().await;
    Mock::given(method("POST"))
        .and(path("/v3/opportunity"))
        .and(header("x-api-key", API_KEY))
        .and(header("content-type", "application/json"))
        .and(header("accept-language", "de"))
        .and(body_json(fixture("opportunity_post_request")))
        .respond_with(ResponseTemplate::new(200).set_body_json(fixture("opportunity_response")))
        .expect(1)
        .mount(&server)
        .await;
    let resp = client(&server)
        .opportunities()
        .create(&documented_opportunity_post())
        .await
        .unwrap();
    assert_eq!(resp.opportunity_id(), 3813);
    assert_eq!(resp.status.as_deref(), Some("success"));
}

#[tokio::test]
async fn unknown_vehicle_is_404_and_bad_input_is_refused() {
    let server = server().await;
    Mock::given(method("POST"))
        .and(path("/v3/opportunity"))
        .respond_with(
            ResponseTemplate::new(404)
                .set_body_json(json!({"status": "error", "statusText": "Vehicle not found"})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let c = client(&server);
    let post = OpportunityPost::builder()
        .selling_id("NOPE")
        .customer(OpportunityCustomer::builder().last_name("Doe").build())
        .build();
    let err = c.opportunities().create(&post).await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(404));
    assert!(err.to_string().contains("Vehicle not found"));
    // POST is never re-sent: expect(1) above holds even with the default retry policy
    let bad = OpportunityPost::builder()
        .selling_id(" ")
        .customer(OpportunityCustomer::builder().last_name("Doe").build())
        .build();
    let err = c.opportunities().create(&bad).await.unwrap_err();
    assert!(matches!(&err, Error::InvalidInput { field, .. } if field == "sellingId"));
    let bad = OpportunityPost::builder()
        .selling_id("X")
        .customer(
            OpportunityCustomer::builder()
                .last_name("Doe")
                .email("no-at-sign")
                .build(),
        )
        .build();
    assert!(matches!(
        c.opportunities().create(&bad).await,
        Err(Error::InvalidInput { .. })
    ));
}
