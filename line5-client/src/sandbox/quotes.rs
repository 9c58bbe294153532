//! Users, protections, quotes, vehicles, rates and quote protections.

use super::*;

pub(super) fn user_json(u: &UserRec) -> Value {
    json!({"id": u.id.to_string(), "type": "employees", "attributes": {
        "email": u.email, "first-name": u.first_name, "last-name": u.last_name, "user-id": u.user_id}})
}

pub(super) fn list_users(st: &State) -> ResponseTemplate {
    respond(
        200,
        &json!({"data": st.users.iter().map(user_json).collect::<Vec<_>>()}),
    )
}

pub(super) fn create_user(st: &mut State, d: &Document) -> ResponseTemplate {
    let r = match primary(d) {
        Ok(r) => r,
        Err(e) => return e,
    };
    let a = attrs(r);
    let mut problems = Vec::new();
    require(
        &a,
        "/data/attributes",
        &[
            "first-name",
            "last-name",
            "date-of-birth",
            "email",
            "phone-number",
        ],
        &mut problems,
    );
    if !problems.is_empty() {
        return errors(422, &problems);
    }
    let id = st.next_id();
    let user_id = st
        .users
        .iter()
        .map(|u| u.user_id)
        .max()
        .unwrap_or(0)
        .saturating_add(1);
    let u = UserRec {
        id,
        user_id,
        email: text_attr(&a, "email").unwrap_or_default(),
        first_name: text_attr(&a, "first-name").unwrap_or_default(),
        last_name: text_attr(&a, "last-name").unwrap_or_default(),
    };
    st.users.push(u.clone());
    respond(201, &json!({"data": user_json(&u)}))
}

pub(super) fn list_protections() -> ResponseTemplate {
    let data: Vec<Value> = PROTECTIONS
        .iter()
        .map(|(id, provider, name, form, fields)| {
            let fields: Vec<Value> = fields
                .iter()
                .map(|f| {
                    let t = if matches!(*f, "cost" | "price") { "decimal" } else { "int" };
                    json!({"name": f, "type": t, "required": "true"})
                })
                .collect();
            json!({"id": id, "type": "protections", "attributes": {
                "provider": provider, "name": name, "form_number": form, "fields": fields,
                "protection-category-id": 1, "protection-category-name": "Extended Service Contract",
                "brochure": ""}})
        })
        .collect();
    respond(200, &json!({ "data": data }))
}

pub(super) fn protection_name(id: &str) -> Option<&'static str> {
    PROTECTIONS.iter().find(|p| p.0 == id).map(|p| p.2)
}

pub(super) fn decimal_of(v: Option<&Value>) -> Option<Decimal> {
    match v {
        Some(Value::Number(n)) => Decimal::from_str(&n.to_string())
            .or_else(|_| Decimal::from_scientific(&n.to_string()))
            .ok(),
        Some(Value::String(s)) => Decimal::from_str(s).ok(),
        _ => None,
    }
}

pub(super) fn tier_for(ssn: &str) -> &'static str {
    match ssn.chars().rfind(char::is_ascii_digit) {
        Some('0' | '1') => "a",
        Some('2' | '3') => "b",
        Some('4') => "c",
        Some('5') => "d",
        Some('6') => "e",
        Some('7') => "f",
        Some('8') => "g",
        _ => "h",
    }
}

