//! Serving the sandbox on a socket the caller chose, as the `dealer-sandbox`
//! server does: same routes, credentials checks and error formats as
//! [`Sandbox::start`], plus a health endpoint at [`HEALTH_PATH`].

use std::net::TcpListener;

use wiremock::MockServer;

use super::Sandbox;

/// `GET` here answers `200 {"status":"ok","vendor":"line5"}` on a sandbox
/// started with [`Sandbox::start_on`], for readiness waits. No vendor path
/// starts with `/__sandbox`, so it never shadows one.
pub const HEALTH_PATH: &str = forecourt_core::testing::SANDBOX_HEALTH_PATH;

/// The vendor name the health endpoint reports.
pub const VENDOR: &str = "line5";

/// A server on `listener`, without request recording, with the health
/// endpoint (shared by every sandbox: see the core's `sandbox_server_on`).
async fn server_on(listener: TcpListener) -> MockServer {
    forecourt_core::testing::sandbox_server_on(listener, VENDOR).await
}

impl Sandbox {
    /// Starts the sandbox on `listener` (for example a fixed port the caller
    /// bound on 127.0.0.1), behaving as [`Sandbox::start`] does, plus `GET`
    /// [`HEALTH_PATH`]. Requests are not recorded. Shorthand for
    /// `Sandbox::builder().start_on(listener)`.
    pub async fn start_on(listener: TcpListener) -> Sandbox {
        Self::builder().start_on(listener).await
    }
}

impl super::SandboxBuilder {
    /// Starts the sandbox on `listener`, as [`Sandbox::start_on`] does.
    pub async fn start_on(self, listener: TcpListener) -> Sandbox {
        Sandbox::start_seeded(server_on(listener).await).await
    }
}

use serde_json::{Map, Value, json};

use super::{LoanRec, NoteRec, QpRec, QuoteRec, UserRec};
use crate::{LoanStatus, SigningState};

const STATUSES: &[&str] = &["new", "finalized"];
const TIERS: &[&str] = &["a", "b", "c", "d", "e", "f", "g", "h"];

impl Sandbox {
    /// Users, quotes (with their protections) and loans (with notes) and
    /// the id counter as JSON, for [`restore`](Self::restore) in a later
    /// process. Money is kept as decimal text.
    pub fn snapshot(&self) -> Value {
        let st = self.lock();
        let users: Vec<Value> = st
            .users
            .iter()
            .map(|u| {
                json!({"id": u.id, "user_id": u.user_id, "email": u.email,
                       "first_name": u.first_name, "last_name": u.last_name})
            })
            .collect();
        let quotes: Vec<Value> = st
            .quotes
            .values()
            .map(|q| {
                let protections: Vec<Value> = q
                    .protections
                    .iter()
                    .map(|p| {
                        json!({"id": p.id, "protection_label_id": p.protection_label_id,
                               "coverage_id": p.coverage_id, "deductible_id": p.deductible_id,
                               "surcharge_ids": p.surcharge_ids, "name": p.name,
                               "price": p.price.to_string(), "months": p.months,
                               "mileage": p.mileage, "exclude_tax": p.exclude_tax,
                               "template_value": p.template_value})
                    })
                    .collect();
                json!({"id": q.id, "integration_loan_id": q.integration_loan_id,
                       "status": q.status, "customer_id": q.customer_id,
                       "customer": q.customer, "tier": q.tier, "vehicle_id": q.vehicle_id,
                       "vehicle": q.vehicle, "protections": protections, "term": q.term,
                       "down_payment": q.down_payment.to_string(),
                       "interest_percent": q.interest_percent.to_string(),
                       "loan_id": q.loan_id})
            })
            .collect();
        let loans: Vec<Value> = st
            .loans
            .values()
            .map(|l| {
                let notes: Vec<Value> = l
                    .notes
                    .iter()
                    .map(|n| json!({"id": n.id, "body": n.body}))
                    .collect();
                json!({"id": l.id, "quote_id": l.quote_id, "status": l.status.as_str(),
                       "signing_state": l.signing_state.as_str(),
                       "first_payment_date": l.first_payment_date,
                       "package_id": l.package_id, "notes": notes})
            })
            .collect();
        json!({"next": st.next, "users": users, "quotes": quotes, "loans": loans})
    }

