//! Every path this crate calls, in one place.
//!
//! The vendor's overview names no paths: all of them are inferred from
//! Keyloop's platform conventions (see the crate's
//! [Assumptions](crate#assumptions)). When the full reference is at hand,
//! this module is the one to correct.
//!
//! Templates are relative to the base URL (`https://api.eu.keyloop.io` by
//! default). `{enterpriseId}` and `{storeId}` come from the client,
//! `{vehicleId}` and `{contractId}` from the call; each is percent-encoded
//! as one path segment.

use forecourt_core::Operation;

/// OAuth2 client credentials: `POST /oauth/client_credential/accesstoken`
/// (form-encoded; Apigee's token endpoint).
pub const TOKEN: Operation = Operation::post("oauth.token", "/oauth/client_credential/accesstoken");

/// The contracts of a vehicle, one page:
/// `GET /{enterpriseId}/{storeId}/v2/vehicles/{vehicleId}/contracts?page=&pageSize=`.
pub const LIST_CONTRACTS: Operation = Operation::get(
    "contracts.list",
    "/{enterpriseId}/{storeId}/v2/vehicles/{vehicleId}/contracts",
);

/// One contract:
/// `GET /{enterpriseId}/{storeId}/v2/vehicles/{vehicleId}/contracts/{contractId}`.
pub const GET_CONTRACT: Operation = Operation::get(
    "contracts.get",
    "/{enterpriseId}/{storeId}/v2/vehicles/{vehicleId}/contracts/{contractId}",
);

/// A new contract for a vehicle:
/// `POST /{enterpriseId}/{storeId}/v2/vehicles/{vehicleId}/contracts`.
pub const CREATE_CONTRACT: Operation = Operation::post(
    "contracts.create",
    "/{enterpriseId}/{storeId}/v2/vehicles/{vehicleId}/contracts",
);

/// Changes only the given fields of a contract:
/// `PATCH /{enterpriseId}/{storeId}/v2/vehicles/{vehicleId}/contracts/{contractId}`.
pub const UPDATE_CONTRACT: Operation = Operation::patch(
    "contracts.update",
    "/{enterpriseId}/{storeId}/v2/vehicles/{vehicleId}/contracts/{contractId}",
);

/// Replaces the whole record of a contract:
/// `PUT /{enterpriseId}/{storeId}/v2/vehicles/{vehicleId}/contracts/{contractId}`.
pub const REPLACE_CONTRACT: Operation = Operation::put(
    "contracts.replace",
    "/{enterpriseId}/{storeId}/v2/vehicles/{vehicleId}/contracts/{contractId}",
);

/// The header carrying a UUID per logical call (the same across its retries).
pub const CORRELATION_ID_HEADER: &str = "correlation-id";

/// The header naming the user a call is made for (auditing).
pub const ON_BEHALF_OF_HEADER: &str = "x-onbehalf-of";
