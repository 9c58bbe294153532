//! JWE compact serialization with a password: `PBES2-HS512+A256KW` key
//! wrapping and `A256CBC-HS512` content encryption (RFC 7516, RFC 7518
//! §4.8 and §5.2), composed from the RustCrypto crates.
//!
//! No maintained pure-Rust JOSE crate supports PBES2 key wrapping, so this
//! module implements exactly the algorithms the vendor uses and nothing more:
//!
//! - **Key management** (`alg`): only `PBES2-HS512+A256KW`. The key
//!   encryption key is PBKDF2-HMAC-SHA512 over the password with the salt
//!   `UTF8(alg) || 0x00 || p2s` and `p2c` iterations; the content encryption
//!   key (CEK) is wrapped with AES-256 Key Wrap (RFC 3394).
//! - **Content encryption** (`enc`): [`encrypt`] produces `A256CBC-HS512`;
//!   [`decrypt`] also accepts `A128CBC-HS256` and `A192CBC-HS384`
//!   (RFC 7518 §5.2), all authenticated with HMAC over
//!   `AAD || IV || ciphertext || AL` and compared in constant time.
//! - **Limits**: `p2c` between [`MIN_ITERATIONS`] and [`MAX_ITERATIONS`]
//!   (the upper bound keeps a hostile token from burning CPU), `p2s` at least
//!   [`MIN_SALT_LEN`] bytes. `zip` and `crit` headers are refused (neither is
//!   used by the vendor; RFC 7516 requires refusing unknown critical headers).
//!
//! The authentication tag is verified before anything is decrypted, so a
//! tampered header, key, IV, ciphertext or tag is a [`JweError::Decryption`],
//! never garbage plaintext.
//!
//! ```
//! use promotions_client::jwe;
//! use forecourt_core::SecretString;
//! let key = SecretString::from("api-key-123");
//! let token = jwe::encrypt(&key, br#"{"PromotionId":1234}"#, jwe::DEFAULT_ITERATIONS)?;
//! assert_eq!(token.split('.').count(), 5);
//! assert_eq!(jwe::decrypt(&key, &token)?, br#"{"PromotionId":1234}"#);
//! assert!(jwe::decrypt(&SecretString::from("other"), &token).is_err());
//! # Ok::<(), jwe::JweError>(())
//! ```

use aes::cipher::block_padding::Pkcs7;
use aes::cipher::{BlockModeDecrypt, BlockModeEncrypt, KeyInit, KeyIvInit};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use forecourt_core::{ExposeSecret, SecretString};
use hmac::{Hmac, Mac};
use sha2::{Sha256, Sha384, Sha512};
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

/// The key management algorithm (`alg`).
pub const ALG: &str = "PBES2-HS512+A256KW";
/// The content encryption algorithm [`encrypt`] uses (`enc`).
pub const ENC: &str = "A256CBC-HS512";
/// The smallest accepted PBKDF2 iteration count (`p2c`), as the vendor requires.
pub const MIN_ITERATIONS: u32 = 1_000;
/// The largest accepted PBKDF2 iteration count when decrypting.
pub const MAX_ITERATIONS: u32 = 1_000_000;
/// The iteration count the client uses by default.
pub const DEFAULT_ITERATIONS: u32 = 10_000;
/// The smallest accepted salt input (`p2s`), in bytes, as the vendor requires.
pub const MIN_SALT_LEN: usize = 8;
/// The salt input length [`encrypt`] generates, in bytes.
pub const SALT_LEN: usize = 16;
/// The media type of a JWE in compact serialization (RFC 7515 §9.2.1).
pub const MEDIA_TYPE: &str = "application/jose";

/// Why a JWE could not be produced or opened. Never contains key material
/// or plaintext.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum JweError {
    /// The token is not a well-formed JWE compact serialization.
    #[error("malformed JWE: {0}")]
    Malformed(&'static str),
    /// The token uses an algorithm or parameter this implementation refuses.
    #[error("unsupported JWE: {0}")]
    Unsupported(&'static str),
    /// The key is wrong, or the token was altered: the key unwrap or the
    /// authentication tag check failed.
    #[error("JWE decryption failed: wrong key or tampered token")]
    Decryption,
    /// The iteration count is outside the accepted range.
    #[error("PBES2 iteration count must be between {MIN_ITERATIONS} and {MAX_ITERATIONS}")]
    Iterations,
    /// The operating system's random number generator failed.
    #[error("no randomness available for JWE encryption")]
    Random,
}

/// A content encryption algorithm of RFC 7518 §5.2.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Enc {
    A128CbcHs256,
    A192CbcHs384,
    A256CbcHs512,
}

