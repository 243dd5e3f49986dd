//! REST recipes against a real local HTTP server.
