"""Query parsing (`query.py`) and the word handling under it (`tokens.py`)."""

from __future__ import annotations

import pytest

from coprocli.errors import UsageError
from coprocli.query import KNOWN_FIELDS, Query, Term, parse_query
from coprocli.selection import YearRange
from coprocli.tokens import analyse, normalise, respell, stem, words

# -- tokens ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("british", "american"),
    [
        ("personalisation", "personalization"),
        ("organise", "organize"),
        ("recognising", "recognizing"),
        ("analyse", "analyze"),
        ("colour", "color"),
        ("behaviours", "behaviors"),
        ("neighbours", "neighbors"),
        ("centre", "center"),
        ("fibres", "fibers"),
        ("catalogue", "catalog"),
    ],
)
def test_british_and_american_spellings_meet(british: str, american: str) -> None:
    assert normalise(british) == normalise(american)


@pytest.mark.parametrize("word", ["four", "hour", "your", "tour", "rise", "wise", "this"])
def test_short_words_keep_their_spelling(word: str) -> None:
    assert respell(word) == word


#: The spelling rules as patterns: what `respell`'s string tests must do exactly.
_SPELLING_PATTERNS = (
    (r"(?<=[a-z]{3})is(e|es|ed|ing|er|ers|ation|ations)$", r"iz\1"),
    (r"(?<=[a-z]{2})ys(e|es|ed|ing|er|ers)$", r"yz\1"),
    (r"(?<=[a-z]{2}[^aeo])our(s|ed|ing|ful|less|able|ite|ites|hood)?$", r"or\1"),
    (r"(?<=[a-z]{2})(t|b)re(s|d)?$", r"\1er\2"),
    (r"(?<=[a-z]{3})ogue(s)?$", r"og\1"),
)


def _respelled_by_patterns(word: str) -> str:
    import re

    for pattern, replacement in _SPELLING_PATTERNS:
        new = re.sub(pattern, replacement, word)
        if new != word:
            return new
    return word


def test_respell_does_what_the_spelling_patterns_do() -> None:
    """Every word of the seed and of real libraries, and made-up words around each ending
    (short stems, digits, capitals, non-ASCII letters before it)."""
    import itertools
    import re

    from coprocli.folding import fold

    from .conftest import CORPUS, SEED

    texts = [SEED.read_text("utf-8")]
    texts += [path.read_text("utf-8", "replace") for path in sorted(CORPUS.glob("*.bib"))[:40]]
    words = {fold(word) for text in texts for word in re.findall(r"\w+", text)}
    endings = [
        "ise",
        "ises",
        "isations",
        "yse",
        "ysers",
        "our",
        "ours",
        "ourhood",
        "tre",
        "bres",
        "bred",
        "ogue",
        "ogues",
        "isation",
        "ourite",
    ]
    stems = ["", "a", "ab", "abc", "abcd", "ta", "xyo", "xya", "x1z", "éab", "ABc", "fo", "flav"]
    words |= {stem + ending for stem, ending in itertools.product(stems, endings)}
    assert len(words) > (5000 if CORPUS.exists() else 1000)
    changed = 0
    for word in words:
        expected = _respelled_by_patterns(word)
        assert respell(word) == expected, word
        changed += expected != word
    assert changed > 100


@pytest.mark.parametrize(
    ("forms", "term"),
    [
        (("bank", "banks", "banking", "banked"), "bank"),
        (("house", "houses", "housing"), "hous"),
        (("community", "communities"), "communiti"),
        (("study", "studies", "studied"), "studi"),
        (("model", "modelling", "modeling", "models"), "model"),
        (("process", "processes"), "process"),
        # derived forms meet too
        (("ecology", "ecological"), "ecolog"),
        (("season", "seasonal", "seasonality"), "season"),
        (("dependent", "dependence"), "depend"),
        (("electric", "electrical"), "electr"),
    ],
)
def test_stemmer_joins_variants_and_derived_forms(forms: tuple[str, ...], term: str) -> None:
    assert {stem(normalise(form)) for form in forms} == {term}


@pytest.mark.parametrize("word", ["is", "us", "bus", "status", "analysis", "need", "2009"])
def test_stemmer_leaves_short_and_odd_words(word: str) -> None:
    assert stem(word) in {word, word[:-1]} and len(stem(word)) >= 2


def test_compounds_are_indexed_every_way() -> None:
    for text in ("time-banking", "timebanking", "time banking", "Time Banking"):
        assert "timebanking" in {token.term for token in analyse(text)}, text


def test_runs_of_digits_are_never_glued() -> None:
    terms = {token.term for token in analyse("moments of 20,21Na in 1990-1995 (2010 2011)")}
    assert {"20", "21", "1990", "1995", "2010", "2011"} <= terms
    assert not {"2021", "19901995", "20102011"} & terms
    assert words("20,21Na") == ["20", "21", "na"]


