//! Every operation of both APIs, declared once.

use forecourt_core::Operation;

/// Autoloan Finland: submit a finance application.
pub(crate) const SUBMIT_APPLICATION: Operation =
    Operation::post("applications.submit", "/api/v1/applications");

/// Alfa 6 Cloud: create (push) a loan contract.
pub(crate) const CREATE_CONTRACT: Operation =
    Operation::post("contracts.create", "/api/v6/contracts");
