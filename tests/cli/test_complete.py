"""Shell completion, through the real machinery: copro run as a shell runs it on TAB (the
`_COPRO_COMPLETE` variable and the words typed so far), for bash, zsh and fish."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import Runner


def _tab(tmp_path: Path, shell: str, line: str, **env: str) -> list[str]:
    """What a TAB after `line` offers: one completion a line (zsh: `value:description`)."""
    environment = {
        "PATH": os.environ["PATH"],
        "COPRO_CACHE_DIR": str(tmp_path / "cache"),
        "_COPRO_COMPLETE": f"complete_{shell}",
        **env,
    }
    if shell == "bash":
        words = line.split(" ")
        environment |= {"COMP_WORDS": line, "COMP_CWORD": str(len(words) - 1)}
    else:
        environment |= {"_TYPER_COMPLETE_ARGS": line, "_TYPER_COMPLETE_FISH_ACTION": "get-args"}
    done = subprocess.run(
        [sys.executable, "-m", "coprocli"], capture_output=True, text=True, env=environment
    )
    assert done.returncode == 0 and done.stderr == "", done.stderr
    return [line for line in done.stdout.splitlines() if line]


def test_keys_complete_in_every_shell(tmp_path: Path) -> None:
    assert _tab(tmp_path, "bash", "copro cite boyle") == [
        "boyle2009challenge",
        "boyle2010public",
        "boyle2010right",
    ]
    fish = _tab(tmp_path, "fish", "copro show boyle2009")
    assert fish == ["boyle2009challenge\tThe Challenge of Co-production"]
    zsh = "\n".join(_tab(tmp_path, "zsh", "copro reading-list slay2011b"))
    assert '"slay2011budgets":"Budgets and Beyond"' in zsh


def test_option_values_complete(tmp_path: Path) -> None:
    assert _tab(tmp_path, "bash", "copro cite --style h") == ["harvard"]
    assert "docx" in _tab(tmp_path, "bash", "copro export --all --format d")
    assert _tab(tmp_path, "bash", "copro export --all --to csl") == ["csl-json"]
    assert _tab(tmp_path, "fish", "copro list --section Pr") == ["Practical tools"]
    assert "timebanking" in _tab(tmp_path, "bash", "copro search x --keyword time")
    assert "search" in _tab(tmp_path, "bash", "copro se")


def test_keys_come_from_the_library_the_command_would_load(tmp_path: Path) -> None:
    library = tmp_path / "mine.bib"
    library.write_text("@book{smith2020own, title = {My {Own} Book}, year = 2020}\n", "utf-8")
    assert _tab(tmp_path, "fish", f"copro --bib {library} cite smith") == [
        "smith2020own\tMy Own Book"
    ]
    assert _tab(tmp_path, "bash", "copro cite smith", COPRO_BIB=str(library)) == ["smith2020own"]
    assert _tab(tmp_path, "bash", f"copro --bib {library} --no-bundled cite boyle") == []


def test_a_broken_library_completes_nothing_quietly(tmp_path: Path) -> None:
    assert _tab(tmp_path, "bash", "copro --bib /nonexistent.bib cite boyle") == []


@pytest.mark.parametrize("option", ["--install-completion", "--show-completion"])
def test_completion_can_be_installed(copro: Runner, option: str) -> None:
    assert option in copro("--help", env={"COLUMNS": "200"}).stdout
