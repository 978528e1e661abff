"""The search index (`index.py`): ranking, tolerance, syntax, snippets, filters, suggestions."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coprocli.catalogue import load_catalogue
from coprocli.errors import UsageError
from coprocli.index import (
    FIELD_WEIGHTS,
    PARTIAL_SHOWN,
    Hit,
    SearchIndex,
    filter_entries,
    similarity,
    suggest_keys,
)
from coprocli.model import Entry, Person


@pytest.fixture(scope="module")
def entries() -> list[Entry]:
    return load_catalogue().entries


@pytest.fixture(scope="module")
def index(entries: list[Entry]) -> SearchIndex:
    return SearchIndex.build(entries)


def keys(hits: list[Hit]) -> list[str]:
    return [hit.entry.key for hit in hits]


def make(key: str, title: str, **fields: str) -> Entry:
    names = {"author": (Person(family="Gödel", given="Kurt"),)} if "godel" in key else {}
    return Entry(key=key, type="article", fields={"title": title, **fields}, names=names)


# -- ranking and tolerance -------------------------------------------------------------------


def test_results_are_sorted_and_scored_0_to_100(index: SearchIndex) -> None:
    hits = index.search("co-production")
    scores = [hit.score for hit in hits]
    assert scores == sorted(scores, reverse=True)
    assert all(0 < score <= 100 for score in scores)


def test_ties_go_newest_first_then_in_catalogue_order() -> None:
    same = [
        make("first", "Local area coordination", year="2010"),
        make("second", "Local area coordination", year="2010"),
        make("newer", "Local area coordination", year="2012"),
        make("undated", "Local area coordination"),
    ]
    hits = SearchIndex.build(same).search("local area coordination")
    assert len({hit.score for hit in hits}) == 1
    assert keys(hits) == ["newer", "first", "second", "undated"]


def test_title_hit_ranks_above_annotation_hit() -> None:
    small = SearchIndex.build(
        [
            make("deep", "Something else", annotation="Deep in here: gardening advice."),
            make("top", "Gardening for everyone"),
        ]
    )
    assert keys(small.search("gardening")) == ["top", "deep"]
    assert FIELD_WEIGHTS["title"] > FIELD_WEIGHTS["annotation"]


def test_exact_beats_fuzzy() -> None:
    small = SearchIndex.build([make("typo", "Housings"), make("near", "Hosting"), make("x", "X")])
    hits = small.search("hosting")
    assert keys(hits)[0] == "near"


def test_accents_and_case() -> None:
    small = SearchIndex.build([make("godel1931", "Über formal unentscheidbare Sätze")])
    assert keys(small.search("Godel")) == ["godel1931"]
    assert keys(small.search("GÖDEL")) == ["godel1931"]
    assert keys(small.search("uber satze")) == ["godel1931"]


def test_spacing_variants_find_compounds_written_apart() -> None:
    small = SearchIndex.build([make("a", "A guide to time banking"), make("b", "Banking time")])
    for query in ("timebanking", "time-bank", "time banking", "timebank"):
        assert keys(small.search(query))[0] == "a", query


def test_every_word_must_match(index: SearchIndex) -> None:
    assert keys(index.search("timebanking housing")) == ["spice"]
    assert not index.partial and index.unmatched == []


def test_no_dead_ends_the_entries_matching_most_words(index: SearchIndex) -> None:
    hits = index.search("timebanking zebra")
    assert set(keys(hits)) == {"ryancollins2008new", "spice"}
    assert index.partial and index.unmatched == ["zebra"]
    # Two words of three beat one: only entries with both known words come back.
    both = index.search("timebanking housing zebra")
    assert keys(both) == ["spice"] and index.unmatched == ["zebra"]


def test_closer_words_rank_higher() -> None:
    small = SearchIndex.build(
        [
            make("apart", "Older buildings and the people in them"),
            make("together", "Services for older people"),
        ]
    )
    assert keys(small.search("older people")) == ["together", "apart"]


def test_stop_words_alone_find_nothing_quietly(index: SearchIndex) -> None:
    for query in ("the", "the of and", '"the"', "a OR the", ""):
        assert index.search(query) == [], query


def test_stop_words_among_words_are_ignored(index: SearchIndex) -> None:
    assert keys(index.search("the timebanking"))[:2] == keys(index.search("timebanking"))[:2]


def test_last_word_matches_as_a_prefix(index: SearchIndex) -> None:
    assert "dsc2010local" in keys(index.search("local area coord"))


def test_short_words_are_not_fuzzy(index: SearchIndex) -> None:
    assert index.search("nex") == []  # not `nef`: three letters get no edits


def test_limit(index: SearchIndex) -> None:
    assert len(index.search("co-production", limit=2)) == 2
    assert index.search("co-production", limit=0) == []
    full = index.search("co-production")
    assert keys(index.search("co-production", limit=5)) == keys(full)[:5]


def test_empty_index() -> None:
    empty = SearchIndex.build([])
    assert empty.search("anything") == []
    assert empty.did_you_mean("anything") == []


# -- syntax ----------------------------------------------------------------------------------


def test_phrase_must_appear_as_written(index: SearchIndex) -> None:
    assert keys(index.search('"equal and reciprocal"')) == ["boyle2009challenge"]
    assert index.search('"reciprocal and equal"') == []


def test_field_terms(index: SearchIndex) -> None:
    assert set(keys(index.search("author:needham"))) == {"needham2009coproduction"}
    assert "needham2009coproduction" in keys(index.search("author:neeham"))  # fuzzy here
    assert keys(index.search("key:spice")) == ["spice"]
    assert set(keys(index.search("type:video"))) == {"nef2011stories"}
    assert set(keys(index.search("type:online"))) == {"nefcoproduction", "spice", "tlapthinklocal"}
    assert set(keys(index.search("year:2008..2009"))) == {
        "boyle2009challenge",
        "ryancollins2008new",
        "needham2009coproduction",
    }
    assert len(index.search('section:"Practical tools"')) == 3
    assert "foot2010glass" in keys(index.search("keyword:appreciative"))
    assert "slay2011budgets" in keys(index.search("title:personalisation"))
    # `Personal` in a title is another form of the word (Snowball), ranked below it as typed.
    assert keys(index.search("title:personalisation"))[0] == "slay2011budgets"


def test_open_year_ranges(index: SearchIndex) -> None:
    later = index.search("year:2011..")
    assert later and all((hit.entry.year or 0) >= 2011 for hit in later)
    earlier = index.search("year:..2009")
    assert earlier and all((hit.entry.year or 9999) <= 2009 for hit in earlier)


def test_exclusion(index: SearchIndex) -> None:
    assert "slay2011making" in keys(index.search("evaluation"))
    for query in ("evaluation -housing", "evaluation NOT housing", 'evaluation -"housing"'):
        found = keys(index.search(query))
        assert found and "slay2011making" not in found, query
    assert "boyle2010public" not in keys(index.search("co-production -author:boyle"))


def test_or(index: SearchIndex) -> None:
    either = set(keys(index.search("timebanking OR Needham")))
    assert {"ryancollins2008new", "spice", "needham2009coproduction"} <= either


def test_malformed_queries_raise_usage_errors(index: SearchIndex) -> None:
    for query in ('"unclosed', "colour:red", "author:", "year:later"):
        with pytest.raises(UsageError):
            index.search(query)


# -- matches and snippets --------------------------------------------------------------------


def test_matches_name_the_field_and_mark_the_words(index: SearchIndex) -> None:
    hit = index.search("Neeham")[0]
    match = hit.matches[0]
    assert match.field == "author"
    assert [match.snippet[a:b] for a, b in match.spans] == ["Needham"]


def test_snippets_are_short_single_lines_cut_at_words(index: SearchIndex) -> None:
    for hit in index.search("reciprocal relationship"):
        for match in hit.matches:
            assert "\n" not in match.snippet
            assert len(match.snippet) <= 102
            text = match.snippet.strip("…")
            assert text == text.strip()
            for start, end in match.spans:
                assert 0 <= start < end <= len(match.snippet)


def test_snippet_of_a_long_annotation_is_cut_around_the_hit(index: SearchIndex) -> None:
    hit = index.search("Headway")[0]
    match = next(m for m in hit.matches if m.field == "annotation")
    assert match.snippet.startswith("…") and match.snippet.endswith("…")
    assert [match.snippet[a:b] for a, b in match.spans] == ["Headway"]


def test_phrase_is_marked_whole(index: SearchIndex) -> None:
    match = index.search('"equal and reciprocal"')[0].matches[0]
    assert match.field == "annotation"
    assert [match.snippet[a:b] for a, b in match.spans] == ["equal and reciprocal"]


def test_variant_spellings_are_marked(index: SearchIndex) -> None:
    match = index.search("personalization")[0].matches[0]
    assert "personalisation" in [match.snippet[a:b].lower() for a, b in match.spans]


def _best_of_all(hit: Hit, skip: frozenset[str] = frozenset()) -> object:
    return next((m for m in hit.matches if m.field not in skip), None)


@pytest.mark.parametrize("library", ["bundled", "biber_papers.bib"])
def test_best_match_is_the_first_of_all_matches(library: str) -> None:
    """`best_match` stops early (the weightiest field answering every clause); it must
    pick what ranking every field picks, on varied queries over real libraries."""
    from .conftest import CORPUS, shared_or_skip

    if library == "bundled":
        entries = load_catalogue().entries
    else:
        path = shared_or_skip(CORPUS / library)
        entries = load_catalogue([str(path)], bundled=False).entries
    index = SearchIndex.build(entries)
    queries = [
        "co-production",
        "timebanking",
        "public services",
        "care",
        "Needham",
        "reciprocal relationship",
        '"equal and reciprocal"',
        "personalization",
        "2009",
        "author:boyle",
        "title:public",
        "model theory",
        "logic",
        "graph",
        "semantics 2005",
        "data OR theory",
        "paper -logic",
        "stochastic process",
        "Knuth",
    ]
    checked = 0
    for query in queries:
        for hit in index.search(query, limit=30):
            fresh = index.search(query, limit=30)
            same = next(h for h in fresh if h.entry.key == hit.entry.key)
            assert hit.best_match() == _best_of_all(same), (query, hit.entry.key)
            title = frozenset({"title", "subtitle"})
            assert hit.best_match(skip=title) == _best_of_all(same, title), query
            checked += 1
    assert checked > (40 if library == "bundled" else 150)


# -- did you mean ----------------------------------------------------------------------------


def test_did_you_mean(index: SearchIndex) -> None:
    assert index.did_you_mean("timbanking")[0] == "timebanking"
    assert index.did_you_mean("personnalisashun")[0] == "personalisation"
    assert index.did_you_mean("zzzzqqq") == []
    assert index.did_you_mean('"unclosed') == []
    assert len(index.did_you_mean("timbanking housng", limit=2)) <= 2


# -- exact filters ---------------------------------------------------------------------------


def test_filter_section_and_year(entries: list[Entry]) -> None:
    found = filter_entries(entries, ['section:"Practical tools"', "year:2011"])
    assert [entry.key for entry in found] == [
        "nef2011coproduction",
        "inclusionnorth2011coproduction",
        "obrien2011conversations",
    ]
    # the shell takes the quotes away: section:Practical tools
    assert filter_entries(entries, ["section:Practical tools"]) == found


def test_filter_author_is_exact(entries: list[Entry]) -> None:
    boyle = [entry.key for entry in filter_entries(entries, ["author:boyle"])]
    assert boyle == ["boyle2009challenge", "boyle2010public", "boyle2010right"]
    assert filter_entries(entries, ["author:boyl"]) == []
    assert filter_entries(entries, ["author:david"]) == []  # a given name alone is not enough
    full = filter_entries(entries, ["author:David Boyle"])
    assert [entry.key for entry in full] == boyle
    nef = filter_entries(entries, ["author:new economics foundation"])
    assert {entry.key for entry in nef} == {"nef2011coproduction", "nef2011stories"}


def test_filter_other_fields(entries: list[Entry]) -> None:
    def found(*terms: str) -> list[str]:
        return [entry.key for entry in filter_entries(entries, terms)]

    assert found("key:SPICE") == ["spice"]
    assert found("key:spic") == []
    assert found("title:spice") == ["spice"]
    assert found("title:Public Services Inside Out") == ["boyle2010public"]
    assert found("title:public services") == []
    assert "slay2011making" in found("keyword:housing")
    assert "spice" in found("keyword:HOUSING")
    assert found("keyword:hous") == []
    assert found("type:video") == ["nef2011stories"]
    assert set(found("type:techreport")) == set(found("type:report"))
    assert found("year:2008") == ["ryancollins2008new"]
    assert found("section:practical") == []
    assert "boyle2009challenge" not in found("section:Introductory reading", "-year:2009")


def test_filter_rejects_words_and_unknown_fields(entries: list[Entry]) -> None:
    with pytest.raises(UsageError, match="field:value"):
        filter_entries(entries, ["timebanking"])
    with pytest.raises(UsageError, match="author, title, year"):
        filter_entries(entries, ["colour:red"])
    with pytest.raises(UsageError, match="Unclosed quote"):
        filter_entries(entries, ['title:"Spice'])
    with pytest.raises(UsageError, match="Empty value"):
        filter_entries(entries, ["author:"])
    assert filter_entries(entries, []) == entries


# -- helpers shared with other modules -------------------------------------------------------


def test_similarity_and_key_suggestions() -> None:
    assert similarity("boyle", "boyle") == 100
    assert 70 < similarity("boyle", "boyl") < 100
    assert suggest_keys("boyle2090", ["boyle2009challenge", "spice"])[0] == "boyle2009challenge"


# -- properties ------------------------------------------------------------------------------

_SYNTAX = st.sampled_from(['"', ":", "-", " OR ", " NOT ", "author:", "year:", "(", "*", "\\"])
_QUERIES = st.lists(st.one_of(st.text(max_size=12), _SYNTAX), max_size=6).map("".join)


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=_QUERIES)
def test_any_query_raises_nothing_but_usage_errors(index: SearchIndex, query: str) -> None:
    try:
        hits = index.search(query, limit=10)
    except UsageError:
        return
    scores = [hit.score for hit in hits]
    assert scores == sorted(scores, reverse=True)
    index.did_you_mean(query)


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(max_size=40).filter(lambda text: '"' not in text and ":" not in text))
def test_queries_without_quotes_or_fields_never_raise(index: SearchIndex, query: str) -> None:
    hits = index.search(query)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(terms=st.lists(st.one_of(st.text(max_size=15), _SYNTAX.map(lambda s: s + "x")), max_size=3))
def test_filter_raises_nothing_but_usage_errors(entries: list[Entry], terms: list[str]) -> None:
    try:
        found = filter_entries(entries, terms)
    except UsageError:
        return
    assert all(entry in entries for entry in found)


@settings(max_examples=400, deadline=None)
@given(
    st.text(alphabet="abcde", max_size=9),
    st.text(alphabet="abcde", max_size=9),
    st.integers(min_value=0, max_value=3),
)
def test_typo_distance_is_rapidfuzzs(a: str, b: str, most: int) -> None:
    from rapidfuzz.distance import OSA

    from coprocli.index import osa_distance

    assert osa_distance(a, b, most) == min(OSA.distance(a, b), most + 1)


def test_few_and_many_candidates_find_the_same_typos() -> None:
    """Under `_FEW_CANDIDATES` distances are measured in Python, above by rapidfuzz: the
    same words either way."""
    import random

    from coprocli import index

    rng = random.Random(3)
    words = ["".join(rng.choice("aeiostn") for _ in range(rng.randint(3, 9))) for _ in range(900)]
    for word in ("station", "notes", "teaist"):
        many = sorted(index._typos(word, words, 2))
        few = sorted(
            found
            for start in range(0, len(words), index._FEW_CANDIDATES)
            for found in index._typos(word, words[start : start + index._FEW_CANDIDATES], 2)
        )
        assert many == few and many


def test_a_partial_result_shows_the_best_few_unless_asked() -> None:
    many = SearchIndex.build([make(f"k{n}", f"Harbour study number {n}") for n in range(30)])
    assert len(many.search("harbour zyzzogeton")) == PARTIAL_SHOWN
    assert many.partial and many.partial_total == 30
    assert len(many.search("harbour zyzzogeton", limit=25)) == 25
    assert len(many.search("harbour study")) == 30 and not many.partial
