"""Data exporters: BibTeX/biblatex round trips, CSL-JSON read by pandoc, RIS, JSON."""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coprocli.bibparse import load_file, parse_bib_text
from coprocli.catalogue import LoadWarning, bundled_path, load_catalogue
from coprocli.errors import BibFileError, UsageError
from coprocli.exporters import EXPORTERS, get_exporter
from coprocli.exporters.bibtex import Dialect, format_name, map_entry
from coprocli.exporters.csl_json import csl_item
from coprocli.exporters.ris import ris_record
from coprocli.item import to_item
from coprocli.model import Entry, Person
from coprocli.richtext import plain
from coprocli.styles import STYLE_NAMES, STYLES

from . import citeproc_reference
from .conftest import CORPUS, FIXTURES, shared_or_skip


@pytest.fixture(scope="module")
def bundled() -> list[Entry]:
    return load_catalogue().entries


def _same(expected: Sequence[Entry], actual: Sequence[Entry]) -> None:
    """Same keys, types, decoded fields and Persons, in the same order."""
    assert [entry.key for entry in actual] == [entry.key for entry in expected]
    for want, got in zip(expected, actual, strict=True):
        assert got.type == want.type, want.key
        assert dict(got.fields) == dict(want.fields), want.key
        assert dict(got.names) == dict(want.names), want.key


def _round_trip(
    entries: Sequence[Entry], dialect: Dialect, known: Sequence[LoadWarning] = ()
) -> str:
    """Export, read back, compare with the mapped entries; export again, compare the text.

    Reading back warns about nothing new: only what the original file was warned about
    (`known`, e.g. a month such as `Summer`) may be reported again.
    """
    text = EXPORTERS[dialect].export(entries)
    back, warnings = parse_bib_text(text, "export")
    seen = {(warning.key, warning.message) for warning in known}
    assert [w for w in warnings if (w.key, w.message) not in seen] == []
    _same([map_entry(entry, dialect) for entry in entries], back)
    assert EXPORTERS[dialect].export(back) == text  # a second export changes nothing
    return text


# -- registry ----------------------------------------------------------------------------


def test_registry() -> None:
    assert list(EXPORTERS) == ["bibtex", "biblatex", "csl-json", "ris", "json"]
    for name, exporter in EXPORTERS.items():
        assert exporter.name == name
        assert exporter.description
        assert exporter.extension in {"bib", "json", "ris"}
        assert get_exporter(name.upper()) is exporter
    with pytest.raises(UsageError, match="choose one of: bibtex, biblatex"):
        get_exporter("endnote")


# -- BibTeX and biblatex -----------------------------------------------------------------


@pytest.mark.parametrize("dialect", ["bibtex", "biblatex"])
def test_bundled_catalogue_round_trips(bundled: list[Entry], dialect: Dialect) -> None:
    text = _round_trip(bundled, dialect)
    assert text.count("\n@") == len(bundled) - 1


def test_biblatex_export_is_the_catalogue_itself(bundled: list[Entry]) -> None:
    """The catalogue is biblatex already: a biblatex export keeps every type and field."""
    back, _ = parse_bib_text(EXPORTERS["biblatex"].export(bundled), "export")
    _same(bundled, back)


def test_bibtex_mapping_of_the_catalogue(bundled: list[Entry]) -> None:
    by_key = {entry.key: entry for entry in bundled}
    text = EXPORTERS["bibtex"].export([by_key["boyle2009challenge"], by_key["spice"]])
    assert text.startswith("@techreport{boyle2009challenge,\n  author      = {Boyle, David")
    assert "  address     = {London},\n" in text
    assert "  month       = dec,\n" in text
    assert (
        "  title       = {The Challenge of Co-production: How equal partnerships between "
        "professionals and the public are crucial to improving public services},\n"
    ) in text
    assert "subtitle" not in text and "location" not in text and "annotation " not in text
    assert "  annote      = {This paper highlights" in text
    assert "@online{spice," in text  # no classic type means "web page": kept
    assert "  title        = {{Spice}},\n" in text  # brace protection kept from the raw value
    assert "howpublished" not in text
    organisations = EXPORTERS["bibtex"].export([by_key["inclusionnorth2011coproduction"]])
    assert "author   = {{Inclusion North} and {Tricia Nicoll Consulting}}," in organisations


