//! Users (employees) of the dealership: `GET /users`, `POST /users`.

use std::fmt;

use forecourt_core::redact::{MASKED, mask};
use forecourt_core::{Redacted, Request};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::jsonapi::{self, Document, FromResource, Resource, decode_resource};
use crate::{Client, Id, Result, paths};

/// An active user (Line5 type `employees`). Its `id` is the employee id a
/// quote is assigned to.
///
/// Personal data: `Debug` shows the ids; e-mail and names as `[REDACTED]`.
#[derive(Clone, PartialEq, Deserialize)]
#[serde(remote = "Self")]
#[non_exhaustive]
pub struct User {
    /// The employee id (`id`): use it as the quote's employee.
    #[serde(default = "jsonapi::no_id")]
    pub id: Id,
    /// `email`.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_text"
    )]
    pub email: Option<String>,
    /// `first-name`.
    #[serde(
        rename = "first-name",
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_text"
    )]
    pub first_name: Option<String>,
    /// `last-name`.
    #[serde(
        rename = "last-name",
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_text"
    )]
    pub last_name: Option<String>,
    /// `user-id`: the user's id (used by `SignInUserAuto`).
    #[serde(rename = "user-id", default)]
    pub user_id: Option<Id>,
    /// The raw JSON of each member a tolerant field could not read, under
    /// its JSON member name, verbatim; empty when everything was read (see
    /// the crate's [reading policy](crate#reading-policy)). `Debug` shows
    /// only the member names.
    #[serde(skip)]
    pub unexpected: forecourt_core::serde_helpers::tolerant::Unexpected,
}

forecourt_core::tolerant_record!(User);

impl fmt::Debug for User {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("User")
            .field("id", &self.id)
            .field("email", &mask(&self.email))
            .field("first_name", &mask(&self.first_name))
            .field("last_name", &mask(&self.last_name))
            .field("user_id", &self.user_id)
            .field("unexpected", &self.unexpected)
            .finish_non_exhaustive()
    }
}

impl FromResource for User {
    fn set_id(&mut self, id: Id) {
        self.id = id;
    }
}

impl User {
    /// Decodes a user from a JSON:API resource.
    pub fn from_resource(resource: &Resource) -> Result<User> {
        decode_resource(resource)
    }
}

/// A user to create (`POST /users`).
///
/// Personal data: `Debug` shows none of it; the values are sent as they
/// are, and removed from this call's errors and logs should the vendor
/// echo them.
#[derive(Clone, PartialEq, Serialize, bon::Builder)]
#[non_exhaustive]
pub struct NewUser {
    /// `first-name`.
    #[builder(into)]
    #[serde(rename = "first-name")]
    #[serde(serialize_with = "forecourt_core::redact::personal")]
    pub first_name: String,
    /// `last-name`.
    #[builder(into)]
    #[serde(rename = "last-name")]
    #[serde(serialize_with = "forecourt_core::redact::personal")]
    pub last_name: String,
    /// `date-of-birth` (`yyyy-mm-dd`).
    #[builder(into)]
    #[serde(rename = "date-of-birth")]
    pub date_of_birth: Redacted<Date>,
    /// `email`.
    #[builder(into)]
    #[serde(serialize_with = "forecourt_core::redact::personal")]
    pub email: String,
    /// `phone-number`.
    #[builder(into)]
    #[serde(rename = "phone-number")]
    #[serde(serialize_with = "forecourt_core::redact::personal")]
    pub phone_number: String,
}

impl fmt::Debug for NewUser {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NewUser")
            .field("first_name", &MASKED)
            .field("last_name", &MASKED)
            .field("date_of_birth", &self.date_of_birth)
            .field("email", &MASKED)
            .field("phone_number", &MASKED)
            .finish()
    }
}

impl NewUser {
    fn validate(&self) -> Result<()> {
        crate::validate::not_blank("first-name", &self.first_name)?;
        crate::validate::not_blank("last-name", &self.last_name)?;
        crate::validate::email("email", &self.email)?;
        crate::validate::phone("phone-number", &self.phone_number)
    }

    /// The JSON:API request document Line5 expects.
    pub fn to_document(&self) -> Result<Document> {
        Ok(jsonapi::single(
            Resource::new("employee").with_attributes(self)?,
        ))
    }
}

/// `client.users()`: users of the dealership.
#[derive(Debug, Clone)]
pub struct Users<'a> {
    pub(crate) client: std::borrow::Cow<'a, Client>,
}

impl Users<'_> {
    /// A handle whose calls use `options` (timeout, deadline, retries,
    /// extra headers) instead of the client's settings.
    pub fn options(&self, options: forecourt_core::RequestOptions) -> Users<'static> {
        Users {
            client: std::borrow::Cow::Owned(self.client.with_options(options)),
        }
    }

    /// `GET /users`: every active user.
    pub async fn list(&self) -> Result<Vec<User>> {
        self.client
            .api
            .send_json_then(Request::new(paths::LIST_USERS), |doc: Document| {
                doc.primary_all()
                    .iter()
                    .map(|r| jsonapi::decode_in(&doc, r, "data"))
                    .collect()
            })
            .await
    }

    /// `POST /users`: creates a user.
    pub async fn create(&self, user: &NewUser) -> Result<User> {
        user.validate()?;
        let request =
            jsonapi::with_document(Request::new(paths::CREATE_USER), || user.to_document())?;
        self.client
            .api
            .send_json_then(request, |doc: Document| {
                let primary = doc.primary().ok_or_else(jsonapi::missing_data)?;
                jsonapi::decode_in(&doc, primary, "data")
            })
            .await
    }
}
