"""`copro check`'s findings (`lint.py`): likely duplicates, organisations read as people."""

from __future__ import annotations

import json

from coprocli.bibparse import parse_bib_text
from coprocli.catalogue import load_catalogue
from coprocli.lint import lint

from .conftest import Runner

LIBRARY = """
@report{scie, author = {Social Care Institute for Excellence}, title = {Evidence}, year = 2009}
@report{scie-ok, author = {{Social Care Institute for Excellence}}, title = {Other}, year = 2010}
@article{first, author = {Jones, Ann}, title = {Time banks in practice}, year = 2012,
  journal = {J}, doi = {10.1000/tb}}
@article{again, author = {Jones, A.}, title = {Time Banks in Practice}, year = 2012, journal = {J}}
@article{same-doi, author = {Smith, Bo}, title = {Another title}, year = 2013, journal = {J},
  doi = {https://doi.org/10.1000/TB}}
@book{person, author = {Mary Ann Evans}, title = {Middlemarch}, year = 1871, publisher = {P}}
@book{institute, editor = {Royal Institute of Things}, title = {Edited}, year = 2000,
  publisher = {P}}
@book{company, author = {Joan Baptista Company}, title = {Shrimp}, year = 2021, publisher = {P}}
@article{board1, author = {Anonymous}, title = {Editorial board}, year = 2010, journal = {J},
  volume = 84}
@article{board2, author = {Anonymous}, title = {Editorial board}, year = 2010, journal = {J},
  volume = 85}
"""


def test_findings_name_the_entry_the_rule_and_the_fix() -> None:
    entries, _ = parse_bib_text(LIBRARY, "lib.bib")
    found = {(finding.key, finding.code): finding for finding in lint(entries)}
    assert set(found) == {
        ("scie", "C002"),
        ("institute", "C002"),
        ("again", "C001"),
        ("same-doi", "C001"),
    }
    scie = found["scie", "C002"]
    assert scie.severity == "error" and scie.source == "lib.bib" and scie.line == 2
    assert "{{Social Care Institute for Excellence}}" in scie.hint
    assert "same title, year and first author" in found["again", "C001"].message
    assert "same DOI" in found["same-doi", "C001"].message
    assert "'first'" in found["same-doi", "C001"].message


def test_web_resources_and_needed_fields() -> None:
    entries, _ = parse_bib_text(
        "@online{site, title = {A site}}\n"
        "@online{linked, title = {B}, url = {https://example.org}}\n"
        "@article{bare, title = {C}}\n"
        "@phdthesis{thesis, title = {D}, year = 2020, institution = {Uni}}\n",
        "web.bib",
    )
    found = sorted((finding.key, finding.code, finding.message) for finding in lint(entries))
    assert found == [
        ("bare", "C004", "no journal or journaltitle, which every style needs for @article"),
        ("bare", "C004", "no year or date, which every style needs for @article"),
        ("site", "C003", "a web resource with no URL or DOI"),
    ]


def test_the_bundled_catalogue_is_clean() -> None:
    assert lint(load_catalogue().entries) == []


def test_check_lists_findings_and_exits_1_on_an_error(copro: Runner, tmp_path) -> None:  # type: ignore[no-untyped-def]
    library = tmp_path / "lib.bib"
    library.write_text(LIBRARY, "utf-8")
    result = copro("--no-bundled", "--bib", str(library), "check")
    assert result.code == 1
    assert f"{library}:2: C002 error: entry 'scie':" in result.stdout
    assert result.stderr == "10 entries loaded, 0 problems found, and 4 findings (2 errors).\n"
    data = json.loads(copro("--no-bundled", "--bib", str(library), "check", "--json").stdout)
    codes = sorted((item["key"], item["code"], item["severity"]) for item in data)
    assert codes[0] == ("again", "C001", "warning")
    assert all(item["kind"] == "finding" and item["hint"] for item in data)
    clean = copro("check")
    assert clean.code == 0 and clean.stderr == "19 entries loaded, 0 problems found.\n"
