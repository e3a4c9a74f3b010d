"""Pausing the cyclic garbage collector while a declaration is read and checked.

Checking a declaration builds its model (about 50 objects the collector tracks per goods
item) and drops it again at the end, by reference counting: the model holds no cycles.
While it is being built, though, the collector runs every 700 allocations and rescans
the young objects (the model so far) and, now and then, everything the process holds:
the cost per goods item then grows with the size of the declaration and of the caller's
heap. Paused for the length of one :func:`~single_window.check` or
:func:`~single_window.validate`, it runs instead after them, when the model is gone and
there is little left to scan.

Safe for embedders:

- The caller's setting is restored when the call returns or raises; a collector the
  caller disabled stays disabled, and one the caller enabled is never left disabled.
- Calls in several threads share one pause: the collector resumes when the last of them
  ends (a call made inside another, as ``check`` calls ``validate``, adds nothing).
  While calls keep overlapping, the call that ends runs one collection of the young
  generations at least once a second, and a full one every tenth time, so garbage made
  by the rest of the process does not pile up.
- A process forked during a pause gets the caller's setting back, at once or, when the
  thread that forked was inside a call, when that call ends there.
"""

from __future__ import annotations

import functools
import gc
import os
import threading
import time
from collections.abc import Callable
from typing import ParamSpec, TypeVar

__all__ = ["MAX_PAUSE_SECONDS", "paused"]

#: While calls in several threads keep the collector paused, the longest it stays
#: paused before a call that ends runs a collection.
MAX_PAUSE_SECONDS = 1.0
#: Every this many such collections, a full one (the others collect the young generations).
FULL_EVERY = 10

_P = ParamSpec("_P")
_R = TypeVar("_R")

_lock = threading.Lock()
_inside = 0  # threads with a call under way
_thread = threading.local()  # .inside: this thread has a call under way (calls nest)
_resume = False  # the caller's setting when the first of them began
_since = 0.0  # when the collector last ran or was paused
_collections = 0  # collections run during an overlapping pause


def _enter() -> None:
    global _inside, _resume, _since
    with _lock:
        if _inside == 0:
            _resume = gc.isenabled()
            _since = time.monotonic()
            gc.disable()
        _inside += 1


def _leave() -> None:
    global _inside, _since, _collections
    with _lock:
        _inside -= 1
        if not _resume:
            return
        if _inside == 0:
            gc.enable()
            return
        now = time.monotonic()
        if now - _since < MAX_PAUSE_SECONDS:
            return
        _since = now
        _collections += 1
        generation = 2 if _collections % FULL_EVERY == 0 else 1
    # Outside the lock: a finalizer run by the collection may itself check a declaration.
    gc.collect(generation)


def _after_fork_in_child() -> None:
    """A forked child has one thread, the one that forked: the pause goes on there only
    if that thread was inside a call, until the call ends."""
    global _lock, _inside
    _lock = threading.Lock()
    _inside = 1 if getattr(_thread, "inside", False) else 0
    if not _inside and _resume:
        gc.enable()


os.register_at_fork(after_in_child=_after_fork_in_child)


def paused(func: Callable[_P, _R]) -> Callable[_P, _R]:
    """Decorate a function so that the cyclic garbage collector is paused while it runs."""

    @functools.wraps(func)
    def call(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        if getattr(_thread, "inside", False):  # nested (check calls validate): paused
            return func(*args, **kwargs)
        _enter()
        _thread.inside = True
        try:
            return func(*args, **kwargs)
        finally:
            _thread.inside = False
            _leave()

    return call
