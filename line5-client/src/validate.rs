//! Checks made before a request is sent. Reasons never contain the value.

use rust_decimal::Decimal;

use crate::{Error, Result};

pub(crate) fn not_blank(field: &'static str, value: &str) -> Result<()> {
    if value.trim().is_empty() {
        return Err(Error::invalid_input(field, "must not be blank"));
    }
    Ok(())
}

pub(crate) fn email(field: &'static str, value: &str) -> Result<()> {
    let v = value.trim();
    let ok = v.len() <= 254
        && !v.contains(char::is_whitespace)
        && v.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
        });
    if !ok {
        return Err(Error::invalid_input(field, "is not an email address"));
    }
    Ok(())
}

/// A US phone number: 10 digits, punctuation `()-. +` allowed.
pub(crate) fn phone(field: &'static str, value: &str) -> Result<()> {
    let digits = value.chars().filter(char::is_ascii_digit).count();
    let allowed = value
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '(' | ')' | '-' | '.' | ' ' | '+'));
    if !allowed || !(10..=11).contains(&digits) {
        return Err(Error::invalid_input(
            field,
            "must be a 10-digit phone number",
        ));
    }
    Ok(())
}

/// Only ASCII digits, between `min` and `max` of them.
pub(crate) fn digits(field: &'static str, value: &str, min: usize, max: usize) -> Result<()> {
    if !value.bytes().all(|b| b.is_ascii_digit()) || value.len() < min || value.len() > max {
        let reason = if min == max {
            format!("must be {min} digits")
        } else {
            format!("must be {min} to {max} digits")
        };
        return Err(Error::invalid_input(field, reason));
    }
    Ok(())
}

/// A US ZIP code: `12345` or `12345-6789`.
pub(crate) fn zip(field: &'static str, value: &str) -> Result<()> {
    let ok = match value.split_once('-') {
        Some((a, b)) => digits(field, a, 5, 5).is_ok() && digits(field, b, 4, 4).is_ok(),
        None => digits(field, value, 5, 5).is_ok(),
    };
    if !ok {
        return Err(Error::invalid_input(field, "must be a 5-digit ZIP code"));
    }
    Ok(())
}

pub(crate) fn positive(field: &'static str, value: Decimal) -> Result<()> {
    if value <= Decimal::ZERO {
        return Err(Error::invalid_input(field, "must be greater than zero"));
    }
    Ok(())
}

pub(crate) fn not_negative(field: &'static str, value: Decimal) -> Result<()> {
    if value < Decimal::ZERO {
        return Err(Error::invalid_input(field, "must not be negative"));
    }
    Ok(())
}
