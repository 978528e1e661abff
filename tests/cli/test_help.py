"""Help for every command: each option says what it takes and whether it may be repeated."""

from __future__ import annotations

import pytest
import typer
from typer.core import TyperOption

from coprocli.cli import app

ROOT = typer.main.get_command(app)
COMMANDS = sorted(ROOT.commands)  # type: ignore[attr-defined]


def _options(name: str) -> list[TyperOption]:
    command = ROOT.commands[name] if name else ROOT  # type: ignore[attr-defined]
    return [param for param in command.params if isinstance(param, TyperOption)]


@pytest.mark.parametrize("name", ["", *COMMANDS])
def test_a_repeatable_option_says_so_and_no_other_does(name: str) -> None:
    for option in _options(name):
        assert ("repeatable" in (option.help or "")) == option.multiple, option.opts