def test_biblatex_mapping_of_classic_entries() -> None:
    source = r"""
@techreport{r, author = {Jan van der Meer and Smith, Jr., John}, title = {A {NHS} Report},
  institution = {nef}, address = {London}, year = 2010, month = apr}
@article{a, author = {Ludwig von Beethoven}, title = {T}, journal = {J \& K}, year = {2001},
  annote = {Line one.

- one
- two}}
@phdthesis{t, author = {Doe, Jane}, title = {T}, school = {UCL}, year = {1999}}
"""
    entries, _ = parse_bib_text(source, "classic")
    text = _round_trip(entries, "biblatex")
    assert "@report{r," in text and "  type        = {techreport},\n" in text
    assert "  location    = {London},\n" in text and "  month       = {4},\n" in text
    assert "  title       = {A {NHS} Report},\n" in text
    assert "  author      = {van der Meer, Jan and Smith, Jr., John},\n" in text
    assert "@article{a," in text and "  journaltitle = {J \\& K},\n" in text
    assert "  annotation   = {Line one.\n\n- one\n- two},\n" in text
    assert "@thesis{t," in text and "  institution = {UCL}," in text
    assert "  type        = {phdthesis}," in text
    back, _ = parse_bib_text(text, "again")
    assert back[0].names["author"][0] == Person(family="Meer", given="Jan", particle="van der")
    assert back[0].names["author"][1] == Person(family="Smith", given="John", suffix="Jr.")
    assert back[1].names["author"][0].particle == "von"


def test_bibtex_mapping_of_biblatex_fields() -> None:
    source = r"""
@online{o, author = {{World Health Organization}}, title = {Page}, url = {https://e.org/a%20b_c},
  date = {2020-05}, urldate = {2021-01-02}}
@thesis{m, author = {Doe, J.}, title = {T}, subtitle = {S?}, type = {mathesis},
  institution = {Oxford}, date = {2019-03-04}}
@article{j, author = {A, B}, title = {Why?}, subtitle = {Because}, journaltitle = {J},
  date = {2001}}
"""
    entries, _ = parse_bib_text(source, "biblatex")
    text = _round_trip(entries, "bibtex")
    assert "@online{o," in text and "howpublished" not in text
    assert "  url     = {https://e.org/a%20b_c},\n" in text
    assert "  year    = {2020},\n  month   = may,\n" in text
    assert "  date    = " not in text
    assert "@mastersthesis{m," in text and "school" in text and "type " not in text
    assert "  title  = {T: S?}," in text
    assert "  date   = {2019-03-04}," in text  # the day has no BibTeX field: date kept
    assert "  title   = {Why? Because},\n" in text and "journal = {J}" in text


def test_names_that_need_protection() -> None:
    cases = [
        Person(family="de la Cruz", given="Juan"),  # a family name that reads as von
        Person(family="Smith, Jones", given="Ann"),
        Person(family="Barnes and Noble", given="X"),
        Person(family="Meer", given="Jan", particle="van der", suffix="Jr"),
        Person(literal="Médecins Sans Frontières & Co {x}"),
        Person(family="Ångström", given="Anders Jonas"),
        Person(family="Gödel"),
    ]
    for person in cases:
        entry = Entry("k", "misc", names={"author": (person,)})
        for dialect in ("bibtex", "biblatex"):
            back, _ = parse_bib_text(EXPORTERS[dialect].export([entry]), "x")
            assert back[0].names["author"] == (person,), (person, dialect)
    assert (
        format_name(Person(family="Meer", given="Jan", particle="van der")) == "van der Meer, Jan"
    )
    assert format_name(Person(literal="new economics foundation")) == "{new economics foundation}"


