//! Wiremock tests: contracts operations, models, errors, headers.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use futures::TryStreamExt;
use keyloop_contracts_client::{
    Contract, ContractStatus, ContractType, ContractUpdate, Error, Mileage, MileageUnit, Price,
};
use serde_json::json;
use wiremock::ResponseTemplate;
use wiremock::matchers::{body_json, header, query_param};

#[tokio::test]
async fn list_sends_page_and_page_size_and_decodes_the_page() {
    let server = server_with_token().await;
    api_call("GET", BASE_PATH)
        .and(query_param("page", "1"))
        .and(query_param("pageSize", "2"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_raw(fixture("contract_list.json"), "application/json"),
        )
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    let page = client
        .contracts()
        .list(VEHICLE)
        .page(1)
        .page_size(2)
        .send()
        .await
        .unwrap();
    assert_eq!(page.total_items, Some(3));
    assert_eq!(page.total_pages, Some(2));
    assert_eq!(page.items.len(), 2);
    let first = &page.items[0];
    assert_eq!(first.contract_id, "CTR-0001");
    assert_eq!(
        first.contract_type,
        Some(ContractType::ManufacturerWarranty)
    );
    assert_eq!(
        first.mileage_limit.as_ref().map(|m| (&m.unit, m.value)),
        Some((&MileageUnit::Km, 100_000))
    );
    let second = &page.items[1];
    assert_eq!(second.status, Some(ContractStatus::Pending));
    // the date part of a date-time is accepted
    assert_eq!(second.start_date, Some(jiff::civil::date(2024, 6, 1)));
    assert_eq!(second.price.as_ref().unwrap().amount.to_string(), "499.00");
    assert_eq!(
        page.link("next").map(|l| l.href.as_str()),
        Some(
            "https://api.eu.keyloop.io/E123/S456/v2/vehicles/VEH-1001/contracts?page=2&pageSize=2"
        )
    );
    let received = server.received_requests().await.unwrap();
    let call = received.iter().find(|r| r.url.path() == BASE_PATH).unwrap();
    assert_eq!(call.url.query(), Some("page=1&pageSize=2"));
    assert!(call.body.is_empty());
}

#[tokio::test]
async fn list_without_paging_sends_no_query() {
    let server = server_with_token().await;
    api_call("GET", BASE_PATH)
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "totalItems": 0, "totalPages": 0, "items": [], "links": []
        })))
        .expect(1)
        .mount(&server)
        .await;
    let page = client(&server)
        .contracts()
        .list(VEHICLE)
        .send()
        .await
        .unwrap();
    assert!(page.items.is_empty());
    let received = server.received_requests().await.unwrap();
    let call = received.iter().find(|r| r.url.path() == BASE_PATH).unwrap();
    assert_eq!(call.url.query(), None);
}

#[tokio::test]
async fn stream_walks_every_page_lazily() {
    let server = server_with_token().await;
    let item = |id: &str| json!({"contractId": id, "contractType": "SERVICE_PLAN"});
    for (page, items) in [(1, vec![item("C1"), item("C2")]), (2, vec![item("C3")])] {
        api_call("GET", BASE_PATH)
            .and(query_param("page", page.to_string()))
            .and(query_param("pageSize", "2"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "totalItems": 3, "totalPages": 2, "items": items, "links": []
            })))
            .expect(1)
            .mount(&server)
            .await;
    }
    let client = client(&server);
    let ids: Vec<String> = client
        .contracts()
        .list(VEHICLE)
        .page_size(2)
        .stream()
        .map_ok(|c| c.contract_id)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(ids, ["C1", "C2", "C3"]);

    // reading only the first item fetches only the first page
    let server = server_with_token().await;
    api_call("GET", BASE_PATH)
        .and(query_param("page", "1"))
        .and(query_param("pageSize", "50"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "totalItems": 120, "totalPages": 3, "items": [item("C1")], "links": []
        })))
        .expect(1)
        .mount(&server)
        .await;
    let first = crate::client(&server)
        .contracts()
        .list(VEHICLE)
        .stream()
        .try_next()
        .await
        .unwrap();
    assert_eq!(first.unwrap().contract_id, "C1");
}

#[tokio::test]
async fn stream_stops_on_a_repeated_page() {
    let server = server_with_token().await;
    api_call("GET", BASE_PATH)
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "items": [{"contractId": "C1"}, {"contractId": "C2"}]
        })))
        .expect(2)
        .mount(&server)
        .await;
    let err = client(&server)
        .contracts()
        .list(VEHICLE)
        .page_size(2)
        .stream()
        .try_collect::<Vec<_>>()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Protocol { .. }), "{err:?}");
}

