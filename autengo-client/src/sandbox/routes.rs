//! The sandbox's state and its routes: vehicles, references, contacts, opportunities and tokens.

use super::*;

// ---------------------------------------------------------------- state

pub(super) struct State {
    pub(super) cars: Vec<Car>,
    pub(super) contacts: BTreeMap<u64, Map<String, Value>>,
    pub(super) next_contact: u64,
    pub(super) opportunities: Vec<SandboxOpportunity>,
    pub(super) next_opportunity: u64,
    pub(super) tokens: HashMap<String, Instant>,
    pub(super) token_lifetime: Duration,
    pub(super) tokens_issued: usize,
    pub(super) tokens_refreshed: usize,
    pub(super) list_requests: usize,
    pub(super) seed: u64,
}

impl State {
    pub(super) fn new(vehicle_count: usize, token_lifetime: Duration) -> Self {
        State {
            cars: (0..vehicle_count).map(Car::generate).collect(),
            contacts: BTreeMap::new(),
            next_contact: 1000,
            opportunities: Vec::new(),
            next_opportunity: 5000,
            tokens: HashMap::new(),
            token_lifetime,
            tokens_issued: 0,
            tokens_refreshed: 0,
            list_requests: 0,
            seed: 0,
        }
    }

    pub(super) fn issue_token(&mut self) -> Value {
        let n = self
            .tokens_issued
            .saturating_add(self.tokens_refreshed)
            .saturating_add(1);
        let token = format!(
            "sbx-token-{n}-{}",
            base36(fastrand_like(n as u64 ^ self.seed), 6)
        );
        self.tokens
            .insert(token.clone(), Instant::now() + self.token_lifetime);
        json!({
            "token": token,
            "expires_in": self.token_lifetime.as_secs(),
            "token_type": "Bearer",
            "scope": "AutengoApiV3"
        })
    }
}

pub(super) fn fastrand_like(n: u64) -> u64 {
    Rng::new(n ^ 0xA5A5).next() % 2_176_782_336
}

pub(super) fn error(status: u16, message: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_json(json!({"status": "error", "statusText": message}))
}

pub(super) fn ok(status: u16, body: Value) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_json(body)
}

pub(super) struct Router {
    pub(super) state: Arc<Mutex<State>>,
}

pub(super) enum TokenCheck {
    Missing,
    Valid,
    Invalid,
}

pub(super) fn header<'a>(req: &'a Request, name: &str) -> Option<&'a str> {
    req.headers.get(name).and_then(|v| v.to_str().ok())
}

impl Router {
    pub(super) fn token(&self, req: &Request, state: &State) -> TokenCheck {
        let presented = match (header(req, "authorization"), header(req, "x-authorization")) {
            (Some(a), _) => a.strip_prefix("JWT "),
            (None, Some(x)) => x.strip_prefix("Bearer "),
            (None, None) => return TokenCheck::Missing,
        };
        let Some(token) = presented.map(str::trim) else {
            return TokenCheck::Invalid;
        };
        if token == Sandbox::USER_TOKEN
            || state
                .tokens
                .get(token)
                .is_some_and(|until| Instant::now() < *until)
        {
            TokenCheck::Valid
        } else {
            TokenCheck::Invalid
        }
    }

