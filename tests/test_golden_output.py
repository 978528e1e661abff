"""Golden files of copro's own output, per style and markup.

`tests/golden/output/<style>.<markup>` holds the reference list of the citation fixture and
the bundled catalogue; `<style>.citations.tsv` the in-text and narrative citation of each
entry. A change in any of them shows up in review as a diff of these files; they are
rewritten only by `pytest --regenerate-golden`. (What they should say is checked against
pandoc's citeproc in test_styles.py.)
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from coprocli import citing
from coprocli.backends import BACKENDS
from coprocli.bibparse import load_file
from coprocli.catalogue import load_catalogue
from coprocli.model import Entry
from coprocli.styles import STYLE_NAMES

from .conftest import FIXTURES

GOLDEN = Path(__file__).resolve().parent / "golden" / "output"


@cache
def entries() -> tuple[Entry, ...]:
    fixture, _ = load_file(FIXTURES / "citations.bib")
    return (*fixture, *load_catalogue().entries)


def check(path: Path, actual: str, regenerate: bool) -> None:
    if regenerate:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, "utf-8")
    assert path.exists(), f"{path.name} is missing: run pytest --regenerate-golden"
    assert actual == path.read_text("utf-8"), f"{path.name} changed: review, then regenerate"


@pytest.mark.parametrize("markup", sorted(BACKENDS))
@pytest.mark.parametrize("style", STYLE_NAMES)
def test_reference_list(style: str, markup: str, request: pytest.FixtureRequest) -> None:
    actual = citing.reference_list(entries(), style, markup) + "\n"
    check(GOLDEN / f"{style}.{markup}", actual, request.config.getoption("--regenerate-golden"))


@pytest.mark.parametrize("style", STYLE_NAMES)
def test_citations(style: str, request: pytest.FixtureRequest) -> None:
    records = citing.citation_records(entries(), style, "text")
    actual = "".join(f"{r['key']}\t{r['citation']}\t{r['narrative']}\n" for r in records)
    check(
        GOLDEN / f"{style}.citations.tsv", actual, request.config.getoption("--regenerate-golden")
    )
