//! Expiring tokens: the [`AccessToken`] a [`TokenSource`] issues and the
//! [`TokenCache`] in front of it (refresh ahead, single flight, shared
//! failures, issued tokens registered for scrubbing).

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use futures::future::BoxFuture;
use http::HeaderValue;
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
