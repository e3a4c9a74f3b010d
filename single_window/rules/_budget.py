"""A time budget for the rules of one declaration: a rule that runs over it is stopped.

Packs can name Python predicates, and a predicate can loop for ever. So that one input
cannot stall ``check`` (or a whole batch), the engine evaluates a declaration's rules
under a budget: one watchdog thread per process keeps each evaluating thread's deadline
and, when a deadline passes, raises :class:`RuleTimeout` in that thread
(``PyThreadState_SetAsyncExc``). The engine catches it and reports the rule that was
running as an error: it fails closed.

The exception arrives between two Python bytecodes, so it stops any rule written in
Python; a call that blocks inside C code (a system call, a C extension) is interrupted
when it returns. Pack patterns run on RE2, in time linear in the input.
"""

from __future__ import annotations

import ctypes
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

__all__ = ["RuleTimeout", "budget"]


class RuleTimeout(BaseException):
    """Raised in a thread whose rules ran over their budget.

    A ``BaseException`` so that a rule's own ``except Exception`` does not swallow it.
    """


_set_async_exc = ctypes.pythonapi.PyThreadState_SetAsyncExc
_set_async_exc.argtypes = (ctypes.c_ulong, ctypes.py_object)
_set_async_exc.restype = ctypes.c_int


@dataclass
class _Entry:
    deadline: float
    fired: bool = False
    enclosing: _Entry | None = None
    """The deadline of the budget this one is nested in (restored when this one ends)."""


class _Watchdog:
    """One daemon thread that stops threads whose deadline has passed."""

    #: How often the watchdog looks at the deadlines, in seconds.
    TICK = 0.05

    def __init__(self) -> None:
        self._reset()
        # A forked child has neither the watchdog thread nor a usable lock state.
        os.register_at_fork(after_in_child=self._reset)

    def _reset(self) -> None:
        self._lock = threading.Lock()
        self._entries: dict[int, _Entry] = {}
        self._thread: threading.Thread | None = None

    def _run(self) -> None:
        while True:
            time.sleep(self.TICK)
            now = time.monotonic()
            with self._lock:
                for ident, entry in self._entries.items():
                    if not entry.fired and now >= entry.deadline:
                        entry.fired = True
                        _set_async_exc(ident, RuleTimeout)

    def _start(self) -> None:
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(
                    target=self._run, name="single_window rule budget", daemon=True
                )
                self._thread.start()

    def enter(self, seconds: float) -> bool:
        """Start a deadline ``seconds`` from now for this thread. Within an enclosing
        budget that ends first, that one stays in force: False (nothing to leave)."""
        if self._thread is None:
            self._start()
        deadline = time.monotonic() + seconds
        ident = threading.get_ident()
        with self._lock:
            enclosing = self._entries.get(ident)
            if enclosing is not None and enclosing.deadline <= deadline:
                return False
            self._entries[ident] = _Entry(deadline, enclosing=enclosing)
        return True

    def leave(self) -> None:
        ident = threading.get_ident()
        with self._lock:
            entry = self._entries.pop(ident, None)
            if entry is None:
                return
            if entry.enclosing is not None:
                self._entries[ident] = entry.enclosing
            if entry.fired:
                # A stop set but not yet delivered must not land after the budget ends.
                _set_async_exc(ident, ctypes.py_object())


_WATCHDOG = _Watchdog()


@contextmanager
def budget(seconds: float | None) -> Iterator[None]:
    """Run the block under a deadline; :class:`RuleTimeout` is raised in it when it runs
    over. None: no budget. Budgets nest: within another budget, the one that ends first
    holds (so a whole check and the rules inside it share one deadline)."""
    if seconds is None:
        yield
        return
    own = _WATCHDOG.enter(seconds)
    try:
        yield
    finally:
        if own:
            _WATCHDOG.leave()
