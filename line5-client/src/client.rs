//! The Line5 client and its builder.

use std::fmt;

use sdk_core::{Auth, ExposeSecret, SecretString, Transport, TransportBuilder};
use url::Url;

use crate::{Error, Result, VENDOR};

/// Line5's production base URL.
pub const DEFAULT_BASE_URL: &str = "https://www.line5.com/api/v1";

/// The JSON:API media type Line5 sends and expects.
pub const JSON_API_MEDIA_TYPE: &str = "application/vnd.api+json";

const USER_AGENT: &str = concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"));

/// A Line5 API v1 client. Cheap to clone: clones share one connection pool.
///
/// ```no_run
/// # async fn demo() -> line5_client::Result<()> {
/// use line5_client::{Client, SecretString};
/// let line5 = Client::builder()
///     .api_key(SecretString::from("YOUR_API_KEY"))
///     .build()?;
/// let users = line5.users().list().await?;
/// # let _ = users;
/// # Ok(())
/// # }
/// ```
#[derive(Clone)]
pub struct Client {
    pub(crate) api: Transport,
    pub(crate) graphql: Transport,
    /// Kept only to scrub it from GraphQL error excerpts (that transport
    /// does not know it).
    api_key: SecretString,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.api.base_url().as_str())
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A builder; [`ClientBuilder::api_key`] is required.
    pub fn builder() -> ClientBuilder {
        ClientBuilder {
            transport: TransportBuilder::new(VENDOR, USER_AGENT),
            api_key: None,
            graphql_token: None,
        }
    }

    /// The configured base URL (`https://www.line5.com/api/v1` by default).
    pub fn base_url(&self) -> &Url {
        self.api.base_url()
    }

    /// Removes the API key from an error of the GraphQL transport (a server
    /// could echo it; that transport only knows its own token).
    pub(crate) fn scrub_graphql_error(&self, error: Error) -> Error {
        let key = self.api_key.expose_secret();
        match error {
            Error::Api(mut api) if key.len() >= 4 => {
                api.body_excerpt = api.body_excerpt.replace(key, sdk_core::redact::REDACTED);
                for d in &mut api.details {
                    d.message = d.message.replace(key, sdk_core::redact::REDACTED);
                }
                Error::Api(api)
            }
            Error::Decode(mut d) if key.len() >= 4 => {
                d.body_excerpt = d.body_excerpt.replace(key, sdk_core::redact::REDACTED);
                Error::Decode(d)
            }
            other => other,
        }
    }

    /// The base URL's origin with `path` (for `/graphql` and `/autologin`).
    pub(crate) fn origin_url(&self, path: &str) -> Url {
        let mut url = self.api.base_url().clone();
        url.set_path(path);
        url.set_query(None);
        url.set_fragment(None);
        url
    }

    /// Users of the dealership (`/users`).
    pub fn users(&self) -> crate::users::Users<'_> {
        crate::users::Users { client: self }
    }

    /// GraphQL auto-login and the auto-login URL.
    pub fn auto_login(&self) -> crate::auto_login::AutoLogin<'_> {
        crate::auto_login::AutoLogin { client: self }
    }

    /// Protections the dealership may sell (`/protections`).
    pub fn protections(&self) -> crate::protections::Protections<'_> {
        crate::protections::Protections { client: self }
    }

    /// Quotes: create, adjust terms, finalize (`/quotes`).
    pub fn quotes(&self) -> crate::quotes::Quotes<'_> {
        crate::quotes::Quotes { client: self }
    }

    /// The quote's vehicle (`/vehicles`).
    pub fn vehicles(&self) -> crate::vehicles::Vehicles<'_> {
        crate::vehicles::Vehicles { client: self }
    }

    /// Rates of a protection for a quote (`/rates`).
    pub fn rates(&self) -> crate::rates::Rates<'_> {
        crate::rates::Rates { client: self }
    }

    /// Protections on a quote (`/quote_protections`, `/quote-protections`).
    pub fn quote_protections(&self) -> crate::quote_protections::QuoteProtections<'_> {
        crate::quote_protections::QuoteProtections { client: self }
    }

    /// Loans, their packages (PDF downloads) and notes (`/loans`).
    pub fn loans(&self) -> crate::loans::Loans<'_> {
        crate::loans::Loans { client: self }
    }
}

/// Builds a [`Client`].
pub struct ClientBuilder {
    transport: TransportBuilder,
    api_key: Option<SecretString>,
    graphql_token: Option<SecretString>,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("transport", &self.transport)
            .field("api_key", &self.api_key.as_ref().map(|_| "[REDACTED]"))
            .field(
                "graphql_token",
                &self.graphql_token.as_ref().map(|_| "[REDACTED]"),
            )
            .finish()
    }
}

impl ClientBuilder {
    sdk_core::transport_builder_methods!();

    /// The API key, sent as `Authorization: Token <key>` (required).
    pub fn api_key(mut self, key: SecretString) -> Self {
        self.api_key = Some(key);
        self
    }

    /// The JWT Line5 issued for GraphQL auto-login, sent bare in
    /// `Authorization` on `POST <origin>/graphql` only (optional).
    pub fn graphql_token(mut self, token: SecretString) -> Self {
        self.graphql_token = Some(token);
        self
    }

    /// Builds the client. A missing API key or a bad base URL is an
    /// [`Error::InvalidInput`].
    pub fn build(self) -> Result<Client> {
        let key = self
            .api_key
            .ok_or_else(|| Error::invalid_input("api_key", "is required"))?;
        let api = self
            .transport
            .default_base_url(DEFAULT_BASE_URL)
            .auth(Auth::token(key.clone())?)
            .json_media_type(JSON_API_MEDIA_TYPE)
            .build()?;
        // GraphQL gets its own transport: the API transport's auth layer sets
        // `Authorization: Token` on every call, GraphQL wants the bare JWT.
        let graphql_auth = match self.graphql_token {
            Some(t) => Auth::header("authorization", t)?,
            None => Auth::none(),
        };
        let graphql = TransportBuilder::new(VENDOR, USER_AGENT)
            .base_url(api.base_url().as_str())
            .auth(graphql_auth)
            .build()?;
        Ok(Client {
            api,
            graphql,
            api_key: key,
        })
    }
}
