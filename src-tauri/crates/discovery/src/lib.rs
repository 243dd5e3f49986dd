//! Placeholder: the crate essay comes with the matcher.

#![deny(missing_docs)]

mod date;
pub mod identity;
pub mod normalize;
pub mod pii;
