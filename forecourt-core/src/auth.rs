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

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use base64::Engine as _;
use futures::future::BoxFuture;
use http::{HeaderMap, HeaderName, HeaderValue, StatusCode, header::AUTHORIZATION};
use reqwest_middleware::{Middleware, Next};
use secrecy::{ExposeSecret, SecretString};
use tokio::time::Instant;

use crate::error::{Error, Result};

/// A token from a [`TokenSource`], with its lifetime if the issuer gave one.
pub struct AccessToken {
    token: SecretString,
    expires_in: Option<Duration>,
}

impl AccessToken {
    /// A token valid for `expires_in` (or until refused, if `None`).
    pub fn new(token: SecretString, expires_in: Option<Duration>) -> Self {
        AccessToken { token, expires_in }
    }

    /// The token.
    pub fn token(&self) -> &SecretString {
        &self.token
    }

    /// How long the issuer said it is valid.
    pub fn expires_in(&self) -> Option<Duration> {
        self.expires_in
    }
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AccessToken")
            .field("token", &crate::redact::REDACTED)
            .field("expires_in", &self.expires_in)
            .finish()
    }
}

/// Something that issues tokens: an OAuth2 client-credentials endpoint, a
/// vendor's `/auth/token`. Called by [`TokenCache`] only when a token is needed.
pub trait TokenSource: Send + Sync + 'static {
    /// Fetches a fresh token.
    fn fetch(&self) -> BoxFuture<'_, Result<AccessToken>>;
}

impl<F> TokenSource for F
where
    F: Fn() -> BoxFuture<'static, Result<AccessToken>> + Send + Sync + 'static,
{
    fn fetch(&self) -> BoxFuture<'_, Result<AccessToken>> {
        (self)()
    }
}

struct Cached {
    token: SecretString,
    generation: u64,
    refresh_at: Option<Instant>,
}

/// The outcome of one fetch, shared by every caller that waited on it.
type Outcome = std::result::Result<(SecretString, u64), Arc<Error>>;

type InFlight = futures::future::Shared<BoxFuture<'static, Outcome>>;

#[derive(Default)]
struct CacheState {
    cached: Option<Cached>,
    /// The last fetch failed: its error, until when it is reused.
    failed: Option<(Arc<Error>, Instant)>,
    /// The fetch under way, if any: every caller awaits this one.
    in_flight: Option<InFlight>,
}

struct CacheInner {
    source: Box<dyn TokenSource>,
    state: std::sync::Mutex<CacheState>,
    refresh_ahead: Duration,
    failure_backoff: Duration,
    fetches: AtomicU64,
    generation: AtomicU64,
    issued: crate::redact::SecretSet,
}

/// A shared cache in front of a [`TokenSource`]. Cheap to clone.
///
/// - A cached token is reused until `refresh_ahead` (default 60 s, at most
///   half the token's lifetime) before it expires. A lifetime too long to
///   add to the clock counts as "never expires" (no overflow).
/// - Single flight: one fetch at a time. Every caller that finds no valid
///   token awaits the same fetch and gets its outcome, success or failure:
///   a thousand calls on an empty cache make one token request, and a
///   thousand calls against a failing token endpoint make one too.
/// - A failure is remembered for `failure_backoff` (default 1 s): callers
///   in that window get it at once, without a new request.
/// - The lock is never held across the fetch: a caller that gives up (its
///   own time budget ran out) does not cancel the fetch for the others.
/// - A token that cannot be sent as a header value (CR, LF, other control
///   characters) is refused when fetched, never cached.
/// - Every token issued is registered in [`issued`](Self::issued), the set
///   that transports using this cache scrub from errors and logs.
/// - [`invalidate`](Self::invalidate) drops a refused token, once however
///   many callers saw it refused.
#[derive(Clone)]
pub struct TokenCache {
    inner: Arc<CacheInner>,
}

