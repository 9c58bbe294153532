//! Autengo vehicle pages for the benchmarks, built from the documented
//! vehicle (`tests/fixtures/vehicle_list_response.json`) repeated, each copy
//! with its own `sellingId` (so no two pages are identical).
#![allow(dead_code)]

use bytes::Bytes;

/// The documented vehicle as JSON, split around its `sellingId` value.
pub struct VehicleTemplate {
    prefix: String,
    suffix: String,
}

impl VehicleTemplate {
    pub fn documented() -> Self {
        const MARK: &str = "@@SELLING_ID@@";
        let page: serde_json::Value = serde_json::from_str(include_str!(
            "../../tests/fixtures/vehicle_list_response.json"
        ))
        .unwrap();
        let mut vehicle = page["list"][0].clone();
        vehicle["sellingId"] = serde_json::Value::from(MARK);
        let json = serde_json::to_string(&vehicle).unwrap();
        let (prefix, suffix) = json.split_once(&format!("\"{MARK}\"")).unwrap();
        VehicleTemplate {
            prefix: prefix.to_owned(),
            suffix: suffix.to_owned(),
        }
    }

    /// `{"total","limit","offset","list"}` with vehicles `offset..offset+limit`
    /// (at most up to `total`).
    pub fn page(&self, offset: u64, limit: u64, total: u64) -> Bytes {
        let end = (offset + limit).min(total);
        let n = end.saturating_sub(offset) as usize;
        let mut out = String::with_capacity(64 + n * (self.prefix.len() + self.suffix.len() + 16));
        out.push_str(&format!(
            r#"{{"total":{total},"limit":{limit},"offset":{offset},"list":["#
        ));
        for (i, id) in (offset..end).enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(&self.prefix);
            out.push_str(&format!("\"V{id:08}\""));
            out.push_str(&self.suffix);
        }
        out.push_str("]}");
        Bytes::from(out)
    }
}

/// `offset` and `limit` of a `GET /vehicle` query (defaults 0 and 25).
pub fn offset_limit(query: Option<&str>) -> (u64, u64) {
    let (mut offset, mut limit) = (0, 25);
    for pair in query.unwrap_or("").split('&') {
        match pair.split_once('=') {
            Some(("offset", v)) => offset = v.parse().unwrap_or(0),
            Some(("limit", v)) => limit = v.parse().unwrap_or(25),
            _ => {}
        }
    }
    (offset, limit)
}
