//! How a vendor's error document becomes [`ErrorDetail`]s.

use http::StatusCode;

use crate::error::ErrorDetail;

/// Maps a vendor's error document into [`ErrorDetail`]s.
pub trait ErrorMapper: Send + Sync + 'static {
    /// The details of an error response; empty if the body says nothing usable.
    fn details(&self, status: StatusCode, body: &[u8]) -> Vec<ErrorDetail>;
}

impl<F> ErrorMapper for F
where
    F: Fn(StatusCode, &[u8]) -> Vec<ErrorDetail> + Send + Sync + 'static,
{
    fn details(&self, status: StatusCode, body: &[u8]) -> Vec<ErrorDetail> {
        (self)(status, body)
    }
}

/// Understands the error shapes the vendors use: JSON:API `errors` arrays,
/// `{"message"}` / `{"Message"}`, `{"error": ".."}` or `{"error": {"message"}}`,
/// `error_description`, Apigee `{"fault":{"faultstring"}}`, RFC 7807
/// `title`/`detail`, and Rails-style `{"errors": {"field": ["msg"]}}`.
#[derive(Debug, Clone, Copy, Default)]
pub struct DefaultErrorMapper;

fn text_of(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn detail_from_object(o: &serde_json::Map<String, serde_json::Value>) -> Option<ErrorDetail> {
    let message = [
        "detail",
        "message",
        "Message",
        "title",
        "error",
        "description",
    ]
    .iter()
    .find_map(|k| o.get(*k).and_then(text_of))?;
    let mut d = ErrorDetail::message(message);
    let pointer = o
        .get("source")
        .and_then(|s| s.get("pointer").or_else(|| s.get("parameter")))
        .or_else(|| o.get("field"))
        .or_else(|| o.get("pointer"))
        .or_else(|| o.get("path"))
        .and_then(text_of);
    if let Some(p) = pointer {
        d = d.with_pointer(p);
    }
    if let Some(c) = o.get("code").and_then(text_of) {
        d = d.with_code(c);
    }
    Some(d)
}

impl ErrorMapper for DefaultErrorMapper {
    fn details(&self, _status: StatusCode, body: &[u8]) -> Vec<ErrorDetail> {
        let Ok(v) = serde_json::from_slice::<serde_json::Value>(body) else {
            return Vec::new();
        };
        let Some(root) = v.as_object() else {
            return match &v {
                serde_json::Value::Array(items) => items
                    .iter()
                    .filter_map(|i| i.as_object().and_then(detail_from_object))
                    .collect(),
                other => text_of(other)
                    .map(ErrorDetail::message)
                    .into_iter()
                    .collect(),
            };
        };
        match root.get("errors") {
            Some(serde_json::Value::Array(items)) => {
                let out: Vec<_> = items
                    .iter()
                    .filter_map(|i| match i {
                        serde_json::Value::Object(o) => detail_from_object(o),
                        other => text_of(other).map(ErrorDetail::message),
                    })
                    .collect();
                if !out.is_empty() {
                    return out;
                }
            }
            Some(serde_json::Value::Object(fields)) => {
                let out: Vec<_> = fields
                    .iter()
                    .flat_map(|(field, msgs)| {
                        let msgs: Vec<String> = match msgs {
                            serde_json::Value::Array(a) => a.iter().filter_map(text_of).collect(),
                            other => text_of(other).into_iter().collect(),
                        };
                        msgs.into_iter()
                            .map(move |m| ErrorDetail::message(m).with_pointer(field.clone()))
                    })
                    .collect();
                if !out.is_empty() {
                    return out;
                }
            }
            _ => {}
        }
        if let Some(fault) = root.get("fault").and_then(|f| f.as_object())
            && let Some(msg) = fault.get("faultstring").and_then(text_of)
        {
            let mut d = ErrorDetail::message(msg);
            if let Some(code) = fault
                .get("detail")
                .and_then(|d| d.get("errorcode"))
                .and_then(text_of)
            {
                d = d.with_code(code);
            }
            return vec![d];
        }
        if let Some(serde_json::Value::Object(e)) = root.get("error")
            && let Some(d) = detail_from_object(e)
        {
            return vec![d];
        }
        if let Some(desc) = root.get("error_description").and_then(text_of) {
            let mut d = ErrorDetail::message(desc);
            if let Some(code) = root.get("error").and_then(text_of) {
                d = d.with_code(code);
            }
            return vec![d];
        }
        detail_from_object(root).into_iter().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_mapper_understands_vendor_shapes() {
        let m = DefaultErrorMapper;
        let s = StatusCode::UNPROCESSABLE_ENTITY;
        let d = m.details(s, br#"{"errors":[{"source":{"pointer":"/data/attributes/email"},"detail":"is invalid"}]}"#);
        assert_eq!(d[0].pointer.as_deref(), Some("/data/attributes/email"));
        assert_eq!(d[0].message, "is invalid");
        let d = m.details(s, br#"{"fault":{"faultstring":"Invalid Access Token","detail":{"errorcode":"keymanagement.service.invalid_access_token"}}}"#);
        assert_eq!(d[0].message, "Invalid Access Token");
        assert_eq!(
            d[0].code.as_deref(),
            Some("keymanagement.service.invalid_access_token")
        );
        let d = m.details(s, br#"{"message":"Vehicle not found"}"#);
        assert_eq!(d[0].message, "Vehicle not found");
        let d = m.details(s, br#"{"Message":"The request is invalid."}"#);
        assert_eq!(d[0].message, "The request is invalid.");
        let d = m.details(
            s,
            br#"{"error":"invalid_client","error_description":"bad secret"}"#,
        );
        assert_eq!(
            (d[0].message.as_str(), d[0].code.as_deref()),
            ("bad secret", Some("invalid_client"))
        );
        let d = m.details(s, br#"{"errors":{"email":["is taken","is bad"]}}"#);
        assert_eq!(d.len(), 2);
        assert_eq!(d[1].pointer.as_deref(), Some("email"));
        let d = m.details(s, br#"{"error":{"code":"E1","message":"nope"}}"#);
        assert_eq!(
            (d[0].message.as_str(), d[0].code.as_deref()),
            ("nope", Some("E1"))
        );
        assert!(m.details(s, b"<html>502</html>").is_empty());
        let d = m.details(
            s,
            br#"{"errors":["SSN 123-45-6789 failed the credit inquiry"]}"#,
        );
        assert!(!d[0].message.contains("6789"), "{:?}", d[0]);
    }
}
