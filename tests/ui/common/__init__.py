"""Widget tests of shared UI pieces: date field, error line, prompts."""
