//! HTTP APIs: send the profile's probe request with its authentication and report the status.

use std::time::Instant;

use passerelle_vault::settings::{RestAuth, RestSettings};
use passerelle_vault::Secret;
use reqwest::header::{HeaderName, HeaderValue, CONTENT_TYPE};
use reqwest::{Client, Method, StatusCode};
use serde::Deserialize;

use crate::failure::{chain, classify_network, Failure, FailureCode};
use crate::report::RestFound;
use crate::TestOptions;

/// Send the probe and check its status: the expected one when the profile names it, any 2xx
/// or 3xx otherwise. Redirects are followed (five at most).
pub(crate) async fn test(
    settings: &RestSettings,
    secret: Option<&Secret>,
    options: &TestOptions,
) -> Result<RestFound, Failure> {
    let client = Client::builder()
        .timeout(options.timeout)
        .connect_timeout(options.timeout)
        .redirect(reqwest::redirect::Policy::limited(5))
        .user_agent(concat!("passerelle/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| Failure::new(FailureCode::Other, "No HTTP client.").with_detail(e))?;
    let url = probe_url(settings);
    let method = Method::from_bytes(settings.probe.method.to_ascii_uppercase().as_bytes())
        .map_err(|_| invalid("The probe method is not valid. Use GET or HEAD."))?;

    let mut request = client.request(method, &url);
    for (name, value) in &settings.headers {
        let name = HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| invalid(&format!("The header name \"{name}\" is not valid.")))?;
        let value = HeaderValue::from_str(value)
            .map_err(|_| invalid(&format!("The value of the header {name} is not valid.")))?;
        request = request.header(name, value);
    }
    request = authenticate(request, &client, settings, secret).await?;

    let started = Instant::now();
    let response = request
        .send()
        .await
        .map_err(|e| network_failure(e, settings, options))?;
    let response_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    let status = response.status();
    let content_type = response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let shown = without_query(response.url());
    drop(response);

    check_status(status, settings.probe.expect_status, &shown, &settings.auth)?;
    Ok(RestFound {
        url: shown,
        status: status.as_u16(),
        response_ms,
        content_type,
    })
}

async fn authenticate(
    request: reqwest::RequestBuilder,
    client: &Client,
    settings: &RestSettings,
    secret: Option<&Secret>,
) -> Result<reqwest::RequestBuilder, Failure> {
    let secret = || secret.expect("BUG: the secret was checked before the test");
    Ok(match &settings.auth {
        RestAuth::None => request,
        RestAuth::ApiKeyHeader { header } => {
            let mut value = HeaderValue::from_str(secret().expose())
                .map_err(|_| invalid("The API key holds characters a header cannot carry."))?;
            value.set_sensitive(true);
            request.header(header.trim(), value)
        }
        RestAuth::Bearer => request.bearer_auth(secret().expose()),
        RestAuth::Basic { user } => request.basic_auth(user.trim(), Some(secret().expose())),
        RestAuth::OAuth2ClientCredentials {
            token_url,
            client_id,
            scope,
        } => {
            let token =
                fetch_token(client, token_url.trim(), client_id.trim(), secret(), scope).await?;
            request.bearer_auth(token.expose())
        }
    })
}

/// The access token of an OAuth2 client-credentials grant (RFC 6749 §4.4).
async fn fetch_token(
    client: &Client,
    token_url: &str,
    client_id: &str,
    secret: &Secret,
    scope: &Option<String>,
) -> Result<Secret, Failure> {
    #[derive(Deserialize)]
    struct Token {
        access_token: String,
    }

    let mut form = vec![
        ("grant_type", "client_credentials"),
        ("client_id", client_id),
        ("client_secret", secret.expose()),
    ];
    if let Some(scope) = scope.as_deref().filter(|s| !s.trim().is_empty()) {
        form.push(("scope", scope));
    }
    let target = format!("the token endpoint {token_url}");
    let response = client
        .post(token_url)
        .form(&form)
        .send()
        .await
        .map_err(|e| match classify_network(&e) {
            FailureCode::Tls => Failure::tls(&target).with_detail(chain(&e.without_url())),
            _ => Failure::unreachable(&target).with_detail(chain(&e.without_url())),
        })?;

    let status = response.status();
    if status == StatusCode::BAD_REQUEST || status == StatusCode::UNAUTHORIZED {
        return Err(Failure::new(
            FailureCode::WrongCredentials,
            "The token endpoint refused the client id or client secret. Check both, and the \
             scope if the API needs one.",
        )
        .with_detail(format!("http {status}")));
    }
    if !status.is_success() {
        return Err(Failure::new(
            FailureCode::Other,
            format!(
                "The token endpoint answered HTTP {}. Check its address.",
                status.as_u16()
            ),
        ));
    }
    let token: Token = response.json().await.map_err(|_| {
        Failure::new(
            FailureCode::Other,
            "The token endpoint's answer holds no access token. Check its address.",
        )
    })?;
    Ok(Secret::new(token.access_token))
}

fn check_status(
    status: StatusCode,
    expected: Option<u16>,
    url: &str,
    auth: &RestAuth,
) -> Result<(), Failure> {
    let code = status.as_u16();
    let passed = match expected {
        Some(expected) => code == expected,
        None => status.is_success() || status.is_redirection(),
    };
    if passed {
        return Ok(());
    }
    let wanted = expected.map_or_else(|| "a success".to_owned(), |e| format!("HTTP {e}"));
    let failure = match code {
        401 if matches!(auth, RestAuth::None) => Failure::new(
            FailureCode::WrongCredentials,
            "The API wants credentials (HTTP 401). Choose its authentication type and enter \
             the secret.",
        ),
        401 => Failure::new(
            FailureCode::WrongCredentials,
            "The API refused the credentials (HTTP 401). Check the secret and the \
             authentication type.",
        ),
        403 => Failure::new(
            FailureCode::MissingPermission,
            format!(
                "The API refused access to {url} (HTTP 403). Ask its administrator for the \
                 right, or probe a path these credentials may read."
            ),
        ),
        404 => Failure::new(
            FailureCode::NotFound,
            format!(
                "The API has nothing at {url} (HTTP 404). Check the base URL and the probe \
                     path."
            ),
        ),
        500..=599 => Failure::new(
            FailureCode::Other,
            format!("The API answered with a server error (HTTP {code}). Try again later."),
        ),
        _ => Failure::new(
            FailureCode::Other,
            format!("The API answered HTTP {code} where {wanted} was expected. Check the probe."),
        ),
    };
    Err(failure)
}

fn network_failure(err: reqwest::Error, settings: &RestSettings, options: &TestOptions) -> Failure {
    let target = format!("the API at {}", settings.base_url.trim());
    let failure = if err.is_timeout() {
        Failure::timeout(&target, options.timeout)
    } else {
        match classify_network(&err) {
            FailureCode::Tls => Failure::tls(&target),
            FailureCode::Timeout => Failure::timeout(&target, options.timeout),
            _ => Failure::unreachable(&target),
        }
    };
    // The base URL is in the message already, and a probe path could carry a query string.
    failure.with_detail(chain(&err.without_url()))
}

/// The base URL with the probe path appended.
fn probe_url(settings: &RestSettings) -> String {
    let base = settings.base_url.trim().trim_end_matches('/');
    format!("{base}{}", settings.probe.path.trim())
}

fn without_query(url: &reqwest::Url) -> String {
    let mut url = url.clone();
    url.set_query(None);
    url.set_fragment(None);
    url.to_string()
}

fn invalid(message: &str) -> Failure {
    Failure::new(FailureCode::InvalidSettings, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_probe_path_is_appended_to_the_base_url() {
        let settings = RestSettings {
            base_url: "https://api.example.com/v2/".into(),
            auth: RestAuth::None,
            headers: Default::default(),
            probe: passerelle_vault::settings::Probe {
                method: "GET".into(),
                path: "/health".into(),
                expect_status: None,
            },
        };
        assert_eq!(probe_url(&settings), "https://api.example.com/v2/health");
    }

    #[test]
    fn statuses_are_classified_for_the_person_fixing_them() {
        let auth = RestAuth::Bearer;
        let code = |status: u16, expected| {
            check_status(
                StatusCode::from_u16(status).expect("status"),
                expected,
                "u",
                &auth,
            )
            .err()
            .map(|f| f.code)
        };
        assert_eq!(code(200, None), None, "a success passes");
        assert_eq!(code(204, Some(204)), None, "the expected status passes");
        assert_eq!(
            code(200, Some(204)),
            Some(FailureCode::Other),
            "another status fails"
        );
        assert_eq!(code(401, None), Some(FailureCode::WrongCredentials));
        assert_eq!(code(403, None), Some(FailureCode::MissingPermission));
        assert_eq!(code(404, None), Some(FailureCode::NotFound));
        assert_eq!(code(503, None), Some(FailureCode::Other));
    }
}
