//! Flows against the sandbox: tokens, create → list → get → patch → put, paging, errors.
#![cfg(feature = "sandbox")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::str::FromStr;

use futures::TryStreamExt;
use keyloop_contracts_client::sandbox::Sandbox;
use keyloop_contracts_client::{
    Client, ContractStatus, ContractType, ContractUpdate, Error, Mileage, NewContract, Price,
    SecretString,
};
use rust_decimal::Decimal;

fn service_plan(price: &str) -> NewContract {
    NewContract::builder()
        .contract_type(ContractType::ServicePlan)
        .start_date(jiff::civil::date(2024, 6, 1))
        .end_date(jiff::civil::date(2027, 5, 31))
        .provider("Dealer Motors")
        .description("3 services in 3 years")
        .mileage_limit(Mileage::km(45_000))
        .price(Price::new(Decimal::from_str(price).unwrap(), "GBP"))
        .build()
}

#[tokio::test]
async fn finds_the_seeded_manufacturer_warranty() {
    let sandbox = Sandbox::start().await;
    let keyloop = sandbox.client_builder().build().unwrap();
    let warranty = keyloop
        .contracts()
        .list(Sandbox::VEHICLE_ID)
        .stream()
        .try_filter(|c| futures::future::ready(c.is(&ContractType::ManufacturerWarranty)))
        .try_next()
        .await
        .unwrap()
        .expect("a manufacturer warranty");
    assert_eq!(warranty.contract_id, Sandbox::WARRANTY_CONTRACT_ID);
    assert_eq!(warranty.mileage_limit, Some(Mileage::km(100_000)));
    assert!(warranty.extra.contains_key("dmsReference"));
    assert_eq!(sandbox.token_requests(), 1);
}