    pub(super) fn route(&self, req: &Request) -> ResponseTemplate {
        let mut state = lock(&self.state);
        if header(req, "x-api-key") != Some(Sandbox::API_KEY) {
            return error(401, "Missing or invalid X-Api-Key");
        }
        let token = self.token(req, &state);
        if matches!(token, TokenCheck::Invalid) {
            return error(401, "Invalid or expired token");
        }
        let lang = match header(req, "accept-language").map(str::trim) {
            Some(l) if l.starts_with("en") => Lang::En,
            _ => Lang::De,
        };
        let Some(path) = req.url.path().strip_prefix("/v3") else {
            return error(404, "Not found");
        };
        let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
        let method = req.method.as_str();
        let needs_token =
            matches!(segments.first(), Some(&"contact")) || segments == ["auth", "refresh"];
        if needs_token && matches!(token, TokenCheck::Missing) {
            return error(401, "A user token is required");
        }
        if matches!(method, "POST" | "PUT")
            && !header(req, "content-type").is_some_and(|c| c.starts_with("application/json"))
        {
            return error(415, "Content-Type must be application/json");
        }
        let query = req.url.query().unwrap_or("");
        match (method, segments.as_slice()) {
            ("GET", ["vehicle"]) => list_vehicles(&mut state, query, lang),
            ("GET", ["vehicle", "reference", "make"]) => makes(),
            ("GET", ["vehicle", "reference", "make", id, "model"]) => models(id),
            ("GET", ["vehicle", "filter", "values"]) => filter_values(&state, query),
            ("GET", ["vehicle", id]) => match state.cars.iter().find(|c| c.selling_id == *id) {
                Some(car) => ok(200, json!({"vehicle": car.to_json(lang)})),
                None => error(404, "Vehicle not found"),
            },
            ("POST", ["opportunity"]) => create_opportunity(&mut state, &req.body),
            ("POST", ["contact"]) => create_contact(&mut state, &req.body),
            (m, ["contact", "tecfactura", tf]) => {
                let tf = qs_decode(tf);
                let id = state
                    .contacts
                    .iter()
                    .find(|(_, c)| {
                        c.get("tecfacturaId").and_then(Value::as_str) == Some(tf.as_str())
                    })
                    .map(|(id, _)| *id);
                match id {
                    Some(id) => contact_by_id(&mut state, m, id, &req.body),
                    None => error(404, "Contact not found"),
                }
            }
            (m, ["contact", id]) => match id.parse::<u64>() {
                Ok(id) if state.contacts.contains_key(&id) => {
                    contact_by_id(&mut state, m, id, &req.body)
                }
                Ok(_) => error(404, "Contact not found"),
                Err(_) => error(400, "Invalid contact id"),
            },
            ("POST", ["auth", "token"]) => {
                let body: Value = match serde_json::from_slice(&req.body) {
                    Ok(v) => v,
                    Err(_) => return error(400, "Invalid JSON body"),
                };
                let ids = (
                    body.get("dealerAlzuraId").and_then(Value::as_u64),
                    body.get("userAlzuraId").and_then(Value::as_u64),
                );
                match ids {
                    (Some(d), Some(u))
                        if d == Sandbox::DEALER_ALZURA_ID && u == Sandbox::USER_ALZURA_ID =>
                    {
                        state.tokens_issued = state.tokens_issued.saturating_add(1);
                        ok(200, state.issue_token())
                    }
                    (Some(_), Some(_)) => error(401, "Unknown dealer or user"),
                    _ => error(400, "dealerAlzuraId and userAlzuraId are required numbers"),
                }
            }
            ("GET", ["auth", "refresh"]) => {
                state.tokens_refreshed = state.tokens_refreshed.saturating_add(1);
                ok(200, state.issue_token())
            }
            _ => error(404, "Not found"),
        }
    }
}

impl Respond for Router {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        self.route(request)
    }
}

pub(super) const FILTER_VALUE_FIELDS: &[&str] = &[
    "makeId",
    "modelId",
    "vehicleTypeId",
    "climatisationType",
    "conditionType",
    "fuelType",
    "transmissionType",
    "isPluginHybrid",
    "driveType",
];

pub(super) fn makes() -> ResponseTemplate {
    let list: Vec<Value> = MAKES
        .iter()
        .map(|(id, name, _)| json!({"makeId": id, "makeName": name}))
        .collect();
    ok(200, json!({"total": list.len(), "list": list}))
}

