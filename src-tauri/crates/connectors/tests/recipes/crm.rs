//! The CRM example recipe: numbered pages by email, a path lookup by phone, an API key.

use passerelle_connectors::recipe::{run_recipe, Pagination, RecipeOptions, RecipeValues};
use passerelle_connectors::FailureCode;
use passerelle_vault::settings::{RestAuth, RestSettings};
use passerelle_vault::Secret;

use crate::server::{start_server, Api, CRM_KEY, ELODIE, ELODIE_PHONE};
use crate::{places, settings};

fn crm(api: &Api) -> RestSettings {
    let auth = RestAuth::ApiKeyHeader {
        header: "X-API-Key".into(),
    };
    settings(format!("{}/crm/api", api.url()), auth)
}

/// The example with pages of two records, so that Élodie's five contacts span three pages.
fn small_pages() -> passerelle_connectors::recipe::Recipe {
    let mut recipe = crate::example("example-crm.json");
    let Pagination::PageNumber { size, .. } = &mut recipe.requests[0].pagination else {
        panic!("the example pages by number")
    };
    *size = 2;
    recipe
}

fn elodie() -> RecipeValues {
    RecipeValues::new()
        .with("email", ELODIE)
        .with("phone", ELODIE_PHONE)
}

#[tokio::test]
async fn the_crm_is_searched_by_email_over_numbered_pages_and_by_phone_in_the_path() {
    let api = start_server().await;
    let key = Secret::new(CRM_KEY);
    let outcome = run_recipe(
        &crm(&api),
        Some(&key),
        &small_pages(),
        &elodie(),
        &RecipeOptions::default(),
    )
    .await
    .expect("the recipe runs");

    assert_eq!(
        places(&outcome),
        [
            (0, Some("C-101"), 1, 0),
            (0, Some("C-102"), 1, 1),
            (0, Some("C-104"), 2, 0),
            (0, Some("C-105"), 2, 1),
            (0, Some("C-106"), 3, 0),
            (1, Some("C-102"), 1, 0),
        ],
        "five contacts by email over three pages, one by phone"
    );
    assert_eq!(outcome.requests_sent, 4, "three pages and one lookup");
    assert!(!outcome.capped && outcome.issues.is_empty(), "{outcome:#?}");

    let by_email = &outcome.records[1];
    assert_eq!(by_email.searched_by, "email");
    assert_eq!(
        by_email.fields,
        [
            ("email".to_owned(), ELODIE.to_owned()),
            ("firstName".to_owned(), "Elodie".to_owned()),
            ("lastName".to_owned(), "Dupont".to_owned()),
            ("phone".to_owned(), ELODIE_PHONE.to_owned()),
            ("company".to_owned(), "Dupont SARL".to_owned()),
        ],
        "the recipe's fields, in its order"
    );
    let by_phone = &outcome.records[5];
    assert_eq!(by_phone.searched_by, "phone");
    let labels: Vec<&str> = by_phone.fields.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(
        labels,
        [
            "id",
            "email",
            "name.first",
            "name.last",
            "phones[0].number",
            "company.name"
        ],
        "without fields, every scalar flattened, nulls left out"
    );

    let seen = api.seen();
    assert!(
        seen.contains(&"GET /crm/api/v1/contacts/by-phone/%2B33612345678".to_owned()),
        "the + is percent-encoded in the path: {seen:#?}"
    );
    assert!(
        seen.contains(
            &"GET /crm/api/v1/contacts?email=elodie.dupont%40example.fr&page=3&per_page=2"
                .to_owned()
        ),
        "the value and the page go in the query: {seen:#?}"
    );
}

