//! Vehicle contracts: warranties, service and maintenance plans, roadside
//! assistance, insurance. List (one page or a lazy stream), get, create,
//! update (PATCH: only the fields given) and replace (PUT: the whole record).
//!
//! Reach it through [`Client::contracts`](crate::Client::contracts).

mod input;
mod model;
mod wire;

pub use input::{ContractUpdate, ContractUpdateBuilder, NewContract, NewContractBuilder};
pub use model::{Contract, ContractStatus, ContractType, Link, Mileage, MileageUnit, Price};

use std::collections::BTreeMap;
use std::fmt;

use forecourt_core::http::HeaderName;
use forecourt_core::paging::{Page, page_stream};
use forecourt_core::{Error, Operation, Request, RequestOptions, Result};
use futures::StreamExt;
use futures::stream::BoxStream;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::client::{Client, VENDOR_NAME, header_value};
use crate::paths;

/// The page size [`ListContracts::stream`] asks for when none is set.
pub const DEFAULT_PAGE_SIZE: u32 = 50;

/// Fields the server sent that the model does not name, kept verbatim (the
/// raw JSON text of each value, so numbers stay exact) and sent back by
/// [`Contracts::replace`].
pub type ExtraFields = BTreeMap<String, Box<RawValue>>;

/// One page of a vehicle's contracts: `{totalItems, totalPages, items, links}`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ContractPage {
    /// `totalItems`: contracts of the vehicle across all pages.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::whole::option_number::deserialize"
    )]
    pub total_items: Option<u64>,
    /// `totalPages`.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::whole::option_number::deserialize"
    )]
    pub total_pages: Option<u64>,
    /// `items`: the contracts of this page.
    #[serde(default)]
    pub items: Vec<Contract>,
    /// `links` (`self`, `next`, `prev`, ...).
    #[serde(default)]
    pub links: Vec<Link>,
}

impl ContractPage {
    /// The link with relation `rel` (`next`), if any.
    pub fn link(&self, rel: &str) -> Option<&Link> {
        self.links.iter().find(|l| l.rel.as_deref() == Some(rel))
    }
}

#[derive(Serialize)]
struct ListQuery {
    #[serde(skip_serializing_if = "Option::is_none")]
    page: Option<u32>,
    #[serde(rename = "pageSize", skip_serializing_if = "Option::is_none")]
    page_size: Option<u32>,
}

/// The contract operations, for the client's enterprise and store. Cheap to
/// clone; get one from [`Client::contracts`](crate::Client::contracts).
#[derive(Clone)]
pub struct Contracts {
    client: Client,
    on_behalf_of: Option<String>,
    options: RequestOptions,
}

impl fmt::Debug for Contracts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Contracts")
            .field("client", &self.client)
            .field("on_behalf_of", &self.on_behalf_of.as_ref().map(|_| "[set]"))
            .field("options", &self.options)
            .finish()
    }
}

impl Contracts {
    pub(crate) fn new(client: Client) -> Self {
        Contracts {
            client,
            on_behalf_of: None,
            options: RequestOptions::new(),
        }
    }

    /// A handle that sends `x-onbehalf-of: <user_id>` with its calls
    /// (overrides the client's; checked when a call is made).
    pub fn on_behalf_of(&self, user_id: impl Into<String>) -> Contracts {
        let mut handle = self.clone();
        handle.on_behalf_of = Some(user_id.into());
        handle
    }

    /// A handle whose calls use these options (timeout, retries, extra
    /// headers) instead of the client's.
    pub fn options(&self, options: RequestOptions) -> Contracts {
        let mut handle = self.clone();
        handle.options = options;
        handle
    }

    fn request(&self, op: Operation, vehicle_id: &str) -> Result<Request> {
        let mut options = self.options.clone();
        let on_behalf_of = match &self.on_behalf_of {
            Some(user) => Some(header_value("on_behalf_of", user)?),
            None => self.client.default_on_behalf_of().cloned(),
        };
        if let Some(v) = on_behalf_of {
            options = options.header(HeaderName::from_static(paths::ON_BEHALF_OF_HEADER), v);
        }
        Ok(Request::new(op)
            .param(self.client.enterprise_id())
            .param(self.client.store_id())
            .param(vehicle_id)
            .options(options))
    }

    /// The contracts of a vehicle: `.send()` for one page, `.stream()` for
    /// all of them, lazily.
    ///
    /// ```no_run
    /// # async fn demo(client: keyloop_contracts_client::Client) -> keyloop_contracts_client::Result<()> {
    /// let page = client.contracts().list("VEH-1001").page(1).page_size(20).send().await?;
    /// println!("{} of {:?} contracts", page.items.len(), page.total_items);
    /// # Ok(()) }
    /// ```
    pub fn list(&self, vehicle_id: impl Into<String>) -> ListContracts {
        ListContracts {
            contracts: self.clone(),
            vehicle_id: vehicle_id.into(),
            page: None,
            page_size: None,
        }
    }

