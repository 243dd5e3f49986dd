//! System tests (being written).
