"""Widget tests of the letter preview."""
