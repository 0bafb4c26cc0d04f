"""Give back the reference to True/False that PySide6's SignalInstance.emit/disconnect steal.

PySide6 6.12.0 returns ``Py_True``/``Py_False`` from ``SignalInstance.emit()`` and
``SignalInstance.disconnect()`` without taking a new reference. Each call therefore drops one
reference to the bool it returns. CPython 3.11's bools are not immortal, so a long session (or a
test run) drives the count of True towards zero; freeing the last holders at exit then aborts
with "Fatal Python error: bool_dealloc … refcount error in a C extension".

``install()`` measures whether the running PySide6 has the defect and, only if so, wraps the two
methods so that each returned bool gets its missing reference back. With a fixed PySide6 the probe
finds nothing and the library is left untouched.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal, SignalInstance

_PROBE_CALLS = 8
_installed: list[str] = []


class _Probe(QObject):
    fired = Signal()


def _noop() -> None:
    pass


def _incref():
    incref = ctypes.pythonapi.Py_IncRef
    incref.argtypes = [ctypes.py_object]
    incref.restype = None
    return incref


def _drops_a_reference(call) -> bool:
    """True when ``call()`` (discarding its result) leaves fewer references to True/False; the
    references the probe itself lost are given back."""
    before = {value: sys.getrefcount(value) for value in (True, False)}
    for _ in range(_PROBE_CALLS):
        call()
    lost = {value: count - sys.getrefcount(value) for value, count in before.items()}
    incref = _incref()
    for value, count in lost.items():
        for _ in range(max(count, 0)):
            incref(value)
    return any(count > 0 for count in lost.values())


def _giving_back(method):
    incref = _incref()

    def wrapper(self, *args, **kwargs):
        result = method(self, *args, **kwargs)
        if result is True or result is False:
            incref(result)         # the reference PySide6 should have taken
        return result

    wrapper.__name__, wrapper.__doc__ = method.__name__, method.__doc__
    wrapper.gives_back_bool_reference = True
    return wrapper


def install() -> tuple[str, ...]:
    """Repair the methods found dropping a reference; returns their names (idempotent)."""
    if _installed or getattr(SignalInstance.emit, "gives_back_bool_reference", False):
        return tuple(_installed)
    probe = _Probe()

    def connect_and_disconnect() -> None:
        probe.fired.connect(_noop)
        probe.fired.disconnect(_noop)

    checks = {"emit": probe.fired.emit, "disconnect": connect_and_disconnect}
    for name, call in checks.items():
        if _drops_a_reference(call):
            setattr(SignalInstance, name, _giving_back(getattr(SignalInstance, name)))
            _installed.append(name)
    return tuple(_installed)


def installed() -> tuple[str, ...]:
    return tuple(_installed)
