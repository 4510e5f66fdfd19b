"""The cyclic garbage collector paused while a document is drawn: off inside, as it was after, the
render's reference cycles collected when the pause ends, and a collector switched off by the
caller left off."""

from __future__ import annotations

import gc
import threading
import weakref
from collections.abc import Iterator

import pytest

from hyoka.renderers.collector import collector_paused


class Cycle:
    """An object in a reference cycle: only the cyclic collector frees it."""

    def __init__(self) -> None:
        self.me = self


@pytest.fixture(autouse=True)
def collector_on() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    try:
        yield
    finally:
        gc.collect()
        if not was:
            gc.disable()


def test_the_collector_is_off_inside_and_on_after() -> None:
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_the_render_s_cycles_are_collected_when_the_pause_ends() -> None:
    with collector_paused():
        cycle = weakref.ref(Cycle())
        assert cycle() is not None  # nothing collects it while paused
    assert cycle() is None  # gc.collect(0) at the end: no full collection needed


def test_a_collector_switched_off_by_the_caller_stays_off_and_collects_nothing() -> None:
    gc.disable()
    with collector_paused():
        cycle = weakref.ref(Cycle())
    assert not gc.isenabled()
    assert cycle() is not None
    gc.collect()
    assert cycle() is None


def test_nested_pauses_end_with_the_outer_one() -> None:
    with collector_paused():
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_the_collector_comes_back_after_an_error() -> None:
    with pytest.raises(RuntimeError), collector_paused():
        raise RuntimeError("render failed")
    assert gc.isenabled()


def test_concurrent_pauses_share_one() -> None:
    """A render in another thread ends while this one runs: the collector stays off until this
    one ends too."""
    inside, release = threading.Event(), threading.Event()

    def other() -> None:
        with collector_paused():
            inside.set()
            release.wait(5)

    thread = threading.Thread(target=other)
    with collector_paused():
        thread.start()
        assert inside.wait(5)
        release.set()
        thread.join(5)
        assert not gc.isenabled()
    assert gc.isenabled()
