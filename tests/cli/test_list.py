"""`copro list`: filters, sorting, scripting formats, and the plain output of a pipe."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coprocli.folding import fold

from ..conftest import FIXTURES, Runner


def keys_of(result_stdout: str) -> list[str]:
    return result_stdout.split()


def test_list_shows_the_whole_catalogue_in_seed_order(copro: Runner) -> None:
    result = copro("list", "--keys")
    assert result.code == 0 and result.stderr == ""
    keys = keys_of(result.stdout)
    assert len(keys) == 19
    assert keys[0] == "boyle2009challenge"


def test_plain_output_when_piped_is_tab_separated(copro: Runner) -> None:
    result = copro("list", "--limit", "1")
    line = result.stdout.rstrip("\n")
    assert line.split("\t") == [
        "boyle2009challenge",
        "2009",
        "Boyle, Harris",
        "The Challenge of Co-production: How equal partnerships between professionals and "
        "the public are crucial to improving public services",
        "report",
    ]
    assert "\x1b[" not in result.stdout


def test_json_schema(copro: Runner) -> None:
    result = copro("list", "--json")
    data = json.loads(result.stdout)
    assert len(data) == 19
    first = data[0]
    assert set(first) == {"key", "type", "title", "authors", "year", "source", "fields"}
    assert first["authors"] == ["David Boyle", "Michael Harris"]
    assert first["year"] == 2009 and first["source"] == "bundled"
    assert first["fields"]["author"] == ["David Boyle", "Michael Harris"]
    assert first["fields"]["subtitle"].startswith("How equal partnerships")


def test_jsonl_is_one_object_a_line(copro: Runner) -> None:
    lines = copro("list", "--jsonl").stdout.splitlines()
    assert len(lines) == 19
    assert json.loads(lines[0])["key"] == "boyle2009challenge"


def test_format_template(copro: Runner) -> None:
    result = copro(
        "list", "--year", "2009", "--format", "{key}\\t{year}\\t{publisher}{institution}"
    )
    assert result.code == 0
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert rows[0][:2] == ["boyle2009challenge", "2009"]
    assert all(row[1] == "2009" for row in rows)


@pytest.mark.parametrize(
    ("args", "expected_years"),
    [
        (["--year", "2009..2010"], {2009, 2010}),
        (["--year", "2011.."], {2011}),
        (["--year", "..2008"], {2008}),
        (["--year", "2010"], {2010}),
    ],
)
def test_year_ranges(copro: Runner, args: list[str], expected_years: set[int]) -> None:
    data = json.loads(copro("list", *args, "--json").stdout)
    assert data and {entry["year"] for entry in data} == expected_years


def test_filters_combine(copro: Runner) -> None:
    by_author = json.loads(copro("list", "--author", "slay", "--json").stdout)
    assert by_author and all(
        any("Slay" in name for name in entry["authors"]) for entry in by_author
    )
    tools = keys_of(copro("list", "--section", "practical tools", "--keys").stdout)
    assert len(tools) == 3
    both = keys_of(copro("list", "--section", "Introductory", "--author", "Boyle", "--keys").stdout)
    assert both and set(both) <= set(keys_of(copro("list", "--author", "boyle", "--keys").stdout))
    assert keys_of(copro("list", "--keyword", "timebanking", "--keys").stdout)
    websites = json.loads(copro("list", "--type", "online", "--json").stdout)
    assert websites and {entry["type"] for entry in websites} == {"online"}


@pytest.mark.parametrize(
    ("option", "first", "second"),
    [
        ("--year", "2009", "2011"),
        ("--year", "..2008", "2010.."),
        ("--author", "Needham", "Foot"),
        ("--type", "online", "video"),
        ("--section", "Practical", "Websites"),
        ("--keyword", "timebanking", "older people"),
    ],
)
@pytest.mark.parametrize(
    "command", [["list"], ["search", "co-production OR timebanking OR community"]]
)
def test_repeated_filter_values_are_alternatives(
    copro: Runner, command: list[str], option: str, first: str, second: str
) -> None:
    one = keys_of(copro(*command, option, first, "--keys").stdout)
    other = keys_of(copro(*command, option, second, "--keys").stdout)
    either = keys_of(copro(*command, option, first, option, second, "--keys").stdout)
    assert one and other and not set(one) & set(other)
    assert set(either) == set(one) | set(other)


def test_repeated_filter_values_are_alternatives_when_citing(copro: Runner) -> None:
    cited = json.loads(copro("cite", "--year", "2008", "--year", "2011", "--json").stdout)
    listed = json.loads(copro("list", "--year", "2008", "--year", "2011", "--json").stdout)
    assert {record["key"] for record in cited} == {entry["key"] for entry in listed}
    assert {entry["year"] for entry in listed} == {2008, 2011}


def test_sort_and_reverse_and_limit(copro: Runner) -> None:
    years = [e["year"] for e in json.loads(copro("list", "--sort", "year", "--json").stdout)]
    known = [year for year in years if year is not None]
    assert known == sorted(known) and years[-1] is None  # undated entries last
    reverse = json.loads(copro("list", "--sort", "title", "--reverse", "--json").stdout)
    titles = [fold(entry["title"]) for entry in reverse]
    assert titles == sorted(titles, reverse=True)
    assert len(keys_of(copro("list", "--limit", "3", "--keys").stdout)) == 3


def test_summaries_show_the_annotation_lists_as_lists(copro: Runner) -> None:
    result = copro("list", "--author", "Stephens", "--year", "2010", "--summaries", "--full")
    assert "  • Recognising people as assets" in result.stdout
    short = copro("list", "--author", "Stephens", "--year", "2010", "--summaries")
    assert "Recognising people as assets" not in short.stdout


@pytest.mark.parametrize(
    "command",
    [
        ["list", "--year", "1900"],
        ["filter", "year:1900"],
        ["search", "co-production", "--year", "1900"],
        ["cite", "--year", "1900"],
        ["export", "--year", "1900", "--to", "bibtex"],
        ["reading-list", "--year", "1900"],
    ],
    ids=lambda command: command[0],
)
def test_nothing_matched_says_so_and_exits_1(
    copro: Runner, tmp_path: Path, command: list[str]
) -> None:
    result = copro(*command)
    assert (result.code, result.stdout) == (1, "")
    assert result.stderr.startswith("Nothing matched")
    if command[0] in {"cite", "export", "reading-list"}:
        target = tmp_path / "out.txt"
        written = copro(*command, "--output", str(target))
        assert written.code == 1 and "Wrote" not in written.stderr
        assert not target.exists()


@pytest.mark.parametrize(
    "command",
    [
        ["list", "--year", "1900", "--json"],
        ["filter", "year:1900", "--json"],
        ["search", "zebra", "--json"],
        ["cite", "--year", "1900", "--json"],
        ["export", "--year", "1900", "--to", "json"],
        ["export", "--year", "1900", "--to", "csl-json"],
    ],
    ids=" ".join,
)
def test_nothing_matched_in_json_is_still_an_array(copro: Runner, command: list[str]) -> None:
    result = copro(*command)
    assert result.code == 1 and json.loads(result.stdout) == []
    assert result.stderr.startswith("Nothing matched")


def test_an_empty_pipe_matches_nothing(copro: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    result = copro("cite", "-", "--year", "2011")
    assert (result.code, result.stdout, result.stderr) == (1, "", "Nothing matched.\n")


@pytest.mark.parametrize(
    ("args", "stdout"), [(["show", "-"], ""), (["show", "-", "--json"], "[]\n")]
)
def test_show_with_an_empty_pipe_matches_nothing(
    copro: Runner, monkeypatch: pytest.MonkeyPatch, args: list[str], stdout: str
) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    result = copro(*args)
    assert (result.code, result.stdout, result.stderr) == (1, stdout, "Nothing matched.\n")


def test_a_limit_of_0_is_not_an_empty_match(copro: Runner) -> None:
    assert copro("list", "--limit", "0") == copro("filter", "year:2011", "--limit", "0")
    assert copro("list", "--limit", "0").code == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["list", "--year", "twenty"], "Invalid year range 'twenty'"),
        (["list", "--year", "2012..2010"], "2012 is after 2010"),
        (["list", "--sort", "colour"], "Unknown sort order 'colour'"),
        (["list", "--json", "--keys"], "Choose one output format, not --json and --keys"),
        (["list", "--format", "{key"], "Invalid --format template"),
        (["list", "--format", "{title.upper}"], "Invalid placeholder"),
        (["list", "--limit", "-1"], "Invalid value for '--limit'"),
        (["list", "--colour"], "No such option: --colour"),
        (["frobnicate"], "No such command 'frobnicate'"),
    ],
)
def test_bad_usage_exits_2_with_one_line(copro: Runner, args: list[str], message: str) -> None:
    result = copro(*args)
    assert result.code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("Error: ") and message in result.stderr
    assert result.stderr.count("\n") == 1


def test_user_bib_with_no_bundled(copro: Runner, tmp_path: Path) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text("@book{mine, author = {Doe, Jane}, title = {Mine}, year = 2020}\n", "utf-8")
    result = copro("--no-bundled", "--bib", str(bib), "list", "--json")
    data = json.loads(result.stdout)
    assert [entry["key"] for entry in data] == ["mine"]
    assert data[0]["source"] == str(bib)


def test_copro_bib_environment_variable(copro: Runner, tmp_path: Path) -> None:
    import os

    one = tmp_path / "one.bib"
    two = tmp_path / "two.bib"
    one.write_text("@misc{one, title = {One}}\n", "utf-8")
    two.write_text("@misc{two, title = {Two}}\n", "utf-8")
    result = copro("list", "--keys", env={"COPRO_BIB": f"{one}{os.pathsep}{two}"})
    keys = keys_of(result.stdout)
    assert len(keys) == 21 and keys[-2:] == ["one", "two"]


def test_warnings_go_to_stderr_and_strict_makes_them_errors(copro: Runner) -> None:
    hard = str(FIXTURES / "hard_cases.bib")
    loose = copro("--no-bundled", "--bib", hard, "list", "--keys")
    assert loose.code == 0 and "lastone" in loose.stdout
    assert (
        "Warning: " in loose.stderr and "hard_cases.bib:39: entry 'duplicatefield'" in loose.stderr
    )
    quiet = copro("--quiet", "--no-bundled", "--bib", hard, "list", "--keys")
    assert quiet.stderr == ""
    strict = copro("--strict", "--no-bundled", "--bib", hard, "list", "--keys")
    assert strict.code == 1 and strict.stdout == ""
    assert strict.stderr.startswith("Error: ") and "without --strict" in strict.stderr


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p / "missing.bib", "no such .bib file"),
        (lambda p: p, "is a directory"),
        (lambda p: FIXTURES / "binary.bib", "not a text file"),
    ],
)
def test_unreadable_files_are_one_line_errors(copro: Runner, tmp_path: Path, make, message) -> None:  # type: ignore[no-untyped-def]
    result = copro("--bib", str(make(tmp_path)), "list")
    assert result.code == 1 and result.stdout == ""
    assert result.stderr.startswith("Error: ") and message in result.stderr
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--section", "tools"],
            "No section 'tools'; known sections: Introductory reading, Practical tools, "
            "Websites and short films. Did you mean: Practical tools?",
        ),
        (
            ["--type", "articl"],
            "No type 'articl'; known types: booklet, manual, misc, online, report, video.",
        ),
        (["--keyword", "xyz"], "No keyword 'xyz'; copro list --format '{keywords}' shows"),
        (["--author", "Neeham"], "Did you mean: Catherine Needham?"),
        # One alternative that matches nothing is still a typo to report.
        (["--section", "Practical", "--section", "tools"], "No section 'tools'"),
    ],
)
@pytest.mark.parametrize(
    "command",
    [["list"], ["list", "--json"], ["search", "co-production"], ["cite"], ["reading-list"]],
    ids=lambda command: " ".join(command),
)
def test_a_filter_value_nothing_has_is_named_with_what_is_known(
    copro: Runner, command: list[str], args: list[str], message: str
) -> None:
    result = copro(*command, *args)
    assert result.code == 1 and result.stdout == ""
    assert result.stderr.startswith("Error: No ") and message in result.stderr
    assert result.stderr.count("\n") == 1


def test_known_filter_values_are_not_reported(copro: Runner) -> None:
    # A type by its alias, a section by its start, a keyword by a part, any case or accent.
    for args in (["--type", "REPORT"], ["--section", "practical"], ["--keyword", "bank"]):
        assert copro("list", *args, "--keys").code == 0
