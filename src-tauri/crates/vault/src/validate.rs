//! Validation of a draft before it is saved: every problem at once, each with the field, what
//! is wrong and how to fix it, in words a data protection officer can act on.
//!
//! Only the shape is checked here. Whether the host answers, the file exists or the key is
//! accepted is the connection test's job.

use std::net::{IpAddr, Ipv6Addr};
use std::path::Path;

use url::{Host, Url};

use crate::error::FieldError;
use crate::profile::ProfileDraft;
use crate::settings::{
    DastraAuth, DastraSettings, FolderSettings, MySqlSettings, PostgresSettings, RestAuth,
    RestSettings, Settings,
};

/// Longest profile name, in characters.
const MAX_NAME: usize = 120;

/// Headers that carry credentials: they belong in the auth settings, whose secret is in the
/// keyring, not among the extra headers, which are stored in clear.
const CREDENTIAL_HEADERS: [&str; 4] = [
    "authorization",
    "proxy-authorization",
    "cookie",
    "x-api-key",
];

/// Every problem of `draft`; empty when it can be saved.
pub fn validate(draft: &ProfileDraft) -> Vec<FieldError> {
    let mut errors = Errors(Vec::new());
    let name = draft.name.trim();
    if name.is_empty() {
        errors.add(
            "name",
            "is empty",
            "give the connection a name, e.g. \"CRM\"",
        );
    } else if name.chars().count() > MAX_NAME {
        errors.add(
            "name",
            "is too long",
            format!("keep it under {MAX_NAME} characters"),
        );
    } else if name.chars().any(char::is_control) {
        errors.add(
            "name",
            "holds control characters",
            "use letters, digits and punctuation",
        );
    }

    match &draft.settings {
        Settings::DastraWorkspace(s) => dastra(s, &mut errors),
        Settings::Postgres(s) => postgres(s, &mut errors),
        Settings::MySql(s) => mysql(s, &mut errors),
        Settings::Sqlite(s) => {
            absolute_path("settings.path", &s.path, "database file", &mut errors)
        }
        Settings::Folder(s) => folder(s, &mut errors),
        Settings::RestApi(s) => rest(s, &mut errors),
    }
    errors.0
}

struct Errors(Vec<FieldError>);

impl Errors {
    fn add(
        &mut self,
        field: impl Into<String>,
        problem: impl Into<String>,
        fix: impl Into<String>,
    ) {
        self.0.push(FieldError::new(field, problem, fix));
    }
}

fn dastra(s: &DastraSettings, errors: &mut Errors) {
    dastra_url("settings.baseUrl", &s.base_url, errors);
    if let DastraAuth::ClientCredentials {
        public_key,
        token_url,
    } = &s.auth
    {
        if public_key.trim().is_empty() {
            errors.add(
                "settings.auth.publicKey",
                "is empty",
                "copy the public key shown beside the private key in Dastra's API keys page",
            );
        }
        if let Some(url) = token_url {
            dastra_url("settings.auth.tokenUrl", url, errors);
        }
    }
    if s.workspace_id < 1 {
        errors.add(
            "settings.workspaceId",
            "is not a workspace",
            "pick the workspace from the list Dastra gives for this key",
        );
    }
}

fn dastra_url(field: &str, url: &str, errors: &mut Errors) {
    use passerelle_dastra::Error;
    match passerelle_dastra::client::validate_url(url) {
        Ok(_) => {}
        Err(Error::InsecureUrl { .. }) => errors.add(
            field,
            "uses plain http to another computer",
            "use the https address (https://api.dastra.eu); plain http is only for a local sandbox",
        ),
        Err(Error::InvalidUrl { reason, .. }) => errors.add(
            field,
            format!("is not a usable address ({reason})"),
            "enter the API address, e.g. https://api.dastra.eu",
        ),
        Err(_) => errors.add(field, "is not a usable address", "enter an https address"),
    }
}

