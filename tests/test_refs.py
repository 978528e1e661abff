"""Finding citations in documents and matching them to entries."""

from __future__ import annotations

import pytest

from coprocli.catalogue import load_catalogue
from coprocli.refs import cited_entries, find_citations, iter_problems, resolve


@pytest.fixture(scope="module")
def entries():  # type: ignore[no-untyped-def]
    return load_catalogue().entries


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ("[@boyle2009challenge]", ["boyle2009challenge"]),
        ("[see @a, p. 4; @b]", ["a", "b"]),
        ("@slay2011budgets says", ["slay2011budgets"]),
        ("[-@spice]", ["spice"]),
        ("\\cite{a,b}", ["a", "b"]),
        ("\\citep[p.~3][]{a}", ["a"]),
        ("\\parencite*{a} \\textcite{b} \\autocite{c}", ["a", "b", "c"]),
        ("write to me@example.org", []),
    ],
)
def test_keys_are_found(text: str, keys: list[str]) -> None:
    assert [c.key for c in find_citations(text) if c.kind == "key"] == keys


@pytest.mark.parametrize(
    ("text", "surnames", "et_al", "year", "letter"),
    [
        ("As Boyle and Harris (2009) argue", ("Boyle", "Harris"), False, 2009, ""),
        ("(Slay, 2011)", ("Slay",), False, 2011, ""),
        ("(Needham & Carr 2009)", ("Needham", "Carr"), False, 2009, ""),
        ("Boyle et al. (2010) show", ("Boyle",), True, 2010, ""),
        ("(e.g., Slay, 2011b)", ("Slay",), False, 2011, "b"),
        (
            "Ryan-Collins, Stephens and Coote (2008)",
            ("Ryan-Collins", "Stephens", "Coote"),
            False,
            2008,
            "",
        ),
        ("van der Meer (2001)", ("van der Meer",), False, 2001, ""),
    ],
)
def test_author_year_mentions(
    text: str, surnames: tuple[str, ...], et_al: bool, year: int, letter: str
) -> None:
    (citation,) = find_citations(text)
    assert (citation.surnames, citation.et_al, citation.year, citation.letter) == (
        surnames,
        et_al,
        year,
        letter,
    )


def test_several_mentions_in_one_parenthesis_keep_their_lines() -> None:
    found = find_citations("Intro.\n\nEvidence (Needham & Carr 2009; Slay 2011).\n")
    assert [(c.line, c.surnames) for c in found] == [(3, ("Needham", "Carr")), (3, ("Slay",))]


def test_resolution(entries) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Boyle and Harris (2009); Needham & Carr (2009); Foot and Hopkins (2010); "
        "Gödel (2009); Neeham and Car (2009); [@BOYLE2009CHALLENGE]; (Slay, 2011)."
    )
    resolutions = resolve(find_citations(text), entries)
    keys = [r.matched.key if r.matched else None for r in resolutions]
    assert keys == [
        "boyle2009challenge",
        "needham2009coproduction",
        "foot2010glass",
        None,
        "needham2009coproduction",
        "boyle2009challenge",
        None,
    ]
    assert resolutions[0].confidence >= 0.95 and 0.8 <= resolutions[4].confidence < 1
    # Slay alone wrote two 2011 reports; Slay and Robinson (2011) is a worse fit.
    assert resolutions[6].ambiguous
    assert {e.key for e in resolutions[6].matches} == {"slay2011budgets", "slay2011making"}
    problems = list(iter_problems(resolutions))
    assert len(problems) == 2 and "matches several entries" in problems[1]


def test_letters_pick_among_same_author_year(entries) -> None:  # type: ignore[no-untyped-def]
    a, b = resolve(find_citations("(Slay, 2011a) and (Slay, 2011b)"), entries)
    assert a.matched is not None and b.matched is not None
    assert a.matched.key != b.matched.key


def test_cited_entries_once_in_order(entries) -> None:  # type: ignore[no-untyped-def]
    resolutions = resolve(find_citations("@spice and @foot2010glass and @spice"), entries)
    assert [e.key for e in cited_entries(resolutions)] == ["spice", "foot2010glass"]
