//! The pipeline every call goes through:
//! `build request → auth → send (timeouts) → retry decision → decode or typed error`.

use std::fmt;
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use bytes::{Bytes, BytesMut};
use futures::{Stream, StreamExt};
use http::header::{ACCEPT, CONTENT_TYPE, RETRY_AFTER, USER_AGENT};
use http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
use reqwest_middleware::{ClientWithMiddleware, Middleware};
use secrecy::SecretString;
use serde::de::DeserializeOwned;
use tracing::{Instrument, field::Empty};
use url::Url;

use crate::auth::{Auth, AuthMiddleware};
use crate::base_url::{parse_base_url, same_origin};
use crate::error::{ApiError, BoxError, DecodeError, Error, ErrorDetail, Result};
use crate::redact;
use crate::request::{Request, RequestOptions, Target, expand_template_after};
use crate::retry::{RetryPolicy, is_idempotent, is_retryable_status, parse_retry_after};

/// The default connect timeout.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// The default per-attempt timeout.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// The default cap on a buffered (JSON) response body.
pub const DEFAULT_MAX_BODY: u64 = 16 * 1024 * 1024;

/// Maps a vendor's error document into [`ErrorDetail`]s.
pub trait ErrorMapper: Send + Sync + 'static {
    /// The details of an error response; empty if the body says nothing usable.
    fn details(&self, status: StatusCode, body: &[u8]) -> Vec<ErrorDetail>;
}

impl<F> ErrorMapper for F
where
    F: Fn(StatusCode, &[u8]) -> Vec<ErrorDetail> + Send + Sync + 'static,
{
    fn details(&self, status: StatusCode, body: &[u8]) -> Vec<ErrorDetail> {
        (self)(status, body)
    }
}

/// Understands the error shapes the vendors use: JSON:API `errors` arrays,
/// `{"message"}` / `{"Message"}`, `{"error": ".."}` or `{"error": {"message"}}`,
/// `error_description`, Apigee `{"fault":{"faultstring"}}`, RFC 7807
/// `title`/`detail`, and Rails-style `{"errors": {"field": ["msg"]}}`.
#[derive(Debug, Clone, Copy, Default)]
pub struct DefaultErrorMapper;

fn text_of(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn detail_from_object(o: &serde_json::Map<String, serde_json::Value>) -> Option<ErrorDetail> {
    let message = [
        "detail",
        "message",
        "Message",
        "title",
        "error",
        "description",
    ]
    .iter()
    .find_map(|k| o.get(*k).and_then(text_of))?;
    let mut d = ErrorDetail::message(message);
    let pointer = o
        .get("source")
        .and_then(|s| s.get("pointer").or_else(|| s.get("parameter")))
        .or_else(|| o.get("field"))
        .or_else(|| o.get("pointer"))
        .or_else(|| o.get("path"))
        .and_then(text_of);
    if let Some(p) = pointer {
        d = d.with_pointer(p);
    }
    if let Some(c) = o.get("code").and_then(text_of) {
        d = d.with_code(c);
    }
    Some(d)
}

impl ErrorMapper for DefaultErrorMapper {
    fn details(&self, _status: StatusCode, body: &[u8]) -> Vec<ErrorDetail> {
        let Ok(v) = serde_json::from_slice::<serde_json::Value>(body) else {
            return Vec::new();
        };
        let Some(root) = v.as_object() else {
            return match &v {
                serde_json::Value::Array(items) => items
                    .iter()
                    .filter_map(|i| i.as_object().and_then(detail_from_object))
                    .collect(),
                other => text_of(other)
                    .map(ErrorDetail::message)
                    .into_iter()
                    .collect(),
            };
        };
        match root.get("errors") {
            Some(serde_json::Value::Array(items)) => {
                let out: Vec<_> = items
                    .iter()
                    .filter_map(|i| match i {
                        serde_json::Value::Object(o) => detail_from_object(o),
                        other => text_of(other).map(ErrorDetail::message),
                    })
                    .collect();
                if !out.is_empty() {
                    return out;
                }
            }
            Some(serde_json::Value::Object(fields)) => {
                let out: Vec<_> = fields
                    .iter()
                    .flat_map(|(field, msgs)| {
                        let msgs: Vec<String> = match msgs {
                            serde_json::Value::Array(a) => a.iter().filter_map(text_of).collect(),
                            other => text_of(other).into_iter().collect(),
                        };
                        msgs.into_iter()
                            .map(move |m| ErrorDetail::message(m).with_pointer(field.clone()))
                    })
                    .collect();
                if !out.is_empty() {
                    return out;
                }
            }
            _ => {}
        }
        if let Some(fault) = root.get("fault").and_then(|f| f.as_object())
            && let Some(msg) = fault.get("faultstring").and_then(text_of)
        {
            let mut d = ErrorDetail::message(msg);
            if let Some(code) = fault
                .get("detail")
                .and_then(|d| d.get("errorcode"))
                .and_then(text_of)
            {
                d = d.with_code(code);
            }
            return vec![d];
        }
        if let Some(serde_json::Value::Object(e)) = root.get("error")
            && let Some(d) = detail_from_object(e)
        {
            return vec![d];
        }
        if let Some(desc) = root.get("error_description").and_then(text_of) {
            let mut d = ErrorDetail::message(desc);
            if let Some(code) = root.get("error").and_then(text_of) {
                d = d.with_code(code);
            }
            return vec![d];
        }
        detail_from_object(root).into_iter().collect()
    }
}

/// A buffered response: status, headers and body.
pub struct RawResponse {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
    /// The values the call sent that must not come back in an error
    /// (decoding this body may still fail).
    secrets: Vec<SecretString>,
}

impl fmt::Debug for RawResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RawResponse")
            .field("status", &self.status)
            .field("body_len", &self.body.len())
            .finish_non_exhaustive()
    }
}

impl RawResponse {
    /// The status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The body.
    pub fn body(&self) -> &Bytes {
        &self.body
    }

    /// A hash of the body, to recognise a page the server sends twice.
    pub fn fingerprint(&self) -> u64 {
        use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
        BuildHasherDefault::<DefaultHasher>::default().hash_one(&self.body[..])
    }
}

