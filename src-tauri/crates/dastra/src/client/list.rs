//! Lists: one page at a time, or every page as a stream.
//!
//! Paged collections take `page` (1-based), `size` (at most 500), `sortBy`, `asc`, `q`, `filters`
//! (a [`Filter`] as JSON, URL-encoded) and typed shortcut parameters passed as repeated keys
//! (`states=Open&states=Closed`), and answer `{items, total, size, page}`. Bare-array
//! collections ([`ListShape::BareArray`]) answer every item at once.
//!
//! [`DastraClient::stream_all`] reads page 1, learns the total, then fetches the remaining pages
//! concurrently — at most [`DastraClient::max_concurrency`] at a time — and yields items in page
//! order. At most that many pages are held in memory. Like any offset paging, a walk over a
//! collection that changes meanwhile may skip or repeat records.

use futures::stream::{self, Stream, StreamExt};
use reqwest::Method;
use serde::{Deserialize, Serialize};

use super::send::Call;
use super::DastraClient;
use crate::error::{Error, Result};
use crate::filter::Filter;
use crate::resource::{ListShape, Resource};

/// The largest page Dastra serves.
pub const MAX_PAGE_SIZE: u32 = 500;

/// One page of a list, as Dastra's `XxxPagedList` envelope.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page<R> {
    /// The records of this page.
    pub items: Vec<R>,
    /// Records in the whole (filtered) list.
    pub total: u64,
    /// The page size the server applied.
    #[serde(default)]
    pub size: u32,
    /// This page's number, from 1.
    #[serde(default)]
    pub page: u32,
}

impl<R> Page<R> {
    /// How many pages the whole list spans at this page's size (at least 1).
    pub fn page_count(&self) -> u64 {
        page_count(self.total, self.size)
    }
}

/// What to list: paging, sorting, search, filters and typed parameters. Unset parts are not
/// sent, so the server's defaults apply (page 1, 20 items).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ListQuery {
    page: Option<u32>,
    size: Option<u32>,
    sort_by: Option<String>,
    asc: Option<bool>,
    q: Option<String>,
    filter: Option<Filter>,
    params: Vec<(String, String)>,
}

impl ListQuery {
    /// An empty query.
    pub fn new() -> Self {
        ListQuery::default()
    }

    /// The page to fetch, from 1.
    pub fn page(mut self, page: u32) -> Self {
        self.page = Some(page);
        self
    }

    /// Items per page, 1 to [`MAX_PAGE_SIZE`] (checked when the query is sent).
    pub fn size(mut self, size: u32) -> Self {
        self.size = Some(size);
        self
    }

    /// The property to sort on, as Dastra names it (`dateCreation`).
    pub fn sort_by(mut self, field: impl Into<String>) -> Self {
        self.sort_by = Some(field.into());
        self
    }

    /// Ascending (`true`) or descending order.
    pub fn asc(mut self, ascending: bool) -> Self {
        self.asc = Some(ascending);
        self
    }

    /// Full-text search.
    pub fn q(mut self, text: impl Into<String>) -> Self {
        self.q = Some(text.into());
        self
    }

    /// The `filters` rule.
    pub fn filter(mut self, filter: Filter) -> Self {
        self.filter = Some(filter);
        self
    }

    /// One more typed parameter; call again with the same key for a list
    /// (`.param("states", "Open").param("states", "Closed")`).
    pub fn param(mut self, key: impl Into<String>, value: impl ToString) -> Self {
        self.params.push((key.into(), value.to_string()));
        self
    }

    /// The page number set, if any.
    pub fn page_number(&self) -> Option<u32> {
        self.page
    }

    /// The page size set, if any.
    pub fn page_size(&self) -> Option<u32> {
        self.size
    }

    /// The query as key/value pairs, in a stable order, after checking page and size.
    ///
    /// Errors: [`Error::PageNumber`] for page 0, [`Error::PageSize`] for a size of 0 or over 500.
    pub fn to_pairs(&self) -> Result<Vec<(String, String)>> {
        if let Some(page) = self.page.filter(|p| *p == 0) {
            return Err(Error::PageNumber { page });
        }
        if let Some(size) = self.size.filter(|s| *s == 0 || *s > MAX_PAGE_SIZE) {
            return Err(Error::PageSize { size });
        }

        let mut pairs = Vec::new();
        let mut push = |key: &str, value: Option<String>| {
            if let Some(value) = value {
                pairs.push((key.to_owned(), value));
            }
        };
        push("page", self.page.map(|p| p.to_string()));
        push("size", self.size.map(|s| s.to_string()));
        push("sortBy", self.sort_by.clone());
        push("asc", self.asc.map(|a| a.to_string()));
        push("q", self.q.clone());
        push("filters", self.filter.as_ref().map(Filter::to_query_value));
        pairs.extend(self.params.iter().cloned());
        Ok(pairs)
    }
}

