//! Why a connection failed, classified for the person who has to fix it.
//!
//! Every failure has a stable [`FailureCode`] (what the UI branches on and translates) and a
//! message in plain English that names the system and says what to check. The optional detail
//! is the underlying technical error, for support; neither ever holds a secret (every failure
//! is scrubbed of the secret that was used before it leaves [`crate::test_connection`]).

use std::fmt;
use std::io;
use std::time::Duration;

use serde::{Deserialize, Serialize};

/// The classes of failure, stable across versions (serialised in camelCase).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub enum FailureCode {
    /// The host could not be reached: unknown name, connection refused, network down.
    Unreachable,
    /// The secure connection could not be set up: TLS refused, certificate not trusted.
    Tls,
    /// The user name, password, key or token was refused.
    WrongCredentials,
    /// The credentials were accepted but lack a right (to the database, the folder, the route).
    MissingPermission,
    /// Nothing answered in time.
    Timeout,
    /// The database, workspace, file, folder or path does not exist.
    NotFound,
    /// The settings cannot work as they are (not an SQLite file, a file instead of a folder).
    InvalidSettings,
    /// The connection needs a password or key and none is stored.
    SecretMissing,
    /// The database refused a query as not valid SQL.
    QuerySyntax,
    /// A query reads a table or view the database does not have.
    UnknownTable,
    /// A query reads a column the database does not have.
    UnknownColumn,
    /// An API answered with something that is not JSON.
    NotJson,
    /// Anything else; the message and detail say what happened.
    Other,
}

impl FailureCode {
    /// The stable code, as serialised (`wrongCredentials`).
    pub fn as_str(self) -> &'static str {
        match self {
            FailureCode::Unreachable => "unreachable",
            FailureCode::Tls => "tls",
            FailureCode::WrongCredentials => "wrongCredentials",
            FailureCode::MissingPermission => "missingPermission",
            FailureCode::Timeout => "timeout",
            FailureCode::NotFound => "notFound",
            FailureCode::InvalidSettings => "invalidSettings",
            FailureCode::SecretMissing => "secretMissing",
            FailureCode::QuerySyntax => "querySyntax",
            FailureCode::UnknownTable => "unknownTable",
            FailureCode::UnknownColumn => "unknownColumn",
            FailureCode::NotJson => "notJson",
            FailureCode::Other => "other",
        }
    }

    /// Every code, in declaration order.
    pub const ALL: [FailureCode; 13] = [
        FailureCode::Unreachable,
        FailureCode::Tls,
        FailureCode::WrongCredentials,
        FailureCode::MissingPermission,
        FailureCode::Timeout,
        FailureCode::NotFound,
        FailureCode::InvalidSettings,
        FailureCode::SecretMissing,
        FailureCode::QuerySyntax,
        FailureCode::UnknownTable,
        FailureCode::UnknownColumn,
        FailureCode::NotJson,
        FailureCode::Other,
    ];
}

impl fmt::Display for FailureCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A classified failure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Failure {
    /// What kind of failure.
    pub code: FailureCode,
    /// What happened and what to check, as one or two sentences for a non-developer.
    pub message: String,
    /// The underlying technical error, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub detail: Option<String>,
    /// What the failure is about, when the system named it: the table or column a query
    /// reads that the database does not have or does not let the account read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub subject: Option<String>,
}

impl Failure {
    /// A failure with this code and message.
    pub fn new(code: FailureCode, message: impl Into<String>) -> Self {
        Failure {
            code,
            message: message.into(),
            detail: None,
            subject: None,
        }
    }

    /// The same failure, about `subject` (a table, a column).
    pub fn with_subject(mut self, subject: Option<String>) -> Self {
        self.subject = subject;
        self
    }

    /// The same failure with a technical detail.
    pub fn with_detail(mut self, detail: impl fmt::Display) -> Self {
        self.detail = Some(detail.to_string());
        self
    }

    /// `target` could not be reached.
    pub fn unreachable(target: &str) -> Self {
        Failure::new(
            FailureCode::Unreachable,
            format!(
                "Passerelle could not reach {target}. Check the address and port, that the \
                 server is running, and that this computer may connect to it (firewall, VPN)."
            ),
        )
    }

    /// The secure connection to `target` failed.
    pub fn tls(target: &str) -> Self {
        Failure::new(
            FailureCode::Tls,
            format!(
                "The secure (TLS) connection to {target} failed. Check the TLS setting, or ask \
                 the server's administrator whether its certificate is valid for this address."
            ),
        )
    }