/// A streamed response body (binary downloads): chunks as they arrive.
pub struct ByteStream {
    content_type: Option<String>,
    content_length: Option<u64>,
    inner: Pin<Box<dyn Stream<Item = Result<Bytes>> + Send>>,
}

impl fmt::Debug for ByteStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ByteStream")
            .field("content_type", &self.content_type)
            .field("content_length", &self.content_length)
            .finish_non_exhaustive()
    }
}

impl ByteStream {
    /// The `Content-Type` the server sent.
    pub fn content_type(&self) -> Option<&str> {
        self.content_type.as_deref()
    }

    /// The `Content-Length` the server sent.
    pub fn content_length(&self) -> Option<u64> {
        self.content_length
    }
}

impl Stream for ByteStream {
    type Item = Result<Bytes>;

    fn poll_next(
        mut self: Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        self.inner.as_mut().poll_next(cx)
    }
}

#[derive(Clone)]
enum HttpClient {
    /// A client the SDK built (with its redirect policy).
    Plain(reqwest::Client),
    /// The user's builder could not be built.
    Invalid,
}

/// The error a redirect to another origin raises inside reqwest.
#[derive(Debug)]
struct CrossOriginRedirect {
    origin: String,
}

impl fmt::Display for CrossOriginRedirect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "redirect to another origin ({}) refused", self.origin)
    }
}

impl std::error::Error for CrossOriginRedirect {}

/// The redirect policy of the SDK: follow up to 10 redirects within the
/// origin of the first request, refuse any other (reqwest strips
/// `Authorization` across origins but forwards headers like `X-Api-Key`).
///
/// The SDK sets it on every client it sends through, including one built
/// from your [`TransportBuilder::reqwest_client_builder`].
pub fn redirect_policy() -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::custom(|attempt| {
        let Some(first) = attempt.previous().first() else {
            return attempt.follow();
        };
        if attempt.previous().len() > 10 {
            return attempt.error("too many redirects");
        }
        if same_origin(first, attempt.url()) {
            attempt.follow()
        } else {
            let origin = attempt.url().origin().ascii_serialization();
            attempt.error(CrossOriginRedirect { origin })
        }
    })
}

/// A `reqwest::ClientBuilder` with the SDK's defaults: connect timeout
/// 10 s, same-origin redirects only, no `Referer`. Add your proxy, root
/// certificates or pool limits and pass it to
/// [`TransportBuilder::reqwest_client_builder`] (any builder will do: the
/// SDK sets its redirect policy on it last).
pub fn http_client_builder() -> reqwest::ClientBuilder {
    base_client_builder().connect_timeout(DEFAULT_CONNECT_TIMEOUT)
}

fn base_client_builder() -> reqwest::ClientBuilder {
    guard(reqwest::Client::builder())
}

/// What the SDK sets on every HTTP client, last, whoever configured it:
/// same-origin redirects only, no `Referer`.
fn guard(builder: reqwest::ClientBuilder) -> reqwest::ClientBuilder {
    builder.redirect(redirect_policy()).referer(false)
}

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

    /// How the vendor's error bodies become [`ErrorDetail`]s.
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

/// The default `reqwest::Client`, with the transport's per-attempt
/// `timeout` as its own total timeout.
///
/// Built in, the timeout costs a call nothing beyond its timer: set per
/// request instead (`reqwest::Request::timeout_mut`), it is stored in the
/// request's extensions, a map allocated for every request (BENCHMARKS.md,
/// figure 4). Calls with another limit set theirs per request
/// ([`Transport::exchange`]).
///
/// It has no `read_timeout`: the per-attempt timeout bounds a buffered
/// exchange, and [`idle_limited`] bounds each wait of a streamed body.
/// reqwest's read timeout arms a timer for every read of every response:
/// 2,600 more instructions per small call (callgrind; figure 4).
fn default_client(
    vendor: &'static str,
    connect_timeout: Option<Duration>,
    timeout: Option<Duration>,
) -> Result<reqwest::Client> {
    client_from(vendor, reqwest::Client::builder(), connect_timeout, timeout)
}

/// Finishes `builder` (the user's or a fresh one) with the SDK's guard and timeouts.
fn client_from(
    vendor: &'static str,
    builder: reqwest::ClientBuilder,
    connect_timeout: Option<Duration>,
    timeout: Option<Duration>,
) -> Result<reqwest::Client> {
    let mut b = guard(builder);
    if let Some(t) = connect_timeout {
        b = b.connect_timeout(t);
    }
    if let Some(t) = timeout {
        b = b.timeout(t);
    }
    b.build().map_err(|e| Error::Connect {
        vendor,
        source: Box::new(e.without_url()),
    })
}

/// How a transport reaches reqwest.
enum Http {
    /// No user middleware: the client itself; `Inner::auth` is applied by
    /// the transport.
    Direct(reqwest::Client),
    /// User middleware, with [`AuthMiddleware`] innermost.
    Stack(ClientWithMiddleware),
}

/// "No limit" for one request on a client that has a timeout of its own:
/// reqwest has no per-request way to lift it, so the limit is a year.
const NO_LIMIT: Duration = Duration::from_secs(365 * 24 * 60 * 60);

struct Inner {
    vendor: &'static str,
    http: Http,
    /// The total timeout `http` applies by itself, if the SDK built it.
    client_timeout: Option<Duration>,
    /// Applied by the transport for [`Http::Direct`]; inside the stack
    /// (and unused here) for [`Http::Stack`].
    auth: Auth,
    base_url: Url,
    timeout: Option<Duration>,
    deadline: Option<Duration>,
    retry: RetryPolicy,
    max_body: u64,
    json_content_type: HeaderValue,
    error_mapper: Arc<dyn ErrorMapper>,
    request_id_header: Option<HeaderName>,
    correlation_header: Option<HeaderName>,
    /// The default headers, `User-Agent` and `Accept`: sent with every call.
    fixed_headers: HeaderMap,
    /// The capacity of an attempt's header map, less the call's own headers.
    header_capacity: usize,
    /// The transport's scrub set; a call adds its own values.
    scrubber: redact::Scrubber,
    /// The learnt part of the scrub set (also in `scrubber`).
    learnt: redact::SecretSet,
}