impl fmt::Debug for TokenCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenCache")
            .field("refresh_ahead", &self.inner.refresh_ahead)
            .field("failure_backoff", &self.inner.failure_backoff)
            .field("fetches", &self.fetch_count())
            .finish_non_exhaustive()
    }
}

/// A failure shared by the callers of one fetch: the original error, kept
/// once, as the `source` of each caller's copy.
#[derive(Debug)]
struct SharedFailure(Arc<Error>);

impl fmt::Display for SharedFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl std::error::Error for SharedFailure {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        std::error::Error::source(&*self.0)
    }
}

/// The cause (`source`) of a shared failure, standing in for it in a
/// caller's copy.
#[derive(Debug)]
struct SharedCause(Arc<Error>);

impl fmt::Display for SharedCause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match std::error::Error::source(&*self.0) {
            Some(cause) => fmt::Display::fmt(cause, f),
            None => Ok(()),
        }
    }
}

impl std::error::Error for SharedCause {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        std::error::Error::source(&*self.0).and_then(|cause| cause.source())
    }
}

/// A caller's copy of a shared fetch failure: the same variant where the
/// variant can be copied, with the original as its source otherwise.
fn share_failure(e: &Arc<Error>) -> Error {
    match &**e {
        Error::InvalidInput { field, reason } => Error::InvalidInput {
            field: field.clone(),
            reason: reason.clone(),
        },
        Error::Timeout {
            vendor,
            after,
            elapsed,
            attempts,
        } => Error::Timeout {
            vendor,
            after: *after,
            elapsed: *elapsed,
            attempts: *attempts,
        },
        Error::Connect { vendor, .. } => Error::Connect {
            vendor,
            source: Box::new(SharedFailure(e.clone())),
        },
        Error::Network { vendor, .. } => Error::Network {
            vendor,
            source: Box::new(SharedFailure(e.clone())),
        },
        Error::Api(api) => Error::Api(api.clone()),
        Error::Decode(d) => Error::Decode(d.clone()),
        Error::Redirect {
            vendor,
            target_origin,
        } => Error::Redirect {
            vendor,
            target_origin: target_origin.clone(),
        },
        Error::BodyTooLarge { vendor, limit } => Error::BodyTooLarge {
            vendor,
            limit: *limit,
        },
        Error::Protocol { vendor, message } => Error::Protocol {
            vendor,
            message: message.clone(),
        },
        Error::Auth {
            vendor,
            status,
            message,
            ..
        } => Error::Auth {
            vendor,
            status: *status,
            message: message.clone(),
            source: std::error::Error::source(&**e)
                .map(|_| Box::new(SharedCause(e.clone())) as crate::error::BoxError),
        },
        // a variant added later: its text, which the caller's scrub set checks
        #[allow(unreachable_patterns)]
        _ => Error::Protocol {
            vendor: "token source",
            message: format!("{e}").into(),
        },
    }
}

fn check_token(token: &SecretString) -> Result<()> {
    let text = token.expose_secret();
    if text.trim().is_empty() {
        return Err(Error::invalid_input(
            "token",
            "the token source returned an empty token",
        ));
    }
    if HeaderValue::from_str(text).is_err() {
        return Err(Error::invalid_input(
            "token",
            "the token source returned a token that cannot be sent as a header (control characters)",
        ));
    }
    Ok(())
}

impl TokenCache {
    /// A cache in front of `source`.
    pub fn new(source: impl TokenSource) -> Self {
        TokenCache {
            inner: Arc::new(CacheInner {
                source: Box::new(source),
                state: std::sync::Mutex::new(CacheState::default()),
                refresh_ahead: Duration::from_secs(60),
                failure_backoff: Duration::from_secs(1),
                fetches: AtomicU64::new(0),
                generation: AtomicU64::new(0),
                issued: crate::redact::SecretSet::new(),
            }),
        }
    }

