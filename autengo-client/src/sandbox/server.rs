//! Serving the sandbox on a socket the caller chose, as the `dealer-sandbox`
//! server does: same routes, credentials checks and error formats as
//! [`Sandbox::start`], plus a health endpoint at [`HEALTH_PATH`].

use std::net::TcpListener;

use wiremock::MockServer;

use super::{Sandbox, SandboxBuilder};

/// `GET` here answers `200 {"status":"ok","vendor":"autengo"}` on a sandbox
/// started with [`Sandbox::start_on`], for readiness waits. No vendor path
/// starts with `/__sandbox`, so it never shadows one.
pub const HEALTH_PATH: &str = forecourt_core::testing::SANDBOX_HEALTH_PATH;

/// The vendor name the health endpoint reports.
pub const VENDOR: &str = "autengo";

/// A server on `listener`, without request recording, with the health
/// endpoint (shared by every sandbox: see the core's `sandbox_server_on`).
async fn server_on(listener: TcpListener) -> MockServer {
    forecourt_core::testing::sandbox_server_on(listener, VENDOR).await
}

impl Sandbox {
    /// Starts the sandbox on `listener` (for example a fixed port the caller
    /// bound on 127.0.0.1), behaving as [`Sandbox::start`] does, plus `GET`
    /// [`HEALTH_PATH`]. Requests are not recorded. For other options, see
    /// [`SandboxBuilder::start_on`].
    pub async fn start_on(listener: TcpListener) -> Sandbox {
        Self::builder().start_on(listener).await
    }
}

impl SandboxBuilder {
    /// The seed of the generated data: vehicles (selling ids, makes, prices,
    /// ...) and the random part of issued tokens. The default, 0, gives the
    /// data the docs and tests describe; the same seed gives the same data.
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// Starts the sandbox on `listener`, as [`Sandbox::start_on`] does.
    pub async fn start_on(self, listener: TcpListener) -> Sandbox {
        self.start_with(server_on(listener).await).await
    }
}

impl super::State {
    /// Regenerates the vehicles from `seed` and makes tokens derive from it.
    pub(super) fn reseed(&mut self, seed: u64) {
        let count = self.cars.len();
        self.cars = (0..count)
            .map(|i| super::Car::generate_seeded(i, seed))
            .collect();
        self.seed = seed;
    }
}

impl Sandbox {
    /// The contacts and opportunities as JSON, for
    /// [`restore`](Self::restore) in a later process. (The vehicles are
    /// generated from the vehicle count, so they are not part of it; tokens
    /// are issued anew after a restart.)
    pub fn snapshot(&self) -> serde_json::Value {
        let st = self.state();
        let contacts: Vec<serde_json::Value> = st
            .contacts
            .iter()
            .map(|(id, fields)| serde_json::json!({ "id": id, "fields": fields }))
            .collect();
        let opportunities: Vec<serde_json::Value> = st
            .opportunities
            .iter()
            .map(|o| {
                serde_json::json!({
                    "opportunity_id": o.opportunity_id,
                    "selling_id": o.selling_id,
                    "customer_last_name": o.customer_last_name,
                })
            })
            .collect();
        serde_json::json!({
            "next_contact": st.next_contact,
            "contacts": contacts,
            "next_opportunity": st.next_opportunity,
            "opportunities": opportunities,
        })
    }

    /// Replaces the contacts and opportunities with a
    /// [`snapshot`](Self::snapshot)'s. On an error nothing changes; the
    /// message names the part, never a value.
    pub fn restore(&self, snapshot: &serde_json::Value) -> Result<(), String> {
        use serde_json::Value;
        let number = |key: &str| {
            snapshot
                .get(key)
                .and_then(Value::as_u64)
                .ok_or(format!("{key} is missing or not a whole number"))
        };
        let next_contact = number("next_contact")?;
        let next_opportunity = number("next_opportunity")?;
        let mut contacts = std::collections::BTreeMap::new();
        for (i, entry) in list(snapshot, "contacts")?.iter().enumerate() {
            let id = entry
                .get("id")
                .and_then(Value::as_u64)
                .ok_or(format!("contacts[{i}].id is missing or not a whole number"))?;
            let fields = entry
                .get("fields")
                .and_then(Value::as_object)
                .ok_or(format!("contacts[{i}].fields is missing or not an object"))?;
            contacts.insert(id, fields.clone());
        }
        let mut opportunities = Vec::new();
        for (i, entry) in list(snapshot, "opportunities")?.iter().enumerate() {
            let text = |key: &str| {
                entry
                    .get(key)
                    .and_then(Value::as_str)
                    .map(str::to_owned)
                    .ok_or(format!("opportunities[{i}].{key} is missing or not text"))
            };
            opportunities.push(super::SandboxOpportunity {
                opportunity_id: entry.get("opportunity_id").and_then(Value::as_u64).ok_or(
                    format!("opportunities[{i}].opportunity_id is missing or not a whole number"),
                )?,
                selling_id: text("selling_id")?,
                customer_last_name: text("customer_last_name")?,
            });
        }
        let mut st = self.state();
        st.next_contact = next_contact;
        st.contacts = contacts;
        st.next_opportunity = next_opportunity;
        st.opportunities = opportunities;
        Ok(())
    }
}

fn list<'a>(
    snapshot: &'a serde_json::Value,
    key: &str,
) -> Result<&'a Vec<serde_json::Value>, String> {
    snapshot
        .get(key)
        .and_then(serde_json::Value::as_array)
        .ok_or(format!("{key} is missing or not a list"))
}
