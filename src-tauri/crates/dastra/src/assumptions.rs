//! Where the contract is silent: every shape Passerelle assumes, in one place.
