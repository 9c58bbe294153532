//! Status webhooks: the payload Autoloan Finland POSTs to your endpoint,
//! and a framework-independent receiver for it.
//!
//! # Security: the vendor defines no signature
//!
//! Autoloan Finland's documentation defines no signature, no signing secret
//! and no source addresses for its webhooks. Anyone who learns your webhook
//! URL can post a payload that looks genuine. [`WebhookReceiver`] can require
//! a shared secret that you put in the URL you register in the Dealer Portal
//! (`?token=...`, checked with [`WebhookReceiver::parse_request`]) or, if your
//! portal lets you, in a header; it is compared in constant time.
//!
//! What remains: a shared secret is not a signature. It does not protect the
//! body's integrity, it travels with every request (so it can end up in
//! proxy and access logs, where URL secrets are especially exposed), and a
//! captured request can be replayed. Treat a webhook as a *hint*: keep the
//! secret long and random, serve the endpoint over HTTPS only, keep it out of
//! logs, dedupe with [`StatusWebhook::dedupe_key`], and check the decision
//! against data you hold (the application you submitted, the amounts) before
//! acting on it, as [`crate::alfa::ContractRequest::from_approval`] does.

use std::fmt;

use forecourt_core::{Error, ExposeSecret, Result, SecretString};
use http::{HeaderMap, HeaderName, StatusCode, Uri};
use jiff::{Timestamp, Zoned};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use subtle::ConstantTimeEq;

use crate::applications::{ApplicationId, ApplicationStatus};

/// The default largest webhook body accepted, in bytes (64 KiB; the
/// documented payload is about 200 bytes).
pub const DEFAULT_MAX_WEBHOOK_BYTES: usize = 64 * 1024;

/// The shortest shared secret accepted, in bytes.
pub const MIN_SECRET_LEN: usize = 16;

/// A status update for an application, as POSTed by Autoloan Finland.
///
/// ```
/// use autoloan_client::webhooks::StatusWebhook;
/// use autoloan_client::ApplicationStatus;
/// let body = br#"{"applicationId":"APP-005","status":"Approved","timestamp":"2024-07-18T12:00:00.250+02:00",
///   "details":{"approvedAmount":35000,"interestRate":4.5,"term":60}}"#;
/// let hook: StatusWebhook = serde_json::from_slice(body)?;
/// assert_eq!(hook.status, ApplicationStatus::Approved);
/// // the time and the offset the vendor sent, and the instant
/// assert_eq!(hook.timestamp.offset().seconds(), 2 * 3600);
/// assert_eq!(hook.timestamp.time(), jiff::civil::time(12, 0, 0, 250_000_000));
/// assert_eq!(hook.timestamp.timestamp().to_string(), "2024-07-18T10:00:00.25Z");
/// assert_eq!(hook.details.and_then(|d| d.term), Some(60));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, bon::Builder)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct StatusWebhook {
    /// The application the update is about.
    #[builder(into)]
    pub application_id: ApplicationId,
    /// The new status; values this SDK does not know are kept in `Unknown`.
    pub status: ApplicationStatus,
    /// When the status changed, at the offset the vendor sent it with
    /// (`2024-07-18T12:00:00+02:00` is 12:00 at `+02:00`; `Z` is UTC).
    ///
    /// Strict: an RFC 3339 timestamp with a time and an offset (`Z` or
    /// `±hh:mm`), fractions of a second allowed. Anything else (a date
    /// alone, no offset, not a timestamp) refuses the delivery with
    /// [`WebhookError::Malformed`] at path `timestamp`. Re-encodes with its
    /// offset (`Z` when it is UTC). `.timestamp()` gives the instant.
    #[serde(with = "forecourt_core::serde_helpers::datetime::zoned")]
    pub timestamp: Zoned,
    /// The decision's terms, if the vendor sent them (on `Approved`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<WebhookDetails>,
}

