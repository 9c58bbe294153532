//! Describing one call: the operation, its path parameters, query, body and options.

use std::fmt;
use std::time::Duration;

use bytes::Bytes;
use http::{HeaderMap, HeaderName, HeaderValue, Method};
use secrecy::SecretString;
use serde::Serialize;
use url::Url;

use crate::error::{Error, Result};
use crate::retry::RetryPolicy;

/// A vendor operation: its name, method and path template.
///
/// Clients declare each operation once, as a constant, so that every path of
/// a vendor lives in one place. The template names its parameters in braces
/// (`/loans/{id}/loan_packages`); traces carry the template, never the values.
///
/// ```
/// use forecourt_core::Operation;
/// const GET_LOAN: Operation = Operation::get("loans.get", "/loans/{id}");
/// assert_eq!(GET_LOAN.path(), "/loans/{id}");
/// ```
#[derive(Debug, Clone)]
pub struct Operation {
    name: &'static str,
    method: Method,
    path: &'static str,
}

impl Operation {
    /// An operation with any method.
    pub const fn new(name: &'static str, method: Method, path: &'static str) -> Self {
        Operation { name, method, path }
    }

    /// A GET operation.
    pub const fn get(name: &'static str, path: &'static str) -> Self {
        Self::new(name, Method::GET, path)
    }

    /// A POST operation.
    pub const fn post(name: &'static str, path: &'static str) -> Self {
        Self::new(name, Method::POST, path)
    }

    /// A PUT operation.
    pub const fn put(name: &'static str, path: &'static str) -> Self {
        Self::new(name, Method::PUT, path)
    }

    /// A PATCH operation.
    pub const fn patch(name: &'static str, path: &'static str) -> Self {
        Self::new(name, Method::PATCH, path)
    }

    /// A DELETE operation.
    pub const fn delete(name: &'static str, path: &'static str) -> Self {
        Self::new(name, Method::DELETE, path)
    }

    /// The operation's name (`quotes.create`).
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The HTTP method.
    pub fn method(&self) -> &Method {
        &self.method
    }

    /// The path template, relative to the client's base URL.
    pub fn path(&self) -> &'static str {
        self.path
    }
}

/// Per-call settings that override the client's.
#[derive(Debug, Clone, Default)]
pub struct RequestOptions {
    pub(crate) timeout: Option<Option<Duration>>,
    pub(crate) deadline: Option<Option<Duration>>,
    pub(crate) retry: Option<RetryPolicy>,
    pub(crate) headers: HeaderMap,
}

impl RequestOptions {
    /// Options that change nothing.
    pub fn new() -> Self {
        Self::default()
    }

    /// The per-attempt timeout for this call.
    pub fn timeout(mut self, per_attempt: Duration) -> Self {
        self.timeout = Some(Some(per_attempt));
        self
    }

    /// No per-attempt timeout for this call.
    pub fn without_timeout(mut self) -> Self {
        self.timeout = Some(None);
        self
    }

    /// A total deadline for this call, across all its attempts and the
    /// waits between them (see
    /// [`TransportBuilder::deadline`](crate::TransportBuilder::deadline)).
    pub fn deadline(mut self, total: Duration) -> Self {
        self.deadline = Some(Some(total));
        self
    }

    /// No total deadline for this call, even if the client has one.
    pub fn without_deadline(mut self) -> Self {
        self.deadline = Some(None);
        self
    }

    /// The retry policy for this call.
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = Some(policy);
        self
    }

    /// No retries for this call.
    pub fn no_retry(self) -> Self {
        self.retry(RetryPolicy::none())
    }

    /// These options, with each field they leave unset taken from
    /// `defaults` (headers: both, these winning on a clash).
    pub(crate) fn or_defaults(self, defaults: &RequestOptions) -> RequestOptions {
        let mut headers = defaults.headers.clone();
        for name in self.headers.keys() {
            headers.remove(name);
        }
        for (name, value) in &self.headers {
            headers.append(name.clone(), value.clone());
        }
        RequestOptions {
            timeout: self.timeout.or(defaults.timeout),
            deadline: self.deadline.or(defaults.deadline),
            retry: self.retry.or_else(|| defaults.retry.clone()),
            headers,
        }
    }

    /// An extra header for this call (for example a vendor's audit header).
    pub fn header(mut self, name: HeaderName, value: HeaderValue) -> Self {
        self.headers.insert(name, value);
        self
    }
}

