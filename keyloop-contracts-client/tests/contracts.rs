//! Wiremock tests: contracts operations, models, errors, headers.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use forecourt_core::testing::{Sequence, mount_catch_all};
use futures::TryStreamExt;
use keyloop_contracts_client::{
    Contract, ContractPage, ContractStatus, ContractType, ContractUpdate, Error, Mileage,
    MileageUnit, NewContract, Price,
};
use rust_decimal::Decimal;
use serde_json::json;
use std::str::FromStr;
use wiremock::matchers::{body_json, header, query_param};
use wiremock::{MockServer, ResponseTemplate};

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

async fn server_with_token() -> MockServer {
    let server = MockServer::start().await;
    mount_token(&server, 1).await;
    mount_catch_all(&server).await;
    server
}

fn contract_body() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(fixture("contract.json"), "application/json")
}

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

fn service_plan() -> NewContract {
    NewContract::builder()
        .contract_type(ContractType::ServicePlan)
        .start_date(jiff::civil::date(2024, 6, 1))
        .end_date(jiff::civil::date(2027, 5, 31))
        .status(ContractStatus::Pending)
        .contract_number("SP-2024-0042")
        .provider("Dealer Motors")
        .description("3 services in 3 years")
        .mileage_limit(Mileage::miles(30_000))
        .price(Price::new(dec("499.00"), "GBP"))
        .build()
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

#[tokio::test]
async fn vendor_errors_map_to_api_errors_with_the_correlation_id() {
    let server = server_with_token().await;
    api_call("GET", &format!("{BASE_PATH}/NOPE"))
        .respond_with(
            ResponseTemplate::new(404).set_body_json(fixture_json("error_not_found.json")),
        )
        .expect(1)
        .mount(&server)
        .await;
    api_call("POST", BASE_PATH)
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({
            "code": "VALIDATION_ERROR", "message": "startDate is required", "field": "startDate"
        })))
        .expect(1)
        .mount(&server)
        .await;
    let contracts = client(&server).contracts();
    let err = contracts.get(VEHICLE, "NOPE").await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(404));
    let api = err.api().unwrap();
    assert_eq!(api.details[0].message, "Contract not found");
    assert_eq!(api.details[0].code.as_deref(), Some("NOT_FOUND"));
    assert_eq!(api.operation, "contracts.get");
    // the correlation id reported is the one that was sent
    let received = server.received_requests().await.unwrap();
    let sent = received
        .iter()
        .find(|r| r.url.path().ends_with("/NOPE"))
        .unwrap()
        .headers
        .get("correlation-id")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    assert_eq!(api.correlation_id.as_deref(), Some(sent.as_str()));
    assert!(uuid_like(&sent), "{sent}");
    assert!(err.to_string().contains(&sent));

    let err = contracts
        .create(VEHICLE, &service_plan())
        .await
        .unwrap_err();
    let api = err.api().unwrap();
    assert_eq!(api.status.as_u16(), 400);
    assert_eq!(api.details[0].pointer.as_deref(), Some("startDate"));
    assert_eq!(api.details[0].message, "startDate is required");
}

fn uuid_like(s: &str) -> bool {
    s.len() == 36 && s.chars().filter(|c| *c == '-').count() == 4
}

#[tokio::test]
async fn each_call_has_its_own_correlation_id_kept_across_retries() {
    let server = server_with_token().await;
    let path = format!("{BASE_PATH}/CTR-0001");
    api_call("GET", &path)
        .respond_with(Sequence::new([
            ResponseTemplate::new(503),
            contract_body(),
            contract_body(),
        ]))
        .expect(3)
        .mount(&server)
        .await;
    let contracts = client(&server).contracts().options(
        forecourt_core::RequestOptions::new().retry(
            forecourt_core::RetryPolicy::default()
                .base_delay(std::time::Duration::from_millis(1))
                .max_delay(std::time::Duration::from_millis(2)),
        ),
    );
    contracts.get(VEHICLE, "CTR-0001").await.unwrap();
    contracts.get(VEHICLE, "CTR-0001").await.unwrap();
    let ids: Vec<String> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .filter(|r| r.url.path() == path)
        .map(|r| r.headers["correlation-id"].to_str().unwrap().to_owned())
        .collect();
    assert_eq!(ids.len(), 3);
    assert_eq!(ids[0], ids[1], "a retry keeps the correlation id");
    assert_ne!(ids[1], ids[2], "a new call has a new correlation id");
}