    fn configure(self, change: impl FnOnce(&mut CacheInner)) -> Self {
        match Arc::try_unwrap(self.inner) {
            Ok(mut inner) => {
                change(&mut inner);
                TokenCache {
                    inner: Arc::new(inner),
                }
            }
            Err(inner) => TokenCache { inner },
        }
    }

    /// Sets how long before expiry a token is refreshed (must be called before sharing).
    pub fn with_refresh_ahead(self, refresh_ahead: Duration) -> Self {
        self.configure(|inner| inner.refresh_ahead = refresh_ahead)
    }

    /// Sets how long a failed fetch is remembered and handed to new callers
    /// without a new request (default 1 s; must be called before sharing).
    pub fn with_failure_backoff(self, backoff: Duration) -> Self {
        self.configure(|inner| inner.failure_backoff = backoff)
    }

    /// Registers every token issued into `set` (for example the
    /// [`secret_set`](crate::TransportBuilder::secret_set) of the token
    /// endpoint's transport, so that it scrubs them too). Must be called
    /// before sharing.
    pub fn with_issued(self, set: crate::redact::SecretSet) -> Self {
        self.configure(|inner| inner.issued = set)
    }

    /// How many tokens were fetched from the source so far (attempts,
    /// failed ones included).
    pub fn fetch_count(&self) -> u64 {
        self.inner.fetches.load(Ordering::Relaxed)
    }

    /// Every token this cache has issued (the most recent ones), to scrub
    /// from errors and logs.
    pub fn issued(&self) -> &crate::redact::SecretSet {
        &self.inner.issued
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, CacheState> {
        // A panic while the lock was held cannot leave the state torn
        // (every update is one assignment): use it as it is.
        self.inner
            .state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// A valid token and its generation (pass it to [`invalidate`](Self::invalidate)).
    pub async fn token(&self) -> Result<(SecretString, u64)> {
        let fetch = {
            let mut state = self.lock();
            let now = Instant::now();
            if let Some(c) = state.cached.as_ref()
                && c.refresh_at.is_none_or(|at| now < at)
            {
                return Ok((c.token.clone(), c.generation));
            }
            if let Some((e, until)) = state.failed.as_ref()
                && now < *until
            {
                return Err(share_failure(e));
            }
            match &state.in_flight {
                Some(f) => f.clone(),
                None => {
                    let f = self.start_fetch();
                    state.in_flight = Some(f.clone());
                    f
                }
            }
        };
        fetch.await.map_err(|e| share_failure(&e))
    }

    /// The one fetch every current caller awaits. It settles the cache
    /// itself when it completes, whichever caller polled it last.
    fn start_fetch(&self) -> InFlight {
        use futures::FutureExt as _;
        let cache = self.clone();
        let fetch: BoxFuture<'static, Outcome> = Box::pin(async move {
            cache.inner.fetches.fetch_add(1, Ordering::Relaxed);
            let fetched = cache
                .inner
                .source
                .fetch()
                .await
                .and_then(|fresh| check_token(&fresh.token).map(|()| fresh));
            let mut state = cache.lock();
            state.in_flight = None;
            match fetched {
                Ok(fresh) => {
                    let generation = cache.inner.generation.fetch_add(1, Ordering::Relaxed) + 1;
                    let now = Instant::now();
                    // A lifetime too long for the clock never expires.
                    let refresh_at = fresh.expires_in.and_then(|life| {
                        let ahead = cache.inner.refresh_ahead.min(life / 2);
                        now.checked_add(life.saturating_sub(ahead))
                    });
                    cache.inner.issued.add(fresh.token.clone());
                    tracing::debug!(
                        generation,
                        expires_in_s = fresh.expires_in.map(|d| d.as_secs()),
                        "token refreshed"
                    );
                    state.failed = None;
                    state.cached = Some(Cached {
                        token: fresh.token.clone(),
                        generation,
                        refresh_at,
                    });
                    Ok((fresh.token, generation))
                }
                Err(e) => {
                    let e = Arc::new(e);
                    tracing::debug!(
                        backoff_ms = cache.inner.failure_backoff.as_millis() as u64,
                        "token fetch failed; the failure is shared until the backoff ends"
                    );
                    state.failed =
                        now_plus(cache.inner.failure_backoff).map(|until| (e.clone(), until));
                    Err(e)
                }
            }
        });
        fetch.shared()
    }

