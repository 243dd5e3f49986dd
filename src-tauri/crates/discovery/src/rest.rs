//! An HTTP API source: a recipe run with the subject's identifiers, each returned record
//! matched.
//!
//! The unit of work is one request of the recipe (a search by e-mail, by phone…). A request
//! that fails on its own (an unknown path, an answer that is not JSON) is an issue; a refused
//! key or an unreachable host fails the source.

use passerelle_connectors::recipe::{run_recipe, Recipe, RecipeOptions, RecipeValues};
use passerelle_matching::{normalize, IdentifierKind, IdentitySet};
use passerelle_vault::settings::RestSettings;
use passerelle_vault::Secret;

use crate::finding::{FindingLocation, Issue};
use crate::job::{failure_pair, SourceError, SourceRun};
use crate::record::finding_of;
use crate::store::RunState;

/// The values a recipe searches by, from the identity set: e-mails and phones normalised
/// (E.164), names and identifiers as given.
pub fn recipe_values(identity: &IdentitySet, region: &str) -> RecipeValues {
    let mut values = RecipeValues::new();
    for id in identity.identifiers() {
        let value = id.value.as_str();
        match id.kind {
            IdentifierKind::Email => {
                values.add(
                    "email",
                    normalize::email(value).unwrap_or_else(|| value.into()),
                );
            }
            IdentifierKind::Phone => {
                let e164 = normalize::phone(value, region).map(|p| p.e164);
                values.add("phone", e164.unwrap_or_else(|| value.into()));
            }
            IdentifierKind::FamilyName => values.add("familyName", value),
            IdentifierKind::FullName => values.add("fullName", value),
            IdentifierKind::RefId => values.add("refId", value),
            IdentifierKind::CustomerNumber => values.add("customerNumber", value),
            _ => {}
        }
    }
    values
}

/// Run the recipe one request at a time; see the module's documentation.
pub(crate) async fn scan(
    run: &mut SourceRun,
    settings: &RestSettings,
    secret: Option<&Secret>,
    recipe: &Recipe,
    identity: &IdentitySet,
) -> Result<RunState, SourceError> {
    let values = recipe_values(identity, &run.options.matching.region);
    run.progress.units_total = Some(recipe.requests.len() as u64);
    for (index, request) in recipe.requests.iter().enumerate() {
        if run.cancel.is_cancelled() {
            return Ok(RunState::Cancelled);
        }
        let unit = format!("{}#{index}:{}", recipe.name, request.search_by);
        if run
            .store
            .unit_done(&run.job_id, &run.source_id, &unit)
            .await?
        {
            continue;
        }
        let single = Recipe {
            requests: vec![request.clone()],
            ..recipe.clone()
        };
        let outcome = run_recipe(
            settings,
            secret,
            &single,
            &values,
            &RecipeOptions::default(),
        )
        .await?;

        let mut findings = Vec::new();
        for record in &outcome.records {
            let fields: Vec<(&str, &str)> = record
                .fields
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            if let Some(found) = run.matcher.match_record(&fields) {
                let location = FindingLocation::Api {
                    recipe: recipe.name.clone(),
                    endpoint: record.url.clone(),
                    id: record.id.clone(),
                };
                findings.push(finding_of(&run.source_id, location, &fields, &found));
            }
        }
        let mut issues: Vec<Issue> = outcome
            .issues
            .iter()
            .map(|issue| {
                let (code, message) = failure_pair(&issue.failure);
                Issue {
                    source_id: run.source_id.clone(),
                    unit: unit.clone(),
                    code,
                    message,
                }
            })
            .collect();
        if outcome.capped {
            issues.push(Issue {
                source_id: run.source_id.clone(),
                unit: unit.clone(),
                code: "capped".into(),
                message: format!(
                    "The search {unit} reached its page or record limit: some records may not \
                     have been read. Raise maxPages or maxRecords in the recipe."
                ),
            });
        }
        run.progress.items += outcome.records.len() as u64;
        let (store, job, source) = (run.store.clone(), run.job_id.clone(), run.source_id.clone());
        store
            .complete_unit(&job, &source, &unit, &findings, &issues, &mut run.progress)
            .await?;
        run.report(RunState::Running, None);
    }
    Ok(RunState::Done)
}
