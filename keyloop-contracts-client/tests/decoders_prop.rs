#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Property tests (stable, in CI): arbitrary bytes and mutated fixtures
//! (`forecourt_core::testing::mutate_json`) into every response decoder; a
//! decoder returns `Ok` or `Error::Decode` with a bounded excerpt, never
//! panics.

use forecourt_core::testing::mutate_json;
use forecourt_core::{Error, decode_json, redact::MAX_EXCERPT};
use keyloop_contracts_client::oauth::AccessTokenResponse;
use keyloop_contracts_client::{Contract, ContractPage};
use proptest::prelude::*;

fn check<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<(), TestCaseError> {
    match decode_json::<T>("Keyloop", body) {
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
                    check::<$ty>(&mutate_json(include_bytes!(concat!("fixtures/", $fixture)), seed))?;
                }
            )*
        }

        /// The decoders above are the right ones: each fixture decodes unmutated.
        #[test]
        fn fixtures_decode_unmutated() {
            $(
                decode_json::<$ty>("Keyloop", include_bytes!(concat!("fixtures/", $fixture)))
                    .unwrap_or_else(|e| panic!("{}: {e}", $fixture));
            )*
        }
    };
}

decoders! {
    contract_page: ContractPage = "contract_list.json";
    contract: Contract = "contract.json";
    token: AccessTokenResponse = "token_response.json";
}
