//! Finalize (the payment checks), loans, packages, notes and the GraphQL auto-login.

use super::*;

pub(super) fn check_payment(
    a: &serde_json::Map<String, Value>,
    base: &str,
    problems: &mut Vec<(String, String)>,
) {
    match a.get("form_of_payment_type").and_then(Value::as_str) {
        Some("payment_card") => require(
            a,
            base,
            &[
                "payment_card_name",
                "payment_card_number",
                "payment_card_cvv",
                "payment_card_expiration",
                "payment_card_zip_code",
            ],
            problems,
        ),
        Some("bank_transfer") => {
            require(
                a,
                base,
                &[
                    "bank_transfer_routing_number",
                    "bank_transfer_account_number",
                    "bank_transfer_routing_number_confirmation",
                    "bank_transfer_account_number_confirmation",
                    "bank_transfer_name",
                    "bank_transfer_account_type",
                ],
                problems,
            );
            for k in ["routing_number", "account_number"] {
                if a.get(&format!("bank_transfer_{k}"))
                    != a.get(&format!("bank_transfer_{k}_confirmation"))
                {
                    problems.push((
                        format!("{base}/bank_transfer_{k}_confirmation"),
                        "doesn't match".to_owned(),
                    ));
                }
            }
            if a.get("bank_transfer_account_type").and_then(Value::as_str) != Some("checking") {
                problems.push((
                    format!("{base}/bank_transfer_account_type"),
                    "Line5 only accepts checking at this time".to_owned(),
                ));
            }
        }
        _ => problems.push((
            format!("{base}/form_of_payment_type"),
            "is not supported".to_owned(),
        )),
    }
}

pub(super) fn finalize(st: &mut State, d: &Document) -> ResponseTemplate {
    let r = match primary(d) {
        Ok(r) => r,
        Err(e) => return e,
    };
    let qid = r.id.as_ref().map(|i| i.as_str().to_owned());
    let a = attrs(r);
    let mut problems = Vec::new();
    let date_ok = a
        .get("first_payment_date")
        .and_then(Value::as_str)
        .is_some_and(|s| s.parse::<jiff::civil::Date>().is_ok());
    if !date_ok {
        problems.push((
            "/data/attributes/first_payment_date".to_owned(),
            "is not a date".to_owned(),
        ));
    }
    let down = rel(r, "downpayment_payment_method").map(attrs);
    if let Some(down) = &down {
        check_payment(
            down,
            "/data/relationships/downpayment_payment_method/data/attributes",
            &mut problems,
        );
    }
    let auto = rel(r, "payment_method").map(attrs).unwrap_or_default();
    let deferred = auto.get("same_as_downpayment").and_then(Value::as_bool) == Some(true)
        || auto.get("provide_later").and_then(Value::as_bool) == Some(true);
    if deferred {
        if down.is_none() {
            problems.push((
                "/data/relationships/downpayment_payment_method".to_owned(),
                "is required with same_as_downpayment or provide_later".to_owned(),
            ));
        }
    } else {
        check_payment(
            &auto,
            "/data/relationships/payment_method/data/attributes",
            &mut problems,
        );
    }
    let q = match open_quote(st, qid, "/data/id") {
        Ok(q) => q,
        Err(e) => return e,
    };
    if q.protections.is_empty() {
        problems.push((
            "/data/relationships/quote-protections".to_owned(),
            "The quote has no protections".to_owned(),
        ));
    }
    for qp in &q.protections {
        if qp.template_value.is_none() {
            problems.push((
                format!(
                    "/data/relationships/quote-protections/{}/template/{TEMPLATE_FIELD}",
                    qp.id
                ),
                format!("Template field {TEMPLATE_FIELD} is required"),
            ));
        }
    }
    if !problems.is_empty() {
        return errors(422, &problems);
    }
    q.status = "finalized";
    let quote_id = q.id;
    let first_payment_date = a
        .get("first_payment_date")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let loan_id = st.next_id();
    let package_id = st.next_id();
    if let Some(q) = st.quotes.get_mut(&quote_id.to_string()) {
        q.loan_id = Some(loan_id);
    }
    st.loans.insert(
        loan_id.to_string(),
        LoanRec {
            id: loan_id,
            quote_id,
            status: LoanStatus::AwaitingPaperwork,
            signing_state: SigningState::Unsigned,
            first_payment_date,
            package_id,
            notes: Vec::new(),
        },
    );
    respond(201, &loan_doc(st, &loan_id.to_string()))
}

pub(super) fn loan_of_quote(st: &State, qid: &str) -> Option<String> {
    st.quotes
        .get(qid)
        .and_then(|q| q.loan_id)
        .map(|l| l.to_string())
}

