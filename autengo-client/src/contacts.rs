//! The dealer's contacts (customers, suppliers, partners, prospects), by id
//! or by TecFactura id.

use std::fmt;

use forecourt_core::Redacted;
use forecourt_core::redact::{MASKED, mask};
use forecourt_core::serde_helpers::Id;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::client::Client;
use crate::macros::string_enum;
use crate::paths;
use crate::{Error, Result};

/// The contact operations. Get one with [`Client::contacts`].
#[derive(Debug, Clone)]
pub struct Contacts {
    client: Client,
}

impl Contacts {
    /// A handle whose calls use `options` (timeout, deadline, retries,
    /// extra headers) instead of the client's settings.
    pub fn options(&self, options: forecourt_core::RequestOptions) -> Contacts {
        Contacts::new(self.client.with_options(options))
    }

    pub(crate) fn new(client: Client) -> Self {
        Contacts { client }
    }

    /// `POST /contact`: creates a contact for the authenticated dealer.
    pub async fn create(&self, contact: &ContactPost) -> Result<ContactResponse> {
        contact.validate()?;
        let req = self.client.request(paths::CONTACT_CREATE).json(contact)?;
        self.client.transport().send_json(req).await
    }

    /// `GET /contact/:id`. An unknown id is an [`Error::Api`] with status 404.
    pub async fn get(&self, id: u64) -> Result<ContactResponse> {
        let req = self.client.request(paths::CONTACT_GET).param(id);
        self.client.transport().send_json(req).await
    }

    /// `PUT /contact/:id`: updates a contact.
    pub async fn update(&self, id: u64, contact: &ContactPost) -> Result<ContactResponse> {
        contact.validate()?;
        let req = self
            .client
            .request(paths::CONTACT_UPDATE)
            .param(id)
            .json(contact)?;
        self.client.transport().send_json(req).await
    }

    /// `DELETE /contact/:id`.
    pub async fn delete(&self, id: u64) -> Result<StatusResponse> {
        let req = self.client.request(paths::CONTACT_DELETE).param(id);
        self.client.transport().send_json(req).await
    }

    /// `GET /contact/tecfactura/:tecfacturaId`.
    pub async fn get_by_tecfactura(&self, tecfactura_id: &str) -> Result<ContactResponse> {
        let req = self
            .client
            .request(paths::CONTACT_GET_TECFACTURA)
            .param(tecfactura_id);
        self.client.transport().send_json(req).await
    }

    /// `PUT /contact/tecfactura/:tecfacturaId`.
    pub async fn update_by_tecfactura(
        &self,
        tecfactura_id: &str,
        contact: &ContactPost,
    ) -> Result<ContactResponse> {
        contact.validate()?;
        let req = self
            .client
            .request(paths::CONTACT_UPDATE_TECFACTURA)
            .param(tecfactura_id)
            .json(contact)?;
        self.client.transport().send_json(req).await
    }

    /// `DELETE /contact/tecfactura/:tecfacturaId`.
    pub async fn delete_by_tecfactura(&self, tecfactura_id: &str) -> Result<StatusResponse> {
        let req = self
            .client
            .request(paths::CONTACT_DELETE_TECFACTURA)
            .param(tecfactura_id);
        self.client.transport().send_json(req).await
    }
}

string_enum! {
    /// The contact's title.
    ContactTitle {
        /// `Mr`
        Mr => "Mr",
        /// `Mrs`
        Mrs => "Mrs",
    }
}

string_enum! {
    /// Where the contact came from (`source`).
    ContactSource {
        /// `walkIn`
        WalkIn => "walkIn",
        /// `mail`
        Mail => "mail",
        /// `platform`
        Platform => "platform",
        /// `phone`
        Phone => "phone",
        /// `offlineMarketing`
        OfflineMarketing => "offlineMarketing",
        /// `onlineMarketing`
        OnlineMarketing => "onlineMarketing",
    }
}

string_enum! {
    /// The kind of contact (`type`).
    ContactType {
        /// `customer`
        Customer => "customer",
        /// `supplier`
        Supplier => "supplier",
        /// `partner`
        Partner => "partner",
        /// `prospect`
        Prospect => "prospect",
    }
}

string_enum! {
    /// Sales tax treatment (`salesTaxRegulation`).
    SalesTaxRegulation {
        /// `reverseCharge`
        ReverseCharge => "reverseCharge",
        /// `taxless`
        Taxless => "taxless",
        /// `withTax`
        WithTax => "withTax",
    }
}

