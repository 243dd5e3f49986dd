//! Typed access to Dastra's public REST API.
//!
//! TODO(dastra): crate essay (layout tour, example) once the modules settle.

#![deny(missing_docs)]

pub mod assumptions;
pub mod client;
pub mod contract;
pub mod error;
pub mod filter;
pub mod models;
pub mod patch;
pub mod resource;

pub use error::{Error, Result};
pub use filter::{Filter, Operator, Separator};
pub use resource::{ListShape, Resource, Scope};