pub(super) fn package_json(st: &State, loan_id: &str) -> Value {
    let pid = st
        .loans
        .get(loan_id)
        .map(|l| l.package_id)
        .unwrap_or_default();
    json!({"id": pid.to_string(), "type": "loan-packages", "attributes": {
        "documents-file-name": format!("{pid}-cover-sheet.pdf"),
        "documents-content-type": "application/pdf", "documents-file-size": PACKAGE_PDF.len()},
        "links": {"download": format!("{}{PREFIX}/loans/{loan_id}/loan_packages/{pid}/download", st.origin)}})
}

pub(super) fn note_json(n: &NoteRec) -> Value {
    json!({"id": n.id.to_string(), "type": "loan-notes", "attributes": {
        "body": n.body, "created-at": jiff::Zoned::now().date().to_string(), "user-name": "Line5 Funding"}})
}

pub(super) fn loan_doc(st: &State, loan_id: &str) -> Value {
    let Some(l) = st.loans.get(loan_id) else {
        return json!({"data": null});
    };
    let Some(q) = st.quotes.get(&l.quote_id.to_string()) else {
        return json!({"data": null});
    };
    let t = totals(q);
    let payment_day = l
        .first_payment_date
        .parse::<jiff::civil::Date>()
        .map(|d| d.day())
        .unwrap_or(1);
    let mut included = vec![package_json(st, loan_id), customer_json(q), vehicle_json(q)];
    included.extend(q.protections.iter().map(qp_resource_json));
    included.extend(l.notes.iter().map(note_json));
    let notes: Vec<Value> = l
        .notes
        .iter()
        .map(|n| json!({"id": n.id.to_string(), "type": "loan-notes"}))
        .collect();
    json!({"data": {"id": l.id.to_string(), "type": "loans", "attributes": {
        "status": l.status.as_str(), "funded-at": if l.status == LoanStatus::Funded { json!(jiff::Zoned::now().date().to_string()) } else { Value::Null },
        "start-date": l.first_payment_date, "payment-day": payment_day,
        "first-payment-date": l.first_payment_date, "balance": text(t.financed), "term": q.term,
        "down-payment": text(q.down_payment), "short-fund-fee": "0.0", "monthly-payment": text(t.monthly),
        "tax": "0.0", "base-fee": text(t.base_fee), "buy-down-fee": "0.0", "additional-term-fee": "0.0",
        "doc-stamp-fee": text(t.doc_stamp), "financed-total": text(t.financed),
        "esign-url": format!("{}/esign?loginToken=sandbox-{}", st.origin, l.id),
        "signing-state": l.signing_state.as_str()},
      "relationships": {
        "loan-notes": {"data": notes.clone()}, "unread-loan-notes": {"data": notes},
        "actual-cover-sheet": {"data": {"id": l.package_id.to_string(), "type": "loan-packages"}},
        "customer": {"data": {"id": q.customer_id.to_string(), "type": "customers"}},
        "vehicle": {"data": {"id": q.vehicle_id.to_string(), "type": "vehicles"}},
        "quote-protections": {"data": q.protections.iter().map(|p| json!({"id": p.id.to_string(), "type": "quote-protections"})).collect::<Vec<_>>()}}},
      "included": included})
}

pub(super) fn graphql(request: &Request) -> ResponseTemplate {
    let json_answer = |status: u16, body: Value| {
        ResponseTemplate::new(status)
            .set_body_raw(body.to_string().into_bytes(), "application/json")
    };
    if request.method.as_str() != "POST" {
        return json_answer(405, json!({"errors": [{"message": "POST only"}]}));
    }
    let auth = request
        .headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    if auth != Sandbox::GRAPHQL_TOKEN {
        return json_answer(401, json!({"errors": [{"message": "Not authorized"}]}));
    }
    let Ok(body) = serde_json::from_slice::<Value>(&request.body) else {
        return json_answer(400, json!({"errors": [{"message": "Body is not JSON"}]}));
    };
    let query = body
        .get("query")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let vars = body.get("variables").cloned().unwrap_or(Value::Null);
    let var = |k: &str| {
        vars.get(k)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    let (key, ok) = if query.contains("SignInUserAuto(") {
        let ok = var("email") == Sandbox::USER_EMAIL
            && vars.get("userId").and_then(Value::as_u64) == Some(Sandbox::USER_ID)
            && var("service") == Sandbox::AUTO_LOGIN_SERVICE;
        ("SignInUserAuto", ok)
    } else if query.contains("signInUser(") {
        let ok = var("email") == Sandbox::USER_EMAIL && var("password") == Sandbox::USER_PASSWORD;
        ("signInUser", ok)
    } else {
        return json_answer(200, json!({"errors": [{"message": "Unknown mutation"}]}));
    };
    if !ok {
        return json_answer(
            200,
            json!({"data": {key: null}, "errors": [{"message": "Invalid credentials"}]}),
        );
    }
    json_answer(
        200,
        json!({"data": {key: {"status": "Success", "token": Sandbox::USER_TOKEN,
            "user": {"id": "3989", "displayName": "John Snow", "email": Sandbox::USER_EMAIL}}}}),
    )
}
