//! GraphQL auto-login (`signInUser`, `SignInUserAuto` at `POST <origin>/graphql`)
//! and the auto-login URL of the quote wizard.
//!
//! Every user value (email, password, user id, service) travels in GraphQL
//! `variables`; the query text is a constant and never contains a value.

use std::collections::BTreeMap;
use std::fmt;

use forecourt_core::{ExposeSecret, Redacted, Request, SecretString};
use serde::{Deserialize, Serialize};
use url::Url;

use crate::{Client, Error, Id, Result, VENDOR_NAME, paths};

/// The `signInUser` mutation. Values are GraphQL variables.
pub const SIGN_IN_USER_MUTATION: &str = "mutation SignInUser($email: String!, $password: String!) {\n  signInUser(email: $email, password: $password) {\n    status\n    token\n    user {\n      id\n      displayName\n      email\n    }\n  }\n}";

/// The `SignInUserAuto` mutation. Values are GraphQL variables.
pub const SIGN_IN_USER_AUTO_MUTATION: &str = "mutation SignInUserAuto($email: String!, $userId: Int!, $service: String!) {\n  SignInUserAuto(email: $email, userId: $userId, service: $service) {\n    status\n    token\n    user {\n      id\n      displayName\n      email\n    }\n  }\n}";

/// The result of a successful sign-in.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct SignIn {
    /// `status` (`Success`).
    pub status: String,
    /// `token`: the user's token, for [`AutoLogin::url`].
    pub token: SecretString,
    /// `user`.
    pub user: Option<SignedInUser>,
}

/// The user in a [`SignIn`].
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct SignedInUser {
    /// `id`.
    pub id: Id,
    /// `displayName`.
    #[serde(rename = "displayName", default)]
    pub display_name: Option<String>,
    /// `email`.
    #[serde(default)]
    pub email: Option<String>,
}

#[derive(Deserialize)]
struct GraphqlResponse {
    #[serde(default)]
    data: Option<BTreeMap<String, Option<Payload>>>,
    #[serde(default)]
    errors: Vec<GraphqlError>,
}

#[derive(Deserialize)]
struct GraphqlError {
    #[serde(default)]
    message: Option<String>,
}

#[derive(Deserialize)]
struct Payload {
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    token: Option<String>,
    #[serde(default)]
    user: Option<SignedInUser>,
}

#[derive(Serialize)]
struct GraphqlRequest<V> {
    query: &'static str,
    variables: V,
}

#[derive(Serialize)]
struct SignInVars<'a> {
    email: &'a str,
    password: &'a str,
}

#[derive(Serialize)]
struct SignInAutoVars<'a> {
    email: &'a str,
    #[serde(rename = "userId")]
    user_id: u64,
    service: &'a str,
}

/// `client.auto_login()`: GraphQL sign-in and the auto-login URL.
#[derive(Clone)]
pub struct AutoLogin<'a> {
    pub(crate) client: std::borrow::Cow<'a, Client>,
}

impl fmt::Debug for AutoLogin<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AutoLogin").finish_non_exhaustive()
    }
}

/// An [`Error::Auth`] from the vendor's `message`, scrubbed with the
/// client's scrub set (API key, GraphQL token, issued tokens) and the
/// call's own secrets (password or service), then its email and digit runs.
fn auth_failure(client: &Client, message: String, email: &str, secrets: &[SecretString]) -> Error {
    let message = client.graphql.scrub_text(&message, secrets);
    let mut message = forecourt_core::redact::mask_digit_runs(&message);
    if !email.is_empty() {
        message = message.replace(email, forecourt_core::redact::REDACTED);
    }
    Error::auth(VENDOR_NAME, message, None)
}