/// The terms of a decision. Every field is optional: the vendor documents
/// them only for an approval.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, bon::Builder)]
#[serde(remote = "Self")]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct WebhookDetails {
    /// The approved loan amount in euros.
    #[serde(
        default,
        with = "forecourt_core::serde_helpers::decimal::option_number",
        skip_serializing_if = "Option::is_none"
    )]
    pub approved_amount: Option<Decimal>,
    /// The nominal annual interest rate in percent (`4.5` is 4.5 %).
    #[serde(
        default,
        with = "forecourt_core::serde_helpers::decimal::option_number",
        skip_serializing_if = "Option::is_none"
    )]
    pub interest_rate: Option<Decimal>,
    /// The term in months.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_whole"
    )]
    pub term: Option<u32>,
    /// The raw JSON of each member a tolerant field could not read, under
    /// its JSON member name, verbatim; empty when everything was read (see
    /// the crate's [reading policy](crate#reading-policy)). `Debug` shows
    /// only the member names.
    #[serde(skip)]
    #[builder(skip)]
    pub unexpected: forecourt_core::serde_helpers::tolerant::Unexpected,
}

forecourt_core::tolerant_record!(serialize WebhookDetails);

/// What identifies one delivery's content: application id, status and the
/// *instant* of the timestamp. A redelivery of the same update has the same
/// key; store the keys you handled (with a TTL) and skip repeats.
///
/// The key holds the instant, not the offset: `2024-07-18T12:00:00+02:00`
/// and `2024-07-18T10:00:00Z` are the same moment, so a redelivery written
/// at another offset (or with `.000`) is still recognised as the same
/// update. Its text form is always in UTC.
///
/// ```
/// use autoloan_client::webhooks::StatusWebhook;
/// let a: StatusWebhook = serde_json::from_str(
///     r#"{"applicationId":"APP-005","status":"Approved","timestamp":"2024-07-18T12:00:00+02:00"}"#)?;
/// let b: StatusWebhook = serde_json::from_str(
///     r#"{"applicationId":"APP-005","status":"Approved","timestamp":"2024-07-18T10:00:00.000Z"}"#)?;
/// assert_ne!(a.timestamp.offset(), b.timestamp.offset());
/// assert_eq!(a.dedupe_key(), b.dedupe_key());
/// assert_eq!(a.dedupe_key().to_string(), "APP-005|Approved|2024-07-18T10:00:00Z");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct DedupeKey {
    /// The application.
    pub application_id: ApplicationId,
    /// The status.
    pub status: ApplicationStatus,
    /// The instant of the update's timestamp (its offset left out: see above).
    pub timestamp: Timestamp,
}

impl fmt::Display for DedupeKey {
    /// `APP-005|Approved|2024-07-18T10:00:00Z`: usable as a database key.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}|{}|{}",
            self.application_id, self.status, self.timestamp
        )
    }
}

impl StatusWebhook {
    /// The key to recognise a redelivery of this update.
    pub fn dedupe_key(&self) -> DedupeKey {
        DedupeKey {
            application_id: self.application_id.clone(),
            status: self.status.clone(),
            timestamp: self.timestamp.timestamp(),
        }
    }
}

/// Why a webhook delivery was refused. Never contains the body's values or
/// the secret.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum WebhookError {
    /// The body is larger than the receiver's limit.
    #[error("webhook body larger than the limit of {limit} bytes")]
    TooLarge {
        /// The limit in bytes.
        limit: usize,
    },
    /// A shared secret is required and the delivery carried none.
    #[error("webhook shared secret missing")]
    MissingSecret,
    /// The delivery's shared secret is wrong.
    #[error("webhook shared secret does not match")]
    SecretMismatch,
    /// The body is not JSON, or a field has the wrong type.
    #[error("malformed webhook payload at `{path}`: {message}")]
    Malformed {
        /// The JSON path of the failing field (`.` for the whole body).
        path: String,
        /// What was wrong, with quoted values masked.
        message: String,
    },
    /// Valid JSON, but not a status webhook (another event type?).
    #[error("not an application status webhook: {reason}")]
    UnknownPayload {
        /// What is missing.
        reason: &'static str,
    },
}

