//! Keyloop contract page decoder: any bytes give `Ok` or `Error::Decode`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match forecourt_core::decode_json::<keyloop_contracts_client::ContractPage>("Keyloop", data) {
        Ok(_) | Err(forecourt_core::Error::Decode(_)) => {}
        Err(other) => panic!("not a decode error: {other:?}"),
    }
});
