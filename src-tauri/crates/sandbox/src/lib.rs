//! The sandbox workspace (being written).
