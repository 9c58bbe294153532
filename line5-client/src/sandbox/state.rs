//! The sandbox's records and state: users, quotes, quote protections, loans, notes.

use super::*;

#[derive(Clone)]
pub(super) struct UserRec {
    pub(super) id: u64,
    pub(super) user_id: u64,
    pub(super) email: String,
    pub(super) first_name: String,
    pub(super) last_name: String,
}

#[derive(Clone)]
pub(super) struct QpRec {
    pub(super) id: u64,
    pub(super) protection_label_id: String,
    pub(super) coverage_id: String,
    pub(super) deductible_id: String,
    pub(super) surcharge_ids: Vec<String>,
    pub(super) name: String,
    pub(super) price: Decimal,
    pub(super) months: u64,
    pub(super) mileage: u64,
    pub(super) exclude_tax: bool,
    pub(super) template_value: Option<String>,
}

pub(super) struct QuoteRec {
    pub(super) id: u64,
    pub(super) integration_loan_id: Value,
    pub(super) status: &'static str,
    pub(super) customer_id: u64,
    pub(super) customer: serde_json::Map<String, Value>,
    pub(super) tier: &'static str,
    pub(super) vehicle_id: u64,
    pub(super) vehicle: serde_json::Map<String, Value>,
    pub(super) protections: Vec<QpRec>,
    pub(super) term: u64,
    pub(super) down_payment: Decimal,
    pub(super) interest_percent: Decimal,
    pub(super) loan_id: Option<u64>,
}

pub(super) struct NoteRec {
    pub(super) id: u64,
    pub(super) body: String,
}

pub(super) struct LoanRec {
    pub(super) id: u64,
    pub(super) quote_id: u64,
    pub(super) status: LoanStatus,
    pub(super) signing_state: SigningState,
    pub(super) first_payment_date: String,
    pub(super) package_id: u64,
    pub(super) notes: Vec<NoteRec>,
}

pub(super) struct State {
    pub(super) origin: String,
    pub(super) next: u64,
    pub(super) users: Vec<UserRec>,
    pub(super) quotes: BTreeMap<String, QuoteRec>,
    pub(super) loans: BTreeMap<String, LoanRec>,
}

pub(super) const PROTECTIONS: &[(&str, &str, &str, &str, &[&str])] = &[
    (
        "3989",
        "Line/5",
        "Total Tyre Protection",
        "T-12345",
        &["months", "cost", "price"],
    ),
    (
        "3923",
        "Super Provider",
        "The Awesome Protection",
        "JA7889",
        &["mileage", "months", "cost", "price"],
    ),
    (
        "3924",
        "Lame Provider",
        "The Lame Protection",
        "JYY7889",
        &["cost", "price"],
    ),
];

pub(super) const TEMPLATE_FIELD: &str = "deal_monthlypayment";
pub(super) const TEMPLATE_REGEX: &str = r"^\d+(\.(\d{2}))?$";

pub(super) fn money(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap_or_default()
}

/// A JSON number for a decimal (the sandbox's values have two decimals).
pub(super) fn num(d: Decimal) -> Value {
    serde_json::from_str(&d.normalize().to_string()).unwrap_or(Value::Null)
}

pub(super) fn text(d: Decimal) -> Value {
    Value::String(d.round_dp(2).to_string())
}

impl State {
    pub(super) fn seeded(origin: String) -> State {
        State {
            origin,
            next: 20_000,
            users: vec![
                UserRec {
                    id: 3989,
                    user_id: 1,
                    email: "john@example.com".into(),
                    first_name: "John".into(),
                    last_name: "Snow".into(),
                },
                UserRec {
                    id: 3988,
                    user_id: 2,
                    email: "klaus@example.com".into(),
                    first_name: "Klaus".into(),
                    last_name: "Heinrich".into(),
                },
            ],
            quotes: BTreeMap::new(),
            loans: BTreeMap::new(),
        }
    }

    pub(super) fn next_id(&mut self) -> u64 {
        self.next = self.next.saturating_add(1);
        self.next
    }
}
