//! The router: JSON:API answers and errors, and the path each request takes.

use super::*;

pub(super) fn respond(status: u16, body: &Value) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_raw(body.to_string().into_bytes(), MEDIA)
}

pub(super) fn error(status: u16, pointer: &str, detail: &str) -> ResponseTemplate {
    respond(
        status,
        &json!({"errors": [{"source": {"pointer": pointer}, "detail": detail}]}),
    )
}

pub(super) fn errors(status: u16, list: &[(String, String)]) -> ResponseTemplate {
    let items: Vec<Value> = list
        .iter()
        .map(|(p, d)| json!({"source": {"pointer": p}, "detail": d}))
        .collect();
    respond(status, &json!({ "errors": items }))
}

pub(super) struct Fake {
    pub(super) state: Arc<Mutex<State>>,
}

impl Respond for Fake {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        let path = request.url.path().to_owned();
        if path == "/graphql" {
            return graphql(request);
        }
        let Some(rest) = path.strip_prefix(PREFIX) else {
            return error(404, "", "The specified route was not found");
        };
        let auth = request
            .headers
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        if auth != format!("Token {}", Sandbox::API_KEY) {
            return error(401, "", "Your API key is wrong");
        }
        let segments: Vec<&str> = rest.trim_matches('/').split('/').collect();
        let method = request.method.as_str();
        let body = if request.body.is_empty() {
            None
        } else {
            let ct = request
                .headers
                .get("content-type")
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default();
            if !ct.starts_with(MEDIA) {
                return error(400, "", "Content-Type must be application/vnd.api+json");
            }
            match serde_json::from_slice::<Document>(&request.body) {
                Ok(d) => Some(d),
                Err(_) => return error(400, "", "The request body is not a JSON:API document"),
            }
        };
        let st = &mut *state;
        match (method, segments.as_slice()) {
            ("GET", ["users"]) => list_users(st),
            ("POST", ["users"]) => with_body(body, |d| create_user(st, d)),
            ("GET", ["protections"]) => list_protections(),
            ("POST", ["quotes"]) => with_body(body, |d| create_quote(st, d)),
            ("PATCH" | "PUT", ["quotes"]) => with_body(body, |d| adjust_quote(st, d)),
            ("PATCH" | "PUT", ["quotes", "finalize"]) => with_body(body, |d| finalize(st, d)),
            ("PATCH" | "PUT", ["vehicles"]) => with_body(body, |d| update_vehicle(st, d)),
            ("GET", ["rates"]) => with_body(body, |d| rates(st, d)),
            ("GET", ["quote_protections"]) => with_body(body, |d| list_qps(st, d)),
            ("POST", ["quote-protections"]) => with_body(body, |d| create_qp(st, d)),
            ("PUT" | "PATCH", ["quote-protections", id]) => {
                with_body(body, |d| update_qp(st, id, d))
            }
            ("DELETE", ["quote-protections", id]) => delete_qp(st, id),
            ("GET", ["loans", "find_from_quote", qid]) => match loan_of_quote(st, qid) {
                Some(lid) => respond(200, &loan_doc(st, &lid)),
                None => error(404, "", "Loan not found"),
            },
            ("GET", ["loans", "loan_id_lookup", qid]) => match loan_of_quote(st, qid) {
                Some(lid) => respond(200, &json!({"loan_id": lid.parse::<u64>().unwrap_or(0)})),
                None => error(404, "", "Loan not found"),
            },
            ("GET", ["loans", id]) if st.loans.contains_key(*id) => respond(200, &loan_doc(st, id)),
            ("GET", ["loans", id, "loan_packages"]) if st.loans.contains_key(*id) => {
                respond(200, &json!({"data": [package_json(st, id)]}))
            }
            ("GET", ["loans", id, "loan_packages", pid, "download"]) => match st.loans.get(*id) {
                Some(l) if l.package_id.to_string() == *pid => {
                    ResponseTemplate::new(200).set_body_raw(PACKAGE_PDF.to_vec(), "application/pdf")
                }
                _ => error(404, "", "Loan package not found"),
            },
            ("GET", ["loans", id, "loan_notes"]) => match st.loans.get(*id) {
                Some(l) => respond(
                    200,
                    &json!({"data": l.notes.iter().map(note_json).collect::<Vec<_>>()}),
                ),
                None => error(404, "", "Loan not found"),
            },
            ("GET", ["loans", ..]) => error(404, "", "Loan not found"),
            _ => error(404, "", "The specified route was not found"),
        }
    }
}

pub(super) fn with_body(
    body: Option<Document>,
    f: impl FnOnce(&Document) -> ResponseTemplate,
) -> ResponseTemplate {
    match body {
        Some(d) => f(&d),
        None => error(400, "/data", "A JSON:API document is required"),
    }
}

pub(super) fn attrs(r: &Resource) -> serde_json::Map<String, Value> {
    r.attributes
        .as_ref()
        .and_then(|a| serde_json::from_str::<serde_json::Map<String, Value>>(a.get()).ok())
        .unwrap_or_default()
}

pub(super) fn primary(d: &Document) -> Result<&Resource, ResponseTemplate> {
    d.primary()
        .ok_or_else(|| error(422, "/data", "A resource object is required"))
}

pub(super) fn rel<'a>(r: &'a Resource, name: &str) -> Option<&'a Resource> {
    r.relationships.get(name).and_then(|x| x.data.first())
}

pub(super) fn rel_id(r: &Resource, name: &str) -> Option<String> {
    rel(r, name)
        .and_then(|x| x.id.as_ref())
        .map(|i| i.as_str().to_owned())
}

pub(super) fn text_attr(a: &serde_json::Map<String, Value>, key: &str) -> Option<String> {
    match a.get(key) {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    }
}

pub(super) fn require(
    a: &serde_json::Map<String, Value>,
    base: &str,
    keys: &[&str],
    out: &mut Vec<(String, String)>,
) {
    for k in keys {
        if text_attr(a, k).is_none() {
            out.push((format!("{base}/{k}"), format!("{k} can't be blank")));
        }
    }
}
