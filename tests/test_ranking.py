"""The ranking rules of the search, each on invented entries (fixtures/ranking.bib) where
two readings of one query compete: exact before fuzzy, names as names, years as years,
derived forms found, no dead ends, and ties in an order a reader can follow. Run on the
index as built and as a warm run reads it from the cache."""

from __future__ import annotations

from pathlib import Path

import pytest

from coprocli.index import SearchIndex

from .conftest import stored_index

LIBRARY = Path(__file__).parent / "fixtures" / "ranking.bib"


@pytest.fixture(scope="module", params=["built", "stored"])
def index(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> SearchIndex:
    built, stored = stored_index([LIBRARY], tmp_path_factory.mktemp("cache"), bundled=False)
    return built if request.param == "built" else stored


def ranked(index: SearchIndex, query: str) -> list[str]:
    return [hit.entry.key for hit in index.search(query)]


@pytest.mark.parametrize(
    ("query", "first", "below"),
    [
        # an exact word in an annotation beats a one-edit word in a title (`hact`)
        ("heath", "exact-b", "exact-a"),
        # a given name as typed beats a one-edit title word (`jake`)
        ("milo", "given-b", "given-a"),
        # names are not stemmed: Banning is no form of `ban` (`manning`)
        ("banning", "stem-b", "stem-a"),
        # a family name as typed beats one an edit away (`wolfe`)
        ("wolfson", "family-a", "family-b"),
        # surname + year is an author's work of that year, not a title naming it (`ross 2015`)
        ("crane 2015", "year-b", "year-a"),
        # the year of publication outranks a year in the text (`jones 2014`)
        ("field 2017", "pub-b", "pub-a"),
        # authorship outweighs a mention in keywords and abstract (`butler integral`)
        ("cutler integral", "author-b", "author-a"),
    ],
)
def test_the_better_reading_ranks_first(
    index: SearchIndex, query: str, first: str, below: str
) -> None:
    keys = ranked(index, query)
    assert keys[0] == first, keys
    assert below in keys  # found too, lower


def test_a_stop_word_that_is_a_surname_finds_its_author(index: SearchIndex) -> None:
    keys = ranked(index, "more 2016")  # `more` is a stop word, and Thomas More's name
    assert keys[0] == "stop-b"
    assert set(keys) == {"stop-a", "stop-b"}  # the year still holds; `more` narrows nothing
    assert ranked(index, "More") == ["stop-b"]


def test_numbers_match_exactly_and_digit_runs_are_not_years(index: SearchIndex) -> None:
    assert ranked(index, "2020") == []  # no entry of 2020: not the 2010s by a typo
    assert set(ranked(index, "2016")) == {"stop-a", "stop-b"}
    # `20,17Na` in a 2009 title holds no 2017 (`sato 2021`)
    keys = ranked(index, "kato 2017")
    assert keys == ["glue-b"]


def test_derived_forms_meet_and_the_form_typed_ranks_first(index: SearchIndex) -> None:
    assert ranked(index, "ecology partition") == ["derived-a"]  # title: ecological
    assert ranked(index, "seasonal") == ["derived-b"]  # title: seasonality
    assert ranked(index, "seasonality")[0] == "derived-b"


def test_one_word_topics_rank_focused_records_first_then_newest(index: SearchIndex) -> None:
    hits = index.search("upwelling")
    keys = [hit.entry.key for hit in hits if hit.entry.key.startswith("topic")]
    # the one-word title, then the two-word titles (equal: the newer first), then the long one
    assert keys == ["topic-a", "topic-d", "topic-c", "topic-b"]
    scores = {hit.entry.key: hit.score for hit in hits}
    assert scores["topic-d"] == scores["topic-c"]


def test_no_dead_ends(index: SearchIndex) -> None:
    hits = ranked(index, "upwelling zyzzogeton")
    assert "topic-a" in hits and index.partial and index.unmatched == ["zyzzogeton"]
    assert ranked(index, "zyzzogeton qwfpgj") == [] and not index.partial


def test_scores_keep_the_bands_apart(index: SearchIndex) -> None:
    """A word as typed scores more than its other forms, a prefix, or a typo, in any field."""
    exact = {hit.entry.key: hit.score for hit in index.search("heath")}
    assert exact["exact-b"] > exact["exact-a"]
    assert max(exact.values()) <= 100