#[tokio::test]
async fn create_list_get_patch_put() {
    let sandbox = Sandbox::start().await;
    let keyloop = sandbox
        .client_builder()
        .on_behalf_of("advisor-7")
        .build()
        .unwrap();
    let contracts = keyloop.contracts();

    // create
    let created = contracts
        .create(Sandbox::EMPTY_VEHICLE_ID, &service_plan("1234567.891"))
        .await
        .unwrap();
    assert_eq!(
        created.vehicle_id.as_deref(),
        Some(Sandbox::EMPTY_VEHICLE_ID)
    );
    assert_eq!(created.status, Some(ContractStatus::Active));
    assert_eq!(
        created.price.as_ref().unwrap().amount.to_string(),
        "1234567.891"
    );
    assert_eq!(sandbox.last_on_behalf_of().as_deref(), Some("advisor-7"));
    assert!(sandbox.last_correlation_id().is_some());

    // list
    let page = contracts
        .list(Sandbox::EMPTY_VEHICLE_ID)
        .send()
        .await
        .unwrap();
    assert_eq!(page.total_items, Some(1));
    assert_eq!(page.items[0].contract_id, created.contract_id);

    // get
    let got = contracts
        .get(Sandbox::EMPTY_VEHICLE_ID, &created.contract_id)
        .await
        .unwrap();
    assert_eq!(got, created);

    // patch: only the end date and the status; the rest stays
    let patched = contracts
        .on_behalf_of("manager-1")
        .update(
            Sandbox::EMPTY_VEHICLE_ID,
            &created.contract_id,
            &ContractUpdate::builder()
                .end_date(jiff::civil::date(2028, 5, 31))
                .status(ContractStatus::Pending)
                .build(),
        )
        .await
        .unwrap();
    assert_eq!(sandbox.last_on_behalf_of().as_deref(), Some("manager-1"));
    assert_eq!(patched.end_date, Some(jiff::civil::date(2028, 5, 31)));
    assert_eq!(patched.status, Some(ContractStatus::Pending));
    assert_eq!(patched.provider.as_deref(), Some("Dealer Motors"));
    assert_eq!(patched.price, created.price);

    // put: the whole record, server fields (dmsReference, createdDateTime) included
    let mut record = patched.clone();
    record.description = Some("4 services in 4 years".into());
    record.set_extra_field("partnerRef", "P-77").unwrap();
    let replaced = contracts
        .replace(Sandbox::EMPTY_VEHICLE_ID, &record)
        .await
        .unwrap();
    assert_eq!(
        replaced.description.as_deref(),
        Some("4 services in 4 years")
    );
    assert_eq!(
        replaced.extra["dmsReference"].get(),
        patched.extra["dmsReference"].get()
    );
    assert_eq!(
        replaced.extra["createdDateTime"].get(),
        patched.extra["createdDateTime"].get()
    );
    assert_eq!(
        replaced
            .extra_field::<String>("partnerRef")
            .unwrap()
            .unwrap(),
        "P-77"
    );
    assert_eq!(
        replaced.price.as_ref().unwrap().amount.to_string(),
        "1234567.891"
    );

    let stored = sandbox
        .stored_contracts(Sandbox::STORE_ID, Sandbox::EMPTY_VEHICLE_ID)
        .unwrap();
    assert_eq!(stored.len(), 1);
    assert!(
        stored[0].contains(r#""amount":1234567.891"#),
        "{}",
        stored[0]
    );
}

#[tokio::test]
async fn contracts_are_kept_per_store() {
    let sandbox = Sandbox::start().await;
    let store1 = sandbox.client_builder().build().unwrap();
    let store2 = store1.for_store(Sandbox::OTHER_STORE_ID).unwrap();
    assert_eq!(
        store1
            .contracts()
            .list(Sandbox::VEHICLE_ID)
            .send()
            .await
            .unwrap()
            .total_items,
        Some(2)
    );
    let page = store2
        .contracts()
        .list(Sandbox::VEHICLE_ID)
        .send()
        .await
        .unwrap();
    assert_eq!(page.total_items, Some(0));
    store2
        .contracts()
        .create(Sandbox::VEHICLE_ID, &service_plan("10"))
        .await
        .unwrap();
    assert_eq!(
        store1
            .contracts()
            .list(Sandbox::VEHICLE_ID)
            .send()
            .await
            .unwrap()
            .total_items,
        Some(2)
    );
    assert_eq!(
        store2
            .contracts()
            .list(Sandbox::VEHICLE_ID)
            .send()
            .await
            .unwrap()
            .total_items,
        Some(1)
    );
    // the seeded warranty of store 1 is unknown in store 2
    let err = store2
        .contracts()
        .get(Sandbox::VEHICLE_ID, Sandbox::WARRANTY_CONTRACT_ID)
        .await
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(404));
    assert_eq!(sandbox.token_requests(), 1, "stores share the token");
}

#[tokio::test]
async fn unknown_vehicles_contracts_and_stores_are_404() {
    let sandbox = Sandbox::start().await;
    let keyloop = sandbox.client_builder().build().unwrap();
    let err = keyloop
        .contracts()
        .list("VEH-NOPE")
        .send()
        .await
        .unwrap_err();
    let api = err.api().unwrap();
    assert_eq!(api.status.as_u16(), 404);
    assert_eq!(api.details[0].message, "Vehicle not found");
    assert_eq!(api.details[0].code.as_deref(), Some("NOT_FOUND"));
    assert!(api.correlation_id.is_some());

    let err = keyloop
        .contracts()
        .get(Sandbox::VEHICLE_ID, "CTR-9999")
        .await
        .unwrap_err();
    assert_eq!(err.api().unwrap().details[0].message, "Contract not found");

    let err = keyloop
        .contracts()
        .update(
            Sandbox::VEHICLE_ID,
            "CTR-9999",
            &ContractUpdate::builder()
                .status(ContractStatus::Expired)
                .build(),
        )
        .await
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(404));

    let err = keyloop
        .for_store("STORE-NOPE")
        .unwrap()
        .contracts()
        .list(Sandbox::VEHICLE_ID)
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.api().unwrap().details[0].message, "Store not found");

    sandbox.add_vehicle("STORE-NEW", "VEH-9");
    let page = keyloop
        .for_store("STORE-NEW")
        .unwrap()
        .contracts()
        .list("VEH-9")
        .send()
        .await
        .unwrap();
    assert_eq!(page.total_items, Some(0));
}

