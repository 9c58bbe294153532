//! Credentials, applied to every request as reqwest middleware.
//!
//! Static schemes: a header key (`X-Api-Key: k`), `Authorization: Token k`
//! (Line5), `Bearer k` (Autoloan, Keyloop), `Basic` (Alfa), `JWT k` (Autengo).
//! Expiring tokens come from a [`TokenSource`] through a [`TokenCache`] that
//! refreshes ahead of expiry, lets concurrent callers share one refresh, and
//! on a `401` invalidates the token and retries the call once, never more.
//!
//! Every header carrying a credential is marked sensitive, and no `Debug`
//! here prints a credential.

mod middleware;
mod token;

pub(crate) use middleware::AuthMiddleware;
pub use token::{AccessToken, TokenCache, TokenSource};

use std::fmt;

use base64::Engine as _;
use http::{HeaderMap, HeaderName, HeaderValue, header::AUTHORIZATION};
use secrecy::{ExposeSecret, SecretString};

use crate::error::{Error, Result};

/// Where a token from a [`TokenSource`] goes.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum TokenPlacement {
    /// `Authorization: Bearer <token>`.
    Bearer,
    /// `Authorization: JWT <token>`.
    Jwt,
    /// Another header, with an optional scheme: `X-Authorization: Bearer <token>`.
    Header {
        /// The header.
        name: HeaderName,
        /// The scheme before the token, if any (`Bearer`).
        scheme: Option<&'static str>,
    },
}

impl TokenPlacement {
    fn header(&self) -> (HeaderName, Option<&'static str>) {
        match self {
            TokenPlacement::Bearer => (AUTHORIZATION, Some("Bearer")),
            TokenPlacement::Jwt => (AUTHORIZATION, Some("JWT")),
            TokenPlacement::Header { name, scheme } => (name.clone(), *scheme),
        }
    }
}

#[derive(Clone)]
enum Part {
    Static {
        name: HeaderName,
        value: HeaderValue,
        secret: SecretString,
    },
    Dynamic {
        cache: TokenCache,
        name: HeaderName,
        scheme: Option<&'static str>,
    },
}

/// The credentials of a client: one or more parts, each setting one header.
///
/// ```
/// use forecourt_core::Auth;
/// use secrecy::SecretString;
/// let auth = Auth::header("X-Api-Key", SecretString::from("k-123"))?
///     .and(Auth::jwt(SecretString::from("eyJ..."))?);
/// assert!(!format!("{auth:?}").contains("k-123"));
/// # Ok::<(), forecourt_core::Error>(())
/// ```
#[derive(Clone, Default)]
pub struct Auth {
    parts: Vec<Part>,
    scrub: Vec<SecretString>,
}

impl fmt::Debug for Auth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut l = f.debug_list();
        for p in &self.parts {
            match p {
                Part::Static { name, .. } => l.entry(&format_args!("{name}: [REDACTED]")),
                Part::Dynamic { name, scheme, .. } => l.entry(&format_args!(
                    "{name}: {}[token from source]",
                    scheme.map(|s| format!("{s} ")).unwrap_or_default()
                )),
            };
        }
        l.finish()
    }
}

fn sensitive_value(prefix: Option<&str>, secret: &str, field: &'static str) -> Result<HeaderValue> {
    let text = match prefix {
        Some(p) => format!("{p} {secret}"),
        None => secret.to_owned(),
    };
    let mut v = HeaderValue::from_str(&text)
        .map_err(|_| Error::invalid_input(field, "contains characters not allowed in a header"))?;
    v.set_sensitive(true);
    Ok(v)
}

impl Auth {
    /// No credentials.
    pub fn none() -> Self {
        Auth::default()
    }

