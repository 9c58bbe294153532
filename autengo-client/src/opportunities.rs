//! Opportunities (leads) for vehicles.

use serde::{Deserialize, Serialize};

use crate::client::Client;
use crate::paths;
use crate::{Error, Result};

/// The opportunity operations. Get one with [`Client::opportunities`].
#[derive(Debug, Clone)]
pub struct Opportunities {
    client: Client,
}

impl Opportunities {
    /// A handle whose calls use `options` (timeout, deadline, retries,
    /// extra headers) instead of the client's settings.
    pub fn options(&self, options: forecourt_core::RequestOptions) -> Opportunities {
        Opportunities::new(self.client.with_options(options))
    }

    pub(crate) fn new(client: Client) -> Self {
        Opportunities { client }
    }

    /// `POST /opportunity`: creates a lead for a vehicle. An unknown
    /// `sellingId` is an [`Error::Api`] with status 404.
    pub async fn create(&self, opportunity: &OpportunityPost) -> Result<OpportunityResponse> {
        opportunity.validate()?;
        let req = self
            .client
            .request(paths::OPPORTUNITY_CREATE)
            .json(opportunity)?;
        self.client.transport().send_json(req).await
    }
}

/// The documented source of opportunities: `6` (Alzura Shop).
pub const SOURCE_ALZURA_SHOP: u32 = 6;

/// A new opportunity (`OpportunityPost`).
///
/// ```
/// use autengo_client::{OpportunityCustomer, OpportunityPost};
/// let post = OpportunityPost::builder()
///     .selling_id("RQ5O9S")
///     .request_text("I'm interested in this vehicle.")
///     .customer(OpportunityCustomer::builder().last_name("Doe").email("j@example.org").build())
///     .build();
/// assert_eq!(post.source_type, 6);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, bon::Builder)]
#[serde(rename_all = "camelCase")]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct OpportunityPost {
    /// The selling id of the vehicle.
    pub selling_id: String,
    /// The customer's message (up to 16,777,215 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_text: Option<String>,
    /// The source (documented: `6` = Alzura Shop, the default).
    #[builder(default = SOURCE_ALZURA_SHOP)]
    pub source_type: u32,
    /// The customer.
    pub customer: OpportunityCustomer,
}

impl OpportunityPost {
    /// Checks what the types cannot: a non-empty selling id, the text's length.
    pub fn validate(&self) -> Result<()> {
        if self.selling_id.trim().is_empty() {
            return Err(Error::invalid_input("sellingId", "must not be empty"));
        }
        if self
            .request_text
            .as_ref()
            .is_some_and(|t| t.chars().count() > 16_777_215)
        {
            return Err(Error::invalid_input(
                "requestText",
                "must be at most 16777215 characters",
            ));
        }
        self.customer.validate()
    }
}

/// The customer of an opportunity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, bon::Builder)]
#[serde(rename_all = "camelCase")]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct OpportunityCustomer {
    /// Last name (required).
    pub last_name: String,
    /// First name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// Street address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub street_address: Option<String>,
    /// Zip code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zip_code: Option<String>,
    /// City.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// Phone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
    /// E-mail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

impl OpportunityCustomer {
    fn validate(&self) -> Result<()> {
        if self.last_name.trim().is_empty() {
            return Err(Error::invalid_input(
                "customer.lastName",
                "must not be empty",
            ));
        }
        if self.email.as_ref().is_some_and(|e| !e.contains('@')) {
            return Err(Error::invalid_input(
                "customer.email",
                "must be an e-mail address",
            ));
        }
        Ok(())
    }
}

/// The answer to `POST /opportunity`: `{"status": "success", "data": {"opportunityId": 3813}}`.
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct OpportunityResponse {
    /// `success`.
    #[serde(default)]
    pub status: Option<String>,
    /// The created opportunity.
    pub data: OpportunityData,
}

impl OpportunityResponse {
    /// The new opportunity's id.
    pub fn opportunity_id(&self) -> u64 {
        self.data.opportunity_id
    }
}

/// The `data` of an [`OpportunityResponse`].
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct OpportunityData {
    /// The new opportunity's id (a number or a numeric string).
    #[serde(deserialize_with = "forecourt_core::serde_helpers::whole::number::deserialize")]
    pub opportunity_id: u64,
}
