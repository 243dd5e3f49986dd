//! [`run_recipe`]: send each request once per value, page, and collect the records.

use std::collections::HashSet;
use std::time::Duration;

use passerelle_vault::settings::RestSettings;
use passerelle_vault::{Secret, SecretNeed, Settings};
use reqwest::header::RETRY_AFTER;
use reqwest::{Client, Method, StatusCode, Url};
use serde_json::Value;

use super::selector::{flatten, Selector};
use super::template::{percent_encode, render};
use super::validate::allowed;
use super::{
    Pagination, Recipe, RecipeIssue, RecipeOptions, RecipeOutcome, RecipeRecord, RecipeRequest,
    RecipeValues,
};
use crate::failure::{chain, classify_network, Failure, FailureCode};
use crate::rest::auth::Authenticator;

/// Run `recipe` against the API of `settings`, read-only, for the `values` of each request's
/// kind; a request with no value is skipped.
///
/// A request that fails on its own (HTTP 404, a server error, a timeout, an answer that is not
/// JSON, a next-page link to another host) becomes a [`RecipeIssue`] and the others still run.
/// The whole run fails when the recipe does not validate ([`FailureCode::InvalidSettings`],
/// naming the field), the secret is missing, the credentials are refused (HTTP 401:
/// [`FailureCode::WrongCredentials`]; 403: [`FailureCode::MissingPermission`]) or the API
/// cannot be reached. HTTP 429 is retried after `Retry-After`, within [`RecipeOptions`].
/// Neither failures nor issues ever hold the secret or a value searched.
pub async fn run_recipe(
    settings: &RestSettings,
    secret: Option<&Secret>,
    recipe: &Recipe,
    values: &RecipeValues,
    options: &RecipeOptions,
) -> Result<RecipeOutcome, Failure> {
    let scrub = |mut failure: Failure| {
        if let Some(secret) = secret {
            failure.scrub(secret.expose());
        }
        failure
    };
    let problems = recipe.validate();
    if let Some(first) = problems.first() {
        return Err(Failure::new(
            FailureCode::InvalidSettings,
            format!(
                "The recipe \"{}\" cannot run: {first} ({} problem(s) in all).",
                recipe.name,
                problems.len()
            ),
        ));
    }
    if let (SecretNeed::Required { what }, None) =
        (Settings::RestApi(settings.clone()).secret_need(), secret)
    {
        return Err(Failure::secret_missing(what));
    }

    let mut run = Run::new(settings, secret, options)?;
    for (i, request) in recipe.requests.iter().enumerate() {
        for value in values.get(&request.search_by) {
            match run.search(i, request, value).await {
                Ok(()) => {}
                Err(Stop::Run(failure)) => return Err(scrub(failure)),
                Err(Stop::Request(failure)) => {
                    tracing::debug!(request = i, code = %failure.code, "recipe request failed");
                    run.outcome.issues.push(RecipeIssue {
                        request: i,
                        searched_by: request.search_by.clone(),
                        failure: scrub(failure),
                    });
                }
            }
        }
    }
    let outcome = run.outcome;
    tracing::debug!(
        records = outcome.records.len(),
        sent = outcome.requests_sent,
        issues = outcome.issues.len(),
        capped = outcome.capped,
        "recipe run done"
    );
    Ok(outcome)
}

/// Why a request stopped: on its own, or taking the whole run with it.
enum Stop {
    Request(Failure),
    Run(Failure),
}

struct Run<'a> {
    client: Client,
    auth: Authenticator<'a>,
    /// The base URL without its trailing slash.
    base: String,
    options: &'a RecipeOptions,
    outcome: RecipeOutcome,
}

/// Where paging stands after a page.
enum Next {
    Done,
    Page(Url),
}

