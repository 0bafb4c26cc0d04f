"""The letter preview: its hook from a case, the dialog, and the painted pages."""