pub(super) fn models(id: &str) -> ResponseTemplate {
    let Ok(id) = id.parse::<u64>() else {
        return error(400, "Invalid makeId");
    };
    let Some((mi, (_, _, names))) = MAKES.iter().enumerate().find(|(_, m)| m.0 == id) else {
        return error(404, "Make not found");
    };
    let list: Vec<Value> = names
        .iter()
        .enumerate()
        .map(|(i, n)| json!({"modelId": model_id(mi, i), "modelName": n}))
        .collect();
    ok(200, json!({"total": list.len(), "list": list}))
}

pub(super) fn strings(v: &Value) -> Option<Vec<String>> {
    match v {
        Value::String(s) => Some(vec![s.clone()]),
        Value::Array(items) => items
            .iter()
            .map(|i| i.as_str().map(str::to_owned))
            .collect(),
        _ => None,
    }
}

pub(super) fn filter_values(state: &State, query: &str) -> ResponseTemplate {
    let q = parse_query(query);
    let fields = match q.get("fields") {
        None => vec!["makeId".to_owned()],
        Some(v) => match strings(v) {
            Some(f) => f,
            None => return error(400, "fields must be an array of field names"),
        },
    };
    let mut out = Map::new();
    for f in fields {
        if !FILTER_VALUE_FIELDS.contains(&f.as_str()) {
            return error(400, &format!("Invalid filter field: {f}"));
        }
        let mut values: Vec<Val> = state.cars.iter().filter_map(|c| c.column(&f)).collect();
        values.sort();
        values.dedup();
        let json_values: Vec<Value> = values
            .into_iter()
            .map(|v| match v {
                Val::Num(n) => raw_number(n),
                Val::Text(t) => Value::String(t),
                Val::Flag(b) => Value::Bool(b),
                Val::Day(d) => Value::String(d.to_string()),
                Val::Dt(d) => Value::String(d.to_string()),
            })
            .collect();
        out.insert(f, Value::Array(json_values));
    }
    ok(200, Value::Object(out))
}

/// Parses `op|value` for `column` (the operator defaults to `=`).
pub(super) fn parse_condition(
    column: &str,
    sample: &Val,
    raw: &str,
) -> Result<(String, Val), String> {
    let (op, value) = match raw.split_once('|') {
        Some((op, v)) => (op, v),
        None => ("=", raw),
    };
    if !matches!(op, "=" | "<>" | "<" | "<=" | ">" | ">=") {
        return Err(format!("Invalid comparison operator for {column}"));
    }
    let v = sample
        .parse_like(value)
        .ok_or_else(|| format!("Invalid value for {column}"))?;
    Ok((op.to_owned(), v))
}

pub(super) fn holds(op: &str, actual: &Val, expected: &Val) -> bool {
    use std::cmp::Ordering::*;
    let o = actual.compare(expected);
    match op {
        "=" => o == Equal,
        "<>" => o != Equal,
        "<" => o == Less,
        "<=" => o != Greater,
        ">" => o == Greater,
        ">=" => o != Less,
        _ => false,
    }
}

/// The conditions of an `and`/`or` block: `(column, op, value)`.
pub(super) fn block(
    q: &Value,
    name: &str,
    sample: &Car,
) -> Result<Vec<(String, String, Val)>, String> {
    let Some(v) = q.get(name) else {
        return Ok(Vec::new());
    };
    let Value::Object(cols) = v else {
        return Err(format!("{name} must be an object"));
    };
    let mut out = Vec::new();
    for (col, raw) in cols {
        let sample_val = sample
            .column(col)
            .ok_or_else(|| format!("Unknown filter column: {col}"))?;
        let values = strings(raw).ok_or_else(|| format!("Invalid filter for {col}"))?;
        for r in values {
            let (op, v) = parse_condition(col, &sample_val, &r)?;
            out.push((col.clone(), op, v));
        }
    }
    Ok(out)
}

pub(super) fn number_param(q: &Value, name: &str, default: u64) -> Result<u64, String> {
    match q.get(name) {
        None => Ok(default),
        Some(Value::String(s)) => s.parse().map_err(|_| format!("{name} must be a number")),
        Some(_) => Err(format!("{name} must be a number")),
    }
}