impl Enc {
    fn parse(name: &str) -> Option<Enc> {
        match name {
            "A128CBC-HS256" => Some(Enc::A128CbcHs256),
            "A192CBC-HS384" => Some(Enc::A192CbcHs384),
            "A256CBC-HS512" => Some(Enc::A256CbcHs512),
            _ => None,
        }
    }

    /// The CEK length; the MAC key is the first half, the AES key the second,
    /// and the tag is as long as one half.
    fn key_len(self) -> usize {
        match self {
            Enc::A128CbcHs256 => 32,
            Enc::A192CbcHs384 => 48,
            Enc::A256CbcHs512 => 64,
        }
    }

    fn split_key(self, cek: &[u8]) -> Result<(&[u8], &[u8]), JweError> {
        if cek.len() != self.key_len() {
            return Err(JweError::Decryption);
        }
        Ok(cek.split_at(self.key_len() / 2))
    }

    fn tag(
        self,
        mac_key: &[u8],
        aad: &[u8],
        iv: &[u8],
        ciphertext: &[u8],
    ) -> Result<Vec<u8>, JweError> {
        let al = u64::try_from(aad.len())
            .ok()
            .and_then(|n| n.checked_mul(8))
            .ok_or(JweError::Malformed("header too long"))?
            .to_be_bytes();
        fn run<M: Mac + KeyInit>(key: &[u8], parts: [&[u8]; 4]) -> Result<Vec<u8>, JweError> {
            let mut mac = <M as KeyInit>::new_from_slice(key).map_err(|_| JweError::Decryption)?;
            for p in parts {
                mac.update(p);
            }
            Ok(mac.finalize().into_bytes().to_vec())
        }
        let parts = [aad, iv, ciphertext, &al[..]];
        let mut full = match self {
            Enc::A128CbcHs256 => run::<Hmac<Sha256>>(mac_key, parts)?,
            Enc::A192CbcHs384 => run::<Hmac<Sha384>>(mac_key, parts)?,
            Enc::A256CbcHs512 => run::<Hmac<Sha512>>(mac_key, parts)?,
        };
        full.truncate(self.key_len() / 2);
        Ok(full)
    }

    fn encrypt(self, enc_key: &[u8], iv: &[u8], plaintext: &[u8]) -> Result<Vec<u8>, JweError> {
        fn run<C: KeyIvInit + BlockModeEncrypt>(
            k: &[u8],
            iv: &[u8],
            pt: &[u8],
        ) -> Result<Vec<u8>, JweError> {
            let c = C::new_from_slices(k, iv).map_err(|_| JweError::Decryption)?;
            Ok(c.encrypt_padded_vec::<Pkcs7>(pt))
        }
        match self {
            Enc::A128CbcHs256 => run::<cbc::Encryptor<aes::Aes128>>(enc_key, iv, plaintext),
            Enc::A192CbcHs384 => run::<cbc::Encryptor<aes::Aes192>>(enc_key, iv, plaintext),
            Enc::A256CbcHs512 => run::<cbc::Encryptor<aes::Aes256>>(enc_key, iv, plaintext),
        }
    }

    fn decrypt(self, enc_key: &[u8], iv: &[u8], ciphertext: &[u8]) -> Result<Vec<u8>, JweError> {
        fn run<C: KeyIvInit + BlockModeDecrypt>(
            k: &[u8],
            iv: &[u8],
            ct: &[u8],
        ) -> Result<Vec<u8>, JweError> {
            let c = C::new_from_slices(k, iv).map_err(|_| JweError::Decryption)?;
            c.decrypt_padded_vec::<Pkcs7>(ct)
                .map_err(|_| JweError::Decryption)
        }
        match self {
            Enc::A128CbcHs256 => run::<cbc::Decryptor<aes::Aes128>>(enc_key, iv, ciphertext),
            Enc::A192CbcHs384 => run::<cbc::Decryptor<aes::Aes192>>(enc_key, iv, ciphertext),
            Enc::A256CbcHs512 => run::<cbc::Decryptor<aes::Aes256>>(enc_key, iv, ciphertext),
        }
    }
}

