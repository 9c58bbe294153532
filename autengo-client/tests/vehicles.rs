#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Wiremock tests of the vehicle operations: exact requests, typed answers, errors, paging.
mod common;

use autengo_client::{Cmp, Column, Dir, Error, FilterField, FilterKey, Language, VehicleState};
use common::{API_KEY, TOKEN, client, fixture, server};
use futures::TryStreamExt;
use rust_decimal::Decimal;
use serde_json::json;
use wiremock::matchers::{header, method, path, query_param};
use wiremock::{Mock, Request, ResponseTemplate};

fn exact_query(expected: &'static str) -> impl Fn(&Request) -> bool {
    move |req: &Request| req.url.query() == Some(expected)
}

#[tokio::test]
async fn list_sends_the_bracket_query_and_decodes_the_page() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/v3/vehicle"))
        .and(exact_query(
            "search=titanium&and[makeName]=Ford&and[kilometers][]=%3E%3D%7C25000\
             &and[kilometers][]=%3C%3D%7C250000&or[colorId][]=3&or[colorId][]=4\
             &order[field]=created&order[dir]=desc&offset=25&limit=25",
        ))
        .and(query_param("and[kilometers][]", ">=|25000"))
        .and(header("x-api-key", API_KEY))
        .and(header("authorization", format!("JWT {TOKEN}").as_str()))
        .and(header("accept", "application/json"))
        .and(header("accept-language", "de"))
        .respond_with(ResponseTemplate::new(200).set_body_json(fixture("vehicle_list_response")))
        .expect(1)
        .mount(&server)
        .await;
    let page = client(&server)
        .vehicles()
        .list()
        .search("titanium")
        .and(Column::MakeName, "Ford")
        .and(Column::Kilometers, Cmp::Ge(25_000))
        .and(Column::Kilometers, Cmp::Le(250_000))
        .or_each(Column::ColorId, [3, 4])
        .order(Column::Created, Dir::Desc)
        .offset(25)
        .limit(25)
        .send()
        .await
        .unwrap();
    assert_eq!((page.total, page.limit, page.offset), (150, 25, 25));
    let v = &page.list[0];
    assert_eq!(v.selling_id, "AIQWXW");
    assert_eq!(
        v.vehicle_state.as_ref().unwrap().key,
        VehicleState::Inventory
    );
    assert_eq!(v.vehicle_state.as_ref().unwrap().text(), Some("Im Bestand"));
    assert_eq!(v.is_net_price, Some(false));
    assert_eq!(v.is_price_negotiable, Some(false));
    assert_eq!(v.hsn.as_deref(), Some("1234"));
    assert_eq!(v.tyre_tread_bl, Some(Decimal::new(12, 1)));
    assert!(v.equipment.is_empty() && v.ads.is_empty());
    assert_eq!(v.dealer_price, Some(Decimal::from(13444)));
    assert_eq!(v.price_export, Some(Decimal::new(345_612, 2)));
    assert_eq!(v.energie_cost_power_price, Some(Decimal::new(25, 2)));
    assert_eq!(
        v.created.map(|c| c.datetime()),
        Some(jiff::civil::date(2018, 8, 7).at(15, 47, 17, 0))
    );
    assert_eq!(v.first_registration, Some(jiff::civil::date(2007, 5, 19)));
    assert_eq!(v.next_inspection.unwrap().to_string(), "2017-05");
    assert_eq!(v.vehicle_type_id.as_ref().unwrap().key, 6);
}

#[tokio::test]
async fn get_decodes_the_envelope_and_maps_404() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/v3/vehicle/AIQWXW"))
        .and(header("x-api-key", API_KEY))
        .respond_with(ResponseTemplate::new(200).set_body_json(fixture("vehicle_get_response")))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v3/vehicle/NOPE"))
        .respond_with(
            ResponseTemplate::new(404)
                .set_body_json(json!({"status": "error", "statusText": "Vehicle not found"})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let c = client(&server);
    let v = c.vehicles().get("AIQWXW").await.unwrap();
    assert_eq!(v.make_name.as_deref(), Some("Ford"));
    let err = c.vehicles().get("NOPE").await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(404));
    assert_eq!(err.api().unwrap().details[0].message, "Vehicle not found");
    assert!(err.to_string().contains("Vehicle not found"), "{err}");
}

#[tokio::test]
async fn invalid_request_is_an_api_error_400() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/v3/vehicle"))
        .respond_with(
            ResponseTemplate::new(400).set_body_json(
                json!({"status": "error", "statusText": "Unknown filter column: x"}),
            ),
        )
        .expect(1)
        .mount(&server)
        .await;
    let err = client(&server)
        .vehicles()
        .list()
        .and(Column::Other("x".into()), 1)
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(400));
    assert_eq!(
        err.api().unwrap().details[0].message,
        "Unknown filter column: x"
    );
}

