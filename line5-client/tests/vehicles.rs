//! Vehicles: update the quote's vehicle.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use common::*;
use line5_client::{Error, Id, VehicleInput};

fn update() -> VehicleInput {
    VehicleInput::builder()
        .vin("3VW5T7AU8FM017042")
        .mileage(43333)
        .purchase_price(d("22211.22"))
        .msrp(d("26999.99"))
        .financed_amount(d("20000.01"))
        .finance_term(60)
        .build()
}

#[tokio::test]
async fn update_vehicle_sends_the_documented_body_and_returns_the_quote() {
    let (server, client) = setup().await;
    api_with_body("PATCH", "/vehicles", fixture("vehicle_update_request"))
        .respond_with(answer(200, "quote_create_response"))
        .expect(1)
        .mount(&server)
        .await;
    let quote = client
        .vehicles()
        .update(&Id::from("49853"), &update())
        .await
        .unwrap();
    assert_eq!(quote.id.as_str(), "13831");
    assert_eq!(
        quote.vehicle().unwrap().vin.as_deref(),
        Some("2C3KA53G67H670383")
    );
}

#[tokio::test]
async fn update_vehicle_refuses_a_bad_vin() {
    let (_server, client) = setup().await;
    let mut v = update();
    v.vin = "3VW5T7AU8FM01704O".into();
    let err = client
        .vehicles()
        .update(&Id::from("49853"), &v)
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::InvalidInput { field, .. } if field == "vehicle.vin"),
        "{err}"
    );
}
