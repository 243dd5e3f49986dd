//! The crate's error type (being written).
/// Placeholder until the client lands.
#[derive(Debug, thiserror::Error)]
pub enum Error {}
/// Result alias.
pub type Result<T> = std::result::Result<T, Error>;
