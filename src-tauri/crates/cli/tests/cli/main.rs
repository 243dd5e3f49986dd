//! The `passerelle` binary, run as a separate process like a person or a script would.
//!
//! Tests that store secrets use the real OS keyring: run them under a session bus with an
//! unlocked keyring, as `scripts/test.sh` does. Without one they skip with a message, or fail
//! when `PASSERELLE_REQUIRE_SERVICES=1`.

mod audit;
mod commands;
mod discover;
mod evidence;
mod import;
mod leak;
mod support;