    /// Drops the cached token if it is still the one of `generation`.
    pub async fn invalidate(&self, generation: u64) {
        let mut state = self.lock();
        if state
            .cached
            .as_ref()
            .is_some_and(|c| c.generation == generation)
        {
            state.cached = None;
        }
    }
}

fn now_plus(d: Duration) -> Option<Instant> {
    Instant::now().checked_add(d)
}

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

/// The credentials applied to one request, and what is needed to send it
/// once more if the server refuses a token ([`Auth::authorize`]).
pub(crate) struct Authorized {
    used: Vec<(TokenCache, u64)>,
    /// A copy of the request before its credentials, kept only when a token
    /// was used (boxed: most calls carry none, and it sits in every call's
    /// future).
    spare: Option<Box<reqwest::Request>>,
}

impl Authorized {
    /// For a 401: the request to send once more and the tokens to refresh
    /// first, if a token was used (a refused static key is final).
    pub(crate) fn into_retry(self) -> Option<RetryWithNewTokens> {
        match (self.used.is_empty(), self.spare) {
            (false, Some(request)) => Some(RetryWithNewTokens {
                used: self.used,
                request,
            }),
            _ => None,
        }
    }
}

/// A request refused with a 401 and the tokens it carried.
pub(crate) struct RetryWithNewTokens {
    used: Vec<(TokenCache, u64)>,
    request: Box<reqwest::Request>,
}

impl Auth {
    /// Sets the credential headers on `req`.
    pub(crate) async fn authorize(&self, req: &mut reqwest::Request) -> Result<Authorized> {
        let spare = if self.has_dynamic() {
            req.try_clone().map(Box::new)
        } else {
            None
        };
        let used = self.apply(req.headers_mut()).await?;
        Ok(Authorized { used, spare })
    }

    /// Invalidates the refused tokens and returns the request with fresh
    /// credentials, to be sent once more (and not again: the second
    /// answer stands).
    pub(crate) async fn reauthorize(&self, retry: RetryWithNewTokens) -> Result<reqwest::Request> {
        let RetryWithNewTokens { used, request } = retry;
        let mut again = *request;
        for (cache, generation) in used {
            cache.invalidate(generation).await;
        }
        tracing::debug!("token refused with 401: refreshed, retrying once");
        self.apply(again.headers_mut()).await?;
        Ok(again)
    }
}

/// The middleware that applies an [`Auth`] and handles a refused token,
/// innermost in a stack that has user middleware (without any, the
/// transport calls reqwest directly with the same two steps).
pub(crate) struct AuthMiddleware {
    pub(crate) auth: Auth,
}

#[async_trait::async_trait]
impl Middleware for AuthMiddleware {
    async fn handle(
        &self,
        mut req: reqwest::Request,
        extensions: &mut http::Extensions,
        next: Next<'_>,
    ) -> reqwest_middleware::Result<reqwest::Response> {
        // The token fetch counts against the request's time budget.
        let budget = req.timeout().copied();
        let authorized = crate::transport::within("token", budget, self.auth.authorize(&mut req))
            .await
            .map_err(reqwest_middleware::Error::middleware)?;
        let response = next.clone().run(req, extensions).await?;
        if response.status() != StatusCode::UNAUTHORIZED {
            return Ok(response);
        }
        let Some(retry) = authorized.into_retry() else {
            return Ok(response);
        };
        drop(response);
        let again = crate::transport::within("token", budget, self.auth.reauthorize(retry))
            .await
            .map_err(reqwest_middleware::Error::middleware)?;
        next.run(again, extensions).await
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
