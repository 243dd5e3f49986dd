//! Typed access to Dastra's public REST API, true to Dastra's published contract.
//!
//! # Layout
//!
//! - [`contract`]: Dastra's OpenAPI document (copied unchanged into `contract/openapi.json`)
//!   merged with Passerelle's overlay (`contract/overlay.json`), and validation of any body
//!   against it with a real JSON Schema validator. Everything else derives from it.
//! - [`assumptions`]: every shape assumed where the contract is silent (contracts, asset import,
//!   `/me`, error bodies…), explained once.
//! - [`models`]: serde models generated from the merged contract (camelCase, enums as strings,
//!   dates with or without offset); unknown fields and enum values are kept and sent back.
//! - [`resource`]: the [`Resource`] trait: where a collection lives and how its lists answer.
//! - [`client`]: [`client::DastraClient`]: API key or OAuth2 client credentials, paging and a
//!   concurrent stream of all pages, [`filter`]s, CRUD with RFC 6902 [`patch`]es, streamed
//!   attachment upload and download, a rate budget shared per key, retries that never repeat a
//!   write whose outcome is unknown.
//! - [`error`]: the one [`Error`] type: status, Dastra's error body, which request failed,
//!   never a secret.
//!
//! # Example
//!
//! ```no_run
//! # async fn demo() -> passerelle_dastra::Result<()> {
//! use futures::TryStreamExt;
//! use passerelle_dastra::client::{Auth, ClientOptions, ListQuery};
//! use passerelle_dastra::models::AssetDto;
//!
//! let client = ClientOptions::dastra(Auth::api_key("private key")).workspace(42).build()?;
//! let assets: Vec<AssetDto> = client.stream_all::<AssetDto>(ListQuery::new()).try_collect().await?;
//! # Ok(()) }
//! ```
//!
//! Not here: Tauri, storage of credentials (the vault crate), and anything a screen needs that
//! Dastra does not send (the ipc crate converts). The sandbox crate imitates the server side of
//! the same contract.

#![deny(missing_docs)]

pub mod assumptions;
pub mod client;
pub mod contract;
pub mod error;
pub mod filter;
pub mod models;
pub mod patch;
pub mod resource;

pub use client::{Auth, ClientOptions, DastraClient, ListQuery, Page};
pub use error::{Error, ErrorKind, Result};
pub use filter::{Filter, Operator, Separator};
pub use resource::{ListShape, Resource, Scope};
