//! The body of the `line5_loan_document` fuzz target. `fuzz/fuzz_targets/line5_loan_document.rs`
//! includes this file (`#[path]`), and `tests/fuzz_replay.rs` runs it over
//! the documentation fixtures the fuzz corpus starts from (and their
//! prefixes) on stable, in every `cargo test`.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

/// `line5_loan_document`: bytes → JSON:API `Document` → `Loan` (and its
/// accessors), exactly as `loans().get` does; never a panic.
pub fn loan_document(data: &[u8]) {
    let Ok(doc) = forecourt_core::decode_json::<line5_client::jsonapi::Document>("Line5", data)
    else {
        return;
    };
    if let Ok(loan) = line5_client::Loan::from_document(&doc) {
        let _ = (loan.customer(), loan.vehicle(), loan.cover_sheet());
        let _ = (loan.quote_protections().len(), loan.loan_notes().len());
    }
}