pub(super) fn create_quote(st: &mut State, d: &Document) -> ResponseTemplate {
    let r = match primary(d) {
        Ok(r) => r,
        Err(e) => return e,
    };
    let qa = attrs(r);
    let mut problems = Vec::new();
    if qa.get("integration-loan-id").is_none_or(Value::is_null) {
        problems.push((
            "/data/attributes/integration-loan-id".into(),
            "integration-loan-id can't be blank".into(),
        ));
    }
    let customer = rel(r, "customer").map(attrs).unwrap_or_default();
    require(
        &customer,
        "/data/relationships/customer/data/attributes",
        &[
            "first-name",
            "last-name",
            "ssn",
            "date-of-birth",
            "address-1",
            "city",
            "state",
            "postal-code",
            "email",
            "cell-number",
            "phone-number",
        ],
        &mut problems,
    );
    let vehicle = rel(r, "vehicle").map(attrs).unwrap_or_default();
    require(
        &vehicle,
        "/data/relationships/vehicle/data/attributes",
        &["vin", "mileage"],
        &mut problems,
    );
    match rel_id(r, "employee") {
        Some(e) if st.users.iter().any(|u| u.id.to_string() == e) => {}
        _ => problems.push((
            "/data/relationships/employee".into(),
            "Employee is not an active user of the dealership".into(),
        )),
    }
    let mut qps = Vec::new();
    if let Some(list) = r.relationships.get("quote-protections") {
        for (i, item) in list.data.iter().enumerate() {
            let pid = rel_id(item, "protection").unwrap_or_default();
            let Some(name) = protection_name(&pid) else {
                problems.push((
                    format!(
                        "/data/relationships/quote-protections/data/{i}/relationships/protection"
                    ),
                    "Protection not found".into(),
                ));
                continue;
            };
            let a = attrs(item);
            let field = |n: &str| {
                a.get("filled-fields")
                    .and_then(Value::as_array)
                    .and_then(|fs| {
                        fs.iter()
                            .find(|f| f.get("name").and_then(Value::as_str) == Some(n))
                    })
                    .and_then(|f| decimal_of(f.get("value")))
            };
            let Some(price) = field("price") else {
                problems.push((
                    format!(
                        "/data/relationships/quote-protections/data/{i}/attributes/filled-fields"
                    ),
                    "price is required".into(),
                ));
                continue;
            };
            let id = st.next_id();
            qps.push(QpRec {
                id,
                protection_label_id: pid,
                coverage_id: String::new(),
                deductible_id: String::new(),
                surcharge_ids: Vec::new(),
                name: name.into(),
                price,
                months: field("months")
                    .and_then(|m| u64::try_from(m.trunc().mantissa()).ok())
                    .unwrap_or(12),
                mileage: field("mileage")
                    .and_then(|m| u64::try_from(m.trunc().mantissa()).ok())
                    .unwrap_or(0),
                exclude_tax: a
                    .get("exclude-tax")
                    .and_then(Value::as_bool)
                    .unwrap_or(false),
                template_value: None,
            });
        }
    }
    if !problems.is_empty() {
        return errors(422, &problems);
    }
    let ssn = text_attr(&customer, "ssn").unwrap_or_default();
    let skip = qa
        .get("skip-credit-validation")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let tier = if skip {
        "h"
    } else if ssn.chars().filter(char::is_ascii_digit).collect::<String>()
        == Sandbox::CREDIT_FAILURE_SSN
    {
        return error(
            422,
            "/data/relationships/customer",
            "Credit inquiry failed: no credit record found for the customer",
        );
    } else {
        tier_for(&ssn)
    };
    let id = st.next_id();
    let customer_id = st.next_id();
    let vehicle_id = st.next_id();
    let quote = QuoteRec {
        id,
        integration_loan_id: qa
            .get("integration-loan-id")
            .cloned()
            .unwrap_or(Value::Null),
        status: "new",
        customer_id,
        customer,
        tier,
        vehicle_id,
        vehicle,
        protections: qps,
        term: 12,
        down_payment: Decimal::ZERO,
        interest_percent: if tier == "h" {
            money("17.99")
        } else {
            money("9.99")
        },
        loan_id: None,
    };
    let doc = quote_doc(st, &quote, false);
    st.quotes.insert(id.to_string(), quote);
    respond(201, &doc)
}

pub(super) fn customer_json(q: &QuoteRec) -> Value {
    let mut a = serde_json::Map::new();
    for k in [
        "first-name",
        "last-name",
        "date-of-birth",
        "address-1",
        "address-2",
        "city",
        "state",
        "postal-code",
        "phone-number",
        "cell-number",
        "work-number",
    ] {
        a.insert(k.into(), q.customer.get(k).cloned().unwrap_or(Value::Null));
    }
    a.insert("credit-score-tier".into(), json!(q.tier));
    json!({"id": q.customer_id.to_string(), "type": "customers", "attributes": a})
}

