//! Line5 loan: a JSON:API document decoded, then turned into the typed
//! `Loan` (with its included customer, vehicle, packages, notes), exactly
//! as `loans().get` does. Any bytes give `Ok` or an error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use line5_client::jsonapi::Document;

fuzz_target!(|data: &[u8]| {
    let Ok(doc) = forecourt_core::decode_json::<Document>("Line5", data) else {
        return;
    };
    if let Ok(loan) = line5_client::Loan::from_document(&doc) {
        let _ = (loan.customer(), loan.vehicle(), loan.cover_sheet());
        let _ = (loan.quote_protections().len(), loan.loan_notes().len());
    }
});
