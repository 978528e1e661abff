"""The docs cannot drift: every command has help ending in an example and a README section."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer

from coprocli.cli import app, load_commands

load_commands()  # every command, as `copro --help` sees them

README = (Path(__file__).resolve().parents[1] / "README.md").read_text("utf-8")
COMMANDS = sorted(
    command.name or (command.callback.__name__ if command.callback else "")
    for command in app.registered_commands
)


def test_every_command_is_found() -> None:
    assert {
        "list",
        "show",
        "check",
        "search",
        "filter",
        "cite",
        "export",
        "styles",
        "reading-list",
        "refs",
    } <= set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_command_has_help_with_an_example(name: str) -> None:
    command = typer.main.get_command(app).commands[name]  # type: ignore[attr-defined]
    assert command.help and "Example: copro " in command.help


@pytest.mark.parametrize("name", COMMANDS)
def test_command_is_documented_in_the_readme(name: str) -> None:
    assert f"### `copro {name}" in README


def test_readme_starts_with_the_two_commands() -> None:
    blocks = README.split("```")
    assert "copro search timebanking" in blocks[1]
    assert "pytest" in blocks[3]