/// The shared HTTP pipeline of a client. Cheap to clone (an `Arc` inside).
#[derive(Clone)]
pub struct Transport {
    inner: Arc<Inner>,
    /// Per-call options applied to every call through this handle (see
    /// [`Transport::with_options`]); a request's own options win.
    call_defaults: Option<Arc<RequestOptions>>,
}

impl fmt::Debug for Transport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Transport")
            .field("vendor", &self.inner.vendor)
            .field("base_url", &self.inner.base_url.as_str())
            .field("timeout", &self.inner.timeout)
            .field("retry", &self.inner.retry)
            .field("max_body", &self.inner.max_body)
            .field("call_options", &self.call_defaults)
            .finish_non_exhaustive()
    }
}

/// A checked call, ready to be sent as many times as it is attempted.
///
/// It holds what the call adds to the client's settings, not a finished
/// header map: each attempt builds its headers once, at their final size
/// (see [`Transport::attempt_headers`]). A prepared map cloned per attempt
/// was two allocations and a regrowth per call (the clone is made at its
/// length; the credentials and hyper's `Host` then outgrow it), and with
/// 1,000 calls in flight that memory pushed reqwest's and hyper's own
/// buffers out of the cache (BENCHMARKS.md, figure 4).
struct Prepared {
    op_name: &'static str,
    path_template: &'static str,
    method: Method,
    url: Url,
    body: Option<Bytes>,
    /// The body's content type.
    content_type: Option<HeaderValue>,
    /// Headers of this call (`Request::header`, `RequestOptions::header`);
    /// usually none.
    call_headers: Option<Box<HeaderMap>>,
    timeout: Option<Duration>,
    /// This call's own retry policy and deadline; `None` uses the
    /// client's (boxed: rare, and it would enlarge every call's state).
    overrides: Option<Box<Overrides>>,
    /// The correlation id sent in the client's correlation header.
    correlation_id: Option<HeaderValue>,
    /// The call's own secrets (see [`Request::scrub`]); usually none.
    secrets: Option<Box<[SecretString]>>,
}

/// A call's own retry policy and total deadline.
struct Overrides {
    retry: Option<RetryPolicy>,
    deadline: Option<Option<Duration>>,
}

/// How far a call has got: kept by [`Transport::run`], counted by
/// [`Transport::attempts`] (one reference in its state, not two).
struct Progress {
    started: tokio::time::Instant,
    attempt: u32,
}

impl Prepared {
    fn retry<'a>(&'a self, inner: &'a Inner) -> &'a RetryPolicy {
        self.overrides
            .as_deref()
            .and_then(|o| o.retry.as_ref())
            .unwrap_or(&inner.retry)
    }

    fn deadline(&self, inner: &Inner) -> Option<Duration> {
        self.overrides
            .as_deref()
            .and_then(|o| o.deadline)
            .unwrap_or(inner.deadline)
    }

    fn secrets(&self) -> &[SecretString] {
        self.secrets.as_deref().unwrap_or_default()
    }

    fn correlation_id(&self) -> Option<&str> {
        self.correlation_id.as_ref().and_then(|v| v.to_str().ok())
    }
}

/// A prepared call's pipeline (see [`Transport::execute`]).
type Pipeline<'a> = Pin<Box<dyn Future<Output = Result<Received>> + Send + 'a>>;

enum Received {
    Buffered(RawResponse),
    /// A success to stream; `idle` is the per-attempt timeout, applied to
    /// each wait for the next chunk.
    Streaming {
        response: reqwest::Response,
        idle: Option<Duration>,
    },
}

impl Transport {
    /// The same transport (same connections, credentials and settings)
    /// whose calls use `options` where a request sets none of its own:
    /// how every client's resource handles offer
    /// `client.quotes().options(..)` for all their operations. A field the
    /// request's own [`RequestOptions`] set wins; extra headers add up
    /// (the request's win on a clash).
    pub fn with_options(&self, options: RequestOptions) -> Transport {
        Transport {
            inner: Arc::clone(&self.inner),
            call_defaults: Some(Arc::new(options)),
        }
    }