#[tokio::test]
async fn on_behalf_of_per_client_and_per_call() {
    let server = server_with_token().await;
    let path = format!("{BASE_PATH}/CTR-0001");
    api_call("GET", &path)
        .and(header("x-onbehalf-of", "advisor-7"))
        .respond_with(contract_body())
        .expect(1)
        .mount(&server)
        .await;
    api_call("GET", &path)
        .and(header("x-onbehalf-of", "manager-1"))
        .respond_with(contract_body())
        .expect(1)
        .mount(&server)
        .await;
    let client = builder(&server).on_behalf_of("advisor-7").build().unwrap();
    client.contracts().get(VEHICLE, "CTR-0001").await.unwrap();
    client
        .contracts()
        .on_behalf_of("manager-1")
        .get(VEHICLE, "CTR-0001")
        .await
        .unwrap();
    let err = client
        .contracts()
        .on_behalf_of("bad\nvalue")
        .get(VEHICLE, "CTR-0001")
        .await
        .unwrap_err();
    assert!(matches!(&err, Error::InvalidInput { field, .. } if field == "on_behalf_of"));
}

#[tokio::test]
async fn no_on_behalf_of_header_unless_set() {
    let server = server_with_token().await;
    api_call("GET", &format!("{BASE_PATH}/CTR-0001"))
        .respond_with(contract_body())
        .expect(1)
        .mount(&server)
        .await;
    client(&server)
        .contracts()
        .get(VEHICLE, "CTR-0001")
        .await
        .unwrap();
    let received = server.received_requests().await.unwrap();
    assert!(
        received
            .iter()
            .all(|r| r.headers.get("x-onbehalf-of").is_none())
    );
}

#[tokio::test]
async fn ids_are_percent_encoded_as_one_segment() {
    let server = server_with_token().await;
    api_call(
        "GET",
        "/E%2F1/S%201/v2/vehicles/VIN%2F123%3Fx/contracts/C%231",
    )
    .respond_with(contract_body())
    .expect(1)
    .mount(&server)
    .await;
    let client = builder(&server)
        .enterprise_id("E/1")
        .store_id("S 1")
        .build()
        .unwrap();
    client.contracts().get("VIN/123?x", "C#1").await.unwrap();
}

#[tokio::test]
async fn other_stores_share_the_token() {
    let server = server_with_token().await;
    api_call("GET", "/E123/S999/v2/vehicles/VEH-1001/contracts/CTR-0001")
        .respond_with(contract_body())
        .expect(1)
        .mount(&server)
        .await;
    api_call("GET", &format!("{BASE_PATH}/CTR-0001"))
        .respond_with(contract_body())
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    client.contracts().get(VEHICLE, "CTR-0001").await.unwrap();
    let other = client.for_store("S999").unwrap();
    assert_eq!(other.store_id(), "S999");
    other.contracts().get(VEHICLE, "CTR-0001").await.unwrap();
    assert_eq!(client.token_fetches(), 1);
    assert!(client.for_store(" ").is_err());
}

