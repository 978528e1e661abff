"""Atomic writes that never clobber a file unless asked."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from coprocli.errors import OutputError
from coprocli.fileio import write_atomic

from .conftest import Runner


def test_writes_a_new_file(tmp_path: Path) -> None:
    target = write_atomic(tmp_path / "refs.html", "<p>é</p>\n")
    assert target.read_text("utf-8") == "<p>é</p>\n"
    assert [p.name for p in tmp_path.iterdir()] == ["refs.html"]


def test_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "refs.txt"
    target.write_text("mine", "utf-8")
    with pytest.raises(OutputError, match="already exists; use --force"):
        write_atomic(target, "new")
    assert target.read_text("utf-8") == "mine"
    write_atomic(target, "new", force=True)
    assert target.read_text("utf-8") == "new"


def test_missing_folder_creates_nothing(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="does not exist"):
        write_atomic(tmp_path / "nope" / "refs.txt", "x")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_unwritable_folder_is_a_clear_error(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(OutputError, match="Cannot write"):
            write_atomic(folder / "refs.txt", "x")
    finally:
        folder.chmod(0o700)


def test_a_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="is a directory"):
        write_atomic(tmp_path, "x", force=True)


def test_never_writes_over_a_library_it_read(tmp_path: Path) -> None:
    library = tmp_path / "refs.bib"
    library.write_text("@misc{k, title = {Mine}}\n", "utf-8")
    link = tmp_path / "alias.bib"
    link.symlink_to(library)
    for target in (library, link, tmp_path / "." / "refs.bib"):
        with pytest.raises(OutputError, match="never writes over its input"):
            write_atomic(target, "x", force=True, protected=[str(library)])
    assert library.read_text("utf-8") == "@misc{k, title = {Mine}}\n"


def test_cli_refuses_to_overwrite_the_loaded_library(copro: Runner, tmp_path: Path) -> None:
    library = tmp_path / "refs.bib"
    original = "@book{lee2020, author = {Lee, Ann}, title = {Tenant voice}, year = 2020}\n"
    library.write_text(original, "utf-8")
    result = copro(
        "--bib", str(library), "export", "--all", "--to", "bibtex", "-o", str(library), "--force"
    )
    assert result.code == 1 and "never writes over its input" in result.stderr
    assert library.read_text("utf-8") == original
    # The bundled catalogue is an input too.
    bundled = copro("list", "--json")
    assert bundled.code == 0


def test_symbolic_links_are_written_through_never_replaced(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("old", "utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    with pytest.raises(OutputError, match="already exists"):
        write_atomic(link, "new")
    write_atomic(link, "new", force=True)
    assert link.is_symlink() and real.read_text("utf-8") == "new"


def test_a_dangling_link_is_refused(tmp_path: Path) -> None:
    dangling = tmp_path / "out.txt"
    dangling.symlink_to(tmp_path / "missing" / "file.txt")
    for force in (False, True):
        with pytest.raises(OutputError, match="symbolic link to nothing"):
            write_atomic(dangling, "x", force=force)
    assert dangling.is_symlink() and not (tmp_path / "missing").exists()


def test_devices_and_fifos_are_written_to_directly(tmp_path: Path) -> None:
    assert write_atomic("/dev/null", "x") == Path("/dev/null")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[str] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text("utf-8")))
    reader.start()
    write_atomic(fifo, "through the pipe\n")
    reader.join(timeout=10)
    assert received == ["through the pipe\n"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]


def _race(target: str, barrier: Any, results: Any, index: int) -> None:
    barrier.wait()
    try:
        write_atomic(target, f"writer {index}\n")
        results.put("ok")
    except OutputError:
        results.put("refused")


def test_concurrent_writers_without_force_only_one_succeeds(tmp_path: Path) -> None:
    context = multiprocessing.get_context("fork")
    for trial in range(5):
        target = tmp_path / f"refs{trial}.txt"
        writers = 6
        barrier = context.Barrier(writers)
        results = context.Queue()
        processes = [
            context.Process(target=_race, args=(str(target), barrier, results, index))
            for index in range(writers)
        ]
        for process in processes:
            process.start()
        for process in processes:
            process.join(timeout=30)
        outcomes = sorted(results.get(timeout=10) for _ in range(writers))
        assert outcomes == ["ok"] + ["refused"] * (writers - 1)
        assert target.read_text("utf-8").startswith("writer ")
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"refs{i}.txt" for i in range(5)]


@pytest.mark.parametrize("signal_name", ["SIGTERM", "SIGHUP"])
def test_a_signal_during_the_write_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, signal_name: str
) -> None:
    number = getattr(signal, signal_name)
    original_fsync = os.fsync

    def interrupted(descriptor: int) -> None:  # the signal arrives mid-write
        original_fsync(descriptor)
        os.kill(os.getpid(), number)

    monkeypatch.setattr(os, "fsync", interrupted)
    before = signal.getsignal(number)
    with pytest.raises(SystemExit) as ended:
        write_atomic(tmp_path / "refs.txt", "x" * 100_000)
    assert ended.value.code == 128 + number
    assert list(tmp_path.iterdir()) == []
    assert signal.getsignal(number) is before  # the handler is put back


def test_a_terminated_copro_process_leaves_no_temporary_file(tmp_path: Path) -> None:
    """A whole process killed while it writes a large file cleans up after itself."""
    script = (
        "import os, sys, time\n"
        "from coprocli.fileio import write_atomic\n"
        "real = os.fsync\n"
        "def slow(fd):\n"
        "    real(fd); print('writing', flush=True); time.sleep(30)\n"
        "os.fsync = slow\n"
        "write_atomic(sys.argv[1], 'x' * 1_000_000)\n"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", script, str(tmp_path / "big.txt")],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None and child.stdout.readline() == "writing\n"
    child.send_signal(signal.SIGTERM)
    assert child.wait(timeout=30) == 128 + signal.SIGTERM
    assert list(tmp_path.iterdir()) == []
