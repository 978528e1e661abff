"""`copro show`: full records, JSON, case-insensitive keys and suggestions."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from ..conftest import Runner


def test_show_prints_the_full_record(copro: Runner) -> None:
    result = copro("show", "boyle2009challenge")
    assert result.code == 0 and result.stderr == ""
    text = result.stdout
    flat = " ".join(text.split())
    assert text.startswith("boyle2009challenge: The Challenge of Co-production: How equal")
    assert "Authors:" in text and "David Boyle; Michael Harris" in text
    assert "December 2009" in text or "2009" in text
    assert "Publisher:" in text and "NESTA" in text
    assert "“Co-production means delivering public services in an equal" in flat


def test_show_reads_the_normalised_item(copro: Runner, tmp_path: Path) -> None:
    """Whatever fields the .bib used: a thesis's `school` is its publisher, a film's
    `editor` with `editortype = {director}` its director, `origdate` the original year."""
    bib = tmp_path / "varied.bib"
    bib.write_text(
        "@phdthesis{doe, author = {Doe, Jane}, title = {Caring}, school = {University of Leeds},"
        " year = 2018}\n"
        "@movie{film, editor = {Rivera, Ana}, editortype = {director}, title = {Kitchen Table},"
        " publisher = {Lantern Pictures}, year = 2019}\n"
        "@book{hale, author = {Hale, Margaret}, title = {The Common Table}, origdate = {1962},"
        " date = {2005-03}, location = {London and New York}, translator = {Ward, E.}}\n",
        encoding="utf-8",
    )
    output = copro("--no-bundled", "--bib", str(bib), "show", "doe", "film", "hale").stdout
    text = " ".join(output.split())
    assert "Type: PhD thesis Publisher: University of Leeds" in text
    assert "Director: Ana Rivera" in text and "Editors" not in text
    assert "Year: March 2005 Original: 1962" in text
    assert "Place: London; New York" in text and "Translators: E. Ward" in text


def test_show_renders_lists_as_lists(copro: Runner) -> None:
    text = copro("show", "needham2009coproduction").stdout
    bullets = [line for line in text.splitlines() if line.lstrip().startswith("• ")]
    assert len(bullets) == 4
    assert "Research briefing" in text and "31" in text


def test_keys_match_case_insensitively(copro: Runner) -> None:
    assert copro("show", "BOYLE2009Challenge").code == 0


def test_show_json_is_the_list_schema(copro: Runner) -> None:
    result = copro("show", "boyle2009challenge", "needham2009coproduction", "--json")
    data = json.loads(result.stdout)
    assert [entry["key"] for entry in data] == ["boyle2009challenge", "needham2009coproduction"]
    assert data[1]["fields"]["number"] == "31"


def test_unknown_key_suggests_close_keys(copro: Runner) -> None:
    result = copro("show", "boyle2090")
    assert result.code == 1 and result.stdout == ""
    assert result.stderr.startswith("Error: Unknown key 'boyle2090'. Did you mean: boyle2009")
    assert result.stderr.count("\n") == 1


def test_unknown_key_without_anything_close(copro: Runner) -> None:
    result = copro("show", "zzzzzzzzzzzzzzzzzz")
    assert result.code == 1
    assert "copro list --keys" in result.stderr


def test_show_needs_a_key(copro: Runner) -> None:
    result = copro("show")
    assert result.code == 2 and "Missing argument" in result.stderr


def test_show_reads_keys_from_stdin_and_files(
    copro: Runner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("spice\nfoot2010glass\n"))
    data = json.loads(copro("show", "-", "--json").stdout)
    assert [entry["key"] for entry in data] == ["spice", "foot2010glass"]
    listing = tmp_path / "keys.txt"
    listing.write_text("# two\nspice, needham2009coproduction\n", "utf-8")
    data = json.loads(copro("show", "--keys-from", str(listing), "--json").stdout)
    assert [entry["key"] for entry in data] == ["spice", "needham2009coproduction"]


def test_several_unknown_keys_are_all_reported(copro: Runner) -> None:
    result = copro("show", "spice", "boyle2090", "spiec")
    assert result.code == 1 and result.stdout == ""
    assert "Unknown key 'boyle2090'" in result.stderr and "Unknown key 'spiec'" in result.stderr
    skipped = copro("show", "spice", "spiec", "--skip-unknown", "--json")
    assert skipped.code == 0 and [e["key"] for e in json.loads(skipped.stdout)] == ["spice"]
    assert skipped.stderr.startswith("Warning: Unknown key 'spiec'")
