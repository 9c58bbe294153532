//! A refused token, retried once: [`Auth::authorize`] keeps what a `401`
//! needs, [`Auth::reauthorize`] refreshes and resends, and the
//! [`AuthMiddleware`] runs both inside a middleware stack.

use http::StatusCode;
use reqwest_middleware::{Middleware, Next};

use super::{Auth, TokenCache};
use crate::error::Result;

/// The credentials applied to one request, and what is needed to send it
/// once more if the server refuses a token ([`Auth::authorize`]).
pub(crate) struct Authorized {
    used: Vec<(TokenCache, u64)>,
    /// A copy of the request before its credentials, kept only when a token
    /// was used (boxed: most calls carry none, and it sits in every call's
    /// future).
    spare: Option<Box<reqwest::Request>>,
}

impl Authorized {
    /// For a 401: the request to send once more and the tokens to refresh
    /// first, if a token was used (a refused static key is final).
    pub(crate) fn into_retry(self) -> Option<RetryWithNewTokens> {
        match (self.used.is_empty(), self.spare) {
            (false, Some(request)) => Some(RetryWithNewTokens {
                used: self.used,
                request,
            }),
            _ => None,
        }
    }
}

/// A request refused with a 401 and the tokens it carried.
pub(crate) struct RetryWithNewTokens {
    used: Vec<(TokenCache, u64)>,
    request: Box<reqwest::Request>,
}

impl Auth {
    /// Sets the credential headers on `req`.
    pub(crate) async fn authorize(&self, req: &mut reqwest::Request) -> Result<Authorized> {
        let spare = if self.has_dynamic() {
            req.try_clone().map(Box::new)
        } else {
            None
        };
        let used = self.apply(req.headers_mut()).await?;
        Ok(Authorized { used, spare })
    }

    /// Invalidates the refused tokens and returns the request with fresh
    /// credentials, to be sent once more (and not again: the second
    /// answer stands).
    pub(crate) async fn reauthorize(&self, retry: RetryWithNewTokens) -> Result<reqwest::Request> {
        let RetryWithNewTokens { used, request } = retry;
        let mut again = *request;
        for (cache, generation) in used {
            cache.invalidate(generation).await;
        }
        tracing::debug!("token refused with 401: refreshed, retrying once");
        self.apply(again.headers_mut()).await?;
        Ok(again)
    }
}

/// The middleware that applies an [`Auth`] and handles a refused token,
/// innermost in a stack that has user middleware (without any, the
/// transport calls reqwest directly with the same two steps).
pub(crate) struct AuthMiddleware {
    pub(crate) auth: Auth,
}

#[async_trait::async_trait]
impl Middleware for AuthMiddleware {
    async fn handle(
        &self,
        mut req: reqwest::Request,
        extensions: &mut http::Extensions,
        next: Next<'_>,
    ) -> reqwest_middleware::Result<reqwest::Response> {
        // The token fetch counts against the request's time budget.
        let budget = req.timeout().copied();
        let authorized = crate::transport::within("token", budget, self.auth.authorize(&mut req))
            .await
            .map_err(reqwest_middleware::Error::middleware)?;
        let response = next.clone().run(req, extensions).await?;
        if response.status() != StatusCode::UNAUTHORIZED {
            return Ok(response);
        }
        let Some(retry) = authorized.into_retry() else {
            return Ok(response);
        };
        drop(response);
        let again = crate::transport::within("token", budget, self.auth.reauthorize(retry))
            .await
            .map_err(reqwest_middleware::Error::middleware)?;
        next.run(again, extensions).await
    }
}