/// The key encryption key: PBKDF2-HMAC-SHA512(password, `alg || 0x00 || p2s`, p2c), 32 bytes.
fn derive_kek(password: &SecretString, p2s: &[u8], p2c: u32) -> Zeroizing<[u8; 32]> {
    let mut salt = Vec::with_capacity(ALG.len() + 1 + p2s.len());
    salt.extend_from_slice(ALG.as_bytes());
    salt.push(0);
    salt.extend_from_slice(p2s);
    let mut kek = Zeroizing::new([0u8; 32]);
    pbkdf2::pbkdf2_hmac::<Sha512>(
        password.expose_secret().as_bytes(),
        &salt,
        p2c,
        &mut kek[..],
    );
    kek
}

fn random<const N: usize>() -> Result<Zeroizing<[u8; N]>, JweError> {
    let mut buf = Zeroizing::new([0u8; N]);
    getrandom::fill(&mut buf[..]).map_err(|_| JweError::Random)?;
    Ok(buf)
}

/// Encrypts `plaintext` with `password` into a JWE compact serialization
/// (`PBES2-HS512+A256KW`, `A256CBC-HS512`, `p2c = iterations`, a fresh
/// random 16-byte `p2s`, CEK and IV).
pub fn encrypt(
    password: &SecretString,
    plaintext: &[u8],
    iterations: u32,
) -> Result<String, JweError> {
    if !(MIN_ITERATIONS..=MAX_ITERATIONS).contains(&iterations) {
        return Err(JweError::Iterations);
    }
    let salt = random::<SALT_LEN>()?;
    let cek = random::<64>()?;
    let iv = random::<16>()?;
    let header = format!(
        r#"{{"alg":"{ALG}","enc":"{ENC}","p2c":{iterations},"p2s":"{}"}}"#,
        B64.encode(&salt[..])
    );
    encrypt_with(
        password,
        &header,
        &salt[..],
        iterations,
        &cek[..],
        &iv[..],
        plaintext,
    )
}

/// Encrypts with every input given: the protected header (JSON text, whose
/// `p2s`, `p2c` and `enc` must match), the salt input, CEK and IV. Used by
/// [`encrypt`] and, with the RFC 7520 inputs, by the tests.
fn encrypt_with(
    password: &SecretString,
    header_json: &str,
    p2s: &[u8],
    p2c: u32,
    cek: &[u8],
    iv: &[u8],
    plaintext: &[u8],
) -> Result<String, JweError> {
    let header: Header = serde_json::from_str(header_json)
        .map_err(|_| JweError::Malformed("protected header is not a JWE header"))?;
    let enc =
        Enc::parse(&header.enc).ok_or(JweError::Unsupported("content encryption algorithm"))?;
    let (mac_key, enc_key) = enc.split_key(cek)?;
    let kek = derive_kek(password, p2s, p2c);
    let kw = aes_kw::KwAes256::new_from_slice(&kek[..]).map_err(|_| JweError::Decryption)?;
    let mut wrapped = vec![0u8; cek.len() + 8];
    let wrapped = kw
        .wrap_key(cek, &mut wrapped)
        .map_err(|_| JweError::Decryption)?;
    let protected = B64.encode(header_json.as_bytes());
    let ciphertext = enc.encrypt(enc_key, iv, plaintext)?;
    let tag = enc.tag(mac_key, protected.as_bytes(), iv, &ciphertext)?;
    Ok(format!(
        "{protected}.{}.{}.{}.{}",
        B64.encode(wrapped),
        B64.encode(iv),
        B64.encode(&ciphertext),
        B64.encode(&tag)
    ))
}

#[derive(serde::Deserialize)]
struct Header {
    alg: String,
    enc: String,
    #[serde(default)]
    p2s: Option<String>,
    #[serde(default)]
    p2c: Option<u64>,
    #[serde(default)]
    zip: Option<serde_json::Value>,
    #[serde(default)]
    crit: Option<serde_json::Value>,
}

fn b64(part: &str, what: &'static str) -> Result<Vec<u8>, JweError> {
    B64.decode(part.as_bytes())
        .map_err(|_| JweError::Malformed(what))
}

