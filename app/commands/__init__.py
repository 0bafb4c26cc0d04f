"""Command-line subcommands of ``python -m app``; each module exposes ``register(subparsers)``."""
