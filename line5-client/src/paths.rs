//! Every Line5 path, in one place.
//!
//! Line5's documentation spells the quote-protection resource both
//! `quote_protections` and `quote-protections`. A public client that works
//! against Line5 staging reads with `GET quote_protections` and writes with
//! `quote-protections` (POST, PUT, DELETE), which matches the documentation's
//! curl lines; these constants follow it.

use forecourt_core::Operation;

/// `GET /users`: the dealership's active users.
pub const LIST_USERS: Operation = Operation::get("users.list", "/users");
/// `POST /users`: create a user.
pub const CREATE_USER: Operation = Operation::post("users.create", "/users");

/// `POST <origin>/graphql`: `signInUser` (reached through an absolute URL).
pub const SIGN_IN_USER: Operation = Operation::post("auto_login.sign_in_user", "/graphql");
/// `POST <origin>/graphql`: `SignInUserAuto` (reached through an absolute URL).
pub const SIGN_IN_USER_AUTO: Operation =
    Operation::post("auto_login.sign_in_user_auto", "/graphql");
/// The path of the GraphQL endpoint, at the base URL's origin.
pub const GRAPHQL_PATH: &str = "/graphql";
/// The path of the auto-login page, at the base URL's origin.
pub const AUTOLOGIN_PATH: &str = "/autologin";

/// `GET /protections`.
pub const LIST_PROTECTIONS: Operation = Operation::get("protections.list", "/protections");

/// `POST /quotes`.
pub const CREATE_QUOTE: Operation = Operation::post("quotes.create", "/quotes");
/// `PATCH /quotes`: adjust loan terms.
pub const ADJUST_QUOTE: Operation = Operation::patch("quotes.adjust", "/quotes");
/// `PATCH /quotes/finalize`.
pub const FINALIZE_QUOTE: Operation = Operation::patch("quotes.finalize", "/quotes/finalize");

/// `PATCH /vehicles`: update the quote's vehicle.
pub const UPDATE_VEHICLE: Operation = Operation::patch("vehicles.update", "/vehicles");

/// `GET /rates` (with a JSON:API body).
pub const GET_RATES: Operation = Operation::get("rates.get", "/rates");

/// `GET /quote_protections` (with a JSON:API body).
pub const LIST_QUOTE_PROTECTIONS: Operation =
    Operation::get("quote_protections.list", "/quote_protections");
/// `POST /quote-protections`.
pub const CREATE_QUOTE_PROTECTION: Operation =
    Operation::post("quote_protections.create", "/quote-protections");
/// `PUT /quote-protections/{id}`: update, with template fields.
pub const UPDATE_QUOTE_PROTECTION: Operation =
    Operation::put("quote_protections.update", "/quote-protections/{id}");
/// `PUT /quote-protections/{id}`: revise the price.
pub const REVISE_QUOTE_PROTECTION_PRICE: Operation =
    Operation::put("quote_protections.revise_price", "/quote-protections/{id}");
/// `DELETE /quote-protections/{id}`.
pub const DELETE_QUOTE_PROTECTION: Operation =
    Operation::delete("quote_protections.delete", "/quote-protections/{id}");

/// `GET /loans/{id}`.
pub const GET_LOAN: Operation = Operation::get("loans.get", "/loans/{id}");
/// `GET /loans/find_from_quote/{quote_id}`.
pub const FIND_LOAN_FROM_QUOTE: Operation =
    Operation::get("loans.find_from_quote", "/loans/find_from_quote/{quote_id}");
/// `GET /loans/loan_id_lookup/{quote_id}`.
pub const LOAN_ID_LOOKUP: Operation =
    Operation::get("loans.loan_id_lookup", "/loans/loan_id_lookup/{quote_id}");

/// `GET /loans/{id}/loan_packages`.
pub const LIST_LOAN_PACKAGES: Operation =
    Operation::get("loan_packages.list", "/loans/{id}/loan_packages");
/// `GET <download link>`: a loan package's PDF (absolute URL from the server).
pub const DOWNLOAD_LOAN_PACKAGE: Operation = Operation::get(
    "loan_packages.download",
    "/loans/{id}/loan_packages/{package_id}/download",
);

/// `GET /loans/{id}/loan_notes`.
pub const LIST_LOAN_NOTES: Operation = Operation::get("loan_notes.list", "/loans/{id}/loan_notes");
