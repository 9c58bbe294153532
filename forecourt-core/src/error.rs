//! One error type for every client, organised by the stage at which a call failed.

use std::borrow::Cow;
use std::fmt;
use std::time::Duration;

use http::StatusCode;

use crate::redact;

/// A boxed error kept as the `source()` of an [`Error`].
pub type BoxError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// The result type of every SDK operation.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in a call, by the stage at which it failed.
///
/// No variant's `Debug` or `Display` ever holds a credential or a personal
/// value: bodies are kept only as redacted excerpts of at most
/// [`MAX_EXCERPT`](crate::redact::MAX_EXCERPT) bytes, and URLs are dropped from
/// transport errors (they can carry ids and query values).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The caller's input was rejected before any byte was sent.
    #[error("invalid input: `{field}` {reason}")]
    InvalidInput {
        /// The field (or parameter) at fault, in the vendor's or the SDK's naming.
        field: Cow<'static, str>,
        /// Why it was rejected. Never contains the rejected value.
        reason: Cow<'static, str>,
    },
    /// No connection could be made: nothing reached the server. The
    /// message ends with the innermost causes (a DNS failure, a refused
    /// connection), on one line.
    #[error("{vendor}: could not connect: {}", cause_chain(.source.as_ref()))]
    Connect {
        /// The vendor the call was for.
        vendor: &'static str,
        /// The underlying transport error, without its URL.
        #[source]
        source: BoxError,
    },
    /// A connection was made, but the exchange broke off (reset, truncated body).
    #[error("{vendor}: the connection failed during the exchange")]
    Network {
        /// The vendor the call was for.
        vendor: &'static str,
        /// The underlying transport error, without its URL.
        #[source]
        source: BoxError,
    },
    /// The call did not finish in time: an attempt's timeout ran out on
    /// the last attempt, or the call's total deadline did.
    #[error(
        "{vendor}: no complete response within {after:?} ({} spent over {attempts} attempt{})",
        fmt_elapsed(.elapsed),
        plural(.attempts)
    )]
    Timeout {
        /// The vendor the call was for.
        vendor: &'static str,
        /// The limit that ran out: the per-attempt timeout, or the call's
        /// total deadline.
        after: Duration,
        /// The time the whole call took, retries and their waits included.
        elapsed: Duration,
        /// The attempts made (the last one included).
        attempts: u32,
    },
    /// The vendor answered with an error status.
    #[error("{0}")]
    Api(Box<ApiError>),
    /// The vendor answered with a body that does not match the model.
    #[error("{0}")]
    Decode(Box<DecodeError>),
    /// The server redirected to another origin; the SDK did not follow.
    #[error("{vendor}: refused a redirect to another origin ({target_origin})")]
    Redirect {
        /// The vendor the call was for.
        vendor: &'static str,
        /// The origin (scheme, host, port) the server redirected to.
        target_origin: String,
    },
    /// The response body exceeded the configured limit.
    #[error("{vendor}: response body larger than the limit of {limit} bytes")]
    BodyTooLarge {
        /// The vendor the call was for.
        vendor: &'static str,
        /// The limit in bytes.
        limit: u64,
    },
    /// Credentials could not be obtained or were refused by a token endpoint.
    ///
    /// Build it with [`Error::auth`], which keeps the token endpoint's
    /// status and the vendor's (already scrubbed) reason.
    #[error("{vendor}: authentication failed{}: {message}", fmt_status(.status.as_ref()))]
    Auth {
        /// The vendor the call was for.
        vendor: &'static str,
        /// The token endpoint's HTTP status, if it answered with an error.
        status: Option<StatusCode>,
        /// What went wrong, with the vendor's reason if it gave one;
        /// without any secret.
        message: Cow<'static, str>,
        /// The underlying error, if any.
        #[source]
        source: Option<BoxError>,
    },
    /// The vendor broke its own protocol (for example, a list endpoint that
    /// keeps returning the same page).
    #[error("{vendor}: protocol violation: {message}")]
    Protocol {
        /// The vendor the call was for.
        vendor: &'static str,
        /// What the vendor did wrong.
        message: Cow<'static, str>,
    },
}

impl Error {
    /// An [`Error::InvalidInput`] for `field`. The reason must not contain the value.
    pub fn invalid_input(
        field: impl Into<Cow<'static, str>>,
        reason: impl Into<Cow<'static, str>>,
    ) -> Self {
        Error::InvalidInput {
            field: field.into(),
            reason: reason.into(),
        }
    }

