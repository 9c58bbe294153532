//! Serving the sandbox on a socket the caller chose, as the `dealer-sandbox`
//! server does: same routes, credentials checks and error formats as
//! [`Sandbox::start`], plus a health endpoint at [`HEALTH_PATH`].

use std::net::TcpListener;

use wiremock::MockServer;

use super::Sandbox;

/// `GET` here answers `200 {"status":"ok","vendor":"promotions"}` on a sandbox
/// started with [`Sandbox::start_on`], for readiness waits. No vendor path
/// starts with `/__sandbox`, so it never shadows one.
pub const HEALTH_PATH: &str = forecourt_core::testing::SANDBOX_HEALTH_PATH;

/// The vendor name the health endpoint reports.
pub const VENDOR: &str = "promotions";

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
        Sandbox::start_with(server_on(listener).await, self.encoding).await
    }
}

impl Sandbox {
    /// The promotions set on applications, as JSON, for
    /// [`restore`](Self::restore) in a later process. (The applications and
    /// the catalog are fixed, so they are not part of it.)
    pub fn snapshot(&self) -> serde_json::Value {
        let world = super::lock(&self.state);
        let mut selected: Vec<(&i64, &crate::SetPromotion)> = world.selected.iter().collect();
        selected.sort_by_key(|(id, _)| **id);
        let selected: Vec<serde_json::Value> = selected
            .into_iter()
            .map(|(id, promotion)| serde_json::json!({ "application_id": id, "promotion": promotion }))
            .collect();
        serde_json::json!({ "selected": selected })
    }

    /// Replaces the set promotions with a [`snapshot`](Self::snapshot)'s. On
    /// an error nothing changes; the message names the part, never a value.
    pub fn restore(&self, snapshot: &serde_json::Value) -> Result<(), String> {
        use serde_json::Value;
        let list = snapshot
            .get("selected")
            .and_then(Value::as_array)
            .ok_or("selected is missing or not a list")?;
        let mut selected = std::collections::HashMap::new();
        for (i, entry) in list.iter().enumerate() {
            let id = entry
                .get("application_id")
                .and_then(Value::as_i64)
                .ok_or(format!(
                    "selected[{i}].application_id is missing or not a whole number"
                ))?;
            let promotion: crate::SetPromotion = entry
                .get("promotion")
                .cloned()
                .and_then(|p| serde_json::from_value(p).ok())
                .ok_or(format!(
                    "selected[{i}].promotion is missing or not a promotion"
                ))?;
            selected.insert(id, promotion);
        }
        super::lock(&self.state).selected = selected;
        Ok(())
    }
}
