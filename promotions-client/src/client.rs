//! The [`Client`] and its [`ClientBuilder`].

use std::fmt;
use std::sync::Arc;

use forecourt_core::http::{HeaderValue, StatusCode, header::ACCEPT};
use forecourt_core::{
    Auth, DefaultErrorMapper, Error, ErrorDetail, ErrorMapper, RawResponse, Request, Result,
    SecretString, Transport, TransportBuilder,
};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::jwe;
use crate::promotions::Promotions;

/// The vendor's name in errors and traces.
pub const VENDOR_NAME: &str = "Promotions";

/// The header that carries the API key unless
/// [`ClientBuilder::api_key_header`] says otherwise (an assumption: the
/// documentation excerpt does not say).
pub const DEFAULT_API_KEY_HEADER: &str = "X-Api-Key";

/// How request and response bodies travel, chosen when the client is built.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum BodyEncoding {
    /// Plain JSON (`application/json`), as in the documentation's examples.
    #[default]
    Json,
    /// JWE compact tokens encrypted with the API key
    /// (`PBES2-HS512+A256KW`, `A256CBC-HS512`, content type
    /// `application/jose`), as the vendor's guide describes. Request bodies
    /// are encrypted; successful response bodies must be JWE tokens and are
    /// decrypted and authenticated; error responses stay plain JSON.
    Jwe,
}

/// Builds a [`Client`].
///
/// ```no_run
/// use promotions_client::{BodyEncoding, Client};
/// use forecourt_core::SecretString;
/// let client = Client::builder()
///     .base_url("https://broker.example.com")
///     .api_key(SecretString::from("assigned-api-key"))
///     .body_encoding(BodyEncoding::Jwe)
///     .build()?;
/// # Ok::<(), forecourt_core::Error>(())
/// ```
pub struct ClientBuilder {
    transport: TransportBuilder,
    api_key: Option<SecretString>,
    api_key_header: String,
    encoding: BodyEncoding,
    jwe_iterations: u32,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("transport", &self.transport)
            .field(
                "api_key",
                &self
                    .api_key
                    .as_ref()
                    .map(|_| forecourt_core::redact::REDACTED),
            )
            .field("api_key_header", &self.api_key_header)
            .field("encoding", &self.encoding)
            .field("jwe_iterations", &self.jwe_iterations)
            .finish()
    }
}

impl Default for ClientBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl ClientBuilder {
    /// A builder with no API key and no base URL yet, JSON bodies.
    pub fn new() -> Self {
        ClientBuilder {
            transport: TransportBuilder::new(
                VENDOR_NAME,
                concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION")),
            )
            .error_mapper(AspNetErrorMapper),
            api_key: None,
            api_key_header: DEFAULT_API_KEY_HEADER.to_owned(),
            encoding: BodyEncoding::Json,
            jwe_iterations: jwe::DEFAULT_ITERATIONS,
        }
    }

    forecourt_core::transport_builder_methods!();

    /// The API key the vendor assigned (required). It authenticates every
    /// call and, with [`BodyEncoding::Jwe`], is the JWE password.
    pub fn api_key(mut self, key: SecretString) -> Self {
        self.api_key = Some(key);
        self
    }

    /// The header that carries the API key (default [`DEFAULT_API_KEY_HEADER`]).
    pub fn api_key_header(mut self, name: impl Into<String>) -> Self {
        self.api_key_header = name.into();
        self
    }

    /// Plain JSON or JWE bodies (default [`BodyEncoding::Json`]).
    pub fn body_encoding(mut self, encoding: BodyEncoding) -> Self {
        self.encoding = encoding;
        self
    }

    /// The PBES2 iteration count (`p2c`) of request JWEs (default
    /// [`jwe::DEFAULT_ITERATIONS`]; between [`jwe::MIN_ITERATIONS`] and
    /// [`jwe::MAX_ITERATIONS`]).
    pub fn jwe_iterations(mut self, iterations: u32) -> Self {
        self.jwe_iterations = iterations;
        self
    }

    /// Validates the settings and builds the client.
    ///
    /// Errors with [`Error::InvalidInput`] when the API key is missing or
    /// empty, the header name is not a valid header, the iteration count is
    /// out of range, or the base URL is missing or not `https` (loopback
    /// hosts excepted).
    pub fn build(self) -> Result<Client> {
        use forecourt_core::ExposeSecret;
        let key = self
            .api_key
            .ok_or_else(|| Error::invalid_input("api_key", "is required"))?;
        if key.expose_secret().trim().is_empty() {
            return Err(Error::invalid_input("api_key", "must not be empty"));
        }
        if !(jwe::MIN_ITERATIONS..=jwe::MAX_ITERATIONS).contains(&self.jwe_iterations) {
            return Err(Error::invalid_input(
                "jwe_iterations",
                "must be between 1000 and 1000000",
            ));
        }
        if forecourt_core::http::HeaderName::from_bytes(self.api_key_header.as_bytes()).is_err() {
            return Err(Error::invalid_input(
                "api_key_header",
                "is not a valid header name",
            ));
        }
        let auth = Auth::header(&self.api_key_header, key.clone())?;
        let transport = self.transport.auth(auth).build()?;
        Ok(Client {
            transport,
            codec: Arc::new(Codec {
                encoding: self.encoding,
                key,
                iterations: self.jwe_iterations,
            }),
        })
    }
}

struct Codec {
    encoding: BodyEncoding,
    key: SecretString,
    iterations: u32,
}

