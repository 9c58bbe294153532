//! The contracts API: validation, get, create, update and list.

use super::*;

pub(super) struct ContractsApi {
    pub(super) state: Arc<Mutex<State>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct ListBody<'a> {
    pub(super) total_items: usize,
    pub(super) total_pages: usize,
    pub(super) items: Vec<&'a Stored>,
    pub(super) links: Vec<Value>,
}

pub(super) const CONTRACT_TYPES: &[&str] = &[
    "MANUFACTURER_WARRANTY",
    "EXTENDED_WARRANTY",
    "SERVICE_PLAN",
    "MAINTENANCE_PLAN",
    "ROADSIDE_ASSISTANCE",
    "INSURANCE",
    "OTHER",
];
pub(super) const STATUSES: &[&str] = &["ACTIVE", "EXPIRED", "CANCELLED", "PENDING"];

pub(super) enum Mode {
    Create,
    Patch,
    Replace,
}

/// Checks the fields of a body; `Err` is the response to send.
pub(super) fn validate(fields: &Stored, mode: &Mode) -> Result<(), ResponseTemplate> {
    let value = |k: &str| -> Option<Value> {
        fields
            .get(k)
            .and_then(|r| serde_json::from_str::<Value>(r.get()).ok())
    };
    let required: &[&str] = match mode {
        Mode::Create => &["contractType", "startDate"],
        Mode::Replace => &["contractType"],
        Mode::Patch => &[],
    };
    for r in required {
        if value(r).is_none_or(|v| v.is_null()) {
            return Err(invalid(r, "is required"));
        }
    }
    if matches!(mode, Mode::Patch) {
        for k in ["contractType", "contractId", "vehicleId"] {
            if value(k).is_some_and(|v| v.is_null()) {
                return Err(invalid(k, "cannot be removed"));
            }
        }
    }
    let enum_field = |k: &str, allowed: &[&str]| -> Result<(), ResponseTemplate> {
        match value(k) {
            None | Some(Value::Null) => Ok(()),
            Some(Value::String(s)) if allowed.contains(&s.as_str()) => Ok(()),
            Some(_) => Err(invalid(
                k,
                &format!("must be one of {}", allowed.join(", ")),
            )),
        }
    };
    enum_field("contractType", CONTRACT_TYPES)?;
    enum_field("status", STATUSES)?;
    let mut dates = [None, None];
    for (i, k) in ["startDate", "endDate"].iter().enumerate() {
        match value(k) {
            None | Some(Value::Null) => {}
            Some(Value::String(s)) => {
                match forecourt_core::serde_helpers::datetime::parse_date_lenient(&s) {
                    Ok(d) => dates[i] = Some(d),
                    Err(_) => return Err(invalid(k, "must be a date like 2024-05-31")),
                }
            }
            Some(_) => return Err(invalid(k, "must be a date like 2024-05-31")),
        }
    }
    if let [Some(start), Some(end)] = dates
        && end < start
    {
        return Err(invalid("endDate", "must not be before startDate"));
    }
    for k in ["contractNumber", "provider", "description"] {
        match value(k) {
            None | Some(Value::Null) => {}
            Some(Value::String(s)) if !s.trim().is_empty() => {}
            Some(_) => return Err(invalid(k, "must be a non-empty string")),
        }
    }
    match value("mileageLimit") {
        None | Some(Value::Null) => {}
        Some(m) => {
            let unit_ok = m
                .get("unit")
                .and_then(Value::as_str)
                .is_some_and(|u| u == "KM" || u == "MI");
            let value_ok = m
                .get("value")
                .and_then(Value::as_u64)
                .is_some_and(|v| v > 0);
            if !unit_ok || !value_ok {
                return Err(invalid(
                    "mileageLimit",
                    "must be {\"unit\": \"KM\"|\"MI\", \"value\": a positive whole number}",
                ));
            }
        }
    }
    if let Some(raw_price) = fields.get("price") {
        let p: Value = serde_json::from_str(raw_price.get()).unwrap_or(Value::Null);
        if !p.is_null() {
            let amount_ok = p
                .get("amount")
                .and_then(Value::as_f64)
                .is_some_and(|a| a >= 0.0);
            let currency_ok = p
                .get("currency")
                .and_then(Value::as_str)
                .is_some_and(|c| c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase()));
            if !amount_ok || !currency_ok {
                return Err(invalid(
                    "price",
                    "must be {\"amount\": a number not below 0, \"currency\": an ISO 4217 code}",
                ));
            }
        }
    }
    Ok(())
}

