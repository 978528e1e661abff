"""Relevance: queries a person would type about the bundled catalogue, and the resources
that must come up in the first three results.

The expected keys were chosen by reading data/resources.bib: each is the resource whose
title, keywords, authors or annotation is plainly about the query.
"""

from __future__ import annotations

import pytest

from coprocli.index import SearchIndex

from .conftest import stored_index

TOP = 3

#: query -> keys that must all be among the first `TOP` hits.
CASES: dict[str, tuple[str, ...]] = {
    # time banking, however it is written
    "timebanking": ("ryancollins2008new", "spice"),
    "time banking": ("ryancollins2008new", "spice"),
    "time-bank": ("ryancollins2008new",),
    "time banks": ("ryancollins2008new",),
    "timebankng": ("ryancollins2008new", "spice"),
    "TimeBanking": ("ryancollins2008new", "spice"),
    # people, with and without typos
    "Neeham": ("needham2009coproduction",),
    "Cathrine Needham": ("needham2009coproduction",),
    "Slay": ("slay2011together", "slay2011budgets", "slay2011making"),
    "Ryan-Collins": ("ryancollins2008new",),
    "ryan collins": ("ryancollins2008new",),
    "O'Brien": ("obrien2011conversations",),
    "Edgar Cahn": ("inclusionnorth2011coproduction",),
    "author:boyle year:2010": ("boyle2010public", "boyle2010right"),
    # an author and a year, a surname that is also a word, a stop word that is a name
    "boyle 2009": ("boyle2009challenge",),
    "slay 2011 budgets": ("slay2011budgets",),
    "needham 2009": ("needham2009coproduction",),
    "stephens 2008": ("ryancollins2008new",),
    "foot": ("foot2010glass",),
    "coote 2010": ("boyle2010right",),
    "carr": ("needham2009coproduction",),
    # organisations
    "nef": ("nef2011coproduction", "nef2011stories", "nefcoproduction"),
    "new economics foundation": ("nef2011coproduction", "nef2011stories"),
    "Social Care Institute for Excellence": ("needham2009coproduction",),
    "TLAP": ("tlapthinklocal",),
    "Think Local Act Personal": ("tlapthinklocal",),
    "HACT": ("slay2011making",),
    "Headway": ("nef2011stories",),
    # topics, British and American spellings, hyphens
    "personalisation": ("slay2011budgets", "tlapthinklocal"),
    "personalization": ("slay2011budgets", "tlapthinklocal"),
    "coproduction self assessment": ("nef2011coproduction",),
    "self-assessment": ("nef2011coproduction", "inclusionnorth2011coproduction"),
    "older people": ("ndticoproduction",),
    "asset mapping": ("foot2010glass", "slay2011together"),
    "housing": ("slay2011making", "spice"),
    "mental health": ("ryancollins2008new",),
    "learning disabilities": ("nef2011stories",),
    "brain injury": ("nef2011stories",),
    "local area coordination": ("dsc2010local", "pwc2010local"),
    "Western Australia": ("dsc2010local", "pwc2010local"),
    "coordinator": ("dsc2010local",),
    "appreciative inquiry": ("foot2010glass",),
    "welbeing": ("foot2010glass",),
    "personal budgets": ("slay2011budgets", "slay2011making", "tlapthinklocal"),
    "mainstreaming": ("boyle2010right",),
    "mutuality reciprocity": ("boyle2010public",),
    "recognizing people as assets": ("boyle2010public",),
    "neighbors": ("boyle2009challenge",),
    "practitioners network": ("nefcoproduction",),
    "inclusive communities": ("obrien2011conversations",),
    "up2us": ("slay2011making",),
    "film": ("nef2011stories",),
    # other forms of a word: derived, not only inflected
    "coordinated": ("dsc2010local", "pwc2010local"),
    "reciprocal relationships": ("boyle2009challenge",),
    "sustainability": ("obrien2011conversations",),
    "inclusion conversation": ("obrien2011conversations",),
    # eponyms and proper nouns
    "Cahn timebanking": ("ryancollins2008new",),
    "Australia": ("dsc2010local", "pwc2010local"),
    # syntax
    '"equal and reciprocal"': ("boyle2009challenge",),
    '"Public Services Inside Out"': ("boyle2010public",),
    "evaluation -housing": ("slay2011together", "pwc2010local"),
    "type:video": ("nef2011stories",),
    "films OR videos": ("nef2011stories",),
    'section:"Practical tools" co-production': (
        "nef2011coproduction",
        "inclusionnorth2011coproduction",
        "obrien2011conversations",
    ),
}


@pytest.fixture(scope="module", params=["built", "stored"])
def index(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> SearchIndex:
    """The index as built, and as a warm run reads it from the cache: one engine, two
    storages, the same relevance."""
    built, stored = stored_index([], tmp_path_factory.mktemp("cache"))
    return built if request.param == "built" else stored


def _top(index: SearchIndex, query: str) -> list[str]:
    return [hit.entry.key for hit in index.search(query, limit=TOP)]


def test_relevance_share(index: SearchIndex) -> None:
    passed = [query for query, keys in CASES.items() if set(keys) <= set(_top(index, query))]
    share = len(passed) / len(CASES)
    print(f"relevance: {len(passed)}/{len(CASES)} ({share:.0%}) with their keys in the top {TOP}")
    assert len(CASES) >= 30
    assert share >= 0.95


@pytest.mark.parametrize("query", list(CASES))
def test_each_query(index: SearchIndex, query: str) -> None:
    top = _top(index, query)
    missing = [key for key in CASES[query] if key not in top]
    assert not missing, f"{query!r}: {missing} not in the top {TOP}, which is {top}"


def test_exclusion_removes_the_housing_report(index: SearchIndex) -> None:
    keys = [hit.entry.key for hit in index.search("evaluation -housing")]
    assert "slay2011making" not in keys
    assert "slay2011making" in [hit.entry.key for hit in index.search("evaluation")]
