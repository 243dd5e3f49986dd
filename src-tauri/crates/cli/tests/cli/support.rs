//! Running the real `passerelle` binary in a session of its own: temporary config, data, cache,
//! state and log folders, every argument list and every output kept for inspection.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

/// What one run of the binary did.
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Panic with both outputs unless the run succeeded.
    pub fn ok(self) -> Run {
        assert_eq!(
            self.code,
            Some(0),
            "the command failed: {}\n{}",
            self.stdout,
            self.stderr
        );
        self
    }

    /// Panic with both outputs unless the run failed with exit code 1 and its error output
    /// says `expected`.
    #[track_caller]
    pub fn fails_with(self, expected: &str) -> Run {
        assert_eq!(
            self.code,
            Some(1),
            "the command should have failed: {}\n{}",
            self.stdout,
            self.stderr
        );
        assert_holds(&self.stderr, expected);
        self
    }
}

/// Panic, showing `text`, unless it holds `part`.
#[track_caller]
pub fn assert_holds(text: &str, part: &str) {
    assert!(text.contains(part), "« {part} » is not in:\n{text}");
}

/// A scripted session: the binary's view of the world is all under one temporary folder.
pub struct Session {
    pub root: tempfile::TempDir,
    /// Every argument list passed to the binary, as `ps` would have shown it.
    pub args: Vec<Vec<String>>,
    runs: usize,
}

impl Session {
    pub fn new() -> Session {
        let root = tempfile::tempdir().expect("temp dir");
        for dir in ["config", "data", "cache", "state", "logs"] {
            std::fs::create_dir_all(root.path().join(dir)).expect("folder");
        }
        Session {
            root,
            args: Vec::new(),
            runs: 0,
        }
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.path().join(rel)
    }

    /// Where the binary keeps its profiles by default in this session.
    pub fn profiles_file(&self) -> PathBuf {
        self.path("config/passerelle/connections.json")
    }

    /// Run `passerelle args…` with `stdin` piped in and extra environment variables. Its
    /// outputs are also written to the session's log folder, as an app's log would be.
    pub fn run(&mut self, args: &[&str], stdin: Option<&str>, env: &[(&str, &str)]) -> Run {
        let mut command = self.command(args);
        command
            .envs(env.iter().copied())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        self.args.push(args.iter().map(|a| a.to_string()).collect());
        self.finish(command, args, stdin)
    }

    /// The command `passerelle args…` in this session, not started (for a test that kills
    /// it); its standard streams are not set.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_passerelle"));
        command
            .args(args)
            .env_remove("PASSERELLE_PROFILES")
            .env_remove("PASSERELLE_DATA")
            .env_remove("RUST_BACKTRACE")
            .env("XDG_CONFIG_HOME", self.path("config"))
            .env("XDG_DATA_HOME", self.path("data"))
            .env("XDG_CACHE_HOME", self.path("cache"))
            .env("XDG_STATE_HOME", self.path("state"))
            .env("LOG_LEVEL", "trace");
        command
    }

    fn finish(&mut self, mut command: Command, args: &[&str], stdin: Option<&str>) -> Run {
        let mut child = command.spawn().expect("the binary starts");
        let mut input = child.stdin.take().expect("stdin");
        if let Some(text) = stdin {
            input.write_all(text.as_bytes()).expect("stdin written");
        }
        drop(input);
        let output = wait(child, Duration::from_secs(60));

        let run = Run {
            code: output.status.code(),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        };
        self.runs += 1;
        let log = self.path(&format!("logs/run-{:02}.log", self.runs));
        let text = format!(
            "$ passerelle {}\n{}\n{}",
            args.join(" "),
            run.stdout,
            run.stderr
        );
        std::fs::write(log, text).expect("log written");
        run
    }
}

fn wait(child: std::process::Child, limit: Duration) -> std::process::Output {
    let (tx, rx) = std::sync::mpsc::channel();
    let pid = child.id();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    match rx.recv_timeout(limit) {
        Ok(output) => output.expect("the binary ran"),
        Err(_) => panic!("passerelle (pid {pid}) did not finish within {limit:?}"),
    }
}

/// Every file under `dir`, recursively.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("listable") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files
}

/// The OS keyring, or `None` after saying why (failing when services are required).
pub fn keyring_available() -> bool {
    let unavailable = |reason: String| {
        assert!(
            !services_required(),
            "PASSERELLE_REQUIRE_SERVICES=1 but the OS keyring is unusable: {reason}; run the \
             tests under dbus-run-session with gnome-keyring unlocked (see scripts/test.sh)"
        );
        eprintln!("SKIPPED: no usable OS keyring ({reason})");
        false
    };
    if cfg!(target_os = "linux") && std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_none() {
        return unavailable("DBUS_SESSION_BUS_ADDRESS is not set".into());
    }
    let probe = passerelle_vault::KeyringStore::new().with_timeout(Duration::from_secs(5));
    match probe.probe() {
        Ok(()) => true,
        Err(e) => unavailable(e.to_string()),
    }
}

/// What the keyring holds for a profile id, read with the keyring crate itself.
pub fn keyring_entry(id: &str) -> Option<String> {
    let entry = keyring::Entry::new("passerelle", id).expect("an entry");
    match entry.get_password() {
        Ok(value) => Some(value),
        Err(keyring::Error::NoEntry) => None,
        Err(e) => panic!("the keyring could not be read: {e}"),
    }
}

pub fn services_required() -> bool {
    std::env::var("PASSERELLE_REQUIRE_SERVICES").is_ok_and(|v| v == "1")
}

/// A random marker to look for.
pub fn marker(what: &str) -> String {
    format!("LEAK-{what}-{}", uuid::Uuid::new_v4().simple())
}

/// The id of the profile printed by `connections add … --json`.
pub fn added_id(run: &Run) -> String {
    let profile: serde_json::Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("add --json prints the profile ({e}): {}", run.stdout));
    profile["id"].as_str().expect("an id").to_owned()
}
