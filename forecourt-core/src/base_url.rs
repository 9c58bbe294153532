//! Base URLs: validated once, when a client is built.

use std::net::IpAddr;

use url::{Host, Url};

use crate::error::{Error, Result};

/// Parses and checks a base URL.
///
/// Accepted: `https://` anywhere, `http://` only for loopback hosts
/// (`localhost`, `127.0.0.0/8`, `[::1]`), so credentials never travel in
/// clear. Refused: user info, a query or a fragment. A trailing `/` is
/// dropped, so `https://host/api/v1/` and `https://host/api/v1` are the same.
///
/// ```
/// use forecourt_core::base_url::parse_base_url;
/// assert!(parse_base_url("https://www.line5.com/api/v1").is_ok());
/// assert!(parse_base_url("http://127.0.0.1:8080").is_ok());
/// assert!(parse_base_url("http://www.line5.com/api/v1").is_err());
/// ```
pub fn parse_base_url(input: &str) -> Result<Url> {
    const FIELD: &str = "base_url";
    let mut url = Url::parse(input.trim())
        .map_err(|_| Error::invalid_input(FIELD, "is not an absolute URL"))?;
    if url.cannot_be_a_base() {
        return Err(Error::invalid_input(FIELD, "cannot be used as a base URL"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(Error::invalid_input(
            FIELD,
            "must not carry credentials; configure them on the client builder",
        ));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(Error::invalid_input(
            FIELD,
            "must not have a query or a fragment",
        ));
    }
    match url.scheme() {
        "https" => {}
        "http" if is_loopback(&url) => {}
        "http" => {
            return Err(Error::invalid_input(
                FIELD,
                "must use https (http is accepted only for loopback hosts)",
            ));
        }
        _ => return Err(Error::invalid_input(FIELD, "must be an https URL")),
    }
    if url.host().is_none() {
        return Err(Error::invalid_input(FIELD, "has no host"));
    }
    let trimmed = url.path().trim_end_matches('/').to_owned();
    url.set_path(&trimmed);
    Ok(url)
}

/// Whether the URL's host is a loopback name or address.
pub fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    }
}

/// Whether two URLs share scheme, host and port.
pub fn same_origin(a: &Url, b: &Url) -> bool {
    a.origin() == b.origin()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_https_and_loopback_http() {
        for ok in [
            "https://api.autengo.com/v3",
            "https://api.autengo.com/v3/",
            "http://localhost:1234",
            "http://127.0.0.9:80/x",
            "http://[::1]:8080/",
        ] {
            let url = parse_base_url(ok).unwrap();
            assert!(!url.path().ends_with('/') || url.path() == "/", "{url}");
        }
    }

    #[test]
    fn refuses_clear_text_and_odd_urls() {
        for bad in [
            "http://api.autengo.com/v3",
            "http://10.0.0.1/",
            "http://localhost.evil.com/",
            "ftp://example.com",
            "https://user:pw@example.com",
            "https://example.com/?a=1",
            "https://example.com/#x",
            "not a url",
            "mailto:a@b.c",
        ] {
            let err = parse_base_url(bad).unwrap_err();
            assert!(
                matches!(&err, Error::InvalidInput { field, .. } if field == "base_url"),
                "{bad}: {err:?}"
            );
            assert!(!err.to_string().contains("pw"));
        }
    }
}
