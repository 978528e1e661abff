"""Standard streams that fail or are closed: one line on stderr, exit 1, no traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

COPRO = [sys.executable, "-m", "coprocli"]
COMMANDS = [
    ["list"],
    ["list", "--json"],
    ["show", "spice"],
    ["search", "timebanking"],
    ["cite", "--all"],
    ["export", "--all", "--to", "bibtex"],
]


def _run(shell_redirect: str, args: list[str]) -> subprocess.CompletedProcess[str]:
    command = " ".join([*COPRO, *args]) + " " + shell_redirect
    return subprocess.run(["bash", "-c", command], capture_output=True, text=True, timeout=60)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_a_full_disk_on_stdout(args: list[str]) -> None:
    result = _run("> /dev/full", args)
    assert result.returncode == 1
    assert result.stderr == "Error: cannot write to standard output (No space left on device).\n"


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_a_closed_stdout(args: list[str]) -> None:
    result = _run(">&-", args)
    assert result.returncode == 1
    assert result.stderr.startswith("Error: standard output is closed;")
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1


def test_a_closed_stdout_does_not_stop_writing_a_file(tmp_path: Path) -> None:
    target = tmp_path / "refs.txt"
    result = _run(">&-", ["cite", "spice", "--output", str(target)])
    assert result.returncode == 0 and "Spice" in target.read_text("utf-8")


@pytest.mark.parametrize("args", [["show", "-"], ["cite", "-"]], ids=" ".join)
def test_a_closed_stdin(args: list[str]) -> None:
    result = _run("<&-", args)
    assert result.returncode == 1
    assert result.stderr == (
        "Error: standard input is closed; give keys as arguments or with --keys-from FILE.\n"
    )