impl<'a> Run<'a> {
    fn new(
        settings: &'a RestSettings,
        secret: Option<&'a Secret>,
        options: &'a RecipeOptions,
    ) -> Result<Self, Failure> {
        let client = Client::builder()
            .timeout(options.timeout)
            .connect_timeout(options.timeout)
            .redirect(same_host_redirects())
            .user_agent(concat!("passerelle/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| Failure::new(FailureCode::Other, "No HTTP client.").with_detail(e))?;
        Ok(Run {
            client,
            auth: Authenticator::new(settings, secret),
            base: settings.base_url.trim().trim_end_matches('/').to_owned(),
            options,
            outcome: RecipeOutcome::default(),
        })
    }

    /// Run request `i` for one value, page after page, within its caps.
    async fn search(&mut self, i: usize, request: &RecipeRequest, value: &str) -> Result<(), Stop> {
        let at = format!("requests[{i}]");
        let shown = format!("{}{}", self.base, request.path.trim());
        let first = self.first_url(&at, request, value)?;
        let body = request
            .body
            .as_ref()
            .map(|b| render_body(b, request, value));
        let records_at = selector(&request.records);
        let id_at = request.id.as_deref().map(selector);
        let fields: Vec<(&str, Selector)> = request
            .fields
            .iter()
            .map(|(label, path)| (label.as_str(), selector(path)))
            .collect();

        let mut url = paged(&first, &request.pagination, PageState::First);
        let (mut page, mut kept, mut read) = (0u32, 0u32, 0u64);
        let mut cursors = HashSet::new();
        loop {
            page += 1;
            let Some(answer) = self
                .fetch(&at, &shown, request, &url, body.as_ref())
                .await?
            else {
                return Ok(());
            };
            let found = records(&records_at, &answer).ok_or_else(|| {
                Stop::Request(Failure::new(
                    FailureCode::Other,
                    format!(
                        "The answer of {shown} has nothing at \"{}\". Check {at}.records.",
                        request.records
                    ),
                ))
            })?;
            let count = found.len();
            read += u64::try_from(count).expect("a page holds fewer than 2^64 records");
            for (index, record) in found.into_iter().enumerate() {
                if kept == request.max_records {
                    self.outcome.capped = true;
                    return Ok(());
                }
                self.outcome.records.push(RecipeRecord {
                    request: i,
                    searched_by: request.search_by.clone(),
                    id: id_at.as_ref().and_then(|s| s.text(record)),
                    url: shown.clone(),
                    page,
                    index: u32::try_from(index).unwrap_or(u32::MAX),
                    fields: keep(record, &fields),
                });
                kept += 1;
            }

            let done = Page {
                url: &url,
                ordinal: page,
                count,
                read,
            };
            let next = next_page(&at, &first, request, &answer, done, &mut cursors)?;
            let Next::Page(next) = next else {
                return Ok(());
            };
            if page >= request.max_pages || kept == request.max_records {
                self.outcome.capped = true;
                return Ok(());
            }
            url = next;
        }
    }

    /// The first page's URL: base URL, path with the value, query with the value.
    fn first_url(&self, at: &str, request: &RecipeRequest, value: &str) -> Result<Url, Stop> {
        let allowed = allowed(request);
        let path = render(request.path.trim(), &allowed, value, percent_encode)
            .map_err(|why| Stop::Run(invalid_recipe(&format!("{at}.path"), &why)))?;
        let mut url = Url::parse(&format!("{}{path}", self.base)).map_err(|_| {
            Stop::Run(Failure::new(
                FailureCode::InvalidSettings,
                "The connection's base URL is not a valid URL. Check it in the connection.",
            ))
        })?;
        for (name, template) in &request.query {
            let value = render(template, &allowed, value, str::to_owned)
                .map_err(|why| Stop::Run(invalid_recipe(&format!("{at}.query.{name}"), &why)))?;
            url.query_pairs_mut().append_pair(name, &value);
        }
        Ok(url)
    }

    /// Send one page's request, retrying on HTTP 429; `None` when a 404 means "no record".
    async fn fetch(
        &mut self,
        at: &str,
        shown: &str,
        request: &RecipeRequest,
        url: &Url,
        body: Option<&Value>,
    ) -> Result<Option<Value>, Stop> {
        let method = if request.method == "POST" {
            Method::POST
        } else {
            Method::GET
        };
        let mut attempt = 0;
        loop {
            let mut builder = self.client.request(method.clone(), url.clone());
            if let Some(body) = body {
                builder = builder.json(body);
            }
            let builder = self
                .auth
                .sign(builder, &self.client)
                .await
                .map_err(Stop::Run)?;
            self.outcome.requests_sent += 1;
            let response = builder
                .send()
                .await
                .map_err(|e| self.network_failure(e, shown))?;
            let status = response.status();
            if status == StatusCode::TOO_MANY_REQUESTS && attempt < self.options.retries {
                attempt += 1;
                let wait = retry_after(&response).min(self.options.max_retry_wait);
                tracing::debug!(attempt, wait_ms = wait.as_millis() as u64, "rate limited");
                tokio::time::sleep(wait).await;
                continue;
            }
            if status == StatusCode::NOT_FOUND && request.not_found_is_empty {
                return Ok(None);
            }
            check_status(status, at, shown)?;
            let bytes = response
                .bytes()
                .await
                .map_err(|e| self.network_failure(e, shown))?;
            return serde_json::from_slice(&bytes).map(Some).map_err(|_| {
                Stop::Request(Failure::new(
                    FailureCode::NotJson,
                    format!(
                        "The answer of {shown} is not JSON. Check {at}.path, and that the API \
                         answers JSON there."
                    ),
                ))
            });
        }
    }

    fn network_failure(&self, err: reqwest::Error, shown: &str) -> Stop {
        let target = format!("the API at {}", self.base);
        let (timeout, code) = (err.is_timeout(), classify_network(&err));
        let detail = chain(&err.without_url());
        if timeout {
            let failure = Failure::timeout(&format!("the API at {shown}"), self.options.timeout);
            return Stop::Request(failure.with_detail(detail));
        }
        Stop::Run(match code {
            FailureCode::Tls => Failure::tls(&target).with_detail(detail),
            FailureCode::Timeout => Failure::timeout(&target, self.options.timeout),
            _ => Failure::unreachable(&target).with_detail(detail),
        })
    }
}

/// Where a page-numbered, cursor or link pagination stands.
enum PageState<'v> {
    First,
    Number(u32),
    Cursor(&'v str),
}

/// The first URL with the pagination's query parameters for this page.
fn paged(first: &Url, pagination: &Pagination, state: PageState) -> Url {
    let mut url = first.clone();
    match (pagination, state) {
        (
            Pagination::PageNumber {
                param,
                start,
                size_param,
                size,
                ..
            },
            state,
        ) => {
            let number = match state {
                PageState::Number(n) => n,
                _ => *start,
            };
            let mut pairs = url.query_pairs_mut();
            pairs.append_pair(param, &number.to_string());
            if let Some(size_param) = size_param {
                pairs.append_pair(size_param, &size.to_string());
            }
        }
        (Pagination::Cursor { param, .. }, PageState::Cursor(cursor)) => {
            url.query_pairs_mut().append_pair(param, cursor);
        }
        _ => {}
    }
    url
}

/// The page just read.
struct Page<'u> {
    url: &'u Url,
    /// 1 for the first page of this search.
    ordinal: u32,
    /// Records on this page.
    count: usize,
    /// Records on this page and the ones before.
    read: u64,
}

/// The next page's URL, if the answer says there is one.
fn next_page(
    at: &str,
    first: &Url,
    request: &RecipeRequest,
    answer: &Value,
    page: Page,
    cursors: &mut HashSet<String>,
) -> Result<Next, Stop> {
    Ok(match &request.pagination {
        Pagination::None => Next::Done,
        Pagination::PageNumber {
            start, size, total, ..
        } => {
            let total = total.as_deref().map(selector).and_then(|t| t.text(answer));
            let total = total.and_then(|t| t.parse::<u64>().ok());
            let short = page.count == 0 || page.count < *size as usize;
            if short || total.is_some_and(|t| page.read >= t) {
                Next::Done
            } else {
                // Numbered pages are read one after the other from `start`.
                let number = PageState::Number(start + page.ordinal);
                Next::Page(paged(first, &request.pagination, number))
            }
        }
        Pagination::Cursor { next, .. } => match selector(next).text(answer) {
            // A cursor seen before would loop forever.
            Some(cursor) if cursors.insert(cursor.clone()) => Next::Page(paged(
                first,
                &request.pagination,
                PageState::Cursor(&cursor),
            )),
            _ => Next::Done,
        },
        Pagination::NextLink { next } => match selector(next).text(answer) {
            None => Next::Done,
            Some(link) => Next::Page(same_host_link(at, page.url, &link)?),
        },
    })
}

/// The next-page link resolved against the current page, refused off the API's host.
fn same_host_link(at: &str, current: &Url, link: &str) -> Result<Url, Stop> {
    let url = current.join(link).map_err(|_| {
        Stop::Request(Failure::new(
            FailureCode::Other,
            format!("The next-page link is not a URL. Check {at}.pagination.next."),
        ))
    })?;
    if url.origin() != current.origin() {
        let host = url.host_str().unwrap_or("?");
        let port = url
            .port_or_known_default()
            .map_or(String::new(), |p| format!(":{p}"));
        return Err(Stop::Request(Failure::new(
            FailureCode::InvalidSettings,
            format!(
                "The next-page link points at another host ({}://{host}{port}), so Passerelle \
                 did not follow it: recipes stay on the API's host. Check {at}.pagination.next.",
                url.scheme()
            ),
        )));
    }
    Ok(url)
}

/// The records at `records_at`: an array's elements, or one object; `None` when the path
/// reaches nothing.
fn records<'v>(records_at: &Selector, answer: &'v Value) -> Option<Vec<&'v Value>> {
    let found = records_at.select(answer);
    if found.is_empty() {
        return None;
    }
    let mut records = Vec::new();
    for value in found {
        match value {
            Value::Array(items) => records.extend(items.iter()),
            Value::Null => {}
            other => records.push(other),
        }
    }
    Some(records)
}