/// A client of the Promotions API v3. Cheap to clone (shared inside).
#[derive(Clone)]
pub struct Client {
    transport: Transport,
    codec: Arc<Codec>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("transport", &self.transport)
            .field("encoding", &self.codec.encoding)
            .finish_non_exhaustive()
    }
}

const JWE_ACCEPT: &str = "application/jose, application/json;q=0.5";

impl Client {
    /// A builder.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::new()
    }

    /// The promotions of loan applications.
    pub fn promotions(&self) -> Promotions<'_> {
        Promotions::new(self)
    }

    /// The same client whose calls use `options` (see
    /// [`Transport::with_options`](forecourt_core::Transport::with_options)).
    pub(crate) fn with_options(&self, options: forecourt_core::RequestOptions) -> Client {
        Client {
            transport: self.transport.with_options(options),
            codec: Arc::clone(&self.codec),
        }
    }

    /// The body encoding chosen at build time.
    pub fn body_encoding(&self) -> BodyEncoding {
        self.codec.encoding
    }

    /// The underlying transport.
    pub fn transport(&self) -> &Transport {
        &self.transport
    }

    /// Sends a call whose successful answer is a JSON (or JWE) body.
    pub(crate) async fn fetch<T: DeserializeOwned>(&self, request: Request) -> Result<T> {
        let raw = self.transport.send(self.accept(request)).await?;
        self.decode(&raw)
    }

    /// Sends a call with a body; the answer's body is not read.
    pub(crate) async fn submit<B: Serialize + ?Sized>(
        &self,
        request: Request,
        body: &B,
    ) -> Result<()> {
        let request = match self.codec.encoding {
            BodyEncoding::Json => request.json(body)?,
            BodyEncoding::Jwe => {
                let json = serde_json::to_vec(body)
                    .map_err(|_| Error::invalid_input("body", "could not be encoded as JSON"))?;
                let token =
                    jwe::encrypt(&self.codec.key, &json, self.codec.iterations).map_err(|e| {
                        Error::invalid_input("body", format!("could not be encrypted: {e}"))
                    })?;
                request.body(token, HeaderValue::from_static(jwe::MEDIA_TYPE))
            }
        };
        self.transport.send(self.accept(request)).await.map(drop)
    }

    fn accept(&self, request: Request) -> Request {
        match self.codec.encoding {
            BodyEncoding::Json => request,
            BodyEncoding::Jwe => request.header(ACCEPT, HeaderValue::from_static(JWE_ACCEPT)),
        }
    }

    fn decode<T: DeserializeOwned>(&self, raw: &RawResponse) -> Result<T> {
        match self.codec.encoding {
            BodyEncoding::Json => self.transport.decode(raw),
            BodyEncoding::Jwe => {
                let plain =
                    open_jwe_body(&self.codec.key, raw.body()).map_err(|e| Error::Protocol {
                        vendor: VENDOR_NAME,
                        message: format!(
                            "the response body is not a valid JWE for this API key: {e}"
                        )
                        .into(),
                    })?;
                self.transport.decode_bytes(&plain)
            }
        }
    }
}

/// Decrypts a response body holding a JWE compact token, bare or as a JSON string.
pub(crate) fn open_jwe_body(
    key: &SecretString,
    body: &[u8],
) -> std::result::Result<Vec<u8>, jwe::JweError> {
    let text = std::str::from_utf8(forecourt_core::transport::without_bom(body))
        .map_err(|_| jwe::JweError::Malformed("body is not text"))?;
    let text = text.trim();
    let token = if text.starts_with('"') {
        serde_json::from_str::<String>(text)
            .map_err(|_| jwe::JweError::Malformed("body is not a JSON string"))?
    } else {
        text.to_owned()
    };
    jwe::decrypt(key, &token)
}

/// The vendor's error bodies (ASP.NET Web API): `{"Message": ".."}`, with
/// `ModelState: {"field": ["message", ..]}` for validation errors.
/// Anything else goes to [`DefaultErrorMapper`].
#[derive(Debug, Clone, Copy, Default)]
pub struct AspNetErrorMapper;

impl ErrorMapper for AspNetErrorMapper {
    fn details(&self, status: StatusCode, body: &[u8]) -> Vec<ErrorDetail> {
        let parsed: Option<serde_json::Value> = serde_json::from_slice(body).ok();
        let model_state = parsed
            .as_ref()
            .and_then(|v| v.get("ModelState"))
            .and_then(|m| m.as_object());
        if let Some(fields) = model_state {
            let mut out: Vec<ErrorDetail> = fields
                .iter()
                .flat_map(|(field, messages)| {
                    let messages: Vec<String> = match messages {
                        serde_json::Value::Array(items) => items
                            .iter()
                            .filter_map(|m| m.as_str().map(str::to_owned))
                            .collect(),
                        serde_json::Value::String(s) => vec![s.clone()],
                        _ => Vec::new(),
                    };
                    let field = field.strip_prefix("request.").unwrap_or(field).to_owned();
                    messages
                        .into_iter()
                        .map(move |m| ErrorDetail::message(m).with_pointer(field.clone()))
                })
                .collect();
            if !out.is_empty() {
                if let Some(message) = parsed
                    .as_ref()
                    .and_then(|v| v.get("Message"))
                    .and_then(|m| m.as_str())
                {
                    out.insert(0, ErrorDetail::message(message));
                }
                return out;
            }
        }
        DefaultErrorMapper.details(status, body)
    }
}