impl AutoLogin<'_> {
    /// A handle whose calls use `options` (timeout, deadline, retries,
    /// extra headers) instead of the client's settings.
    pub fn options(&self, options: forecourt_core::RequestOptions) -> AutoLogin<'static> {
        AutoLogin {
            client: std::borrow::Cow::Owned(self.client.with_options(options)),
        }
    }

    /// `signInUser(email, password)`: a user's token.
    ///
    /// A GraphQL error or a status other than `Success` is an [`Error::Auth`].
    pub async fn sign_in_user(&self, email: &str, password: &SecretString) -> Result<SignIn> {
        crate::validate::not_blank("email", email)?;
        crate::validate::not_blank("password", password.expose_secret())?;
        let body = GraphqlRequest {
            query: SIGN_IN_USER_MUTATION,
            variables: SignInVars {
                email,
                password: password.expose_secret(),
            },
        };
        self.call(paths::SIGN_IN_USER, &body, "signInUser", email, password)
            .await
    }

    /// `SignInUserAuto(email, userId, service)`: a user's token without
    /// their password, validated by `service`.
    pub async fn sign_in_user_auto(
        &self,
        email: &str,
        user_id: u64,
        service: &SecretString,
    ) -> Result<SignIn> {
        crate::validate::not_blank("email", email)?;
        crate::validate::not_blank("service", service.expose_secret())?;
        let body = GraphqlRequest {
            query: SIGN_IN_USER_AUTO_MUTATION,
            variables: SignInAutoVars {
                email,
                user_id,
                service: service.expose_secret(),
            },
        };
        self.call(
            paths::SIGN_IN_USER_AUTO,
            &body,
            "SignInUserAuto",
            email,
            service,
        )
        .await
    }

    async fn call<V: Serialize>(
        &self,
        op: forecourt_core::Operation,
        body: &GraphqlRequest<V>,
        field: &str,
        email: &str,
        secret: &SecretString,
    ) -> Result<SignIn> {
        let url = self.client.origin_url(paths::GRAPHQL_PATH);
        let secrets = [secret.clone()];
        let request = Request::new(op)
            .absolute_url(url)
            .json(body)?
            .scrub(secret.clone());
        let response: GraphqlResponse = self.client.graphql.send_json(request).await?;
        // A token in the answer is scrubbed from now on, whatever happens next.
        if let Some(Some(p)) = response.data.as_ref().map(|d| d.values().flatten().next())
            && let Some(t) = &p.token
        {
            self.client
                .graphql
                .add_secret(SecretString::from(t.clone()));
        }
        if !response.errors.is_empty() {
            let text = response
                .errors
                .iter()
                .filter_map(|e| e.message.as_deref())
                .collect::<Vec<_>>()
                .join("; ");
            return Err(auth_failure(&self.client, text, email, &secrets));
        }
        let mut data = response.data.unwrap_or_default();
        // Line5's documentation shows `signInUser` as the key of both answers.
        let payload = match data.remove(field) {
            Some(p) => p,
            None if data.len() == 1 => data.into_values().next().flatten(),
            None => None,
        };
        let Some(payload) = payload else {
            return Err(auth_failure(
                &self.client,
                "the response has no sign-in result".into(),
                email,
                &secrets,
            ));
        };
        let status = payload.status.unwrap_or_default();
        match payload.token {
            Some(token) if status.eq_ignore_ascii_case("success") && !token.is_empty() => {
                Ok(SignIn {
                    status,
                    token: SecretString::from(token),
                    user: payload.user,
                })
            }
            _ => Err(auth_failure(
                &self.client,
                format!("sign-in status {status}"),
                email,
                &secrets,
            )),
        }
    }

    /// The auto-login URL of the quote wizard:
    /// `<origin>/autologin?quote_id=..&vision_menu=true&auth_token=..`,
    /// every parameter percent-encoded. It carries the token: it is
    /// returned [`Redacted`], call `.expose()` where you hand it to a browser.
    pub fn url(&self, quote_id: &Id, auth_token: &SecretString) -> Result<Redacted<Url>> {
        crate::validate::not_blank("quote_id", quote_id.as_str())?;
        crate::validate::not_blank("auth_token", auth_token.expose_secret())?;
        let mut url = self.client.origin_url(paths::AUTOLOGIN_PATH);
        url.query_pairs_mut()
            .append_pair("quote_id", quote_id.as_str())
            .append_pair("vision_menu", "true")
            .append_pair("auth_token", auth_token.expose_secret());
        Ok(Redacted::new(url))
    }
}
