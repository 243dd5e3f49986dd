//! Shared helpers for system tests (being written).
