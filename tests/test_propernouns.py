"""Proper nouns kept out of sentence case: `mark_proper_nouns` and its lookup table."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coprocli import propernouns
from coprocli.propernouns import build_phrases, mark_proper_nouns, proper_noun_table

Segments = list[tuple[str, bool]]


@pytest.fixture(scope="module", autouse=True)
def _built_table() -> None:
    """Build the table (a third of a second) before any test, so no Hypothesis deadline
    counts it."""
    proper_noun_table()


def marked(title: str, names: tuple[str, ...] = ()) -> Segments:
    return mark_proper_nouns([(title, False)], names)


def protected_words(segments: Segments) -> list[str]:
    return [text for text, protected in segments if protected]


def mask(segments: Segments) -> list[bool]:
    """Whether each character of the text is protected."""
    return [protected for text, protected in segments for _ in text]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Personal Budgets in England and Wales", ["England", "Wales"]),
        ("Care in Northern Ireland", ["Northern Ireland"]),
        ("Northern Communities and Their Futures", []),
        ("The German Welfare State", ["German"]),
        ("A New Deal", []),
        ("May Day", []),
        ("What May Come", []),
        ("The March of Time", []),
        ("Care in Leeds", ["Leeds"]),
        ("Ten Years in North Yorkshire", ["North Yorkshire"]),
        ("Looking North", []),
        ("A Central Question", []),
        ("Guided Reading in Schools", []),
        ("Housing in Newcastle upon Tyne", ["Newcastle upon Tyne"]),
        ("Housing in Newcastle Upon Tyne", ["Newcastle Upon Tyne"]),
        ("Stoke-on-Trent and St. Helens", ["Stoke-on-Trent", "St. Helens"]),
        ("Care Homes in Manchester, Kent and Scotland", ["Manchester", "Kent", "Scotland"]),
        ("Migration from Bosnia and Herzegovina", ["Bosnia and Herzegovina"]),
        ("Health Reform in South Korea", ["South Korea"]),
        ("Teaching Welsh and Swahili", ["Welsh", "Swahili"]),
        ("Elections in Curaçao and Curacao", ["Curaçao", "Curacao"]),
        ("Great Britain after Brexit", ["Great Britain"]),
        ("A Tuesday in August", ["Tuesday", "August"]),
        ("Māori and Scandinavian Welfare", ["Māori", "Scandinavian"]),
    ],
)
def test_proper_nouns_protected(title: str, expected: list[str]) -> None:
    result = marked(title)
    assert "".join(text for text, _ in result) == title
    assert protected_words(result) == expected


def test_exact_segments_for_england_and_wales() -> None:
    assert marked("Personal Budgets in England and Wales") == [
        ("Personal Budgets in ", False),
        ("England", True),
        (" and ", False),
        ("Wales", True),
    ]


def test_lower_case_words_are_left_alone() -> None:
    assert marked("personal budgets in england and wales") == [
        ("personal budgets in england and wales", False)
    ]


@pytest.mark.parametrize("apostrophe", ["’", "'"])
def test_possessive_protects_the_name(apostrophe: str) -> None:
    title = f"England{apostrophe}s Care Homes"
    assert marked(title) == [("England", True), (f"{apostrophe}s Care Homes", False)]


def test_whole_words_only() -> None:
    assert protected_words(marked("Englander Walesby Kentish")) == []


def test_longest_phrase_wins() -> None:
    assert marked("Northern Ireland") == [("Northern Ireland", True)]


def test_phrase_words_must_stand_together() -> None:
    assert marked("Northern: Ireland") == [("Northern: ", False), ("Ireland", True)]


def test_protected_input_passes_through() -> None:
    segments = [("Personal Budgets in England and ", False), ("NHS", True), (" Trusts", False)]
    assert mark_proper_nouns(segments) == [
        ("Personal Budgets in ", False),
        ("England", True),
        (" and ", False),
        ("NHS", True),
        (" Trusts", False),
    ]


def test_phrase_across_a_protected_word() -> None:
    segments = [("Care in ", False), ("New", True), (" Zealand", False)]
    assert mark_proper_nouns(segments) == [("Care in ", False), ("New Zealand", True)]


def test_nothing_to_protect_returns_the_input() -> None:
    segments = [("A New Deal for ", False), ("NHS", True), (" Staff", False)]
    assert mark_proper_nouns(segments) == segments
    assert mark_proper_nouns(tuple(segments)) == segments


@pytest.mark.parametrize("segments", [[], [("", False)], [("", True)], [("  ", False)]])
def test_empty_input(segments: Segments) -> None:
    assert mark_proper_nouns(segments) == segments
    assert mark_proper_nouns(segments, ["Leeds City Council"]) == segments


def test_metadata_name_protects_its_whole_phrase() -> None:
    result = marked("Working with Leeds City Council", ("Leeds City Council", "London"))
    assert result == [("Working with ", False), ("Leeds City Council", True)]


def test_metadata_multi_word_name_never_protects_a_single_word() -> None:
    assert protected_words(marked("Press Freedom Today", ("Harbour Press",))) == []
    assert protected_words(marked("The Harbour Press Story", ("Harbour Press",))) == [
        "Harbour Press"
    ]


def test_metadata_single_word_name() -> None:
    assert protected_words(marked("A Routledge Reader", ("Routledge",))) == ["Routledge"]
    assert protected_words(marked("The Case of The Missing Word", ("The",))) == []


def test_metadata_name_without_article_and_after_comma() -> None:
    names = ("The Policy Press", "Bristol, Avon")
    result = marked("Policy Press Titles on Avon", names)
    assert protected_words(result) == ["Policy Press", "Avon"]


def test_metadata_names_not_capitalised_are_ignored() -> None:
    assert protected_words(marked("Notes on Harbour Press", ("harbour press",))) == []


def test_metadata_names_may_be_any_iterable() -> None:
    result = mark_proper_nouns(
        [("Working with Leeds City Council", False)], iter(["Leeds City Council"])
    )
    assert protected_words(result) == ["Leeds City Council"]


def test_table_shape() -> None:
    table = proper_noun_table()
    assert all(first[:1].isupper() for first in table)
    for first, phrases in table.items():
        assert all(phrase[0] == first for phrase in phrases)
        lengths = [len(phrase) for phrase in phrases]
        assert lengths == sorted(lengths, reverse=True)
    assert ("Northern", "Ireland") in table["Northern"]
    assert ("Northern",) not in table.get("Northern", ())
    for word in ("North", "Central", "Reading", "May", "March", "Indigenous"):
        assert (word,) not in table.get(word, ()), word
    for word in ("England", "Wales", "Scotland", "Leeds", "Manchester", "Kent", "Britain"):
        assert (word,) in table[word], word


def test_using_the_table_does_not_load_pycountry() -> None:
    code = (
        "import sys, coprocli.propernouns as p; p.proper_noun_table(); "
        "sys.exit('pycountry' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_data_file_is_current() -> None:
    """The phrases shipped with copro are what pycountry gives now (else run
    `python -m coprocli.propernouns` and review the diff)."""
    pytest.importorskip("pycountry")
    shipped = Path(propernouns.__file__).with_name(propernouns.DATA_FILE)
    assert shipped.read_text(encoding="utf-8").splitlines() == build_phrases()


def test_continents_and_regions() -> None:
    result = mark_proper_nouns([("Social Services in Europe and Latin America", False)])
    assert protected_words(result) == ["Europe", "Latin America"]


_PIECES = st.one_of(
    st.text(max_size=8),
    st.sampled_from(
        [
            "England", "Wales", "Northern", "Ireland", "North", "Yorkshire", "New", "Zealand",
            "Leeds", "City", "Council", "Press", "May", "upon", "Upon", "Tyne", "Newcastle",
            " ", "  ", "-", "’s", "'", ". ", ": ", "é", "\u0301", "_", "St",
        ]
    ),
)  # fmt: skip
_TEXTS = st.lists(_PIECES, max_size=8)
_SEGMENTS = st.lists(
    st.tuples(st.one_of(_TEXTS.map("".join), _TEXTS.map(" ".join)), st.booleans()), max_size=6
)
_NAMES = st.lists(
    st.sampled_from(["Leeds City Council", "Press", "The", "Harbour Press", "", "x, Y"]),
    max_size=3,
)


@given(_SEGMENTS, _NAMES)
def test_text_kept_and_protection_only_added(segments: Segments, names: list[str]) -> None:
    result = mark_proper_nouns(segments, names)
    assert "".join(text for text, _ in result) == "".join(text for text, _ in segments)
    before, after = mask(segments), mask(result)
    assert all(was <= now for was, now in zip(before, after, strict=True))
    assert mask(mark_proper_nouns(result, names)) == after  # nothing more to find
