//! HTTP client (being written).
