//! Lists as lazy streams: one page in memory at a time.
//!
//! A client supplies a closure that fetches one page; the helpers here turn
//! it into a `Stream` of items that asks for the next page only when the
//! previous one is used up. They stop on the reported total, on an empty or
//! short page, and return [`Error::Protocol`] (instead of looping forever)
//! when the server sends the same page twice.

use std::future::Future;

use futures::stream::{self, BoxStream, StreamExt, TryStreamExt};

use crate::error::{Error, Result};

/// One page of a list.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Page<T> {
    /// The items of this page.
    pub items: Vec<T>,
    /// The total number of items, if the server reports it.
    pub total_items: Option<u64>,
    /// The total number of pages, if the server reports it.
    pub total_pages: Option<u64>,
    /// A hash of the page's body ([`RawResponse::fingerprint`](crate::RawResponse::fingerprint)),
    /// to recognise a repeated page.
    pub fingerprint: Option<u64>,
}

impl<T> Page<T> {
    /// A page of `items`.
    pub fn new(items: Vec<T>) -> Self {
        Page {
            items,
            total_items: None,
            total_pages: None,
            fingerprint: None,
        }
    }

    /// Sets the total number of items.
    pub fn total_items(mut self, total: Option<u64>) -> Self {
        self.total_items = total;
        self
    }

    /// Sets the total number of pages.
    pub fn total_pages(mut self, total: Option<u64>) -> Self {
        self.total_pages = total;
        self
    }

    /// Sets the body fingerprint.
    pub fn fingerprint(mut self, fingerprint: u64) -> Self {
        self.fingerprint = Some(fingerprint);
        self
    }
}

struct State<F> {
    fetch: F,
    next: u64,
    fetched_items: u64,
    last_fingerprint: Option<u64>,
    done: bool,
}

fn repeated(vendor: &'static str, at: u64) -> Error {
    Error::Protocol {
        vendor,
        message: format!("the server sent the same page again (at {at}); stopped paging").into(),
    }
}

/// Streams the items of an offset/limit list, starting at `offset`.
///
/// `fetch(offset, limit)` fetches one page.
pub fn offset_stream<'a, T, F, Fut>(
    vendor: &'static str,
    offset: u64,
    limit: u64,
    fetch: F,
) -> BoxStream<'a, Result<T>>
where
    T: Send + 'a,
    F: FnMut(u64, u64) -> Fut + Send + 'a,
    Fut: Future<Output = Result<Page<T>>> + Send + 'a,
{
    let limit = limit.max(1);
    let state = State {
        fetch,
        next: offset,
        fetched_items: 0,
        last_fingerprint: None,
        done: false,
    };
    stream::try_unfold(state, move |mut st| async move {
        if st.done {
            return Ok(None);
        }
        let page = (st.fetch)(st.next, limit).await?;
        if page.fingerprint.is_some() && page.fingerprint == st.last_fingerprint {
            return Err(repeated(vendor, st.next));
        }
        st.last_fingerprint = page.fingerprint;
        let n = u64::try_from(page.items.len()).unwrap_or(u64::MAX);
        st.fetched_items = st.fetched_items.saturating_add(n);
        // An offset past u64::MAX cannot be asked for: the list ends there.
        let next = st.next.checked_add(n);
        st.next = next.unwrap_or(u64::MAX);
        st.done = n == 0
            || n < limit
            || next.is_none()
            || page.total_items.is_some_and(|total| st.next >= total);
        Ok(Some((page.items, st)))
    })
    .map_ok(|items| stream::iter(items.into_iter().map(Ok)))
    .try_flatten()
    .boxed()
}

