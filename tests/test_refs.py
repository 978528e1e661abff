"""Finding citations in documents and matching them to entries."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from coprocli import refs
from coprocli.catalogue import load_catalogue
from coprocli.model import Entry
from coprocli.refs import Citation, cited_entries, find_citations, iter_problems, resolve

from .cli.test_reading import REPORT


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


def _summary(citation: Citation) -> tuple[object, ...]:
    if citation.kind == "key":
        return (citation.line, citation.text, citation.key)
    return (
        citation.line,
        citation.text,
        citation.surnames,
        citation.et_al,
        citation.year,
        citation.letter,
    )


# Edge cases of every syntax: arguments across lines, a `[` inside an optional argument, an
# unclosed argument before a whole command, brace keys, e-mail addresses, particles.
EDGES = r"""\citeauthor{a} and \citex{b}; \cite[see][p.~3]{c, d} \cite[a[b]{e} \nocite{}
\Textcite*  [x]
  {h,i} \cite[unclosed \cite{j}
[see @k, p. 4; -@l] [@{m n}] @o. x@p.org (-@q) [no keys] [@r [@s] @t:u/v.
Ryan-Collins, Stephens and Coote (2008), Boyle et al. (2010, p. 3) and della Rosa (1999).
(e.g., Slay, 2011b; see van der Meer 2001; cf. O'Brien & Towell 2011) (Smith 20201) (2009)
Leeds, York and Hull were compared; Needham and
Carr (2009) disagree.
"""


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        (
            REPORT,
            [
                (3, "Boyle and Harris (2009)", ("Boyle", "Harris"), False, 2009, ""),
                (3, "[@slay2011budgets; @foot2010glass, p. 4]", "slay2011budgets"),
                (3, "[@slay2011budgets; @foot2010glass, p. 4]", "foot2010glass"),
                (4, "(Needham & Carr 2009)", ("Needham", "Carr"), False, 2009, ""),
                (4, "(Slay 2011)", ("Slay",), False, 2011, ""),
                (4, "Boyle et al. (2010)", ("Boyle",), True, 2010, ""),
                (5, "\\citep[p.~3]{spice}", "spice"),
                (5, "\\textcite{tlapthinklocal}", "tlapthinklocal"),
                (5, "(Smith, 2020)", ("Smith",), False, 2020, ""),
                (5, "@nokey2000", "nokey2000"),
            ],
        ),
        (
            EDGES,
            [
                (1, "\\citeauthor{a}", "a"),
                (1, "\\cite[see][p.~3]{c, d}", "c"),
                (1, "\\cite[see][p.~3]{c, d}", "d"),
                (1, "\\cite[a[b]{e}", "e"),
                (2, "\\Textcite*  [x]\n  {h,i}", "h"),
                (2, "\\Textcite*  [x]\n  {h,i}", "i"),
                (3, "\\cite{j}", "j"),
                (4, "[see @k, p. 4; -@l]", "k"),
                (4, "[see @k, p. 4; -@l]", "l"),
                (4, "[@{m n}]", "m n"),
                (4, "@o", "o"),
                (4, "-@q", "q"),
                (4, "@r", "r"),
                (4, "[@s]", "s"),
                (4, "@t:u/v", "t:u/v"),
                (
                    5,
                    "Ryan-Collins, Stephens and Coote (2008)",
                    ("Ryan-Collins", "Stephens", "Coote"),
                    False,
                    2008,
                    "",
                ),
                (5, "Boyle et al. (2010, p. 3)", ("Boyle",), True, 2010, ""),
                (5, "della Rosa (1999)", ("della Rosa",), False, 1999, ""),
                (6, "(e.g., Slay, 2011b)", ("Slay",), False, 2011, "b"),
                (6, "(see van der Meer 2001)", ("van der Meer",), False, 2001, ""),
                (6, "(cf. O'Brien & Towell 2011)", ("O'Brien", "Towell"), False, 2011, ""),
                (7, "Needham and Carr (2009)", ("Needham", "Carr"), False, 2009, ""),
            ],
        ),
    ],
    ids=["report", "edges"],
)
def test_documents_give_the_same_citations_as_ever(
    document: str, expected: list[tuple[object, ...]]
) -> None:
    assert [_summary(citation) for citation in find_citations(document)] == expected


@contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    """Fail the test if the block runs longer than `seconds` (regular expressions included:
    the engine checks for signals as it goes)."""

    def expire(signum: int, frame: object) -> None:
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _repeated(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


# Each took tens of seconds when a pattern searched again from every start (sizes chosen so);
# now each takes a small fraction of a second.
@pytest.mark.parametrize(
    ("text", "count"),
    [
        (_repeated("\\cite{ ", 120_000), 0),
        (_repeated("\\cite[ ", 400_000), 0),
        ("\\cite[ " * 60_000 + "] x", 0),
        ("[" + "@" * 50_000 + "[", 0),
        (_repeated("@{ ", 250_000), 0),
        ("[" + "@{ " * 80_000 + "]", 0),
        (_repeated("Smith, ", 40_000), 0),
        ("A" * 20_000, 0),
        (_repeated("de ", 40_000), 0),
        (_repeated("Smith (2009, ", 150_000), 0),
        ("(" + "2009 " * 20_000, 0),
        ("van" + " " * 50_000 + "Berg (2009)", 1),
        ("@a " * 30_000, 30_000),
    ],
    ids=[
        "unclosed-cite-brace",
        "unclosed-cite-bracket",
        "cite-brackets-before-no-brace",
        "at-signs-in-unclosed-bracket",
        "unclosed-brace-keys",
        "unclosed-brace-keys-in-bracket",
        "names-without-year",
        "long-capitalised-word",
        "particles",
        "unclosed-year",
        "unclosed-parenthesis-with-years",
        "spaces-in-a-name",
        "many-citations",
    ],
)
def test_pathological_text_takes_linear_time(text: str, count: int) -> None:
    with _deadline(5):
        assert len(find_citations(text)) == count


def test_each_distinct_citation_is_matched_once(entries, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    calls = []
    score = refs._mention_score

    def counted(citation: Citation, entry: Entry) -> float:
        calls.append(entry.key)
        return score(citation, entry)

    monkeypatch.setattr(refs, "_mention_score", counted)
    citations = find_citations("Boyle et al. (2010) and (Boyle et al., 2010). " * 500)
    resolutions = resolve(citations, entries)
    assert len(resolutions) == 1000
    assert len({tuple(entry.key for entry in r.matches) for r in resolutions}) == 1
    assert [r.citation for r in resolutions] == citations
    same_year = [entry for entry in entries if entry.year == 2010]
    assert len(calls) == len(same_year)
