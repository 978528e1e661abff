"""`copro check`'s findings (`lint.py`): duplicates, organisations read as people, missing
fields and links, capitals sentence case would lose, what output would drop."""

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
        ("linked", "C005", "a web resource with no access date, which Harvard and Vancouver print"),
        ("site", "C003", "a web resource with no URL or DOI"),
    ]


def test_the_bundled_catalogue_has_no_errors_or_warnings() -> None:
    """Only notes: its three websites have no access date, as none was recorded for them
    (an invented one would be wrong data)."""
    found = lint(load_catalogue().entries)
    assert {finding.severity for finding in found} == {"note"}
    assert sorted((finding.key, finding.code) for finding in found) == [
        ("nefcoproduction", "C005"),
        ("spice", "C005"),
        ("tlapthinklocal", "C005"),
    ]


def test_check_lists_findings_and_exits_1_on_an_error(copro: Runner, tmp_path) -> None:  # type: ignore[no-untyped-def]
    library = tmp_path / "lib.bib"
    library.write_text(LIBRARY, "utf-8")
    result = copro("--no-bundled", "--bib", str(library), "check")
    assert result.code == 1
    assert f"{library}:2: C002 error: entry 'scie':" in result.stdout
    assert result.stderr == (
        "10 entries loaded, 0 problems found, and 4 findings (2 errors, 2 warnings, 0 notes).\n"
    )
    data = json.loads(copro("--no-bundled", "--bib", str(library), "check", "--json").stdout)
    codes = sorted((item["key"], item["code"], item["severity"]) for item in data)
    assert codes[0] == ("again", "C001", "warning")
    assert all(item["kind"] == "finding" and item["hint"] for item in data)
    clean = copro("check")
    assert clean.code == 0
    assert clean.stderr == (
        "19 entries loaded, 0 problems found, and 3 findings (0 errors, 0 warnings, 3 notes).\n"
    )


def _codes(text: str, code: str) -> list[tuple[str, str]]:
    entries, _ = parse_bib_text(text, "lib.bib")
    return [(finding.key, finding.message) for finding in lint(entries) if finding.code == code]


def test_capitals_that_sentence_case_would_lower_are_found_where_deliberate() -> None:
    found = _codes(
        # sentence case elsewhere: the capital is deliberate
        "@article{a, title = {Working with Cahn on time banking in practice}}\n"
        # title case throughout: no way to tell a proper noun from the rest
        "@article{b, title = {The New Wealth of Time}}\n"
        # protected, a country (kept by the styles), the pronoun I, after a colon
        "@article{c, title = {Time banks in {Cahn}'s Wales: what I learned}}\n"
        # the annotation writes it with a capital mid-sentence, and never without
        "@article{d, title = {The Timebank Handbook of Cahn}, annotation = {Based on the work"
        " of Edgar Cahn. A handbook.}}\n"
        # the annotation also writes it in lower case: a common noun
        "@article{e, title = {The Timebank Handbook}, annotation = {A handbook of the"
        " Timebank movement: each timebank is different.}}\n"
        # not English: printed as written
        "@article{f, title = {Arbeiten mit Cahn in der Praxis heute}, langid = {german}}\n"
        # a new part of the title after a dash
        "@article{g, title = {Local care -- Family, friends and the community in practice}}\n",
        "C006",
    )
    assert [key for key, _ in found] == ["a", "d"]
    assert found[0][1] == (
        "the title word 'Cahn' looks like a proper noun; sentence-case styles will print 'cahn'"
    )


def test_what_output_would_lose_is_found() -> None:
    found = _codes(
        r"@article{a, title = {The \foo{Bar} of \emph{Baz} \'et\'e}, note = {See \cite{x}},"
        r" url = {http://x.org/\foo}}"
        "\n"
        "@online{b, title = {T}, urldate = {1.5.1998}, date = {2020-03}}\n"
        "@online{c, title = {T}, date = {199X}}\n",
        "C007",
    )
    assert found == [
        (
            "a",
            r"the title uses \foo, which copro does not know: every style and export prints "
            "what it applies to without it",
        ),
        (
            "a",
            r"the note uses \cite, which copro does not know: every style and export prints "
            "what it applies to without it",
        ),
        (
            "b",
            "the urldate '1.5.1998' is not a date copro reads: styles and exports keep only "
            "its year, 1998, of it",
        ),
        ("c", "the date '199X' is not a date copro reads: styles and exports keep nothing of it"),
    ]