    /// A header carrying a key as it is: `X-Api-Key: <key>`.
    pub fn header(name: &str, key: SecretString) -> Result<Self> {
        let name = HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| Error::invalid_input("auth_header", "is not a valid header name"))?;
        Self::static_part(name, None, key, "api_key")
    }

    /// A header carrying a key after a scheme: `X-Authorization: Bearer <key>`.
    /// The bare key is scrubbed from error excerpts too.
    pub fn header_with_scheme(name: &str, scheme: &'static str, key: SecretString) -> Result<Self> {
        let name = HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| Error::invalid_input("auth_header", "is not a valid header name"))?;
        Self::static_part(name, Some(scheme), key, "token")
    }

    /// `Authorization: Token <key>`.
    pub fn token(key: SecretString) -> Result<Self> {
        Self::static_part(AUTHORIZATION, Some("Token"), key, "api_key")
    }

    /// `Authorization: Bearer <token>`.
    pub fn bearer(token: SecretString) -> Result<Self> {
        Self::static_part(AUTHORIZATION, Some("Bearer"), token, "token")
    }

    /// `Authorization: JWT <token>`.
    pub fn jwt(token: SecretString) -> Result<Self> {
        Self::static_part(AUTHORIZATION, Some("JWT"), token, "token")
    }

    /// `Authorization: Basic base64(user:password)`.
    pub fn basic(username: &str, password: SecretString) -> Result<Self> {
        if username.contains(':') {
            return Err(Error::invalid_input("username", "must not contain ':'"));
        }
        let encoded = base64::engine::general_purpose::STANDARD
            .encode(format!("{username}:{}", password.expose_secret()));
        let mut auth = Self::static_part(
            AUTHORIZATION,
            Some("Basic"),
            SecretString::from(encoded),
            "password",
        )?;
        // scrub the password itself from error excerpts too
        auth.scrub.push(password);
        Ok(auth)
    }

    /// A token from `cache`, placed as `placement` says.
    pub fn token_source(cache: TokenCache, placement: TokenPlacement) -> Self {
        let (name, scheme) = placement.header();
        Auth {
            parts: vec![Part::Dynamic {
                cache,
                name,
                scheme,
            }],
            scrub: Vec::new(),
        }
    }

    fn static_part(
        name: HeaderName,
        prefix: Option<&str>,
        secret: SecretString,
        field: &'static str,
    ) -> Result<Self> {
        if secret.expose_secret().trim().is_empty() {
            return Err(Error::invalid_input(field, "must not be empty"));
        }
        let value = sensitive_value(prefix, secret.expose_secret(), field)?;
        Ok(Auth {
            parts: vec![Part::Static {
                name,
                value,
                secret,
            }],
            scrub: Vec::new(),
        })
    }

    /// Both sets of credentials (for example an API key and a user token).
    pub fn and(mut self, other: Auth) -> Self {
        self.parts.extend(other.parts);
        self.scrub.extend(other.scrub);
        self
    }

    /// Whether there are no credentials.
    pub fn is_none(&self) -> bool {
        self.parts.is_empty()
    }

    /// The static secrets, for scrubbing from error excerpts.
    pub(crate) fn static_secrets(&self) -> Vec<SecretString> {
        self.parts
            .iter()
            .filter_map(|p| match p {
                Part::Static { secret, .. } => Some(secret.clone()),
                Part::Dynamic { .. } => None,
            })
            .chain(self.scrub.iter().cloned())
            .collect()
    }

    /// The sets of tokens issued by the token caches of these credentials.
    pub(crate) fn token_sets(&self) -> Vec<crate::redact::SecretSet> {
        self.parts
            .iter()
            .filter_map(|p| match p {
                Part::Dynamic { cache, .. } => Some(cache.issued().clone()),
                Part::Static { .. } => None,
            })
            .collect()
    }

    /// How many headers the credentials set (one per part).
    pub(crate) fn header_count(&self) -> usize {
        self.parts.len()
    }

    pub(crate) fn has_dynamic(&self) -> bool {
        self.parts.iter().any(|p| matches!(p, Part::Dynamic { .. }))
    }

    /// Sets the static credential headers (all of them, for an `Auth`
    /// without a token source: see [`Auth::has_dynamic`]).
    pub(crate) fn apply_static(&self, headers: &mut HeaderMap) {
        for p in &self.parts {
            if let Part::Static { name, value, .. } = p {
                headers.insert(name.clone(), value.clone());
            }
        }
    }

    /// Sets the credential headers; returns the token generations used.
    pub(crate) async fn apply(&self, headers: &mut HeaderMap) -> Result<Vec<(TokenCache, u64)>> {
        let mut used = Vec::new();
        for p in &self.parts {
            match p {
                Part::Static { name, value, .. } => {
                    headers.insert(name.clone(), value.clone());
                }
                Part::Dynamic {
                    cache,
                    name,
                    scheme,
                } => {
                    let (token, generation) = cache.token().await?;
                    headers.insert(
                        name.clone(),
                        sensitive_value(*scheme, token.expose_secret(), "token")?,
                    );
                    used.push((cache.clone(), generation));
                }
            }
        }
        Ok(used)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_prints_secrets() {
        let auth = Auth::header("X-Api-Key", SecretString::from("canary-key-1"))
            .unwrap()
            .and(Auth::basic("dealer", SecretString::from("canary-pw-2")).unwrap())
            .and(Auth::token(SecretString::from("canary-key-3")).unwrap());
        let text = format!("{auth:?}");
        assert!(!text.contains("canary"), "{text}");
        assert!(text.contains("x-api-key"), "{text}");
        let token = AccessToken::new(SecretString::from("canary-tok"), None);
        assert!(!format!("{token:?}").contains("canary"));
    }

    #[test]
    fn rejects_empty_and_invalid_credentials() {
        assert!(Auth::bearer(SecretString::from("")).is_err());
        assert!(Auth::bearer(SecretString::from("a\nb")).is_err());
        assert!(Auth::header("bad header", SecretString::from("k")).is_err());
        assert!(Auth::basic("a:b", SecretString::from("k")).is_err());
    }

    #[tokio::test]
    async fn headers_are_sensitive_and_well_formed() {
        let auth = Auth::basic("Aladdin", SecretString::from("open sesame"))
            .unwrap()
            .and(Auth::header("X-Api-Key", SecretString::from("k")).unwrap());
        let mut h = HeaderMap::new();
        auth.apply(&mut h).await.unwrap();
        assert_eq!(h["authorization"], "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
        assert!(h["authorization"].is_sensitive());
        assert!(h["x-api-key"].is_sensitive());
        assert_eq!(auth.static_secrets().len(), 3);
        let auth = Auth::header_with_scheme("X-Authorization", "Bearer", SecretString::from("t0k"))
            .unwrap();
        let mut h = HeaderMap::new();
        auth.apply(&mut h).await.unwrap();
        assert_eq!(h["x-authorization"], "Bearer t0k");
        assert!(h["x-authorization"].is_sensitive());
    }
}
