"""The settings file (`copro config`) and the precedence of settings: option, then
environment, then file, then default."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from ..conftest import Runner


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A settings file of the test's own (not yet written)."""
    path = tmp_path / "copro" / "config.toml"
    monkeypatch.setenv("COPRO_CONFIG", str(path))
    for name in ("COPRO_STYLE", "COPRO_FORMAT", "COPRO_LOCALE"):
        monkeypatch.delenv(name, raising=False)
    return path


def test_path_set_and_show(copro: Runner, settings: Path) -> None:
    assert copro("config", "path").stdout == f"{settings}\n"
    assert copro("config", "set", "style", "harvard").stderr == f"Wrote {settings}.\n"
    copro("config", "set", "bundled", "no")
    copro("config", "set", "bib", "a.bib", "b.bib")
    assert tomllib.loads(settings.read_text("utf-8")) == {
        "style": "harvard",
        "bundled": False,
        "bib": ["a.bib", "b.bib"],
    }
    shown = copro("config", "show").stdout
    assert 'style = "harvard"  # from the file' in shown
    assert "# format: not set, copro's default" in shown
    copro("config", "set", "bib")  # no value: the setting goes
    assert "bib" not in tomllib.loads(settings.read_text("utf-8"))


def test_option_beats_environment_beats_file_beats_default(copro: Runner, settings: Path) -> None:
    apa = "Spice Innovations Limited. (n.d.). Spice. http://www.justaddspice.org/\n"
    assert copro("cite", "spice").stdout == apa  # the default
    copro("config", "set", "style", "ieee")
    assert copro("cite", "spice").stdout.startswith("[1] “Spice.”")  # the file
    harvard = copro("cite", "spice", env={"COPRO_STYLE": "harvard"}).stdout
    assert harvard.startswith("Spice (no date).")  # the environment
    assert copro("cite", "spice", "--style", "apa").stdout == apa  # the option
    copro("config", "set", "format", "html")
    assert copro("cite", "spice", "--style", "apa").stdout.startswith("<")
    assert "<h1>" in copro("reading-list", "--section", "Practical tools").stdout
    # data exports take no style: a style in the file does not get in their way
    assert copro("export", "spice", "--to", "ris").stdout.startswith("TY  - ")


def test_libraries_and_the_bundled_catalogue(copro: Runner, settings: Path, tmp_path: Path) -> None:
    mine = tmp_path / "mine.bib"
    mine.write_text("@book{mine2020, title = {Mine}, year = 2020}\n", "utf-8")
    other = tmp_path / "other.bib"
    other.write_text("@book{other2021, title = {Other}, year = 2021}\n", "utf-8")
    copro("config", "set", "bib", str(mine))
    keys = copro("list", "--keys").stdout.split()
    assert "mine2020" in keys and "spice" in keys
    copro("config", "set", "bundled", "false")
    assert copro("list", "--keys").stdout.split() == ["mine2020"]
    # --bib adds to the file's libraries; COPRO_BIB stands in for them
    assert copro("--bib", str(other), "list", "--keys").stdout.split() == [
        "mine2020",
        "other2021",
    ]
    listed = copro("--bib", str(other), "list", "--keys", env={"COPRO_BIB": str(other)})
    assert listed.stdout.split() == ["other2021"]


@pytest.mark.parametrize(
    ("content", "said"),
    [
        ('style = "apa', "at the end, line 1"),
        ('style = "apa"\nformat = = 1\n', "line 2"),
        ("colour = true\n", "unknown setting 'colour'"),
        ("bundled = 'no'\n", "bundled must be true or false"),
        ("bib = 'one.bib'\n", "bib must be a list of strings"),
    ],
)
def test_a_broken_file_is_named_and_path_still_works(
    copro: Runner, settings: Path, content: str, said: str
) -> None:
    settings.parent.mkdir(parents=True)
    settings.write_text(content, "utf-8")
    result = copro("cite", "spice")
    assert result.code == 1 and result.stderr.startswith(f"Error: {settings}: ")
    assert said in result.stderr and len(result.stderr.splitlines()) == 1
    assert copro("config", "path").stdout == f"{settings}\n"


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["config", "set", "colour", "x"], "Unknown setting 'colour'"),
        (["config", "set", "bundled", "maybe"], "bundled is true or false"),
        (["config", "set", "style", "apa", "mla"], "style takes one value"),
    ],
)
def test_bad_settings_are_usage_errors(
    copro: Runner, settings: Path, args: list[str], said: str
) -> None:
    result = copro(*args)
    assert result.code == 2 and said in result.stderr and not settings.exists()


def test_colour_can_be_turned_off(copro: Runner, settings: Path) -> None:
    from coprocli.cli._common import stdout_console

    assert not stdout_console().no_color
    copro("config", "set", "color", "false")
    assert stdout_console().no_color