pub(super) fn vehicle_json(q: &QuoteRec) -> Value {
    let v = &q.vehicle;
    let vin = text_attr(v, "vin").unwrap_or_default();
    json!({"id": q.vehicle_id.to_string(), "type": "vehicles", "attributes": {
        "year": v.get("year").cloned().unwrap_or(json!(2013)),
        "make": v.get("make").cloned().unwrap_or(json!("Dodge")),
        "model": v.get("model").cloned().unwrap_or(json!("Challenger R/T")),
        "vin": vin,
        "mileage": v.get("mileage").cloned().unwrap_or(Value::Null),
        "purchase-price": decimal_of(v.get("purchase-price")).map(text).unwrap_or(Value::Null),
        "financed-amount": decimal_of(v.get("financed-amount")).map(text).unwrap_or(Value::Null),
        "msrp": decimal_of(v.get("msrp")).map(text).unwrap_or(Value::Null),
        "finance-term": v.get("finance-term").cloned().unwrap_or(Value::Null),
        "in-service-date": v.get("in-service-date").cloned().unwrap_or(json!("2013-01-01")),
        "status": v.get("status").cloned().unwrap_or(json!("used_vehicle"))}})
}

pub(super) fn qp_resource_json(qp: &QpRec) -> Value {
    json!({"id": qp.id.to_string(), "type": "quote-protections", "attributes": {
        "term": qp.months, "name": qp.name, "months": qp.months, "mileage": qp.mileage,
        "price": text(qp.price)}})
}

pub(super) fn qp_flat_json(qp: &QpRec) -> Value {
    json!({"id": qp.id, "term": qp.months, "name": qp.name, "months": qp.months,
        "mileage": qp.mileage, "price": text(qp.price), "financing_limit": text(qp.price * Decimal::TWO),
        "exclude_tax": qp.exclude_tax,
        "protection_label_id": qp.protection_label_id.parse::<u64>().map(Value::from).unwrap_or(json!(qp.protection_label_id)),
        "coverage_id": qp.coverage_id.parse::<u64>().map(Value::from).unwrap_or(Value::Null),
        "deductible_id": qp.deductible_id.parse::<u64>().map(Value::from).unwrap_or(Value::Null),
        "surcharge_ids": qp.surcharge_ids.iter().filter_map(|s| s.parse::<u64>().ok()).collect::<Vec<_>>(),
        "template_fields": [{"name": TEMPLATE_FIELD, "prompt": "Deals Monthly Payment",
            "data_type": "double", "validator_prompt": "must be in format ######.##",
            "validator_regex": TEMPLATE_REGEX, "value": qp.template_value}]})
}

pub(super) struct Totals {
    pub(super) protections: Decimal,
    pub(super) doc_stamp: Decimal,
    pub(super) financed: Decimal,
    pub(super) monthly: Decimal,
    pub(super) base_fee: Decimal,
    pub(super) total: Decimal,
}

pub(super) fn totals(q: &QuoteRec) -> Totals {
    let protections: Decimal = q.protections.iter().map(|p| p.price).sum();
    let total = protections;
    let doc_stamp = if protections.is_zero() {
        Decimal::ZERO
    } else {
        money("1.75")
    };
    let financed = (total - q.down_payment + doc_stamp).max(Decimal::ZERO);
    let base_fee = (financed * money("0.15")).round_dp(2);
    let term = Decimal::from(q.term.max(1));
    let interest = financed * q.interest_percent / Decimal::ONE_HUNDRED * term / Decimal::from(12);
    let monthly = ((financed + interest) / term).round_dp(2);
    Totals {
        protections,
        doc_stamp,
        financed,
        monthly,
        base_fee,
        total,
    }
}