    /// An [`Error::Auth`] whose message is `context` followed by the
    /// vendor's reason taken from `cause`, and whose status is the token
    /// endpoint's (when `cause` is its [`Error::Api`]). The reason is the
    /// API error's details, which the transport has already scrubbed.
    ///
    /// ```
    /// use forecourt_core::Error;
    /// let e = Error::auth("Acme", "the token endpoint answered without a token", None);
    /// assert_eq!(e.to_string(), "Acme: authentication failed: the token endpoint answered without a token");
    /// assert_eq!(e.status(), None);
    /// ```
    pub fn auth(
        vendor: &'static str,
        context: impl Into<Cow<'static, str>>,
        cause: Option<Error>,
    ) -> Self {
        let context = context.into();
        let (status, message) = match &cause {
            Some(Error::Api(api)) => {
                let reason = api
                    .details
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("; ");
                let message = if reason.is_empty() || context.contains(&reason) {
                    context
                } else {
                    Cow::Owned(format!("{context}: {reason}"))
                };
                (Some(api.status), message)
            }
            Some(Error::Auth {
                status, message, ..
            }) if context.is_empty() => (*status, message.clone()),
            Some(
                other @ (Error::Connect { .. } | Error::Timeout { .. } | Error::Network { .. }),
            ) => (None, Cow::Owned(format!("{context}: {other}"))),
            _ => (None, context),
        };
        Error::Auth {
            vendor,
            status,
            message,
            source: cause.map(|c| Box::new(c) as BoxError),
        }
    }

    /// A timeout of one attempt (its elapsed time and attempts are set
    /// when the call ends).
    pub(crate) fn timeout(vendor: &'static str, after: Duration) -> Self {
        Error::Timeout {
            vendor,
            after,
            elapsed: after,
            attempts: 1,
        }
    }

    /// Whether a new attempt of the same call might succeed.
    ///
    /// This says nothing about whether re-sending is *safe*: the transport
    /// retries a non-idempotent request only when nothing reached the server.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Connect { .. } | Error::Network { .. } | Error::Timeout { .. } => true,
            Error::Api(api) => matches!(api.status.as_u16(), 408 | 429 | 500 | 502 | 503 | 504),
            _ => false,
        }
    }

    /// The HTTP status of an [`Error::Api`], or the token endpoint's
    /// status of an [`Error::Auth`].
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Api(api) => Some(api.status),
            Error::Auth { status, .. } => *status,
            _ => None,
        }
    }

    /// The details of an [`Error::Api`].
    pub fn api(&self) -> Option<&ApiError> {
        match self {
            Error::Api(api) => Some(api),
            _ => None,
        }
    }

    /// The details of an [`Error::Decode`].
    pub fn decode(&self) -> Option<&DecodeError> {
        match self {
            Error::Decode(d) => Some(d),
            _ => None,
        }
    }
}

/// ` (401 Unauthorized)` for a status, nothing without one.
fn fmt_status(status: Option<&StatusCode>) -> String {
    status.map(|s| format!(" ({s})")).unwrap_or_default()
}

/// A duration rounded to milliseconds (`1.503s`, `250ms`).
fn fmt_elapsed(elapsed: &Duration) -> String {
    let ms = elapsed.as_millis();
    if ms >= 1000 {
        format!("{}.{:03}s", ms / 1000, ms % 1000)
    } else {
        format!("{ms}ms")
    }
}

fn plural(count: &u32) -> &'static str {
    if *count == 1 { "" } else { "s" }
}

/// The messages of `error`'s source chain, one line, each level once:
/// `error trying to connect: dns error: failed to lookup address`.
fn cause_chain(error: &(dyn std::error::Error + 'static)) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut next: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(e) = next {
        let text = e.to_string();
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        // reqwest and hyper often repeat a cause inside their own message
        if !text.is_empty() && !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        next = e.source();
    }
    if parts.is_empty() {
        "no cause given".to_owned()
    } else {
        parts.join(": ")
    }
}

/// One problem reported by the vendor, mapped to a common shape.
///
/// `Debug` shows every member but the values inside `meta`: a vendor's
/// `meta` is free-form and may echo anyone's personal data, which the SDK
/// cannot know to scrub. `Debug` lists its member names only; read it
/// with [`ErrorDetail::meta`].
#[derive(Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct ErrorDetail {
    /// A JSON pointer (`/data/attributes/email`) or field name, if the vendor gave one.
    pub pointer: Option<String>,
    /// The vendor's machine-readable code, if any.
    pub code: Option<String>,
    /// The vendor's human-readable message (digit runs that look like personal
    /// numbers are masked).
    pub message: String,
    /// A short summary of the problem (JSON:API `title`), digit runs masked.
    pub title: Option<String>,
    /// The HTTP status the vendor gave for this problem (JSON:API `status`), as sent.
    pub status: Option<String>,
    /// The query parameter the problem is about (JSON:API `source.parameter`).
    pub parameter: Option<String>,
    /// The vendor's `meta` for this problem, raw JSON text (JSON:API `meta`).
    pub meta: Option<String>,
}

impl ErrorDetail {
    /// A detail with only a message.
    pub fn message(message: impl Into<String>) -> Self {
        ErrorDetail {
            pointer: None,
            code: None,
            message: redact::mask_digit_runs(&message.into()),
            title: None,
            status: None,
            parameter: None,
            meta: None,
        }
    }

