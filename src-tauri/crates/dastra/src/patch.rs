//! RFC 6902 JSON Patch helpers (being written).
