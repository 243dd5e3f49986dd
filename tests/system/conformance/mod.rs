//! The sandbox against Dastra's contract, over real HTTP.
//!
//! The walk sends one valid request for every operation of `passerelle_sandbox::OPERATIONS` and
//! validates each answer against the 200 response schema of the merged contract
//! (`passerelle_dastra::contract`), with the same JSON Schema validator the sandbox uses on
//! request bodies. Together with the rejection test below, this is what lets every client test
//! stand for "the client sends what Dastra accepts": a body the contract refuses gets a 400 from
//! the sandbox, and the client tests would fail on it.

mod walk;

use passerelle_dastra::contract::{self, FieldError};
use passerelle_sandbox::{HEALTH_WORKSPACE, MAIN_WORKSPACE, OPERATIONS};
use passerelle_tests::{roomy_options, start_sandbox, ws_path, Api, Payload, Reply};
use reqwest::Method;
use serde_json::{json, Value};

use self::walk::{plain, Expect, Walk};

/// Field errors, one per line, for a failure message.
fn listed(errors: &[FieldError]) -> String {
    let lines: Vec<String> = errors.iter().map(|e| format!("    {e}")).collect();
    lines.join("\n")
}

fn body_text(reply: &Reply) -> String {
    String::from_utf8_lossy(&reply.bytes)
        .chars()
        .take(600)
        .collect()
}

