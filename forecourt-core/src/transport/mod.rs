//! The pipeline every call goes through:
//! `build request → auth → send (timeouts) → retry decision → decode or typed error`.

mod builder;
mod client;
mod decode;
mod error_mapper;
mod pipeline;
mod response;

pub use builder::TransportBuilder;
pub use client::{http_client_builder, redirect_policy};
pub use decode::{decode_json, without_bom};
pub use error_mapper::{DefaultErrorMapper, ErrorMapper};
pub(crate) use pipeline::within;
pub use response::{ByteStream, RawResponse};

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use http::header::CONTENT_TYPE;
use http::{HeaderMap, HeaderName, HeaderValue};
use reqwest_middleware::ClientWithMiddleware;
use secrecy::SecretString;
use serde::de::DeserializeOwned;
use url::Url;

use crate::auth::Auth;
use crate::error::{Error, Result};
use crate::redact;
use crate::request::{Request, RequestOptions};
use crate::retry::RetryPolicy;
use decode::decode_json_inner;
use pipeline::{Received, idle_limited};

/// The default connect timeout.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// The default per-attempt timeout.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// The default cap on a buffered (JSON) response body.
pub const DEFAULT_MAX_BODY: u64 = 16 * 1024 * 1024;

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
}