#[tokio::test]
async fn get_decodes_every_field_and_keeps_unknown_ones() {
    let server = server_with_token().await;
    api_call("GET", &format!("{BASE_PATH}/CTR-0001"))
        .respond_with(contract_body())
        .expect(1)
        .mount(&server)
        .await;
    let c = client(&server)
        .contracts()
        .get(VEHICLE, "CTR-0001")
        .await
        .unwrap();
    assert_eq!(c.contract_id, "CTR-0001");
    assert_eq!(c.vehicle_id.as_deref(), Some("VEH-1001"));
    assert!(c.is(&ContractType::ManufacturerWarranty));
    assert_eq!(c.status, Some(ContractStatus::Active));
    assert_eq!(c.contract_number.as_deref(), Some("MW-2023-118842"));
    assert_eq!(c.provider.as_deref(), Some("Manufacturer"));
    assert_eq!(c.start_date, Some(jiff::civil::date(2023, 3, 1)));
    assert_eq!(c.end_date, Some(jiff::civil::date(2026, 2, 28)));
    assert_eq!(c.mileage_limit, Some(Mileage::km(100_000)));
    let price = c.price.as_ref().unwrap();
    // exact: never through f64
    assert_eq!(price.amount, dec("1234567.891"));
    assert_eq!(price.amount.to_string(), "1234567.891");
    assert_eq!(price.currency, "GBP");
    assert_eq!(price.extra["taxAmount"].get(), "0.123456789012345678");
    assert_eq!(c.links.len(), 1);
    assert_eq!(c.links[0].rel.as_deref(), Some("self"));
    let mut extra: Vec<&str> = c.extra.keys().map(String::as_str).collect();
    extra.sort_unstable();
    assert_eq!(
        extra,
        [
            "coverage",
            "createdDateTime",
            "dmsReference",
            "warrantyCode"
        ]
    );
    assert_eq!(
        c.extra_field::<String>("warrantyCode").unwrap().unwrap(),
        "MW3Y"
    );
    assert!(c.extra_field::<u32>("warrantyCode").unwrap().is_err());
    assert!(c.extra_field::<String>("nope").is_none());
}

#[tokio::test]
async fn money_survives_decoding_exactly() {
    for (text, expected) in [
        ("1234567.891", "1234567.891"),
        ("\"1234567.891\"", "1234567.891"),
        ("1234567890.123456789012", "1234567890.123456789012"),
        ("100.50", "100.50"),
        ("0.1", "0.1"),
    ] {
        let body = format!(r#"{{"contractId":"C1","price":{{"amount":{text},"currency":"EUR"}}}}"#);
        let c: Contract = serde_json::from_str(&body).unwrap();
        assert_eq!(c.price.unwrap().amount.to_string(), expected, "{text}");
    }
}

#[tokio::test]
async fn get_then_replace_sends_every_field_back() {
    let server = server_with_token().await;
    let path = format!("{BASE_PATH}/CTR-0001");
    api_call("GET", &path)
        .respond_with(contract_body())
        .expect(1)
        .mount(&server)
        .await;
    // the PUT body: the fixture with the status changed, nothing lost
    let mut expected = fixture_json("contract.json");
    expected["status"] = json!("CANCELLED");
    api_call("PUT", &path)
        .and(header("content-type", "application/json"))
        .and(body_json(&expected))
        .respond_with(contract_body())
        .expect(1)
        .mount(&server)
        .await;
    let contracts = client(&server).contracts();
    let mut c = contracts.get(VEHICLE, "CTR-0001").await.unwrap();
    c.status = Some(ContractStatus::Cancelled);
    let stored = contracts.replace(VEHICLE, &c).await.unwrap();
    assert_eq!(stored.contract_id, "CTR-0001");

    // and byte-exact for the numbers body_json compares as f64
    let received = server.received_requests().await.unwrap();
    let put = received
        .iter()
        .find(|r| r.method.as_str() == "PUT")
        .unwrap();
    let text = String::from_utf8(put.body.clone()).unwrap();
    for exact in [
        r#""amount":1234567.891"#,
        r#""taxAmount":0.123456789012345678"#,
        // unknown fields travel verbatim (whitespace included)
        r#""excessAmount": 99.999999999999999999"#,
    ] {
        assert!(text.contains(exact), "{exact} missing in {text}");
    }
}

#[tokio::test]
async fn serialize_then_decode_is_the_identity() {
    let original: Contract = serde_json::from_str(&fixture("contract.json")).unwrap();
    let text = serde_json::to_string(&original).unwrap();
    let again: Contract = serde_json::from_str(&text).unwrap();
    assert_eq!(original, again);
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&text).unwrap(),
        fixture_json("contract.json")
    );
}

