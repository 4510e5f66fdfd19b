"""``hyoka.services.import_upload``: the import in a child process within a time and memory budget.

The result and the importer's errors come back as they are; a child out of time or memory is a
``LimitExceeded`` (``seconds``, ``memory``); the child is always reaped, whichever way it ends, and
the function works from a thread (as in a threaded web server).
"""

from __future__ import annotations

import json
import os
import signal
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from hyoka.importers import import_bytes
from hyoka.services import (
    DEFAULT_IMPORT_MEMORY_BYTES,
    DEFAULT_IMPORT_SECONDS,
    ImportResult,
    LimitExceeded,
    NotAReportError,
    import_upload,
)
from hyoka.services import upload as upload_module

MIB = 1024 * 1024


def children() -> list[tuple[int, str]]:
    """This process's child processes (pid, state), zombies included."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(fields[1]) == os.getpid():
            found.append((int(entry.name), fields[0]))
    return found


@pytest.fixture(autouse=True)
def _no_child_left() -> Any:
    before = children()
    yield
    assert children() == before


def test_the_defaults() -> None:
    assert (DEFAULT_IMPORT_SECONDS, DEFAULT_IMPORT_MEMORY_BYTES) == (20.0, 1536 * MIB)


def test_the_result_comes_back_as_the_import_gives_it(sample_bytes: bytes) -> None:
    result = import_upload(sample_bytes, name="s.txt")
    expected = import_bytes(sample_bytes, name="s.txt")
    assert isinstance(result, ImportResult)
    assert result == expected
    assert [f.code for f in result.findings] == ["H904", "H904", "H902"]


def test_not_a_report_is_raised_as_itself() -> None:
    with pytest.raises(NotAReportError) as raised:
        import_upload(b"\x00\x01\x02" * 100, name="junk.bin")
    assert type(raised.value) is NotAReportError
    assert (str(raised.value), raised.value.where) == (
        "junk.bin: テキストではなくバイナリデータです",
        "junk.bin",
    )


def test_a_limit_of_the_importer_is_raised_as_itself() -> None:
    deep = b'{"a":' * 100_000 + b"1" + b"}" * 100_000
    with pytest.raises(LimitExceeded) as raised:
        import_upload(deep, name="deep.json")
    exc = raised.value
    assert (exc.limit, exc.value, exc.maximum, exc.where) == ("json_depth", 100_000, 64, "deep.json")
    assert exc.text("ja") == "deep.json: JSON の入れ子が深すぎます（100,000 段、上限 64 段）"
    assert exc.text("en") == "deep.json: JSON nested too deeply (100,000 levels, limit 64)"


def test_a_window_of_60000_years_is_refused(sample_result: ImportResult) -> None:
    data = json.loads(sample_result.report.model_dump_json())
    data["window"] = [2019] * 60_000
    with pytest.raises(LimitExceeded) as raised:
        import_upload(json.dumps(data).encode(), name="w.json")
    assert raised.value.text() == "w.json: /window の要素が多すぎます（60,000 個、上限 50 個）"


def slow(data: bytes, *, name: str) -> ImportResult:
    time.sleep(30)
    raise AssertionError("not killed")


def test_an_import_out_of_time_is_killed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(upload_module, "import_bytes", slow)
    started = time.monotonic()
    with pytest.raises(LimitExceeded) as raised:
        import_upload(b"x", name="slow.txt", seconds=0.5)
    assert time.monotonic() - started < 3
    exc = raised.value
    assert (exc.limit, exc.value, exc.maximum, exc.where) == ("seconds", None, 1, "slow.txt")
    assert exc.text("ja") == "slow.txt: 読み込みが制限時間（0.5 秒）内に終わりませんでした"
    assert exc.text("en") == "slow.txt: reading did not finish within the time limit (0.5 s)"


def greedy(data: bytes, *, name: str) -> ImportResult:
    hoard = bytearray(512 * MIB)
    raise AssertionError(f"allocated {len(hoard)}")


def test_an_import_out_of_memory_is_a_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(upload_module, "import_bytes", greedy)
    with pytest.raises(LimitExceeded) as raised:
        import_upload(b"x", name="big.xlsx", memory_bytes=64 * MIB)
    exc = raised.value
    assert (exc.limit, exc.value, exc.maximum, exc.where) == ("memory", None, 64 * MIB, "big.xlsx")
    assert exc.text("ja") == "big.xlsx: 読み込みに必要なメモリが上限（64 MiB）を超えました"
    assert exc.text("en") == "big.xlsx: reading needed more memory than the limit (64 MiB)"


def killed(data: bytes, *, name: str) -> ImportResult:
    os.kill(os.getpid(), signal.SIGKILL)
    raise AssertionError("not killed")


def test_a_child_killed_without_answering_is_out_of_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(upload_module, "import_bytes", killed)
    with pytest.raises(LimitExceeded) as raised:
        import_upload(b"x", name="k.pdf")
    assert (raised.value.limit, raised.value.maximum) == ("memory", DEFAULT_IMPORT_MEMORY_BYTES)


def broken(data: bytes, *, name: str) -> ImportResult:
    raise KeyError("a defect")


def test_a_defect_in_the_child_is_raised_in_the_parent(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(upload_module, "import_bytes", broken)
    with pytest.raises(KeyError) as raised:
        import_upload(b"x", name="d.txt")
    assert raised.value.args == ("a defect",)


def test_the_parent_is_unchanged_by_the_childs_limits() -> None:
    import resource

    before = (resource.getrlimit(resource.RLIMIT_AS), resource.getrlimit(resource.RLIMIT_CPU))
    with pytest.raises(NotAReportError):
        import_upload(b"\x00" * 10, name="z.bin", seconds=5, memory_bytes=64 * MIB)
    assert (resource.getrlimit(resource.RLIMIT_AS), resource.getrlimit(resource.RLIMIT_CPU)) == before


def test_from_threads_at_once(sample_bytes: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    outcomes: dict[int, str] = {}

    def run(index: int) -> None:
        try:
            if index % 2:
                outcomes[index] = import_upload(sample_bytes, name=f"{index}.txt").report.title
            else:
                import_upload(b"\x00\x01" * 10, name=f"{index}.bin")
        except NotAReportError as exc:
            outcomes[index] = str(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert outcomes == {
        i: "北米地域外交" if i % 2 else f"{i}.bin: テキストではなくバイナリデータです" for i in range(6)
    }


def test_out_of_time_from_a_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(upload_module, "import_bytes", slow)
    outcome: list[str] = []

    def run() -> None:
        try:
            import_upload(b"x", name="t.txt", seconds=0.3)
        except LimitExceeded as exc:
            outcome.append(exc.limit)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(10)
    assert outcome == ["seconds"]