    /// The vendor's name.
    pub fn vendor(&self) -> &'static str {
        self.inner.vendor
    }

    /// The validated base URL.
    pub fn base_url(&self) -> &Url {
        &self.inner.base_url
    }

    /// Sends a request and returns the buffered response if its status is a success.
    ///
    /// The request is checked (and its URL built) when this is called; an
    /// invalid one resolves to [`Error::InvalidInput`] without sending.
    /// Nothing goes on the wire until the future is polled.
    pub fn send(&self, request: Request) -> impl Future<Output = Result<RawResponse>> + Send + '_ {
        let pipeline = self.execute(request, false);
        async move {
            match pipeline?.await? {
                Received::Buffered(r) => Ok(r),
                Received::Streaming { .. } => Err(Error::Protocol {
                    vendor: self.inner.vendor,
                    message: "unexpected streaming response".into(),
                }),
            }
        }
    }

    /// Sends a request and decodes a JSON body into `T`.
    pub fn send_json<T: DeserializeOwned>(
        &self,
        request: Request,
    ) -> impl Future<Output = Result<T>> + Send + '_ {
        let sent = self.send(request);
        async move {
            let response = sent.await?;
            self.decode(&response)
        }
    }

    /// Sends a request whose success has no body worth reading (`204`).
    pub fn send_no_content(
        &self,
        request: Request,
    ) -> impl Future<Output = Result<()>> + Send + '_ {
        let sent = self.send(request);
        async move { sent.await.map(drop) }
    }

    /// Sends a request and streams the body of a success (binary downloads).
    /// Errors are buffered (capped) and mapped as usual.
    pub async fn send_stream(&self, request: Request) -> Result<ByteStream> {
        let vendor = self.inner.vendor;
        match self.execute(request, true)?.await? {
            Received::Streaming {
                response: resp,
                idle,
            } => {
                let content_type = resp
                    .headers()
                    .get(CONTENT_TYPE)
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_owned);
                let content_length = resp.content_length();
                Ok(ByteStream {
                    content_type,
                    content_length,
                    inner: Box::pin(idle_limited(vendor, resp.bytes_stream(), idle)),
                })
            }
            Received::Buffered(r) => {
                let content_type = r
                    .headers
                    .get(CONTENT_TYPE)
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_owned);
                let len = r.body.len() as u64;
                Ok(ByteStream {
                    content_type,
                    content_length: Some(len),
                    inner: Box::pin(futures::stream::iter([Ok(r.body)])),
                })
            }
        }
    }

    /// Registers a secret learnt while the client runs (a token issued to
    /// it): from now on it is scrubbed from every error of this transport
    /// and of the others built from the same builder.
    pub fn add_secret(&self, secret: SecretString) {
        self.inner.learnt.add(secret);
    }

    /// Passes `error` (one built by a client crate from a response, for
    /// example) through this transport's scrub set and `extra`.
    pub fn scrub_error(&self, error: Error, extra: &[SecretString]) -> Error {
        redact::scrub_error(error, &self.inner.scrubber.all(extra))
    }

    /// Scrubs `text` with this transport's scrub set and `extra`.
    pub fn scrub_text(&self, text: &str, extra: &[SecretString]) -> String {
        redact::scrub(text, &self.inner.scrubber.all(extra))
    }

    /// Sends a request, decodes a JSON body into `D`, and maps it with
    /// `then` (a second-stage decode, such as JSON:API attributes into a
    /// model): an error of `then` passes through the call's scrub set too,
    /// the values the call itself sent included.
    pub fn send_json_then<D: DeserializeOwned, T>(
        &self,
        request: Request,
        then: impl FnOnce(D) -> Result<T> + Send + 'static,
    ) -> impl Future<Output = Result<T>> + Send + '_ {
        let sent = self.send(request);
        async move {
            let response = sent.await?;
            let doc: D = self.decode(&response)?;
            then(doc).map_err(|e| self.scrub_error(e, &response.secrets))
        }
    }

    /// Decodes a JSON body into `T`; a mismatch is an [`Error::Decode`]
    /// with the JSON path of the failing field.
    pub fn decode<T: DeserializeOwned>(&self, response: &RawResponse) -> Result<T> {
        decode_json_inner(self.inner.vendor, &response.body, Some(&response.headers))
            .map_err(|e| redact::scrub_error(e, &self.inner.scrubber.all(&response.secrets)))
    }

    /// Decodes JSON bytes that did not come straight from a response (a
    /// decrypted body, a webhook) with the same error reporting.
    pub fn decode_bytes<T: DeserializeOwned>(&self, body: &[u8]) -> Result<T> {
        decode_json_inner(self.inner.vendor, body, None)
            .map_err(|e| redact::scrub_error(e, &self.inner.scrubber.all(&[])))
    }

    fn prepare(&self, request: Request) -> Result<Prepared> {
        let inner = &*self.inner;
        let Request {
            op,
            target,
            query,
            body,
            headers: call_headers,
            options,
            secrets,
        } = request;
        let mut url = match target {
            Target::Template(params) => {
                let base_path = inner.base_url.path().trim_end_matches('/');
                let path = expand_template_after(base_path, op.path(), &params)?;
                let mut url = inner.base_url.clone();
                url.set_path(&path);
                url
            }
            Target::Absolute(url) => {
                if !same_origin(&url, &inner.base_url) {
                    return Err(Error::invalid_input(
                        "url",
                        "is not on the configured base URL's origin; credentials are never sent elsewhere",
                    ));
                }
                url
            }
        };
        if let Some(q) = query {
            url.set_query(Some(&q));
        }
        let (body, content_type) = match body {
            Some(b) => (
                Some(b.data),
                Some(
                    b.content_type
                        .unwrap_or_else(|| inner.json_content_type.clone()),
                ),
            ),
            None => (None, None),
        };
        let options = match self.call_defaults.as_deref() {
            Some(defaults) => options.or_defaults(defaults),
            None => options,
        };
        // The options' headers override the request's.
        let mut call_headers = call_headers;
        for (name, value) in &options.headers {
            call_headers.insert(name.clone(), value.clone());
        }
        let call_headers = (!call_headers.is_empty()).then(|| Box::new(call_headers));
        let correlation_id = inner.correlation_header.as_ref().and_then(|_| {
            let mut id = [0; uuid::fmt::Hyphenated::LENGTH];
            let id = uuid::Uuid::new_v4().hyphenated().encode_lower(&mut id);
            HeaderValue::from_str(id).ok()
        });
        Ok(Prepared {
            op_name: op.name(),
            path_template: op.path(),
            method: op.method().clone(),
            url,
            body,
            content_type,
            call_headers,
            timeout: options.timeout.unwrap_or(inner.timeout),
            overrides: (options.retry.is_some() || options.deadline.is_some()).then(|| {
                Box::new(Overrides {
                    retry: options.retry,
                    deadline: options.deadline,
                })
            }),
            correlation_id,
            secrets: (!secrets.is_empty()).then(|| secrets.into_boxed_slice()),
        })
    }

    /// The headers of one attempt, in one map allocated at its final size:
    /// the client's fixed headers, the content type, the call's own
    /// headers (which override those), and the correlation id. The
    /// credentials are added after this, inside the allowance.
    fn attempt_headers(&self, p: &Prepared) -> HeaderMap {
        let inner = &*self.inner;
        let call_headers = p.call_headers.as_deref();
        let mut headers = HeaderMap::with_capacity(
            inner.header_capacity + call_headers.map_or(0, HeaderMap::len),
        );
        for (name, value) in &inner.fixed_headers {
            headers.insert(name.clone(), value.clone());
        }
        if let Some(content_type) = &p.content_type {
            headers.insert(CONTENT_TYPE, content_type.clone());
        }
        for (name, value) in call_headers.into_iter().flatten() {
            headers.insert(name.clone(), value.clone());
        }
        if let (Some(name), Some(id)) = (&inner.correlation_header, &p.correlation_id) {
            headers.insert(name.clone(), id.clone());
        }
        headers
    }

    /// Checks and prepares the request now, and returns the pipeline that
    /// sends it when polled.
    ///
    /// The pipeline is boxed once, here, together with the prepared call
    /// (952 bytes in all). Unboxed, as nested `async fn`s that each kept
    /// their own copy of the 0.5 KiB `Request` argument, it was 4.3 KiB
    /// per `send_json` call, copied each time a caller's future moved
    /// (into `join_all`, `FuturesUnordered`, `tokio::spawn`). See
    /// BENCHMARKS.md, figure 4 (fixes D and F).
    fn execute(&self, request: Request, stream: bool) -> Result<Pipeline<'_>> {
        let prepared = self.prepare(request)?;
        let span = tracing::info_span!(
            "sdk.call",
            vendor = self.inner.vendor,
            operation = prepared.op_name,
            method = %prepared.method,
            path = prepared.path_template,
            correlation_id = prepared.correlation_id(),
            status = Empty,
            attempts = Empty,
            elapsed_ms = Empty,
        );
        // One box holds the prepared call and its pipeline; it stays within
        // the allocator's thread cache (glibc: up to 1,032 bytes; test
        // `the_pipeline_fits_one_small_allocation`). An `async move` block
        // owns `prepared` in place; passing it to an `async fn` by value
        // would store it twice (argument and local).
        // The clock is read only for a span that a subscriber records.
        let timed = !span.is_disabled();
        Ok(Box::pin(
            async move { self.run(&prepared, stream, timed).await }.instrument(span),
        ))
    }

    /// The attempts of a call, inside its `sdk.call` span; `timed` is
    /// whether a subscriber records that span. The call's total deadline,
    /// if any, bounds the attempts and the waits between them.
    async fn run(&self, p: &Prepared, stream: bool, timed: bool) -> Result<Received> {
        let mut progress = Progress {
            started: tokio::time::Instant::now(),
            attempt: 0,
        };
        let deadline = p.deadline(&self.inner);
        let at = deadline.and_then(|d| progress.started.checked_add(d));
        let result = match at {
            // Boxed: a deadline is the rarer case, and its timer would
            // enlarge every call's state (see `Transport::execute`).
            Some(at) => Box::pin(tokio::time::timeout_at(
                at,
                self.attempts(p, stream, timed, &mut progress),
            ))
            .await
            .unwrap_or_else(|_| {
                Err(Error::timeout(
                    self.inner.vendor,
                    deadline.unwrap_or_default(),
                ))
            }),
            None => self.attempts(p, stream, timed, &mut progress).await,
        };
        let attempt = progress.attempt;
        let elapsed = progress.started.elapsed();
        let span = if timed {
            tracing::Span::current()
        } else {
            tracing::Span::none()
        };
        span.record("attempts", attempt);
        if timed {
            span.record("elapsed_ms", elapsed.as_millis() as u64);
        }
        let result = match result {
            Ok(Received::Buffered(mut r)) => {
                span.record("status", r.status.as_u16());
                if r.status.is_success() {
                    r.secrets = p.secrets().to_vec();
                    return Ok(Received::Buffered(r));
                }
                Err(self.api_error(p, r))
            }
            Ok(streaming @ Received::Streaming { .. }) => {
                if let Received::Streaming { response, .. } = &streaming {
                    span.record("status", response.status().as_u16());
                }
                return Ok(streaming);
            }
            Err(Error::Timeout { vendor, after, .. }) => Err(Error::Timeout {
                vendor,
                after,
                elapsed,
                attempts: attempt.max(1),
            }),
            Err(e) => Err(e),
        };
        // Every error of the call passes through its scrub set before
        // anyone (the failure event included) sees it.
        let result =
            result.map_err(|e| redact::scrub_error(e, &self.inner.scrubber.all(p.secrets())));
        if let Err(e) = &result {
            self.log_failure(p, e, attempt, elapsed);
        }
        result
    }

    /// One event for a failed call, with the fields of its `sdk.call`
    /// span. The error's text is what `Display` shows, already scrubbed.
    ///
    /// A vendor's refusal of the caller's request (a 4xx) is INFO: often
    /// expected (a lookup that finds nothing) and the caller gets the
    /// error anyway. Everything else (5xx, timeouts, connection and
    /// decoding failures, refused credentials) is WARN. Both reach a
    /// default `tracing_subscriber::fmt()` subscriber; successes do not
    /// (their spans are INFO, their events DEBUG).
    fn log_failure(&self, p: &Prepared, error: &Error, attempts: u32, elapsed: Duration) {
        let status = error.status().map(|s| s.as_u16());
        let elapsed_ms = u64::try_from(elapsed.as_millis()).unwrap_or(u64::MAX);
        macro_rules! event {
            ($level:expr) => {
                tracing::event!(
                    $level,
                    vendor = self.inner.vendor,
                    operation = p.op_name,
                    method = %p.method,
                    path = p.path_template,
                    correlation_id = p.correlation_id(),
                    status,
                    attempts,
                    elapsed_ms,
                    error = %error,
                    "sdk call failed"
                )
            };
        }
        if matches!(error, Error::Api(api) if api.status.is_client_error()) {
            event!(tracing::Level::INFO);
        } else {
            event!(tracing::Level::WARN);
        }
    }

    /// The attempts of a call and the waits between them; `attempt`
    /// counts them as they start. A wait that would pass the deadline
    /// is not taken: the last outcome is returned instead.
    async fn attempts(
        &self,
        p: &Prepared,
        stream: bool,
        timed: bool,
        progress: &mut Progress,
    ) -> Result<Received> {
        let idempotent = is_idempotent(&p.method);
        loop {
            progress.attempt = progress.attempt.saturating_add(1);
            let n = progress.attempt;
            // `outcome` ends with this block: a retry's wait does not keep
            // it (it would enlarge every call's state).
            let delay = {
                let attempt_span = tracing::debug_span!(
                    "sdk.attempt",
                    attempt = n,
                    status = Empty,
                    elapsed_ms = Empty
                );
                let attempt_started = timed.then(tokio::time::Instant::now);
                let outcome = self
                    .attempt(p, stream)
                    .instrument(attempt_span.clone())
                    .await;
                if let Some(at) = attempt_started {
                    attempt_span.record("elapsed_ms", at.elapsed().as_millis() as u64);
                }
                let (retryable, retry_after) = match &outcome {
                    Ok(Received::Buffered(r)) => {
                        attempt_span.record("status", r.status.as_u16());
                        let again =
                            !r.status.is_success() && idempotent && is_retryable_status(r.status);
                        let after = again
                            .then(|| r.headers.get(RETRY_AFTER))
                            .flatten()
                            .and_then(|v| parse_retry_after(v, SystemTime::now()));
                        (again, after)
                    }
                    Ok(Received::Streaming { response: r, .. }) => {
                        attempt_span.record("status", r.status().as_u16());
                        (false, None)
                    }
                    Err(Error::Connect { .. }) => (true, None),
                    Err(Error::Timeout { .. } | Error::Network { .. }) => (idempotent, None),
                    Err(_) => (false, None),
                };
                let retry = p.retry(&self.inner);
                if !retryable || n >= retry.attempts() {
                    return outcome;
                }
                let delay = retry.delay(n, retry_after);
                let past_deadline = p
                    .deadline(&self.inner)
                    .is_some_and(|total| progress.started.elapsed().saturating_add(delay) >= total);
                if past_deadline {
                    return outcome;
                }
                delay
            };
            tracing::debug!(attempt = n, delay_ms = delay.as_millis() as u64, "retrying");
            tokio::time::sleep(delay).await;
        }
    }

    async fn attempt(&self, p: &Prepared, stream: bool) -> Result<Received> {
        if stream {
            // Boxed: downloads are rare, and this keeps their larger state
            // out of every buffered call's (see `Transport::execute`).
            return Box::pin(self.attempt_stream(p)).await;
        }
        // A buffered exchange, body included, is bounded by reqwest's own
        // per-request timeout: measured cheaper than wrapping the future in
        // `tokio::time::timeout` (figure 4 of BENCHMARKS.md).
        let mut response = self.exchange(p, p.timeout).await?;
        self.buffer(&mut response, p.timeout).await
    }

    /// An attempt whose success is streamed. The limit covers the exchange
    /// up to the response head; the body is then bounded per chunk
    /// (`idle_limited`), so that a long download that keeps moving is not
    /// cut short.
    async fn attempt_stream(&self, p: &Prepared) -> Result<Received> {
        let head = async {
            let mut response = self.exchange(p, None).await?;
            if response.status().is_success() {
                return Ok(Received::Streaming {
                    response,
                    idle: p.timeout,
                });
            }
            self.buffer(&mut response, p.timeout).await
        };
        match p.timeout {
            Some(limit) => tokio::time::timeout(limit, head)
                .await
                .unwrap_or(Err(Error::timeout(self.inner.vendor, limit))),
            None => head.await,
        }
    }

    /// Reads a whole (capped) response into a [`RawResponse`].
    async fn buffer(
        &self,
        response: &mut reqwest::Response,
        timeout: Option<Duration>,
    ) -> Result<Received> {
        let body = read_capped(self.inner.vendor, response, self.inner.max_body, timeout).await?;
        let status = response.status();
        // Taken, not cloned, and after the read: held across it, they
        // would enlarge every call's state.
        let headers = std::mem::take(response.headers_mut());
        Ok(Received::Buffered(RawResponse {
            status,
            headers,
            body,
            secrets: Vec::new(),
        }))
    }

    /// One request through reqwest: directly, with the credentials, or
    /// through the user's middleware stack, which ends in
    /// [`AuthMiddleware`].
    ///
    /// The common case, static credentials straight to reqwest, is
    /// reqwest's own future; the rarer paths are boxed, so that what every
    /// call's state holds while it waits stays small (see
    /// [`Transport::execute`]).
    fn exchange<'a>(
        &'a self,
        p: &Prepared,
        timeout: Option<Duration>,
    ) -> impl Future<Output = Result<reqwest::Response>> + Send + 'a {
        use futures::future::{Either, TryFutureExt};
        type Rare<'a> = Pin<Box<dyn Future<Output = Result<reqwest::Response>> + Send + 'a>>;
        let inner = &*self.inner;
        // Built here, outside any future: only the request's future is kept
        // across the wait, not the 264-byte request beside it.
        let mut request = reqwest::Request::new(p.method.clone(), p.url.clone());
        *request.headers_mut() = self.attempt_headers(p);
        if timeout != inner.client_timeout {
            // Only a limit other than the client's own is set here.
            *request.timeout_mut() = Some(timeout.unwrap_or(NO_LIMIT));
        }
        if let Some(body) = &p.body {
            *request.body_mut() = Some(body.clone().into());
        }
        let client = match &inner.http {
            Http::Stack(stack) => {
                let rare: Rare<'a> = Box::pin(
                    stack
                        .execute(request)
                        .map_err(move |e| self.transport_error(e, timeout)),
                );
                return Either::Right(rare);
            }
            Http::Direct(client) => client,
        };
        if inner.auth.has_dynamic() {
            let rare: Rare<'a> = Box::pin(self.exchange_with_tokens(client, request, timeout));
            return Either::Right(rare);
        }
        inner.auth.apply_static(request.headers_mut());
        Either::Left(
            client.execute(request).map_err(move |e| {
                self.transport_error(reqwest_middleware::Error::Reqwest(e), timeout)
            }),
        )
    }

    /// [`Transport::exchange`] with a token: sent once more with a fresh
    /// token if the server refuses it with a 401.
    async fn exchange_with_tokens(
        &self,
        client: &reqwest::Client,
        mut request: reqwest::Request,
        timeout: Option<Duration>,
    ) -> Result<reqwest::Response> {
        let auth = &self.inner.auth;
        let send = |request| async {
            client
                .execute(request)
                .await
                .map_err(|e| self.transport_error(reqwest_middleware::Error::Reqwest(e), timeout))
        };
        // The token fetch counts against the attempt's time budget.
        let authorized = within(self.inner.vendor, timeout, auth.authorize(&mut request)).await?;
        let response = send(request).await?;
        if response.status() != StatusCode::UNAUTHORIZED {
            return Ok(response);
        }
        let Some(retry) = authorized.into_retry() else {
            return Ok(response);
        };
        drop(response);
        let again = within(self.inner.vendor, timeout, auth.reauthorize(retry)).await?;
        send(again).await
    }

    /// Maps a failed exchange; `timeout` is the limit that was set on it.
    fn transport_error(
        &self,
        error: reqwest_middleware::Error,
        timeout: Option<Duration>,
    ) -> Error {
        let vendor = self.inner.vendor;
        let error = match error {
            reqwest_middleware::Error::Middleware(e) => {
                return match e.downcast::<Error>() {
                    Ok(ours) => ours,
                    Err(other) => Error::Network {
                        vendor,
                        source: other.into(),
                    },
                };
            }
            reqwest_middleware::Error::Reqwest(e) => e.without_url(),
        };
        if error.is_redirect() {
            let mut source: Option<&(dyn std::error::Error + 'static)> = Some(&error);
            while let Some(s) = source {
                if let Some(cross) = s.downcast_ref::<CrossOriginRedirect>() {
                    return Error::Redirect {
                        vendor,
                        target_origin: cross.origin.clone(),
                    };
                }
                source = s.source();
            }
            // A redirect loop within the origin: the server's own fault,
            // and the same on every attempt, so not retried.
            return Error::Protocol {
                vendor,
                message: "too many redirects (more than 10) within the origin".into(),
            };
        }
        if error.is_connect() {
            return Error::Connect {
                vendor,
                source: Box::new(error),
            };
        }
        if error.is_timeout() {
            return Error::timeout(vendor, timeout.or(self.inner.timeout).unwrap_or_default());
        }
        Error::Network {
            vendor,
            source: Box::new(error) as BoxError,
        }
    }

    fn api_error(&self, p: &Prepared, r: RawResponse) -> Error {
        let inner = &*self.inner;
        let secrets = inner.scrubber.all(p.secrets());
        let details = inner.error_mapper.details(r.status, &r.body);
        let request_id = inner
            .request_id_header
            .as_ref()
            .and_then(|h| r.headers.get(h))
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let error = Error::Api(Box::new(ApiError {
            vendor: inner.vendor,
            operation: p.op_name,
            status: r.status,
            details,
            request_id,
            correlation_id: p.correlation_id().map(str::to_owned),
            body_excerpt: redact::excerpt(&r.body, &secrets),
            retry_after: r
                .headers
                .get(RETRY_AFTER)
                .and_then(|v| parse_retry_after(v, SystemTime::now())),
        }));
        // details, request id and excerpt: every text through the scrub set
        redact::scrub_error(error, &secrets)
    }
}

