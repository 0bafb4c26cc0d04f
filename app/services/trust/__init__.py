"""Trust: the audit chain, log-in and sessions, users and passwords, backup, restore and upgrade backups."""
