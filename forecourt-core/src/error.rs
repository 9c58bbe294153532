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
    /// No connection could be made: nothing reached the server.
    #[error("{vendor}: could not connect")]
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
    /// The attempt did not finish within its timeout.
    #[error("{vendor}: no complete response within {after:?}")]
    Timeout {
        /// The vendor the call was for.
        vendor: &'static str,
        /// The per-attempt timeout that ran out.
        after: Duration,
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
    #[error("{vendor}: authentication failed: {message}")]
    Auth {
        /// The vendor the call was for.
        vendor: &'static str,
        /// What went wrong, without any secret.
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

    /// The HTTP status of an [`Error::Api`].
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Api(api) => Some(api.status),
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

/// One problem reported by the vendor, mapped to a common shape.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
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
