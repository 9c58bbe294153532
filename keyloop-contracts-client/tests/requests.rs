//! Wiremock tests: vendor errors and headers (correlation ids,
//! on-behalf-of, percent-encoded ids, the shared token), input refused
//! before sending, the builder, fixtures and value shapes.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use forecourt_core::testing::{Sequence, mount_catch_all};
use futures::TryStreamExt;
use keyloop_contracts_client::{
    Contract, ContractPage, ContractType, ContractUpdate, Error, Mileage, MileageUnit, NewContract,
    Price,
};
use serde_json::json;
use wiremock::matchers::header;
use wiremock::{MockServer, ResponseTemplate};

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