/// The record's fields: the recipe's, or every scalar flattened.
fn keep(record: &Value, fields: &[(&str, Selector)]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if fields.is_empty() {
        flatten("", record, &mut out);
    }
    for (label, at) in fields {
        for value in at.select(record) {
            flatten(label, value, &mut out);
        }
    }
    out
}

fn render_body(body: &Value, request: &RecipeRequest, value: &str) -> Value {
    match body {
        Value::String(template) => Value::String(
            render(template, &allowed(request), value, str::to_owned)
                .expect("BUG: body templates were validated"),
        ),
        Value::Array(items) => Value::Array(
            items
                .iter()
                .map(|item| render_body(item, request, value))
                .collect(),
        ),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), render_body(v, request, value)))
                .collect(),
        ),
        other => other.clone(),
    }
}

fn check_status(status: StatusCode, at: &str, shown: &str) -> Result<(), Stop> {
    let code = status.as_u16();
    let failure = match code {
        200..=299 => return Ok(()),
        401 => {
            return Err(Stop::Run(Failure::new(
                FailureCode::WrongCredentials,
                format!(
                    "The API refused the credentials at {shown} (HTTP 401). Check the \
                     connection's secret and authentication type."
                ),
            )))
        }
        403 => {
            return Err(Stop::Run(Failure::new(
                FailureCode::MissingPermission,
                format!(
                    "The API refused access to {shown} (HTTP 403). Ask its administrator for \
                     the right to read it."
                ),
            )))
        }
        404 => Failure::new(
            FailureCode::NotFound,
            format!(
                "The API has nothing at {shown} (HTTP 404). Check {at}.path, or set \
                 {at}.notFoundIsEmpty if 404 means no record there."
            ),
        ),
        429 => Failure::new(
            FailureCode::Other,
            format!("The API kept answering \"too many requests\" at {shown}. Try again later."),
        ),
        500..=599 => Failure::new(
            FailureCode::Other,
            format!(
                "The API answered with a server error (HTTP {code}) at {shown}. Try again later."
            ),
        ),
        _ => Failure::new(
            FailureCode::Other,
            format!("The API answered HTTP {code} at {shown}. Check {at}."),
        ),
    };
    Err(Stop::Request(failure))
}

/// The wait `Retry-After` asks for, in seconds (one second when absent or a date).
fn retry_after(response: &reqwest::Response) -> Duration {
    let seconds = response
        .headers()
        .get(RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok())
        .unwrap_or(1);
    Duration::from_secs(seconds)
}

/// Follow redirects on the host of the first request only, five at most: a credential header
/// must not travel to another host.
fn same_host_redirects() -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::custom(|attempt| {
        let first = attempt.previous().first().map(Url::origin);
        if attempt.previous().len() > 5 || first.is_some_and(|o| o != attempt.url().origin()) {
            attempt.stop()
        } else {
            attempt.follow()
        }
    })
}

fn selector(path: &str) -> Selector {
    Selector::parse(path).expect("BUG: paths were validated")
}

fn invalid_recipe(field: &str, why: &str) -> Failure {
    Failure::new(
        FailureCode::InvalidSettings,
        format!("The recipe cannot run: {field}: {why}."),
    )
}
