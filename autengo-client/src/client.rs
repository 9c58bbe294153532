//! The client and its builder.

use std::fmt;
use std::time::Duration;

use forecourt_core::{
    Auth, DefaultErrorMapper, ErrorDetail, ErrorMapper, Operation, Request, SecretString,
    TokenCache, TokenPlacement, Transport, TransportBuilder,
};
use http::{HeaderName, HeaderValue, StatusCode};

use crate::auth::{AlzuraTokenSource, AuthApi, TokenPost};
use crate::contacts::Contacts;
use crate::i18n::Language;
use crate::opportunities::Opportunities;
use crate::vehicles::Vehicles;
use crate::{Error, Result};

/// The vendor's name in errors and traces.
pub const VENDOR_NAME: &str = "Autengo";

/// The production base URL.
pub const DEFAULT_BASE_URL: &str = "https://api.autengo.com/v3";

/// The staging base URL named in the vendor's documentation.
pub const STAGING_BASE_URL: &str = "https://api.dev-stage.autengo.com/v3";

/// The header carrying the API key on every call.
pub const API_KEY_HEADER: &str = "X-Api-Key";

/// Where the user token goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum TokenStyle {
    /// `Authorization: JWT <token>` (the documentation's curl example).
    #[default]
    Jwt,
    /// `X-Authorization: Bearer <token>` (session tokens).
    XAuthorizationBearer,
}

impl TokenStyle {
    /// The forecourt-core placement of this style.
    pub fn placement(self) -> TokenPlacement {
        match self {
            TokenStyle::Jwt => TokenPlacement::Jwt,
            TokenStyle::XAuthorizationBearer => TokenPlacement::Header {
                name: HeaderName::from_static("x-authorization"),
                scheme: Some("Bearer"),
            },
        }
    }

    /// The header name and scheme.
    pub fn header(self) -> (HeaderName, &'static str) {
        match self {
            TokenStyle::Jwt => (http::header::AUTHORIZATION, "JWT"),
            TokenStyle::XAuthorizationBearer => {
                (HeaderName::from_static("x-authorization"), "Bearer")
            }
        }
    }

    /// A sensitive header value `<scheme> <token>`.
    pub(crate) fn value(self, token: &str) -> Result<HeaderValue> {
        let (_, scheme) = self.header();
        let mut v = HeaderValue::from_str(&format!("{scheme} {token}")).map_err(|_| {
            Error::invalid_input("token", "contains characters not allowed in a header")
        })?;
        v.set_sensitive(true);
        Ok(v)
    }
}

/// Autengo's error bodies: `{"status": "error", "statusText": "..."}`
/// (assumed, see the crate docs), else whatever [`DefaultErrorMapper`] reads.
#[derive(Debug, Clone, Copy, Default)]
pub struct AutengoErrorMapper;

impl ErrorMapper for AutengoErrorMapper {
    fn details(&self, status: StatusCode, body: &[u8]) -> Vec<ErrorDetail> {
        if let Ok(serde_json::Value::Object(o)) = serde_json::from_slice::<serde_json::Value>(body)
            && let Some(text) = o.get("statusText").and_then(|t| t.as_str())
            && !text.trim().is_empty()
        {
            let mut d = ErrorDetail::message(text);
            if let Some(code) = o.get("code").and_then(|c| c.as_str()) {
                d = d.with_code(code);
            }
            return vec![d];
        }
        DefaultErrorMapper.details(status, body)
    }
}

fn new_transport_builder() -> TransportBuilder {
    TransportBuilder::new(
        VENDOR_NAME,
        concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION")),
    )
    .error_mapper(AutengoErrorMapper)
}

enum UserAuth {
    None,
    Static(SecretString, TokenStyle),
    Alzura { post: TokenPost, style: TokenStyle },
    Cache(TokenCache, TokenStyle),
}

/// Builds a [`Client`]. The API key is required ([`build`](Self::build)
/// returns [`Error::InvalidInput`] without one); a user token is optional
/// and chosen once: static ([`jwt`](Self::jwt),
/// [`session_token`](Self::session_token)), issued and refreshed through
/// `/auth/token` and `/auth/refresh` ([`alzura_user`](Self::alzura_user)),
/// or from your own [`TokenCache`] ([`token_cache`](Self::token_cache)).
pub struct ClientBuilder {
    transport: TransportBuilder,
    api_key: Option<SecretString>,
    user: UserAuth,
    language: Language,
    refresh_ahead: Option<Duration>,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let user = match &self.user {
            UserAuth::None => "none",
            UserAuth::Static(..) => "static token [REDACTED]",
            UserAuth::Alzura { .. } => "issued by /auth/token",
            UserAuth::Cache(..) => "token cache",
        };
        f.debug_struct("ClientBuilder")
            .field("transport", &self.transport)
            .field("api_key", &self.api_key.as_ref().map(|_| "[REDACTED]"))
            .field("user_token", &user)
            .field("language", &self.language)
            .finish()
    }
}

impl ClientBuilder {
    forecourt_core::transport_builder_methods!();

    /// The API key, sent as `X-Api-Key` on every call (required).
    pub fn api_key(mut self, key: SecretString) -> Self {
        self.api_key = Some(key);
        self
    }

    /// A static user token sent as `Authorization: JWT <token>`.
    pub fn jwt(self, token: SecretString) -> Self {
        self.user_token(token, TokenStyle::Jwt)
    }

    /// A static session token sent as `X-Authorization: Bearer <token>`.
    pub fn session_token(self, token: SecretString) -> Self {
        self.user_token(token, TokenStyle::XAuthorizationBearer)
    }

