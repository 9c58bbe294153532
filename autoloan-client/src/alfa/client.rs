//! The Alfa 6 Cloud client and its builder.

use std::fmt;

use forecourt_core::{
    Auth, Error, Request, RequestOptions, Result, SecretString, Transport, TransportBuilder,
};

use super::contracts::{ContractReceipt, ContractRequest};
use crate::paths;

/// The vendor's name, as it appears in errors and traces.
pub const ALFA_VENDOR_NAME: &str = "Alfa 6 Cloud";

/// Checks a dealer's instance name as a DNS host label (the `<instance>` in
/// `<instance>.alfasystems.com`): 1 to 63 characters of `a-z`, `0-9` and
/// `-`, not starting or ending with `-`. Upper case is accepted and lowered.
/// Returns the lower-cased label.
pub fn validate_instance(instance: &str) -> Result<String> {
    let label = instance.trim().to_ascii_lowercase();
    let ok = (1..=63).contains(&label.len())
        && label
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !label.starts_with('-')
        && !label.ends_with('-');
    if ok {
        Ok(label)
    } else {
        Err(Error::invalid_input(
            "instance",
            "must be a DNS label: 1 to 63 of a-z, 0-9 and '-', not starting or ending with '-' \
             (only the <instance> of <instance>.alfasystems.com)",
        ))
    }
}

enum Credentials {
    Basic {
        username: String,
        password: SecretString,
    },
    Bearer(SecretString),
}

/// A client of a dealer's Alfa 6 Cloud instance. Cheap to clone.
#[derive(Clone)]
pub struct Client {
    transport: Transport,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("alfa::Client")
            .field("transport", &self.transport)
            .finish()
    }
}

impl Client {
    /// A builder: `instance(..)` (or `base_url(..)`) and one of
    /// `basic_auth(..)` / `bearer_token(..)` are required.
    pub fn builder() -> ClientBuilder {
        ClientBuilder {
            transport: TransportBuilder::new(
                ALFA_VENDOR_NAME,
                concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION")),
            ),
            instance: None,
            credentials: None,
        }
    }

    /// Loan contracts: create one.
    pub fn contracts(&self) -> Contracts<'_> {
        Contracts {
            client: std::borrow::Cow::Borrowed(self),
        }
    }

    /// The shared transport.
    pub fn transport(&self) -> &Transport {
        &self.transport
    }
}

/// Builds an Alfa [`Client`].
pub struct ClientBuilder {
    transport: TransportBuilder,
    instance: Option<String>,
    credentials: Option<Credentials>,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let auth = match &self.credentials {
            None => "none",
            Some(Credentials::Basic { .. }) => "basic [REDACTED]",
            Some(Credentials::Bearer(_)) => "bearer [REDACTED]",
        };
        f.debug_struct("alfa::ClientBuilder")
            .field("instance", &self.instance)
            .field("credentials", &auth)
            .finish_non_exhaustive()
    }
}

impl ClientBuilder {
    forecourt_core::transport_builder_methods!();

    /// The dealer's instance name: the client talks to
    /// `https://<instance>.alfasystems.com`. Validated at [`build`](Self::build)
    /// by [`validate_instance`]. A `base_url(..)` (tests, the sandbox, a
    /// proxy) takes precedence.
    pub fn instance(mut self, instance: impl Into<String>) -> Self {
        self.instance = Some(instance.into());
        self
    }

    /// HTTP Basic credentials (`Authorization: Basic ...`).
    pub fn basic_auth(mut self, username: impl Into<String>, password: SecretString) -> Self {
        self.credentials = Some(Credentials::Basic {
            username: username.into(),
            password,
        });
        self
    }

    /// A bearer token (`Authorization: Bearer ...`).
    pub fn bearer_token(mut self, token: SecretString) -> Self {
        self.credentials = Some(Credentials::Bearer(token));
        self
    }

    /// Builds the client. [`Error::InvalidInput`] names what is missing or
    /// invalid: `instance` (or `base_url`), `credentials`, `username`,
    /// `password`, `token`.
    pub fn build(self) -> Result<Client> {
        let auth = match self.credentials {
            None => {
                return Err(Error::invalid_input(
                    "credentials",
                    "are required: basic_auth(..) or bearer_token(..)",
                ));
            }
            Some(Credentials::Basic { username, password }) => {
                if username.trim().is_empty() {
                    return Err(Error::invalid_input("username", "must not be empty"));
                }
                Auth::basic(&username, password)?
            }
            Some(Credentials::Bearer(token)) => Auth::bearer(token)?,
        };
        let mut transport = self.transport;
        if !transport.has_base_url() {
            let instance = self
                .instance
                .ok_or_else(|| Error::invalid_input("instance", "is required (or a base_url)"))?;
            let label = validate_instance(&instance)?;
            transport = transport.default_base_url(format!("https://{label}.alfasystems.com"));
        }
        let transport = transport.auth(auth).build()?;
        Ok(Client { transport })
    }
}

/// Contract operations; from [`Client::contracts`].
#[derive(Debug, Clone)]
pub struct Contracts<'a> {
    client: std::borrow::Cow<'a, Client>,
}

impl Contracts<'_> {
    /// A handle whose calls use `options` (timeout, deadline, retries,
    /// extra headers) instead of the client's settings.
    pub fn options(&self, options: RequestOptions) -> Contracts<'static> {
        Contracts {
            client: std::borrow::Cow::Owned(Client {
                transport: self.client.transport.with_options(options),
            }),
        }
    }

    /// Creates a loan contract (`POST /api/v6/contracts`) after
    /// [`ContractRequest::validate`]. Never re-sent automatically; a
    /// duplicate is refused by Alfa (in the sandbox: `409`).
    ///
    /// Per-call options: `client.contracts().options(o).create(..)`.
    pub async fn create(&self, contract: &ContractRequest) -> Result<ContractReceipt> {
        contract.validate()?;
        let request = Request::new(paths::CREATE_CONTRACT).json(contract)?;
        let transport = &self.client.transport;
        let raw = transport.send(request).await?;
        ContractReceipt::from_response(transport, &raw)
    }
}
