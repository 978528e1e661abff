"""`crossref` and `xdata`: inherited fields by biber's rules, cycles and missing targets
reported, inherited fields shown."""

from __future__ import annotations

from pathlib import Path

import pytest

from coprocli.catalogue import load_catalogue
from coprocli.errors import StrictModeError
from coprocli.item import to_item
from coprocli.listing import record_rows
from coprocli.richtext import plain
from coprocli.styles import STYLES

from .conftest import CORPUS, Runner, shared_or_skip

DBLP = """
@inproceedings{DBLP:conf/x/Lee20,
  author    = {Ann Lee and Bo Chen},
  title     = {Tenant voice in housing boards},
  pages     = {12--20},
  crossref  = {DBLP:conf/x/2020},
}
@proceedings{DBLP:conf/x/2020,
  editor    = {Tom Green},
  title     = {Proceedings of the Housing Conference 2020},
  booktitle = {Housing 2020},
  publisher = {Policy Press},
  series    = {LNCS},
  volume    = {12},
  year      = {2020},
  annotation = {About the whole proceedings.},
}
"""


def _load(tmp_path: Path, text: str, *more: str) -> object:
    path = tmp_path / "lib.bib"
    path.write_text(text, "utf-8")
    paths = [path]
    for index, other in enumerate(more):
        extra = tmp_path / f"more{index}.bib"
        extra.write_text(other, "utf-8")
        paths.append(extra)
    return load_catalogue(paths, bundled=False)


def test_a_dblp_paper_cites_with_year_and_venue(tmp_path: Path) -> None:
    catalogue = _load(tmp_path, DBLP)
    paper = catalogue.get("DBLP:conf/x/Lee20")  # type: ignore[attr-defined]
    assert paper.fields["year"] == "2020"
    assert paper.fields["booktitle"] == "Housing 2020"  # the short one, as BibTeX reads it
    assert paper.fields["publisher"] == "Policy Press"
    assert [p.family for p in paper.names["editor"]] == ["Green"]
    assert "annotation" not in paper.fields  # the parent's annotation describes the parent
    assert paper.inherited["year"] == "DBLP:conf/x/2020"
    text = plain(STYLES["apa"].references([paper])[0].body)
    assert "(2020)" in text and "Housing 2020" in text and "Policy Press" in text


def test_a_proceedings_title_becomes_the_booktitle(tmp_path: Path) -> None:
    text = DBLP.replace("  booktitle = {Housing 2020},\n", "")
    paper = _load(tmp_path, text).get("DBLP:conf/x/Lee20")  # type: ignore[attr-defined]
    assert paper.fields["booktitle"] == "Proceedings of the Housing Conference 2020"
    assert paper.fields["title"] == "Tenant voice in housing boards"


def test_an_inbook_takes_the_book_title_and_author(tmp_path: Path) -> None:
    text = """
@inbook{part, title = {Chapter one}, crossref = {whole}}
@book{whole, author = {Ostrom, Elinor}, title = {Governing the Commons}, year = 1990,
  publisher = {CUP}}
"""
    part = _load(tmp_path, text).get("part")  # type: ignore[attr-defined]
    assert part.fields["booktitle"] == "Governing the Commons"
    assert [p.family for p in part.names["bookauthor"]] == ["Ostrom"]
    assert [p.family for p in part.names["author"]] == ["Ostrom"]


def test_xdata_fields_are_shared_and_xdata_entries_leave(tmp_path: Path) -> None:
    text = """
@xdata{macmillan, publisher = {Macmillan}, location = {London}}
@book{b1, author = {Lee, Ann}, title = {One}, year = 2001, xdata = {macmillan}}
@book{b2, author = {Lee, Ann}, title = {Two}, year = 2002, publisher = {Own},
  xdata = {macmillan}}
"""
    catalogue = _load(tmp_path, text)
    assert [e.key for e in catalogue] == ["b1", "b2"]  # type: ignore[attr-defined]
    assert catalogue.get("b1").fields["publisher"] == "Macmillan"  # type: ignore[attr-defined]
    assert catalogue.get("b2").fields["publisher"] == "Own"  # type: ignore[attr-defined]
    assert catalogue.get("b2").fields["location"] == "London"  # type: ignore[attr-defined]


def test_chains_aliases_and_other_files(tmp_path: Path) -> None:
    parts = "@incollection{c, title = {C}, crossref = {ALIAS}}\n"
    wholes = """
@collection{book, ids = {alias}, title = {The Book}, crossref = {series}}
@mvcollection{series, title = {Many Volumes}, publisher = {P}, year = 1999}
"""
    catalogue = _load(tmp_path, parts, wholes)
    part = catalogue.get("c")  # type: ignore[attr-defined]
    assert part.fields["booktitle"] == "The Book"
    assert part.fields["maintitle"] == "Many Volumes"  # via the book, from the series
    assert part.fields["year"] == "1999"
    assert not catalogue.warnings  # type: ignore[attr-defined]


def test_cycles_and_missing_targets_are_reported(tmp_path: Path) -> None:
    text = """
@book{a, title = {A}, crossref = {b}}
@book{b, title = {B}, crossref = {a}}
@inproceedings{c, title = {C}, crossref = {nowhere}}
@book{d, title = {D}, xdata = {gone}}
"""
    catalogue = _load(tmp_path, text)
    kinds = sorted(w.kind for w in catalogue.warnings)  # type: ignore[attr-defined]
    assert kinds == ["crossref-missing", "inheritance-cycle", "xdata-missing"]
    assert catalogue.get("c").fields["title"] == "C"  # type: ignore[attr-defined]
    path = tmp_path / "lib.bib"
    with pytest.raises(StrictModeError):
        load_catalogue([path], bundled=False, strict=True)


def test_show_names_the_inherited_fields(tmp_path: Path, copro: Runner) -> None:
    rows = dict(record_rows(_load(tmp_path, DBLP).get("DBLP:conf/x/Lee20")))  # type: ignore[attr-defined]
    assert rows["Inherited"] == (
        "booktitle, editor, publisher, series, volume, year from DBLP:conf/x/2020"
    )
    result = copro("--no-bundled", "--bib", str(tmp_path / "lib.bib"), "show", "DBLP:conf/x/Lee20")
    assert result.code == 0 and "Inherited" in result.stdout


def test_biber_test_suite_crossrefs() -> None:
    path = shared_or_skip(CORPUS / "biber_crossrefs.bib")
    catalogue = load_catalogue([path], bundled=False)
    child = catalogue.get("cr1")
    assert child.fields["booktitle"] == "Graphs of the Continent"
    assert child.fields["publisher"] == "Grimble" and child.fields["year"] == "1974"
    item = to_item(child)
    assert item.container_text == "Graphs of the Continent"
    kinds = {w.kind for w in catalogue.warnings}
    assert {"crossref-missing", "inheritance-cycle"} <= kinds
