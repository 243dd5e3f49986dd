//! Discovery jobs against real sources: a folder of real files, PostgreSQL and MariaDB on
//! 127.0.0.1 and SQLite files, with findings sealed by a key in the real OS keyring.
//!
//! A test needing PostgreSQL or MariaDB skips with a message when the server is not reachable,
//! and fails instead when `PASSERELLE_REQUIRE_SERVICES=1`.

mod api;
mod attach;
mod fixture;
mod jobs;
mod package;
mod resume;
mod review;
mod support;
