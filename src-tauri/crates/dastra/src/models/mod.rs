//! Models (being generated).