#[tokio::test]
async fn makes_and_models() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/v3/vehicle/reference/make"))
        .and(header("x-api-key", API_KEY))
        .respond_with(ResponseTemplate::new(200).set_body_json(fixture("makes_response")))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v3/vehicle/reference/make/190/model"))
        .and(header("x-api-key", API_KEY))
        .respond_with(ResponseTemplate::new(200).set_body_json(fixture("models_response")))
        .expect(1)
        .mount(&server)
        .await;
    let c = client(&server);
    let makes = c.vehicles().makes().await.unwrap();
    assert_eq!(
        (
            makes.total,
            makes.list[0].make_id,
            makes.list[0].make_name.as_deref().unwrap()
        ),
        (150, 190, "Audi")
    );
    let models = c.vehicles().models(190).await.unwrap();
    assert_eq!(
        (
            models.list[0].model_id,
            models.list[0].model_name.as_deref().unwrap()
        ),
        (3813, "A4")
    );
}

#[tokio::test]
async fn filter_values_sends_fields_as_bracket_array() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/v3/vehicle/filter/values"))
        .and(exact_query("fields[]=makeId&fields[]=fuelType"))
        .and(header("accept-language", "en"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "makeId": [123],
            "fuelType": [{"key": "diesel", "text": "Diesel"}, "gasoline"]
        })))
        .expect(1)
        .mount(&server)
        .await;
    let values = client(&server)
        .vehicles()
        .filter_values()
        .fields([FilterField::MakeId, FilterField::FuelType])
        .language(Language::En)
        .send()
        .await
        .unwrap();
    assert_eq!(
        values.get(&FilterField::MakeId).unwrap()[0].key,
        FilterKey::Integer(123)
    );
    let fuel = values.get(&FilterField::FuelType).unwrap();
    assert_eq!(fuel[0].key, FilterKey::Text("diesel".into()));
    assert_eq!(fuel[0].text(), Some("Diesel"));
    assert_eq!(fuel[1].text(), None);
    // the documented example decodes too
    let doc: autengo_client::FilterValues =
        serde_json::from_value(fixture("filter_values_response")).unwrap();
    assert_eq!(doc.get(&FilterField::MakeId).unwrap().len(), 1);
}

fn vehicle(id: &str) -> serde_json::Value {
    json!({"sellingId": id, "makeName": "Ford"})
}

#[tokio::test]
async fn stream_pages_lazily_until_total() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/v3/vehicle"))
        .and(exact_query("and[makeName]=Ford&offset=0&limit=2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"total": 3, "offset": 0, "limit": 2, "list": [vehicle("A"), vehicle("B")]}),
        ))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v3/vehicle"))
        .and(exact_query("and[makeName]=Ford&offset=2&limit=2"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(
                json!({"total": 3, "offset": 2, "limit": 2, "list": [vehicle("C")]}),
            ),
        )
        .expect(1)
        .mount(&server)
        .await;
    let c = client(&server);
    let ids: Vec<String> = c
        .vehicles()
        .list()
        .and(Column::MakeName, "Ford")
        .limit(2)
        .stream()
        .map_ok(|v| v.selling_id)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(ids, ["A", "B", "C"]);
}

#[tokio::test]
async fn stream_of_an_invalid_query_yields_one_error_and_sends_nothing() {
    let server = server().await;
    let mut s = client(&server)
        .vehicles()
        .list()
        .and(Column::Other(String::new()), 1)
        .stream();
    let first = s.try_next().await;
    assert!(
        matches!(first, Err(Error::InvalidInput { .. })),
        "{first:?}"
    );
}

#[tokio::test]
async fn language_per_client_and_per_request() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/v3/vehicle/reference/make"))
        .and(header("accept-language", "en"))
        .respond_with(ResponseTemplate::new(200).set_body_json(fixture("makes_response")))
        .expect(2)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v3/vehicle"))
        .and(header("accept-language", "de"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"total": 0, "list": []})))
        .expect(1)
        .mount(&server)
        .await;
    let en = common::builder(&server)
        .language(Language::En)
        .build()
        .unwrap();
    en.vehicles().makes().await.unwrap();
    let de = client(&server);
    de.with_language(Language::En)
        .vehicles()
        .makes()
        .await
        .unwrap();
    en.vehicles()
        .list()
        .language(Language::De)
        .send()
        .await
        .unwrap();
}