impl WebhookError {
    /// The HTTP status to answer the delivery with: `413`, `401`, `400`, `422`.
    pub fn http_status(&self) -> StatusCode {
        match self {
            WebhookError::TooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            WebhookError::MissingSecret | WebhookError::SecretMismatch => StatusCode::UNAUTHORIZED,
            WebhookError::Malformed { .. } => StatusCode::BAD_REQUEST,
            WebhookError::UnknownPayload { .. } => StatusCode::UNPROCESSABLE_ENTITY,
        }
    }
}

#[derive(Clone)]
enum SecretLocation {
    Header(HeaderName),
    Query(String),
}

/// A shared secret a delivery must carry, in a header or a URL query parameter.
#[derive(Clone)]
pub struct SharedSecret {
    location: SecretLocation,
    value: SecretString,
}

impl fmt::Debug for SharedSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (kind, name) = match &self.location {
            SecretLocation::Header(h) => ("header", h.as_str()),
            SecretLocation::Query(q) => ("query", q.as_str()),
        };
        f.debug_struct("SharedSecret")
            .field(kind, &name)
            .field("value", &forecourt_core::redact::REDACTED)
            .finish()
    }
}

fn check_secret_value(secret: &SecretString) -> Result<()> {
    if secret.expose_secret().len() < MIN_SECRET_LEN {
        return Err(Error::invalid_input(
            "shared_secret",
            "must be at least 16 bytes (use a long random value)",
        ));
    }
    Ok(())
}

impl SharedSecret {
    /// A secret carried in the header `name`.
    pub fn header(name: &str, secret: SecretString) -> Result<SharedSecret> {
        let name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
            Error::invalid_input("shared_secret.header", "is not a valid header name")
        })?;
        check_secret_value(&secret)?;
        Ok(SharedSecret {
            location: SecretLocation::Header(name),
            value: secret,
        })
    }

    /// A secret carried in the query parameter `name` of the webhook URL
    /// (`https://dealer.example/hooks/autoloan?token=<secret>`). Check it
    /// with [`WebhookReceiver::parse_request`].
    pub fn query_param(name: &str, secret: SecretString) -> Result<SharedSecret> {
        if name.trim().is_empty() {
            return Err(Error::invalid_input(
                "shared_secret.query_param",
                "must not be empty",
            ));
        }
        check_secret_value(&secret)?;
        Ok(SharedSecret {
            location: SecretLocation::Query(name.to_owned()),
            value: secret,
        })
    }

    fn matches(&self, presented: &str) -> bool {
        // constant time for equal lengths; a length mismatch returns early
        bool::from(
            presented
                .as_bytes()
                .ct_eq(self.value.expose_secret().as_bytes()),
        )
    }
}

/// Checks and decodes webhook deliveries, independent of any web framework.
///
/// ```
/// use autoloan_client::webhooks::{SharedSecret, WebhookReceiver};
/// use autoloan_client::SecretString;
/// let receiver = WebhookReceiver::new().shared_secret(SharedSecret::query_param(
///     "token",
///     SecretString::from("0123456789abcdef0123456789abcdef"),
/// )?);
/// let uri: http::Uri = "/hooks/autoloan?token=0123456789abcdef0123456789abcdef".parse().unwrap();
/// let body = br#"{"applicationId":"APP-005","status":"Rejected","timestamp":"2024-07-18T10:00:00Z"}"#;
/// let hook = receiver.parse_request(&uri, &http::HeaderMap::new(), body).unwrap();
/// assert_eq!(hook.dedupe_key().to_string(), "APP-005|Rejected|2024-07-18T10:00:00Z");
/// # Ok::<(), autoloan_client::Error>(())
/// ```
#[derive(Clone)]
pub struct WebhookReceiver {
    max_body: usize,
    secret: Option<SharedSecret>,
}