fn postgres(s: &PostgresSettings, errors: &mut Errors) {
    server(&s.host, s.port, &s.database, &s.user, errors);
    for (i, schema) in s.schemas.iter().enumerate() {
        if schema.trim().is_empty() {
            errors.add(
                format!("settings.schemas[{i}]"),
                "is empty",
                "remove the empty schema, or leave the list empty to look at every schema",
            );
        }
    }
}

fn mysql(s: &MySqlSettings, errors: &mut Errors) {
    server(&s.host, s.port, &s.database, &s.user, errors);
}

fn server(host: &str, port: u16, database: &str, user: &str, errors: &mut Errors) {
    let host = host.trim();
    if host.is_empty() {
        errors.add(
            "settings.host",
            "is empty",
            "enter the database server's name or IP address, e.g. db.example.org",
        );
    } else if host.contains("://") || host.contains('/') || host.contains(char::is_whitespace) {
        errors.add(
            "settings.host",
            "is not a host name",
            "enter only the server's name or IP address, without scheme, path or spaces",
        );
    } else if host.contains(':') && host.trim_matches(['[', ']']).parse::<Ipv6Addr>().is_err() {
        errors.add(
            "settings.host",
            "holds a port",
            "put the port in the port field",
        );
    }
    if port == 0 {
        errors.add(
            "settings.port",
            "is 0",
            "enter the server's port (PostgreSQL 5432, MySQL 3306)",
        );
    }
    if database.trim().is_empty() {
        errors.add(
            "settings.database",
            "is empty",
            "enter the name of the database to open",
        );
    }
    if user.trim().is_empty() {
        errors.add(
            "settings.user",
            "is empty",
            "enter the user name to connect as",
        );
    }
}

fn absolute_path(field: &str, path: &Path, what: &str, errors: &mut Errors) {
    if path.as_os_str().is_empty() {
        errors.add(field, "is empty", format!("choose the {what}"));
    } else if !path.is_absolute() {
        errors.add(
            field,
            "is not a full path",
            format!("give the {what}'s full path, starting from the drive or /"),
        );
    }
}

fn folder(s: &FolderSettings, errors: &mut Errors) {
    absolute_path("settings.path", &s.path, "folder", errors);
    for (list, patterns) in [("include", &s.include), ("exclude", &s.exclude)] {
        for (i, pattern) in patterns.iter().enumerate() {
            let field = format!("settings.{list}[{i}]");
            if pattern.trim().is_empty() {
                errors.add(field, "is empty", "remove the empty pattern");
            } else if let Err(e) = globset::Glob::new(pattern) {
                errors.add(
                    field,
                    format!("is not a valid pattern ({})", e.kind()),
                    "use * for any name, ** for any folders, e.g. **/*.pdf",
                );
            }
        }
    }
}

fn rest(s: &RestSettings, errors: &mut Errors) {
    let has_secret = !matches!(s.auth, RestAuth::None);
    http_url("settings.baseUrl", &s.base_url, has_secret, errors);

    match &s.auth {
        RestAuth::ApiKeyHeader { header } => {
            header_name("settings.auth.header", header, errors);
        }
        RestAuth::Basic { user } if user.trim().is_empty() => {
            errors.add("settings.auth.user", "is empty", "enter the user name");
        }
        RestAuth::OAuth2ClientCredentials {
            token_url,
            client_id,
            ..
        } => {
            http_url("settings.auth.tokenUrl", token_url, true, errors);
            if client_id.trim().is_empty() {
                errors.add("settings.auth.clientId", "is empty", "enter the client id");
            }
        }
        _ => {}
    }

    for (name, value) in &s.headers {
        let field = format!("settings.headers.{name}");
        header_name(&field, name, errors);
        let lower = name.to_ascii_lowercase();
        let auth_header = match &s.auth {
            RestAuth::ApiKeyHeader { header } => header.eq_ignore_ascii_case(name),
            _ => false,
        };
        if CREDENTIAL_HEADERS.contains(&lower.as_str()) || auth_header {
            errors.add(
                field.clone(),
                "carries credentials, which would be stored in clear",
                "remove it and choose the matching authentication; its secret goes to the \
                 system keyring",
            );
        }
        if value.chars().any(|c| c.is_control() && c != '\t') {
            errors.add(
                field,
                "holds control characters",
                "put the value on one line",
            );
        }
    }

    let method = s.probe.method.to_ascii_uppercase();
    if method != "GET" && method != "HEAD" {
        errors.add(
            "settings.probe.method",
            "is not a reading method",
            "use GET or HEAD: a connection test never changes anything",
        );
    }
    let path = &s.probe.path;
    if !path.is_empty() && !path.starts_with('/') {
        errors.add(
            "settings.probe.path",
            "does not start with /",
            "write it like /health",
        );
    } else if path.contains(char::is_whitespace) {
        errors.add(
            "settings.probe.path",
            "holds spaces",
            "encode spaces as %20",
        );
    }
    if let Some(status) = s.probe.expect_status {
        if !(100..=599).contains(&status) {
            errors.add(
                "settings.probe.expectStatus",
                "is not an HTTP status",
                "use a status between 100 and 599, e.g. 200, or leave it empty",
            );
        }
    }
}