    /// One contract of a vehicle.
    pub async fn get(&self, vehicle_id: &str, contract_id: &str) -> Result<Contract> {
        let request = self
            .request(paths::GET_CONTRACT, vehicle_id)?
            .param(contract_id);
        self.client.transport().send_json(request).await
    }

    /// Creates a contract for a vehicle; returns it as the server stored it.
    /// Never re-sent automatically (a POST may have reached the server).
    pub async fn create(&self, vehicle_id: &str, contract: &NewContract) -> Result<Contract> {
        contract.validate()?;
        let request = self
            .request(paths::CREATE_CONTRACT, vehicle_id)?
            .json(contract)?;
        self.client.transport().send_json(request).await
    }

    /// Changes only the fields set in `changes` (PATCH); returns the
    /// updated contract.
    pub async fn update(
        &self,
        vehicle_id: &str,
        contract_id: &str,
        changes: &ContractUpdate,
    ) -> Result<Contract> {
        changes.validate()?;
        let request = self
            .request(paths::UPDATE_CONTRACT, vehicle_id)?
            .param(contract_id)
            .json(changes)?;
        self.client.transport().send_json(request).await
    }

    /// Replaces the whole record (PUT) of `contract.contract_id` with
    /// `contract`, unknown fields included; returns the stored contract.
    /// Get the contract first and change it, so nothing is lost.
    pub async fn replace(&self, vehicle_id: &str, contract: &Contract) -> Result<Contract> {
        contract.validate_for_replace(vehicle_id)?;
        let request = self
            .request(paths::REPLACE_CONTRACT, vehicle_id)?
            .param(&contract.contract_id)
            .json(contract)?;
        self.client.transport().send_json(request).await
    }

    async fn fetch_page(
        &self,
        vehicle_id: &str,
        page: Option<u32>,
        page_size: Option<u32>,
    ) -> Result<(ContractPage, u64)> {
        let request = self
            .request(paths::LIST_CONTRACTS, vehicle_id)?
            .query(&ListQuery { page, page_size })?;
        let transport = self.client.transport();
        let raw = transport.send(request).await?;
        let page: ContractPage = transport.decode(&raw)?;
        Ok((page, raw.fingerprint()))
    }
}

/// A request for the contracts of a vehicle; see [`Contracts::list`].
#[derive(Debug, Clone)]
#[must_use = "a list request does nothing until `.send()` or `.stream()`"]
pub struct ListContracts {
    contracts: Contracts,
    vehicle_id: String,
    page: Option<u32>,
    page_size: Option<u32>,
}

impl ListContracts {
    /// The page to fetch (1 is the first; default: the server's, 1).
    pub fn page(mut self, page: u32) -> Self {
        self.page = Some(page);
        self
    }

    /// Contracts per page (default: the server's for `send`,
    /// [`DEFAULT_PAGE_SIZE`] for `stream`).
    pub fn page_size(mut self, page_size: u32) -> Self {
        self.page_size = Some(page_size);
        self
    }

    fn validate(&self) -> Result<()> {
        if self.page == Some(0) {
            return Err(Error::invalid_input("page", "must be 1 or more"));
        }
        if self.page_size == Some(0) {
            return Err(Error::invalid_input("pageSize", "must be 1 or more"));
        }
        Ok(())
    }

    /// Fetches one page.
    pub async fn send(self) -> Result<ContractPage> {
        self.validate()?;
        let (page, _) = self
            .contracts
            .fetch_page(&self.vehicle_id, self.page, self.page_size)
            .await?;
        Ok(page)
    }

    /// Every contract of the vehicle from `page` on (default 1), fetched
    /// page by page as the stream is read.
    ///
    /// ```no_run
    /// use futures::TryStreamExt;
    /// # async fn demo(client: keyloop_contracts_client::Client) -> keyloop_contracts_client::Result<()> {
    /// let all: Vec<_> = client.contracts().list("VEH-1001").stream().try_collect().await?;
    /// # let _ = all; Ok(()) }
    /// ```
    pub fn stream(self) -> BoxStream<'static, Result<Contract>> {
        if let Err(e) = self.validate() {
            return futures::stream::once(async move { Err(e) }).boxed();
        }
        let first = u64::from(self.page.unwrap_or(1));
        let size = u64::from(self.page_size.unwrap_or(DEFAULT_PAGE_SIZE));
        let contracts = self.contracts;
        let vehicle_id = self.vehicle_id;
        page_stream(VENDOR_NAME, first, size, move |page, size| {
            let contracts = contracts.clone();
            let vehicle_id = vehicle_id.clone();
            async move {
                let page = u32::try_from(page)
                    .map_err(|_| Error::invalid_input("page", "is out of range"))?;
                let size = u32::try_from(size)
                    .map_err(|_| Error::invalid_input("pageSize", "is out of range"))?;
                let (p, fingerprint) = contracts
                    .fetch_page(&vehicle_id, Some(page), Some(size))
                    .await?;
                Ok(Page::new(p.items)
                    .total_items(p.total_items)
                    .total_pages(p.total_pages)
                    .fingerprint(fingerprint))
            }
        })
    }
}
