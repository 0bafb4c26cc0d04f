"""案例库: typical cases, anonymised, searched, exported and imported."""