/// `work` (a token fetch) within the attempt's time budget.
pub(crate) async fn within<T>(
    vendor: &'static str,
    limit: Option<Duration>,
    work: impl Future<Output = Result<T>>,
) -> Result<T> {
    match limit {
        Some(after) => tokio::time::timeout(after, work)
            .await
            .unwrap_or(Err(Error::timeout(vendor, after))),
        None => work.await,
    }
}

/// A streamed body whose every wait for the next chunk is bounded by
/// `idle`: a download that stalls ends with [`Error::Timeout`], while one
/// that keeps moving may take as long as it needs. The stream ends after
/// the first error.
fn idle_limited(
    vendor: &'static str,
    body: impl Stream<Item = reqwest::Result<Bytes>> + Send + 'static,
    idle: Option<Duration>,
) -> impl Stream<Item = Result<Bytes>> + Send + 'static {
    futures::stream::unfold(Some(Box::pin(body)), move |state| async move {
        let mut body = state?;
        let next = match idle {
            Some(limit) => match tokio::time::timeout(limit, body.next()).await {
                Ok(next) => next,
                Err(_) => {
                    let timeout = Error::timeout(vendor, limit);
                    return Some((Err(timeout), None));
                }
            },
            None => body.next().await,
        }?;
        match next {
            Ok(chunk) => Some((Ok(chunk), Some(body))),
            Err(e) => {
                let network = Error::Network {
                    vendor,
                    source: Box::new(e.without_url()),
                };
                Some((Err(network), None))
            }
        }
    })
}

