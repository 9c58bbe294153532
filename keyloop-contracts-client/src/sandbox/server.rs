//! Serving the sandbox on a socket the caller chose, as the `dealer-sandbox`
//! server does: same routes, credentials checks and error formats as
//! [`Sandbox::start`], plus a health endpoint at [`HEALTH_PATH`].

use std::net::TcpListener;

use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::Sandbox;

/// `GET` here answers `200 {"status":"ok","vendor":"keyloop"}` on a sandbox
/// started with [`Sandbox::start_on`], for readiness waits. No vendor path
/// starts with `/__sandbox`, so it never shadows one.
pub const HEALTH_PATH: &str = "/__sandbox/health";

/// The vendor name the health endpoint reports.
pub const VENDOR: &str = "keyloop";

/// A server on `listener`, without request recording (a long-running server
/// would otherwise keep every request in memory), with the health endpoint.
async fn server_on(listener: TcpListener) -> MockServer {
    let server = MockServer::builder()
        .listener(listener)
        .disable_request_recording()
        .start()
        .await;
    Mock::given(method("GET"))
        .and(path(HEALTH_PATH))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(serde_json::json!({ "status": "ok", "vendor": VENDOR })),
        )
        .with_priority(1)
        .named("sandbox health")
        .mount(&server)
        .await;
    server
}

impl Sandbox {
    /// Starts the sandbox on `listener` (for example a fixed port the caller
    /// bound on 127.0.0.1), behaving as [`Sandbox::start`] does, plus `GET`
    /// [`HEALTH_PATH`]. Requests are not recorded.
    pub async fn start_on(listener: TcpListener) -> Sandbox {
        Self::start_with(server_on(listener).await, Self::TOKEN_LIFETIME).await
    }
}