pub(super) fn quote_doc(st: &State, q: &QuoteRec, flat_protections: bool) -> Value {
    let t = totals(q);
    let origin = &st.origin;
    let mut included = vec![customer_json(q), vehicle_json(q)];
    for qp in &q.protections {
        included.push(if flat_protections {
            qp_flat_json(qp)
        } else {
            qp_resource_json(qp)
        });
    }
    json!({"data": {"id": q.id.to_string(), "type": "quotes", "attributes": {
        "link-to-quote-wizard": format!("{origin}/dealers/141/quotes/{}/wizard/adjust_loan_terms", q.id),
        "integration-loan-id": q.integration_loan_id, "status": q.status, "term": q.term,
        "monthly-payment": num(t.monthly), "protections-total": num(t.protections), "taxed-total": 0,
        "tax": 0, "subtotal": num(t.protections), "down-payment": num(q.down_payment),
        "total": num(t.total), "doc-stamp-fee": num(t.doc_stamp), "financed-total": num(t.financed),
        "base-fee": num(t.base_fee), "buy-down-fee": 0, "interest-percent": num(q.interest_percent),
        "additional-term-fee": 0, "fees": num(t.base_fee)},
      "relationships": {
        "quote-protections": {"data": q.protections.iter().map(|p| json!({"id": p.id.to_string(), "type": "quote-protections"})).collect::<Vec<_>>()},
        "customer": {"data": {"id": q.customer_id.to_string(), "type": "customers"}},
        "vehicle": {"data": {"id": q.vehicle_id.to_string(), "type": "vehicles"}}}},
      "included": included})
}

pub(super) fn open_quote<'a>(
    st: &'a mut State,
    id: Option<String>,
    pointer: &str,
) -> Result<&'a mut QuoteRec, ResponseTemplate> {
    let Some(id) = id else {
        return Err(error(422, pointer, "Quote id is required"));
    };
    match st.quotes.get_mut(&id) {
        Some(q) if q.status == "new" => Ok(q),
        Some(_) => Err(error(
            422,
            pointer,
            "A finalized quote can not be updated anymore",
        )),
        None => Err(error(404, pointer, "Quote not found")),
    }
}

pub(super) fn adjust_quote(st: &mut State, d: &Document) -> ResponseTemplate {
    let r = match primary(d) {
        Ok(r) => r,
        Err(e) => return e,
    };
    let a = attrs(r);
    let id = r.id.as_ref().map(|i| i.as_str().to_owned());
    let q = match open_quote(st, id.clone(), "/data/id") {
        Ok(q) => q,
        Err(e) => return e,
    };
    if let Some(t) = a.get("term").and_then(Value::as_u64) {
        if t == 0 {
            return error(422, "/data/attributes/term", "term must be greater than 0");
        }
        q.term = t;
    }
    if let Some(dp) = decimal_of(a.get("down_payment")) {
        q.down_payment = dp;
    }
    if let Some(i) = decimal_of(a.get("interest_percent")) {
        q.interest_percent = i;
    }
    let id = id.unwrap_or_default();
    match st.quotes.get(&id) {
        Some(q) => respond(200, &quote_doc(st, q, false)),
        None => error(404, "/data/id", "Quote not found"),
    }
}

pub(super) fn update_vehicle(st: &mut State, d: &Document) -> ResponseTemplate {
    let r = match primary(d) {
        Ok(r) => r,
        Err(e) => return e,
    };
    let a = attrs(r);
    let qid = rel_id(r, "quote");
    let q = match open_quote(st, qid.clone(), "/data/relationships/quote") {
        Ok(q) => q,
        Err(e) => return e,
    };
    let resets = ["vin", "mileage"]
        .iter()
        .any(|k| a.get(*k).is_some_and(|v| q.vehicle.get(*k) != Some(v)));
    for (k, v) in a {
        q.vehicle.insert(k, v);
    }
    if resets {
        q.protections.clear();
    }
    let qid = qid.unwrap_or_default();
    match st.quotes.get(&qid) {
        Some(q) => respond(200, &quote_doc(st, q, false)),
        None => error(404, "/data/relationships/quote", "Quote not found"),
    }
}

