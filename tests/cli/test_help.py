"""Help for every command: what each option takes, whether it may be repeated, and text as
written; counts in messages agree with their nouns."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import typer
from typer.core import TyperOption

from coprocli.cli import app, load_commands

from ..conftest import Runner

load_commands()  # every command, as `copro --help` sees them
ROOT = typer.main.get_command(app)
COMMANDS = sorted(ROOT.commands)  # type: ignore[attr-defined]


def _options(name: str) -> list[TyperOption]:
    command = ROOT.commands[name] if name else ROOT  # type: ignore[attr-defined]
    return [param for param in command.params if isinstance(param, TyperOption)]


@pytest.mark.parametrize("name", ["", *COMMANDS])
def test_a_repeatable_option_says_so_and_no_other_does(name: str) -> None:
    for option in _options(name):
        assert ("repeatable" in (option.help or "")) == option.multiple, option.opts


def _help(copro: Runner, name: str) -> str:
    result = copro(*([name] if name else []), "--help", env={"COLUMNS": "120"})
    assert result.code == 0
    return result.stdout


@pytest.mark.parametrize("name", ["", *COMMANDS])
def test_help_names_what_options_take_never_a_python_type(copro: Runner, name: str) -> None:
    text = _help(copro, name)
    for placeholder in ("<bool>", "<str>", "<list", "<path>", "<int>", "<Path>"):
        assert placeholder not in text
    assert not re.search(r"\{[A-Z:]+\}|\[\[", text)  # usage: DOCUMENT, [KEY]...
    assert not re.search(r"\b1 [a-z]+(?:ies|s)\b", text)


def test_help_prints_its_text_as_written(copro: Runner) -> None:
    assert "Finds pandoc [@key] and @key, LaTeX \\cite{...}" in _help(copro, "refs")
    assert "Usage: copro refs [OPTIONS] DOCUMENT" in _help(copro, "refs")
    assert "Usage: copro cite [OPTIONS] [KEY]..." in _help(copro, "cite")
    assert "--output  -o      FILE" in _help(copro, "cite")


def test_counts_agree_with_their_nouns(
    copro: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    one = tmp_path / "one.bib"
    one.write_text("@misc{only, title = {Only}, title = {Twice}}\n", "utf-8")
    checked = copro("--no-bundled", "--bib", str(one), "check")
    assert checked.stderr == "1 entry loaded, 1 problem found.\n"
    report = tmp_path / "report.md"
    report.write_text("As [@nobody2020] shows.\n", "utf-8")
    refs = copro("refs", str(report), "--strict")
    assert refs.code == 1 and refs.stderr.endswith(
        f"{report}: 1 citation unmatched or ambiguous.\n"
    )
    eleven = tmp_path / "eleven.bib"
    eleven.write_text("".join(f"@misc{{k{n}, title = {{A}}, title = {{B}}}}\n" for n in range(11)))
    assert "Warning: 1 more problem not shown;" in copro("--bib", str(eleven), "list").stderr
    monkeypatch.setattr("coprocli.cli._render.is_terminal", lambda: True)
    assert copro("list", "--limit", "1").stdout.endswith("\n1 entry\n")


def test_every_command_is_in_the_table_that_loads_it_alone() -> None:
    """A command line loads only its command's module; the table that says which module
    that is must name every command, or a command would be missing when run."""
    from coprocli.cli import COMMAND_MODULES, _command_name

    assert set(COMMAND_MODULES) == set(ROOT.commands)  # type: ignore[attr-defined]
    assert _command_name(["--bib", "search", "-q", "list", "x"]) == "list"
    assert _command_name(["--no-cache", "-b", "a.bib", "search", "care"]) == "search"
    assert _command_name(["--bib=a.bib", "cite", "k"]) == "cite"
    assert _command_name(["--version"]) is None and _command_name(["--", "search"]) is None


def test_a_command_run_alone_loads_no_other_command(tmp_path: Path) -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from coprocli.cli import main\n"
        "try:\n    main(['search', 'timebanking', '--keys'])\n"
        "except SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.endswith('_cmd')))"
    )
    env = {**os.environ, "COPRO_CACHE_DIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert done.stdout.strip().splitlines()[-1] == "['coprocli.cli.search_cmd']"


def test_a_warm_search_imports_only_what_it_uses(tmp_path: Path) -> None:
    """Start-up is most of a warm search: the parser, the splitter, fuzzy matching at
    scale, hashing and Rich stay unloaded when the cache answers and output is piped."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from coprocli.cli import main\n"
        "for _ in range(2):\n"
        "    try:\n        main(['search', 'timebanking'])\n"
        "    except SystemExit:\n        pass\n"
        "    print('---')\n"
        "print(' '.join(sorted(sys.modules)))"
    )
    env = {**os.environ, "COPRO_CACHE_DIR": str(tmp_path)}
    # The first run fills the cache; only the second (warm) run's modules are looked at.
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert first.returncode == 0, first.stderr
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert "ryancollins2008new" in done.stdout
    loaded = set(done.stdout.strip().splitlines()[-1].split())
    unwanted = {
        "coprocli.bibparse",
        "coprocli.bibsplit",
        "bibtexparser",
        "rapidfuzz",
        "hashlib",
        "rich",
        "coprocli.listing",
        "coprocli.selection",
        "Stemmer",  # the query's word is in the vocabulary, with its stem
        "coprocli.latex",  # the hits' fields are plain text, or braces only ({Spice})
    }
    assert not unwanted & loaded
