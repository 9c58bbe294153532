//! The client, its builder, and Keyloop's regions.

use std::fmt;
use std::sync::Arc;

use forecourt_core::http::{HeaderValue, StatusCode};
use forecourt_core::{
    Auth, DefaultErrorMapper, Error, ErrorDetail, ErrorMapper, Result, SecretString, TokenCache,
    TokenPlacement, Transport, TransportBuilder,
};

use crate::contracts::Contracts;
use crate::oauth::ClientCredentials;
use crate::paths;

/// The vendor name used in errors and traces.
pub const VENDOR_NAME: &str = "Keyloop";

const USER_AGENT: &str = concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"));

/// A Keyloop hosting region. Each has a production and a staging host.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Region {
    /// Europe: `https://api.eu.keyloop.io` (the default).
    #[default]
    Eu,
    /// Africa: `https://api.af.keyloop.io`.
    Af,
    /// Asia-Pacific: `https://api.ap.keyloop.io`.
    Ap,
}

impl Region {
    /// The region code in host names (`eu`, `af`, `ap`).
    pub fn as_str(self) -> &'static str {
        match self {
            Region::Eu => "eu",
            Region::Af => "af",
            Region::Ap => "ap",
        }
    }

    /// The production base URL (`https://api.eu.keyloop.io`).
    pub fn production_url(self) -> &'static str {
        match self {
            Region::Eu => "https://api.eu.keyloop.io",
            Region::Af => "https://api.af.keyloop.io",
            Region::Ap => "https://api.ap.keyloop.io",
        }
    }

    /// The staging base URL (`https://api.eu-stage.keyloop.io`).
    pub fn staging_url(self) -> &'static str {
        match self {
            Region::Eu => "https://api.eu-stage.keyloop.io",
            Region::Af => "https://api.af-stage.keyloop.io",
            Region::Ap => "https://api.ap-stage.keyloop.io",
        }
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Keyloop's error shapes: Apigee's OAuth errors `{"ErrorCode", "Error"}`,
/// then everything [`DefaultErrorMapper`] knows (gateway faults
/// `{"fault":{"faultstring"}}`, `{"message"}`, `{"code","message"}`, ...).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct KeyloopErrorMapper;

impl ErrorMapper for KeyloopErrorMapper {
    fn details(&self, status: StatusCode, body: &[u8]) -> Vec<ErrorDetail> {
        if let Ok(serde_json::Value::Object(root)) = serde_json::from_slice(body)
            && let Some(message) = root.get("Error").and_then(|v| v.as_str())
        {
            let mut d = ErrorDetail::message(message);
            if let Some(code) = root.get("ErrorCode").and_then(|v| v.as_str()) {
                d = d.with_code(code);
            }
            return vec![d];
        }
        DefaultErrorMapper.details(status, body)
    }
}

fn check_segment(field: &'static str, value: &str) -> Result<()> {
    let t = value.trim();
    if t.is_empty() || t == "." || t == ".." {
        return Err(Error::invalid_input(field, "must not be empty"));
    }
    Ok(())
}

pub(crate) fn header_value(field: &'static str, value: &str) -> Result<HeaderValue> {
    if value.trim().is_empty() {
        return Err(Error::invalid_input(field, "must not be empty"));
    }
    let mut v = HeaderValue::from_str(value)
        .map_err(|_| Error::invalid_input(field, "contains characters not allowed in a header"))?;
    // a user id: kept out of logs like a credential
    v.set_sensitive(true);
    Ok(v)
}

/// Builds a [`Client`]. Start with [`Client::builder`].
///
/// Required: [`client_id`](Self::client_id),
/// [`client_secret`](Self::client_secret),
/// [`enterprise_id`](Self::enterprise_id), [`store_id`](Self::store_id).
/// [`build`](Self::build) names the first missing one in
/// [`Error::InvalidInput`].
pub struct ClientBuilder {
    transport: TransportBuilder,
    client_id: Option<String>,
    client_secret: Option<SecretString>,
    enterprise_id: Option<String>,
    store_id: Option<String>,
    region: Region,
    staging: bool,
    on_behalf_of: Option<String>,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("transport", &self.transport)
            .field("client_id", &self.client_id.as_ref().map(|_| "[set]"))
            .field(
                "client_secret",
                &self.client_secret.as_ref().map(|_| "[REDACTED]"),
            )
            .field("enterprise_id", &self.enterprise_id)
            .field("store_id", &self.store_id)
            .field("region", &self.region)
            .field("staging", &self.staging)
            .field("on_behalf_of", &self.on_behalf_of.as_ref().map(|_| "[set]"))
            .finish()
    }
}

impl ClientBuilder {
    fn new() -> Self {
        ClientBuilder {
            transport: TransportBuilder::new(VENDOR_NAME, USER_AGENT),
            client_id: None,
            client_secret: None,
            enterprise_id: None,
            store_id: None,
            region: Region::Eu,
            staging: false,
            on_behalf_of: None,
        }
    }

    forecourt_core::transport_builder_methods!();

    /// The application's client id (consumer key) from the Keyloop developer portal.
    pub fn client_id(mut self, client_id: impl Into<String>) -> Self {
        self.client_id = Some(client_id.into());
        self
    }

    /// The application's client secret (consumer secret).
    pub fn client_secret(mut self, client_secret: SecretString) -> Self {
        self.client_secret = Some(client_secret);
        self
    }

    /// The enterprise (dealer group) every call is for.
    pub fn enterprise_id(mut self, enterprise_id: impl Into<String>) -> Self {
        self.enterprise_id = Some(enterprise_id.into());
        self
    }

