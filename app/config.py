"""Where the database lives by default (the user's data folder, or DISCLOSURE_DESK_DB)."""

import os
from pathlib import Path

from platformdirs import user_data_dir


def default_database() -> str:
    env = os.environ.get("DISCLOSURE_DESK_DB")
    if env:
        return env
    return str(Path(user_data_dir("DisclosureDesk", appauthor=False)) / "disclosure-desk.sqlite3")