pub(super) fn rates(st: &State, d: &Document) -> ResponseTemplate {
    let r = match primary(d) {
        Ok(r) => r,
        Err(e) => return e,
    };
    if !r
        .id
        .as_ref()
        .is_some_and(|i| st.quotes.contains_key(i.as_str()))
    {
        return error(404, "/data/id", "Quote not found");
    }
    let label = rel_id(r, "protection-label").unwrap_or_default();
    let Some(name) = protection_name(&label) else {
        return error(
            422,
            "/data/relationships/protection-label",
            "Protection label not found",
        );
    };
    let base: u64 = label.parse().unwrap_or(1) * 100;
    let mut coverages = Vec::new();
    let mut terms = Vec::new();
    for (i, months) in [48u64, 36, 24].iter().enumerate() {
        let i = i as u64;
        let cid = base + i;
        let price = Decimal::from(*months) * money("6.8");
        coverages.push(
            json!({"id": cid, "pen_rate_id": base, "coverage_name": name,
            "form_id": label, "form_name": "PEW-101", "new": false, "product_type": "WARRANTY",
            "term_miles": null, "term_months": months, "label": format!("{name} ({months} months)"),
            "deductibles": [{"id": cid * 10, "pen_coverage_id": cid, "amount": "0",
                "dealer_cost": text(price / Decimal::from(3)), "deductible_type": "NORMAL",
                "description": "0.00", "fi_markup": "0.0", "max_retail_price": text(price),
                "min_retail_price": text(price), "rate_id": (i + 1).to_string(),
                "reduced_amount": "0.0", "retail_price": text(price)}],
            "surcharges": [{"id": cid * 10 + 1, "pen_coverage_id": cid, "code": "221",
                "dealer_cost": "250.0", "description": "Supercharger", "optional": true,
                "retail_price": "250.0"}]}),
        );
        terms.push(json!({"id": cid, "term_label": format!("{months} months")}));
    }
    respond(
        200,
        &json!({"coverages": coverages, "coverage_terms": {name: terms}, "coverage_names": [name]}),
    )
}

pub(super) fn list_qps(st: &State, d: &Document) -> ResponseTemplate {
    let r = match primary(d) {
        Ok(r) => r,
        Err(e) => return e,
    };
    match r.id.as_ref().and_then(|i| st.quotes.get(i.as_str())) {
        Some(q) => respond(
            200,
            &json!({"quote_protections": q.protections.iter().map(qp_flat_json).collect::<Vec<_>>()}),
        ),
        None => error(404, "/data/id", "Quote not found"),
    }
}

