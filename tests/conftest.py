"""Shared fixtures: offscreen Qt, a fresh SQLite database per test, and PostgreSQL when available."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