/// Defines `ContactPost` and `Contact` over one list of optional fields.
macro_rules! contact_structs {
    ($( $(#[$m:meta])* $field:ident : $ty:ty => $read:literal ),+ $(,)?) => {
        /// A contact to create or update (`ContactPost`). The last name is
        /// required (assumed); everything else is optional and left out of
        /// the JSON when `None`. Date of birth, IBAN, BIC, tax id and driver
        /// licence number are [`Redacted`]: sent as they are, never printed.
        ///
        /// A contact is personal data: `Debug` shows which fields are set,
        /// never their values, and every value sent is removed from the
        /// call's errors and logs should the vendor echo it.
        #[derive(Clone, PartialEq, Serialize, Deserialize, bon::Builder)]
        #[serde(rename_all = "camelCase")]
        #[builder(on(String, into))]
        #[non_exhaustive]
        pub struct ContactPost {
            /// Last name (required).
            #[serde(serialize_with = "forecourt_core::redact::personal")]
            pub last_name: String,
            $(
                $(#[$m])*
                #[serde(
                    default,
                    skip_serializing_if = "Option::is_none",
                    serialize_with = "forecourt_core::redact::personal"
                )]
                pub $field: Option<$ty>,
            )+
        }

        impl fmt::Debug for ContactPost {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_struct("ContactPost")
                    .field("last_name", &MASKED)
                    $(.field(stringify!($field), &mask(&self.$field)))+
                    .finish()
            }
        }

        /// A contact as the server returns it (`Contact`). `Debug` shows
        /// the id and which fields are set, never their values.
        #[derive(Clone, PartialEq, Serialize, Deserialize)]
        #[serde(remote = "Self", rename_all = "camelCase")]
        #[non_exhaustive]
        pub struct Contact {
            /// The contact's id (`ID`): use it to get, update or delete the contact.
            #[serde(rename = "ID", with = "forecourt_core::serde_helpers::whole::number")]
            pub id: u64,
            /// Last name.
            #[serde(
                default,
                skip_serializing_if = "Option::is_none",
                serialize_with = "forecourt_core::redact::personal",
                deserialize_with = "forecourt_core::serde_helpers::tolerant::option_text"
            )]
            pub last_name: Option<String>,
            $(
                $(#[$m])*
                #[serde(
                    default,
                    skip_serializing_if = "Option::is_none",
                    serialize_with = "forecourt_core::redact::personal",
                    deserialize_with = $read
                )]
                pub $field: Option<$ty>,
            )+
            /// The raw JSON of each member a tolerant field could not
            /// read, under its JSON member name, verbatim; empty when
            /// everything was read. `Debug` shows only the member names.
            #[serde(skip)]
            pub unexpected: forecourt_core::serde_helpers::tolerant::Unexpected,
        }

        forecourt_core::tolerant_record!(serialize Contact);

        impl fmt::Debug for Contact {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_struct("Contact")
                    .field("id", &self.id)
                    .field("last_name", &mask(&self.last_name))
                    $(.field(stringify!($field), &mask(&self.$field)))+
                    .field("unexpected", &self.unexpected)
                    .finish_non_exhaustive()
            }
        }
    };
}