impl DastraClient {
    /// `GET /{Collection}` with `query`: one page. For a bare-array collection, every item, in
    /// a page with `total` and `size` equal to their number and `page` 1.
    ///
    /// Errors: [`Error::PageNumber`] and [`Error::PageSize`] before sending; the usual HTTP
    /// errors after.
    pub async fn list<R: Resource>(&self, query: &ListQuery) -> Result<Page<R>> {
        let path = self.collection_path::<R>()?;
        let pairs = query.to_pairs()?;
        let call = Call::new(Method::GET, &path).query(&pairs);
        match R::LIST {
            ListShape::Paged => self.call_json(call).await,
            ListShape::BareArray => {
                let items: Vec<R> = self.call_json(call).await?;
                let n = items.len() as u64;
                Ok(Page {
                    items,
                    total: n,
                    size: n as u32,
                    page: 1,
                })
            }
        }
    }

    /// Every record matching `query`, from its page (default 1) to the last, as a stream.
    ///
    /// The page size defaults to [`MAX_PAGE_SIZE`]. Pages after the first are fetched
    /// [`DastraClient::max_concurrency`] at a time; items come out in page order. The stream
    /// ends after the first error, which it yields.
    pub fn stream_all<R: Resource>(
        &self,
        query: ListQuery,
    ) -> impl Stream<Item = Result<R>> + Send {
        let client = self.clone();
        async_stream::try_stream! {
            if R::LIST == ListShape::BareArray {
                for item in client.list::<R>(&query).await?.items {
                    yield item;
                }
            } else {
                let size = query.size.unwrap_or(MAX_PAGE_SIZE);
                let start = query.page.unwrap_or(1);
                let first: Page<R> = client.list(&query.clone().page(start).size(size)).await?;

                // The server may serve fewer items per page than asked; number pages by its size.
                let served = if first.size > 0 { first.size } else { size };
                let last = page_count(first.total, served);
                tracing::debug!(
                    collection = R::COLLECTION, total = first.total, pages = last, "streaming"
                );
                for item in first.items {
                    yield item;
                }

                let mut pages = stream::iter(u64::from(start) + 1..=last)
                    .map(|n| {
                        let client = client.clone();
                        let query = query.clone().page(n as u32).size(served);
                        async move { client.list::<R>(&query).await }
                    })
                    .buffered(client.max_concurrency());
                while let Some(page) = pages.next().await {
                    for item in page?.items {
                        yield item;
                    }
                }
            }
        }
    }
}

/// Pages needed for `total` items at `size` per page (at least 1).
fn page_count(total: u64, size: u32) -> u64 {
    match size {
        0 => 1,
        size => total.div_ceil(u64::from(size)).max(1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filter::Operator;

    #[test]
    fn a_query_sends_only_what_was_set_with_repeated_typed_keys() {
        let query = ListQuery::new()
            .page(2)
            .size(500)
            .sort_by("dateCreation")
            .asc(false)
            .q("dupont")
            .filter(Filter::rule(
                "state",
                Operator::In,
                serde_json::json!(["Open"]),
            ))
            .param("states", "Open")
            .param("states", "Closed");
        let pairs = query.to_pairs().expect("valid");
        let keys: Vec<_> = pairs.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(
            keys,
            ["page", "size", "sortBy", "asc", "q", "filters", "states", "states"]
        );
        assert_eq!(
            pairs[5].1,
            r#"{"field":"state","operator":"in","value":["Open"]}"#
        );
        assert!(
            ListQuery::new().to_pairs().unwrap().is_empty(),
            "nothing set, nothing sent"
        );
    }

    #[test]
    fn page_sizes_over_500_and_page_zero_are_refused_before_sending() {
        let err = ListQuery::new()
            .size(501)
            .to_pairs()
            .expect_err("too large");
        assert_eq!(
            err.to_string(),
            "dastra: page size 501 is out of range: a page holds 1 to 500 items"
        );
        assert!(
            ListQuery::new().size(0).to_pairs().is_err(),
            "an empty page is refused too"
        );
        assert!(
            ListQuery::new().size(500).to_pairs().is_ok(),
            "500 is the maximum, allowed"
        );
        let err = ListQuery::new().page(0).to_pairs().expect_err("page 0");
        assert!(err.to_string().contains("numbered from 1"), "{err}");
    }

    #[test]
    fn page_count_rounds_up_and_is_never_zero() {
        let page = |total, size| Page::<()> {
            items: vec![],
            total,
            size,
            page: 1,
        };
        assert_eq!(page(1001, 500).page_count(), 3);
        assert_eq!(page(1000, 500).page_count(), 2);
        assert_eq!(
            page(0, 500).page_count(),
            1,
            "an empty list still has its first page"
        );
        assert_eq!(
            page(10, 0).page_count(),
            1,
            "a size of zero does not divide by zero"
        );
    }

    #[test]
    fn a_page_decodes_from_the_dastra_envelope() {
        let page: Page<i32> =
            serde_json::from_str(r#"{"items":[1,2],"total":7,"size":2,"page":1}"#).unwrap();
        assert_eq!(
            page,
            Page {
                items: vec![1, 2],
                total: 7,
                size: 2,
                page: 1
            }
        );
    }
}