    /// The store (one dealership of the enterprise) every call is for.
    /// [`Client::for_store`] gives a client for another store sharing the token.
    pub fn store_id(mut self, store_id: impl Into<String>) -> Self {
        self.store_id = Some(store_id.into());
        self
    }

    /// The hosting region (default [`Region::Eu`]). Ignored when a
    /// [`base_url`](Self::base_url) is set.
    pub fn region(mut self, region: Region) -> Self {
        self.region = region;
        self
    }

    /// Uses the region's staging host (`https://api.{region}-stage.keyloop.io`).
    /// Ignored when a [`base_url`](Self::base_url) is set.
    pub fn staging(mut self) -> Self {
        self.staging = true;
        self
    }

    /// The user every call is made for, sent as `x-onbehalf-of` (auditing).
    /// A call can override it with [`Contracts::on_behalf_of`].
    pub fn on_behalf_of(mut self, user_id: impl Into<String>) -> Self {
        self.on_behalf_of = Some(user_id.into());
        self
    }

    /// Validates the settings and builds the client. Fetches no token yet:
    /// the first call does.
    pub fn build(self) -> Result<Client> {
        let client_id = self
            .client_id
            .ok_or_else(|| Error::invalid_input("client_id", "is required"))?;
        if client_id.trim().is_empty() {
            return Err(Error::invalid_input("client_id", "must not be empty"));
        }
        let client_secret = self
            .client_secret
            .ok_or_else(|| Error::invalid_input("client_secret", "is required"))?;
        if forecourt_core::ExposeSecret::expose_secret(&client_secret)
            .trim()
            .is_empty()
        {
            return Err(Error::invalid_input("client_secret", "must not be empty"));
        }
        let enterprise_id = self
            .enterprise_id
            .ok_or_else(|| Error::invalid_input("enterprise_id", "is required"))?;
        check_segment("enterprise_id", &enterprise_id)?;
        let store_id = self
            .store_id
            .ok_or_else(|| Error::invalid_input("store_id", "is required"))?;
        check_segment("store_id", &store_id)?;
        let on_behalf_of = self
            .on_behalf_of
            .as_deref()
            .map(|u| header_value("on_behalf_of", u))
            .transpose()?;

        let default_url = if self.staging {
            self.region.staging_url()
        } else {
            self.region.production_url()
        };
        let configured = self
            .transport
            .default_base_url(default_url)
            .correlation_id_header(paths::CORRELATION_ID_HEADER)
            .error_mapper(KeyloopErrorMapper)
            .share_http_client()?;
        // The token endpoint is on the same host, with the same timeouts and
        // HTTP client (one connection pool), and carries no token itself.
        // Both transports scrub the client secret (a token endpoint may
        // echo it) and every token the cache issues (registered in the
        // builder's shared secret set when fetched).
        let configured = configured.scrub_secret(client_secret.clone());
        let token_transport = configured.clone().build()?;
        let tokens = TokenCache::new(ClientCredentials {
            transport: token_transport,
            client_id,
            client_secret,
        })
        .with_issued(configured.secret_set().clone());
        let transport = configured
            .auth(Auth::token_source(tokens.clone(), TokenPlacement::Bearer))
            .build()?;

        Ok(Client {
            inner: Arc::new(Inner {
                transport,
                tokens,
                enterprise_id,
                store_id,
                on_behalf_of,
            }),
        })
    }
}

struct Inner {
    transport: Transport,
    tokens: TokenCache,
    enterprise_id: String,
    store_id: String,
    on_behalf_of: Option<HeaderValue>,
}

/// A Keyloop Manage Vehicle Contracts v2 client for one enterprise and store.
///
/// Cheap to clone (an `Arc` inside); clones share the connection pool and
/// the token cache.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("transport", &self.inner.transport)
            .field("tokens", &self.inner.tokens)
            .field("enterprise_id", &self.inner.enterprise_id)
            .field("store_id", &self.inner.store_id)
            .field(
                "on_behalf_of",
                &self.inner.on_behalf_of.as_ref().map(|_| "[set]"),
            )
            .finish()
    }
}

impl Client {
    /// A builder: set the client credentials, enterprise and store.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::new()
    }

    /// The contracts of vehicles in this client's store.
    pub fn contracts(&self) -> Contracts {
        Contracts::new(self.clone())
    }

    /// A client for another store of the same enterprise, sharing this
    /// client's connection pool and tokens.
    pub fn for_store(&self, store_id: impl Into<String>) -> Result<Client> {
        let store_id = store_id.into();
        check_segment("store_id", &store_id)?;
        Ok(Client {
            inner: Arc::new(Inner {
                transport: self.inner.transport.clone(),
                tokens: self.inner.tokens.clone(),
                enterprise_id: self.inner.enterprise_id.clone(),
                store_id,
                on_behalf_of: self.inner.on_behalf_of.clone(),
            }),
        })
    }

    /// The enterprise (dealer group) id.
    pub fn enterprise_id(&self) -> &str {
        &self.inner.enterprise_id
    }

    /// The store id.
    pub fn store_id(&self) -> &str {
        &self.inner.store_id
    }

    /// The base URL calls go to.
    pub fn base_url(&self) -> &str {
        self.inner.transport.base_url().as_str()
    }

    /// How many tokens this client (and its [`for_store`](Self::for_store)
    /// siblings) fetched so far.
    pub fn token_fetches(&self) -> u64 {
        self.inner.tokens.fetch_count()
    }

    pub(crate) fn transport(&self) -> &Transport {
        &self.inner.transport
    }

    pub(crate) fn default_on_behalf_of(&self) -> Option<&HeaderValue> {
        self.inner.on_behalf_of.as_ref()
    }
}