def test_raw_values_are_preferred() -> None:
    entries, _ = parse_bib_text(
        r"@book{k, title = {The {NHS} and {\"U}ber}, publisher = {M{\"u}ller \& Sons}}", "x"
    )
    text = EXPORTERS["biblatex"].export(entries)
    assert r"title     = {The {NHS} and {\"U}ber}" in text
    assert r"publisher = {M{\"u}ller \& Sons}" in text
    # A decoded value without raw text is escaped instead.
    plain = Entry("k", "book", fields={"title": "50% of A&B_c {x} ~ ^ \\ -- `"})
    text = EXPORTERS["bibtex"].export([plain])
    assert (
        r"title = {50\% of A\&B\_c \{x\} \textasciitilde{} \textasciicircum{} "
        r"\textbackslash{} -{}- \textasciigrave{}}" in text
    )
    _round_trip([plain], "bibtex")


_CORPUS_FILES = sorted(p.name for p in CORPUS.glob("*.bib")) if CORPUS.is_dir() else []


@pytest.mark.parametrize("name", _CORPUS_FILES or [pytest.param("", id="no-corpus")])
@pytest.mark.parametrize("dialect", ["bibtex", "biblatex"])
def test_corpus_round_trips(name: str, dialect: Dialect) -> None:
    path = shared_or_skip(CORPUS / name)
    try:
        entries, warnings = load_file(path)
    except BibFileError as error:  # a file the loader refuses as a whole (encoding)
        pytest.skip(str(error))
    _round_trip(entries, dialect, warnings)


# -- generated entries -------------------------------------------------------------------

_WORD = st.sampled_from(
    ["Gödel", "Ångström", "naïve", "co-production", "NHS", "A&E", "50%", "#1", "x_y",
     "über", "Łódź", "São", "Œuvre", "–", "“quoted”", "O'Brien", "e=mc^2", "C:\\temp",
     "{braces}", "a~b", "$5", "Müller-Lüdenscheidt", "and", "And", "others", "@home"]
)  # fmt: skip
_PLAIN_WORD = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=8
)
_TEXT = st.lists(st.one_of(_WORD, _PLAIN_WORD), min_size=1, max_size=8).map(" ".join)
_CAPITAL = _PLAIN_WORD.map(str.capitalize)
_FAMILY = st.one_of(_CAPITAL, st.sampled_from(["Ryan-Collins", "Gödel", "Ångström", "Łukasiewicz"]))
_PERSON = st.one_of(
    st.builds(
        Person,
        family=_FAMILY,
        given=st.one_of(st.just(""), _CAPITAL, st.sampled_from(["J. R.", "Jean-Luc", "Ólafur"])),
        particle=st.sampled_from(["", "van", "van der", "de", "von", "de la", "di"]),
        suffix=st.sampled_from(["", "", "Jr", "III"]),
    ),
    st.builds(Person, literal=st.one_of(_TEXT, st.sampled_from(["{NHS} England", "A & B"]))),
)
_URL = st.sampled_from(
    ["https://e.org/a%20b_c", "http://x.org/~u/p?q=1&r=2#frag", "https://doi.org/10.1000/x_y%2Fz"]
)


@st.composite
def _entries(draw: st.DrawFn) -> list[Entry]:
    out: list[Entry] = []
    for index in range(draw(st.integers(1, 3))):
        entry_type = draw(st.sampled_from(["article", "book", "misc", "manual", "booklet"]))
        fields: dict[str, str] = {"title": draw(_TEXT)}
        for name in ("note", "publisher", "series", "keywords"):
            if draw(st.booleans()):
                fields[name] = draw(_TEXT)
        if draw(st.booleans()):
            fields["url"] = draw(_URL)
        if draw(st.booleans()):
            fields["year"] = str(draw(st.integers(1900, 2030)))
        if draw(st.booleans()):
            fields["abstract"] = draw(_TEXT) + "\n\n• " + draw(_TEXT) + "\n• " + draw(_TEXT)
        people = {"author": tuple(draw(st.lists(_PERSON, min_size=1, max_size=3)))}
        if draw(st.booleans()):
            people["editor"] = tuple(draw(st.lists(_PERSON, min_size=1, max_size=2)))
        out.append(Entry(f"key{index}", entry_type, fields=fields, names=people))
    return out


