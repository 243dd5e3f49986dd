//! [`Recipe::validate`](super::Recipe::validate): every problem, each named by its field.

use serde_json::Value;

use super::selector::Selector;
use super::template::render;
use super::{Pagination, Recipe, RecipeProblem, RecipeRequest, SEARCH_KINDS};

pub(super) fn problems(recipe: &Recipe) -> Vec<RecipeProblem> {
    let mut problems = Problems(Vec::new());
    if recipe.name.trim().is_empty() {
        problems.add(
            "name",
            "Give the recipe a name, such as the tool it searches.",
        );
    }
    if recipe.requests.is_empty() {
        problems.add("requests", "Add at least one request.");
    }
    for (i, request) in recipe.requests.iter().enumerate() {
        check_request(&format!("requests[{i}]"), request, &mut problems);
    }
    problems.0
}

struct Problems(Vec<RecipeProblem>);

impl Problems {
    fn add(&mut self, field: &str, message: impl Into<String>) {
        self.0.push(RecipeProblem {
            field: field.to_owned(),
            message: message.into(),
        });
    }

    fn template(&mut self, field: &str, template: &str, allowed: &[&str]) {
        if let Err(why) = render(template, allowed, "", str::to_owned) {
            self.add(field, format!("In \"{template}\", {why}."));
        }
    }

    fn selector(&mut self, field: &str, path: &str) {
        if let Err(why) = Selector::parse(path) {
            self.add(field, format!("This path into the answer is wrong: {why}."));
        }
    }
}

/// The placeholders a request may use: `{value}` and its own kind (`{email}`).
pub(super) fn allowed(request: &RecipeRequest) -> [&str; 2] {
    ["value", request.search_by.as_str()]
}

fn check_request(at: &str, request: &RecipeRequest, problems: &mut Problems) {
    if !SEARCH_KINDS.contains(&request.search_by.as_str()) {
        problems.add(
            &format!("{at}.searchBy"),
            format!(
                "\"{}\" is not an identifier kind; use one of {}.",
                request.search_by,
                SEARCH_KINDS.join(", ")
            ),
        );
    }
    let allowed = allowed(request);
    check_method(at, request, problems);

    let path = request.path.trim();
    let field = format!("{at}.path");
    if !path.is_empty() && !path.starts_with('/') {
        problems.add(
            &field,
            "Start the path with \"/\"; it is appended to the connection's base URL, which \
             holds the scheme and host.",
        );
    } else if path.contains(['?', '#']) {
        problems.add(
            &field,
            "Put query parameters in \"query\", not in the path.",
        );
    }
    problems.template(&field, path, &allowed);
    for (name, value) in &request.query {
        let field = format!("{at}.query.{name}");
        if name.trim().is_empty() {
            problems.add(&field, "A query parameter needs a name.");
        }
        problems.template(&field, value, &allowed);
    }
    if let Some(body) = &request.body {
        check_body(&format!("{at}.body"), body, &allowed, problems);
    }

    let field = format!("{at}.records");
    if request.records.trim().is_empty() {
        problems.add(
            &field,
            "Say where the records are in the answer (data.items, or $ for a top-level array).",
        );
    } else {
        problems.selector(&field, &request.records);
    }
    if let Some(id) = &request.id {
        problems.selector(&format!("{at}.id"), id);
    }
    for (label, path) in &request.fields {
        let field = format!("{at}.fields.{label}");
        if label.trim().is_empty() {
            problems.add(&field, "A field needs a label.");
        }
        problems.selector(&field, path);
    }
    check_pagination(at, request, problems);
    if request.max_pages == 0 {
        problems.add(&format!("{at}.maxPages"), "Allow at least one page.");
    }
    if request.max_records == 0 {
        problems.add(&format!("{at}.maxRecords"), "Allow at least one record.");
    }
}