pub(crate) struct Body {
    pub(crate) data: Bytes,
    pub(crate) content_type: Option<HeaderValue>,
}

pub(crate) enum Target {
    Template(Vec<String>),
    Absolute(Url),
}

/// One call about to be made: build it from an [`Operation`], then hand it
/// to [`Transport`](crate::Transport).
///
/// Path parameters fill the template's braces in order and are
/// percent-encoded as one segment each (`a/b` cannot escape into another
/// path). An empty parameter is refused: it would change the route.
pub struct Request {
    pub(crate) op: Operation,
    pub(crate) target: Target,
    pub(crate) query: Option<String>,
    pub(crate) body: Option<Body>,
    pub(crate) headers: HeaderMap,
    pub(crate) options: RequestOptions,
    /// Values this call sends that must not come back in an error: the
    /// [`Redacted`](crate::Redacted) values its query and body serialized,
    /// and any given with [`Request::scrub`].
    pub(crate) secrets: Vec<SecretString>,
}

impl fmt::Debug for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // ids, query values and bodies can be personal data: none are printed
        f.debug_struct("Request")
            .field("operation", &self.op.name)
            .field("method", &self.op.method)
            .field("path", &self.op.path)
            .finish_non_exhaustive()
    }
}

impl Request {
    /// A call of `op` with no parameters yet.
    pub fn new(op: Operation) -> Self {
        Request {
            op,
            target: Target::Template(Vec::new()),
            query: None,
            body: None,
            headers: HeaderMap::new(),
            options: RequestOptions::default(),
            secrets: Vec::new(),
        }
    }

    /// A value this call sends (a password in a body built by hand, a
    /// token in a header) that is to be scrubbed from its errors and logs.
    /// [`Redacted`](crate::Redacted) values serialized by
    /// [`json`](Self::json), [`form`](Self::form) and [`query`](Self::query)
    /// are registered without this.
    pub fn scrub(mut self, secret: SecretString) -> Self {
        self.secrets.push(secret);
        self
    }

    /// Fills the next `{param}` of the template.
    pub fn param(mut self, value: impl fmt::Display) -> Self {
        if let Target::Template(params) = &mut self.target {
            params.push(value.to_string());
        }
        self
    }

    /// Sends to this absolute URL instead of the template. The transport
    /// refuses it unless it has the base URL's origin, so credentials never
    /// reach another host.
    pub fn absolute_url(mut self, url: Url) -> Self {
        self.target = Target::Absolute(url);
        self
    }

    /// A query string serialized from `query` (nested values in bracket form).
    pub fn query<T: Serialize>(mut self, query: &T) -> Result<Self> {
        let (q, secrets) = crate::redact::collecting(|| serde_qs::to_string(query));
        let q = q.map_err(|_| Error::invalid_input("query", "could not be encoded"))?;
        self.secrets.extend(secrets);
        self.query = (!q.is_empty()).then_some(q);
        Ok(self)
    }

    /// A query string already encoded (without the `?`).
    pub fn raw_query(mut self, query: impl Into<String>) -> Self {
        let q = query.into();
        self.query = (!q.is_empty()).then_some(q);
        self
    }

    /// A JSON body (content type from the client, `application/json` by default).
    pub fn json<T: Serialize + ?Sized>(mut self, body: &T) -> Result<Self> {
        let (data, secrets) = crate::redact::collecting(|| serde_json::to_vec(body));
        let data =
            data.map_err(|_| Error::invalid_input("body", "could not be encoded as JSON"))?;
        self.secrets.extend(secrets);
        self.body = Some(Body {
            data: data.into(),
            content_type: None,
        });
        Ok(self)
    }

