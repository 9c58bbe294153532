//! OAuth2 client credentials on Keyloop's gateway (Apigee):
//! `POST /oauth/client_credential/accesstoken`.
//!
//! The client fetches tokens itself, through forecourt-core's
//! [`TokenCache`](forecourt_core::TokenCache): a token is reused until shortly
//! before it expires, concurrent calls share one refresh, and a call refused
//! with `401` gets a fresh token and is retried once. You only need this
//! module to read a token response yourself.

use std::fmt;
use std::time::Duration;

use forecourt_core::{
    AccessToken, Error, ExposeSecret, Request, Result, SecretString, TokenSource, Transport,
};
use futures::future::BoxFuture;
use jiff::Timestamp;
use serde::Deserialize;
use serde::de::{self, Deserializer};

use crate::client::VENDOR_NAME;
use crate::paths;

/// The token endpoint's answer. Apigee sends `expires_in` and `issued_at` as
/// strings (`"3599"`, `"1717430400000"`); numbers are accepted too.
#[derive(Deserialize)]
#[non_exhaustive]
pub struct AccessTokenResponse {
    /// The bearer token.
    pub access_token: SecretString,
    /// The token type (`BearerToken` on Apigee).
    #[serde(default)]
    pub token_type: Option<String>,
    /// Seconds the token is valid for, from `issued_at`.
    #[serde(default, deserialize_with = "opt_u64_lenient")]
    pub expires_in: Option<u64>,
    /// When the token was issued (epoch milliseconds on the wire).
    #[serde(default, deserialize_with = "opt_epoch_millis")]
    pub issued_at: Option<Timestamp>,
    /// The application's client id, echoed.
    #[serde(default)]
    pub client_id: Option<String>,
    /// The application's name on the developer portal.
    #[serde(default)]
    pub application_name: Option<String>,
    /// The granted scope (often empty).
    #[serde(default)]
    pub scope: Option<String>,
    /// `approved` for a usable token.
    #[serde(default)]
    pub status: Option<String>,
}

impl fmt::Debug for AccessTokenResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AccessTokenResponse")
            .field("access_token", &forecourt_core::redact::REDACTED)
            .field("token_type", &self.token_type)
            .field("expires_in", &self.expires_in)
            .field("issued_at", &self.issued_at)
            .field("application_name", &self.application_name)
            .field("status", &self.status)
            .finish_non_exhaustive()
    }
}

impl AccessTokenResponse {
    /// How long the token is valid, if the gateway said.
    pub fn lifetime(&self) -> Option<Duration> {
        self.expires_in.map(Duration::from_secs)
    }
}

struct LenientU64;

impl<'de> de::Visitor<'de> for LenientU64 {
    type Value = Option<u64>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a whole number, or a string holding one")
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> std::result::Result<Self::Value, E> {
        Ok(Some(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> std::result::Result<Self::Value, E> {
        u64::try_from(v)
            .map(Some)
            .map_err(|_| E::custom("expected a non-negative number"))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<Self::Value, E> {
        let t = v.trim();
        if t.is_empty() {
            return Ok(None);
        }
        t.parse()
            .map(Some)
            .map_err(|_| E::custom("expected a whole number in the string"))
    }

    fn visit_unit<E: de::Error>(self) -> std::result::Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_none<E: de::Error>(self) -> std::result::Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> std::result::Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

fn opt_u64_lenient<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Option<u64>, D::Error> {
    d.deserialize_any(LenientU64)
}

fn opt_epoch_millis<'de, D: Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<Timestamp>, D::Error> {
    let Some(ms) = d.deserialize_any(LenientU64)? else {
        return Ok(None);
    };
    let ms = i64::try_from(ms).map_err(|_| de::Error::custom("timestamp out of range"))?;
    Timestamp::from_millisecond(ms)
        .map(Some)
        .map_err(|_| de::Error::custom("timestamp out of range"))
}

/// The [`TokenSource`] of a client: posts the client credentials to the
/// token endpoint through its own transport (without auth).
pub(crate) struct ClientCredentials {
    /// The API's transport settings without the token (same base URL).
    pub(crate) transport: Transport,
    pub(crate) client_id: String,
    pub(crate) client_secret: SecretString,
}

impl ClientCredentials {
    async fn request(&self) -> Result<AccessToken> {
        let transport = &self.transport;
        let form = [
            ("grant_type", "client_credentials"),
            ("client_id", self.client_id.as_str()),
            ("client_secret", self.client_secret.expose_secret()),
        ];
        // grant_type also in the query: Apigee's OAuthV2 policy reads it from
        // the query in its standard sample and from the form in others.
        let request = Request::new(paths::TOKEN)
            .raw_query("grant_type=client_credentials")
            .form(&form)?;
        let response: AccessTokenResponse = match transport.send_json(request).await {
            Ok(r) => r,
            Err(api @ Error::Api(_)) => {
                return Err(Error::auth(
                    VENDOR_NAME,
                    "the token endpoint refused the client credentials",
                    Some(api),
                ));
            }
            Err(other) => return Err(other),
        };
        if response.access_token.expose_secret().trim().is_empty() {
            return Err(Error::auth(
                VENDOR_NAME,
                "the token endpoint answered without an access token",
                None,
            ));
        }
        let lifetime = response.lifetime();
        Ok(AccessToken::new(response.access_token, lifetime))
    }
}

impl TokenSource for ClientCredentials {
    fn fetch(&self) -> BoxFuture<'_, Result<AccessToken>> {
        Box::pin(self.request())
    }
}