@given(_entries(), st.sampled_from(["bibtex", "biblatex"]))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_generated_entries_round_trip(entries: list[Entry], dialect: Dialect) -> None:
    text = EXPORTERS[dialect].export(entries)
    back, warnings = parse_bib_text(text, "export")
    assert warnings == []
    _same(entries, back)  # these types and fields are the same in both vocabularies


_RAW_PIECE = st.sampled_from(
    [r"{NHS}", r"G{\"o}del", r"\&", r"50\%", r"\textit{Über}", r"{\'E}cole", "--", r"\url{x}",
     r"$\alpha$", r"{{double}}", r"\_", "plain", "Words here", r"\LaTeX{}", r"x\\y", "~"]
)  # fmt: skip


@given(
    st.lists(_RAW_PIECE, min_size=1, max_size=6).map(" ".join),
    st.sampled_from(["bibtex", "biblatex"]),
)
@settings(max_examples=150, deadline=None)
def test_generated_raw_latex_round_trips(title: str, dialect: Dialect) -> None:
    entries, warnings = parse_bib_text(f"@misc{{k, title = {{{title}}}}}", "x")
    assert warnings == []
    text = _round_trip(entries, dialect)
    assert f"title = {{{title}}}" in text  # the original LaTeX is kept


# -- CSL-JSON ----------------------------------------------------------------------------


def test_csl_json_items(bundled: list[Entry]) -> None:
    items = json.loads(EXPORTERS["csl-json"].export(bundled))
    by_id = {item["id"]: item for item in items}
    assert len(items) == len(bundled)
    first = by_id["boyle2009challenge"]
    assert first["type"] == "report"
    # Titles are stored in sentence case, as CSL styles expect them.
    assert first["title"].startswith("The challenge of co-production: How equal")
    assert first["author"] == [
        {"family": "Boyle", "given": "David"},
        {"family": "Harris", "given": "Michael"},
    ]
    assert first["issued"] == {"date-parts": [[2009, 12]]}
    assert first["publisher"] == "new economics foundation; NESTA"  # two publishers
    assert first["publisher-place"] == "London"
    assert first["genre"] == "Discussion paper"
    types = {item["type"] for item in items}
    assert types == {"report", "pamphlet", "document", "book", "webpage", "motion_picture"}
    assert by_id["dsc2010local"]["author"] == [{"literal": "Disability Services Commission"}]
    assert by_id["spice"]["publisher"] == "Spice Innovations Limited"
    person = csl_item(
        to_item(Entry("x", "thesis", fields={"type": "phdthesis", "urldate": "2020-01-02"},
              names={"author": (Person(family="Meer", given="J.", particle="van der", suffix="Jr"),
                                Person(literal="others"))}))
    )  # fmt: skip
    assert person["author"] == [
        {"family": "Meer", "given": "J.", "non-dropping-particle": "van der", "suffix": "Jr"}
    ]
    assert person["genre"] == "PhD thesis" and person["accessed"] == {"date-parts": [[2020, 1, 2]]}


def test_csl_json_keeps_what_the_bib_says() -> None:
    """Protected words, proper nouns, languages, roles, dates and URLs survive."""
    text = (
        "@book{a, title = {The {NHS} and Care in England: A {iPhone} Study}, "
        "editor = {Rivera, Ana}, editortype = {director}, origdate = {1962}, date = {2005-22}, "
        "langid = {british}}\n"
        "@book{b, title = {Gemeinsam Handeln}, langid = {ngerman}, date = {2010/2012}}\n"
        "@misc{c, title = {Strategy}, howpublished = {\\url{https://example.org/s}}}\n"
    )
    entries, _ = parse_bib_text(text, "t.bib")
    items = {item["id"]: item for item in json.loads(EXPORTERS["csl-json"].export(entries))}
    first = items["a"]
    nocase = '<span class="nocase">{}</span>'.format
    assert first["title"] == (
        f"The {nocase('NHS')} and care in {nocase('England')}: A {nocase('iPhone')} study"
    )
    assert first["director"] == [{"family": "Rivera", "given": "Ana"}]
    assert "editor" not in first
    assert first["original-date"] == {"date-parts": [[1962]]}
    assert first["issued"] == {"date-parts": [[2005, 22]]}  # summer
    assert first["language"] == "en-GB"
    assert items["b"]["title"] == "Gemeinsam Handeln"  # not English: as written
    assert items["b"]["language"] == "de-DE"
    assert items["b"]["issued"] == {"date-parts": [[2010], [2012]]}
    assert items["c"]["URL"] == "https://example.org/s"