contact_structs! {
    /// Title.
    title: ContactTitle => "forecourt_core::serde_helpers::tolerant::option",
    /// First name.
    first_name: String => "forecourt_core::serde_helpers::tolerant::option_text",
    /// Street address.
    street_address: String => "forecourt_core::serde_helpers::tolerant::option_text",
    /// Zip code (up to 16 characters).
    zip_code: String => "forecourt_core::serde_helpers::tolerant::option_text",
    /// City.
    city: String => "forecourt_core::serde_helpers::tolerant::option_text",
    /// Phone number.
    phone_number: String => "forecourt_core::serde_helpers::tolerant::option_text",
    /// Mobile phone number.
    phone_number_mobile: String => "forecourt_core::serde_helpers::tolerant::option_text",
    /// E-mail.
    email: String => "forecourt_core::serde_helpers::tolerant::option_text",
    /// Fax number: the schema says number (`1234567`); kept in the form it
    /// arrived in (`Id::numeric(1234567)` sends a number).
    fax_number: Id => "forecourt_core::serde_helpers::tolerant::option",
    /// Website.
    website: String => "forecourt_core::serde_helpers::tolerant::option_text",
    /// Lead source.
    source: ContactSource => "forecourt_core::serde_helpers::tolerant::option",
    /// Customer rating (1-5).
    customer_rating: u8 => "forecourt_core::serde_helpers::tolerant::option_whole",
    /// Private customer (the vendor spells it `isPrivat`).
    is_privat: bool => "forecourt_core::serde_helpers::tolerant::option_bool",
    /// Marketing opt-in.
    is_opt_in: bool => "forecourt_core::serde_helpers::tolerant::option_bool",
    /// Date of birth (personal: redacted in `Debug`).
    date_of_birth: Redacted<Date> => "tolerant_redacted_date",
    /// License plate.
    license_plate: String => "forecourt_core::serde_helpers::tolerant::option_text",
    /// Facebook profile.
    facebook: String => "forecourt_core::serde_helpers::tolerant::option_text",
    /// LinkedIn profile.
    linkedin: String => "forecourt_core::serde_helpers::tolerant::option_text",
    /// Xing profile.
    xing: String => "forecourt_core::serde_helpers::tolerant::option_text",
    /// Key account.
    key_account: String => "forecourt_core::serde_helpers::tolerant::option_text",
    /// Business phone number.
    phone_number_business: String => "forecourt_core::serde_helpers::tolerant::option_text",
    /// Business mobile phone number.
    phone_number_business_mobile: String => "forecourt_core::serde_helpers::tolerant::option_text",
    /// Business fax number.
    fax_number_business: String => "forecourt_core::serde_helpers::tolerant::option_text",
    /// Business contact person.
    contact_person_business: String => "forecourt_core::serde_helpers::tolerant::option_text",
    /// Business website.
    website_business: String => "forecourt_core::serde_helpers::tolerant::option_text",
    /// Business e-mail.
    email_business: String => "forecourt_core::serde_helpers::tolerant::option_text",
    /// VAT id.
    ust_id: String => "forecourt_core::serde_helpers::tolerant::option_text",
    /// Billing street address.
    billing_street_address: String => "forecourt_core::serde_helpers::tolerant::option_text",
    /// Billing zip code (up to 16 characters).
    billing_zip_code: String => "forecourt_core::serde_helpers::tolerant::option_text",
    /// Billing city.
    billing_city: String => "forecourt_core::serde_helpers::tolerant::option_text",
    /// Title or degree (up to 64 characters).
    title_or_degree: String => "forecourt_core::serde_helpers::tolerant::option_text",
    /// Contact type (the vendor's `type`).
    #[serde(rename = "type")]
    contact_type: ContactType => "forecourt_core::serde_helpers::tolerant::option",
    /// Position (up to 64 characters).
    position: String => "forecourt_core::serde_helpers::tolerant::option_text",
    /// Country (up to 64 characters).
    country: String => "forecourt_core::serde_helpers::tolerant::option_text",
    /// Billing country (up to 64 characters).
    billing_country: String => "forecourt_core::serde_helpers::tolerant::option_text",
    /// Tax id (personal: redacted in `Debug`; up to 64 characters).
    tax_id: Redacted<String> => "tolerant_redacted_text",
    /// IBAN (redacted in `Debug`; up to 64 characters).
    iban: Redacted<String> => "tolerant_redacted_text",
    /// BIC (redacted in `Debug`; up to 64 characters).
    bic: Redacted<String> => "tolerant_redacted_text",
    /// Sales tax regulation.
    sales_tax_regulation: SalesTaxRegulation => "forecourt_core::serde_helpers::tolerant::option",
    /// Notes (up to 16,777,215 characters).
    notes: String => "forecourt_core::serde_helpers::tolerant::option_text",
    /// Customer number (up to 64 characters).
    customer_number: String => "forecourt_core::serde_helpers::tolerant::option_text",
    /// Driver licence number (personal: redacted in `Debug`; up to 100 characters).
    driver_license_number: Redacted<String> => "tolerant_redacted_text",
    /// Driver licence issued by.
    driver_license_issued_by: String => "forecourt_core::serde_helpers::tolerant::option_text",
    /// Driver licence date of issue.
    driver_license_date_of_issue: Date => "forecourt_core::serde_helpers::tolerant::option_date",
    /// The contact's TecFactura id.
    tecfactura_id: String => "forecourt_core::serde_helpers::tolerant::option_text",
}

/// A personal text, tolerantly (see [`tolerant::option_text`](forecourt_core::serde_helpers::tolerant::option_text)).
fn tolerant_redacted_text<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<Redacted<String>>, D::Error> {
    forecourt_core::serde_helpers::tolerant::option_text(d).map(|t| t.map(Redacted::from))
}

