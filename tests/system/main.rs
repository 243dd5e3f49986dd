//! System tests: the real Dastra client against the real sandbox, over HTTP on `127.0.0.1:0`.
//!
//! - [`conformance`]: every sandbox operation against Dastra's contract, request and response;
//! - [`client`]: the client's promises (paging, filters, patches, transfers, retries, errors)
//!   kept against a server that validates everything it is sent.
//!
//! Each test starts its own sandbox (see `passerelle_tests::start_sandbox`), so tests share
//! nothing and run in any order. The benchmark lives apart, in `benches/fetch_assets.rs`.

mod client;
mod conformance;
