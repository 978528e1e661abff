"""`copro cite`, `copro export` and `copro styles` from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coprocli.bibparse import parse_bib_text

from ..conftest import Runner


def test_reference_list_in_harvard(copro: Runner) -> None:
    result = copro("cite", "boyle2009challenge", "--style", "harvard")
    assert result.code == 0 and result.stderr == ""
    assert result.stdout.startswith(
        "Boyle, D. and Harris, M. (2009) The challenge of co-production"
    )


def test_in_text_citation_of_several_keys_in_style_order(copro: Runner) -> None:
    result = copro("cite", "slay2011budgets", "boyle2009challenge", "--in-text")
    assert result.stdout == "(Boyle & Harris, 2009; Slay, 2011)\n"


def test_narrative_citation(copro: Runner) -> None:
    result = copro("cite", "needham2009coproduction", "--style", "harvard", "--narrative")
    assert result.stdout == "Needham and Carr (2009)\n"
    apa = copro("cite", "boyle2009challenge", "--narrative")
    assert apa.stdout == "Boyle and Harris (2009)\n"  # APA 7: "and" in running text


def test_numeric_style_numbers_in_citation_order(copro: Runner) -> None:
    result = copro("cite", "spice", "boyle2009challenge", "--style", "vancouver")
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert lines[0].startswith("1. ") and "Spice" in lines[0]
    assert lines[1].startswith("2. Boyle D")


def test_json_records(copro: Runner) -> None:
    data = json.loads(copro("cite", "boyle2009challenge", "foot2010glass", "--json").stdout)
    assert [record["key"] for record in data] == ["boyle2009challenge", "foot2010glass"]
    assert set(data[0]) == {"key", "reference", "citation", "narrative"}
    assert data[0]["citation"] == "(Boyle & Harris, 2009)"
    assert data[0]["narrative"] == "Boyle and Harris (2009)"


@pytest.mark.parametrize(
    ("markup", "italic"),
    [
        ("markdown", "*The challenge"),
        ("html", "<em>The challenge"),
        ("latex", "\\emph{The challenge"),
        ("rtf", "{\\i The challenge"),
    ],
)
def test_markups_keep_italics(copro: Runner, markup: str, italic: str) -> None:
    result = copro("cite", "boyle2009challenge", "--format", markup)
    assert result.code == 0 and italic in result.stdout


def test_keys_from_stdin(copro: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("boyle2009challenge\n# a comment\nspice\n"))
    result = copro("cite", "-", "--style", "harvard", "--in-text")
    assert result.stdout == "(Boyle and Harris, 2009; Spice, no date)\n"


def test_selection_by_query_and_filters(copro: Runner) -> None:
    by_query = copro("cite", "--query", "timebanking", "--in-text")
    assert "Ryan-Collins" in by_query.stdout
    tools = copro("cite", "--section", "Practical tools", "--json")
    assert len(json.loads(tools.stdout)) == 3
    everything = copro("cite", "--all", "--json")
    assert len(json.loads(everything.stdout)) == 19


def test_output_file_is_written_once(copro: Runner, tmp_path: Path) -> None:
    target = tmp_path / "refs.html"
    first = copro("cite", "--all", "--format", "html", "--output", str(target))
    assert first.code == 0 and first.stdout == ""
    page = target.read_text("utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.count('class="reference"') == 19
    again = copro("cite", "--all", "--format", "html", "--output", str(target))
    assert again.code == 1 and "already exists; use --force" in again.stderr
    assert copro("cite", "spice", "--output", str(target), "--force").code == 0
    assert "Spice" in target.read_text("utf-8")


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["cite", "boyle2009challenge", "--style", "turabian"], 2, "Unknown style 'turabian'"),
        (["cite", "boyle2009challenge", "--format", "odt"], 2, "Unknown format 'odt'"),
        (["cite", "boyle2090"], 1, "Did you mean: boyle2009challenge"),
        (["cite"], 2, "Give keys"),
        (["cite", "spice", "--in-text", "--narrative"], 2, "not both"),
        (["export", "--all", "--to", "bibtex", "--style", "apa"], 2, "not both"),
        (["export", "--all", "--to", "endnote"], 2, "Unknown"),
        (["export", "--all"], 2, "Give --to"),
    ],
)
def test_errors(copro: Runner, args: list[str], code: int, message: str) -> None:
    result = copro(*args)
    assert result.code == code and result.stdout == ""
    assert result.stderr.startswith("Error: ") and message in result.stderr


def test_export_bibtex_round_trips(copro: Runner) -> None:
    result = copro("export", "--all", "--to", "biblatex")
    entries, warnings = parse_bib_text(result.stdout, "exported")
    assert warnings == [] and len(entries) == 19
    assert entries[0].key == "boyle2009challenge"
    assert entries[0].names["author"][0].family == "Boyle"


def test_export_csl_json_and_ris(copro: Runner) -> None:
    items = json.loads(copro("export", "spice", "foot2010glass", "--to", "csl-json").stdout)
    assert [item["id"] for item in items] == ["spice", "foot2010glass"]
    ris = copro("export", "foot2010glass", "--to", "ris").stdout
    assert ris.startswith("TY  - RPRT") and "AU  - Foot, Jane" in ris and "ER  -" in ris


def test_export_formatted_list_is_what_cite_prints(copro: Runner) -> None:
    exported = copro("export", "--all", "--style", "apa", "--format", "markdown").stdout
    cited = copro("cite", "--all", "--style", "apa", "--format", "markdown").stdout
    assert exported == cited


def test_styles_lists_every_style_with_a_preview(copro: Runner) -> None:
    result = copro("styles")
    for name in ("apa", "harvard", "chicago", "mla", "vancouver", "ieee"):
        assert f"{name}: " in result.stdout
    data = json.loads(copro("styles", "--json").stdout)
    assert {row["name"] for row in data} >= {"apa", "harvard", "chicago"}
    assert all("Boyle" in row["example"] for row in data)


@pytest.mark.parametrize(
    "command", [["cite"], ["export", "--to", "json"], ["reading-list"]], ids=lambda c: c[0]
)
@pytest.mark.parametrize(
    ("selection", "named"),
    [
        (["boyle2009challenge", "--all"], "keys and --all conflict"),
        (["boyle2009challenge", "--query", "timebanking"], "keys and --query conflict"),
        (["--keys-from", "keys.txt", "--all"], "--keys-from and --all conflict"),
        (["--all", "--query", "timebanking"], "--all and --query conflict"),
        (["-", "--all"], "keys and --all conflict"),
    ],
)
def test_choosing_entries_two_ways_at_once_is_a_usage_error(
    copro: Runner, command: list[str], selection: list[str], named: str
) -> None:
    result = copro(*command, *selection)
    assert result.code == 2 and result.stdout == ""
    assert result.stderr.startswith(f"Error: {named}: choose keys, --all or --query")
    assert result.stderr.count("\n") == 1


def test_filters_narrow_the_keys_given(copro: Runner) -> None:
    result = copro("cite", "boyle2009challenge", "slay2011budgets", "--year", "2011", "--json")
    assert [record["key"] for record in json.loads(result.stdout)] == ["slay2011budgets"]
