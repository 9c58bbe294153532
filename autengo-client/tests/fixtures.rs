#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Every JSON example of the vendor documentation: responses decode into the
//! typed models; requests built from typed values encode equal to the example.
mod common;

use autengo_client::{
    Contact, ContactResponse, DriveType, FilterValues, MakeList, ModelList, OpportunityPost,
    OpportunityResponse, StatusResponse, TokenPost, TokenResponse, Translated, Vehicle,
    VehicleList,
};
use common::{documented_contact_post, documented_opportunity_post, fixture};
use rust_decimal::Decimal;
use serde_json::Value;

fn decode<T: serde::de::DeserializeOwned>(name: &str) -> T {
    let text = serde_json::to_vec(&fixture(name)).unwrap();
    forecourt_core::decode_json::<T>("Autengo", &text).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn check_vehicle(v: &Vehicle) {
    assert_eq!(v.selling_id, "AIQWXW");
    assert_eq!(v.internal_id.as_deref(), Some("MY-CUSTOM-ID"));
    assert_eq!(v.branch_id, Some(12345));
    assert_eq!(
        v.source_type.as_ref().unwrap().key,
        autengo_client::SourceType::LeasingReturn
    );
    assert_eq!(v.drive_type.as_ref().unwrap().key, DriveType::Rear);
    assert_eq!(v.drive_type.as_ref().unwrap().text(), Some("Heckantrieb"));
    assert_eq!(
        v.fuel_detail_type.as_ref().unwrap().key,
        autengo_client::FuelDetailType::Diesel
    );
    assert_eq!(
        v.sliding_door.as_ref().unwrap().key,
        autengo_client::SlidingDoor::Both
    );
    assert_eq!(
        v.emissions_discharged_co2_class.as_ref().unwrap().key,
        autengo_client::Co2Class::G
    );
    assert_eq!(v.pollution_badge.as_ref().unwrap().text(), Some("Grün"));
    assert_eq!(v.is_net_price, Some(false));
    assert_eq!(v.tyre_tread_l, Some(Decimal::new(12, 1)));
    assert_eq!(v.hsn.as_deref(), Some("1234"));
    assert!(v.equipment.is_empty() && v.damages.is_empty() && v.documents.is_empty());
    assert_eq!(v.recommended_retail_price, Some(Decimal::new(345_612, 2)));
    assert_eq!(v.consumption_power_combined, Some(Decimal::new(228, 1)));
    assert_eq!(v.energie_cost_co2_costs_middle, Some(Decimal::from(150)));
    assert_eq!(v.last_service, Some(jiff::civil::date(2017, 5, 19)));
    assert_eq!(v.warranty_expiry, Some(jiff::civil::date(2017, 5, 19)));
    assert_eq!(v.is_drivable, Some(true));
}

#[test]
fn vehicle_fixtures_decode() {
    for name in ["vehicle_list_response", "schema_vehicle_list"] {
        let list: VehicleList = decode(name);
        assert_eq!(
            (list.total, list.limit, list.offset, list.list.len()),
            (150, 25, 25, 1)
        );
        check_vehicle(&list.list[0]);
    }
    check_vehicle(&decode::<Vehicle>("schema_vehicle"));
    let env: Value = fixture("vehicle_get_response");
    check_vehicle(&serde_json::from_value::<Vehicle>(env["vehicle"].clone()).unwrap());
    let makes: MakeList = decode("makes_response");
    assert_eq!(makes.list[0].make_name.as_deref(), Some("Audi"));
    let models: ModelList = decode("models_response");
    assert_eq!(models.list[0].model_id, 3813);
    let values: FilterValues = decode("filter_values_response");
    assert_eq!(values.values["makeId"].len(), 1);
    let i18n: Value = fixture("i18n_transformed_value");
    let t: Translated<DriveType> = serde_json::from_value(i18n["driveType"].clone()).unwrap();
    assert_eq!(
        (t.key, t.text.as_deref()),
        (DriveType::Rear, Some("Heckantrieb"))
    );
}

#[test]
fn vehicle_contradictions_decode_in_every_documented_shape() {
    let mut v = fixture("schema_vehicle");
    v["tyreTreadL"] = "1.25".into();
    v["hsn"] = "0603".into();
    v["isNetPrice"] = true.into();
    v["equipment"] = serde_json::json!([{"name": "ABS"}]);
    v["vehicleState"] = "sold".into();
    v["colorId"] = 7.into();
    let v: Vehicle = serde_json::from_value(v).unwrap();
    assert_eq!(v.tyre_tread_l, Some(Decimal::new(125, 2)));
    assert_eq!(v.hsn.as_deref(), Some("0603"));
    assert_eq!(v.is_net_price, Some(true));
    assert_eq!(v.equipment.len(), 1);
    assert_eq!(
        v.vehicle_state.unwrap().key,
        autengo_client::VehicleState::Sold
    );
    assert_eq!(v.color_id.unwrap().text(), None);
    let unknown: Vehicle =
        serde_json::from_value(serde_json::json!({"sellingId": "X", "fuelType": {"key": "plasma", "text": "?"}, "newField": 1}))
            .unwrap();
    assert_eq!(unknown.fuel_type.unwrap().key.as_str(), "plasma");
}

#[test]
fn contact_fixtures_decode() {
    for name in [
        "contact_create_response",
        "contact_get_response",
        "contact_update_response",
        "contact_tecfactura_get_response",
        "contact_tecfactura_update_response",
        "schema_contact_response",
    ] {
        let r: ContactResponse = decode(name);
        assert_eq!(r.contact().id, 123, "{name}");
        assert_eq!(r.contact().bic.as_ref().unwrap().expose(), "COBADEFFXXX");
    }
    let c: Contact = decode("schema_contact");
    assert_eq!(c.contact_type, Some(autengo_client::ContactType::Customer));
    assert_eq!(
        c.sales_tax_regulation,
        Some(autengo_client::SalesTaxRegulation::WithTax)
    );
    for name in [
        "contact_delete_response",
        "contact_tecfactura_delete_response",
    ] {
        let r: StatusResponse = decode(name);
        assert_eq!(
            r.status_text.as_deref(),
            Some("Contact deleted successfully")
        );
    }
    // a decoded contact re-encodes to the documented JSON
    assert_eq!(serde_json::to_value(&c).unwrap(), fixture("schema_contact"));
}

#[test]
fn other_response_fixtures_decode() {
    let o: OpportunityResponse = decode("opportunity_response");
    assert_eq!(o.opportunity_id(), 3813);
    for name in [
        "auth_token_response",
        "auth_refresh_response",
        "schema_token_response",
    ] {
        let t: TokenResponse = decode(name);
        assert_eq!(t.expires_in, Some(86400), "{name}");
    }
}

#[test]
fn request_fixtures_encode_equal() {
    let contact = serde_json::to_value(documented_contact_post()).unwrap();
    for name in [
        "contact_create_request",
        "contact_update_request",
        "contact_tecfactura_update_request",
        "schema_contact_post",
    ] {
        assert_eq!(contact, fixture(name), "{name}");
    }
    let opp = serde_json::to_value(documented_opportunity_post()).unwrap();
    assert_eq!(opp, fixture("opportunity_post_request"));
    assert_eq!(opp, fixture("schema_opportunity_post"));
    let token = TokenPost::builder()
        .dealer_alzura_id(1234567890)
        .user_alzura_id(1234567890)
        .build();
    assert_eq!(
        serde_json::to_value(&token).unwrap(),
        fixture("auth_token_request")
    );
    assert_eq!(
        serde_json::to_value(&token).unwrap(),
        fixture("schema_token_post")
    );
    // and the request fixtures decode back into the same typed values
    let back: OpportunityPost =
        serde_json::from_value(fixture("opportunity_post_request")).unwrap();
    assert_eq!(back, documented_opportunity_post());
    let back: autengo_client::ContactPost =
        serde_json::from_value(fixture("contact_create_request")).unwrap();
    assert_eq!(back, documented_contact_post());
}
