"""Long output on a terminal goes through the pager; short output, a pipe, `--no-pager` and
`pager = false` print straight. Run on a real pseudo-terminal."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from ..conftest import shell_script

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="a POSIX pseudo-terminal")


def _on_a_terminal(tmp_path: Path, *args: str, **env: str) -> tuple[str, str]:
    """Run copro with a pseudo-terminal as stdout (10 rows) and PAGER a script that keeps
    what it is given: what reached the terminal, and what reached the pager."""
    paged = tmp_path / "paged.txt"
    pager = shell_script(tmp_path / "pager", f"cat > {paged}")
    environment = {
        "PATH": os.environ["PATH"],
        "PAGER": str(pager),
        "LINES": "10",
        "COLUMNS": "100",
        "TERM": "xterm",
        "COPRO_CACHE_DIR": str(tmp_path / "cache"),
        "COPRO_CONFIG": str(tmp_path / "config.toml"),
        **env,
    }
    leader, follower = pty.openpty()
    shown: list[bytes] = []

    def drain() -> None:
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:
                return
            if not chunk:
                return
            shown.append(chunk)

    reader = threading.Thread(target=drain)
    reader.start()
    done = subprocess.run(
        [sys.executable, "-m", "coprocli", *args],
        stdout=follower,
        stderr=subprocess.PIPE,
        env=environment,
        timeout=60,
    )
    os.close(follower)
    reader.join(timeout=10)
    os.close(leader)
    assert done.returncode == 0, done.stderr
    return b"".join(shown).decode(errors="replace"), (
        paged.read_text("utf-8") if paged.exists() else ""
    )


def test_long_output_goes_through_the_pager(tmp_path: Path) -> None:
    shown, paged = _on_a_terminal(tmp_path, "list")
    assert "19 entries" in paged and shown == ""


def test_short_output_no_pager_and_the_setting_print_straight(tmp_path: Path) -> None:
    shown, paged = _on_a_terminal(tmp_path, "show", "spice", LINES="200")
    assert "Spice" in shown and paged == ""
    shown, paged = _on_a_terminal(tmp_path, "--no-pager", "list")
    assert "19 entries" in shown and paged == ""
    (tmp_path / "config.toml").write_text("pager = false\n", "utf-8")
    shown, paged = _on_a_terminal(tmp_path, "list")
    assert "19 entries" in shown and paged == ""
    (tmp_path / "config.toml").unlink()
    shown, paged = _on_a_terminal(tmp_path, "list", COPRO_PAGER="0")
    assert "19 entries" in shown and paged == ""


def test_a_pipe_is_never_paged(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "coprocli", "list"],
        capture_output=True,
        text=True,
        env={**os.environ, "PAGER": "false", "LINES": "5"},
        timeout=60,
    )
    assert done.returncode == 0 and done.stdout.count("\n") == 19
