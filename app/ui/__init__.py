"""PySide6 user interface: windows, views, dialogs, table models, tasks and prompts."""
