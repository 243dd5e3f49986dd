//! Dastra workspaces: who the key belongs to (`GET /me`) and which workspace it opens
//! (`GET /v1/WorkSpaces`).

use passerelle_dastra::{Auth, ClientOptions, DastraClient, ErrorKind};
use passerelle_vault::settings::{DastraAuth, DastraSettings};
use passerelle_vault::Secret;
use serde_json::Value;

use crate::failure::{classify_text, Failure, FailureCode};
use crate::report::{DastraFound, WorkspaceChoice};
use crate::TestOptions;

/// Check the key against `/me`, then find the profile's workspace among those it can see.
pub(crate) async fn test(
    settings: &DastraSettings,
    secret: &Secret,
    options: &TestOptions,
) -> Result<DastraFound, Failure> {
    let client = client(settings, secret, options)?;
    let me = client.me().await.map_err(|e| classify(e, settings))?;
    let workspaces = workspaces_of(&client, settings).await?;

    let Some(workspace) = workspaces.iter().find(|w| w.id == settings.workspace_id) else {
        return Err(missing_workspace(settings.workspace_id, &workspaces));
    };
    let text = |v: &Value| v.as_str().filter(|s| !s.is_empty()).map(str::to_owned);
    Ok(DastraFound {
        base_url: client.base_url().to_owned(),
        user: text(&me["displayName"]).or_else(|| text(&me["email"])),
        organisation: text(&me["tenant"]["label"]),
        workspace_id: workspace.id,
        workspace_label: workspace.label.clone(),
        workspaces,
    })
}

/// The workspaces this key can see, to pick one before the profile is saved.
///
/// Errors: the classified [`Failure`] (wrong key, unreachable host…), within
/// [`TestOptions::timeout`].
pub async fn list_workspaces(
    settings: &DastraSettings,
    secret: &Secret,
    options: &TestOptions,
) -> Result<Vec<WorkspaceChoice>, Failure> {
    let client = client(settings, secret, options)?;
    let target = format!("Dastra at {}", settings.base_url);
    let mut result = tokio::time::timeout(options.timeout, workspaces_of(&client, settings))
        .await
        .unwrap_or_else(|_| Err(Failure::timeout(&target, options.timeout)));
    if let Err(failure) = &mut result {
        failure.scrub(secret.expose());
    }
    result
}

async fn workspaces_of(
    client: &DastraClient,
    settings: &DastraSettings,
) -> Result<Vec<WorkspaceChoice>, Failure> {
    let list = client
        .workspaces()
        .await
        .map_err(|e| classify(e, settings))?;
    Ok(list
        .into_iter()
        .filter_map(|w| {
            Some(WorkspaceChoice {
                id: i64::from(w.id?),
                label: w.label,
            })
        })
        .collect())
}

fn client(
    settings: &DastraSettings,
    secret: &Secret,
    options: &TestOptions,
) -> Result<DastraClient, Failure> {
    // One attempt: a test reports what happens now, it does not wait out an outage.
    client_options(settings, secret)
        .max_attempts(1)
        .connect_timeout(options.timeout)
        .request_timeout(options.timeout)
        .read_timeout(options.timeout)
        .build()
        .map_err(invalid_address)
}

/// A client for working in the workspace of `settings` (the app's current workspace): the
/// client's usual retries and timeouts, authenticated with `secret`.
///
/// Errors: [`FailureCode::InvalidSettings`] when the base URL cannot be used.
pub fn session_client(settings: &DastraSettings, secret: &Secret) -> Result<DastraClient, Failure> {
    client_options(settings, secret)
        .build()
        .map_err(invalid_address)
}

fn client_options(settings: &DastraSettings, secret: &Secret) -> ClientOptions {
    let auth = match &settings.auth {
        DastraAuth::ApiKey => Auth::api_key(secret.expose()),
        DastraAuth::ClientCredentials {
            public_key,
            token_url,
        } => {
            let auth = Auth::client_credentials(public_key.trim(), secret.expose());
            match token_url {
                Some(url) => auth.with_token_url(url.trim()),
                None => auth,
            }
        }
    };
    ClientOptions::new(settings.base_url.trim(), auth).workspace(settings.workspace_id)
}

fn invalid_address(e: passerelle_dastra::Error) -> Failure {
    Failure::new(
        FailureCode::InvalidSettings,
        "The Dastra address cannot be used. Enter the API address, e.g. https://api.dastra.eu.",
    )
    .with_detail(e)
}

fn missing_workspace(id: i64, visible: &[WorkspaceChoice]) -> Failure {
    let message = if visible.is_empty() {
        format!(
            "The key works, but it can see no workspace, so not workspace #{id} either. Ask a \
             Dastra administrator to give the key access to the workspace."
        )
    } else {
        let names: Vec<String> = visible
            .iter()
            .map(|w| format!("{} (#{})", w.label, w.id))
            .collect();
        format!(
            "The key works, but it cannot see workspace #{id}. It can see: {}. Pick one of them \
             in the connection's settings.",
            names.join(", ")
        )
    };
    Failure::new(FailureCode::NotFound, message)
}

fn classify(err: passerelle_dastra::Error, settings: &DastraSettings) -> Failure {
    let target = format!("Dastra at {}", settings.base_url.trim());
    let credentials = match settings.auth {
        DastraAuth::ApiKey => "the API key",
        DastraAuth::ClientCredentials { .. } => "the public and private key pair",
    };
    let failure = match err.kind() {
        ErrorKind::Unauthorized => Failure::new(
            FailureCode::WrongCredentials,
            format!(
                "Dastra refused {credentials}. Check that it was copied whole and has not been \
                 revoked in Dastra's API keys settings."
            ),
        ),
        ErrorKind::Forbidden => Failure::new(
            FailureCode::MissingPermission,
            "Dastra accepted the key but refused access. Ask a Dastra administrator to give \
             the key access to this workspace.",
        ),
        ErrorKind::NotFound | ErrorKind::Protocol | ErrorKind::Rejected => Failure::new(
            FailureCode::NotFound,
            format!(
                "Something answered at {}, but not Dastra's API. Check the base URL \
                 (https://api.dastra.eu for Dastra's cloud).",
                settings.base_url.trim()
            ),
        ),
        ErrorKind::InvalidInput => Failure::new(
            FailureCode::InvalidSettings,
            "The Dastra address cannot be used. Enter the API address, e.g. \
             https://api.dastra.eu.",
        ),
        ErrorKind::RateLimited => Failure::new(
            FailureCode::Other,
            "Dastra asks Passerelle to slow down (too many requests with this key). Wait a \
             minute and test again.",
        ),
        _ => match err.status() {
            Some(status) => Failure::new(
                FailureCode::Other,
                format!(
                    "Dastra answered with a server error (HTTP {status}). Try again later; if \
                     it lasts, check Dastra's service status."
                ),
            ),
            None => match classify_text(&err.to_string()) {
                FailureCode::Tls => Failure::tls(&target),
                FailureCode::Timeout => Failure::new(
                    FailureCode::Timeout,
                    format!(
                        "{target} did not answer in time. Check the address and your network, \
                         then try again."
                    ),
                ),
                _ => Failure::unreachable(&target),
            },
        },
    };
    failure.with_detail(err)
}