async fn read_capped(
    vendor: &'static str,
    response: &mut reqwest::Response,
    limit: u64,
    timeout: Option<Duration>,
) -> Result<Bytes> {
    if response.content_length().is_some_and(|len| len > limit) {
        return Err(Error::BodyTooLarge { vendor, limit });
    }
    let network = |e: reqwest::Error| match timeout {
        // reqwest's per-request timeout fired while the body was read.
        Some(after) if e.is_timeout() => Error::timeout(vendor, after),
        _ => Error::Network {
            vendor,
            source: Box::new(e.without_url()),
        },
    };
    // Most bodies arrive in one chunk: it is kept as it is, without a
    // copy. Only a second chunk starts a buffer. (Few locals live across
    // the await: this state machine sits inside every call's.)
    let mut first: Option<Bytes> = None;
    let mut buf = BytesMut::new();
    while let Some(chunk) = response.chunk().await.map_err(network)? {
        let held = first.as_ref().map_or(buf.len(), Bytes::len);
        if (held + chunk.len()) as u64 > limit {
            return Err(Error::BodyTooLarge { vendor, limit });
        }
        if first.is_none() && buf.is_empty() {
            first = Some(chunk);
            continue;
        }
        if let Some(prev) = first.take() {
            // What has arrived, plus what is still announced (up to 1 MiB).
            let ahead = response
                .content_length()
                .unwrap_or(8 * 1024)
                .min(1024 * 1024);
            let ahead = usize::try_from(ahead).unwrap_or(8 * 1024);
            buf.reserve(prev.len() + chunk.len() + ahead);
            buf.extend_from_slice(&prev);
        }
        buf.extend_from_slice(&chunk);
    }
    Ok(first.unwrap_or_else(|| buf.freeze()))
}