#[tokio::test]
async fn an_expired_token_is_refreshed_once_and_the_call_retried() {
    let sandbox = Sandbox::start().await;
    let keyloop = sandbox.client_builder().build().unwrap();
    keyloop
        .contracts()
        .list(Sandbox::VEHICLE_ID)
        .send()
        .await
        .unwrap();
    assert_eq!(sandbox.token_requests(), 1);
    sandbox.expire_tokens();
    let page = keyloop
        .contracts()
        .list(Sandbox::VEHICLE_ID)
        .send()
        .await
        .unwrap();
    assert_eq!(page.total_items, Some(2));
    assert_eq!(sandbox.token_requests(), 2);
    assert_eq!(keyloop.token_fetches(), 2);
}

#[tokio::test]
async fn bad_credentials_are_an_auth_error() {
    let sandbox = Sandbox::start().await;
    let keyloop = sandbox
        .client_builder()
        .client_secret(SecretString::from("wrong-secret"))
        .build()
        .unwrap();
    let err = keyloop
        .contracts()
        .list(Sandbox::VEHICLE_ID)
        .send()
        .await
        .unwrap_err();
    match &err {
        Error::Auth { message, .. } => assert!(message.contains("invalid_client"), "{message}"),
        other => panic!("{other:?}"),
    }
    let keyloop = Client::builder()
        .base_url(sandbox.url())
        .client_id("someone-else")
        .client_secret(SecretString::from(Sandbox::CLIENT_SECRET))
        .enterprise_id(Sandbox::ENTERPRISE_ID)
        .store_id(Sandbox::STORE_ID)
        .build()
        .unwrap();
    let err = keyloop
        .contracts()
        .list(Sandbox::VEHICLE_ID)
        .send()
        .await
        .unwrap_err();
    assert!(err.to_string().contains("ClientId is Invalid"), "{err}");
}

#[tokio::test]
async fn pages_through_many_contracts() {
    let sandbox = Sandbox::start().await;
    let keyloop = sandbox.client_builder().build().unwrap();
    let contracts = keyloop.contracts();
    for i in 0..7 {
        contracts
            .create(Sandbox::EMPTY_VEHICLE_ID, &service_plan(&format!("{i}.50")))
            .await
            .unwrap();
    }
    let page3 = contracts
        .list(Sandbox::EMPTY_VEHICLE_ID)
        .page(3)
        .page_size(3)
        .send()
        .await
        .unwrap();
    assert_eq!(page3.total_items, Some(7));
    assert_eq!(page3.total_pages, Some(3));
    assert_eq!(page3.items.len(), 1);
    assert!(page3.link("prev").is_some() && page3.link("next").is_none());

    let prices: Vec<String> = contracts
        .list(Sandbox::EMPTY_VEHICLE_ID)
        .page_size(3)
        .stream()
        .map_ok(|c| c.price.unwrap().amount.to_string())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(
        prices,
        ["0.50", "1.50", "2.50", "3.50", "4.50", "5.50", "6.50"]
    );

    // the sandbox caps pageSize like the API
    let err = contracts
        .list(Sandbox::EMPTY_VEHICLE_ID)
        .page_size(500)
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        err.api().unwrap().details[0].pointer.as_deref(),
        Some("pageSize")
    );
}

#[tokio::test]
async fn the_sandbox_validates_like_the_api() {
    let sandbox = Sandbox::start().await;
    let keyloop = sandbox.client_builder().build().unwrap();
    let contracts = keyloop.contracts();
    let mut c = contracts
        .get(Sandbox::VEHICLE_ID, Sandbox::WARRANTY_CONTRACT_ID)
        .await
        .unwrap();
    c.contract_type = Some(ContractType::Unknown("SPACE_TRAVEL".into()));
    let err = contracts
        .replace(Sandbox::VEHICLE_ID, &c)
        .await
        .unwrap_err();
    let api = err.api().unwrap();
    assert_eq!(api.status.as_u16(), 400);
    assert_eq!(api.details[0].pointer.as_deref(), Some("contractType"));
    assert_eq!(api.details[0].code.as_deref(), Some("VALIDATION_ERROR"));
    // nothing changed
    let again = contracts
        .get(Sandbox::VEHICLE_ID, Sandbox::WARRANTY_CONTRACT_ID)
        .await
        .unwrap();
    assert_eq!(
        again.contract_type,
        Some(ContractType::ManufacturerWarranty)
    );
}