pub(super) fn list_vehicles(state: &mut State, query: &str, lang: Lang) -> ResponseTemplate {
    state.list_requests = state.list_requests.saturating_add(1);
    let q = parse_query(query);
    let reference = Car::generate(0);
    let result = (|| -> Result<Value, String> {
        let and = block(&q, "and", &reference)?;
        let or = block(&q, "or", &reference)?;
        let search = match q.get("search") {
            None => None,
            Some(Value::String(s)) => Some(s.clone()),
            Some(_) => return Err("search must be a string".into()),
        };
        let (field, dir) = match q.get("order") {
            None => ("created".to_owned(), "desc".to_owned()),
            Some(o) => {
                let field = o.get("field").and_then(Value::as_str);
                let dir = o.get("dir").and_then(Value::as_str);
                match (field, dir) {
                    (Some(f), Some(d)) if d == "asc" || d == "desc" => {
                        if reference.column(f).is_none() {
                            return Err(format!("Unknown order column: {f}"));
                        }
                        (f.to_owned(), d.to_owned())
                    }
                    _ => return Err("order needs field and dir (asc or desc)".into()),
                }
            }
        };
        let offset = number_param(&q, "offset", 0)?;
        let limit = number_param(&q, "limit", DEFAULT_LIMIT)?;
        if limit == 0 || limit > MAX_LIMIT {
            return Err(format!("limit must be between 1 and {MAX_LIMIT}"));
        }
        let mut hits: Vec<&Car> = state
            .cars
            .iter()
            .filter(|c| {
                search
                    .as_deref()
                    .is_none_or(|s| s.trim().is_empty() || c.matches_search(s))
            })
            .filter(|c| {
                and.iter()
                    .all(|(col, op, v)| c.column(col).is_some_and(|a| holds(op, &a, v)))
            })
            .filter(|c| {
                or.is_empty()
                    || or
                        .iter()
                        .any(|(col, op, v)| c.column(col).is_some_and(|a| holds(op, &a, v)))
            })
            .collect();
        hits.sort_by(|a, b| {
            let o = match (a.column(&field), b.column(&field)) {
                (Some(x), Some(y)) => x.compare(&y),
                _ => std::cmp::Ordering::Equal,
            };
            let o = if dir == "desc" { o.reverse() } else { o };
            o.then_with(|| a.selling_id.cmp(&b.selling_id))
        });
        let total = hits.len();
        let list: Vec<Value> = hits
            .into_iter()
            .skip(usize::try_from(offset).unwrap_or(usize::MAX))
            .take(usize::try_from(limit).unwrap_or(usize::MAX))
            .map(|c| c.to_json(lang))
            .collect();
        Ok(json!({"total": total, "limit": limit, "offset": offset, "list": list}))
    })();
    match result {
        Ok(body) => ok(200, body),
        Err(message) => error(400, &message),
    }
}

// The sandbox answers its own errors as ready responses.
#[allow(clippy::result_large_err)]
pub(super) fn json_object(body: &[u8]) -> Result<Map<String, Value>, ResponseTemplate> {
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(m)) => Ok(m),
        _ => Err(error(400, "The body must be a JSON object")),
    }
}

#[allow(clippy::result_large_err)]
pub(super) fn check_contact(
    c: &Map<String, Value>,
    creating: bool,
) -> Result<(), ResponseTemplate> {
    let last = c.get("lastName").and_then(Value::as_str).unwrap_or("");
    if creating && last.trim().is_empty() {
        return Err(error(400, "lastName is required"));
    }
    let enums: &[(&str, &[&str])] = &[
        ("title", &["Mr", "Mrs"]),
        (
            "source",
            &[
                "walkIn",
                "mail",
                "platform",
                "phone",
                "offlineMarketing",
                "onlineMarketing",
            ],
        ),
        ("type", &["customer", "supplier", "partner", "prospect"]),
        (
            "salesTaxRegulation",
            &["reverseCharge", "taxless", "withTax"],
        ),
    ];
    for (field, allowed) in enums {
        if let Some(v) = c.get(*field)
            && !v.as_str().is_some_and(|s| allowed.contains(&s))
        {
            return Err(error(400, &format!("Invalid value for {field}")));
        }
    }
    if let Some(r) = c.get("customerRating")
        && !r.as_u64().is_some_and(|r| (1..=5).contains(&r))
    {
        return Err(error(400, "customerRating must be between 1 and 5"));
    }
    Ok(())
}

