//! Paged and bare-array lists, the query format and the concurrent stream of all pages.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::{RawQuery, State};
use axum::routing::get;
use axum::{Json, Router};
use futures::TryStreamExt;
use passerelle_dastra::client::{Auth, ClientOptions, ListQuery};
use passerelle_dastra::error::ErrorKind;
use passerelle_dastra::Filter;
use serde_json::{json, Value};

use crate::server::{serve, thing, Counter};
use crate::{client, options, Label, Thing, KEY};

/// A paged collection of `total` things with a delay per page; records the most pages served
/// at once and the page numbers asked for.
#[derive(Clone, Default)]
struct PagedServer {
    total: usize,
    in_flight: Counter,
    most_in_flight: Arc<AtomicUsize>,
    pages: Arc<Mutex<Vec<u32>>>,
    queries: Arc<Mutex<Vec<String>>>,
}

async fn list_things(State(s): State<PagedServer>, RawQuery(raw): RawQuery) -> Json<Value> {
    let raw = raw.unwrap_or_default();
    s.queries.lock().unwrap().push(raw.clone());
    let params: Vec<(String, String)> = url::form_urlencoded::parse(raw.as_bytes())
        .into_owned()
        .collect();
    let param = |k: &str| {
        params
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.clone())
    };
    let page: u32 = param("page").map_or(1, |p| p.parse().unwrap());
    let size: usize = param("size").map_or(20, |s| s.parse().unwrap());

    let now = s.in_flight.next() + 1;
    s.most_in_flight.fetch_max(now, Ordering::SeqCst);
    s.pages.lock().unwrap().push(page);
    tokio::time::sleep(Duration::from_millis(40)).await;
    s.in_flight.done();

    let start = (page as usize - 1) * size;
    let items: Vec<_> = (start..(start + size).min(s.total))
        .map(|i| thing(i as i32))
        .collect();
    Json(json!({"items": items, "total": s.total, "size": size, "page": page}))
}

#[tokio::test]
async fn stream_all_fetches_pages_concurrently_within_the_bound_and_yields_them_in_order() {
    let state = PagedServer {
        total: 2345,
        ..PagedServer::default()
    };
    let app = Router::new()
        .route("/v1/ws/7/Things", get(list_things))
        .with_state(state.clone());
    let server = serve(app).await;
    let client = options(&server.url).max_concurrency(3).build().unwrap();

    let things: Vec<Thing> = client
        .stream_all(ListQuery::new().size(100))
        .try_collect()
        .await
        .expect("all pages");
    let ids: Vec<i32> = things.iter().map(|t| t.id.unwrap()).collect();
    assert_eq!(
        ids,
        (0..2345).collect::<Vec<_>>(),
        "every item once, in page order"
    );

    let mut pages = state.pages.lock().unwrap().clone();
    pages.sort_unstable();
    assert_eq!(
        pages,
        (1..=24).collect::<Vec<_>>(),
        "each of the 24 pages fetched once"
    );
    let most = state.most_in_flight.load(Ordering::SeqCst);
    assert!(
        most <= 3,
        "never more than max_concurrency pages at once, saw {most}"
    );
    assert!(
        most >= 2,
        "pages after the first are fetched concurrently, saw {most}"
    );
}

#[tokio::test]
async fn stream_all_pages_past_500_items_with_the_largest_page_by_default() {
    let state = PagedServer {
        total: 1201,
        ..PagedServer::default()
    };
    let app = Router::new()
        .route("/v1/ws/7/Things", get(list_things))
        .with_state(state.clone());
    let server = serve(app).await;

    let count = client(&server.url)
        .stream_all::<Thing>(ListQuery::new())
        .try_fold(0, |n, _| async move { Ok(n + 1) })
        .await
        .expect("all pages");
    assert_eq!(count, 1201, "every item");
    assert!(
        state
            .queries
            .lock()
            .unwrap()
            .iter()
            .all(|q| q.contains("size=500")),
        "pages of 500"
    );
}

#[tokio::test]
async fn a_list_query_sends_paging_sorting_search_filters_and_repeated_keys() {
    let state = PagedServer {
        total: 3,
        ..PagedServer::default()
    };
    let app = Router::new()
        .route("/v1/ws/7/Things", get(list_things))
        .with_state(state.clone());
    let server = serve(app).await;

    let filter = Filter::or([
        Filter::equal("state", "Open"),
        Filter::equal("label", "a&b=c"),
    ]);
    let query = ListQuery::new()
        .page(1)
        .size(50)
        .sort_by("label")
        .asc(true)
        .q("dupont & fils")
        .filter(filter.clone())
        .param("states", "Open")
        .param("states", "Closed");
    let page = client(&server.url)
        .list::<Thing>(&query)
        .await
        .expect("a page");
    assert_eq!(
        (page.total, page.items.len(), page.page),
        (3, 3, 1),
        "the envelope is read"
    );

    let raw = state.queries.lock().unwrap()[0].clone();
    let params: Vec<(String, String)> = url::form_urlencoded::parse(raw.as_bytes())
        .into_owned()
        .collect();
    let get = |k: &str| {
        params
            .iter()
            .filter(|(key, _)| key == k)
            .map(|(_, v)| v.as_str())
            .collect::<Vec<_>>()
    };
    assert_eq!(get("sortBy"), ["label"]);
    assert_eq!(get("asc"), ["true"]);
    assert_eq!(
        get("q"),
        ["dupont & fils"],
        "special characters survive encoding"
    );
    assert_eq!(
        get("states"),
        ["Open", "Closed"],
        "typed lists are repeated keys"
    );
    let sent: Filter = serde_json::from_str(get("filters")[0]).expect("filters is JSON");
    assert_eq!(sent, filter, "the filter arrives intact");
}

#[tokio::test]
async fn a_page_size_over_500_is_refused_before_anything_is_sent() {
    let state = PagedServer {
        total: 3,
        ..PagedServer::default()
    };
    let app = Router::new()
        .route("/v1/ws/7/Things", get(list_things))
        .with_state(state.clone());
    let server = serve(app).await;

    let err = client(&server.url)
        .list::<Thing>(&ListQuery::new().size(501))
        .await
        .expect_err("too big");
    assert_eq!(err.kind(), ErrorKind::InvalidInput, "{err}");
    assert!(
        state.queries.lock().unwrap().is_empty(),
        "no request was made"
    );
}

#[tokio::test]
async fn a_bare_array_collection_lists_and_streams_every_item() {
    let app = Router::new().route(
        "/v1/ws/7/Labels",
        get(|| async { Json(json!([{"id": 1}, {"id": 2}, {"id": 3}])) }),
    );
    let server = serve(app).await;
    let client = client(&server.url);

    let page = client
        .list::<Label>(&ListQuery::new())
        .await
        .expect("a list");
    assert_eq!(
        (page.total, page.items.len()),
        (3, 3),
        "all items in one page"
    );
    let all: Vec<Label> = client
        .stream_all(ListQuery::new())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(all, page.items, "the stream yields the same items");
}

#[test]
fn the_stream_of_all_pages_can_be_moved_to_another_task() {
    fn assert_spawnable<T: Send + 'static>(_: &T) {}
    let client = ClientOptions::new("http://127.0.0.1:9", Auth::api_key(KEY)).workspace(7);
    let stream = client
        .build()
        .unwrap()
        .stream_all::<Thing>(ListQuery::new());
    assert_spawnable(&stream);
}