    /// A form-encoded body (`application/x-www-form-urlencoded`).
    pub fn form<T: Serialize + ?Sized>(mut self, body: &T) -> Result<Self> {
        let (data, secrets) = crate::redact::collecting(|| serde_urlencoded::to_string(body));
        let data = data.map_err(|_| Error::invalid_input("body", "could not be form-encoded"))?;
        self.secrets.extend(secrets);
        self.body = Some(Body {
            data: data.into(),
            content_type: Some(HeaderValue::from_static(
                "application/x-www-form-urlencoded",
            )),
        });
        Ok(self)
    }

    /// A body of any type.
    pub fn body(mut self, data: impl Into<Bytes>, content_type: HeaderValue) -> Self {
        self.body = Some(Body {
            data: data.into(),
            content_type: Some(content_type),
        });
        self
    }

    /// A header for this call.
    pub fn header(mut self, name: HeaderName, value: HeaderValue) -> Self {
        self.headers.insert(name, value);
        self
    }

    /// Per-call options (timeout, retries, extra headers).
    pub fn options(mut self, options: RequestOptions) -> Self {
        self.options = options;
        self
    }

    /// The operation.
    pub fn operation(&self) -> &Operation {
        &self.op
    }
}

/// Percent-encodes one path segment (unreserved characters kept).
pub fn encode_segment(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            const HEX: &[u8; 16] = b"0123456789ABCDEF";
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 15)]));
        }
    }
    out
}

/// `expand_template_after` without a prefix.
#[cfg(test)]
pub(crate) fn expand_template(template: &str, params: &[String]) -> Result<String> {
    expand_template_after("", template, params)
}

/// Fills a path template's `{params}` in order with encoded segments,
/// written after `prefix` (a base URL's path) in one allocation.
/// The longest value of one path parameter, in bytes: no vendor id comes
/// near it, and servers refuse URLs of a few KiB.
const MAX_PATH_SEGMENT: usize = 2048;

pub(crate) fn expand_template_after(
    prefix: &str,
    template: &str,
    params: &[String],
) -> Result<String> {
    let mut out = String::with_capacity(prefix.len() + template.len() + 16);
    out.push_str(prefix);
    let mut rest = template;
    let mut values = params.iter();
    while let Some(open) = rest.find('{') {
        let close = rest[open..]
            .find('}')
            .map(|c| open + c)
            .ok_or_else(|| Error::invalid_input("path", "template has an unclosed brace"))?;
        let name = &rest[open + 1..close];
        out.push_str(&rest[..open]);
        let value = values
            .next()
            .ok_or_else(|| Error::invalid_input(name.to_owned(), "is required in the path"))?;
        if value.trim().is_empty() || value == "." || value == ".." {
            return Err(Error::invalid_input(name.to_owned(), "must not be empty"));
        }
        if value.len() > MAX_PATH_SEGMENT {
            return Err(Error::invalid_input(
                name.to_owned(),
                "is longer than 2048 bytes, too long for a URL path",
            ));
        }
        out.push_str(&encode_segment(value));
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    if values.next().is_some() {
        return Err(Error::invalid_input(
            "path",
            "has more parameters than the template",
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_expansion_encodes_and_checks() {
        let p = expand_template("/loans/{id}/loan_packages", &["a/b?c#d %ä".to_owned()]).unwrap();
        assert_eq!(p, "/loans/a%2Fb%3Fc%23d%20%25%C3%A4/loan_packages");
        assert!(expand_template("/loans/{id}", &[]).is_err());
        assert!(expand_template("/loans/{id}", &[" ".to_owned()]).is_err());
        assert!(expand_template("/loans/{id}", &["..".to_owned()]).is_err());
        assert!(expand_template("/loans", &["x".to_owned()]).is_err());
        assert_eq!(expand_template("/users", &[]).unwrap(), "/users");
    }

    #[test]
    fn debug_hides_values() {
        let r = Request::new(Operation::get("loans.get", "/loans/{id}"))
            .param("secret-id-123")
            .raw_query("ssn=123456789");
        let text = format!("{r:?}");
        assert!(
            !text.contains("secret-id") && !text.contains("123456789"),
            "{text}"
        );
    }
}
