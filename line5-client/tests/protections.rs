//! Protections: list with their fields.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use common::*;
use line5_client::{FieldType, Id};

#[tokio::test]
async fn list_protections_with_required_fields() {
    let (server, client) = setup().await;
    api("GET", "/protections")
        .respond_with(answer(200, "protections_list_response"))
        .expect(1)
        .mount(&server)
        .await;
    let list = client.protections().list().await.unwrap();
    assert_eq!(list.len(), 3);
    let tyre = &list[0];
    assert_eq!(tyre.id, Id::from("3989"));
    assert_eq!(tyre.provider.as_deref(), Some("Line/5"));
    assert_eq!(tyre.name.as_deref(), Some("Total Tyre Protection"));
    assert_eq!(tyre.form_number.as_deref(), Some("T-12345"));
    assert_eq!(tyre.category_id, Some(Id::from(6u64)));
    assert_eq!(tyre.category_name.as_deref(), Some("Tire & Wheel Coverage"));
    assert!(
        tyre.brochure
            .as_deref()
            .unwrap()
            .starts_with("https://www.line5.com/system/")
    );
    let names: Vec<_> = tyre.required_fields().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["months", "cost", "price"]);
    assert_eq!(tyre.fields[0].kind, FieldType::Int);
    assert_eq!(tyre.fields[1].kind, FieldType::Decimal);
    assert_eq!(list[1].brochure, None, "an empty brochure is None");
    assert_eq!(list[1].fields.len(), 4);
}

#[test]
fn field_type_keeps_unknown_values() {
    let t: FieldType = serde_json::from_str("\"money\"").unwrap();
    assert_eq!(t, FieldType::Unknown("money".into()));
    assert_eq!(t.as_str(), "money");
    assert_eq!(serde_json::to_string(&FieldType::Int).unwrap(), "\"int\"");
}
