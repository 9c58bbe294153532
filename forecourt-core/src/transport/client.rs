//! The HTTP client under a transport, and the redirect guard every client gets.

use std::fmt;
use std::time::Duration;

use super::DEFAULT_CONNECT_TIMEOUT;
use crate::base_url::same_origin;
use crate::error::{Error, Result};

#[derive(Clone)]
pub(super) enum HttpClient {
    /// A client the SDK built (with its redirect policy).
    Plain(reqwest::Client),
    /// The user's builder could not be built.
    Invalid,
}

/// The error a redirect to another origin raises inside reqwest.
#[derive(Debug)]
pub(super) struct CrossOriginRedirect {
    pub(super) origin: String,
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
/// from your [`TransportBuilder::reqwest_client_builder`](super::TransportBuilder::reqwest_client_builder).
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
/// [`TransportBuilder::reqwest_client_builder`](super::TransportBuilder::reqwest_client_builder) (any builder will do: the
/// SDK sets its redirect policy on it last).
pub fn http_client_builder() -> reqwest::ClientBuilder {
    base_client_builder().connect_timeout(DEFAULT_CONNECT_TIMEOUT)
}

fn base_client_builder() -> reqwest::ClientBuilder {
    guard(reqwest::Client::builder())
}

/// What the SDK sets on every HTTP client, last, whoever configured it:
/// same-origin redirects only, no `Referer`.
pub(super) fn guard(builder: reqwest::ClientBuilder) -> reqwest::ClientBuilder {
    builder.redirect(redirect_policy()).referer(false)
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
pub(super) fn default_client(
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
