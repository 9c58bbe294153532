//! Every operation of the Autengo API v3, declared once.

use forecourt_core::Operation;

/// `GET /vehicle`: a page of vehicles.
pub const VEHICLE_LIST: Operation = Operation::get("vehicle.list", "/vehicle");
/// `GET /vehicle/:sellingId`.
pub const VEHICLE_GET: Operation = Operation::get("vehicle.get", "/vehicle/{sellingId}");
/// `GET /vehicle/reference/make`.
pub const VEHICLE_MAKES: Operation = Operation::get("vehicle.makes", "/vehicle/reference/make");
/// `GET /vehicle/reference/make/:makeId/model`.
pub const VEHICLE_MODELS: Operation =
    Operation::get("vehicle.models", "/vehicle/reference/make/{makeId}/model");
/// `GET /vehicle/filter/values`.
pub const VEHICLE_FILTER_VALUES: Operation =
    Operation::get("vehicle.filter_values", "/vehicle/filter/values");
/// `POST /opportunity`.
pub const OPPORTUNITY_CREATE: Operation = Operation::post("opportunity.create", "/opportunity");
/// `POST /contact`.
pub const CONTACT_CREATE: Operation = Operation::post("contact.create", "/contact");
/// `GET /contact/:id`.
pub const CONTACT_GET: Operation = Operation::get("contact.get", "/contact/{id}");
/// `PUT /contact/:id`.
pub const CONTACT_UPDATE: Operation = Operation::put("contact.update", "/contact/{id}");
/// `DELETE /contact/:id`.
pub const CONTACT_DELETE: Operation = Operation::delete("contact.delete", "/contact/{id}");
/// `GET /contact/tecfactura/:tecfacturaId`.
pub const CONTACT_GET_TECFACTURA: Operation = Operation::get(
    "contact.get_by_tecfactura",
    "/contact/tecfactura/{tecfacturaId}",
);
/// `PUT /contact/tecfactura/:tecfacturaId`.
pub const CONTACT_UPDATE_TECFACTURA: Operation = Operation::put(
    "contact.update_by_tecfactura",
    "/contact/tecfactura/{tecfacturaId}",
);
/// `DELETE /contact/tecfactura/:tecfacturaId`.
pub const CONTACT_DELETE_TECFACTURA: Operation = Operation::delete(
    "contact.delete_by_tecfactura",
    "/contact/tecfactura/{tecfacturaId}",
);
/// `POST /auth/token`.
pub const AUTH_TOKEN: Operation = Operation::post("auth.token", "/auth/token");
/// `GET /auth/refresh`.
pub const AUTH_REFRESH: Operation = Operation::get("auth.refresh", "/auth/refresh");
