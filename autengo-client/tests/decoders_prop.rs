#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Property tests (stable, in CI): arbitrary bytes and mutated fixtures
//! (`forecourt_core::testing::mutate_json`) into every response decoder; a
//! decoder returns `Ok` or `Error::Decode` with a bounded excerpt, never
//! panics. The Autengo query builder's round trip is fuzzed in
//! `fuzz/fuzz_targets/autengo_query.rs`.

use autengo_client::{
    ContactResponse, FilterValues, MakeList, ModelList, OpportunityResponse, StatusResponse,
    TokenResponse, Vehicle, VehicleList,
};
use forecourt_core::testing::mutate_json;
use forecourt_core::{Error, decode_json, redact::MAX_EXCERPT};
use proptest::prelude::*;

fn check<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<(), TestCaseError> {
    match decode_json::<T>("Autengo", body) {
        Ok(_) => Ok(()),
        Err(Error::Decode(d)) => {
            prop_assert!(d.body_excerpt.len() <= MAX_EXCERPT + 16);
            Ok(())
        }
        Err(other) => Err(TestCaseError::fail(format!(
            "not a decode error: {other:?}"
        ))),
    }
}

macro_rules! decoders {
    ($($name:ident: $ty:ty = $fixture:literal;)*) => {
        proptest! {
            #![proptest_config(ProptestConfig::with_cases(256))]
            $(
                #[test]
                fn $name(bytes in prop::collection::vec(any::<u8>(), 0..512), seed in any::<u64>()) {
                    check::<$ty>(&bytes)?;
                    check::<$ty>(&mutate_json(include_bytes!(concat!("fixtures/", $fixture, ".json")), seed))?;
                }
            )*
        }

        /// The decoders above are the right ones: each fixture decodes unmutated.
        #[test]
        fn fixtures_decode_unmutated() {
            $(
                decode_json::<$ty>("Autengo", include_bytes!(concat!("fixtures/", $fixture, ".json")))
                    .unwrap_or_else(|e| panic!("{}: {e}", $fixture));
            )*
        }
    };
}

decoders! {
    vehicle_list: VehicleList = "vehicle_list_response";
    vehicle: Vehicle = "schema_vehicle";
    makes: MakeList = "makes_response";
    models: ModelList = "models_response";
    filter_values: FilterValues = "filter_values_response";
    contact: ContactResponse = "contact_get_response";
    contact_deleted: StatusResponse = "contact_delete_response";
    opportunity: OpportunityResponse = "opportunity_response";
    token: TokenResponse = "auth_token_response";
}