@pytest.mark.skipif(
    citeproc_reference.pandoc_path() is None,
    reason="pandoc is not installed (pip install pypandoc-binary)",
)
@pytest.mark.parametrize("style_name", STYLE_NAMES)
def test_csl_json_gives_pandoc_the_same_references(
    style_name: str, bundled: list[Entry], tmp_path: Path
) -> None:
    """pandoc --citeproc on copro's CSL-JSON prints what it prints from the .bib itself."""
    items = tmp_path / "items.json"
    items.write_text(EXPORTERS["csl-json"].export(bundled), encoding="utf-8")
    style = STYLES[style_name]
    csl = citeproc_reference.CSL_DIR / style.csl_file
    keys = [entry.key for entry in bundled]
    from_bib = citeproc_reference.run_pandoc(bundled_path(), csl, lang=style.locale)
    from_json = citeproc_reference.run_pandoc(items, csl, lang=style.locale, keys=keys)
    # The one deliberate difference: pandoc's BibTeX reader gives `@misc` no CSL type at
    # all, which Chicago and MLA print like an article (title in quotation marks); copro
    # writes the CSL type `document`, a stand-alone work with an italic title.
    untyped = {entry.key for entry in bundled if entry.type == "misc"}
    if style_name in ("chicago", "mla"):
        for key in untyped:
            assert from_json["entries"][key] != from_bib["entries"][key]
            del from_json["entries"][key], from_bib["entries"][key]
    assert from_json["entries"] == from_bib["entries"]