def test_names_keep_stop_words() -> None:
    assert "more" in {token.term for token in analyse("Thomas More", names=True)}
    assert "more" not in {token.term for token in analyse("Thomas More")}
    assert words("more 2016") == ["2016"] and words("more 2016", stops=True) == ["more", "2016"]


def test_analyse_folds_accents_and_keeps_positions() -> None:
    text = "Kurt Gödel’s proofs"
    tokens = list(analyse(text))
    godel = next(token for token in tokens if token.surface == "godel")
    assert text[godel.start : godel.end] == "Gödel"


def test_analyse_skips_stop_words_and_pairs_across_them() -> None:
    terms = {token.term for token in analyse("equal and reciprocal")}
    assert "and" not in terms
    assert normalise("equalreciprocal") in terms


def test_punctuation_ends_pairs() -> None:
    terms = {token.term for token in analyse("Boyle, Slay")}
    assert normalise("boyleslay") not in terms


def test_query_words_join_hyphenated_chunks() -> None:
    assert words("co-production") == ["coproduction"]
    assert words("The") == []
    assert words("Self-Assessment tool") == ["selfassessment", "tool"]


# -- query parsing ---------------------------------------------------------------------------


def test_plain_words_are_clauses() -> None:
    assert parse_query("older people") == Query(((Term("older"),), (Term("people"),)))


def test_phrase() -> None:
    query = parse_query('"equal and reciprocal" film')
    assert query.clauses == ((Term("equal and reciprocal", phrase=True),), (Term("film"),))


@pytest.mark.parametrize("field", [f for f in KNOWN_FIELDS if f != "year"])
def test_every_field(field: str) -> None:
    assert parse_query(f"{field}:value").clauses == ((Term("value", field),),)


def test_field_names_ignore_case() -> None:
    assert parse_query("Author:boyle").clauses == ((Term("boyle", "author"),),)


def test_quoted_field_value() -> None:
    query = parse_query('section:"Practical tools"')
    assert query.clauses == ((Term("Practical tools", "section", phrase=True),),)


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("year:2009", YearRange(2009, 2009)),
        ("year:2009..2011", YearRange(2009, 2011)),
        ("year:2010..", YearRange(2010, None)),
        ("year:..2009", YearRange(None, 2009)),
    ],
)
def test_year_ranges(text: str, years: YearRange) -> None:
    ((term,),) = parse_query(text).clauses
    assert term.field == "year" and term.years == years


def test_type_aliases() -> None:
    ((term,),) = parse_query("type:report").clauses
    assert term.types == {"report", "techreport"}


@pytest.mark.parametrize("text", ["evaluation -housing", "evaluation NOT housing"])
def test_exclusion(text: str) -> None:
    query = parse_query(text)
    assert query.clauses == ((Term("evaluation"),),)
    assert query.excluded == (Term("housing"),)


def test_excluded_phrase_and_field() -> None:
    query = parse_query('care -"social care" -author:slay')
    assert query.excluded == (
        Term("social care", phrase=True),
        Term("slay", "author"),
    )


def test_or_joins_alternatives() -> None:
    query = parse_query("timebanking OR housing evaluation")
    assert query.clauses == ((Term("timebanking"), Term("housing")), (Term("evaluation"),))


@pytest.mark.parametrize("text", ["OR film", "film OR", "OR", "NOT", "-", " - film", '""'])
def test_dangling_operators_are_ignored(text: str) -> None:
    query = parse_query(text)
    assert all(term.text == "film" for clause in query.clauses for term in clause)


def test_lower_case_or_and_not_are_words() -> None:
    assert len(parse_query("this or that").clauses) == 3


def test_urls_and_times_are_words() -> None:
    assert parse_query("https://nef.org 10:30").clauses == (
        (Term("https://nef.org"),),
        (Term("10:30"),),
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('"unclosed', "Unclosed quote"),
        ('film "unclosed', "Unclosed quote"),
        ('author:"unclosed', "Unclosed quote"),
        ('-"unclosed', "Unclosed quote"),
        ("colour:red", "Unknown field 'colour'"),
        ("author:", "Empty value"),
        ('title:""', "Empty value"),
        ("year:soon", "Invalid year range"),
        ("year:2011..2009", "Invalid year range"),
    ],
)
def test_malformed_queries(text: str, message: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_query(text)
    assert message in caught.value.message
    assert "\n" not in caught.value.message


@pytest.mark.parametrize("text", ['"unclosed', "colour:red", "author:"])
def test_syntax_errors_list_the_fields(text: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_query(text)
    assert ", ".join(KNOWN_FIELDS) in caught.value.message
