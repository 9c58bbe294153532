//! The Line5 client and its builder.

use std::fmt;

use forecourt_core::{Auth, SecretString, Transport, TransportBuilder};
use url::Url;

use crate::{Error, Result, VENDOR_NAME};

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
            transport: TransportBuilder::new(VENDOR_NAME, USER_AGENT),
            api_key: None,
            graphql_token: None,
        }
    }

    /// The configured base URL (`https://www.line5.com/api/v1` by default).
    pub fn base_url(&self) -> &Url {
        self.api.base_url()
    }

    /// The same client whose calls use `options` (see
    /// [`Transport::with_options`](forecourt_core::Transport::with_options)).
    pub(crate) fn with_options(&self, options: forecourt_core::RequestOptions) -> Client {
        Client {
            api: self.api.with_options(options.clone()),
            graphql: self.graphql.with_options(options),
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
        crate::users::Users {
            client: std::borrow::Cow::Borrowed(self),
        }
    }

    /// GraphQL auto-login and the auto-login URL.
    pub fn auto_login(&self) -> crate::auto_login::AutoLogin<'_> {
        crate::auto_login::AutoLogin {
            client: std::borrow::Cow::Borrowed(self),
        }
    }

    /// Protections the dealership may sell (`/protections`).
    pub fn protections(&self) -> crate::protections::Protections<'_> {
        crate::protections::Protections {
            client: std::borrow::Cow::Borrowed(self),
        }
    }

    /// Quotes: create, adjust terms, finalize (`/quotes`).
    pub fn quotes(&self) -> crate::quotes::Quotes<'_> {
        crate::quotes::Quotes {
            client: std::borrow::Cow::Borrowed(self),
        }
    }

    /// The quote's vehicle (`/vehicles`).
    pub fn vehicles(&self) -> crate::vehicles::Vehicles<'_> {
        crate::vehicles::Vehicles {
            client: std::borrow::Cow::Borrowed(self),
        }
    }

    /// Rates of a protection for a quote (`/rates`).
    pub fn rates(&self) -> crate::rates::Rates<'_> {
        crate::rates::Rates {
            client: std::borrow::Cow::Borrowed(self),
        }
    }

    /// Protections on a quote (`/quote_protections`, `/quote-protections`).
    pub fn quote_protections(&self) -> crate::quote_protections::QuoteProtections<'_> {
        crate::quote_protections::QuoteProtections {
            client: std::borrow::Cow::Borrowed(self),
        }
    }

    /// Loans, their packages (PDF downloads) and notes (`/loans`).
    pub fn loans(&self) -> crate::loans::Loans<'_> {
        crate::loans::Loans {
            client: std::borrow::Cow::Borrowed(self),
        }
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
    forecourt_core::transport_builder_methods!();

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
        let transport = self
            .transport
            .default_base_url(DEFAULT_BASE_URL)
            .share_http_client()?;
        // GraphQL gets its own transport (on the same connection pool), cloned from the configured builder so
        // the user's timeouts, retry policy, HTTP client and middleware apply
        // to it too; only the credentials differ: the API transport's auth
        // layer sets `Authorization: Token` on every call, GraphQL wants the
        // bare JWT (or nothing). Each transport scrubs the other's secret from
        // error excerpts, in case a server echoes it.
        let graphql_auth = match &self.graphql_token {
            Some(t) => Auth::header("authorization", t.clone())?,
            None => Auth::none(),
        };
        let graphql = transport
            .clone()
            .auth(graphql_auth)
            .scrub_secret(key.clone())
            .build()?;
        let mut api = transport
            .auth(Auth::token(key)?)
            .json_media_type(JSON_API_MEDIA_TYPE)
            .error_mapper(crate::jsonapi::JsonApiErrorMapper);
        if let Some(t) = self.graphql_token {
            api = api.scrub_secret(t);
        }
        let api = api.build()?;
        Ok(Client { api, graphql })
    }
}