impl Respond for ContractsApi {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let mut st = lock(&self.state);
        // the gateway: a valid, unexpired bearer token
        let token = header(request, "authorization").and_then(|h| h.strip_prefix("Bearer "));
        let Some(token) = token else {
            return fault(401, "Invalid access token", "oauth.v2.InvalidAccessToken");
        };
        match st.tokens.get(token) {
            None => {
                return fault(
                    401,
                    "Invalid Access Token",
                    "keymanagement.service.invalid_access_token",
                );
            }
            Some(expires) if *expires <= Instant::now() => {
                return fault(
                    401,
                    "Access Token expired",
                    "keymanagement.service.access_token_expired",
                );
            }
            Some(_) => {}
        }
        // the API
        let Some(correlation) = header(request, "correlation-id").filter(|c| !c.trim().is_empty())
        else {
            return invalid("correlation-id", "header is required");
        };
        st.last_correlation_id = Some(correlation.to_owned());
        st.last_on_behalf_of = header(request, "x-onbehalf-of").map(str::to_owned);

        let segments: Vec<String> = request
            .url
            .path()
            .trim_matches('/')
            .split('/')
            .map(percent_decode)
            .collect();
        let (enterprise, store, vehicle, contract_id) = match segments.as_slice() {
            [e, s, _v2, _vehicles, v, _contracts] => (e.clone(), s.clone(), v.clone(), None),
            [e, s, _v2, _vehicles, v, _contracts, c] => {
                (e.clone(), s.clone(), v.clone(), Some(c.clone()))
            }
            _ => return api_error(404, "NOT_FOUND", "Resource not found"),
        };
        let base = st.base_url.clone();
        let method = request.method.as_str().to_owned();
        let body_fields = if matches!(method.as_str(), "POST" | "PATCH" | "PUT") {
            let is_json = header(request, "content-type")
                .is_some_and(|ct| ct.starts_with("application/json"));
            if !is_json {
                return api_error(
                    415,
                    "UNSUPPORTED_MEDIA_TYPE",
                    "Content-Type must be application/json",
                );
            }
            match serde_json::from_slice::<Stored>(&request.body) {
                Ok(f) => Some(f),
                Err(_) => return api_error(400, "BAD_REQUEST", "The body must be a JSON object"),
            }
        } else {
            None
        };
        let query: Vec<(String, String)> = request.url.query_pairs().into_owned().collect();

        let mut next_contract = st.next_contract;
        let Some(store_data) = st.stores.get_mut(&(enterprise.clone(), store.clone())) else {
            return api_error(404, "NOT_FOUND", "Store not found");
        };
        let Some(contracts) = store_data.vehicles.get_mut(&vehicle) else {
            return api_error(404, "NOT_FOUND", "Vehicle not found");
        };

