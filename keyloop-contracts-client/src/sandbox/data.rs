//! The sandbox's seeded contracts and the helpers that shape its answers.

use super::*;

pub(super) fn raw(v: &Value) -> Box<RawValue> {
    // Value always serializes; the fallback is never used
    serde_json::value::to_raw_value(v).unwrap_or_else(|_| raw_null())
}

pub(super) fn raw_null() -> Box<RawValue> {
    RawValue::from_string("null".to_owned()).unwrap_or_else(|_| Box::<RawValue>::default())
}

pub(super) fn record(fields: Value) -> Stored {
    match fields {
        Value::Object(m) => m.iter().map(|(k, v)| (k.clone(), raw(v))).collect(),
        _ => Stored::new(),
    }
}

pub(super) fn seed(st: &mut State) {
    let key = (
        Sandbox::ENTERPRISE_ID.to_owned(),
        Sandbox::STORE_ID.to_owned(),
    );
    let warranty = record(json!({
        "contractType": "MANUFACTURER_WARRANTY",
        "status": "ACTIVE",
        "contractNumber": "MW-2023-118842",
        "provider": "Manufacturer",
        "description": "3 years / 100,000 km manufacturer warranty",
        "startDate": "2023-03-01",
        "endDate": "2026-02-28",
        "mileageLimit": {"unit": "KM", "value": 100000},
        "warrantyCode": "MW3Y"
    }));
    let roadside = record(json!({
        "contractType": "ROADSIDE_ASSISTANCE",
        "status": "ACTIVE",
        "contractNumber": "RA-77120",
        "provider": "Roadside Partners",
        "description": "European roadside assistance",
        "startDate": "2023-03-01",
        "endDate": "2026-02-28"
    }));
    let mut contracts = Vec::new();
    for fields in [warranty, roadside] {
        st.next_contract = st.next_contract.saturating_add(1);
        let id = format!("CTR-{:04}", st.next_contract);
        let mut c = finish_new(st.next_contract, Sandbox::VEHICLE_ID, fields);
        c.insert(
            "links".into(),
            raw(&self_link(
                &st.base_url,
                Sandbox::ENTERPRISE_ID,
                Sandbox::STORE_ID,
                Sandbox::VEHICLE_ID,
                &id,
            )),
        );
        contracts.push(c);
    }
    let store = st.stores.entry(key).or_default();
    store
        .vehicles
        .insert(Sandbox::VEHICLE_ID.to_owned(), contracts);
    store
        .vehicles
        .insert(Sandbox::EMPTY_VEHICLE_ID.to_owned(), Vec::new());
    st.stores
        .entry((
            Sandbox::ENTERPRISE_ID.to_owned(),
            Sandbox::OTHER_STORE_ID.to_owned(),
        ))
        .or_default()
        .vehicles
        .insert(Sandbox::VEHICLE_ID.to_owned(), Vec::new());
}

/// Adds the server's fields to new record number `n`.
pub(super) fn finish_new(n: u64, vehicle_id: &str, mut fields: Stored) -> Stored {
    let id = format!("CTR-{n:04}");
    fields.insert("contractId".into(), raw(&json!(id)));
    fields.insert("vehicleId".into(), raw(&json!(vehicle_id)));
    fields
        .entry("status".into())
        .or_insert_with(|| raw(&json!("ACTIVE")));
    let now = jiff::Timestamp::now().to_string();
    fields.insert("createdDateTime".into(), raw(&json!(now)));
    fields.insert("updatedDateTime".into(), raw(&json!(now)));
    fields.insert(
        "dmsReference".into(),
        raw(&json!(format!("AD-{}", 500_000 + n))),
    );
    fields
}

pub(super) fn self_link(
    base: &str,
    enterprise: &str,
    store: &str,
    vehicle: &str,
    id: &str,
) -> Value {
    json!([{
        "method": "GET",
        "rel": "self",
        "href": format!("{base}/{enterprise}/{store}/v2/vehicles/{vehicle}/contracts/{id}"),
        "title": "Contract"
    }])
}

pub(super) fn text_of(stored: &Stored, key: &str) -> Option<String> {
    stored
        .get(key)
        .and_then(|r| serde_json::from_str::<String>(r.get()).ok())
}

pub(super) fn json_response(status: u16, body: &impl Serialize) -> ResponseTemplate {
    let bytes = serde_json::to_vec(body).unwrap_or_default();
    ResponseTemplate::new(status).set_body_raw(bytes, "application/json")
}

pub(super) fn api_error(status: u16, code: &str, message: &str) -> ResponseTemplate {
    json_response(status, &json!({"code": code, "message": message}))
}

pub(super) fn invalid(field: &str, message: &str) -> ResponseTemplate {
    json_response(
        400,
        &json!({"code": "VALIDATION_ERROR", "message": format!("{field} {message}"), "field": field}),
    )
}

pub(super) fn fault(status: u16, faultstring: &str, errorcode: &str) -> ResponseTemplate {
    json_response(
        status,
        &json!({"fault": {"faultstring": faultstring, "detail": {"errorcode": errorcode}}}),
    )
}

pub(super) fn header<'a>(request: &'a Request, name: &str) -> Option<&'a str> {
    request.headers.get(name).and_then(|v| v.to_str().ok())
}

pub(super) fn percent_decode(segment: &str) -> String {
    let bytes = segment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
            if let Some(v) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(b);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}
