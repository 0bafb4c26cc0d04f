"""PySide6 user interface: windows, views, dialogs, table models, tasks and prompts."""

from app.ui.signal_refcount import install as _give_back_bool_references

_give_back_bool_references()     # before any window emits a signal: see app/ui/signal_refcount.py
