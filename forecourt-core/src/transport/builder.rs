//! [`TransportBuilder`]: a client's settings, checked once, into a [`Transport`].

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use http::header::{ACCEPT, USER_AGENT};
use http::{HeaderMap, HeaderName, HeaderValue};
use reqwest_middleware::Middleware;
use secrecy::SecretString;

use crate::auth::{Auth, AuthMiddleware};
use crate::base_url::parse_base_url;
use crate::error::{Error, Result};
use crate::redact;
use crate::retry::RetryPolicy;

use super::client::{HttpClient, default_client, guard};
use super::{
    DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_BODY, DEFAULT_TIMEOUT, DefaultErrorMapper, ErrorMapper,
    Http, Inner, Transport,
};

/// Builds a [`Transport`]. Client crates wrap it in their own builders.
///
/// It is `Clone`, so a client that needs a second transport with the same
/// settings (a token endpoint without the token itself) clones the
/// configured builder and changes only the credentials.
#[derive(Clone)]
pub struct TransportBuilder {
    vendor: &'static str,
    user_agent: String,
    base_url: Option<String>,
    auth: Auth,
    connect_timeout: Option<Duration>,
    timeout: Option<Duration>,
    deadline: Option<Duration>,
    retry: RetryPolicy,
    max_body: u64,
    http: Option<HttpClient>,
    /// The total timeout the SDK built into `http` (`None` for a client
    /// the user passed in, whose settings are the user's).
    client_timeout: Option<Duration>,
    middleware: Vec<Arc<dyn Middleware>>,
    json_content_type: HeaderValue,
    accept: HeaderValue,
    error_mapper: Arc<dyn ErrorMapper>,
    request_id_header: Option<HeaderName>,
    correlation_header: Option<HeaderName>,
    default_headers: HeaderMap,
    scrub: Vec<SecretString>,
    /// Secrets learnt while the client runs (tokens it was issued),
    /// shared by every transport built from clones of this builder.
    learnt: redact::SecretSet,
}

impl fmt::Debug for TransportBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TransportBuilder")
            .field("vendor", &self.vendor)
            .field("base_url", &self.base_url)
            .field("auth", &self.auth)
            .field("connect_timeout", &self.connect_timeout)
            .field("timeout", &self.timeout)
            .field("retry", &self.retry)
            .field("max_body", &self.max_body)
            .finish_non_exhaustive()
    }
}

impl TransportBuilder {
    /// A builder for `vendor` (used in errors and traces) sending `user_agent`
    /// (`<crate>/<version>`).
    pub fn new(vendor: &'static str, user_agent: impl Into<String>) -> Self {
        TransportBuilder {
            vendor,
            user_agent: user_agent.into(),
            base_url: None,
            auth: Auth::none(),
            connect_timeout: Some(DEFAULT_CONNECT_TIMEOUT),
            timeout: Some(DEFAULT_TIMEOUT),
            deadline: None,
            retry: RetryPolicy::default(),
            max_body: DEFAULT_MAX_BODY,
            http: None,
            client_timeout: None,
            middleware: Vec::new(),
            json_content_type: HeaderValue::from_static("application/json"),
            accept: HeaderValue::from_static("application/json"),
            error_mapper: Arc::new(DefaultErrorMapper),
            request_id_header: None,
            correlation_header: None,
            default_headers: HeaderMap::new(),
            scrub: Vec::new(),
            learnt: redact::SecretSet::new(),
        }
    }

    /// The set of secrets learnt while the client runs, shared by every
    /// transport built from this builder and its clones: register a token
    /// issued through one of them here (or hand it to
    /// [`TokenCache::with_issued`](crate::TokenCache::with_issued)), and
    /// all of them scrub it.
    pub fn secret_set(&self) -> &redact::SecretSet {
        &self.learnt
    }

