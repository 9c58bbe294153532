//! JSON:API error objects and the error mapper that keeps every member.

use serde::{Deserialize, Serialize};

use forecourt_core::ErrorDetail;

/// A JSON:API error object (`{"source":{"pointer"},"detail"}` in Line5's form).
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq, Eq)]
#[non_exhaustive]
pub struct ErrorObject {
    /// Where the error is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<ErrorSource>,
    /// What is wrong.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// A short summary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The HTTP status, as a string (a number is read as its text).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "forecourt_core::serde_helpers::lenient::option_string_or_number"
    )]
    pub status: Option<String>,
    /// An application code (a number is read as its text).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "forecourt_core::serde_helpers::lenient::option_string_or_number"
    )]
    pub code: Option<String>,
    /// Non-standard meta-information about the error.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meta: Option<serde_json::Value>,
}

impl ErrorObject {
    /// The common shape of this error object, with every member the JSON:API
    /// specification defines: `detail` (or `title` when there is no detail)
    /// as the message, `title`, `status`, `code`, `source.pointer` (or
    /// `source.parameter` when there is no pointer) as the pointer,
    /// `source.parameter`, and `meta` as raw JSON text. Digit runs that look
    /// like personal numbers are masked in the texts and the meta.
    pub fn to_detail(&self) -> ErrorDetail {
        let message = self
            .detail
            .clone()
            .or_else(|| self.title.clone())
            .unwrap_or_default();
        let mut d = ErrorDetail::message(message);
        let source = self.source.as_ref();
        let pointer = source.and_then(|s| s.pointer.clone());
        let parameter = source.and_then(|s| s.parameter.clone());
        if let Some(p) = pointer.or_else(|| parameter.clone()) {
            d = d.with_pointer(p);
        }
        if let Some(p) = parameter {
            d = d.with_parameter(p);
        }
        if let Some(c) = &self.code {
            d = d.with_code(c.clone());
        }
        if let Some(t) = &self.title {
            d = d.with_title(t.clone());
        }
        if let Some(s) = &self.status {
            d = d.with_status(s.clone());
        }
        if let Some(m) = &self.meta {
            d = d.with_meta(forecourt_core::redact::mask_digit_runs(&m.to_string()));
        }
        d
    }
}

/// Maps a JSON:API error document to [`ErrorDetail`]s keeping every member
/// ([`ErrorObject::to_detail`]); any other body goes to the core's
/// [`DefaultErrorMapper`](forecourt_core::DefaultErrorMapper).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct JsonApiErrorMapper;

impl forecourt_core::ErrorMapper for JsonApiErrorMapper {
    fn details(&self, status: forecourt_core::http::StatusCode, body: &[u8]) -> Vec<ErrorDetail> {
        #[derive(Deserialize)]
        struct Errors {
            errors: Vec<ErrorObject>,
        }
        match serde_json::from_slice::<Errors>(body) {
            Ok(e) if !e.errors.is_empty() => e.errors.iter().map(ErrorObject::to_detail).collect(),
            _ => forecourt_core::DefaultErrorMapper.details(status, body),
        }
    }
}

impl ErrorObject {
    /// An error with a pointer and a detail (the form Line5 uses).
    pub fn new(pointer: impl Into<String>, detail: impl Into<String>) -> Self {
        ErrorObject {
            source: Some(ErrorSource {
                pointer: Some(pointer.into()),
                parameter: None,
            }),
            detail: Some(detail.into()),
            ..ErrorObject::default()
        }
    }
}

/// The `source` of an [`ErrorObject`].
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq, Eq)]
#[non_exhaustive]
pub struct ErrorSource {
    /// A JSON pointer into the request document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pointer: Option<String>,
    /// A query parameter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parameter: Option<String>,
}
