//! When and how long to wait before a new attempt.
//!
//! Retried: connect errors for any method (nothing reached the server), and
//! timeouts, broken exchanges, `429`, `502`, `503`, `504` for idempotent
//! methods (GET, HEAD, PUT, DELETE, OPTIONS). A POST or PATCH that may have
//! reached the server is never re-sent: a duplicated loan application or a
//! card charged twice is worse than an error.

use std::time::{Duration, SystemTime};

use http::{HeaderValue, Method, StatusCode};

/// Retry settings: attempts, full-jitter exponential backoff with a cap, and
/// a clamp on `Retry-After`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    base_delay: Duration,
    max_delay: Duration,
    max_retry_after: Duration,
    jitter: bool,
}

impl Default for RetryPolicy {
    /// 3 attempts, 250 ms base delay doubling up to 5 s, full jitter,
    /// `Retry-After` honoured up to 60 s.
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            base_delay: Duration::from_millis(250),
            max_delay: Duration::from_secs(5),
            max_retry_after: Duration::from_secs(60),
            jitter: true,
        }
    }
}

impl RetryPolicy {
    /// One attempt, no retries.
    pub fn none() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        }
    }

    /// Sets the total number of attempts (at least 1).
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// Sets the delay before the first retry (it doubles for each further one).
    pub fn base_delay(mut self, delay: Duration) -> Self {
        self.base_delay = delay;
        self
    }

    /// Sets the cap of the exponential delay.
    pub fn max_delay(mut self, delay: Duration) -> Self {
        self.max_delay = delay;
        self
    }

    /// Sets the longest `Retry-After` that is honoured; longer ones are clamped to it.
    pub fn max_retry_after(mut self, delay: Duration) -> Self {
        self.max_retry_after = delay;
        self
    }

    /// Turns jitter off: each delay is the full exponential delay.
    pub fn without_jitter(mut self) -> Self {
        self.jitter = false;
        self
    }

    /// The total number of attempts.
    pub fn attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The wait before retry number `retry` (1 for the first retry).
    ///
    /// A server's `Retry-After` wins over the backoff, clamped to
    /// [`max_retry_after`](Self::max_retry_after).
    pub fn delay(&self, retry: u32, retry_after: Option<Duration>) -> Duration {
        if let Some(after) = retry_after {
            return after.min(self.max_retry_after);
        }
        let exp = self
            .base_delay
            .saturating_mul(2u32.saturating_pow(retry.saturating_sub(1)))
            .min(self.max_delay);
        if self.jitter {
            // full jitter: uniform in [0, exp]
            let nanos = u64::try_from(exp.as_nanos()).unwrap_or(u64::MAX);
            Duration::from_nanos(fastrand::u64(0..=nanos))
        } else {
            exp
        }
    }
}

/// Whether re-sending `method` cannot duplicate an effect on the server.
pub fn is_idempotent(method: &Method) -> bool {
    matches!(
        *method,
        Method::GET | Method::HEAD | Method::PUT | Method::DELETE | Method::OPTIONS
    )
}

/// The statuses worth another attempt of an idempotent request.
pub fn is_retryable_status(status: StatusCode) -> bool {
    matches!(status.as_u16(), 429 | 502 | 503 | 504)
}

/// Parses a `Retry-After` value: delay seconds, or an HTTP date.
pub fn parse_retry_after(value: &HeaderValue, now: SystemTime) -> Option<Duration> {
    let text = value.to_str().ok()?.trim();
    if let Ok(secs) = text.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = jiff::fmt::rfc2822::parse(text).ok()?.timestamp();
    let now = jiff::Timestamp::try_from(now).ok()?;
    let span = when.as_duration().checked_sub(now.as_duration())?;
    Some(Duration::try_from(span).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_seconds_and_dates() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_445_412_480); // 2015-10-21 07:28:00 UTC
        assert_eq!(
            parse_retry_after(&HeaderValue::from_static("2"), now),
            Some(Duration::from_secs(2))
        );
        assert_eq!(
            parse_retry_after(
                &HeaderValue::from_static("Wed, 21 Oct 2015 07:28:30 GMT"),
                now
            ),
            Some(Duration::from_secs(30))
        );
        // a date in the past means "now"
        assert_eq!(
            parse_retry_after(
                &HeaderValue::from_static("Wed, 21 Oct 2015 07:00:00 GMT"),
                now
            ),
            Some(Duration::ZERO)
        );
        assert_eq!(
            parse_retry_after(&HeaderValue::from_static("soon"), now),
            None
        );
        assert_eq!(
            parse_retry_after(&HeaderValue::from_static("-1"), now),
            None
        );
    }

    #[test]
    fn retry_after_is_clamped() {
        let p = RetryPolicy::default();
        assert_eq!(
            p.delay(1, Some(Duration::from_secs(86_400))),
            Duration::from_secs(60)
        );
        assert_eq!(
            p.delay(1, Some(Duration::from_secs(2))),
            Duration::from_secs(2)
        );
    }

    #[test]
    fn backoff_doubles_to_the_cap_and_jitter_stays_below() {
        let p = RetryPolicy::default().without_jitter();
        let d: Vec<_> = (1..=6).map(|n| p.delay(n, None).as_millis()).collect();
        assert_eq!(d, [250, 500, 1000, 2000, 4000, 5000]);
        let j = RetryPolicy::default();
        for n in 1..=40 {
            assert!(j.delay(n, None) <= Duration::from_secs(5));
        }
        // full jitter actually varies
        let samples: std::collections::HashSet<_> = (0..50).map(|_| j.delay(3, None)).collect();
        assert!(samples.len() > 10);
    }

    #[test]
    fn idempotency_and_statuses() {
        assert!(is_idempotent(&Method::GET) && is_idempotent(&Method::PUT));
        assert!(!is_idempotent(&Method::POST) && !is_idempotent(&Method::PATCH));
        for s in [429, 502, 503, 504] {
            assert!(is_retryable_status(StatusCode::from_u16(s).unwrap()));
        }
        for s in [400, 401, 404, 409, 422, 500, 501] {
            assert!(!is_retryable_status(StatusCode::from_u16(s).unwrap()));
        }
    }
}
