"""Import hook: make `import app.x.y` load a mutant file instead of the tracked module."""

from __future__ import annotations

import importlib.abc
import importlib.util
import sys


class _MutantFinder(importlib.abc.MetaPathFinder):
    """Answers for exactly one module name, with a spec whose origin is the mutant file."""

    def __init__(self, name: str, path: str) -> None:
        self.name = name
        self.path = path

    def find_spec(self, fullname, path=None, target=None):  # noqa: ANN001 - importlib protocol
        if fullname != self.name:
            return None
        return importlib.util.spec_from_file_location(fullname, self.path)


def install_mutant(name: str, path: str) -> None:
    """Put the finder first on sys.meta_path; the module must not be imported yet."""
    if name in sys.modules:
        raise RuntimeError(f"{name} was imported before the mutant hook was installed")
    sys.dont_write_bytecode = True
    sys.meta_path.insert(0, _MutantFinder(name, path))