/// Decodes JSON into `T`, reporting the JSON path of a mismatch and a
/// redacted excerpt; quoted values in serde's message are masked.
pub fn decode_json<T: DeserializeOwned>(vendor: &'static str, body: &[u8]) -> Result<T> {
    decode_json_inner(vendor, body, None)
}

/// `headers` are the response's, if the body is one: on a failure, its
/// content type helps explain it.
fn decode_json_inner<T: DeserializeOwned>(
    vendor: &'static str,
    body: &[u8],
    headers: Option<&HeaderMap>,
) -> Result<T> {
    // Fast path: plain serde_json. Path tracking allocates for every key it
    // passes (1.75x slower on a 1,000-vehicle page, BENCHMARKS.md), so it
    // runs only to explain a failure: same parser, same error, one re-parse.
    // The body's UTF-8 is checked once, up front: serde_json's `&str`
    // reader then skips the check it makes for every string it reads from
    // bytes (18 % fewer instructions on the 1,000-vehicle page). Invalid
    // UTF-8 goes to the byte reader, whose error is reported as before.
    let fast = match std::str::from_utf8(body) {
        Ok(text) => serde_json::from_str::<T>(text),
        Err(_) => serde_json::from_slice::<T>(body),
    };
    if let Ok(value) = fast {
        return Ok(value);
    }
    let mut de = serde_json::Deserializer::from_slice(body);
    let result = serde_path_to_error::deserialize::<_, T>(&mut de)
        .map_err(|e| {
            let path = e.path().to_string();
            let message = redact::json_error_message(e.inner());
            (path, message)
        })
        .and_then(|v| {
            de.end()
                .map(|()| v)
                .map_err(|e| (".".to_owned(), redact::json_error_message(&e)))
        });
    result.map_err(|(path, message)| {
        let content_type = headers
            .and_then(|h| h.get(CONTENT_TYPE))
            .and_then(|v| v.to_str().ok());
        let message = match content_type {
            Some(ct) if !ct.contains("json") => {
                format!("expected a JSON body, got content type {ct}: {message}")
            }
            _ => message,
        };
        Error::Decode(Box::new(DecodeError {
            vendor,
            path,
            message,
            body_excerpt: redact::excerpt(body, &[]),
        }))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_mapper_understands_vendor_shapes() {
        let m = DefaultErrorMapper;
        let s = StatusCode::UNPROCESSABLE_ENTITY;
        let d = m.details(s, br#"{"errors":[{"source":{"pointer":"/data/attributes/email"},"detail":"is invalid"}]}"#);
        assert_eq!(d[0].pointer.as_deref(), Some("/data/attributes/email"));
        assert_eq!(d[0].message, "is invalid");
        let d = m.details(s, br#"{"fault":{"faultstring":"Invalid Access Token","detail":{"errorcode":"keymanagement.service.invalid_access_token"}}}"#);
        assert_eq!(d[0].message, "Invalid Access Token");
        assert_eq!(
            d[0].code.as_deref(),
            Some("keymanagement.service.invalid_access_token")
        );
        let d = m.details(s, br#"{"message":"Vehicle not found"}"#);
        assert_eq!(d[0].message, "Vehicle not found");
        let d = m.details(s, br#"{"Message":"The request is invalid."}"#);
        assert_eq!(d[0].message, "The request is invalid.");
        let d = m.details(
            s,
            br#"{"error":"invalid_client","error_description":"bad secret"}"#,
        );
        assert_eq!(
            (d[0].message.as_str(), d[0].code.as_deref()),
            ("bad secret", Some("invalid_client"))
        );
        let d = m.details(s, br#"{"errors":{"email":["is taken","is bad"]}}"#);
        assert_eq!(d.len(), 2);
        assert_eq!(d[1].pointer.as_deref(), Some("email"));
        let d = m.details(s, br#"{"error":{"code":"E1","message":"nope"}}"#);
        assert_eq!(
            (d[0].message.as_str(), d[0].code.as_deref()),
            ("nope", Some("E1"))
        );
        assert!(m.details(s, b"<html>502</html>").is_empty());
        let d = m.details(
            s,
            br#"{"errors":["SSN 123-45-6789 failed the credit inquiry"]}"#,
        );
        assert!(!d[0].message.contains("6789"), "{:?}", d[0]);
    }

    /// One allocation per call holds the prepared request and its whole
    /// pipeline; it must stay within glibc's thread cache (1,032 bytes),
    /// or under many concurrent calls every call pays malloc's slow path
    /// (BENCHMARKS.md, figure 4).
    #[test]
    fn the_pipeline_fits_one_small_allocation() {
        let transport = TransportBuilder::new("Test", "test/1")
            .base_url("http://127.0.0.1:9")
            .auth(Auth::header("X-Api-Key", SecretString::from("k")).unwrap())
            .build()
            .unwrap();
        let op = crate::Operation::get("items.get", "/items/{id}");
        let pipeline = transport
            .execute(Request::new(op).param("1"), false)
            .unwrap();
        let size = std::mem::size_of_val(&*pipeline);
        assert!(size <= 1032, "the pipeline takes {size} bytes");
    }

    #[test]
    fn decode_reports_path_and_masks_values() {
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Inner {
            amount: u32,
        }
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Outer {
            items: Vec<Inner>,
        }
        let err = decode_json::<Outer>(
            "Test",
            br#"{"items":[{"amount":1},{"amount":"123-45-6789"}]}"#,
        )
        .unwrap_err();
        let d = err.decode().unwrap();
        assert_eq!(d.path, "items[1].amount");
        let shown = format!("{err} {err:?}");
        assert!(!shown.contains("6789"), "{shown}");
        let err = decode_json::<Outer>("Test", b"<html>").unwrap_err();
        assert_eq!(err.decode().unwrap().path, ".");
        let err = decode_json::<Outer>("Test", br#"{"items":[]} trailing"#).unwrap_err();
        assert!(err.decode().is_some());
    }
}
