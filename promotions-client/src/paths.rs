//! Every operation of the Promotions API v3, declared once.

use forecourt_core::Operation;

/// `GET /v3/api/applications/promotions/{applicationId}`.
pub(crate) const PROMOTIONS_FOR_APPLICATION: Operation = Operation::get(
    "promotions.for_application",
    "/v3/api/applications/promotions/{applicationId}",
);

/// `GET /v3/api/applications/promotions?applicationId=&amountFinanced=&creditType=&stateCode=`.
pub(crate) const SEARCH_PROMOTIONS: Operation =
    Operation::get("promotions.search", "/v3/api/applications/promotions");

/// `POST /v3/api/applications/promotions/{applicationId}`.
pub(crate) const SET_PROMOTION: Operation = Operation::post(
    "promotions.set",
    "/v3/api/applications/promotions/{applicationId}",
);
