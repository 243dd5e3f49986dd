//! REST recipes run for real over HTTP against a stand-in CRM and helpdesk (see `server`),
//! with the example recipes shipped in `recipes/`.

mod crm;
mod faults;
mod helpdesk;
mod server;

use std::path::PathBuf;

use passerelle_connectors::recipe::{Recipe, RecipeOutcome};
use passerelle_vault::settings::{RestAuth, RestSettings};

fn example(name: &str) -> Recipe {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("recipes")
        .join(name);
    Recipe::load(&path).unwrap_or_else(|f| panic!("{name} loads: {f}"))
}

fn settings(base_url: String, auth: RestAuth) -> RestSettings {
    RestSettings {
        base_url,
        auth,
        headers: [("Accept".to_owned(), "application/json".to_owned())].into(),
        probe: Default::default(),
    }
}

/// Each record as (request, id, page, index), the shape most assertions compare.
fn places(outcome: &RecipeOutcome) -> Vec<(usize, Option<&str>, u32, u32)> {
    outcome
        .records
        .iter()
        .map(|r| (r.request, r.id.as_deref(), r.page, r.index))
        .collect()
}

#[test]
fn the_example_recipes_load_and_validate() {
    for name in ["example-crm.json", "example-helpdesk.json"] {
        let recipe = example(name);
        assert_eq!(recipe.validate(), vec![], "{name} has no problem");
        assert_eq!(recipe.requests.len(), 2, "{name} searches two ways");
    }
}

#[test]
fn a_typo_in_a_recipe_file_names_the_field() {
    let failure = Recipe::from_json(
        r#"{"name": "x", "requests": [{"searchBy": "email", "path": "/", "records": "$",
            "pagination": {"type": "pages"}}]}"#,
    )
    .expect_err("an unknown pagination type");
    assert!(
        failure.message.contains("requests[0].pagination"),
        "{failure}"
    );
}