#[tokio::test]
async fn create_posts_the_documented_body() {
    let server = server_with_token().await;
    let plan = service_plan();
    // the request fixture, encoded equal
    assert_eq!(
        serde_json::to_value(&plan).unwrap(),
        fixture_json("new_contract_request.json")
    );
    // raw text, so the server's 499.00 is not turned into 499.0 by serde_json::Value
    let created = fixture("new_contract_request.json").replacen(
        '{',
        r#"{"contractId": "CTR-0042", "vehicleId": "VEH-1001","#,
        1,
    );
    api_call("POST", BASE_PATH)
        .and(header("content-type", "application/json"))
        .and(body_json(fixture_json("new_contract_request.json")))
        .respond_with(ResponseTemplate::new(201).set_body_raw(created, "application/json"))
        .expect(1)
        .mount(&server)
        .await;
    let c = client(&server)
        .contracts()
        .create(VEHICLE, &plan)
        .await
        .unwrap();
    assert_eq!(c.contract_id, "CTR-0042");
    assert_eq!(c.contract_type, Some(ContractType::ServicePlan));
    assert_eq!(c.price.unwrap().amount.to_string(), "499.00");
    let received = server.received_requests().await.unwrap();
    let post = received
        .iter()
        .find(|r| r.method.as_str() == "POST" && r.url.path() == BASE_PATH)
        .unwrap();
    // the exact digits, not 499.0
    assert!(String::from_utf8_lossy(&post.body).contains(r#""amount":499.00"#));
    assert_eq!(post.url.query(), None);
}

#[tokio::test]
async fn update_patches_only_the_given_fields() {
    let server = server_with_token().await;
    let changes = ContractUpdate::builder()
        .status(ContractStatus::Active)
        .end_date(jiff::civil::date(2028, 5, 31))
        .price(Price::new(dec("549.50"), "GBP"))
        .build();
    assert_eq!(
        serde_json::to_value(&changes).unwrap(),
        fixture_json("contract_update_request.json")
    );
    api_call("PATCH", &format!("{BASE_PATH}/CTR-0002"))
        .and(header("content-type", "application/json"))
        .and(body_json(fixture_json("contract_update_request.json")))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "contractId": "CTR-0002", "contractType": "SERVICE_PLAN", "status": "ACTIVE",
            "endDate": "2028-05-31", "price": {"amount": 549.50, "currency": "GBP"}
        })))
        .expect(1)
        .mount(&server)
        .await;
    let c = client(&server)
        .contracts()
        .update(VEHICLE, "CTR-0002", &changes)
        .await
        .unwrap();
    assert_eq!(c.status, Some(ContractStatus::Active));
    assert_eq!(c.end_date, Some(jiff::civil::date(2028, 5, 31)));
}

#[tokio::test]
async fn unknown_enum_values_are_kept() {
    let c: Contract = serde_json::from_str(
        r#"{"contractId":1001,"contractType":"TYRE_INSURANCE","status":"suspended","mileageLimit":{"unit":"NM","value":5}}"#,
    )
    .unwrap();
    assert_eq!(c.contract_id, "1001");
    assert_eq!(
        c.contract_type,
        Some(ContractType::Unknown("TYRE_INSURANCE".into()))
    );
    assert_eq!(c.contract_type.as_ref().unwrap().as_str(), "TYRE_INSURANCE");
    assert_eq!(c.status, Some(ContractStatus::Unknown("suspended".into())));
    assert_eq!(
        serde_json::to_value(&c).unwrap()["contractType"],
        json!("TYRE_INSURANCE")
    );
    // known values decode case-insensitively
    assert_eq!(ContractStatus::from("active"), ContractStatus::Active);
}

#[tokio::test]
async fn a_bad_strict_field_is_a_decode_error_naming_its_path() {
    // money is strict: an amount that is not a number fails, at its path
    let server = server_with_token().await;
    api_call("GET", &format!("{BASE_PATH}/CTR-0001"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "contractId": "CTR-0001", "price": {"amount": "lots", "currency": "GBP"}
        })))
        .mount(&server)
        .await;
    let err = client(&server)
        .contracts()
        .get(VEHICLE, "CTR-0001")
        .await
        .unwrap_err();
    let d = err.decode().expect("decode error");
    assert_eq!(d.path, "price", "{d:?}");
    assert!(d.message.contains("amount"), "{d:?}");
}

#[tokio::test]
async fn a_bad_tolerant_field_reads_none_and_keeps_its_raw_json() {
    // an inferred date in another format no longer sinks the record
    let server = server_with_token().await;
    api_call("GET", &format!("{BASE_PATH}/CTR-0001"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "contractId": "CTR-0001", "startDate": "31/05/2024"
        })))
        .mount(&server)
        .await;
    let c = client(&server)
        .contracts()
        .get(VEHICLE, "CTR-0001")
        .await
        .unwrap();
    assert_eq!(c.contract_id, "CTR-0001");
    assert_eq!(c.start_date, None);
    assert_eq!(c.unexpected["startDate"].get(), r#""31/05/2024""#);
}
