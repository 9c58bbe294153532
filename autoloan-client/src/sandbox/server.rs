//! Serving the sandbox on a socket the caller chose, as the `dealer-sandbox`
//! server does: same routes, credentials checks and error formats as
//! [`Sandbox::start`], plus a health endpoint at [`HEALTH_PATH`].

use std::net::TcpListener;

use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::Sandbox;

/// `GET` here answers `200 {"status":"ok","vendor":"autoloan"}` on a sandbox
/// started with [`Sandbox::start_on`], for readiness waits. No vendor path
/// starts with `/__sandbox`, so it never shadows one.
pub const HEALTH_PATH: &str = forecourt_core::testing::SANDBOX_HEALTH_PATH;

/// The vendor name the health endpoint reports.
pub const VENDOR: &str = "autoloan";

/// A server on `listener`, without request recording, with the health
/// endpoint (shared by every sandbox: see the core's `sandbox_server_on`).
async fn server_on(listener: TcpListener) -> MockServer {
    forecourt_core::testing::sandbox_server_on(listener, VENDOR).await
}

impl Sandbox {
    /// Starts the Autoloan fake on `autoloan` and the Alfa fake on `alfa`
    /// (for example fixed ports the caller bound on 127.0.0.1), behaving as
    /// [`Sandbox::start`] does, plus `GET` [`HEALTH_PATH`] on both. Requests
    /// are not recorded.
    ///
    /// The Autoloan fake also answers `POST` [`DECIDE_PATH`]`{id}/decide`:
    /// it applies [`Sandbox::decide`] and answers `200` with the status
    /// webhook, or `404` in the vendor's error format for an unknown id, so
    /// a flow can reach Alfa over plain HTTP.
    ///
    /// Shorthand for `Sandbox::builder().start_on(autoloan, alfa)`.
    pub async fn start_on(autoloan: TcpListener, alfa: TcpListener) -> Sandbox {
        Self::builder().start_on(autoloan, alfa).await
    }
}

impl super::SandboxBuilder {
    /// Starts both fakes on the given sockets, as [`Sandbox::start_on`] does.
    pub async fn start_on(self, autoloan: TcpListener, alfa: TcpListener) -> Sandbox {
        let sandbox = Sandbox::start_fakes(server_on(autoloan).await, server_on(alfa).await).await;
        Mock::given(method("POST"))
            .and(wiremock::matchers::path_regex(
                r"^/__sandbox/applications/[^/]+/decide$",
            ))
            .respond_with(Decide {
                state: sandbox.state.clone(),
            })
            .with_priority(1)
            .named("sandbox decide")
            .mount(&sandbox.autoloan)
            .await;
        sandbox
    }
}

/// The prefix of the Autoloan fake's decision endpoint (see [`Sandbox::start_on`]).
pub const DECIDE_PATH: &str = "/__sandbox/applications/";

struct Decide {
    state: super::Shared,
}

impl wiremock::Respond for Decide {
    fn respond(&self, request: &wiremock::Request) -> ResponseTemplate {
        let id = request
            .url
            .path()
            .strip_prefix(DECIDE_PATH)
            .and_then(|rest| rest.strip_suffix("/decide"))
            .unwrap_or_default();
        match super::decide_in(&self.state, id) {
            Some(webhook) => ResponseTemplate::new(200).set_body_json(webhook),
            None => super::error(404, "not_found", "no such application", None),
        }
    }
}

impl Sandbox {
    /// The applications (with status and decision) and the Alfa contracts
    /// as JSON, for [`restore`](Self::restore) in a later process.
    pub fn snapshot(&self) -> serde_json::Value {
        let st = super::lock(&self.state);
        let applications: Vec<serde_json::Value> = st
            .order
            .iter()
            .filter_map(|id| {
                st.applications.get(id).map(|r| {
                    serde_json::json!({
                        "id": id,
                        "application": r.application,
                        "status": r.status,
                        "webhook": r.webhook,
                    })
                })
            })
            .collect();
        serde_json::json!({
            "next_application": st.next_application,
            "applications": applications,
            "contracts": st.contracts,
        })
    }

    /// Replaces the applications and contracts with a
    /// [`snapshot`](Self::snapshot)'s. On an error nothing changes; the
    /// message names the part, never a value.
    pub fn restore(&self, snapshot: &serde_json::Value) -> Result<(), String> {
        use serde_json::Value;
        let next_application = snapshot
            .get("next_application")
            .and_then(Value::as_u64)
            .and_then(|n| u32::try_from(n).ok())
            .ok_or("next_application is missing or not a whole number")?;
        let list = snapshot
            .get("applications")
            .and_then(Value::as_array)
            .ok_or("applications is missing or not a list")?;
        let mut applications = std::collections::HashMap::new();
        let mut order = Vec::with_capacity(list.len());
        for (i, entry) in list.iter().enumerate() {
            let field = |key: &str| entry.get(key).cloned().unwrap_or(Value::Null);
            let id = entry
                .get("id")
                .and_then(Value::as_str)
                .ok_or(format!("applications[{i}].id is missing or not text"))?
                .to_owned();
            let record = super::Record {
                application: serde_json::from_value(field("application"))
                    .map_err(|_| format!("applications[{i}].application is not an application"))?,
                status: serde_json::from_value(field("status"))
                    .map_err(|_| format!("applications[{i}].status is not a status"))?,
                webhook: serde_json::from_value(field("webhook"))
                    .map_err(|_| format!("applications[{i}].webhook is not a webhook or null"))?,
            };
            if applications.insert(id.clone(), record).is_none() {
                order.push(id);
            }
        }
        let contracts =
            serde_json::from_value(snapshot.get("contracts").cloned().unwrap_or(Value::Null))
                .map_err(|_| "contracts is missing or not a list of contracts".to_owned())?;
        let mut st = super::lock(&self.state);
        st.next_application = next_application;
        st.applications = applications;
        st.order = order;
        st.contracts = contracts;
        Ok(())
    }
}
