//! The shared core of the dealer-finance client SDKs: one pipeline for every
//! request of every vendor.
//!
//! `build request → auth → send (timeouts) → retry decision → decode or typed error`
//!
//! - **Transport** ([`Transport`], [`TransportBuilder`]): reqwest 0.13 under
//!   reqwest-middleware. Connect timeout 10 s, per-attempt timeout 30 s, both
//!   overridable per client and per call ([`RequestOptions`]). Bring your own
//!   `reqwest::Client` or `ClientWithMiddleware`.
//! - **Base URLs** ([`base_url`]): `https` only, except loopback hosts.
//! - **Redirects**: followed within the same origin only; another origin is
//!   [`Error::Redirect`] and receives nothing. No `Referer`.
//! - **Auth** ([`Auth`]): header keys, `Token`, `Bearer`, `Basic`, `JWT`, and
//!   expiring tokens through a [`TokenCache`] (one refresh for many callers,
//!   one retry after a `401`).
//! - **Secrets** ([`redact`]): credentials are `SecretString`; personal data is
//!   [`Redacted`]; error bodies are redacted excerpts.
//! - **Retries** ([`RetryPolicy`]): full-jitter backoff, `Retry-After`
//!   honoured but clamped; POST and PATCH are never re-sent once they may have
//!   reached the server.
//! - **Errors** ([`Error`]): one type, by stage, with the vendor's details.
//! - **Serde helpers** ([`serde_helpers`]): exact `Decimal`, lenient ids,
//!   zone-less date-times, lenient booleans.
//! - **Paging** ([`paging`]): lazy streams over offset/limit and page lists.
//! - **String enums** ([`string_enum!`]): documented values plus `Unknown(String)`.
//! - **Tracing**: a span `sdk.call` per operation (vendor, operation, method,
//!   path template, status, attempts, elapsed) and `sdk.attempt` per attempt.
//!   Never headers, bodies, ids or query values.
//!
//! # Quick start (for client crate authors)
//!
//! ```no_run
//! use forecourt_core::{Auth, Operation, Request, TransportBuilder};
//! use forecourt_core::SecretString;
//!
//! const GET_LOAN: Operation = Operation::get("loans.get", "/loans/{id}");
//!
//! #[derive(serde::Deserialize)]
//! struct Loan { id: forecourt_core::serde_helpers::Id }
//!
//! # async fn demo() -> forecourt_core::Result<()> {
//! let transport = TransportBuilder::new("Line5", "line5-client/0.1.0")
//!     .base_url("https://www.line5.com/api/v1")
//!     .auth(Auth::token(SecretString::from("key"))?)
//!     .build()?;
//! let loan: Loan = transport.send_json(Request::new(GET_LOAN).param("42")).await?;
//! # let _ = loan.id;
//! # Ok(())
//! # }
//! ```
//!
//! # Errors
//!
//! One [`Error`] type for every client, by stage: [`Error::InvalidInput`]
//! (refused before sending, naming the field), [`Error::Connect`],
//! [`Error::Network`], [`Error::Timeout`], [`Error::Redirect`],
//! [`Error::BodyTooLarge`], [`Error::Auth`], [`Error::Api`] (an [`ApiError`]:
//! status, the vendor's [`ErrorDetail`]s, a redacted body excerpt) and
//! [`Error::Decode`] (a [`DecodeError`] with the JSON path). Credentials the
//! transport knows are scrubbed from every message.
//!
//! # Features
//!
#![doc = document_features::document_features!()]
#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod auth;
pub mod base_url;
pub mod error;
pub mod paging;
pub mod redact;
pub mod request;
pub mod retry;
pub mod serde_helpers;
mod string_enum;
#[cfg(feature = "testing")]
#[cfg_attr(docsrs, doc(cfg(feature = "testing")))]
pub mod testing;
pub mod transport;

pub use auth::{AccessToken, Auth, TokenCache, TokenPlacement, TokenSource};
pub use error::{ApiError, DecodeError, Error, ErrorDetail, Result};
pub use paging::Page;
pub use redact::Redacted;
pub use request::{Operation, Request, RequestOptions};
pub use retry::RetryPolicy;
pub use transport::{
    ByteStream, DefaultErrorMapper, ErrorMapper, RawResponse, Transport, TransportBuilder,
    decode_json, http_client_builder, redirect_policy,
};

#[doc(hidden)]
pub use serde as __serde;

pub use http;
pub use reqwest;
pub use reqwest_middleware;
pub use secrecy::{self, ExposeSecret, SecretString};

/// Adds the transport settings every client builder offers to an `impl`
/// block of a builder with a `transport: TransportBuilder` field: base URL,
/// timeouts, retries, body limit, and bringing your own HTTP client or
/// middleware.
#[macro_export]
macro_rules! transport_builder_methods {
    () => {
        /// The base URL (for staging, a proxy, or the sandbox). `https`
        /// only, except loopback hosts.
        pub fn base_url(mut self, url: impl Into<String>) -> Self {
            self.transport = self.transport.base_url(url);
            self
        }

        /// The per-attempt timeout (default 30 s): from sending to the last
        /// body byte of a buffered response; for a streamed download, up to
        /// the response head and then for each wait for the next chunk.
        pub fn timeout(mut self, per_attempt: std::time::Duration) -> Self {
            self.transport = self.transport.timeout(per_attempt);
            self
        }

        /// A total deadline for each call, across its attempts and the waits
        /// between them (default: none; a call is then bounded by its
        /// attempts × the per-attempt timeout, plus the waits). Per call:
        /// `RequestOptions::deadline`.
        pub fn deadline(mut self, total: std::time::Duration) -> Self {
            self.transport = self.transport.deadline(total);
            self
        }

        /// The connect timeout (default 10 s).
        pub fn connect_timeout(mut self, timeout: std::time::Duration) -> Self {
            self.transport = self.transport.connect_timeout(timeout);
            self
        }

        /// No connect or per-attempt timeout.
        pub fn without_timeouts(mut self) -> Self {
            self.transport = self.transport.without_timeouts();
            self
        }

        /// The retry policy (default: 3 attempts; POST and PATCH are never re-sent).
        pub fn retry(mut self, policy: $crate::RetryPolicy) -> Self {
            self.transport = self.transport.retry(policy);
            self
        }

        /// The largest buffered response body in bytes (default 16 MiB).
        pub fn max_body_bytes(mut self, limit: u64) -> Self {
            self.transport = self.transport.max_body_bytes(limit);
            self
        }

        /// Sends through a reqwest client built from your settings (proxy,
        /// root certificates, pool limits; start from
        /// `forecourt_core::http_client_builder()`). The SDK sets its
        /// redirect policy on it last: credentials never follow a redirect
        /// to another origin. Prebuilt clients are not accepted.
        pub fn reqwest_client_builder(mut self, builder: $crate::reqwest::ClientBuilder) -> Self {
            self.transport = self.transport.reqwest_client_builder(builder);
            self
        }

        /// Adds a middleware layer (tracing, caching, metrics) outside the auth layer.
        pub fn middleware(mut self, layer: impl $crate::reqwest_middleware::Middleware) -> Self {
            self.transport = self.transport.middleware(layer);
            self
        }
    };
}
