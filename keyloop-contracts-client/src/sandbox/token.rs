//! The OAuth token endpoint and the no-proxy catch-all.

use super::*;

pub(super) struct TokenEndpoint {
    pub(super) state: Arc<Mutex<State>>,
}

pub(super) fn oauth_error(status: u16, code: &str, message: &str) -> ResponseTemplate {
    json_response(status, &json!({"ErrorCode": code, "Error": message}))
}

impl Respond for TokenEndpoint {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let mut st = lock(&self.state);
        st.token_requests = st.token_requests.saturating_add(1);
        let is_form = header(request, "content-type")
            .is_some_and(|ct| ct.starts_with("application/x-www-form-urlencoded"));
        if !is_form {
            return oauth_error(
                400,
                "invalid_request",
                "Content-Type must be application/x-www-form-urlencoded",
            );
        }
        let query: Vec<(String, String)> = request.url.query_pairs().into_owned().collect();
        if query.iter().any(|(k, _)| k == "client_secret") {
            return oauth_error(
                400,
                "invalid_request",
                "client_secret must not be sent in the query",
            );
        }
        let Ok(form) = serde_urlencoded::from_bytes::<Vec<(String, String)>>(&request.body) else {
            return oauth_error(400, "invalid_request", "The form body could not be read");
        };
        let get = |name: &str| {
            form.iter()
                .chain(query.iter())
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.as_str())
        };
        if get("grant_type") != Some("client_credentials") {
            return oauth_error(400, "invalid_request", "Unsupported grant type");
        }
        if get("client_id") != Some(Sandbox::CLIENT_ID) {
            return oauth_error(401, "invalid_client", "ClientId is Invalid");
        }
        if get("client_secret") != Some(Sandbox::CLIENT_SECRET) {
            return oauth_error(401, "invalid_client", "Client credentials are invalid");
        }
        st.next_token = st.next_token.saturating_add(1);
        let token = format!(
            "sbx-token-{}-{:016x}",
            st.next_token,
            fastrand_like(st.next_token ^ st.token_seed)
        );
        let lifetime = st.token_lifetime;
        st.tokens.insert(token.clone(), Instant::now() + lifetime);
        let issued = jiff::Timestamp::now().as_millisecond();
        json_response(
            200,
            &json!({
                "refresh_token_expires_in": "0",
                "api_product_list": "[manage-vehicle-contracts-v2]",
                "organization_name": "keyloop",
                "developer.email": "sandbox@example.invalid",
                "token_type": "BearerToken",
                "issued_at": issued.to_string(),
                "client_id": Sandbox::CLIENT_ID,
                "access_token": token,
                "application_name": "sandbox-app",
                "scope": "",
                "expires_in": lifetime.as_secs().to_string(),
                "refresh_count": "0",
                "status": "approved"
            }),
        )
    }
}

/// A cheap, deterministic scrambler so tokens do not look sequential.
pub(super) fn fastrand_like(n: u64) -> u64 {
    let mut x = n.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    x ^= x >> 29;
    x.wrapping_mul(0xBF58_476D_1CE4_E5B9)
}

pub(super) struct NoProxy;

impl Respond for NoProxy {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        fault(
            404,
            &format!(
                "Unable to identify proxy for host: sandbox and url: {}",
                request.url.path()
            ),
            "messaging.adaptors.http.flow.ApplicationNotFound",
        )
    }
}