    /// A static user token placed as `style` says.
    pub fn user_token(mut self, token: SecretString, style: TokenStyle) -> Self {
        self.user = UserAuth::Static(token, style);
        self
    }

    /// Tokens issued for this dealer and user by `POST /auth/token`, renewed
    /// through `GET /auth/refresh` before they expire (a new `/auth/token`
    /// if the refresh is refused), shared by every clone of the client: one
    /// token request for many concurrent calls. Token requests go through a
    /// separate transport carrying only the API key.
    pub fn alzura_user(
        mut self,
        dealer_alzura_id: u64,
        user_alzura_id: u64,
        style: TokenStyle,
    ) -> Self {
        self.user = UserAuth::Alzura {
            post: TokenPost::builder()
                .dealer_alzura_id(dealer_alzura_id)
                .user_alzura_id(user_alzura_id)
                .build(),
            style,
        };
        self
    }

    /// How long before expiry an issued token is renewed (default 60 s, at
    /// most half the token's lifetime); for [`alzura_user`](Self::alzura_user).
    pub fn token_refresh_ahead(mut self, ahead: Duration) -> Self {
        self.refresh_ahead = Some(ahead);
        self
    }

    /// Tokens from your own cache, placed as `style` says.
    pub fn token_cache(mut self, cache: TokenCache, style: TokenStyle) -> Self {
        self.user = UserAuth::Cache(cache, style);
        self
    }

    /// The language of translated texts for every call (default [`Language::De`]).
    pub fn language(mut self, language: Language) -> Self {
        self.language = language;
        self
    }

    /// Uses the staging host ([`STAGING_BASE_URL`]).
    pub fn staging(self) -> Self {
        self.base_url(STAGING_BASE_URL)
    }

    /// Validates the settings and builds the client.
    pub fn build(self) -> Result<Client> {
        let key = self
            .api_key
            .ok_or_else(|| Error::invalid_input("api_key", "is required"))?;
        let key_auth = Auth::header(API_KEY_HEADER, key)?;
        // The token endpoint gets the same settings (base URL, timeouts,
        // HTTP client, middleware) and only the API key.
        let main = self
            .transport
            .default_base_url(DEFAULT_BASE_URL)
            .share_http_client()?;
        let auth = match self.user {
            UserAuth::None => key_auth,
            UserAuth::Static(t, TokenStyle::Jwt) => key_auth.and(Auth::jwt(t)?),
            UserAuth::Static(t, TokenStyle::XAuthorizationBearer) => {
                key_auth.and(Auth::header_with_scheme("X-Authorization", "Bearer", t)?)
            }
            UserAuth::Cache(cache, style) => {
                key_auth.and(Auth::token_source(cache, style.placement()))
            }
            UserAuth::Alzura { post, style } => {
                let token_transport = main.clone().auth(key_auth.clone()).build()?;
                let source = AlzuraTokenSource::new(token_transport, post, style);
                // Issued tokens are scrubbed by the token transport too.
                let mut cache = TokenCache::new(source).with_issued(main.secret_set().clone());
                if let Some(ahead) = self.refresh_ahead {
                    cache = cache.with_refresh_ahead(ahead);
                }
                key_auth.and(Auth::token_source(cache, style.placement()))
            }
        };
        let transport = main.auth(auth).build()?;
        Ok(Client {
            transport,
            language: self.language,
        })
    }
}

/// The Autengo API v3 client. Cheap to clone (an `Arc` inside); clones share
/// the connection pool and the token cache.
#[derive(Clone)]
pub struct Client {
    transport: Transport,
    language: Language,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("transport", &self.transport)
            .field("language", &self.language)
            .finish()
    }
}

impl Client {
    /// A builder; see [`ClientBuilder`].
    pub fn builder() -> ClientBuilder {
        ClientBuilder {
            transport: new_transport_builder(),
            api_key: None,
            user: UserAuth::None,
            language: Language::De,
            refresh_ahead: None,
        }
    }

    /// Vehicles: list (typed queries, paging streams), get, makes, models,
    /// filter values.
    pub fn vehicles(&self) -> Vehicles {
        Vehicles::new(self.clone())
    }

    /// Opportunities (leads) for vehicles.
    pub fn opportunities(&self) -> Opportunities {
        Opportunities::new(self.clone())
    }

    /// The dealer's contacts, by id or by TecFactura id.
    pub fn contacts(&self) -> Contacts {
        Contacts::new(self.clone())
    }

    /// Token endpoints (`/auth/token`, `/auth/refresh`).
    pub fn auth(&self) -> AuthApi {
        AuthApi::new(self.clone())
    }

    /// The language of translated texts.
    pub fn language(&self) -> Language {
        self.language
    }

    /// A clone of this client asking for another language (per-request
    /// language: `client.with_language(Language::En).vehicles().get(id)`).
    pub fn with_language(&self, language: Language) -> Client {
        Client {
            transport: self.transport.clone(),
            language,
        }
    }

    /// The same client whose calls use `options` (see
    /// [`Transport::with_options`](forecourt_core::Transport::with_options)).
    pub(crate) fn with_options(&self, options: forecourt_core::RequestOptions) -> Client {
        Client {
            transport: self.transport.with_options(options),
            language: self.language,
        }
    }

    /// The underlying transport.
    pub fn transport(&self) -> &Transport {
        &self.transport
    }

    /// A request for `op` carrying the `Accept-Language` header.
    pub(crate) fn request(&self, op: Operation) -> Request {
        Request::new(op).header(http::header::ACCEPT_LANGUAGE, self.language.header_value())
    }
}