/// Decrypts a JWE compact serialization made with `password`
/// (`PBES2-HS512+A256KW`; `A256CBC-HS512`, `A192CBC-HS384` or
/// `A128CBC-HS256`). The tag is checked in constant time before decrypting.
pub fn decrypt(password: &SecretString, token: &str) -> Result<Vec<u8>, JweError> {
    let token = token.trim();
    let mut parts = token.split('.');
    let (Some(protected), Some(ek), Some(iv), Some(ct), Some(tag), None) = (
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
    ) else {
        return Err(JweError::Malformed("expected five dot-separated parts"));
    };
    let header_bytes = b64(protected, "protected header is not base64url")?;
    let header: Header = serde_json::from_slice(&header_bytes)
        .map_err(|_| JweError::Malformed("protected header is not a JWE header"))?;
    if header.alg != ALG {
        return Err(JweError::Unsupported(
            "key management algorithm (only PBES2-HS512+A256KW)",
        ));
    }
    let enc =
        Enc::parse(&header.enc).ok_or(JweError::Unsupported("content encryption algorithm"))?;
    if header.zip.is_some() {
        return Err(JweError::Unsupported("compressed payloads (zip)"));
    }
    if header.crit.is_some() {
        return Err(JweError::Unsupported("critical header parameters (crit)"));
    }
    let p2c = header
        .p2c
        .and_then(|c| u32::try_from(c).ok())
        .ok_or(JweError::Malformed("p2c missing or out of range"))?;
    if !(MIN_ITERATIONS..=MAX_ITERATIONS).contains(&p2c) {
        return Err(JweError::Iterations);
    }
    let p2s = b64(
        header
            .p2s
            .as_deref()
            .ok_or(JweError::Malformed("p2s missing"))?,
        "p2s is not base64url",
    )?;
    if p2s.len() < MIN_SALT_LEN {
        return Err(JweError::Unsupported("p2s shorter than 8 bytes"));
    }
    let ek = b64(ek, "encrypted key is not base64url")?;
    let iv = b64(iv, "IV is not base64url")?;
    let ct = b64(ct, "ciphertext is not base64url")?;
    let tag = b64(tag, "tag is not base64url")?;
    if iv.len() != 16 {
        return Err(JweError::Malformed("IV must be 16 bytes"));
    }
    if ek.len() != enc.key_len() + 8 {
        return Err(JweError::Decryption);
    }

    let kek = derive_kek(password, &p2s, p2c);
    let kw = aes_kw::KwAes256::new_from_slice(&kek[..]).map_err(|_| JweError::Decryption)?;
    let mut cek = Zeroizing::new(vec![0u8; enc.key_len()]);
    let cek_len = kw
        .unwrap_key(&ek, &mut cek[..])
        .map_err(|_| JweError::Decryption)?
        .len();
    cek.truncate(cek_len);
    let (mac_key, enc_key) = enc.split_key(&cek)?;
    let expected = enc.tag(mac_key, protected.as_bytes(), &iv, &ct)?;
    if !bool::from(expected.ct_eq(&tag)) {
        return Err(JweError::Decryption);
    }
    enc.decrypt(enc_key, &iv, &ct)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    // RFC 7520 §5.3 "Key Wrap Using PBES2-AES-KeyWrap with AES-CBC-HMAC-SHA2".
    const RFC_PASSWORD: &str = "entrap_o\u{2013}peter_long\u{2013}credit_tun";
    const RFC_PLAINTEXT: &str = r#"{"keys":[{"kty":"oct","kid":"77c7e2b8-6e13-45cf-8672-617b5b45243a","use":"enc","alg":"A128GCM","k":"XctOhJAkA-pD9Lh7ZgW_2A"},{"kty":"oct","kid":"81b20965-8332-43d9-a468-82160ad91ac8","use":"enc","alg":"A128KW","k":"GZy6sIZ6wl9NJOKB-jnmVQ"},{"kty":"oct","kid":"18ec08e1-bfa9-4d95-b205-2b4dd1d4321d","use":"enc","alg":"A256GCMKW","k":"qC57l_uxcm7Nm3K-ct4GFjx8tM1U8CZ0NLBvdQstiS8"}]}"#;
    const RFC_CEK: &str = "uwsjJXaBK407Qaf0_zpcpmr1Cs0CC50hIUEyGNEt3m0";
    const RFC_IV: &str = "VBiCzVHNoLiR3F4V82uoTQ";
    const RFC_P2S: &str = "8Q1SzinasR3xchYz6ZZcHA";
    const RFC_HEADER: &str = r#"{"alg":"PBES2-HS512+A256KW","p2s":"8Q1SzinasR3xchYz6ZZcHA","p2c":8192,"cty":"jwk-set+json","enc":"A128CBC-HS256"}"#;
    const RFC_HEADER_B64: &str = "eyJhbGciOiJQQkVTMi1IUzUxMitBMjU2S1ciLCJwMnMiOiI4UTFTemluYXNSM3hjaFl6NlpaY0hBIiwicDJjIjo4MTkyLCJjdHkiOiJqd2stc2V0K2pzb24iLCJlbmMiOiJBMTI4Q0JDLUhTMjU2In0";
    const RFC_ENCRYPTED_KEY: &str = "d3qNhUWfqheyPp4H8sjOWsDYajoej4c5Je6rlUtFPWdgtURtmeDV1g";
    const RFC_CIPHERTEXT: &str = "23i-Tb1AV4n0WKVSSgcQrdg6GRqsUKxjruHXYsTHAJLZ2nsnGIX86vMXqIi6IRsfywCRFzLxEcZBRnTvG3nhzPk0GDD7FMyXhUHpDjEYCNA_XOmzg8yZR9oyjo6lTF6si4q9FZ2EhzgFQCLO_6h5EVg3vR75_hkBsnuoqoM3dwejXBtIodN84PeqMb6asmas_dpSsz7H10fC5ni9xIz424givB1YLldF6exVmL93R3fOoOJbmk2GBQZL_SEGllv2cQsBgeprARsaQ7Bq99tT80coH8ItBjgV08AtzXFFsx9qKvC982KLKdPQMTlVJKkqtV4Ru5LEVpBZXBnZrtViSOgyg6AiuwaS-rCrcD_ePOGSuxvgtrokAKYPqmXUeRdjFJwafkYEkiuDCV9vWGAi1DH2xTafhJwcmywIyzi4BqRpmdn_N-zl5tuJYyuvKhjKv6ihbsV_k1hJGPGAxJ6wUpmwC4PTQ2izEm0TuSE8oMKdTw8V3kobXZ77ulMwDs4p";
    const RFC_TAG: &str = "0HlwodAhOCILG5SQ2LQ9dg";

    fn rfc_token() -> String {
        [
            RFC_HEADER_B64,
            RFC_ENCRYPTED_KEY,
            RFC_IV,
            RFC_CIPHERTEXT,
            RFC_TAG,
        ]
        .join(".")
    }

    #[test]
    fn rfc7520_5_3_decrypts() {
        let key = SecretString::from(RFC_PASSWORD);
        let plain = decrypt(&key, &rfc_token()).unwrap();
        assert_eq!(plain, RFC_PLAINTEXT.as_bytes());
    }

    #[test]
    fn rfc7520_5_3_encrypts_byte_for_byte() {
        let key = SecretString::from(RFC_PASSWORD);
        let token = encrypt_with(
            &key,
            RFC_HEADER,
            &B64.decode(RFC_P2S).unwrap(),
            8192,
            &B64.decode(RFC_CEK).unwrap(),
            &B64.decode(RFC_IV).unwrap(),
            RFC_PLAINTEXT.as_bytes(),
        )
        .unwrap();
        assert_eq!(token, rfc_token());
    }

    #[test]
    fn round_trip_and_header() {
        let key = SecretString::from("k");
        let token = encrypt(&key, b"hello", MIN_ITERATIONS).unwrap();
        let header: serde_json::Value =
            serde_json::from_slice(&B64.decode(token.split('.').next().unwrap()).unwrap()).unwrap();
        assert_eq!(header["alg"], "PBES2-HS512+A256KW");
        assert_eq!(header["enc"], "A256CBC-HS512");
        assert_eq!(header["p2c"], 1000);
        assert_eq!(
            B64.decode(header["p2s"].as_str().unwrap()).unwrap().len(),
            SALT_LEN
        );
        assert_eq!(decrypt(&key, &token).unwrap(), b"hello");
        // fresh randomness every time
        assert_ne!(token, encrypt(&key, b"hello", MIN_ITERATIONS).unwrap());
        assert_eq!(encrypt(&key, b"x", 999), Err(JweError::Iterations));
        assert_eq!(
            encrypt(&key, b"x", MAX_ITERATIONS + 1),
            Err(JweError::Iterations)
        );
    }

    fn flip(token: &str, part: usize, byte: usize) -> String {
        let mut parts: Vec<String> = token.split('.').map(str::to_owned).collect();
        let mut raw = B64.decode(&parts[part]).unwrap();
        raw[byte] ^= 0x01;
        parts[part] = B64.encode(raw);
        parts.join(".")
    }

    #[test]
    fn tampering_is_an_error_never_garbage() {
        let key = SecretString::from(RFC_PASSWORD);
        let token = rfc_token();
        for (part, byte) in [
            (1, 0),
            (1, 39),
            (2, 0),
            (2, 15),
            (3, 0),
            (3, 100),
            (4, 0),
            (4, 15),
        ] {
            assert_eq!(
                decrypt(&key, &flip(&token, part, byte)),
                Err(JweError::Decryption),
                "part {part} byte {byte}"
            );
        }
        // header changes break the AAD (enc swapped to another length is refused earlier)
        let other_header = B64.encode(RFC_HEADER.replace("jwk-set+json", "jwk-set+jsoN"));
        let t = token.replacen(RFC_HEADER_B64, &other_header, 1);
        assert_eq!(decrypt(&key, &t), Err(JweError::Decryption));
        // truncated tag and ciphertext (by whole bytes)
        let cut = |part: usize, keep: usize| {
            let mut parts: Vec<String> = token.split('.').map(str::to_owned).collect();
            let mut raw = B64.decode(&parts[part]).unwrap();
            raw.truncate(keep);
            parts[part] = B64.encode(raw);
            parts.join(".")
        };
        assert_eq!(decrypt(&key, &cut(4, 8)), Err(JweError::Decryption));
        assert_eq!(decrypt(&key, &cut(4, 0)), Err(JweError::Decryption));
        assert_eq!(decrypt(&key, &cut(3, 16)), Err(JweError::Decryption));
        assert_eq!(decrypt(&key, &cut(3, 0)), Err(JweError::Decryption));
        assert_eq!(
            decrypt(&SecretString::from("wrong"), &token),
            Err(JweError::Decryption)
        );
    }

    #[test]
    fn refuses_bad_parameters() {
        let key = SecretString::from("k");
        let with_header = |h: &str| {
            let t = encrypt(&key, b"x", MIN_ITERATIONS).unwrap();
            let rest = t.split_once('.').unwrap().1.to_owned();
            format!("{}.{rest}", B64.encode(h))
        };
        let cases = [
            (
                r#"{"alg":"PBES2-HS256+A128KW","enc":"A256CBC-HS512","p2c":1000,"p2s":"AAAAAAAAAAA"}"#,
                "alg",
            ),
            (r#"{"alg":"dir","enc":"A256CBC-HS512"}"#, "alg"),
            (
                r#"{"alg":"PBES2-HS512+A256KW","enc":"A256GCM","p2c":1000,"p2s":"AAAAAAAAAAA"}"#,
                "enc",
            ),
            (
                r#"{"alg":"PBES2-HS512+A256KW","enc":"A256CBC-HS512","p2c":999,"p2s":"AAAAAAAAAAA"}"#,
                "p2c",
            ),
            (
                r#"{"alg":"PBES2-HS512+A256KW","enc":"A256CBC-HS512","p2c":100000000,"p2s":"AAAAAAAAAAA"}"#,
                "p2c",
            ),
            (
                r#"{"alg":"PBES2-HS512+A256KW","enc":"A256CBC-HS512","p2c":1000,"p2s":"AAAAAAAAAA"}"#,
                "p2s 7 bytes",
            ),
            (
                r#"{"alg":"PBES2-HS512+A256KW","enc":"A256CBC-HS512","p2c":1000}"#,
                "no p2s",
            ),
            (
                r#"{"alg":"PBES2-HS512+A256KW","enc":"A256CBC-HS512","p2c":1000,"p2s":"AAAAAAAAAAA","zip":"DEF"}"#,
                "zip",
            ),
            (
                r#"{"alg":"PBES2-HS512+A256KW","enc":"A256CBC-HS512","p2c":1000,"p2s":"AAAAAAAAAAA","crit":["x"]}"#,
                "crit",
            ),
        ];
        for (h, what) in cases {
            let err = decrypt(&key, &with_header(h)).unwrap_err();
            assert_ne!(
                err,
                JweError::Decryption,
                "{what} must be refused before any crypto"
            );
        }
        for bad in ["", "a.b.c.d", "a.b.c.d.e.f", "!!.a.b.c.d"] {
            assert!(
                matches!(decrypt(&key, bad), Err(JweError::Malformed(_))),
                "{bad}"
            );
        }
    }
}