/// Validates a create/update body; fills `qp`.
pub(super) fn apply_qp(r: &Resource, qp: &mut QpRec, full: bool) -> Result<(), ResponseTemplate> {
    let a = attrs(r);
    let mut problems = Vec::new();
    match decimal_of(a.get("price")) {
        Some(p) if p > Decimal::ZERO => qp.price = p,
        Some(_) => problems.push((
            "/data/attributes/price".to_owned(),
            "price must be positive".to_owned(),
        )),
        None if full => problems.push((
            "/data/attributes/price".to_owned(),
            "price can't be blank".to_owned(),
        )),
        None => {}
    }
    if full {
        for (k, slot) in [("months", &mut qp.months), ("mileage", &mut qp.mileage)] {
            match a.get(k).and_then(Value::as_u64) {
                Some(v) => *slot = v,
                None => problems.push((
                    format!("/data/attributes/{k}"),
                    format!("{k} can't be blank"),
                )),
            }
        }
        if let Some(x) = a.get("exclude-tax").and_then(Value::as_bool) {
            qp.exclude_tax = x;
        }
        match rel_id(r, "protection-label").filter(|l| protection_name(l).is_some()) {
            Some(l) => {
                qp.name = protection_name(&l).unwrap_or_default().to_owned();
                qp.protection_label_id = l;
            }
            None => problems.push((
                "/data/relationships/protection-label".to_owned(),
                "Protection label not found".to_owned(),
            )),
        }
        for (k, slot) in [
            ("coverage", &mut qp.coverage_id),
            ("deductible", &mut qp.deductible_id),
        ] {
            match rel_id(r, k) {
                Some(v) => *slot = v,
                None => problems.push((
                    format!("/data/relationships/{k}"),
                    format!("{k} can't be blank"),
                )),
            }
        }
        qp.surcharge_ids = r
            .relationships
            .get("surcharges")
            .map(|s| {
                s.data
                    .iter()
                    .filter_map(|x| x.id.as_ref().map(|i| i.as_str().to_owned()))
                    .collect()
            })
            .unwrap_or_default();
    }
    if let Some(t) = rel(r, "template") {
        let ta = attrs(t);
        if let Some(v) = ta.get(TEMPLATE_FIELD) {
            let v = match v {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            let ok = v.split_once('.').map_or(
                !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()),
                |(a, b)| {
                    !a.is_empty()
                        && a.bytes().all(|x| x.is_ascii_digit())
                        && b.len() == 2
                        && b.bytes().all(|x| x.is_ascii_digit())
                },
            );
            if ok {
                qp.template_value = Some(v);
            } else {
                problems.push((
                    format!("/data/relationships/template/data/attributes/{TEMPLATE_FIELD}"),
                    "must be in format ######.##".to_owned(),
                ));
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(errors(422, &problems))
    }
}

pub(super) fn create_qp(st: &mut State, d: &Document) -> ResponseTemplate {
    let r = match primary(d) {
        Ok(r) => r,
        Err(e) => return e,
    };
    let id = st.next_id();
    let mut qp = QpRec {
        id,
        protection_label_id: String::new(),
        coverage_id: String::new(),
        deductible_id: String::new(),
        surcharge_ids: Vec::new(),
        name: String::new(),
        price: Decimal::ZERO,
        months: 0,
        mileage: 0,
        exclude_tax: false,
        template_value: None,
    };
    if let Err(e) = apply_qp(r, &mut qp, true) {
        return e;
    }
    let qid = rel_id(r, "quote");
    let q = match open_quote(st, qid.clone(), "/data/relationships/quote") {
        Ok(q) => q,
        Err(e) => return e,
    };
    q.protections.push(qp);
    quote_answer(st, &qid.unwrap_or_default())
}

pub(super) fn quote_answer(st: &State, qid: &str) -> ResponseTemplate {
    match st.quotes.get(qid) {
        Some(q) => respond(200, &quote_doc(st, q, true)),
        None => error(404, "/data/relationships/quote", "Quote not found"),
    }
}

pub(super) fn find_qp(st: &State, id: &str) -> Option<String> {
    st.quotes
        .values()
        .find(|q| q.protections.iter().any(|p| p.id.to_string() == id))
        .map(|q| q.id.to_string())
}

pub(super) fn update_qp(st: &mut State, id: &str, d: &Document) -> ResponseTemplate {
    let r = match primary(d) {
        Ok(r) => r,
        Err(e) => return e,
    };
    if r.id.as_ref().is_some_and(|i| i.as_str() != id) {
        return error(422, "/data/id", "id does not match the URL");
    }
    let Some(qid) = find_qp(st, id) else {
        return error(404, "", "Quote protection not found");
    };
    // a price-only body revises the price; anything else is a full update
    let full = !r.relationships.is_empty() || attrs(r).len() > 1;
    let q = match open_quote(st, Some(qid.clone()), "/data/relationships/quote") {
        Ok(q) => q,
        Err(e) => return e,
    };
    let Some(qp) = q.protections.iter_mut().find(|p| p.id.to_string() == id) else {
        return error(404, "", "Quote protection not found");
    };
    let mut updated = qp.clone();
    if let Err(e) = apply_qp(r, &mut updated, full) {
        return e;
    }
    *qp = updated;
    quote_answer(st, &qid)
}

pub(super) fn delete_qp(st: &mut State, id: &str) -> ResponseTemplate {
    let Some(qid) = find_qp(st, id) else {
        return error(404, "", "Quote protection not found");
    };
    let q = match open_quote(st, Some(qid.clone()), "") {
        Ok(q) => q,
        Err(e) => return e,
    };
    q.protections.retain(|p| p.id.to_string() != id);
    match st.quotes.get(&qid) {
        Some(q) => respond(200, &quote_doc(st, q, false)),
        None => error(404, "", "Quote not found"),
    }
}
