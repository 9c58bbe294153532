//! One call's way through the pipeline: prepare, attempt (auth, send,
//! timeouts), retry decision, typed error, and the failure event.

use std::pin::Pin;
use std::time::{Duration, SystemTime};

use bytes::{Bytes, BytesMut};
use futures::{Stream, StreamExt};
use http::header::{CONTENT_TYPE, RETRY_AFTER};
use http::{HeaderMap, HeaderValue, Method, StatusCode};
use secrecy::SecretString;
use tracing::{Instrument, field::Empty};
use url::Url;

use super::client::CrossOriginRedirect;
use super::{Http, Inner, NO_LIMIT, RawResponse, Transport};
use crate::base_url::same_origin;
use crate::error::{ApiError, BoxError, Error, Result};
use crate::redact;
use crate::request::{Request, Target, expand_template_after};
use crate::retry::{RetryPolicy, is_idempotent, is_retryable_status, parse_retry_after};

/// A checked call, ready to be sent as many times as it is attempted.
///
/// It holds what the call adds to the client's settings, not a finished
/// header map: each attempt builds its headers once, at their final size
/// (see [`Transport::attempt_headers`]). A prepared map cloned per attempt
/// was two allocations and a regrowth per call (the clone is made at its
/// length; the credentials and hyper's `Host` then outgrow it), and with
/// 1,000 calls in flight that memory pushed reqwest's and hyper's own
/// buffers out of the cache (BENCHMARKS.md, figure 4).
pub(super) struct Prepared {
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
    /// This call's own retry policy, deadline and secrets; `None` uses
    /// the client's and has none (boxed: rare, and it would enlarge every
    /// call's state).
    overrides: Option<Box<Overrides>>,
    /// The correlation id sent in the client's correlation header.
    correlation_id: Option<HeaderValue>,
}

/// A call's own retry policy, total deadline and secrets.
struct Overrides {
    retry: Option<RetryPolicy>,
    deadline: Option<Option<Duration>>,
    /// The values this call serialized from `Redacted` fields or was given
    /// with [`Request::scrub`]: part of its scrub set.
    secrets: Box<[SecretString]>,
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
        self.overrides.as_deref().map_or(&[], |o| &o.secrets)
    }

    fn correlation_id(&self) -> Option<&str> {
        self.correlation_id.as_ref().and_then(|v| v.to_str().ok())
    }
}

/// A prepared call's pipeline (see [`Transport::execute`]).
type Pipeline<'a> = Pin<Box<dyn Future<Output = Result<Received>> + Send + 'a>>;

pub(super) enum Received {
    Buffered(RawResponse),
    /// A success to stream; `idle` is the per-attempt timeout, applied to
    /// each wait for the next chunk.
    Streaming {
        response: reqwest::Response,
        idle: Option<Duration>,
    },
}

impl Transport {
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
            overrides: (options.retry.is_some()
                || options.deadline.is_some()
                || !secrets.is_empty())
            .then(|| {
                Box::new(Overrides {
                    retry: options.retry,
                    deadline: options.deadline,
                    secrets: secrets.into_boxed_slice(),
                })
            }),
            correlation_id,
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
    pub(super) fn execute(&self, request: Request, stream: bool) -> Result<Pipeline<'_>> {
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
        let details = inner
            .error_mapper
            .details(r.status, super::without_bom(&r.body));
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
pub(super) fn idle_limited(
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::Auth;
    use crate::transport::TransportBuilder;

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
}
