"""Keys from text: lines, spaces, commas, comments; stdin with `-`."""

from __future__ import annotations

from pathlib import Path

import pytest

from coprocli.errors import CoproError
from coprocli.keyinput import expand_stdin, parse_keys, read_key_file


def test_keys_in_any_layout() -> None:
    text = (
        "# my reading list\nboyle2009challenge\nslay2011budgets, foot2010glass  # asset\n\n spice"
    )
    assert parse_keys(text) == ["boyle2009challenge", "slay2011budgets", "foot2010glass", "spice"]


def test_duplicates_are_dropped_in_order() -> None:
    assert parse_keys("a b a c b") == ["a", "b", "c"]


def test_dash_reads_stdin() -> None:
    assert expand_stdin(["x", "-", "y"], lambda: "a\nb\n") == ["x", "a", "b", "y"]


def test_key_file(tmp_path: Path) -> None:
    path = tmp_path / "list.txt"
    path.write_text("\ufeffa\n# comment\nb\n", "utf-8")
    assert read_key_file(path) == ["a", "b"]
    with pytest.raises(CoproError, match="no such key file"):
        read_key_file(tmp_path / "missing.txt")
    with pytest.raises(CoproError, match="is a directory; give a key file"):
        read_key_file(tmp_path)
