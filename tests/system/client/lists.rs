//! Paging past the 500-item page limit, and `filters` evaluated by the server exactly as a
//! local evaluation of the same rule says.

use std::collections::HashSet;

use futures::TryStreamExt;
use passerelle_dastra::client::ListQuery;
use passerelle_dastra::models::{AssetDto, DataSubjectRequestDto};
use passerelle_dastra::{ErrorKind, Filter, Operator};
use passerelle_sandbox::{SandboxOptions, SeedOptions};
use passerelle_tests::{client, client_options, options, start_sandbox, ws_path, Api};
use reqwest::Method;
use serde_json::{json, Value};

const ASSETS: usize = 1_234;

fn many_assets() -> SandboxOptions {
    let mut options = options();
    options.seed = SeedOptions {
        assets: ASSETS,
        ..options.seed
    };
    options
}

fn ids(assets: &[AssetDto]) -> Vec<i32> {
    assets
        .iter()
        .map(|a| a.id.expect("a stored asset has an id"))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_of_500_cover_1234_assets_and_the_stream_yields_each_once_in_order() {
    let sandbox = start_sandbox(many_assets()).await;
    let client = client(&sandbox);

    let mut paged = Vec::new();
    for (page, expected) in [(1, 500), (2, 500), (3, 234)] {
        let query = ListQuery::new().page(page).size(500);
        let got = client.list::<AssetDto>(&query).await.expect("a page");
        assert_eq!(got.total, ASSETS as u64, "page {page} reports the total");
        assert_eq!(
            (got.page, got.size),
            (page, 500),
            "page {page} echoes its paging"
        );
        assert_eq!(
            got.items.len(),
            expected,
            "page {page} holds {expected} assets"
        );
        paged.extend(got.items);
    }
    let beyond = client
        .list::<AssetDto>(&ListQuery::new().page(4).size(500))
        .await
        .expect("a page past the end is not an error");
    assert!(beyond.items.is_empty(), "page 4 is empty");

    let streamed: Vec<AssetDto> = client
        .stream_all::<AssetDto>(ListQuery::new())
        .try_collect()
        .await
        .expect("every page streams");
    let streamed_ids = ids(&streamed);
    let unique: HashSet<i32> = streamed_ids.iter().copied().collect();
    assert_eq!(streamed.len(), ASSETS, "the stream yields the total");
    assert_eq!(unique.len(), ASSETS, "no asset twice");
    assert_eq!(streamed_ids, ids(&paged), "the stream keeps page order");

    // Smaller pages, several in flight at once, must give the very same sequence.
    let small: Vec<AssetDto> = client_options(&sandbox)
        .max_concurrency(5)
        .build()
        .expect("a client")
        .stream_all::<AssetDto>(ListQuery::new().size(97))
        .try_collect()
        .await
        .expect("every small page streams");
    assert_eq!(
        ids(&small),
        streamed_ids,
        "13 pages of 97, 5 at a time, same order"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_page_over_500_is_refused_by_the_client_and_by_the_server() {
    let sandbox = start_sandbox(options()).await;
    let err = client(&sandbox)
        .list::<AssetDto>(&ListQuery::new().size(501))
        .await
        .expect_err("501 is over the limit");
    assert_eq!(
        err.kind(),
        ErrorKind::InvalidInput,
        "refused before sending: {err}"
    );

    let reply = Api::new(&sandbox)
        .send(
            Method::GET,
            &ws_path("Assets?size=501"),
            passerelle_tests::Payload::None,
        )
        .await;
    assert_eq!(
        reply.status, 400,
        "the server refuses it too, like Dastra's contract says"
    );
    assert!(
        reply.value()["errors"]["size"].is_array(),
        "the error names the size parameter: {}",
        reply.value()
    );
}

/// Lowercase without accents, as the server compares text.
fn fold(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            'à' | 'â' | 'ä' | 'À' | 'Â' | 'Ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => 'e',
            'î' | 'ï' | 'Î' | 'Ï' => 'i',
            'ô' | 'ö' | 'Ô' | 'Ö' => 'o',
            'ù' | 'û' | 'ü' | 'Ù' | 'Û' | 'Ü' => 'u',
            'ç' | 'Ç' => 'c',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

fn text_contains(value: &Value, needle: &str) -> bool {
    value
        .as_str()
        .is_some_and(|s| fold(s).contains(&fold(needle)))
}

/// One filter and what it must select, evaluated here on the records as the server sends
/// them.
struct Case {
    name: &'static str,
    filter: Filter,
    expect: Box<dyn Fn(&Value) -> bool>,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn asset_filters_select_exactly_what_a_local_evaluation_selects() {
    let sandbox = start_sandbox(options()).await;
    let client = client(&sandbox);
    let all = Api::new(&sandbox).all_pages(&ws_path("Assets")).await;
    let tag = all
        .iter()
        .find_map(|a| a["tags"].get(0).map(|t| t["id"].clone()))
        .expect("some seeded asset has a tag");

    let tag_for_rule = tag.clone();
    let cases = vec![
        Case {
            name: "equal",
            filter: Filter::equal("type", "Software"),
            expect: Box::new(|a| a["type"] == "Software"),
        },
        Case {
            name: "in",
            filter: Filter::rule("applicationType", Operator::In, json!(["Saas", "WebApp"])),
            expect: Box::new(|a| {
                a["applicationType"] == "Saas" || a["applicationType"] == "WebApp"
            }),
        },
        Case {
            name: "contains, ignoring case and accents",
            filter: Filter::rule("description", Operator::Contains, "EDITE PAR"),
            expect: Box::new(|a| text_contains(&a["description"], "edite par")),
        },
        Case {
            name: "isNull, absent fields included",
            filter: Filter::rule("hostingType", Operator::IsNull, Value::Null),
            expect: Box::new(|a| a["hostingType"].is_null()),
        },
        Case {
            name: "equal through an array (tags.id)",
            filter: Filter::equal("tags.id", tag_for_rule),
            expect: Box::new(move |a| {
                a["tags"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .any(|t| t["id"] == tag)
            }),
        },
        Case {
            name: "And of an Or group",
            filter: Filter::and([
                Filter::equal("type", "Software"),
                Filter::or([
                    Filter::equal("hostingType", "OutSourced"),
                    Filter::rule("description", Operator::Contains, "interne"),
                ]),
            ]),
            expect: Box::new(|a| {
                a["type"] == "Software"
                    && (a["hostingType"] == "OutSourced"
                        || text_contains(&a["description"], "interne"))
            }),
        },
        Case {
            name: "Or of an And group with notEqual",
            filter: Filter::or([
                Filter::and([
                    Filter::rule("type", Operator::NotEqual, "Software"),
                    Filter::rule("city", Operator::IsNull, Value::Null),
                ]),
                Filter::equal("applicationState", "Stopped"),
            ]),
            expect: Box::new(|a| {
                (a["type"] != "Software" && a["city"].is_null())
                    || a["applicationState"] == "Stopped"
            }),
        },
    ];

    for case in cases {
        let mut expected: Vec<i64> = all
            .iter()
            .filter(|a| (case.expect)(a))
            .filter_map(|a| a["id"].as_i64())
            .collect();
        assert!(
            !expected.is_empty() && expected.len() < all.len(),
            "{}: the seed makes this filter meaningful (selects {} of {})",
            case.name,
            expected.len(),
            all.len()
        );

        // Small pages, so that filtering and paging are exercised together.
        let query = ListQuery::new().size(25).filter(case.filter.clone());
        let found: Vec<AssetDto> = client
            .stream_all(query)
            .try_collect()
            .await
            .unwrap_or_else(|e| panic!("{}: the filtered list streams: {e}", case.name));
        let mut got: Vec<i64> = found.iter().filter_map(|a| a.id.map(i64::from)).collect();
        got.sort_unstable();
        expected.sort_unstable();
        assert_eq!(
            got,
            expected,
            "{}: {}",
            case.name,
            case.filter.to_query_value()
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn request_filters_on_states_and_purposes_match_a_local_evaluation() {
    let sandbox = start_sandbox(options()).await;
    let client = client(&sandbox);
    let all = Api::new(&sandbox)
        .all_pages(&ws_path("DataSubjectRequests"))
        .await;
    let state = all[0]["state"].clone();
    let purpose = all[0]["purposes"][0].clone();

    let filter = Filter::or([
        Filter::and([
            Filter::rule("state", Operator::In, json!([state.clone()])),
            Filter::rule("purposes", Operator::Contains, purpose.clone()),
        ]),
        Filter::rule("email", Operator::IsNull, Value::Null),
    ]);
    let mut expected: Vec<i64> = all
        .iter()
        .filter(|r| {
            let has_purpose = r["purposes"]
                .as_array()
                .is_some_and(|p| p.contains(&purpose));
            (r["state"] == state && has_purpose) || r["email"].is_null()
        })
        .filter_map(|r| r["id"].as_i64())
        .collect();
    assert!(
        !expected.is_empty(),
        "the first request matches its own state and purpose"
    );

    let found: Vec<DataSubjectRequestDto> = client
        .stream_all(ListQuery::new().size(10).filter(filter))
        .try_collect()
        .await
        .expect("the filtered requests stream");
    let mut got: Vec<i64> = found.iter().filter_map(|r| r.id.map(i64::from)).collect();
    got.sort_unstable();
    expected.sort_unstable();
    assert_eq!(
        got, expected,
        "state in [{state}] and purposes contains {purpose}, or no email"
    );
}
