"""Shared UI building blocks: prompts, style, columns and table models, forms, fields, tasks, layouts."""