/// A personal date, tolerantly (see [`tolerant::option_date`](forecourt_core::serde_helpers::tolerant::option_date)).
fn tolerant_redacted_date<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<Redacted<Date>>, D::Error> {
    forecourt_core::serde_helpers::tolerant::option_date(d).map(|t| t.map(Redacted::from))
}

fn max_chars(field: &'static str, value: Option<&str>, max: usize) -> Result<()> {
    match value {
        Some(v) if v.chars().count() > max => Err(Error::invalid_input(
            field,
            format!("must be at most {max} characters"),
        )),
        _ => Ok(()),
    }
}

impl ContactPost {
    /// Checks what the types cannot: lengths, the rating's range, e-mails.
    pub fn validate(&self) -> Result<()> {
        if self.last_name.trim().is_empty() {
            return Err(Error::invalid_input("lastName", "must not be empty"));
        }
        max_chars("zipCode", self.zip_code.as_deref(), 16)?;
        max_chars("billingZipCode", self.billing_zip_code.as_deref(), 16)?;
        max_chars("titleOrDegree", self.title_or_degree.as_deref(), 64)?;
        max_chars("position", self.position.as_deref(), 64)?;
        max_chars("country", self.country.as_deref(), 64)?;
        max_chars("billingCountry", self.billing_country.as_deref(), 64)?;
        max_chars(
            "taxId",
            self.tax_id.as_ref().map(|v| v.expose().as_str()),
            64,
        )?;
        max_chars("iban", self.iban.as_ref().map(|v| v.expose().as_str()), 64)?;
        max_chars("bic", self.bic.as_ref().map(|v| v.expose().as_str()), 64)?;
        max_chars("notes", self.notes.as_deref(), 16_777_215)?;
        max_chars("customerNumber", self.customer_number.as_deref(), 64)?;
        max_chars(
            "driverLicenseNumber",
            self.driver_license_number
                .as_ref()
                .map(|v| v.expose().as_str()),
            100,
        )?;
        if self.customer_rating.is_some_and(|r| !(1..=5).contains(&r)) {
            return Err(Error::invalid_input(
                "customerRating",
                "must be between 1 and 5",
            ));
        }
        for (field, email) in [
            ("email", &self.email),
            ("emailBusiness", &self.email_business),
        ] {
            if email.as_ref().is_some_and(|e| !e.contains('@')) {
                return Err(Error::invalid_input(field, "must be an e-mail address"));
            }
        }
        Ok(())
    }
}

/// The answer carrying a contact: `{"status", "statusText", "data": {"contact"}}`.
#[derive(Debug, Clone, Deserialize)]
#[serde(remote = "Self", rename_all = "camelCase")]
#[non_exhaustive]
pub struct ContactResponse {
    /// `success`.
    #[serde(default)]
    pub status: Option<String>,
    /// The server's message (tolerant: text in any plausible shape, else `None`).
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_text"
    )]
    pub status_text: Option<String>,
    /// The contact.
    pub data: ContactData,
    /// The raw JSON of each member a tolerant field could not read, under
    /// its JSON member name, verbatim; empty when everything was read.
    /// `Debug` shows only the member names.
    #[serde(skip)]
    pub unexpected: forecourt_core::serde_helpers::tolerant::Unexpected,
}

forecourt_core::tolerant_record!(ContactResponse);

impl ContactResponse {
    /// The contact.
    pub fn contact(&self) -> &Contact {
        &self.data.contact
    }

    /// The contact, by value.
    pub fn into_contact(self) -> Contact {
        self.data.contact
    }
}

/// The `data` of a [`ContactResponse`].
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct ContactData {
    /// The contact.
    pub contact: Contact,
}

/// An answer without data (`DELETE`): `{"status", "statusText"}`.
#[derive(Debug, Clone, Deserialize)]
#[serde(remote = "Self", rename_all = "camelCase")]
#[non_exhaustive]
pub struct StatusResponse {
    /// `success`.
    #[serde(default)]
    pub status: Option<String>,
    /// The server's message (tolerant: text in any plausible shape, else `None`).
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_text"
    )]
    pub status_text: Option<String>,
    /// The raw JSON of each member a tolerant field could not read, under
    /// its JSON member name, verbatim; empty when everything was read.
    /// `Debug` shows only the member names.
    #[serde(skip)]
    pub unexpected: forecourt_core::serde_helpers::tolerant::Unexpected,
}

forecourt_core::tolerant_record!(StatusResponse);
