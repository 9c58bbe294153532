//! Masking by shape where the values are not known: sensitive and personal
//! JSON keys, long digit runs, sensitive URL query parameters, quoted spans.

use super::REDACTED;

/// Whether a JSON key names a secret or personal value (compared without case,
/// `-` or `_`).
pub fn is_sensitive_key(key: &str) -> bool {
    const NEEDLES: &[&str] = &[
        "ssn",
        "socialsecurity",
        "password",
        "passwd",
        "secret",
        "token",
        "apikey",
        "authorization",
        "cvv",
        "cvc",
        "securitycode",
        "cardnumber",
        "accountnumber",
        "routingnumber",
        "iban",
        "bic",
        "dateofbirth",
        "birthdate",
        "birthday",
        "dob",
        "taxid",
        "taxnumber",
        "licence",
        "license",
        "personalid",
        "nationalid",
    ];
    key_names_one_of(key, NEEDLES)
}

/// Whether `key`, compared without case, `-`, `_` or spaces, contains one
/// of `needles` (lowercase, without separators).
fn key_names_one_of(key: &str, needles: &[&str]) -> bool {
    let norm: String = key
        .chars()
        .filter(|c| *c != '-' && *c != '_' && *c != ' ')
        .flat_map(char::to_lowercase)
        .collect();
    needles.iter().any(|n| norm.contains(n))
}

/// Masks every run of 9 or more digits (spaces and dashes inside the run
/// allowed): SSNs, card and account numbers. Shorter numbers (amounts, years,
/// ids) are kept.
pub fn mask_digit_runs(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            // extend the run over digits and single separators between digits
            let start = i;
            let mut end = i;
            let mut digits = 0;
            let mut j = i;
            while j < chars.len() {
                if chars[j].is_ascii_digit() {
                    digits += 1;
                    end = j + 1;
                    j += 1;
                } else if (chars[j] == '-' || chars[j] == ' ')
                    && j + 1 < chars.len()
                    && chars[j + 1].is_ascii_digit()
                {
                    j += 1;
                } else {
                    break;
                }
            }
            if digits >= 9 {
                out.push_str(REDACTED);
            } else {
                out.extend(&chars[start..end]);
            }
            i = end;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// Masks the values of URL query parameters whose names are sensitive
/// ([`is_sensitive_key`]): `…&loginToken=abc&x=1` becomes
/// `…&loginToken=[REDACTED]&x=1` (an e-sign link, an auto-login URL).
pub fn mask_sensitive_params(text: &str) -> String {
    if !text.contains('=') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(eq) = rest.find('=') {
        let (before, after) = rest.split_at(eq);
        // the byte after the separator (which may be a multi-byte space)
        let name_start = before
            .char_indices()
            .rev()
            .find(|&(_, c)| c == '?' || c == '&' || c == ';' || c.is_whitespace() || c == '"')
            .map_or(0, |(i, c)| i + c.len_utf8());
        let name = &before[name_start..];
        out.push_str(before);
        out.push('=');
        let value = &after[1..];
        let value_end = value
            .find(|c: char| c == '&' || c == ';' || c == '#' || c.is_whitespace() || c == '"')
            .unwrap_or(value.len());
        if !name.is_empty() && is_sensitive_key(name) && value_end > 0 {
            out.push_str(REDACTED);
        } else {
            out.push_str(&value[..value_end]);
        }
        rest = &value[value_end..];
    }
    out.push_str(rest);
    out
}

/// Replaces every quoted (`"…"`) or back-ticked (`` `…` ``) span with
/// `[REDACTED]`: serde's messages quote the offending value. A backslash
/// inside a span escapes the next character (`"a\"b"` is one span).
pub fn mask_quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut open: Option<char> = None;
    let mut escaped = false;
    for c in text.chars() {
        if open.is_some() && escaped {
            // `\"` inside a span (serde's `{:?}` of a value) does not close it
            escaped = false;
            continue;
        }
        match open {
            Some(_) if c == '\\' => escaped = true,
            Some(q) if c == q => {
                out.push_str(REDACTED);
                open = None;
            }
            Some(_) => {}
            None if c == '"' || c == '`' => open = Some(c),
            None => out.push(c),
        }
    }
    if open.is_some() {
        out.push_str(REDACTED);
    }
    out
}

/// Whether a JSON key names a person's contact or name (compared like
/// [`is_sensitive_key`]): redacted in error excerpts, where nothing needs
/// them, though kept in logs' query parameters and model fields.
pub(super) fn is_personal_key(key: &str) -> bool {
    const NEEDLES: &[&str] = &[
        "email",
        "phone",
        "mobile",
        "firstname",
        "lastname",
        "surname",
        "fullname",
        "givenname",
        "familyname",
        "address",
        "street",
        "postcode",
        "postalcode",
        "zipcode",
    ];
    key_names_one_of(key, NEEDLES)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digit_runs_masked_short_numbers_kept() {
        assert_eq!(
            mask_digit_runs("ssn 123-45-6789 amount 39000 year 2017"),
            "ssn [REDACTED] amount 39000 year 2017"
        );
        assert_eq!(
            mask_digit_runs("card 4111 1111 1111 1111."),
            "card [REDACTED]."
        );
    }

    #[test]
    fn quoted_values_masked() {
        assert_eq!(
            mask_quoted("invalid type: string \"123-45-6789\", expected u64"),
            "invalid type: string [REDACTED], expected u64"
        );
        assert_eq!(mask_quoted("unknown `x"), "unknown [REDACTED]");
        assert_eq!(
            mask_quoted(r#"bad "a\"SECRET\"b" end"#),
            "bad [REDACTED] end"
        );
    }

    #[test]
    fn sensitive_url_params_masked() {
        assert_eq!(
            mask_sensitive_params("https://e.com/a?target=x%3D&loginToken=abc==&b=1 ok"),
            "https://e.com/a?target=x%3D&loginToken=[REDACTED]&b=1 ok"
        );
        assert_eq!(mask_sensitive_params("a = b, x=1"), "a = b, x=1");
        // a multi-byte space before a name (found by the fuzz regressions)
        assert_eq!(
            mask_sensitive_params("a\u{3000}token=x"),
            "a\u{3000}token=[REDACTED]"
        );
        assert_eq!(
            mask_sensitive_params("auth_token=t0k"),
            "auth_token=[REDACTED]"
        );
    }

    #[test]
    fn sensitive_keys() {
        for k in [
            "ssn",
            "bank_account_number",
            "routing-number",
            "dateOfBirth",
            "cvv",
            "auth_token",
            "iban",
        ] {
            assert!(is_sensitive_key(k), "{k}");
        }
        for k in ["first-name", "amount", "vin", "status"] {
            assert!(!is_sensitive_key(k), "{k}");
        }
    }
}
