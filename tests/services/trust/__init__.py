"""Service tests of the audit chain, log-in, sessions, backup, restore and PostgreSQL roles."""
