//! `passerelle connections add <kind>`: the settings of each kind as flags.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use passerelle_connectors::dastra::list_workspaces;
use passerelle_connectors::TestOptions;
use passerelle_vault::settings::{
    DastraAuth, DastraSettings, FolderSettings, MySqlSettings, PostgresSettings, Probe, RestAuth,
    RestSettings, SqliteSettings, SslMode, DASTRA_API_URL,
};
use passerelle_vault::{ProfileDraft, Secret, Settings, Vault};

use super::{render, SecretSource};

/// `passerelle connections add …`
#[derive(clap::Args)]
pub struct AddArgs {
    #[command(subcommand)]
    kind: Kind,
}

#[derive(clap::Subcommand)]
enum Kind {
    /// A Dastra workspace (API key, or a key pair with --public-key).
    Dastra {
        #[command(flatten)]
        common: Common,
        /// The API's address.
        #[arg(long, default_value = DASTRA_API_URL)]
        base_url: String,
        /// The key's public part: authenticate with OAuth2 client credentials instead of an
        /// API key (the secret is then the private part).
        #[arg(long)]
        public_key: Option<String>,
        /// The OAuth2 token endpoint [default: Dastra's].
        #[arg(long, requires = "public_key")]
        token_url: Option<String>,
        /// The workspace; when left out, the only one the key sees is taken.
        #[arg(long)]
        workspace_id: Option<i64>,
    },
    /// A PostgreSQL database (the secret is the password, if it needs one).
    Postgres {
        #[command(flatten)]
        common: Common,
        #[command(flatten)]
        server: Server,
        /// TLS: disable, prefer, require, verify-ca or verify-full.
        #[arg(long, default_value = "prefer", value_parser = ssl_mode)]
        ssl_mode: SslMode,
        /// A schema to look at (repeat for several); every schema when none is given.
        #[arg(long = "schema")]
        schemas: Vec<String>,
    },
    /// A MySQL or MariaDB database (the secret is the password, if it needs one).
    #[command(alias = "mariadb")]
    Mysql {
        #[command(flatten)]
        common: Common,
        #[command(flatten)]
        server: Server,
    },
    /// An SQLite database file.
    Sqlite {
        #[command(flatten)]
        common: Common,
        /// The database file.
        #[arg(long)]
        path: PathBuf,
    },
    /// A folder or mounted share.
    Folder {
        #[command(flatten)]
        common: Common,
        /// The folder.
        #[arg(long)]
        path: PathBuf,
        /// A glob of files to take, like **/*.pdf (repeat for several); all when none.
        #[arg(long)]
        include: Vec<String>,
        /// A glob of files or folders to leave out (repeat for several).
        #[arg(long)]
        exclude: Vec<String>,
    },
    /// An HTTP API.
    Rest(RestArgs),
}

#[derive(clap::Args)]
struct Common {
    /// The connection's name.
    #[arg(long)]
    name: String,
    #[command(flatten)]
    secret: SecretSource,
    /// Print the new profile as JSON.
    #[arg(long)]
    json: bool,
}

#[derive(clap::Args)]
struct Server {
    /// The server's host name or IP address.
    #[arg(long)]
    host: String,
    /// The server's port [default: 5432 for PostgreSQL, 3306 for MySQL].
    #[arg(long)]
    port: Option<u16>,
    /// The database's name.
    #[arg(long)]
    database: String,
    /// The user name.
    #[arg(long)]
    user: String,
}

#[derive(clap::Args)]
struct RestArgs {
    #[command(flatten)]
    common: Common,
    /// The API's base address.
    #[arg(long)]
    base_url: String,
    /// How to authenticate: none, api-key-header, bearer, basic or oauth2.
    #[arg(long, default_value = "none")]
    auth: String,
    /// The header carrying the key (api-key-header).
    #[arg(long)]
    key_header: Option<String>,
    /// The user name (basic).
    #[arg(long)]
    user: Option<String>,
    /// The token endpoint (oauth2).
    #[arg(long)]
    token_url: Option<String>,
    /// The client id (oauth2).
    #[arg(long)]
    client_id: Option<String>,
    /// The scope to ask for (oauth2).
    #[arg(long)]
    scope: Option<String>,
    /// An extra header "Name: value", stored in clear (repeat for several).
    #[arg(long = "header")]
    headers: Vec<String>,
    /// The probe's method: GET or HEAD.
    #[arg(long, default_value = "GET")]
    probe_method: String,
    /// The probe's path, appended to the base address.
    #[arg(long, default_value = "")]
    probe_path: String,
    /// The status the probe must get [default: any success].
    #[arg(long)]
    expect_status: Option<u16>,
}

