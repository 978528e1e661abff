"""Tables and listings on a terminal: readable at 80, 100 and 120 columns, titles first."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from ..conftest import Result, Runner

WIDTHS = [80, 100, 120]
OnATerminal = Callable[..., Result]


@pytest.fixture
def on_a_terminal(copro: Runner, monkeypatch: pytest.MonkeyPatch) -> OnATerminal:
    """Run copro as a terminal of `width` columns would (tables instead of tab lines)."""

    def run(*args: str, width: int) -> Result:
        with monkeypatch.context() as terminal:
            terminal.setattr("coprocli.cli._render.is_terminal", lambda: True)
            terminal.setenv("COLUMNS", str(width))
            return copro(*args)

    return run


def _rows(text: str) -> list[list[str]]:
    """The cells of every line of a table's body, as printed (padding kept)."""
    return [line.strip("│").split("│") for line in text.splitlines() if line.startswith("│")]


def _header(text: str) -> dict[str, int]:
    """Column name -> width, from a header that must fit on one line."""
    header = [line for line in text.splitlines() if line.startswith("┃")]
    assert len(header) == 1, "the header wraps"
    return {cell.strip(): len(cell) for cell in header[0].strip("┃").split("┃")}


def _column(text: str, name: str) -> list[str]:
    index = list(_header(text)).index(name)
    return [cells[index].strip() for cells in _rows(text)]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(
    ("command", "title"),
    [
        (["list"], "Title"),
        (["list", "--summaries", "--full"], "Title"),
        (["search", "co-production"], "Title / best match"),
        (["filter", "year:2011"], "Title"),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, list) else "",
)
def test_tables_fit_and_the_title_has_the_widest_column(
    on_a_terminal: OnATerminal, command: list[str], title: str, width: int
) -> None:
    result = on_a_terminal(*command, width=width)
    assert result.code == 0
    assert max(len(line) for line in result.stdout.splitlines()) <= width
    columns = _header(result.stdout)
    assert columns[title] == max(columns.values())
    assert columns[title] >= width * 0.35


@pytest.mark.parametrize("width", WIDTHS)
def test_keys_fold_whole_and_titles_wrap_between_words(
    copro: Runner, on_a_terminal: OnATerminal, width: int
) -> None:
    keys = copro("list", "--keys").stdout.split()
    titles = [line.split("\t")[3] for line in copro("list").stdout.splitlines()]
    table = on_a_terminal("list", width=width).stdout
    # A long key folds onto a second line: every character is there, in order.
    assert "".join(_column(table, "Key")) == "".join(keys)
    # A title breaks only between words.
    assert " ".join(cell for cell in _column(table, "Title") if cell) == " ".join(titles)
    found = on_a_terminal("search", "co-production", "--keys", width=width).stdout.split()
    hits = on_a_terminal("search", "co-production", width=width).stdout
    assert "".join(_column(hits, "Key")) == "".join(found)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_type_has_a_column_on_wide_terminals_and_goes_under_the_year_on_narrow_ones(
    on_a_terminal: OnATerminal, width: int
) -> None:
    table = on_a_terminal("list", "--limit", "1", width=width).stdout
    if width >= 100:
        assert _column(table, "Type")[0] == "report"
    else:
        assert "Type" not in _header(table)
        assert _column(table, "Year")[:2] == ["2009", "report"]


@pytest.mark.parametrize("width", WIDTHS)
def test_styles_wrap_between_words_with_their_indent(
    copro: Runner, on_a_terminal: OnATerminal, width: int
) -> None:
    piped = _blocks(copro("styles").stdout)
    shown = _blocks(on_a_terminal("styles", width=width).stdout)
    assert len(shown) == len(piped) == 6
    for plain, wrapped in zip(piped, shown, strict=True):
        plain_lines = plain.strip("\n").splitlines()
        lines = [line.rstrip() for line in wrapped.strip("\n").splitlines()]
        assert lines[0] == plain_lines[0]  # `apa: APA 7th edition`
        assert all(len(line) <= width and line.startswith("  ") for line in lines[1:])
        assert " ".join(line.strip() for line in lines[1:]) == " ".join(
            line.strip() for line in plain_lines[1:]
        )


def _blocks(text: str) -> list[str]:
    return [block for block in text.split("\n\n") if block.strip()]


ORGANISATIONS = """\
@book{zed2010, author = {Zed, Ann}, title = {A book by a person}, year = 2010}
@report{scie2013, author = {{Social Care Institute for Excellence}},
        title = {A report by an organisation}, year = 2013}
@online{sciesite, organization = {Social Care Institute for Excellence},
        title = {A web site of an organisation}, year = 2014}
"""


def test_organisations_are_shown_and_sorted_by_their_name(
    copro: Runner, on_a_terminal: OnATerminal, tmp_path: Path
) -> None:
    bib = tmp_path / "org.bib"
    bib.write_text(ORGANISATIONS, "utf-8")
    library = ("--no-bundled", "--bib", str(bib))
    by_author = copro(*library, "list", "--sort", "author").stdout.splitlines()
    assert [line.split("\t")[0] for line in by_author] == ["scie2013", "sciesite", "zed2010"]
    assert [line.split("\t")[2] for line in by_author[:2]] == [
        "Social Care Institute for Excellence"
    ] * 2
    table = on_a_terminal(*library, "list", width=120).stdout
    authors = " ".join(cell for cell in _column(table, "Authors") if cell)
    assert authors.count("Social Care Institute for Excellence") == 2


@pytest.mark.parametrize("width", WIDTHS)
def test_a_record_shows_its_whole_title(on_a_terminal: OnATerminal, width: int) -> None:
    title = "Co-production practitioners network: A network for co-production practitioners"
    shown = on_a_terminal("show", "nefcoproduction", width=width).stdout
    assert max(len(line) for line in shown.splitlines()) <= width
    # Cut off in the top border at 80 columns before; a line of its own where it cannot fit.
    words = " ".join(line.strip("│╭╮─ ").strip() for line in shown.splitlines()[:3])
    assert title in " ".join(words.split())
