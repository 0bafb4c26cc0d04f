"""Widget tests: Python's garbage collector runs on the main thread only (see app/ui/main_thread_gc.py)."""

import gc

import pytest

from app.ui.common import prompts


@pytest.fixture(autouse=True)
def _collect_garbage_on_the_main_thread():
    """No automatic collection while a test runs (task threads would free Qt objects and crash);
    collect here, on the main thread, once it is over."""
    gc.disable()
    yield
    gc.collect()
    gc.enable()


@pytest.fixture(autouse=True)
def _forget_canned_answers():
    """Every test answers its own prompts; none leaks into the next."""
    yield
    prompts.reset_answers()

