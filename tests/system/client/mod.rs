//! The Dastra client against the sandbox: every promise of `passerelle_dastra::client` kept over
//! real HTTP, against a server that validates every body it receives against Dastra's contract.

mod auth;
mod lists;
mod resilience;
mod transfers;
mod writes;