def test_pandoc_citeproc_reads_csl_json(bundled: list[Entry], tmp_path: Path) -> None:
    pypandoc = pytest.importorskip("pypandoc")
    (tmp_path / "items.json").write_text(EXPORTERS["csl-json"].export(bundled), encoding="utf-8")
    citing = "; ".join(f"@{entry.key}" for entry in bundled)
    (tmp_path / "doc.md").write_text(f"Text [{citing}].\n", encoding="utf-8")
    result = subprocess.run(
        [pypandoc.get_pandoc_path(), "doc.md", "--citeproc", "--bibliography", "items.json",
         "-t", "plain", "--wrap=none", "--verbose"],
        cwd=tmp_path, capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "[WARNING]" not in result.stderr, result.stderr
    assert "???" not in result.stdout  # an unresolved citation
    for entry in bundled:
        assert entry.title.split(":")[0].split("?")[0][:30].casefold() in result.stdout.casefold()


# -- RIS ---------------------------------------------------------------------------------

_RIS_LINE = re.compile(r"^[A-Z][A-Z0-9]  - .*$")


def test_ris_records(bundled: list[Entry]) -> None:
    text = EXPORTERS["ris"].export(bundled)
    assert "\r" not in text
    records = text.strip("\n").split("\n\n")
    assert len(records) == len(bundled)
    for entry, record in zip(bundled, records, strict=True):
        lines = record.split("\n")
        assert all(_RIS_LINE.match(line) for line in lines), record
        assert lines[0].startswith("TY  - ") and lines[-1] == "ER  - "
        tags = [line[:2] for line in lines]
        assert tags.count("KW") == len(entry.keywords)
        assert tags.count("AU") == len(entry.authors) or entry.type == "online"
        assert f"TI  - {entry.title}" in lines
    boyle = records[0].split("\n")
    assert boyle[:4] == ["TY  - RPRT", "AU  - Boyle, David", "AU  - Harris, Michael", "PY  - 2009"]
    assert "DA  - 2009/12//" in boyle and "PB  - new economics foundation; NESTA" in boyle
    assert "CY  - London" in boyle
    assert any(line.startswith("N1  - This paper highlights") for line in boyle)
    types = {record.split("\n")[0][6:] for record in records}
    assert types == {"RPRT", "PAMP", "GEN", "BOOK", "ELEC", "VIDEO"}


def test_ris_flattens_and_splits() -> None:
    entry = Entry(
        "k", "incollection",
        fields={"title": "Line one\nER  - injected", "pages": "12--34", "booktitle": "B",
                "note": "a\n\nb"},
        names={"author": (Person(family="Meer", given="Jan", particle="van der", suffix="Jr"),),
               "editor": (Person(literal="WHO"),)},
    )  # fmt: skip
    record = ris_record(entry)
    assert ("TY", "CHAP") in record and ("TI", "Line one ER - injected") in record
    assert ("AU", "van der Meer, Jan, Jr") in record and ("A2", "WHO") in record
    assert ("SP", "12") in record and ("EP", "34") in record and ("N1", "a b") in record
    assert ("T2", "B") in record and record[-1] == ("ER", "")


# -- JSON --------------------------------------------------------------------------------


def test_json_is_the_to_dict_schema(bundled: list[Entry]) -> None:
    text = EXPORTERS["json"].export(bundled)
    assert text.startswith("[\n  {")
    assert json.loads(text) == [entry.to_dict() for entry in bundled]
    assert EXPORTERS["json"].export([]) == "[]\n"


# -- exports read back as the same references ------------------------------------------


def _references(entries: Sequence[Entry]) -> dict[tuple[str, str], tuple[str, str]]:
    return {
        (name, ref.key): (plain(ref.body), plain(ref.citation))
        for name in STYLE_NAMES
        for ref in STYLES[name].references(entries)
    }


@pytest.mark.parametrize("dialect", ["bibtex", "biblatex"])
@pytest.mark.parametrize(
    "fixture", ["bundled", "cases.bib", "citations.bib", "hard_cases.bib", "brace_edges"]
)
def test_exports_read_back_as_the_same_references(
    dialect: Dialect, fixture: str, bundled: list[Entry]
) -> None:
    """Every style prints the same reference and citation from the exported file as from
    the library it came from (types such as `@online` and `@video` included)."""
    if fixture == "bundled":
        entries = bundled
    elif fixture == "brace_edges":
        entries, _ = parse_bib_text(
            r"@misc{k, title = {Use \{ alone}, year = 2020}"
            r"@online{o, title = {Sets \{x\} and \{ open}, url = {https://e.org/a}}"
            "@video{v, title = {Film}, editor = {Rivera, Ana}, editortype = {director},"
            " year = 2001}",
            "edges",
        )
    else:
        entries, _ = load_file(FIXTURES / fixture)
    text = EXPORTERS[dialect].export(entries)
    back, _ = parse_bib_text(text, "export")
    assert _references(back) == _references(entries)


def test_lone_braces_export_balanced() -> None:
    entries, _ = parse_bib_text(r"@misc{k, title = {Use \{ alone}, year = 2020}", "x")
    text = EXPORTERS["bibtex"].export(entries)
    assert r"title = {Use \textbraceleft{} alone}" in text
    assert text.count("{") == text.count("}")  # as BibTeX and pandoc count them


@pytest.mark.skipif(
    citeproc_reference.pandoc_path() is None,
    reason="pandoc is not installed (pip install pypandoc-binary)",
)
@pytest.mark.parametrize("dialect", ["bibtex", "biblatex"])
def test_exports_give_pandoc_the_same_references(
    dialect: Dialect, bundled: list[Entry], tmp_path: Path
) -> None:
    """pandoc --citeproc on the exported file prints what it prints from the .bib itself."""
    exported = tmp_path / "exported.bib"
    exported.write_text(EXPORTERS[dialect].export(bundled), encoding="utf-8")
    style = STYLES["apa"]
    csl = citeproc_reference.CSL_DIR / style.csl_file
    from_bib = citeproc_reference.run_pandoc(bundled_path(), csl, lang=style.locale)
    from_export = citeproc_reference.run_pandoc(exported, csl, lang=style.locale)
    assert from_export["entries"] == from_bib["entries"]
