//! REST recipes: a declarative description of how to search a SaaS tool (a CRM, a helpdesk)
//! for a data subject, run read-only with the authentication of an HTTP API profile.
//!
//! A [`Recipe`] is plain JSON, written by the DPO or an admin helping them, never code. It
//! holds one [`RecipeRequest`] per identifier kind the tool can be searched by (one by email,
//! one by phone): the path and query templates, an optional JSON body for search endpoints that
//! need a POST, where the records are in the answer, which fields to keep, and how to page.
//!
//! [`run_recipe`] checks the recipe ([`Recipe::validate`]), then sends each request once per
//! value the caller gives for its kind ([`RecipeValues`]), follows the pagination up to the
//! caps and returns the records as flat label/value pairs in a [`RecipeOutcome`]. Deciding
//! which record is about the person is the matcher's job, not this module's.
//!
//! # Templates
//!
//! `{value}` and `{<searchBy>}` (`{email}` in a request searching by email) stand for the value
//! searched; `{{` and `}}` are literal braces. A value is percent-encoded in the path and the
//! query, and JSON-escaped in the body (it is put in the body as a JSON string).
//!
//! # Paths in the answer
//!
//! `records`, `id`, `fields` and the pagination's `next` and `total` are dotted paths into the
//! JSON answer: `data.items`, `results[0].contacts`, `items[*].owner`, `$` for the answer
//! itself. A key holding a dot cannot be named.
//!
//! # Deliberately left out
//!
//! Methods other than GET and POST (recipes only read); page parameters in a POST body (they
//! go in the query); following a next-page link to another host; concurrency (requests run one
//! after the other, which also keeps rate limits simple).

mod run;
mod selector;
mod template;
mod validate;

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
use serde_json::Value;

pub use run::run_recipe;

use crate::failure::{Failure, FailureCode};

/// The identifier kinds a request can search by, as the caller names them in
/// [`RecipeValues`]. `any` takes every value of every kind (a free-text search endpoint).
pub const SEARCH_KINDS: [&str; 7] = [
    "email",
    "phone",
    "familyName",
    "fullName",
    "refId",
    "customerNumber",
    "any",
];

/// How to search one tool for a data subject.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Recipe {
    /// A short name for the tool searched ("Relation Client"), shown in reports.
    pub name: String,
    /// What the recipe searches and anything its reader should know.
    #[serde(default)]
    pub description: String,
    /// The requests, one per identifier kind the tool can be searched by.
    pub requests: Vec<RecipeRequest>,
}

/// One search request of a recipe.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RecipeRequest {
    /// The identifier kind searched, one of [`SEARCH_KINDS`]; the request runs once per value
    /// of that kind, and not at all when there is none.
    pub search_by: String,
    /// `GET`, or `POST` for a search endpoint that needs a body.
    #[serde(default = "default_method")]
    pub method: String,
    /// The path template appended to the connection's base URL (`/contacts/by-phone/{phone}`);
    /// no query string (see `query`).
    pub path: String,
    /// Query parameters, their values being templates (`{"email": "{value}"}`).
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub query: IndexMap<String, String>,
    /// The JSON body of a POST, whose strings are templates; required for POST, refused for GET.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<Value>,
    /// Where the records are in the answer (`data.items`, `$` for a top-level array). An
    /// object found there is one record.
    pub records: String,
    /// Fields to keep, as label → path in the record (`{"email": "emails[0].address"}`); every
    /// scalar field, flattened with dotted paths, when empty.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub fields: IndexMap<String, String>,
    /// The path of the record's id in the record, for locating a finding later.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// How to get the next page.
    #[serde(default)]
    pub pagination: Pagination,
    /// Most pages fetched per value searched (10 by default).
    #[serde(default = "default_max_pages")]
    pub max_pages: u32,
    /// Most records kept per value searched (500 by default).
    #[serde(default = "default_max_records")]
    pub max_records: u32,
    /// Whether HTTP 404 means "no such record" (lookup endpoints like `/contacts/{email}`)
    /// rather than a wrong path; false by default.
    #[serde(default)]
    pub not_found_is_empty: bool,
}

fn default_method() -> String {
    "GET".to_owned()
}

fn default_max_pages() -> u32 {
    10
}

fn default_max_records() -> u32 {
    500
}

/// How a request gets its next page. Page parameters always go in the query.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase",
    deny_unknown_fields
)]
pub enum Pagination {
    /// One page only.
    #[default]
    None,
    /// Numbered pages: `param` counts from `start`, `size` records a page.
    PageNumber {
        /// The page number's query parameter (`page`).
        param: String,
        /// The first page's number (1 by default).
        #[serde(default = "default_start")]
        start: u32,
        /// The page size's query parameter (`per_page`); not sent when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        size_param: Option<String>,
        /// Records per page; a shorter page is the last one.
        size: u32,
        /// The path of the total number of records in the answer; paging stops once that many
        /// were read.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        total: Option<String>,
    },
    /// An opaque cursor read from each answer and sent back for the next page.
    Cursor {
        /// The path of the next cursor in the answer; no cursor (or an empty one) ends paging.
        next: String,
        /// The cursor's query parameter (`cursor`).
        param: String,
    },
    /// A full URL of the next page read from each answer; it must stay on the API's host.
    NextLink {
        /// The path of the next page's URL in the answer; none ends paging.
        next: String,
    },
}

fn default_start() -> u32 {
    1
}

/// What is wrong with a recipe, as one field and one sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RecipeProblem {
    /// The field, as a path in the recipe (`requests[1].path`).
    pub field: String,
    /// What is wrong and how to fix it.
    pub message: String,
}

