"""``write_output`` into special files: a device, a FIFO or a symbolic link to one is written into and
stays what it is (``-o /dev/null`` as root must not replace the machine's /dev/null); regular files
and new paths are still replaced atomically."""

from __future__ import annotations

import os
import socket
import stat
import threading
from pathlib import Path

import pytest

from hyoka.services import OutputError, write_output

ROOT = os.geteuid() == 0


def test_a_fifo_is_written_into_and_stays_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []

    def reader() -> None:
        with open(fifo, "rb") as handle:
            received.append(handle.read())

    thread = threading.Thread(target=reader, daemon=True)  # never left blocked on the FIFO
    thread.start()
    write_output(fifo, "評価書\n")
    thread.join(10)
    assert received == ["評価書\n".encode()]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]  # no temporary file left


@pytest.mark.skipif(not ROOT, reason="making a device node needs root")
def test_a_character_device_stays_one_and_dev_null_too(tmp_path: Path) -> None:
    device = tmp_path / "null"
    os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # a second /dev/null
    write_output(device, b"\x00" * 1000)
    assert stat.S_ISCHR(os.lstat(device).st_mode), "the device was replaced"
    assert os.lstat(device).st_rdev == os.makedev(1, 3)
    # only now the machine's own, which the check above shows is safe to write to
    before = os.lstat("/dev/null")
    write_output(Path("/dev/null"), "{}\n")
    after = os.lstat("/dev/null")
    assert stat.S_ISCHR(after.st_mode)
    assert (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)


def test_dev_null_is_written_into(tmp_path: Path) -> None:
    if not ROOT:  # as root the test above writes it, after a safe check on a copy of the device
        write_output(Path("/dev/null"), "{}\n")
    assert stat.S_ISCHR(os.lstat("/dev/null").st_mode)


def test_a_symbolic_link_to_dev_null_stays_a_link_to_it(tmp_path: Path) -> None:
    if ROOT:
        target = tmp_path / "null"
        os.mknod(target, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    else:
        target = Path("/dev/null")
    link = tmp_path / "out.json"
    link.symlink_to(target)
    write_output(link, "{}\n")
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert stat.S_ISCHR(os.lstat(target).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == (["null", "out.json"] if ROOT else ["out.json"])


def test_a_socket_is_not_replaced_but_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "sock"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        server.bind(str(path))
        with pytest.raises(OutputError) as raised:
            write_output(path, "x")
        assert str(raised.value) == f"{path}: 書き込めません: OS のエラーです（No such device or address）"
        assert raised.value.text("en") == f"{path}: cannot write: OS error (No such device or address)"
        assert stat.S_ISSOCK(os.lstat(path).st_mode)
    finally:
        server.close()


def test_a_regular_file_is_still_replaced_atomically(tmp_path: Path) -> None:
    path = tmp_path / "out.json"
    path.write_text("old")
    inode = os.lstat(path).st_ino
    keep = os.open(path, os.O_RDONLY)  # the old file stays whole for whoever reads it
    try:
        write_output(path, "new")
        assert os.read(keep, 10) == b"old"
    finally:
        os.close(keep)
    assert path.read_text() == "new"
    assert os.lstat(path).st_ino != inode
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]