impl fmt::Debug for WebhookReceiver {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WebhookReceiver")
            .field("max_body", &self.max_body)
            .field("secret", &self.secret)
            .finish()
    }
}

impl Default for WebhookReceiver {
    fn default() -> Self {
        WebhookReceiver {
            max_body: DEFAULT_MAX_WEBHOOK_BYTES,
            secret: None,
        }
    }
}

impl WebhookReceiver {
    /// A receiver with the default body limit and no shared secret.
    pub fn new() -> Self {
        Self::default()
    }

    /// The largest body accepted, in bytes. Set your framework's own body
    /// limit too, so an oversized body is not read into memory at all.
    pub fn max_body_bytes(mut self, limit: usize) -> Self {
        self.max_body = limit;
        self
    }

    /// Requires this shared secret on every delivery.
    pub fn shared_secret(mut self, secret: SharedSecret) -> Self {
        self.secret = Some(secret);
        self
    }

    /// Checks and decodes a delivery from its headers and body.
    ///
    /// Checks, in order: the shared secret (if configured; a query-parameter
    /// secret cannot be seen here and fails as [`WebhookError::MissingSecret`]:
    /// use [`parse_request`](Self::parse_request)), the body size, then the
    /// payload. The content type is not checked (the vendor documents none).
    pub fn parse(&self, headers: &HeaderMap, body: &[u8]) -> Result<StatusWebhook, WebhookError> {
        self.check_secret(None, headers)?;
        self.decode(body)
    }

    /// Like [`parse`](Self::parse), with the request URI, so a shared secret
    /// in a query parameter can be checked.
    pub fn parse_request(
        &self,
        uri: &Uri,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Result<StatusWebhook, WebhookError> {
        self.check_secret(Some(uri), headers)?;
        self.decode(body)
    }

    fn check_secret(&self, uri: Option<&Uri>, headers: &HeaderMap) -> Result<(), WebhookError> {
        let Some(secret) = &self.secret else {
            return Ok(());
        };
        let presented: Option<String> = match &secret.location {
            SecretLocation::Header(name) => headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned),
            SecretLocation::Query(param) => uri.and_then(Uri::query).and_then(|q| {
                url::form_urlencoded::parse(q.as_bytes())
                    .find(|(k, _)| k == param.as_str())
                    .map(|(_, v)| v.into_owned())
            }),
        };
        match presented {
            None => Err(WebhookError::MissingSecret),
            Some(p) if secret.matches(&p) => Ok(()),
            Some(_) => Err(WebhookError::SecretMismatch),
        }
    }

    fn decode(&self, body: &[u8]) -> Result<StatusWebhook, WebhookError> {
        if body.len() > self.max_body {
            return Err(WebhookError::TooLarge {
                limit: self.max_body,
            });
        }
        // a UTF-8 byte order mark some servers write first is not JSON
        let body = forecourt_core::transport::without_bom(body);
        let value: serde_json::Value =
            serde_json::from_slice(body).map_err(|e| WebhookError::Malformed {
                path: ".".to_owned(),
                message: forecourt_core::redact::json_error_message(&e),
            })?;
        let Some(object) = value.as_object() else {
            return Err(WebhookError::UnknownPayload {
                reason: "the payload is not a JSON object",
            });
        };
        if !object.contains_key("applicationId") || !object.contains_key("status") {
            return Err(WebhookError::UnknownPayload {
                reason: "the payload has no `applicationId` and `status`",
            });
        }
        // decode again from the bytes: money stays exact (never through f64)
        let mut de = serde_json::Deserializer::from_slice(body);
        serde_path_to_error::deserialize::<_, StatusWebhook>(&mut de).map_err(|e| {
            let path = e.path().to_string();
            WebhookError::Malformed {
                path,
                message: forecourt_core::redact::json_error_message(e.inner()),
            }
        })
    }
}
