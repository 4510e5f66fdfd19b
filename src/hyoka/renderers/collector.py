"""Python's cyclic garbage collector paused while a document is drawn.

WeasyPrint (the PDF) and matplotlib (the charts) build large object graphs in one go: the boxes,
styles and lines of every page, the artists of a figure. Python's generational collector counts
those allocations and, as the graph grows, traverses the whole heap again and again (full
collections of every object of the process, not only the render's): 0.2 s of the sample's
1.5 s PDF on our machines, about one seventh. Nothing a render makes needs the collector while it
runs (reference counting still frees what is dropped). At the end, the render's own objects,
all still in the youngest generation, are collected once (``gc.collect(0)``: what it left in
reference cycles, 77,000 objects for the sample's PDF, in 0.03 s) without traversing the rest of
the heap, so the render pays for its garbage and leaves none to whatever the process does next.
The peak memory of the sample's PDF grows by about 1 MiB (60 MiB without pausing).

``collector_paused()`` is process-wide, as the collector is: concurrent renders share one pause,
and the collector is switched on again when the last of them ends, if it was on when the first
began (code that switches it itself, as the portfolio build does, finds it as it left it or
switched on: never switched off for good).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["collector_paused"]


class _Pauses:
    """The pauses under way in the process, and whether the collector was on before the first."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.count = 0
        self.was_enabled = False


_pauses = _Pauses()


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off for the duration of the ``with`` block (see the module)."""
    with _pauses.lock:
        if _pauses.count == 0:
            _pauses.was_enabled = gc.isenabled()
            gc.disable()
        _pauses.count += 1
    try:
        yield
    finally:
        with _pauses.lock:
            _pauses.count -= 1
            resume = _pauses.count == 0 and _pauses.was_enabled
            if resume:
                gc.enable()
        if resume:
            gc.collect(0)