    /// A secret to scrub from error excerpts and details even though this
    /// transport does not send it (a key a second transport of the same
    /// client sends, which a vendor might echo back).
    pub fn scrub_secret(mut self, secret: SecretString) -> Self {
        self.scrub.push(secret);
        self
    }

    /// The base URL (validated at [`build`](Self::build)).
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// The base URL, unless one was set already.
    pub fn default_base_url(mut self, url: impl Into<String>) -> Self {
        if self.base_url.is_none() {
            self.base_url = Some(url.into());
        }
        self
    }

    /// Whether a base URL was set.
    pub fn has_base_url(&self) -> bool {
        self.base_url.is_some()
    }

    /// The credentials.
    pub fn auth(mut self, auth: Auth) -> Self {
        self.auth = auth;
        self
    }

    /// The connect timeout (default 10 s; applies to the client the SDK builds).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// The per-attempt timeout (default 30 s): from sending to the last body
    /// byte of a buffered response; for a streamed download, up to the
    /// response head and then for each wait for the next chunk.
    pub fn timeout(mut self, per_attempt: Duration) -> Self {
        self.timeout = Some(per_attempt);
        self
    }

    /// No connect or per-attempt timeout.
    pub fn without_timeouts(mut self) -> Self {
        self.timeout = None;
        self.connect_timeout = None;
        self
    }

    /// A total deadline for each call, across all its attempts and the
    /// waits between them. When it runs out the call ends with
    /// [`Error::Timeout`] whose `after` is the deadline.
    ///
    /// Default: none. A call is then bounded only by its attempts: up to
    /// the retry policy's attempts × the per-attempt timeout, plus the
    /// waits between them (3 × 30 s + backoff by default).
    pub fn deadline(mut self, total: Duration) -> Self {
        self.deadline = Some(total);
        self
    }

    /// The retry policy (default: 3 attempts, see [`RetryPolicy`]).
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// The largest buffered response body in bytes (default 16 MiB).
    pub fn max_body_bytes(mut self, limit: u64) -> Self {
        self.max_body = limit;
        self
    }

    /// Sends through a reqwest client built from your settings (proxy,
    /// root certificates, connection pool): the SDK finishes `builder`
    /// with its own redirect policy (same origin only: credentials never
    /// follow a redirect to another host) and no `Referer`, whatever the
    /// builder said. It is built here, with the connect timeout set so far
    /// (unless the builder sets one); the per-attempt timeout applies per
    /// request.
    ///
    /// A prebuilt `reqwest::Client` is not accepted: its redirect policy
    /// cannot be checked or changed. Add layers with
    /// [`middleware`](Self::middleware).
    pub fn reqwest_client_builder(mut self, builder: reqwest::ClientBuilder) -> Self {
        let builder = match self.connect_timeout {
            Some(t) => builder.connect_timeout(t),
            None => builder,
        };
        self.http = Some(match guard(builder).build() {
            Ok(client) => HttpClient::Plain(client),
            Err(_) => HttpClient::Invalid,
        });
        self.client_timeout = None;
        self
    }

    /// Adds a middleware layer (tracing, caching, metrics) outside the auth layer.
    pub fn middleware(mut self, layer: impl Middleware) -> Self {
        self.middleware.push(Arc::new(layer));
        self
    }

    /// The media type of JSON bodies and of `Accept` (`application/vnd.api+json`).
    pub fn json_media_type(mut self, media_type: &'static str) -> Self {
        self.json_content_type = HeaderValue::from_static(media_type);
        self.accept = HeaderValue::from_static(media_type);
        self
    }

    /// How the vendor's error bodies become [`ErrorDetail`](crate::ErrorDetail)s.
    pub fn error_mapper(mut self, mapper: impl ErrorMapper) -> Self {
        self.error_mapper = Arc::new(mapper);
        self
    }

    /// The response header carrying the vendor's request id.
    pub fn request_id_header(mut self, name: &'static str) -> Self {
        self.request_id_header = Some(HeaderName::from_static(name));
        self
    }

