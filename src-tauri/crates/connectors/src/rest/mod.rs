//! HTTP APIs: send the profile's probe request with its authentication and report the status.
//!
//! `auth` signs requests with a profile's headers and credentials, for the probe here and for
//! the recipes ([`crate::recipe`]).

pub(crate) mod auth;

use std::time::Instant;

use passerelle_vault::settings::{RestAuth, RestSettings};
use passerelle_vault::Secret;
use reqwest::header::CONTENT_TYPE;
use reqwest::{Client, Method, StatusCode};

use self::auth::{invalid, Authenticator};
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

    let request = Authenticator::new(settings, secret)
        .sign(client.request(method, &url), &client)
        .await?;

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