#[tokio::test]
async fn the_sandbox_answers_raw_requests_in_keyloop_shapes() {
    let sandbox = Sandbox::start().await;
    let http = forecourt_core::reqwest::Client::new();
    let json = |text: String| serde_json::from_str::<serde_json::Value>(&text).unwrap();

    // unknown path: Apigee's fault
    let r = http
        .get(format!("{}/nope", sandbox.url()))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 404);
    let body = json(r.text().await.unwrap());
    assert_eq!(
        body["fault"]["detail"]["errorcode"],
        "messaging.adaptors.http.flow.ApplicationNotFound"
    );

    // the secret in the query is refused
    let r = http
        .post(format!(
            "{}/oauth/client_credential/accesstoken?grant_type=client_credentials&client_secret={}",
            sandbox.url(),
            Sandbox::CLIENT_SECRET
        ))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("client_id={}", Sandbox::CLIENT_ID))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 400);

    // a JSON token request is refused
    let r = http
        .post(format!(
            "{}/oauth/client_credential/accesstoken",
            sandbox.url()
        ))
        .header("content-type", "application/json")
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 400);
    assert_eq!(
        json(r.text().await.unwrap())["ErrorCode"],
        "invalid_request"
    );

    // a good one: Apigee's token JSON with strings
    let r = http
        .post(format!(
            "{}/oauth/client_credential/accesstoken",
            sandbox.url()
        ))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!(
            "grant_type=client_credentials&client_id={}&client_secret={}",
            Sandbox::CLIENT_ID,
            Sandbox::CLIENT_SECRET
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    let token = json(r.text().await.unwrap());
    assert_eq!(token["expires_in"], "3600");
    assert!(token["issued_at"].is_string());
    let bearer = format!("Bearer {}", token["access_token"].as_str().unwrap());
    let contracts = format!(
        "{}/{}/{}/v2/vehicles/{}/contracts",
        sandbox.url(),
        Sandbox::ENTERPRISE_ID,
        Sandbox::STORE_ID,
        Sandbox::VEHICLE_ID
    );

    // no token, a wrong token: gateway faults
    let r = http.get(&contracts).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 401);
    let r = http
        .get(&contracts)
        .header("authorization", "Bearer forged")
        .header("correlation-id", "c-1")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 401);
    assert_eq!(
        json(r.text().await.unwrap())["fault"]["faultstring"],
        "Invalid Access Token"
    );

    // no correlation-id
    let r = http
        .get(&contracts)
        .header("authorization", &bearer)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 400);

    // a body that is not JSON, a create without startDate, a client-chosen id
    let post = |content_type: &'static str, body: &'static str| {
        http.post(&contracts)
            .header("authorization", &bearer)
            .header("correlation-id", "c-2")
            .header("content-type", content_type)
            .body(body)
            .send()
    };
    assert_eq!(
        post("text/plain", "x").await.unwrap().status().as_u16(),
        415
    );
    let r = post("application/json", r#"{"contractType":"SERVICE_PLAN"}"#)
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 400);
    assert_eq!(json(r.text().await.unwrap())["field"], "startDate");
    let r = post(
        "application/json",
        r#"{"contractId":"MINE","contractType":"SERVICE_PLAN","startDate":"2024-01-01"}"#,
    )
    .await
    .unwrap();
    assert_eq!(r.status().as_u16(), 400);
    let r = post(
        "application/json",
        r#"{"contractType":"SERVICE_PLAN","startDate":"2024-01-01","price":{"amount":-1,"currency":"GBP"}}"#,
    )
    .await
    .unwrap();
    assert_eq!(json(r.text().await.unwrap())["field"], "price");
    let r = post(
        "application/json",
        r#"{"contractType":"SERVICE_PLAN","startDate":"2024-01-01"}"#,
    )
    .await
    .unwrap();
    assert_eq!(r.status().as_u16(), 201);
}