#[tokio::test]
async fn the_urls_in_records_hold_the_path_template_and_no_searched_value() {
    let api = start_server().await;
    let key = Secret::new(CRM_KEY);
    let outcome = run_recipe(
        &crm(&api),
        Some(&key),
        &small_pages(),
        &elodie(),
        &RecipeOptions::default(),
    )
    .await
    .expect("the recipe runs");

    let base = format!("{}/crm/api", api.url());
    for record in &outcome.records {
        let template = if record.request == 0 {
            format!("{base}/v1/contacts")
        } else {
            format!("{base}/v1/contacts/by-phone/{{phone}}")
        };
        assert_eq!(record.url, template, "the template, never the value");
        for value in [ELODIE, "elodie", "33612345678", "%2B", "?"] {
            assert!(
                !record.url.contains(value),
                "{value} is not in {}",
                record.url
            );
        }
    }
}

#[tokio::test]
async fn max_records_caps_a_search_and_says_so() {
    let api = start_server().await;
    let mut recipe = small_pages();
    recipe.requests[0].max_records = 3;
    let key = Secret::new(CRM_KEY);
    let values = RecipeValues::new().with("email", ELODIE);
    let outcome = run_recipe(
        &crm(&api),
        Some(&key),
        &recipe,
        &values,
        &RecipeOptions::default(),
    )
    .await
    .expect("the recipe runs");

    assert_eq!(
        places(&outcome),
        [
            (0, Some("C-101"), 1, 0),
            (0, Some("C-102"), 1, 1),
            (0, Some("C-104"), 2, 0)
        ],
        "three records, the third from page two"
    );
    assert!(outcome.capped, "the cap stopped a search with more to read");
    assert_eq!(
        outcome.requests_sent, 2,
        "the third page is never asked for"
    );
}

#[tokio::test]
async fn max_pages_caps_a_search_and_says_so() {
    let api = start_server().await;
    let mut recipe = small_pages();
    recipe.requests[0].max_pages = 1;
    let key = Secret::new(CRM_KEY);
    let values = RecipeValues::new().with("email", ELODIE);
    let outcome = run_recipe(
        &crm(&api),
        Some(&key),
        &recipe,
        &values,
        &RecipeOptions::default(),
    )
    .await
    .expect("the recipe runs");
    assert_eq!(
        places(&outcome),
        [(0, Some("C-101"), 1, 0), (0, Some("C-102"), 1, 1)]
    );
    assert!(outcome.capped, "a second page was there");
}

#[tokio::test]
async fn a_wrong_api_key_stops_the_run_as_wrong_credentials() {
    let api = start_server().await;
    let wrong = Secret::new("wrong-key-marker");
    let failure = run_recipe(
        &crm(&api),
        Some(&wrong),
        &small_pages(),
        &elodie(),
        &RecipeOptions::default(),
    )
    .await
    .expect_err("the key is refused");
    assert_eq!(failure.code, FailureCode::WrongCredentials, "{failure}");
    let text = format!("{failure} {:?}", failure.detail);
    assert!(!text.contains("wrong-key-marker"), "no secret in {text}");
    assert!(!text.contains(ELODIE), "no searched value in {text}");
    assert_eq!(api.seen().len(), 1, "the run stopped at the first refusal");
}

#[tokio::test]
async fn a_phone_nobody_has_is_no_record_when_404_means_none() {
    let api = start_server().await;
    let key = Secret::new(CRM_KEY);
    let values = RecipeValues::new().with("phone", "+33100000000");
    let outcome = run_recipe(
        &crm(&api),
        Some(&key),
        &small_pages(),
        &values,
        &RecipeOptions::default(),
    )
    .await
    .expect("the recipe runs");
    assert_eq!(places(&outcome), [], "no record, and no issue");
    assert!(outcome.issues.is_empty(), "{:#?}", outcome.issues);
}

#[tokio::test]
async fn a_missing_api_key_is_secret_missing() {
    let api = start_server().await;
    let failure = run_recipe(
        &crm(&api),
        None,
        &small_pages(),
        &elodie(),
        &RecipeOptions::default(),
    )
    .await
    .expect_err("no key");
    assert_eq!(failure.code, FailureCode::SecretMissing, "{failure}");
    assert!(api.seen().is_empty(), "nothing was sent");
}
