"""Turning text into search terms: folding, splitting, compounds, spelling variants, stemming.

The index and the query go through the same functions, so a variant only has to map to the
same term on both sides: `personalisation` and `personalization` both become
`personalization`, `time-banking`, `timebanking` and `time banking` all give `timebank`.
Terms are for matching only; snippets show the original text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

from .folding import fold

#: Words too common to find anything by: a query made only of these finds nothing.
STOP_WORDS = frozenset(
    str.split(
        """
    a about after all also an and any are as at be been before being between both but by
    can could did do does doing during each for from had has have having he her here hers
    him his how i if in into is it its itself me more most my no nor not of off on once
    only or other our ours out over own same she should so some such than that the their
    theirs them then there these they this those through to too under until up us very
    was we were what when where which while who whom why will with would you your yours
    """
    )
)

# A run of letters or a run of digits: `needham2009coproduction` -> needham, 2009, …;
# hyphens, apostrophes and other punctuation separate parts as well.
_PART = re.compile(r"[^\W\d_]+|\d+")
_CHUNK = re.compile(r"\S+")

# British -> one spelling (mostly the American one). The same rules run on both sides, so a
# rule that also rewrites an unrelated word (`promise` -> `promize`) does no harm.
_SPELLING: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?<=[a-z]{3})is(e|es|ed|ing|er|ers|ation|ations)$"), r"iz\1"),
    (re.compile(r"(?<=[a-z]{2})ys(e|es|ed|ing|er|ers)$"), r"yz\1"),
    (re.compile(r"(?<=[a-z]{2}[^aeo])our(s|ed|ing|ful|less|able|ite|ites|hood)?$"), r"or\1"),
    (re.compile(r"(?<=[a-z]{2})(t|b)re(s|d)?$"), r"\1er\2"),
    (re.compile(r"(?<=[a-z]{3})ogue(s)?$"), r"og\1"),
)
_VOWEL = re.compile(r"[aeiouy]")
# Endings that any of the rules above can rewrite: most words skip the patterns at once.
_RESPELL_ENDINGS = tuple(
    f"{base}{suffix}"
    for base, suffixes in (
        ("is", ("e", "es", "ed", "ing", "er", "ers", "ation", "ations")),
        ("ys", ("e", "es", "ed", "ing", "er", "ers")),
        ("our", ("", "s", "ed", "ing", "ful", "less", "able", "ite", "ites", "hood")),
        ("tre", ("", "s", "d")),
        ("bre", ("", "s", "d")),
        ("ogue", ("", "s")),
    )
    for suffix in suffixes
)
_RESPELL_TAILS = frozenset(ending[-2:] for ending in _RESPELL_ENDINGS)
#: Punctuation that ends a phrase: words on either side of it are not joined into a pair.
BREAKS = tuple(",;:.!?()[]")


def respell(word: str) -> str:
    """One spelling for British/American pairs: -ise/-ize, -yse/-yze, -our/-or, -tre/-ter."""
    if word[-2:] not in _RESPELL_TAILS or not word.endswith(_RESPELL_ENDINGS):
        return word
    for pattern, replacement in _SPELLING:
        new = pattern.sub(replacement, word)
        if new != word:
            return new
    return word


def stem(word: str) -> str:
    """A light stemmer: plurals, -ing and -ed go, a doubled final letter and final e are
    dropped, so `banks`, `banking`, `banked` -> `bank` and `houses`, `housing` -> `hous`."""
    if len(word) <= 3 or not word.isalpha():
        return word
    if word[-1] not in "sdge" and word[-1] != word[-2]:
        return word  # no rule below can apply: most words leave here
    if word.endswith(("ies", "ied")) and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if word.endswith("ing") and len(word) >= 6 and _VOWEL.search(word[:-3]):
        word = word[:-3]
    elif (
        word.endswith("ed")
        and not word.endswith("eed")
        and len(word) >= 5
        and _VOWEL.search(word[:-2])
    ):
        word = word[:-2]
    if len(word) >= 4 and word.endswith("e"):
        word = word[:-1]
    # `stopping` -> `stopp` -> `stop`; `install`/`installing` and `process`/`processes`
    # meet at `instal` and `proces`.
    if len(word) >= 4 and word[-1] == word[-2] and word[-1] not in "aeiou":
        word = word[:-1]
    return word


@lru_cache(maxsize=200_000)
def normalise(surface: str) -> str:
    """The index term of a folded word: spelling unified, then stemmed."""
    return stem(respell(surface))


class Token(NamedTuple):
    """One searchable unit of a text: a word, a compound of a hyphenated or run-together
    chunk (`co-production`), or the join of two neighbouring words (`time bank`).

    `surface` is the folded form (for fuzzy look-up), `term` its normalised form (for the
    index); `start`/`end` locate it in the text that was analysed.
    """

    surface: str
    term: str
    start: int
    end: int
    compound: bool = False


def is_stop(surface: str) -> bool:
    """True for words that never match alone: stop words and single letters."""
    return len(surface) < 2 or surface in STOP_WORDS


def analyse(text: str) -> Iterator[Token]:
    """Every token of `text`: its words (not stop words), the whole of each chunk that has
    several parts (`time-bank` -> `timebank`), and each pair of neighbouring non-stop words
    joined (`time bank` -> `timebank`), which both finds compounds written apart and rewards
    words that stand together. Punctuation such as a comma ends a run of pairs."""
    previous: tuple[str, int] | None = None  # last non-stop word and where it starts
    for chunk in _CHUNK.finditer(text):
        parts = [(fold(m.group()), m.start(), m.end()) for m in _PART.finditer(chunk.group())]
        if not parts:  # a dash or bullet standing alone also ends a run of pairs
            previous = None
            continue
        base = chunk.start()
        if len(parts) > 1:
            joined = "".join(part for part, _, _ in parts)
            start, end = base + parts[0][1], base + parts[-1][2]
            if not is_stop(joined):
                yield Token(joined, normalise(joined), start, end, compound=True)
        for surface, start, end in parts:
            if is_stop(surface):
                continue
            if previous is not None:
                joined = previous[0] + surface
                yield Token(joined, normalise(joined), previous[1], base + end, compound=True)
            yield Token(surface, normalise(surface), base + start, base + end)
            previous = (surface, base + start)
        if chunk.group().endswith(BREAKS):
            previous = None


def words(text: str) -> list[str]:
    """The folded non-stop words of a query chunk, in order, one per whitespace chunk:
    a hyphenated or run-together chunk is one word (`co-production` -> `coproduction`)."""
    found: list[str] = []
    for chunk in _CHUNK.finditer(text):
        joined = "".join(fold(m.group()) for m in _PART.finditer(chunk.group()))
        if joined and not is_stop(joined):
            found.append(joined)
    return found
