"""Pure export functions: (data, path) -> path. No Qt, no database session."""