#[test]
fn every_operation_the_sandbox_implements_is_in_the_contract() {
    let missing: Vec<String> = OPERATIONS
        .iter()
        .filter(|(method, template)| contract::operation(method, template).is_none())
        .map(|(method, template)| format!("{method} {template}"))
        .collect();
    assert!(
        missing.is_empty(),
        "{} of the {} sandbox operations are not in the merged contract (openapi.json + \
         overlay.json), so nothing says what they accept or answer:\n  {}",
        missing.len(),
        OPERATIONS.len(),
        missing.join("\n  ")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_operation_answers_a_valid_request_with_its_documented_response() {
    let sandbox = start_sandbox(roomy_options()).await;
    let mut walk = Walk::new(Api::new(&sandbox));
    let mut failures = Vec::new();
    let mut validated = 0;

    for (method, template) in OPERATIONS {
        let op = contract::operation(method, template);
        let step = walk.plan(method, template).await;
        let name = format!("{method} {template}");

        // A walk that sent invalid bodies would prove nothing: check them first.
        if let (Some(schema), Payload::Json(body)) =
            (op.and_then(contract::request_schema), &step.payload)
        {
            if let Err(errors) = contract::validate_fragment(schema, body) {
                failures.push(format!(
                    "{name}: BUG in the walk, its request breaks the contract:\n{}",
                    listed(&errors)
                ));
                continue;
            }
        }

        let reply = walk
            .api()
            .send(step.method.clone(), &step.path, step.payload)
            .await;
        if !reply.status.is_success() {
            failures.push(format!(
                "{name} ({}): answered {}: {}",
                step.path,
                reply.status,
                body_text(&reply)
            ));
            continue;
        }

        match (&step.expect, op.and_then(contract::response_schema)) {
            (Expect::Bytes(sent), _) => {
                if &reply.bytes != sent {
                    failures.push(format!("{name}: the download differs from the upload"));
                }
            }
            (Expect::Documented, Some(schema)) => match reply.json() {
                Ok(Some(body)) => match contract::validate_fragment(schema, &body) {
                    Ok(()) => validated += 1,
                    Err(errors) => failures.push(format!(
                        "{name}: the answer breaks the documented response schema:\n{}",
                        listed(&errors)
                    )),
                },
                Ok(None) => failures.push(format!("{name}: empty answer, a body is documented")),
                Err(e) => failures.push(format!("{name}: the answer is not JSON: {e}")),
            },
            (Expect::Documented, None) => {
                if let Err(e) = reply.json() {
                    failures.push(format!("{name}: the answer is neither empty nor JSON: {e}"));
                }
            }
        }
    }

    assert!(
        failures.is_empty(),
        "{} of {} operations failed the walk:\n{}",
        failures.len(),
        OPERATIONS.len(),
        failures.join("\n")
    );
    let documented = OPERATIONS
        .iter()
        .filter_map(|(m, t)| contract::operation(m, t))
        .filter(|op| contract::response_schema(op).is_some())
        .count();
    assert_eq!(
        validated, documented,
        "every documented response was validated against its schema"
    );
}

/// What a rejection must say: the field (as the sandbox keys it) and the broken rule, read
/// from the message.
struct Rejection {
    method: Method,
    path: String,
    body: Value,
    /// `(field key, a word the message must contain)`.
    expected: Vec<(&'static str, &'static str)>,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invalid_bodies_are_rejected_with_400_and_the_offending_fields() {
    let sandbox = start_sandbox(roomy_options()).await;
    let api = Api::new(&sandbox);
    let asset = api.get(&ws_path("Assets?size=1")).await["items"][0].clone();
    let asset_path = ws_path(&format!("Assets/{}", plain(&asset["id"])));

    let cases = [
        Rejection {
            method: Method::POST,
            path: ws_path("Assets"),
            body: json!({ "type": "Software", "description": "no label" }),
            expected: vec![("label", "required")],
        },
        Rejection {
            method: Method::POST,
            path: ws_path("Assets"),
            body: json!({ "label": "x".repeat(656), "type": "Spaceship", "countryCode": "FRA" }),
            expected: vec![
                ("label", "at most 655"),
                ("type", "one of"),
                ("countryCode", "at most"),
            ],
        },
        Rejection {
            method: Method::POST,
            path: ws_path("DataSubjectRequests"),
            body: json!({ "title": "Accès", "purposes": ["Teleport"] }),
            expected: vec![
                ("locale", "required"),
                ("areaId", "required"),
                ("purposes[0]", "one of"),
            ],
        },
        Rejection {
            method: Method::POST,
            path: ws_path("Tags"),
            body: json!({ "label": "Urgent", "type": "Galaxy" }),
            expected: vec![("type", "one of")],
        },
        Rejection {
            method: Method::PUT,
            path: asset_path.clone(),
            body: json!({ "label": asset["label"], "type": asset["type"], "notInTheContract": 1 }),
            expected: vec![("$", "does not know")],
        },
        Rejection {
            method: Method::PATCH,
            path: asset_path,
            body: json!([{ "op": "replace", "path": "/type", "value": "Spaceship" }]),
            expected: vec![("type", "one of")],
        },
    ];

    let mut failures = Vec::new();
    for case in cases {
        let name = format!("{} {}", case.method, case.path);
        let reply = api
            .send(case.method, &case.path, Payload::Json(case.body))
            .await;
        let body = reply.value();
        if reply.status != 400 {
            failures.push(format!(
                "{name}: expected 400, got {}: {body}",
                reply.status
            ));
            continue;
        }
        for (field, word) in case.expected {
            let messages = body["errors"][field]
                .as_array()
                .cloned()
                .unwrap_or_default();
            let says = messages
                .iter()
                .any(|m| m.as_str().is_some_and(|m| m.contains(word)));
            if !says {
                failures.push(format!(
                    "{name}: no error on {field} saying {word:?}: {body}"
                ));
            }
        }
    }
    assert!(failures.is_empty(), "rejections:\n{}", failures.join("\n"));

    let untouched = api
        .get(&ws_path(&format!("Assets/{}", plain(&asset["id"]))))
        .await;
    assert_eq!(
        untouched, asset,
        "a rejected PUT or PATCH leaves the record as it was"
    );
}

/// Operations whose answers the seeded-records test does not re-read record by record: counts
/// and downloads, exercised by the walk.
fn reads_records(template: &str) -> bool {
    !(template.contains("/count") || template.contains("/download/"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_seeded_record_follows_its_documented_response_schema() {
    let sandbox = start_sandbox(roomy_options()).await;
    let api = Api::new(&sandbox);
    let mut failures = Vec::new();
    let mut records = 0usize;

    let gets: Vec<&str> = OPERATIONS
        .iter()
        .filter(|(m, t)| *m == "GET" && reads_records(t))
        .map(|(_, t)| *t)
        .collect();
    let mut check = |what: String, template: &str, body: &Value| {
        let op = contract::operation("GET", template);
        let Some(schema) = op.and_then(contract::response_schema) else {
            return;
        };
        if let Err(errors) = contract::validate_fragment(schema, body) {
            failures.push(format!("{what}:\n{}", listed(&errors)));
        }
    };

    // Organisation-wide lists and their records.
    for template in gets.iter().filter(|t| !t.starts_with("/v1/ws/")) {
        if template.contains('{') {
            continue;
        }
        let body = api.get(template).await;
        check(format!("GET {template}"), template, &body);
    }
    for user in api.all_pages("/v1/TenantUsers").await {
        let path = format!("/v1/TenantUsers/{}", plain(&user["id"]));
        check(path.clone(), "/v1/TenantUsers/{id}", &api.get(&path).await);
        records += 1;
    }
    for ws in [MAIN_WORKSPACE, HEALTH_WORKSPACE] {
        let path = format!("/v1/WorkSpaces/{ws}");
        check(path.clone(), "/v1/WorkSpaces/{id}", &api.get(&path).await);
    }

    // Every workspace list, every page, archived records included; then every record alone.
    for ws in [MAIN_WORKSPACE, HEALTH_WORKSPACE] {
        let prefix = format!("/v1/ws/{ws}");
        for template in &gets {
            let Some(rest) = template.strip_prefix("/v1/ws/{workspaceId}/") else {
                continue;
            };
            if rest.contains('{') {
                continue;
            }
            for archived in ["false", "true"] {
                let path = format!("{prefix}/{rest}?archived={archived}");
                let items = list_and_check(&api, &path, template, &mut check).await;
                records += items.len();
                for item in items {
                    reread(&api, &prefix, rest, &item, &gets, &mut check).await;
                }
            }
        }
        for kind in ["DataSubject", "DataBreach", "Task", "DataProcessing"] {
            let path = format!("{prefix}/Workflows/{kind}");
            let template = "/v1/ws/{workspaceId}/Workflows/{type}";
            check(path.clone(), template, &api.get(&path).await);
        }
    }

    assert!(
        records > 500,
        "the walk covered the seed (both workspaces, archived included): {records} records"
    );
    assert!(
        failures.is_empty(),
        "{} seeded answers break the contract:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Fetch every page of a list (or the bare array), validate each answer as a whole against
/// the list's response schema, and return the items.
async fn list_and_check(
    api: &Api,
    path: &str,
    template: &str,
    check: &mut impl FnMut(String, &str, &Value),
) -> Vec<Value> {
    let mut items = Vec::new();
    for page in 1.. {
        let body = api.get(&format!("{path}&page={page}&size=500")).await;
        check(format!("GET {path} page {page}"), template, &body);
        let Some(batch) = body.get("items").and_then(Value::as_array) else {
            // A bare array (or the workspace envelope) is the whole list at once.
            return body.as_array().cloned().unwrap_or_default();
        };
        items.extend(batch.iter().cloned());
        let total = body["total"].as_u64().unwrap_or(0) as usize;
        if batch.is_empty() || items.len() >= total {
            return items;
        }
    }
    items
}

/// Re-read one listed record through every single-record GET that takes it.
async fn reread(
    api: &Api,
    prefix: &str,
    collection: &str,
    item: &Value,
    gets: &[&str],
    check: &mut impl FnMut(String, &str, &Value),
) {
    let id = match &item["id"] {
        Value::Null => return,
        id => plain(id),
    };
    let by_id = format!("/v1/ws/{{workspaceId}}/{collection}/{{id}}");
    if gets.iter().any(|t| t.eq_ignore_ascii_case(&by_id)) {
        let path = format!("{prefix}/{collection}/{id}");
        check(path.clone(), &by_id, &api.get(&path).await);
    }
    let nested = match collection {
        "DataSubjectRequests" => "DataSubjectAttachments/{dataSubjectRequestId}",
        "DataProcessings" => "DataProcessingRelationships/{dataProcessingId}",
        _ => return,
    };
    let (owner_rest, _) = nested.split_once('/').expect("a nested route");
    let path = format!("{prefix}/{owner_rest}/{id}");
    let template = format!("/v1/ws/{{workspaceId}}/{nested}");
    check(path.clone(), &template, &api.get(&path).await);
}