    /// Replaces the users, quotes and loans with a
    /// [`snapshot`](Self::snapshot)'s. On an error nothing changes; the
    /// message names the part, never a value.
    pub fn restore(&self, snapshot: &Value) -> Result<(), String> {
        let top = Fields::new(snapshot, "snapshot")?;
        let next = top.u64("next")?;
        let users = top
            .list("users")?
            .iter()
            .enumerate()
            .map(|(i, u)| {
                let f = Fields::new(u, &format!("users[{i}]"))?;
                Ok(UserRec {
                    id: f.u64("id")?,
                    user_id: f.u64("user_id")?,
                    email: f.text("email")?,
                    first_name: f.text("first_name")?,
                    last_name: f.text("last_name")?,
                })
            })
            .collect::<Result<Vec<_>, String>>()?;
        let mut quotes = std::collections::BTreeMap::new();
        for (i, q) in top.list("quotes")?.iter().enumerate() {
            let f = Fields::new(q, &format!("quotes[{i}]"))?;
            let protections = f
                .list("protections")?
                .iter()
                .enumerate()
                .map(|(j, p)| {
                    let g = Fields::new(p, &format!("quotes[{i}].protections[{j}]"))?;
                    Ok(QpRec {
                        id: g.u64("id")?,
                        protection_label_id: g.text("protection_label_id")?,
                        coverage_id: g.text("coverage_id")?,
                        deductible_id: g.text("deductible_id")?,
                        surcharge_ids: g
                            .list("surcharge_ids")?
                            .iter()
                            .map(|s| s.as_str().map(str::to_owned))
                            .collect::<Option<Vec<_>>>()
                            .ok_or(g.bad("surcharge_ids"))?,
                        name: g.text("name")?,
                        price: g.decimal("price")?,
                        months: g.u64("months")?,
                        mileage: g.u64("mileage")?,
                        exclude_tax: g
                            .get("exclude_tax")?
                            .as_bool()
                            .ok_or(g.bad("exclude_tax"))?,
                        template_value: g.optional_text("template_value")?,
                    })
                })
                .collect::<Result<Vec<_>, String>>()?;
            let quote = QuoteRec {
                id: f.u64("id")?,
                integration_loan_id: f.get("integration_loan_id")?.clone(),
                status: f.one_of("status", STATUSES)?,
                customer_id: f.u64("customer_id")?,
                customer: f.object("customer")?,
                tier: f.one_of("tier", TIERS)?,
                vehicle_id: f.u64("vehicle_id")?,
                vehicle: f.object("vehicle")?,
                protections,
                term: f.u64("term")?,
                down_payment: f.decimal("down_payment")?,
                interest_percent: f.decimal("interest_percent")?,
                loan_id: match f.get("loan_id")? {
                    Value::Null => None,
                    v => Some(v.as_u64().ok_or(f.bad("loan_id"))?),
                },
            };
            quotes.insert(quote.id.to_string(), quote);
        }
        let mut loans = std::collections::BTreeMap::new();
        for (i, l) in top.list("loans")?.iter().enumerate() {
            let f = Fields::new(l, &format!("loans[{i}]"))?;
            let notes = f
                .list("notes")?
                .iter()
                .enumerate()
                .map(|(j, n)| {
                    let g = Fields::new(n, &format!("loans[{i}].notes[{j}]"))?;
                    Ok(NoteRec {
                        id: g.u64("id")?,
                        body: g.text("body")?,
                    })
                })
                .collect::<Result<Vec<_>, String>>()?;
            let loan = LoanRec {
                id: f.u64("id")?,
                quote_id: f.u64("quote_id")?,
                status: LoanStatus::from(f.text("status")?.as_str()),
                signing_state: SigningState::from(f.text("signing_state")?.as_str()),
                first_payment_date: f.text("first_payment_date")?,
                package_id: f.u64("package_id")?,
                notes,
            };
            loans.insert(loan.id.to_string(), loan);
        }
        let mut st = self.lock();
        st.next = next;
        st.users = users;
        st.quotes = quotes;
        st.loans = loans;
        Ok(())
    }
}

/// Reads one object of a snapshot, naming the part (never the value) on error.
struct Fields<'a> {
    map: &'a Map<String, Value>,
    at: String,
}

impl<'a> Fields<'a> {
    fn new(value: &'a Value, at: &str) -> Result<Self, String> {
        value
            .as_object()
            .map(|map| Fields {
                map,
                at: at.to_owned(),
            })
            .ok_or(format!("{at} is not an object"))
    }

    fn bad(&self, key: &str) -> String {
        format!("{}.{key} is missing or of the wrong kind", self.at)
    }

    fn get(&self, key: &str) -> Result<&'a Value, String> {
        self.map.get(key).ok_or(self.bad(key))
    }

    fn u64(&self, key: &str) -> Result<u64, String> {
        self.get(key)?.as_u64().ok_or(self.bad(key))
    }

    fn text(&self, key: &str) -> Result<String, String> {
        self.get(key)?
            .as_str()
            .map(str::to_owned)
            .ok_or(self.bad(key))
    }

    fn optional_text(&self, key: &str) -> Result<Option<String>, String> {
        match self.map.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => v.as_str().map(|s| Some(s.to_owned())).ok_or(self.bad(key)),
        }
    }

    fn list(&self, key: &str) -> Result<&'a Vec<Value>, String> {
        self.get(key)?.as_array().ok_or(self.bad(key))
    }

    fn object(&self, key: &str) -> Result<Map<String, Value>, String> {
        self.get(key)?.as_object().cloned().ok_or(self.bad(key))
    }

    fn decimal(&self, key: &str) -> Result<rust_decimal::Decimal, String> {
        self.get(key)?
            .as_str()
            .and_then(|s| s.parse().ok())
            .ok_or(self.bad(key))
    }

    fn one_of(&self, key: &str, known: &[&'static str]) -> Result<&'static str, String> {
        let text = self.text(key)?;
        known
            .iter()
            .find(|k| **k == text)
            .copied()
            .ok_or(self.bad(key))
    }
}
