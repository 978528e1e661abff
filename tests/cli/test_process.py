"""copro as a process: help, version, closed pipes, Ctrl-C, colour."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from coprocli import __version__

from ..conftest import Runner

COPRO = [sys.executable, "-m", "coprocli"]


def test_version(copro: Runner) -> None:
    result = copro("--version")
    assert result.code == 0 and result.stdout == f"copro {__version__}\n"


@pytest.mark.parametrize("command", ["list", "show", "check"])
def test_every_command_has_help_with_an_example(copro: Runner, command: str) -> None:
    result = copro(command, "--help")
    assert result.code == 0
    assert "Example: copro" in result.stdout


def test_no_arguments_shows_help(copro: Runner) -> None:
    result = copro()
    assert "list" in result.stdout + result.stderr
    assert "show" in result.stdout + result.stderr


def test_the_console_script_loses_nothing_as_it_ends(tmp_path: Path) -> None:
    """The process entry (`launch.py`) leaves everything it made out of the last collection
    as it ends: whatever a command wrote, to stdout or to a file, is there whole."""
    import json

    env = {**os.environ, "COPRO_CACHE_DIR": str(tmp_path / "cache")}
    listed = subprocess.run(
        [*COPRO, "list", "--json"], capture_output=True, text=True, env=env, timeout=60
    )
    assert listed.returncode == 0, listed.stderr
    assert len(json.loads(listed.stdout)) == 19
    target = tmp_path / "refs.html"
    written = subprocess.run(
        [*COPRO, "cite", "--all", "--format", "html", "--output", str(target)],
        capture_output=True, text=True, env=env, timeout=60,
    )  # fmt: skip
    assert written.returncode == 0, written.stderr
    assert target.read_text("utf-8").count("<p") >= 19
    found = subprocess.run(
        [*COPRO, "search", "timebanking"], capture_output=True, text=True, env=env, timeout=60
    )
    assert found.returncode == 0 and found.stdout.startswith("ryancollins2008new\t")


def test_closed_pipe_ends_quietly() -> None:
    shell = f"{' '.join(COPRO)} list | head -1"
    result = subprocess.run(["bash", "-c", shell], capture_output=True, text=True, timeout=60)
    assert result.stdout.startswith("boyle2009challenge\t")
    assert result.stderr == ""


def test_closed_pipe_on_big_output_ends_quietly() -> None:
    """JSON of the catalogue is larger than a pipe buffer: the write itself fails."""
    shell = f"{' '.join(COPRO)} list --json | head -c 10; exit ${{PIPESTATUS[0]}}"
    result = subprocess.run(["bash", "-c", shell], capture_output=True, text=True, timeout=60)
    assert result.stderr == ""
    assert result.returncode in {0, 141}


def test_ctrl_c_exits_130_quietly(tmp_path: Path) -> None:
    # Loading is made slow, and announces itself, so that the interrupt lands mid-command:
    # the signal is sent only once the command is at work, however slowly the machine got
    # there. The generous limits only bound a run that has gone wrong.
    ready = tmp_path / "loading"
    slow = tmp_path / "slow.py"
    slow.write_text(
        "import pathlib, time, coprocli.catalogue as c\n"
        "def sleepy(*a, **k):\n"
        f"    pathlib.Path({str(ready)!r}).touch()\n"
        "    time.sleep(600)\n"
        "c.load_catalogue = sleepy\n"
        "from coprocli.cli import main\n"
        "main(['list'])\n",
        "utf-8",
    )
    process = subprocess.Popen(
        [sys.executable, str(slow)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        deadline = time.monotonic() + 300
        while not ready.exists():
            if process.poll() is not None:
                _, stderr = process.communicate()
                pytest.fail(f"copro ended ({process.returncode}) before loading: {stderr}")
            if time.monotonic() > deadline:
                pytest.fail("copro did not start loading within 300 s")
            time.sleep(0.02)
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=300)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr


def test_no_colour_codes_when_piped() -> None:
    env = dict(os.environ, FORCE_COLOR="", TERM="xterm-256color")
    result = subprocess.run(
        [*COPRO, "show", "boyle2009challenge"], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 0 and "\x1b[" not in result.stdout


def _on_a_terminal(args: list[str], env: dict[str, str]) -> str:
    """Run copro with stdout on a pseudo-terminal and return what it printed."""
    import pty

    main, secondary = pty.openpty()
    process = subprocess.Popen([*COPRO, *args], stdout=secondary, stderr=subprocess.PIPE, env=env)
    os.close(secondary)
    chunks = []
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=60)
    os.close(main)
    return b"".join(chunks).decode("utf-8", "replace")


def test_a_terminal_gets_a_coloured_table_and_no_color_turns_colour_off() -> None:
    env = {k: v for k, v in os.environ.items() if k not in {"NO_COLOR", "FORCE_COLOR"}}
    env.update(TERM="xterm-256color", COLUMNS="120")
    coloured = _on_a_terminal(["list", "--limit", "2"], env)
    assert "boyle2009challenge" in coloured and "┃" in coloured  # a Rich table
    assert "\x1b[36m" in coloured  # keys in cyan
    plain = _on_a_terminal(["list", "--limit", "2"], dict(env, NO_COLOR="1"))
    assert "boyle2009challenge" in plain
    assert "\x1b[36m" not in plain and "\x1b[3" not in plain