fn http_url(field: &str, raw: &str, carries_secret: bool, errors: &mut Errors) {
    let example = "enter an address like https://api.example.com";
    let Ok(url) = Url::parse(raw.trim()) else {
        errors.add(field, "is not an address", example);
        return;
    };
    if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
        errors.add(field, "is not an http or https address", example);
        return;
    }
    if !url.username().is_empty() || url.password().is_some() {
        errors.add(
            field,
            "holds a user name or password",
            "remove it from the address and use the authentication settings",
        );
    }
    if url.query().is_some() || url.fragment().is_some() {
        errors.add(
            field,
            "holds a query string or fragment",
            "keep only the address; put query parameters in the probe path",
        );
    }
    if carries_secret && url.scheme() == "http" && !is_loopback(&url) {
        errors.add(
            field,
            "uses plain http while the connection sends a secret",
            "use the https address, so the secret does not travel unencrypted",
        );
    }
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        Some(Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

fn header_name(field: &str, name: &str, errors: &mut Errors) {
    let token = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c);
    if name.is_empty() || !name.chars().all(token) {
        errors.add(
            field,
            "is not a header name",
            "use letters, digits and dashes, e.g. X-Api-Key",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::{Probe, SqliteSettings, SslMode};

    fn fields(settings: Settings) -> Vec<String> {
        validate(&ProfileDraft::new("x", settings))
            .into_iter()
            .map(|e| e.field)
            .collect()
    }

    fn rest_with(auth: RestAuth, base_url: &str) -> RestSettings {
        RestSettings {
            base_url: base_url.into(),
            auth,
            headers: Default::default(),
            probe: Probe::default(),
        }
    }

    #[test]
    fn a_complete_postgres_draft_is_valid() {
        let pg = PostgresSettings {
            host: "db.example.org".into(),
            port: 5432,
            database: "crm".into(),
            user: "dpo".into(),
            ssl_mode: SslMode::Require,
            schemas: vec!["public".into()],
        };
        assert!(fields(Settings::Postgres(pg)).is_empty(), "nothing to fix");
    }

    #[test]
    fn every_problem_of_a_draft_is_reported_at_once_with_a_fix() {
        let draft = ProfileDraft::new(
            " ",
            Settings::Postgres(PostgresSettings {
                host: "postgres://db:5432".into(),
                port: 0,
                database: "".into(),
                user: "".into(),
                ssl_mode: SslMode::Prefer,
                schemas: vec![" ".into()],
            }),
        );
        let errors = validate(&draft);
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "name",
                "settings.host",
                "settings.port",
                "settings.database",
                "settings.user",
                "settings.schemas[0]"
            ],
            "one error per bad field, in form order"
        );
        assert!(
            errors.iter().all(|e| !e.fix.is_empty()),
            "each says how to fix it: {errors:?}"
        );
    }

    #[test]
    fn a_host_with_a_port_is_refused_but_an_ipv6_address_is_accepted() {
        let mysql = |host: &str| {
            Settings::MySql(MySqlSettings {
                host: host.into(),
                port: 3306,
                database: "d".into(),
                user: "u".into(),
            })
        };
        assert_eq!(
            fields(mysql("db:3306")),
            ["settings.host"],
            "the port has its own field"
        );
        assert!(fields(mysql("::1")).is_empty(), "an IPv6 address is a host");
        assert!(fields(mysql("[::1]")).is_empty(), "bracketed too");
    }

    #[test]
    fn relative_paths_and_bad_globs_are_refused() {
        assert_eq!(
            fields(Settings::Sqlite(SqliteSettings {
                path: "data.db".into()
            })),
            ["settings.path"],
            "a relative path depends on where the app started"
        );
        let folder = FolderSettings {
            path: "/srv/share".into(),
            include: vec!["**/*.pdf".into(), "[".into()],
            exclude: vec!["".into()],
        };
        assert_eq!(
            fields(Settings::Folder(folder)),
            ["settings.include[1]", "settings.exclude[0]"],
            "each bad pattern is named by its position"
        );
    }

    #[test]
    fn plain_http_is_refused_when_a_secret_would_travel_unencrypted() {
        let open = rest_with(RestAuth::None, "http://intranet.example/api");
        assert!(
            fields(Settings::RestApi(open)).is_empty(),
            "no secret, http is acceptable"
        );
        let bearer = rest_with(RestAuth::Bearer, "http://intranet.example/api");
        assert_eq!(fields(Settings::RestApi(bearer)), ["settings.baseUrl"]);
        let local = rest_with(RestAuth::Bearer, "http://127.0.0.1:8080");
        assert!(
            fields(Settings::RestApi(local)).is_empty(),
            "loopback never leaves the machine"
        );
    }

    #[test]
    fn credential_headers_are_refused_among_the_clear_text_headers() {
        let mut rest = rest_with(
            RestAuth::ApiKeyHeader {
                header: "X-Token".into(),
            },
            "https://api.example.com",
        );
        rest.headers
            .insert("Authorization".into(), "Bearer abc".into());
        rest.headers.insert("x-token".into(), "abc".into());
        rest.headers.insert("Accept-Language".into(), "fr".into());
        let errors = validate(&ProfileDraft::new("api", Settings::RestApi(rest)));
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            ["settings.headers.Authorization", "settings.headers.x-token"]
        );
        let text = errors.iter().map(ToString::to_string).collect::<String>();
        assert!(
            !text.contains("abc"),
            "a header value is never echoed: {text}"
        );
    }

    #[test]
    fn a_probe_that_could_change_data_is_refused() {
        let mut rest = rest_with(RestAuth::None, "https://api.example.com");
        rest.probe = Probe {
            method: "DELETE".into(),
            path: "health".into(),
            expect_status: Some(42),
        };
        assert_eq!(
            fields(Settings::RestApi(rest)),
            [
                "settings.probe.method",
                "settings.probe.path",
                "settings.probe.expectStatus"
            ]
        );
    }

    #[test]
    fn dastra_urls_follow_the_client_rule() {
        let dastra = |url: &str, auth| {
            Settings::DastraWorkspace(DastraSettings {
                base_url: url.into(),
                auth,
                workspace_id: 0,
                workspace_label: None,
            })
        };
        let cc = DastraAuth::ClientCredentials {
            public_key: "".into(),
            token_url: Some("http://account.example".into()),
        };
        assert_eq!(
            fields(dastra("http://api.example", cc)),
            [
                "settings.baseUrl",
                "settings.auth.publicKey",
                "settings.auth.tokenUrl",
                "settings.workspaceId"
            ]
        );
        let local = Settings::DastraWorkspace(DastraSettings {
            base_url: "http://127.0.0.1:8787".into(),
            auth: DastraAuth::ApiKey,
            workspace_id: 2,
            workspace_label: None,
        });
        assert!(
            fields(local).is_empty(),
            "a local sandbox over http is fine"
        );
    }
}