    /// Sends a fresh UUID in this header for each call (the same across its
    /// retries) and reports it on errors.
    pub fn correlation_id_header(mut self, name: &'static str) -> Self {
        self.correlation_header = Some(HeaderName::from_static(name));
        self
    }

    /// A header sent with every call.
    pub fn default_header(mut self, name: HeaderName, value: HeaderValue) -> Self {
        self.default_headers.insert(name, value);
        self
    }

    /// Builds the SDK's default HTTP client now (if none was given), so
    /// that clones of this builder, and the transports built from them,
    /// share one connection pool.
    pub fn share_http_client(mut self) -> Result<Self> {
        if self.http.is_none() {
            let client = default_client(self.vendor, self.connect_timeout, self.timeout)?;
            self.http = Some(HttpClient::Plain(client));
            self.client_timeout = self.timeout;
        }
        Ok(self)
    }

    /// Validates the settings and builds the transport.
    pub fn build(self) -> Result<Transport> {
        let base = self
            .base_url
            .as_deref()
            .ok_or_else(|| Error::invalid_input("base_url", "is required for this vendor"))?;
        let base_url = parse_base_url(base)?;
        let user_agent = HeaderValue::from_str(&self.user_agent)
            .map_err(|_| Error::invalid_input("user_agent", "is not a valid header value"))?;
        let mut secrets = self.auth.static_secrets();
        secrets.extend(self.scrub);
        let mut live = self.auth.token_sets();
        live.push(self.learnt.clone());
        let scrubber = redact::Scrubber::new(secrets, live);
        // The headers every call sends, merged once: the defaults, then
        // `User-Agent` and `Accept` (the order in which they override).
        let mut fixed_headers = self.default_headers;
        fixed_headers.insert(USER_AGENT, user_agent);
        fixed_headers.insert(ACCEPT, self.accept);
        // What an attempt adds to them at most: a content type, a
        // correlation id, the credential headers, and the `Host` that
        // hyper inserts. Sized for all of them, an attempt's header map
        // is allocated once and never grows.
        let header_capacity = fixed_headers.len() + 3 + self.auth.header_count();
        // A client the SDK builds here gets this transport's timeout.
        let (client, client_timeout) = match &self.http {
            Some(HttpClient::Plain(c)) => (c.clone(), self.client_timeout),
            Some(HttpClient::Invalid) => {
                return Err(Error::invalid_input(
                    "reqwest_client_builder",
                    "could not be built into a client",
                ));
            }
            None => (
                default_client(self.vendor, self.connect_timeout, self.timeout)?,
                self.timeout,
            ),
        };
        let http = if self.middleware.is_empty() {
            // No user middleware: reqwest directly, credentials applied in
            // `Transport::exchange`, without reqwest-middleware's boxed
            // future per layer and `Extensions` map per call.
            Http::Direct(client)
        } else {
            {
                let mut stack = reqwest_middleware::ClientBuilder::new(client);
                for layer in self.middleware {
                    stack = stack.with_arc(layer);
                }
                // Innermost, so that user middleware never sees credentials.
                if !self.auth.is_none() {
                    stack = stack.with(AuthMiddleware {
                        auth: self.auth.clone(),
                    });
                }
                Http::Stack(stack.build())
            }
        };
        Ok(Transport {
            call_defaults: None,
            inner: Arc::new(Inner {
                vendor: self.vendor,
                http,
                client_timeout,
                auth: self.auth,
                base_url,
                timeout: self.timeout,
                deadline: self.deadline,
                retry: self.retry,
                max_body: self.max_body,
                json_content_type: self.json_content_type,
                error_mapper: self.error_mapper,
                request_id_header: self.request_id_header,
                correlation_header: self.correlation_header,
                fixed_headers,
                header_capacity,
                scrubber,
                learnt: self.learnt,
            }),
        })
    }
}
