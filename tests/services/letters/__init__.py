"""Service tests of letters, notices and their legal gates."""
