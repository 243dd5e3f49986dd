//! The authentication and extra headers of an HTTP API profile, shared by the connection test
//! and the recipes.
//!
//! An [`Authenticator`] lives for one operation (a test, a recipe run): with OAuth2 client
//! credentials it fetches the token on first use and reuses it for every later request.

use passerelle_vault::settings::{RestAuth, RestSettings};
use passerelle_vault::Secret;
use reqwest::header::{HeaderName, HeaderValue};
use reqwest::{Client, RequestBuilder, StatusCode};
use serde::Deserialize;

use crate::failure::{chain, classify_network, Failure, FailureCode};

/// Signs requests with a profile's headers and credentials.
pub(crate) struct Authenticator<'a> {
    settings: &'a RestSettings,
    secret: Option<&'a Secret>,
    /// The OAuth2 access token, once fetched.
    token: Option<Secret>,
}

impl<'a> Authenticator<'a> {
    /// An authenticator for these settings; the caller has checked that `secret` is there when
    /// the authentication type needs one.
    pub(crate) fn new(settings: &'a RestSettings, secret: Option<&'a Secret>) -> Self {
        Authenticator {
            settings,
            secret,
            token: None,
        }
    }

    /// The request with the profile's extra headers and its credentials.
    pub(crate) async fn sign(
        &mut self,
        request: RequestBuilder,
        client: &Client,
    ) -> Result<RequestBuilder, Failure> {
        let request = with_headers(request, self.settings)?;
        let secret = self.secret;
        let secret = || secret.expect("BUG: the secret was checked before any request");
        Ok(match &self.settings.auth {
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
                if self.token.is_none() {
                    let token =
                        fetch_token(client, token_url.trim(), client_id.trim(), secret(), scope)
                            .await?;
                    self.token = Some(token);
                }
                let token = self.token.as_ref().expect("the token was just fetched");
                request.bearer_auth(token.expose())
            }
        })
    }
}

fn with_headers(
    mut request: RequestBuilder,
    settings: &RestSettings,
) -> Result<RequestBuilder, Failure> {
    for (name, value) in &settings.headers {
        let name = HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| invalid(&format!("The header name \"{name}\" is not valid.")))?;
        let value = HeaderValue::from_str(value)
            .map_err(|_| invalid(&format!("The value of the header {name} is not valid.")))?;
        request = request.header(name, value);
    }
    Ok(request)
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

pub(crate) fn invalid(message: &str) -> Failure {
    Failure::new(FailureCode::InvalidSettings, message)
}
