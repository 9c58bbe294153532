//! Serving the sandbox on a socket the caller chose, as the `dealer-sandbox`
//! server does: same routes, credentials checks and error formats as
//! [`Sandbox::start`], plus a health endpoint at [`HEALTH_PATH`].

use std::net::TcpListener;

use wiremock::MockServer;

use super::Sandbox;

/// `GET` here answers `200 {"status":"ok","vendor":"keyloop"}` on a sandbox
/// started with [`Sandbox::start_on`], for readiness waits. No vendor path
/// starts with `/__sandbox`, so it never shadows one.
pub const HEALTH_PATH: &str = forecourt_core::testing::SANDBOX_HEALTH_PATH;

/// The vendor name the health endpoint reports.
pub const VENDOR: &str = "keyloop";

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
    /// Starts the configured sandbox on `listener`, as
    /// [`Sandbox::start_on`] does.
    pub async fn start_on(self, listener: TcpListener) -> Sandbox {
        let sandbox =
            Sandbox::start_with_token_lifetime(server_on(listener).await, self.token_lifetime)
                .await;
        sandbox.seed_tokens(self.seed);
        sandbox
    }
}

impl Sandbox {
    /// Makes the random-looking part of the tokens issued from now on
    /// derive from `seed` (the default, 0, gives the tokens the tests know);
    /// the same seed gives the same tokens in the same order.
    pub fn seed_tokens(&self, seed: u64) {
        super::lock(&self.state).token_seed = seed;
    }

    /// The sandbox's contracts as JSON, for [`restore`](Self::restore) in a
    /// later process: every store's vehicles with their contracts verbatim,
    /// and the next contract number. Tokens are not kept (they are issued
    /// anew after a restart, as after a real token expiry).
    pub fn snapshot(&self) -> serde_json::Value {
        let st = super::lock(&self.state);
        let stores: Vec<serde_json::Value> = st
            .stores
            .iter()
            .map(|((enterprise, store), data)| {
                serde_json::json!({
                    "enterprise_id": enterprise,
                    "store_id": store,
                    "vehicles": data.vehicles,
                })
            })
            .collect();
        serde_json::json!({ "next_contract": st.next_contract, "stores": stores })
    }

    /// Replaces the contracts with a [`snapshot`](Self::snapshot)'s. On an
    /// error nothing changes; the message names the part, never a value.
    pub fn restore(&self, snapshot: &serde_json::Value) -> Result<(), String> {
        use serde_json::Value;
        let next_contract = snapshot
            .get("next_contract")
            .and_then(Value::as_u64)
            .ok_or("next_contract is missing or not a whole number")?;
        let mut stores = std::collections::BTreeMap::new();
        let list = snapshot
            .get("stores")
            .and_then(Value::as_array)
            .ok_or("stores is missing or not a list")?;
        for (i, entry) in list.iter().enumerate() {
            let text = |key: &str| {
                entry
                    .get(key)
                    .and_then(Value::as_str)
                    .map(str::to_owned)
                    .ok_or(format!("stores[{i}].{key} is missing or not text"))
            };
            let key = (text("enterprise_id")?, text("store_id")?);
            let mut data = super::StoreData::default();
            let vehicles = entry
                .get("vehicles")
                .and_then(Value::as_object)
                .ok_or(format!("stores[{i}].vehicles is missing or not an object"))?;
            for (vehicle, contracts) in vehicles {
                let contracts = contracts.as_array().ok_or(format!(
                    "stores[{i}].vehicles: a vehicle's contracts are not a list"
                ))?;
                let mut kept = Vec::with_capacity(contracts.len());
                for contract in contracts {
                    let fields = contract
                        .as_object()
                        .ok_or(format!("stores[{i}].vehicles: a contract is not an object"))?;
                    let mut stored = super::Stored::new();
                    for (name, value) in fields {
                        let raw = serde_json::value::to_raw_value(value).map_err(|_| {
                            format!("stores[{i}].vehicles: a contract field cannot be kept")
                        })?;
                        stored.insert(name.clone(), raw);
                    }
                    kept.push(stored);
                }
                data.vehicles.insert(vehicle.clone(), kept);
            }
            stores.insert(key, data);
        }
        let mut st = super::lock(&self.state);
        st.stores = stores;
        st.next_contract = next_contract;
        Ok(())
    }
}
