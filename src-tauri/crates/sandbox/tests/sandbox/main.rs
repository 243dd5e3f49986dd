//! Behaviour of the sandbox through its HTTP interface: most tests call the router in-process,
//! the fault and streaming tests run a real server on `127.0.0.1:0`.

mod attachments;
mod auth;
mod conformance;
mod faults;
mod import;
mod lists;
mod paths;
mod persistence;
mod support;
mod writes;
