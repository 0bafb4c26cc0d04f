"""Service tests of 案例库."""
