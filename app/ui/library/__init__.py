"""案例库 page and its review dialog."""