        let response = match (method.as_str(), contract_id, body_fields) {
            ("GET", None, _) => list(contracts, &query, &base, &enterprise, &store, &vehicle),
            ("POST", None, Some(mut fields)) => {
                if fields.contains_key("contractId") {
                    return invalid("contractId", "is assigned by the server");
                }
                if let Err(r) = validate(&fields, &Mode::Create) {
                    return r;
                }
                if let Some(v) = text_of(&fields, "vehicleId")
                    && v != vehicle
                {
                    return invalid("vehicleId", "does not match the path");
                }
                fields.remove("links");
                next_contract = next_contract.saturating_add(1);
                let mut stored = finish_new(next_contract, &vehicle, fields);
                let id = text_of(&stored, "contractId").unwrap_or_default();
                stored.insert(
                    "links".into(),
                    raw(&self_link(&base, &enterprise, &store, &vehicle, &id)),
                );
                contracts.push(stored);
                contracts
                    .last()
                    .map(|c| json_response(201, c))
                    .unwrap_or_else(|| api_error(500, "ERROR", "not stored"))
            }
            ("GET", Some(id), _) => match find(contracts, &id) {
                Some(c) => json_response(200, c),
                None => api_error(404, "NOT_FOUND", "Contract not found"),
            },
            ("PATCH", Some(id), Some(fields)) => {
                let Some(current) = find_mut(contracts, &id) else {
                    return api_error(404, "NOT_FOUND", "Contract not found");
                };
                if let Err(r) = validate(&fields, &Mode::Patch) {
                    return r;
                }
                for k in ["contractId", "vehicleId"] {
                    if fields.contains_key(k) && text_of(&fields, k) != text_of(current, k) {
                        return invalid(k, "cannot be changed");
                    }
                }
                let mut merged = current.clone();
                for (k, v) in fields {
                    if k == "links" {
                        continue;
                    }
                    if v.get().trim() == "null" {
                        merged.remove(&k);
                    } else {
                        merged.insert(k, v);
                    }
                }
                // the merged record must still be whole
                if let Err(r) = validate(&merged, &Mode::Replace) {
                    return r;
                }
                merged.insert(
                    "updatedDateTime".into(),
                    raw(&json!(jiff::Timestamp::now().to_string())),
                );
                *current = merged;
                json_response(200, &*current)
            }
            ("PUT", Some(id), Some(mut fields)) => {
                let Some(current) = find_mut(contracts, &id) else {
                    return api_error(404, "NOT_FOUND", "Contract not found");
                };
                if let Err(r) = validate(&fields, &Mode::Replace) {
                    return r;
                }
                if fields.contains_key("contractId")
                    && text_of(&fields, "contractId").as_deref() != Some(id.as_str())
                {
                    return invalid("contractId", "does not match the path");
                }
                if fields.contains_key("vehicleId")
                    && text_of(&fields, "vehicleId").as_deref() != Some(vehicle.as_str())
                {
                    return invalid("vehicleId", "does not match the path");
                }
                fields.insert("contractId".into(), raw(&json!(id)));
                fields.insert("vehicleId".into(), raw(&json!(vehicle)));
                fields.insert(
                    "links".into(),
                    raw(&self_link(&base, &enterprise, &store, &vehicle, &id)),
                );
                fields.insert(
                    "updatedDateTime".into(),
                    raw(&json!(jiff::Timestamp::now().to_string())),
                );
                *current = fields;
                json_response(200, &*current)
            }
            _ => api_error(405, "METHOD_NOT_ALLOWED", "Method not allowed"),
        };
        st.next_contract = next_contract;
        response
    }
}

pub(super) fn find<'a>(contracts: &'a [Stored], id: &str) -> Option<&'a Stored> {
    contracts
        .iter()
        .find(|c| text_of(c, "contractId").as_deref() == Some(id))
}

pub(super) fn find_mut<'a>(contracts: &'a mut [Stored], id: &str) -> Option<&'a mut Stored> {
    contracts
        .iter_mut()
        .find(|c| text_of(c, "contractId").as_deref() == Some(id))
}

pub(super) fn list(
    contracts: &[Stored],
    query: &[(String, String)],
    base: &str,
    enterprise: &str,
    store: &str,
    vehicle: &str,
) -> ResponseTemplate {
    let number = |name: &str, default: usize, max: usize| -> Result<usize, ResponseTemplate> {
        match query.iter().find(|(k, _)| k == name) {
            None => Ok(default),
            Some((_, v)) => match v.parse::<usize>() {
                Ok(n) if (1..=max).contains(&n) => Ok(n),
                _ => Err(invalid(
                    name,
                    &format!("must be a whole number from 1 to {max}"),
                )),
            },
        }
    };
    let page = match number("page", 1, 100_000) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let size = match number("pageSize", 10, 100) {
        Ok(s) => s,
        Err(r) => return r,
    };
    let total = contracts.len();
    let pages = total.div_ceil(size);
    let items: Vec<&Stored> = contracts
        .iter()
        .skip((page - 1) * size)
        .take(size)
        .collect();
    let href = |p: usize| {
        format!(
            "{base}/{enterprise}/{store}/v2/vehicles/{vehicle}/contracts?page={p}&pageSize={size}"
        )
    };
    let mut links =
        vec![json!({"method": "GET", "rel": "self", "href": href(page), "title": "Contracts"})];
    if page < pages {
        links.push(
            json!({"method": "GET", "rel": "next", "href": href(page.saturating_add(1)), "title": "Next page"}),
        );
    }
    if page > 1 {
        links.push(json!({"method": "GET", "rel": "prev", "href": href(page - 1), "title": "Previous page"}));
    }
    json_response(
        200,
        &ListBody {
            total_items: total,
            total_pages: pages,
            items,
            links,
        },
    )
}