    /// Sets the short summary (digit runs masked, like the message).
    pub fn with_title(mut self, title: impl Into<String>) -> Self {
        self.title = Some(redact::mask_digit_runs(&title.into()));
        self
    }

    /// Sets the status the vendor gave for this problem.
    pub fn with_status(mut self, status: impl Into<String>) -> Self {
        self.status = Some(status.into());
        self
    }

    /// Sets the query parameter the problem is about.
    pub fn with_parameter(mut self, parameter: impl Into<String>) -> Self {
        self.parameter = Some(parameter.into());
        self
    }

    /// Sets the vendor's `meta`, as raw JSON text.
    pub fn with_meta(mut self, meta: impl Into<String>) -> Self {
        self.meta = Some(meta.into());
        self
    }

    /// The short summary, if the vendor gave one.
    pub fn title(&self) -> Option<&str> {
        self.title.as_deref()
    }

    /// The status the vendor gave for this problem, if any.
    pub fn status(&self) -> Option<&str> {
        self.status.as_deref()
    }

    /// The query parameter the problem is about, if any.
    pub fn parameter(&self) -> Option<&str> {
        self.parameter.as_deref()
    }

    /// The vendor's `meta` for this problem, raw JSON text, if any.
    pub fn meta(&self) -> Option<&str> {
        self.meta.as_deref()
    }

    /// Sets the pointer or field name.
    pub fn with_pointer(mut self, pointer: impl Into<String>) -> Self {
        self.pointer = Some(pointer.into());
        self
    }

    /// Sets the vendor's code.
    pub fn with_code(mut self, code: impl Into<String>) -> Self {
        self.code = Some(code.into());
        self
    }
}

impl fmt::Debug for ErrorDetail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ErrorDetail")
            .field("pointer", &self.pointer)
            .field("code", &self.code)
            .field("message", &self.message)
            .field("title", &self.title)
            .field("status", &self.status)
            .field("parameter", &self.parameter)
            .field("meta", &self.meta.as_deref().map(MetaKeys))
            .finish()
    }
}

/// `meta` in `Debug`: the names of its members, never their values.
struct MetaKeys<'a>(&'a str);

impl fmt::Debug for MetaKeys<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(self.0) {
            Ok(members) => f.debug_set().entries(members.keys()).finish(),
            Err(_) => write!(f, "<{} bytes>", self.0.len()),
        }
    }
}

impl fmt::Display for ErrorDetail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(p) = &self.pointer {
            write!(f, "{p}: ")?;
        }
        f.write_str(&self.message)?;
        if let Some(c) = &self.code {
            write!(f, " ({c})")?;
        }
        Ok(())
    }
}

/// An error status answered by the vendor.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ApiError {
    /// The vendor the call was for.
    pub vendor: &'static str,
    /// The operation that failed (`quotes.create`).
    pub operation: &'static str,
    /// The HTTP status.
    pub status: StatusCode,
    /// The vendor's error details, mapped to a common shape.
    pub details: Vec<ErrorDetail>,
    /// The vendor's request id, if its response carried one.
    pub request_id: Option<String>,
    /// The correlation id the SDK sent with the call, if the vendor uses one.
    pub correlation_id: Option<String>,
    /// A redacted excerpt of the body, at most 4 KiB.
    pub body_excerpt: String,
    /// The wait the vendor asked for in `Retry-After` (delay seconds or an
    /// HTTP date, as a duration from when the answer arrived).
    pub(crate) retry_after: Option<Duration>,
}

impl ApiError {
    /// The wait the vendor asked for before a new attempt (its
    /// `Retry-After` header, as seconds or an HTTP date), if it sent one.
    /// Not clamped: [`RetryPolicy::max_retry_after`](crate::RetryPolicy::max_retry_after)
    /// applies only to the SDK's own retries.
    pub fn retry_after(&self) -> Option<Duration> {
        self.retry_after
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} failed with {}",
            self.vendor, self.operation, self.status
        )?;
        let mut first = true;
        for d in &self.details {
            f.write_str(if first { ": " } else { "; " })?;
            first = false;
            write!(f, "{d}")?;
        }
        if let Some(id) = &self.request_id {
            write!(f, " [request id {id}]")?;
        }
        if let Some(id) = &self.correlation_id {
            write!(f, " [correlation id {id}]")?;
        }
        Ok(())
    }
}

/// A response body that did not match the model.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct DecodeError {
    /// The vendor the call was for.
    pub vendor: &'static str,
    /// The JSON path of the failing field (`data.attributes.amount`), `.` for the root.
    pub path: String,
    /// What was wrong, with any quoted value from the body masked.
    pub message: String,
    /// A redacted excerpt of the body, at most 4 KiB.
    pub body_excerpt: String,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: unexpected response at `{}`: {}",
            self.vendor, self.path, self.message
        )
    }
}