impl fmt::Display for RecipeProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

impl Recipe {
    /// Read a recipe from JSON; unknown fields are refused, so a typo is caught here.
    ///
    /// Fails with [`FailureCode::InvalidSettings`] naming the field that could not be read.
    /// The recipe still has to pass [`Recipe::validate`].
    pub fn from_json(text: &str) -> Result<Recipe, Failure> {
        let mut reader = serde_json::Deserializer::from_str(text);
        serde_path_to_error::deserialize(&mut reader).map_err(|err| {
            let field = err.path().to_string();
            Failure::new(
                FailureCode::InvalidSettings,
                format!(
                    "The recipe cannot be read at {field}: {}. Fix that field.",
                    err.inner()
                ),
            )
        })
    }

    /// Read a recipe from a JSON file.
    pub fn load(path: &Path) -> Result<Recipe, Failure> {
        let text = std::fs::read_to_string(path).map_err(|err| {
            Failure::new(
                FailureCode::NotFound,
                format!("The recipe file {} cannot be read.", path.display()),
            )
            .with_detail(err)
        })?;
        Recipe::from_json(&text)
    }

    /// Every problem found, empty when the recipe can run: unknown identifier kinds and
    /// placeholders, methods other than GET and POST, a POST without body, empty or malformed
    /// paths into the answer, pagination without its parameters, zero caps.
    pub fn validate(&self) -> Vec<RecipeProblem> {
        validate::problems(self)
    }
}

/// The values searched, by identifier kind (`email` → the person's normalised emails).
///
/// Its `Debug` shows counts only: the values are personal data.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct RecipeValues {
    values: BTreeMap<String, Vec<String>>,
}

impl RecipeValues {
    /// No values.
    pub fn new() -> Self {
        RecipeValues::default()
    }

    /// The same values plus `value` for `kind`.
    pub fn with(mut self, kind: &str, value: impl Into<String>) -> Self {
        self.add(kind, value);
        self
    }

    /// Add `value` for `kind`; blank and repeated values are ignored.
    pub fn add(&mut self, kind: &str, value: impl Into<String>) {
        let value = value.into().trim().to_owned();
        let list = self.values.entry(kind.to_owned()).or_default();
        if !value.is_empty() && !list.contains(&value) {
            list.push(value);
        }
    }

    /// The values for `kind`; for `any`, every value of every kind, each once.
    pub fn get(&self, kind: &str) -> Vec<&str> {
        let mut found: Vec<&str> = Vec::new();
        for (k, list) in &self.values {
            if k == kind || kind == "any" {
                for value in list {
                    if !found.contains(&value.as_str()) {
                        found.push(value);
                    }
                }
            }
        }
        found
    }
}

impl fmt::Debug for RecipeValues {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let counts: BTreeMap<&str, usize> = self
            .values
            .iter()
            .map(|(kind, list)| (kind.as_str(), list.len()))
            .collect();
        f.debug_struct("RecipeValues")
            .field("counts", &counts)
            .finish()
    }
}

/// How a recipe runs.
#[derive(Debug, Clone)]
pub struct RecipeOptions {
    /// Time limit of each HTTP request (30 s by default); past it the request is an issue
    /// with [`FailureCode::Timeout`].
    pub timeout: std::time::Duration,
    /// How many times a request answered HTTP 429 is sent again (3 by default).
    pub retries: u32,
    /// The longest wait before a retry, whatever `Retry-After` asks (30 s by default).
    pub max_retry_wait: std::time::Duration,
}

impl Default for RecipeOptions {
    fn default() -> Self {
        RecipeOptions {
            timeout: std::time::Duration::from_secs(30),
            retries: 3,
            max_retry_wait: std::time::Duration::from_secs(30),
        }
    }
}

/// A record read by a recipe.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RecipeRecord {
    /// The index of the request in [`Recipe::requests`].
    pub request: usize,
    /// The identifier kind the request searched by.
    pub searched_by: String,
    /// The record's id, when the request names its path and the record has one.
    pub id: Option<String>,
    /// The request's URL with the path template, never the values searched nor the query
    /// (`https://crm.example.com/api/contacts/by-phone/{phone}`).
    pub url: String,
    /// The page it came from, 1 for the first page fetched.
    pub page: u32,
    /// Its position in that page, from 0.
    pub index: u32,
    /// The fields kept, as label → text, in the recipe's order (or the record's, flattened).
    pub fields: Vec<(String, String)>,
}

impl RecipeRecord {
    /// The first value of the field with this label.
    pub fn get(&self, label: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(l, _)| l == label)
            .map(|(_, v)| v.as_str())
    }
}

/// A request that failed without stopping the run (a path the API does not know, an answer
/// that is not JSON, a next-page link to another host).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RecipeIssue {
    /// The index of the request in [`Recipe::requests`].
    pub request: usize,
    /// The identifier kind the request searched by.
    pub searched_by: String,
    /// What went wrong; records read before it are kept.
    pub failure: Failure,
}

/// What a recipe run read.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RecipeOutcome {
    /// The records, in request, value, page and position order.
    pub records: Vec<RecipeRecord>,
    /// HTTP requests sent to the API, retries included (a token request is not counted).
    pub requests_sent: u32,
    /// Whether a cap (`maxPages`, `maxRecords`) stopped a request with more left to read.
    pub capped: bool,
    /// The requests that failed without stopping the run.
    pub issues: Vec<RecipeIssue>,
}