    /// `target` did not answer within `after`.
    pub fn timeout(target: &str, after: Duration) -> Self {
        Failure::new(
            FailureCode::Timeout,
            format!(
                "{} did not answer within {} seconds. Check the address, and that no firewall \
                 silently drops the connection; then try again.",
                capitalise(target),
                after.as_secs().max(1)
            ),
        )
    }

    /// The connection needs a secret (`what`) and none is stored.
    pub fn secret_missing(what: &str) -> Self {
        Failure::new(
            FailureCode::SecretMissing,
            format!("No {what} is stored for this connection. Enter it, then test again."),
        )
    }

    /// Replace every occurrence of `secret` in the message and detail by `***`.
    pub(crate) fn scrub(&mut self, secret: &str) {
        if secret.is_empty() {
            return;
        }
        self.message = self.message.replace(secret, "***");
        if let Some(detail) = &mut self.detail {
            *detail = detail.replace(secret, "***");
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

impl std::error::Error for Failure {}

/// The class of a network-level error, from the error and its sources: refused or unknown
/// hosts are unreachable, certificate and handshake problems are TLS, timeouts are timeouts.
pub(crate) fn classify_network(err: &(dyn std::error::Error + 'static)) -> FailureCode {
    let mut text = String::new();
    let mut current = Some(err);
    while let Some(e) = current {
        if let Some(io) = e.downcast_ref::<io::Error>() {
            match io.kind() {
                io::ErrorKind::TimedOut => return FailureCode::Timeout,
                io::ErrorKind::ConnectionRefused => return FailureCode::Unreachable,
                _ => {}
            }
        }
        text.push_str(&e.to_string().to_lowercase());
        text.push(' ');
        current = e.source();
    }
    classify_text(&text)
}

/// The class of a network-level error from its text alone (for errors that reach us as text,
/// like the Dastra client's transport causes).
pub(crate) fn classify_text(text: &str) -> FailureCode {
    // NOTE: rustls, hyper and the resolvers expose no typed cause through every layer; their
    // messages are stable enough, and the fallback (unreachable) is a fair reading anyway.
    const TLS: [&str; 6] = [
        "certificate",
        "tls",
        "handshake",
        "ssl",
        "corrupt message",
        "x509",
    ];
    let text = text.to_lowercase();
    if TLS.iter().any(|word| text.contains(word)) {
        FailureCode::Tls
    } else if text.contains("timed out") || text.contains("timeout") {
        FailureCode::Timeout
    } else {
        FailureCode::Unreachable
    }
}

/// The error and its sources as one line (`a: b: c`), for a failure's detail.
pub(crate) fn chain(err: &(dyn std::error::Error + 'static)) -> String {
    let mut text = err.to_string();
    let mut current = err.source();
    while let Some(e) = current {
        let next = e.to_string();
        if !text.contains(&next) {
            text.push_str(": ");
            text.push_str(&next);
        }
        current = e.source();
    }
    text
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_serialise_as_their_stable_names() {
        for code in FailureCode::ALL {
            let json = serde_json::to_value(code).expect("serialisable");
            assert_eq!(json, code.as_str(), "{code:?} has one name everywhere");
        }
    }

    #[test]
    fn a_refused_connection_is_unreachable_and_a_timeout_is_a_timeout() {
        let refused = io::Error::from(io::ErrorKind::ConnectionRefused);
        assert_eq!(classify_network(&refused), FailureCode::Unreachable);
        let slow = io::Error::from(io::ErrorKind::TimedOut);
        assert_eq!(classify_network(&slow), FailureCode::Timeout);
        let cert = io::Error::other("invalid peer certificate: UnknownIssuer");
        assert_eq!(classify_network(&cert), FailureCode::Tls);
    }

    #[test]
    fn scrubbing_removes_the_secret_from_message_and_detail() {
        let mut failure = Failure::new(FailureCode::Other, "token abc123 refused")
            .with_detail("server said: abc123 is wrong");
        failure.scrub("abc123");
        let text = format!("{failure} {:?}", failure.detail);
        assert!(!text.contains("abc123"), "{text}");
        assert!(text.contains("***"), "the place is marked: {text}");
    }

    #[test]
    fn standard_sentences_name_the_target_and_say_what_to_check() {
        let failure = Failure::timeout("the PostgreSQL server db:5432", Duration::from_secs(10));
        assert!(
            failure
                .message
                .starts_with("The PostgreSQL server db:5432 did not answer within 10"),
            "{failure}"
        );
        assert!(Failure::unreachable("x")
            .message
            .contains("Check the address"));
    }
}