pub(super) fn contact_body(c: &Map<String, Value>, text: &str) -> Value {
    json!({"status": "success", "statusText": text, "data": {"contact": c}})
}

pub(super) fn create_contact(state: &mut State, body: &[u8]) -> ResponseTemplate {
    let mut c = match json_object(body) {
        Ok(c) => c,
        Err(e) => return e,
    };
    if let Err(e) = check_contact(&c, true) {
        return e;
    }
    if let Some(tf) = c.get("tecfacturaId").and_then(Value::as_str)
        && state
            .contacts
            .values()
            .any(|o| o.get("tecfacturaId").and_then(Value::as_str) == Some(tf))
    {
        return error(400, "tecfacturaId is already in use");
    }
    let id = state.next_contact;
    state.next_contact = state.next_contact.saturating_add(1);
    c.insert("ID".into(), json!(id));
    let out = contact_body(&c, "Contact created successfully");
    state.contacts.insert(id, c);
    ok(201, out)
}

pub(super) fn contact_by_id(
    state: &mut State,
    method: &str,
    id: u64,
    body: &[u8],
) -> ResponseTemplate {
    match method {
        "GET" => match state.contacts.get(&id) {
            Some(c) => ok(200, contact_body(c, "Contact loaded successfully")),
            None => error(404, "Contact not found"),
        },
        "PUT" => {
            let update = match json_object(body) {
                Ok(c) => c,
                Err(e) => return e,
            };
            if let Err(e) = check_contact(&update, false) {
                return e;
            }
            match state.contacts.get_mut(&id) {
                Some(c) => {
                    for (k, v) in update {
                        if k != "ID" {
                            c.insert(k, v);
                        }
                    }
                    ok(200, contact_body(c, "Contact updated successfully"))
                }
                None => error(404, "Contact not found"),
            }
        }
        "DELETE" => match state.contacts.remove(&id) {
            Some(_) => ok(
                200,
                json!({"status": "success", "statusText": "Contact deleted successfully"}),
            ),
            None => error(404, "Contact not found"),
        },
        _ => error(405, "Method not allowed"),
    }
}

pub(super) fn create_opportunity(state: &mut State, body: &[u8]) -> ResponseTemplate {
    let o = match json_object(body) {
        Ok(o) => o,
        Err(e) => return e,
    };
    let Some(selling_id) = o.get("sellingId").and_then(Value::as_str) else {
        return error(400, "sellingId is required");
    };
    let last = o
        .get("customer")
        .and_then(|c| c.get("lastName"))
        .and_then(Value::as_str)
        .unwrap_or("");
    if last.trim().is_empty() {
        return error(400, "customer.lastName is required");
    }
    if o.get("sourceType").is_some_and(|s| !s.is_u64()) {
        return error(400, "sourceType must be a number");
    }
    if !state.cars.iter().any(|c| c.selling_id == selling_id) {
        return error(404, "Vehicle not found");
    }
    let id = state.next_opportunity;
    state.next_opportunity = state.next_opportunity.saturating_add(1);
    state.opportunities.push(SandboxOpportunity {
        opportunity_id: id,
        selling_id: selling_id.to_owned(),
        customer_last_name: last.to_owned(),
    });
    ok(
        200,
        json!({"status": "success", "data": {"opportunityId": id}}),
    )
}
