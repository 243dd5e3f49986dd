//! The connectors against real systems: PostgreSQL and MariaDB on 127.0.0.1, SQLite files and
//! folders in temporary directories, and the sandbox over HTTP as Dastra and as a REST API.
//!
//! A test needing PostgreSQL or MariaDB skips with a message when the server is not reachable,
//! and fails instead when `PASSERELLE_REQUIRE_SERVICES=1`. Scratch tables, users and databases
//! carry the `passerelle_t_` prefix and are dropped even when a test fails.

mod dastra;
mod folder;
mod mysql;
mod postgres;
mod rest;
mod search;
mod sqlite;
mod support;
