//! Tokens: `POST /auth/token`, `GET /auth/refresh`, and the token source
//! behind [`ClientBuilder::alzura_user`](crate::ClientBuilder::alzura_user).

use std::fmt;
use std::time::Duration;

use forecourt_core::{AccessToken, ExposeSecret, SecretString, TokenSource, Transport};
use futures::future::BoxFuture;
use serde::{Deserialize, Serialize};

use crate::client::{Client, TokenStyle, VENDOR_NAME};
use crate::paths;
use crate::{Error, Result};

/// The token operations. Get one with [`Client::auth`].
#[derive(Debug, Clone)]
pub struct AuthApi {
    client: Client,
}

impl AuthApi {
    /// A handle whose calls use `options` (timeout, deadline, retries,
    /// extra headers) instead of the client's settings.
    pub fn options(&self, options: forecourt_core::RequestOptions) -> AuthApi {
        AuthApi::new(self.client.with_options(options))
    }

    pub(crate) fn new(client: Client) -> Self {
        AuthApi { client }
    }

    /// `POST /auth/token`: issues a token for a dealer's user.
    pub async fn issue_token(&self, post: &TokenPost) -> Result<TokenResponse> {
        let req = self.client.request(paths::AUTH_TOKEN).json(post)?;
        let issued: TokenResponse = self.client.transport().send_json(req).await?;
        // From now on the client scrubs this token from its errors.
        self.client.transport().add_secret(issued.token.clone());
        Ok(issued)
    }

    /// `GET /auth/refresh`: a fresh token for the user of the client's token.
    pub async fn refresh(&self) -> Result<TokenResponse> {
        let req = self.client.request(paths::AUTH_REFRESH);
        let issued: TokenResponse = self.client.transport().send_json(req).await?;
        self.client.transport().add_secret(issued.token.clone());
        Ok(issued)
    }
}

/// The body of `POST /auth/token` (`TokenPost`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, bon::Builder)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct TokenPost {
    /// The dealer's (contact's or organisation's) Alzura id.
    pub dealer_alzura_id: u64,
    /// The user's Alzura id.
    pub user_alzura_id: u64,
}

/// An issued token (`TokenResponse`). The token is a [`SecretString`]:
/// never printed.
#[derive(Deserialize)]
#[serde(remote = "Self")]
#[non_exhaustive]
pub struct TokenResponse {
    /// The token (a JWT).
    pub token: SecretString,
    /// Its lifetime in seconds from issuance (`86400` = 24 hours): a number
    /// or a numeric string (strict: it decides when the token is renewed).
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::whole::option_number::deserialize"
    )]
    pub expires_in: Option<u64>,
    /// The scheme to put before it (`Bearer`; tolerant, the SDK sends `Bearer`).
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_text"
    )]
    pub token_type: Option<String>,
    /// The scope granted (`AutengoApiV3`; tolerant).
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_text"
    )]
    pub scope: Option<String>,
    /// The raw JSON of each member a tolerant field could not read, under
    /// its JSON member name, verbatim; empty when everything was read.
    /// `Debug` shows only the member names.
    #[serde(skip)]
    pub unexpected: forecourt_core::serde_helpers::tolerant::Unexpected,
}

forecourt_core::tolerant_record!(TokenResponse);

impl fmt::Debug for TokenResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenResponse")
            .field("token", &"[REDACTED]")
            .field("expires_in", &self.expires_in)
            .field("token_type", &self.token_type)
            .field("scope", &self.scope)
            .field("unexpected", &self.unexpected)
            .finish()
    }
}

impl TokenResponse {
    /// The token's lifetime.
    pub fn lifetime(&self) -> Option<Duration> {
        self.expires_in.map(Duration::from_secs)
    }
}

struct Current {
    token: SecretString,
    valid_until: Option<tokio::time::Instant>,
}

/// Issues tokens through `/auth/token` and renews them through
/// `/auth/refresh` (falling back to `/auth/token` when the refresh is
/// refused or the token has run out). Sends through its own transport,
/// which carries only the API key: a token request never waits for a token.
///
/// [`ClientBuilder::alzura_user`](crate::ClientBuilder::alzura_user) puts one
/// behind a [`forecourt_core::TokenCache`]; build your own with [`AlzuraTokenSource::new`].
pub struct AlzuraTokenSource {
    transport: Transport,
    post: TokenPost,
    style: TokenStyle,
    current: tokio::sync::Mutex<Option<Current>>,
}

impl fmt::Debug for AlzuraTokenSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AlzuraTokenSource")
            .field("transport", &self.transport)
            .field("style", &self.style)
            .finish_non_exhaustive()
    }
}

fn auth_error(message: &'static str, source: Error) -> Error {
    Error::auth(VENDOR_NAME, message, Some(source))
}

impl AlzuraTokenSource {
    /// A source sending through `transport` (which must carry the API key
    /// and no user token), for the dealer and user of `post`, presenting
    /// the current token for refreshes as `style` says.
    pub fn new(transport: Transport, post: TokenPost, style: TokenStyle) -> Self {
        AlzuraTokenSource {
            transport,
            post,
            style,
            current: tokio::sync::Mutex::new(None),
        }
    }

    async fn issue(&self) -> Result<TokenResponse> {
        let req = forecourt_core::Request::new(paths::AUTH_TOKEN).json(&self.post)?;
        self.transport
            .send_json(req)
            .await
            .map_err(|e| auth_error("POST /auth/token failed", e))
    }

    async fn refresh(&self, token: &SecretString) -> Result<TokenResponse> {
        let (name, _) = self.style.header();
        let value = self.style.value(token.expose_secret())?;
        let req = forecourt_core::Request::new(paths::AUTH_REFRESH)
            .header(name, value)
            .scrub(token.clone());
        self.transport.send_json(req).await
    }

    async fn next(&self) -> Result<AccessToken> {
        let mut current = self.current.lock().await;
        let now = tokio::time::Instant::now();
        let live = current
            .as_ref()
            .filter(|c| c.valid_until.is_none_or(|until| now < until))
            .map(|c| c.token.clone());
        let fresh = match live {
            Some(token) => match self.refresh(&token).await {
                Ok(t) => t,
                Err(e) if e.status().is_some_and(|s| s.is_client_error()) => {
                    tracing::debug!("token refresh refused; issuing a new token");
                    self.issue().await?
                }
                Err(e) => return Err(auth_error("GET /auth/refresh failed", e)),
            },
            None => self.issue().await?,
        };
        if fresh.token.expose_secret().trim().is_empty() {
            return Err(Error::auth(
                VENDOR_NAME,
                "the token endpoint returned an empty token",
                None,
            ));
        }
        let lifetime = fresh.lifetime();
        // A lifetime too long for the clock never runs out.
        *current = Some(Current {
            token: fresh.token.clone(),
            valid_until: lifetime.and_then(|l| now.checked_add(l)),
        });
        Ok(AccessToken::new(fresh.token, lifetime))
    }
}

impl TokenSource for AlzuraTokenSource {
    fn fetch(&self) -> BoxFuture<'_, Result<AccessToken>> {
        Box::pin(self.next())
    }
}
