//! The Autoloan Finland client and its builder.

use std::fmt;

use forecourt_core::{Auth, Error, Result, SecretString, Transport, TransportBuilder};

use crate::applications::Applications;

/// The vendor's name, as it appears in errors and traces.
pub const VENDOR_NAME: &str = "Autoloan Finland";

/// The environment variable the examples read the base URL from.
pub const BASE_URL_ENV: &str = "AUTOLOAN_BASE_URL";

/// A client of the Autoloan Finland API. Cheap to clone (an `Arc` inside).
///
/// ```no_run
/// # fn demo() -> autoloan_client::Result<()> {
/// use autoloan_client::{Client, SecretString};
/// let client = Client::builder()
///     .api_key(SecretString::from("YOUR_API_KEY"))
///     .base_url("https://api.autoloan.example")
///     .build()?;
/// # let _ = client;
/// # Ok(())
/// # }
/// ```
#[derive(Clone)]
pub struct Client {
    pub(crate) transport: Transport,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("autoloan_client::Client")
            .field("transport", &self.transport)
            .finish()
    }
}

impl Client {
    /// A builder. An API key and a base URL are required: the vendor's
    /// documentation names no host.
    pub fn builder() -> ClientBuilder {
        ClientBuilder {
            transport: TransportBuilder::new(
                VENDOR_NAME,
                concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION")),
            ),
            api_key: None,
        }
    }

    /// Finance applications: submit one.
    pub fn applications(&self) -> Applications<'_> {
        Applications {
            client: std::borrow::Cow::Borrowed(self),
        }
    }

    /// The shared transport (for calls this SDK does not model yet).
    pub fn transport(&self) -> &Transport {
        &self.transport
    }
}

/// Builds a [`Client`]: `api_key(..)` and `base_url(..)` are required.
pub struct ClientBuilder {
    transport: TransportBuilder,
    api_key: Option<SecretString>,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("autoloan_client::ClientBuilder")
            .field(
                "api_key",
                &self
                    .api_key
                    .as_ref()
                    .map(|_| forecourt_core::redact::REDACTED),
            )
            .field("base_url_set", &self.transport.has_base_url())
            .finish_non_exhaustive()
    }
}

impl ClientBuilder {
    forecourt_core::transport_builder_methods!();

    /// The API key from the Dealer Portal ("Settings > API"), sent as
    /// `Authorization: Bearer <key>`.
    pub fn api_key(mut self, key: SecretString) -> Self {
        self.api_key = Some(key);
        self
    }

    /// Builds the client. Fails with [`Error::InvalidInput`] when the API key
    /// (`api_key`) or the base URL (`base_url`) is missing or invalid.
    pub fn build(self) -> Result<Client> {
        let key = self
            .api_key
            .ok_or_else(|| Error::invalid_input("api_key", "is required"))?;
        if !self.transport.has_base_url() {
            return Err(Error::invalid_input(
                "base_url",
                "is required: Autoloan Finland documents no default host",
            ));
        }
        let transport = self.transport.auth(Auth::bearer(key)?).build()?;
        Ok(Client { transport })
    }
}