/// Build the settings from the flags, read the secret, and save the profile.
pub async fn run(vault: &Vault, args: AddArgs) -> anyhow::Result<()> {
    let (common, settings) = match args.kind {
        Kind::Dastra {
            common,
            base_url,
            public_key,
            token_url,
            workspace_id,
        } => {
            let auth = match public_key {
                Some(public_key) => DastraAuth::ClientCredentials {
                    public_key,
                    token_url,
                },
                None => DastraAuth::ApiKey,
            };
            let mut dastra = DastraSettings {
                base_url,
                auth,
                workspace_id: workspace_id.unwrap_or(0),
                workspace_label: None,
            };
            let secret = common.secret.read()?;
            if workspace_id.is_none() {
                pick_workspace(&mut dastra, secret.as_ref()).await?;
            }
            return save(vault, common, Settings::DastraWorkspace(dastra), secret);
        }
        Kind::Postgres {
            common,
            server,
            ssl_mode,
            schemas,
        } => {
            let settings = Settings::Postgres(PostgresSettings {
                port: server.port.unwrap_or(5432),
                host: server.host,
                database: server.database,
                user: server.user,
                ssl_mode,
                schemas,
            });
            (common, settings)
        }
        Kind::Mysql { common, server } => {
            let settings = Settings::MySql(MySqlSettings {
                port: server.port.unwrap_or(3306),
                host: server.host,
                database: server.database,
                user: server.user,
            });
            (common, settings)
        }
        Kind::Sqlite { common, path } => {
            let path = absolute(&path)?;
            (common, Settings::Sqlite(SqliteSettings { path }))
        }
        Kind::Folder {
            common,
            path,
            include,
            exclude,
        } => {
            let path = absolute(&path)?;
            let settings = FolderSettings {
                path,
                include,
                exclude,
            };
            (common, Settings::Folder(settings))
        }
        Kind::Rest(rest) => {
            let settings = rest_settings(&rest)?;
            (rest.common, Settings::RestApi(settings))
        }
    };
    let secret = common.secret.read()?;
    save(vault, common, settings, secret)
}

fn save(
    vault: &Vault,
    common: Common,
    settings: Settings,
    secret: Option<Secret>,
) -> anyhow::Result<()> {
    let profile = vault.create(ProfileDraft::new(common.name, settings), secret)?;
    render::added(&profile, common.json)
}

/// Take the only workspace the key sees, or say which ones there are.
async fn pick_workspace(
    dastra: &mut DastraSettings,
    secret: Option<&Secret>,
) -> anyhow::Result<()> {
    let Some(secret) = secret else {
        bail!("give --workspace-id, or the key (--secret-stdin or --secret-env) to pick it");
    };
    let workspaces = list_workspaces(dastra, secret, &TestOptions::default())
        .await
        .map_err(|failure| anyhow::anyhow!("{}", failure.message))?;
    match workspaces.as_slice() {
        [only] => {
            dastra.workspace_id = only.id;
            dastra.workspace_label = Some(only.label.clone());
            Ok(())
        }
        [] => bail!("the key sees no workspace: ask a Dastra administrator for access"),
        many => {
            let list: Vec<String> = many
                .iter()
                .map(|w| format!("{} ({})", w.label, w.id))
                .collect();
            bail!(
                "the key sees several workspaces, choose one with --workspace-id: {}",
                list.join(", ")
            )
        }
    }
}

fn rest_settings(args: &RestArgs) -> anyhow::Result<RestSettings> {
    let need = |value: &Option<String>, flag: &str| {
        value
            .clone()
            .with_context(|| format!("--auth {} needs {flag}", args.auth))
    };
    let auth = match args.auth.as_str() {
        "none" => RestAuth::None,
        "api-key-header" => RestAuth::ApiKeyHeader {
            header: need(&args.key_header, "--key-header NAME")?,
        },
        "bearer" => RestAuth::Bearer,
        "basic" => RestAuth::Basic {
            user: need(&args.user, "--user NAME")?,
        },
        "oauth2" => RestAuth::OAuth2ClientCredentials {
            token_url: need(&args.token_url, "--token-url URL")?,
            client_id: need(&args.client_id, "--client-id ID")?,
            scope: args.scope.clone(),
        },
        other => {
            bail!("--auth {other} is not known: use none, api-key-header, bearer, basic or oauth2")
        }
    };
    let mut headers = BTreeMap::new();
    for header in &args.headers {
        let Some((name, value)) = header.split_once(':') else {
            bail!("--header {header:?} is not \"Name: value\"");
        };
        headers.insert(name.trim().to_owned(), value.trim().to_owned());
    }
    Ok(RestSettings {
        base_url: args.base_url.clone(),
        auth,
        headers,
        probe: Probe {
            method: args.probe_method.clone(),
            path: args.probe_path.clone(),
            expect_status: args.expect_status,
        },
    })
}

fn ssl_mode(text: &str) -> Result<SslMode, String> {
    match text {
        "disable" => Ok(SslMode::Disable),
        "prefer" => Ok(SslMode::Prefer),
        "require" => Ok(SslMode::Require),
        "verify-ca" => Ok(SslMode::VerifyCa),
        "verify-full" => Ok(SslMode::VerifyFull),
        _ => Err("use disable, prefer, require, verify-ca or verify-full".to_owned()),
    }
}

/// A path given on the command line, made absolute against the current folder.
fn absolute(path: &Path) -> anyhow::Result<PathBuf> {
    std::path::absolute(path).with_context(|| format!("resolving {}", path.display()))
}