/// Streams the items of a page/pageSize list whose pages are numbered from
/// 1, starting at page `start_page`. The reported totals are absolute: the
/// stream ends after page `total_pages`, or once `page × page_size` reaches
/// `total_items`.
///
/// `fetch(page, page_size)` fetches one page.
pub fn page_stream<'a, T, F, Fut>(
    vendor: &'static str,
    start_page: u64,
    page_size: u64,
    fetch: F,
) -> BoxStream<'a, Result<T>>
where
    T: Send + 'a,
    F: FnMut(u64, u64) -> Fut + Send + 'a,
    Fut: Future<Output = Result<Page<T>>> + Send + 'a,
{
    let page_size = page_size.max(1);
    let state = State {
        fetch,
        next: start_page.max(1),
        fetched_items: 0,
        last_fingerprint: None,
        done: false,
    };
    stream::try_unfold(state, move |mut st| async move {
        if st.done {
            return Ok(None);
        }
        let page_number = st.next;
        let page = (st.fetch)(page_number, page_size).await?;
        if page.fingerprint.is_some() && page.fingerprint == st.last_fingerprint {
            return Err(repeated(vendor, page_number));
        }
        st.last_fingerprint = page.fingerprint;
        let n = u64::try_from(page.items.len()).unwrap_or(u64::MAX);
        st.fetched_items = st.fetched_items.saturating_add(n);
        let next = st.next.checked_add(1);
        st.next = next.unwrap_or(u64::MAX);
        let last_by_pages = page.total_pages.is_some_and(|pages| page_number >= pages);
        let last_by_items = page
            .total_items
            .is_some_and(|total| page_number.saturating_mul(page_size) >= total);
        st.done = n == 0 || n < page_size || next.is_none() || last_by_pages || last_by_items;
        Ok(Some((page.items, st)))
    })
    .map_ok(|items| stream::iter(items.into_iter().map(Ok)))
    .try_flatten()
    .boxed()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicU64, Ordering};

    #[tokio::test]
    async fn offset_stream_is_lazy_and_stops_on_total() {
        let calls = Arc::new(AtomicU64::new(0));
        let c = calls.clone();
        let s = offset_stream("T", 0, 10, move |offset, limit| {
            c.fetch_add(1, Ordering::SeqCst);
            async move {
                let items: Vec<u64> = (offset..(offset + limit).min(25)).collect();
                Ok(Page::new(items).total_items(Some(25)).fingerprint(offset))
            }
        });
        let first: Vec<u64> = s.take(3).try_collect().await.unwrap();
        assert_eq!(first, [0, 1, 2]);
        assert_eq!(
            calls.load(Ordering::SeqCst),
            1,
            "only one page fetched for 3 items"
        );
        let c2 = Arc::new(AtomicU64::new(0));
        let c3 = c2.clone();
        let all: Vec<u64> = offset_stream("T", 0, 10, move |offset, limit| {
            c3.fetch_add(1, Ordering::SeqCst);
            async move {
                let items: Vec<u64> = (offset..(offset + limit).min(30)).collect();
                Ok(Page::new(items).total_items(Some(30)))
            }
        })
        .try_collect()
        .await
        .unwrap();
        assert_eq!(all.len(), 30);
        assert_eq!(
            c2.load(Ordering::SeqCst),
            3,
            "stops on the total without an extra request"
        );
    }

    #[tokio::test]
    async fn offset_stream_stops_on_empty_page_without_total() {
        let all: Vec<u64> = offset_stream("T", 0, 5, |offset, _| async move {
            let items: Vec<u64> = if offset < 10 {
                (offset..offset + 5).collect()
            } else {
                vec![]
            };
            Ok(Page::new(items))
        })
        .try_collect()
        .await
        .unwrap();
        assert_eq!(all.len(), 10);
    }

    #[tokio::test]
    async fn repeated_page_is_an_error_not_a_loop() {
        let err = offset_stream("T", 0, 2, |_, _| async {
            Ok(Page::new(vec![1, 2]).fingerprint(42))
        })
        .try_collect::<Vec<u32>>()
        .await
        .unwrap_err();
        assert!(matches!(err, Error::Protocol { .. }), "{err:?}");
    }

    #[tokio::test]
    async fn page_stream_uses_total_pages_and_propagates_errors() {
        let all: Vec<u64> = page_stream("T", 1, 3, |page, size| async move {
            let start = (page - 1) * size;
            Ok(Page::new((start..start + size).collect()).total_pages(Some(3)))
        })
        .try_collect()
        .await
        .unwrap();
        assert_eq!(all.len(), 9);
        // starting at page 2 of 3: two pages, no request for page 4
        let asked = Arc::new(std::sync::Mutex::new(Vec::new()));
        let a = asked.clone();
        let from_two: Vec<u64> = page_stream("T", 2, 3, move |page, size| {
            a.lock().unwrap().push(page);
            async move {
                let start = (page - 1) * size;
                Ok(Page::new((start..start + size).collect())
                    .total_pages(Some(3))
                    .total_items(Some(9)))
            }
        })
        .try_collect()
        .await
        .unwrap();
        assert_eq!(from_two, (3..9).collect::<Vec<_>>());
        assert_eq!(*asked.lock().unwrap(), [2, 3]);
        let mut s = page_stream::<u64, _, _>("T", 1, 3, |page, _| async move {
            if page == 1 {
                Ok(Page::new(vec![1, 2, 3]))
            } else {
                Err(Error::invalid_input("x", "boom"))
            }
        });
        let mut got = Vec::new();
        while let Some(item) = s.next().await {
            match item {
                Ok(v) => got.push(v),
                Err(_) => break,
            }
        }
        assert_eq!(got, [1, 2, 3]);
    }
}
