"""Atomic writes that never clobber a file unless asked."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from coprocli.errors import OutputError
from coprocli.fileio import write_atomic


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
