"""Widget tests of the 案例库 page."""
