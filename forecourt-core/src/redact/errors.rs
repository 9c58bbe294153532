//! Errors without secrets: [`scrub_error`] passes every text of an [`Error`]
//! through the scrub set; [`json_error_message`] keeps what serde says
//! without the body's text.

use std::fmt;

use secrecy::SecretString;

use super::{mask_quoted, mask_sensitive_params, scrub};
use crate::error::{BoxError, Error};

/// What a serde_json error says, without any text taken from the body: its
/// kind, the type that was expected (which comes from the model, not the
/// body), and the position. serde quotes the offending value (with `{:?}`,
/// so `"` inside it becomes `\"`); masking quoted spans cannot be made
/// reliable, so the value is never kept at all.
pub fn json_error_message(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    let full = e.to_string();
    // serde_json appends " at line L column C"; the position is added back below.
    let text = match full.rfind(" at line ") {
        Some(at) => &full[..at],
        None => full.as_str(),
    };
    let what = match e.classify() {
        // serde_json's own fixed texts ("expected value", "EOF while
        // parsing a string"): they never quote the input.
        Category::Syntax | Category::Eof | Category::Io => text.to_owned(),
        Category::Data => {
            let kind = if text.starts_with("invalid type") {
                "invalid type"
            } else if text.starts_with("invalid length") {
                "invalid length"
            } else if text.starts_with("unknown variant") {
                "unknown variant"
            } else if text.starts_with("unknown field") {
                "unknown field"
            } else if text.starts_with("missing field") || text.starts_with("duplicate field") {
                // the field's name comes from the model
                return with_position(text, e);
            } else {
                // A helper's own message (`E::custom`): written by the SDK,
                // but it may quote the value; quoted spans are masked.
                return with_position(&mask_quoted(text), e);
            };
            // ", expected <what the model wanted>" is the last part of
            // serde's message; the value before it may hold anything.
            match text.rfind(", expected ") {
                Some(at) => format!("{kind}{}", &text[at..]),
                None => kind.to_owned(),
            }
        }
    };
    with_position(&what, e)
}

fn with_position(what: &str, e: &serde_json::Error) -> String {
    if e.line() == 0 {
        what.to_owned()
    } else {
        format!("{what} at line {} column {}", e.line(), e.column())
    }
}

/// An error's source whose text held a secret: its text, scrubbed, in its place.
#[derive(Debug)]
struct ScrubbedSource(String);

impl fmt::Display for ScrubbedSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ScrubbedSource {}

fn chain_text(e: &(dyn std::error::Error + 'static)) -> String {
    let mut text = e.to_string();
    let mut next = e.source();
    while let Some(s) = next {
        text.push_str(": ");
        text.push_str(&s.to_string());
        next = s.source();
    }
    text
}

fn scrub_source(source: BoxError, secrets: &[SecretString]) -> BoxError {
    let source = match source.downcast::<Error>() {
        Ok(ours) => return Box::new(scrub_error(*ours, secrets)),
        Err(other) => other,
    };
    let text = chain_text(&*source);
    let debug = format!("{source:?}");
    let scrubbed = scrub(&text, secrets);
    if scrubbed == text && scrub(&debug, secrets) == debug {
        source
    } else {
        Box::new(ScrubbedSource(scrubbed))
    }
}

/// Passes every text of `error` through the scrub set `secrets`: messages,
/// vendor details, excerpts, paths, and the source chain (a source whose
/// text held a secret is replaced by its scrubbed text).
pub fn scrub_error(mut error: Error, secrets: &[SecretString]) -> Error {
    if let Error::Api(api) = &mut error {
        for d in &mut api.details {
            d.message = mask_sensitive_params(&d.message);
            for t in [d.title.as_mut(), d.meta.as_mut()].into_iter().flatten() {
                *t = mask_sensitive_params(t);
            }
        }
    }
    if secrets.is_empty() {
        return error;
    }
    let s = |t: &mut String| *t = scrub(t, secrets);
    match &mut error {
        Error::Api(api) => {
            for d in &mut api.details {
                s(&mut d.message);
                if let Some(p) = d.pointer.as_mut() {
                    s(p);
                }
                for t in [
                    d.code.as_mut(),
                    d.title.as_mut(),
                    d.status.as_mut(),
                    d.parameter.as_mut(),
                    d.meta.as_mut(),
                ]
                .into_iter()
                .flatten()
                {
                    s(t);
                }
            }
            s(&mut api.body_excerpt);
            if let Some(id) = api.request_id.as_mut() {
                s(id);
            }
        }
        Error::Decode(d) => {
            s(&mut d.path);
            s(&mut d.message);
            s(&mut d.body_excerpt);
        }
        Error::Auth {
            message, source, ..
        } => {
            *message = scrub(message, secrets).into();
            if let Some(src) = source.take() {
                *source = Some(scrub_source(src, secrets));
            }
        }
        Error::Protocol { message, .. } => *message = scrub(message, secrets).into(),
        Error::Redirect { target_origin, .. } => s(target_origin),
        Error::Connect { source, .. } | Error::Network { source, .. } => {
            let src = std::mem::replace(source, Box::new(ScrubbedSource(String::new())));
            *source = scrub_source(src, secrets);
        }
        _ => {}
    }
    error
}
