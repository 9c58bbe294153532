//! Loans: get, by quote, id lookup, packages (streamed downloads), notes.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use common::*;
use futures::TryStreamExt;
use line5_client::{Error, Id, LoanStatus, SigningState};
use wiremock::matchers::{any, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn get_loan_resolves_customer_vehicle_and_cover_sheet() {
    let (server, client) = setup().await;
    api("GET", "/loans/110372")
        .respond_with(answer(200, "loan_get_response"))
        .expect(1)
        .mount(&server)
        .await;
    let loan = client.loans().get(&Id::from("110372")).await.unwrap();
    assert_eq!(loan.status, Some(LoanStatus::AwaitingPaperwork));
    assert_eq!(loan.funded_at, None);
    assert_eq!(loan.start_date, Some(jiff::civil::date(2017, 6, 1)));
    assert_eq!(loan.payment_day, Some(24));
    assert_eq!(loan.monthly_payment, Some(d("47.18")));
    assert_eq!(loan.down_payment, Some(d("0.0")));
    assert_eq!(loan.doc_stamp_fee, Some(d("1.75")));
    assert_eq!(loan.signing_state, Some(SigningState::Unsigned));
    assert!(
        loan.esign_url
            .as_ref()
            .unwrap()
            .expose()
            .starts_with("https://esignlive.com/")
    );
    let sheet = loan.cover_sheet().unwrap();
    assert_eq!(
        sheet.file_name.as_deref(),
        Some("5087eef7-bcc7-4778-9f34-9c4773ee529f.pdf")
    );
    assert_eq!(sheet.content_type.as_deref(), Some("application/pdf"));
    assert_eq!(
        sheet.download.as_deref(),
        Some("http://hashsat1.com:3000/api/v1/loans/110372/loan_packages/9215/download")
    );
    assert_eq!(loan.vehicle().unwrap().msrp, Some(d("25999.99")));
    assert_eq!(loan.quote_protections()[0].id.as_str(), "20730");
    assert!(loan.unread_loan_note_ids().is_empty());
}

#[tokio::test]
async fn loan_by_quote_and_id_lookup() {
    let (server, client) = setup().await;
    api("GET", "/loans/find_from_quote/13831")
        .respond_with(answer(200, "loan_get_response"))
        .expect(1)
        .mount(&server)
        .await;
    api("GET", "/loans/loan_id_lookup/13831")
        .respond_with(answer(200, "loan_id_lookup_response"))
        .expect(1)
        .mount(&server)
        .await;
    let q = Id::from("13831");
    assert_eq!(
        client
            .loans()
            .find_from_quote(&q)
            .await
            .unwrap()
            .id
            .as_str(),
        "110372"
    );
    assert_eq!(
        client.loans().id_for_quote(&q).await.unwrap(),
        Id::from(181386u64)
    );
}

#[tokio::test]
async fn path_ids_are_encoded_and_empty_ids_refused() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/api/v1/loans/a%2Fb/loan_notes"))
        .respond_with(answer(200, "loan_notes_response"))
        .expect(1)
        .mount(&server)
        .await;
    client.loans().notes(&Id::from("a/b")).await.unwrap();
    let err = client.loans().get(&Id::from("")).await.unwrap_err();
    assert!(matches!(err, Error::InvalidInput { .. }));
}

#[tokio::test]
async fn packages_list_and_notes() {
    let (server, client) = setup().await;
    api("GET", "/loans/102819/loan_packages")
        .respond_with(answer(200, "loan_packages_response"))
        .expect(1)
        .mount(&server)
        .await;
    api("GET", "/loans/102819/loan_notes")
        .respond_with(answer(200, "loan_notes_response"))
        .expect(1)
        .mount(&server)
        .await;
    let loan = Id::from("102819");
    let packages = client.loans().packages(&loan).await.unwrap();
    assert_eq!(packages[0].id.as_str(), "384");
    assert_eq!(packages[0].file_size, Some(4210506));
    assert_eq!(
        packages[0].download.as_deref(),
        Some("http://example.com/api/v1/loans/102819/loan_packages/384/download")
    );
    let notes = client.loans().notes(&loan).await.unwrap();
    assert_eq!(notes[0].body.as_deref(), Some("Lorem ipsum dolor"));
    assert_eq!(
        notes[0].created_at.as_ref().map(jiff::Zoned::date),
        Some(jiff::civil::date(2017, 5, 3))
    );
    assert_eq!(notes[0].user_name.as_deref(), Some("Tony Troy"));
}

#[tokio::test]
async fn download_streams_from_the_base_origin_with_the_key() {
    let (server, client) = setup().await;
    let pdf: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
    let link = format!(
        "{}/api/v1/loans/102819/loan_packages/384/download",
        server.uri()
    );
    api("GET", "/loans/102819/loan_packages")
        .respond_with(answer_json(200, serde_json::json!({"data":[{"id":"384","type":"loan-packages",
            "attributes":{"documents-file-name":"a.pdf","documents-content-type":"application/pdf","documents-file-size":200000},
            "links":{"download": link}}]})))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v1/loans/102819/loan_packages/384/download"))
        .and(wiremock::matchers::header(
            "authorization",
            format!("Token {KEY}").as_str(),
        ))
        .respond_with(ResponseTemplate::new(200).set_body_raw(pdf.clone(), "application/pdf"))
        .expect(1)
        .mount(&server)
        .await;
    let packages = client.loans().packages(&Id::from("102819")).await.unwrap();
    let stream = client.loans().download_package(&packages[0]).await.unwrap();
    assert_eq!(stream.content_type(), Some("application/pdf"));
    let chunks: Vec<bytes::Bytes> = stream.try_collect().await.unwrap();
    let body: Vec<u8> = chunks.concat();
    assert_eq!(body, pdf);
}

#[tokio::test]
async fn download_link_to_another_origin_is_refused_and_gets_nothing() {
    let (server, client) = setup().await;
    let other = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200))
        .expect(0)
        .named("another origin must receive no request")
        .mount(&other)
        .await;
    let link = format!("{}/api/v1/loans/1/loan_packages/2/download", other.uri());
    api("GET", "/loans/1/loan_packages")
        .respond_with(answer_json(
            200,
            serde_json::json!({"data":[{"id":"2","type":"loan-packages",
            "attributes":{}, "links":{"download": link}}]}),
        ))
        .mount(&server)
        .await;
    let packages = client.loans().packages(&Id::from("1")).await.unwrap();
    let err = client
        .loans()
        .download_package(&packages[0])
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::InvalidInput { field, .. } if field == "download"),
        "{err}"
    );
    // the documented example link (another host) is refused too
    let err = client
        .loans()
        .download("http://hashsat1.com:3000/api/v1/loans/110372/loan_packages/9215/download")
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidInput { .. }));
    assert!(other.received_requests().await.unwrap().is_empty());
}
