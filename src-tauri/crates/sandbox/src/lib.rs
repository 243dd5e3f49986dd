//! A local Dastra: the same API, seeded with a realistic French organisation.
//!
//! (Crate essay below is completed in a later commit.)

#![deny(missing_docs)]
#![recursion_limit = "256"]

mod auth;
mod error;
mod faults;
mod operations;
mod options;
mod persist;
mod query;
mod rate;
mod routes;
mod rules;
mod seed;
mod server;
mod spec;
mod state;
mod store;
mod text;
mod validate;
mod views;

pub use error::{ApiError, Error, Result};
pub use faults::AbortConnection;
pub use operations::OPERATIONS;
pub use options::{Faults, RateWindow, SandboxOptions, SeedOptions};
pub use rate::WindowState;
pub use routes::app;
pub use seed::{HEALTH_WORKSPACE, MAIN_WORKSPACE};
pub use server::{serve, serve_with_shutdown, start, start_with_state, RunningSandbox};
pub use state::{SandboxState, TokenCheck};
pub use store::Store;
