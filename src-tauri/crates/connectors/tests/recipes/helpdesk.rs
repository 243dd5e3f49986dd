//! The helpdesk example recipe: a cursor by email and a POST search by full name, with a
//! bearer token.

use passerelle_connectors::recipe::{run_recipe, RecipeOptions, RecipeValues};
use passerelle_vault::settings::{RestAuth, RestSettings};
use passerelle_vault::Secret;
use serde_json::json;

use crate::server::{start_server, Api, ELODIE, HD_CLIENT_SECRET, HD_TOKEN};
use crate::{example, places, settings};

pub fn helpdesk(api: &Api) -> RestSettings {
    settings(format!("{}/hd", api.url()), RestAuth::Bearer)
}

#[tokio::test]
async fn the_helpdesk_tickets_follow_the_cursor_to_the_last_page() {
    let api = start_server().await;
    let token = Secret::new(HD_TOKEN);
    let values = RecipeValues::new().with("email", ELODIE);
    let recipe = example("example-helpdesk.json");
    let outcome = run_recipe(
        &helpdesk(&api),
        Some(&token),
        &recipe,
        &values,
        &RecipeOptions::default(),
    )
    .await
    .expect("the recipe runs");

    assert_eq!(
        places(&outcome),
        [
            (0, Some("501"), 1, 0),
            (0, Some("502"), 1, 1),
            (0, Some("503"), 2, 0),
            (0, Some("504"), 2, 1),
            (0, Some("505"), 3, 0),
        ],
        "five tickets over three cursor pages; no full name, so no user search"
    );
    assert_eq!(
        outcome.records[4].fields,
        [
            ("subject".to_owned(), "Ticket 5".to_owned()),
            ("requester".to_owned(), ELODIE.to_owned()),
            ("createdAt".to_owned(), "2024-03-05".to_owned()),
        ]
    );
    let seen = api.seen();
    assert_eq!(
        seen.last().map(String::as_str),
        Some("GET /hd/tickets?requester=elodie.dupont%40example.fr&limit=2&cursor=after-4"),
        "the cursor of the answer is sent back: {seen:#?}"
    );
    assert_eq!(outcome.requests_sent, 3);
    assert!(!outcome.capped && outcome.issues.is_empty(), "{outcome:#?}");
}

#[tokio::test]
async fn a_post_search_sends_its_body_with_the_value_json_escaped() {
    let api = start_server().await;
    let token = Secret::new(HD_TOKEN);
    let values = RecipeValues::new().with("fullName", "Jean \"JJ\" Dupont");
    let recipe = example("example-helpdesk.json");
    let outcome = run_recipe(
        &helpdesk(&api),
        Some(&token),
        &recipe,
        &values,
        &RecipeOptions::default(),
    )
    .await
    .expect("the recipe runs");

    assert_eq!(places(&outcome), [(1, Some("900"), 1, 0)], "the user found");
    assert_eq!(
        outcome.records[0].fields,
        [
            ("name".to_owned(), "Jean \"JJ\" Dupont".to_owned()),
            ("email".to_owned(), "jj@example.fr".to_owned()),
        ]
    );
    assert_eq!(
        api.bodies(),
        [json!({"query": {"name": "Jean \"JJ\" Dupont"}, "limit": 25})],
        "the body template with the value as a JSON string"
    );
}

#[tokio::test]
async fn an_oauth2_token_is_fetched_once_for_the_whole_run() {
    let api = start_server().await;
    let auth = RestAuth::OAuth2ClientCredentials {
        token_url: format!("{}/oauth/token", api.url()),
        client_id: "passerelle".into(),
        scope: None,
    };
    let settings = settings(format!("{}/hd", api.url()), auth);
    let values = RecipeValues::new()
        .with("email", ELODIE)
        .with("fullName", "Élodie Dupont");
    let recipe = example("example-helpdesk.json");
    let secret = Secret::new(HD_CLIENT_SECRET);
    let outcome = run_recipe(
        &settings,
        Some(&secret),
        &recipe,
        &values,
        &RecipeOptions::default(),
    )
    .await
    .expect("the recipe runs");

    assert_eq!(
        outcome.records.len(),
        6,
        "five tickets and one user: {outcome:#?}"
    );
    assert_eq!(outcome.requests_sent, 4, "three pages and one search");
    let tokens = api
        .seen()
        .iter()
        .filter(|s| s.starts_with("POST /oauth/token"))
        .count();
    assert_eq!(tokens, 1, "one token for four requests: {:#?}", api.seen());
}