#[tokio::test]
async fn invalid_input_is_refused_before_sending() {
    // no token endpoint, no API: nothing may be sent
    let server = MockServer::start().await;
    mount_catch_all(&server).await;
    let contracts = client(&server).contracts();
    let field_of = |e: Error| match e {
        Error::InvalidInput { field, .. } => field.into_owned(),
        other => panic!("{other:?}"),
    };

    let bad_dates = NewContract::builder()
        .contract_type(ContractType::ServicePlan)
        .start_date(jiff::civil::date(2024, 6, 1))
        .end_date(jiff::civil::date(2024, 5, 31))
        .build();
    assert_eq!(
        field_of(contracts.create(VEHICLE, &bad_dates).await.unwrap_err()),
        "endDate"
    );

    let bad_price = NewContract::builder()
        .contract_type(ContractType::ServicePlan)
        .start_date(jiff::civil::date(2024, 6, 1))
        .price(Price::new(dec("-1"), "GBP"))
        .build();
    assert_eq!(
        field_of(contracts.create(VEHICLE, &bad_price).await.unwrap_err()),
        "price"
    );

    let bad_currency = NewContract::builder()
        .contract_type(ContractType::ServicePlan)
        .start_date(jiff::civil::date(2024, 6, 1))
        .price(Price::new(dec("1"), "pounds"))
        .build();
    assert_eq!(
        field_of(contracts.create(VEHICLE, &bad_currency).await.unwrap_err()),
        "price"
    );

    let zero_mileage = NewContract::builder()
        .contract_type(ContractType::ServicePlan)
        .start_date(jiff::civil::date(2024, 6, 1))
        .mileage_limit(Mileage::new(MileageUnit::Km, 0))
        .build();
    assert_eq!(
        field_of(contracts.create(VEHICLE, &zero_mileage).await.unwrap_err()),
        "mileageLimit"
    );

    let empty_provider = NewContract::builder()
        .contract_type(ContractType::ServicePlan)
        .start_date(jiff::civil::date(2024, 6, 1))
        .provider(" ")
        .build();
    assert_eq!(
        field_of(
            contracts
                .create(VEHICLE, &empty_provider)
                .await
                .unwrap_err()
        ),
        "provider"
    );

    let nothing = ContractUpdate::builder().build();
    assert_eq!(
        field_of(contracts.update(VEHICLE, "C1", &nothing).await.unwrap_err()),
        "update"
    );

    assert_eq!(
        field_of(contracts.get("", "C1").await.unwrap_err()),
        "vehicleId"
    );
    assert_eq!(
        field_of(contracts.get(VEHICLE, "..").await.unwrap_err()),
        "contractId"
    );
    assert_eq!(
        field_of(contracts.list(VEHICLE).page(0).send().await.unwrap_err()),
        "page"
    );
    assert_eq!(
        field_of(
            contracts
                .list(VEHICLE)
                .page_size(0)
                .stream()
                .try_next()
                .await
                .unwrap_err()
        ),
        "pageSize"
    );

    let mut no_type: Contract = serde_json::from_str(r#"{"contractId":"C1"}"#).unwrap();
    assert_eq!(
        field_of(contracts.replace(VEHICLE, &no_type).await.unwrap_err()),
        "contractType"
    );
    no_type.contract_type = Some(ContractType::Other);
    no_type.vehicle_id = Some("VEH-OTHER".into());
    assert_eq!(
        field_of(contracts.replace(VEHICLE, &no_type).await.unwrap_err()),
        "vehicleId"
    );
    assert!(no_type.set_extra_field("status", "X").is_err());
    no_type.set_extra_field("dmsFlag", &true).unwrap();
    assert_eq!(no_type.extra["dmsFlag"].get(), "true");
}

#[tokio::test]
async fn builder_requires_every_setting() {
    let field_of = |r: keyloop_contracts_client::Result<keyloop_contracts_client::Client>| match r {
        Err(Error::InvalidInput { field, .. }) => field.into_owned(),
        other => panic!("{other:?}"),
    };
    use keyloop_contracts_client::{Client, Region, SecretString};
    let full = || {
        Client::builder()
            .client_id("id")
            .client_secret(SecretString::from("s"))
            .enterprise_id("E")
            .store_id("S")
    };
    assert_eq!(field_of(Client::builder().build()), "client_id");
    assert_eq!(
        field_of(Client::builder().client_id("id").build()),
        "client_secret"
    );
    assert_eq!(
        field_of(
            Client::builder()
                .client_id("id")
                .client_secret(SecretString::from("s"))
                .store_id("S")
                .build()
        ),
        "enterprise_id"
    );
    assert_eq!(
        field_of(
            Client::builder()
                .client_id("id")
                .client_secret(SecretString::from("s"))
                .enterprise_id("E")
                .build()
        ),
        "store_id"
    );
    assert_eq!(field_of(full().store_id("").build()), "store_id");
    assert_eq!(
        field_of(full().client_secret(SecretString::from(" ")).build()),
        "client_secret"
    );
    assert_eq!(
        field_of(full().base_url("http://example.com").build()),
        "base_url"
    );

    assert_eq!(
        full().build().unwrap().base_url(),
        "https://api.eu.keyloop.io/"
    );
    assert_eq!(
        full().region(Region::Af).build().unwrap().base_url(),
        "https://api.af.keyloop.io/"
    );
    assert_eq!(
        full()
            .region(Region::Ap)
            .staging()
            .build()
            .unwrap()
            .base_url(),
        "https://api.ap-stage.keyloop.io/"
    );
    assert_eq!(
        full()
            .region(Region::Ap)
            .base_url("https://proxy.example.com/keyloop")
            .build()
            .unwrap()
            .base_url(),
        "https://proxy.example.com/keyloop"
    );
    assert_eq!(Region::Eu.staging_url(), "https://api.eu-stage.keyloop.io");
    assert_eq!(Region::Af.production_url(), "https://api.af.keyloop.io");
}

#[test]
fn response_fixtures_decode() {
    let page: ContractPage = serde_json::from_str(&fixture("contract_list.json")).unwrap();
    assert_eq!(page.items.len(), 2);
    let c: Contract = serde_json::from_str(&fixture("contract.json")).unwrap();
    assert_eq!(c.contract_id, "CTR-0001");
}

#[test]
fn mileage_and_price_shapes() {
    assert_eq!(
        serde_json::to_value(Mileage::km(5)).unwrap(),
        json!({"unit": "KM", "value": 5})
    );
    assert_eq!(
        serde_json::to_string(&Price::new(dec("1234567.891"), "ZAR")).unwrap(),
        r#"{"amount":1234567.891,"currency":"ZAR"}"#
    );
}