fn check_method(at: &str, request: &RecipeRequest, problems: &mut Problems) {
    let field = format!("{at}.method");
    match request.method.as_str() {
        "GET" if request.body.is_some() => problems.add(
            &format!("{at}.body"),
            "A GET request sends no body; remove it, or use POST if the API searches with one.",
        ),
        "GET" => {}
        "POST" if request.body.is_none() => problems.add(
            &format!("{at}.body"),
            "A POST request needs a JSON body template; recipes use POST only for searches.",
        ),
        "POST" => {}
        other => problems.add(
            &field,
            format!("\"{other}\" is not allowed: recipes only read, with GET (or POST to search)."),
        ),
    }
}

fn check_body(at: &str, body: &Value, allowed: &[&str], problems: &mut Problems) {
    match body {
        Value::String(template) => problems.template(at, template, allowed),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                check_body(&format!("{at}[{i}]"), item, allowed, problems);
            }
        }
        Value::Object(map) => {
            for (key, member) in map {
                check_body(&format!("{at}.{key}"), member, allowed, problems);
            }
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}

fn check_pagination(at: &str, request: &RecipeRequest, problems: &mut Problems) {
    let field = format!("{at}.pagination");
    let mut params = Vec::new();
    match &request.pagination {
        Pagination::None => {}
        Pagination::PageNumber {
            param,
            size_param,
            size,
            total,
            ..
        } => {
            params.push(("param", param));
            params.extend(size_param.iter().map(|p| ("sizeParam", p)));
            if *size == 0 {
                problems.add(&format!("{field}.size"), "Give the page size, above zero.");
            }
            if let Some(total) = total {
                problems.selector(&format!("{field}.total"), total);
            }
        }
        Pagination::Cursor { next, param } => {
            params.push(("param", param));
            problems.selector(&format!("{field}.next"), next);
        }
        Pagination::NextLink { next } => problems.selector(&format!("{field}.next"), next),
    }
    for (name, param) in params {
        let field = format!("{field}.{name}");
        if param.trim().is_empty() {
            problems.add(&field, "Name the query parameter.");
        } else if request.query.contains_key(param.as_str()) {
            problems.add(
                &field,
                format!("\"{param}\" is also in query; the pagination sets it, remove it there."),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn recipe(request: Value) -> Recipe {
        serde_json::from_value(json!({"name": "CRM", "requests": [request]})).expect("readable")
    }

    fn fields(recipe: &Recipe) -> Vec<String> {
        problems(recipe).into_iter().map(|p| p.field).collect()
    }

    #[test]
    fn a_sound_request_has_no_problem() {
        let recipe = recipe(json!({"searchBy": "email", "path": "/contacts",
            "query": {"q": "{email}"}, "records": "data", "fields": {"mail": "email"},
            "pagination": {"type": "pageNumber", "param": "page", "size": 50}}));
        assert_eq!(problems(&recipe), vec![], "nothing to fix");
    }

    #[test]
    fn each_problem_names_its_field() {
        let recipe = recipe(json!({"searchBy": "mail", "method": "DELETE",
            "path": "contacts/{phone}", "query": {"page": "{value}"}, "records": " ",
            "fields": {"x": "a..b"}, "maxRecords": 0,
            "pagination": {"type": "pageNumber", "param": "page", "size": 0}}));
        assert_eq!(
            fields(&recipe),
            [
                "requests[0].searchBy",
                "requests[0].method",
                "requests[0].path",
                "requests[0].path",
                "requests[0].records",
                "requests[0].fields.x",
                "requests[0].pagination.size",
                "requests[0].pagination.param",
                "requests[0].maxRecords",
            ],
            "{:#?}",
            problems(&recipe)
        );
    }

    #[test]
    fn a_post_needs_a_body_whose_placeholders_are_known() {
        let without = recipe(
            json!({"searchBy": "phone", "method": "POST", "path": "/search",
            "records": "$"}),
        );
        assert_eq!(fields(&without), ["requests[0].body"]);
        let unknown = recipe(
            json!({"searchBy": "phone", "method": "POST", "path": "/search",
            "records": "$", "body": {"filters": [{"value": "{email}"}]}}),
        );
        assert_eq!(fields(&unknown), ["requests[0].body.filters[0].value"]);
    }
}
