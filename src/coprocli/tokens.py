"""Turning text into search terms: folding, splitting, compounds, spelling variants, stemming.

The index and the query go through the same functions, so a variant only has to map to the
same key on both sides: `personalisation` and `personalization` both become
`personalization`; `time-banking`, `timebanking` and `time banking` all give `timebanking`.
Keys keep their endings; `stem` (Snowball's English stemmer) says which keys are forms of
one word (`timebank`, `timebanking`), so that the search can rank the form typed first.
Keys are for matching only; snippets show the original text.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from functools import lru_cache

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
# rule that also rewrites an unrelated word (`promise` -> `promize`) does no harm. Each rule:
# the ending's stem, what it becomes, the suffixes that may follow it, and what must stand
# before it: that many ASCII letters, and for -our a third character that is not a, e or o
# (`tour`, `four` and `hour` keep theirs). Plain string tests, not patterns: compiling five
# look-behind patterns would cost a search a millisecond.
_SPELLING: tuple[tuple[str, str, tuple[str, ...], int, str], ...] = (
    ("is", "iz", ("e", "es", "ed", "ing", "er", "ers", "ation", "ations"), 3, ""),
    ("ys", "yz", ("e", "es", "ed", "ing", "er", "ers"), 2, ""),
    ("our", "or", ("", "s", "ed", "ing", "ful", "less", "able", "ite", "ites", "hood"), 2, "aeo"),
    ("tre", "ter", ("", "s", "d"), 2, ""),
    ("bre", "ber", ("", "s", "d"), 2, ""),
    ("ogue", "og", ("", "s"), 3, ""),
)
# Endings that any of the rules above can rewrite: most words skip the rules at once.
_RESPELL_ENDINGS = tuple(
    stem + suffix for stem, _, suffixes, _, _ in _SPELLING for suffix in suffixes
)
_RESPELL_TAILS = frozenset(ending[-2:] for ending in _RESPELL_ENDINGS)
#: The rules with each one's suffixes longest first: the ending that starts leftmost is
#: tried first, as a pattern finds it.
_RULES = tuple(
    (stem, replacement, tuple(sorted(suffixes, key=len, reverse=True)), letters, not_third)
    for stem, replacement, suffixes, letters, not_third in _SPELLING
)
_ASCII_LOWER = frozenset("abcdefghijklmnopqrstuvwxyz")
#: Punctuation that ends a phrase: words on either side of it are not joined into a pair.
BREAKS = tuple(",;:.!?()[]")


def respell(word: str) -> str:
    """One spelling for British/American pairs: -ise/-ize, -yse/-yze, -our/-or, -tre/-ter."""
    if word[-2:] not in _RESPELL_TAILS or not word.endswith(_RESPELL_ENDINGS):
        return word
    for stem, replacement, suffixes, letters, not_third in _RULES:
        for suffix in suffixes:
            ending = stem + suffix
            if not word.endswith(ending):
                continue
            start = len(word) - len(ending)
            width = letters + (1 if not_third else 0)  # and -our's third character
            if start < width:
                continue
            before = word[start - width : start]
            if not_third:
                if before[-1] in not_third:
                    continue
                before = before[:-1]
            if _ASCII_LOWER.issuperset(before):
                return word[:start] + replacement + suffix
    return word


@lru_cache(maxsize=200_000)
def normalise(surface: str) -> str:
    """The index key of a folded word: its spelling unified (British and American meet),
    nothing taken off. Words that differ only in an ending meet through `stem` instead,
    so that a word as typed still ranks above its other forms."""
    return respell(surface)


_STEMMER: list[object] = []


@lru_cache(maxsize=200_000)
def stem(key: str) -> str:
    """The Snowball (Porter 2) English stem of an index key: inflected and derived forms
    meet (`banks`, `banking` -> `bank`; `ecology`, `ecological` -> `ecolog`). Digits and
    mixed words are their own stem."""
    if not key.isalpha():
        return key
    if not _STEMMER:
        import Stemmer  # PyStemmer: only a build, or a query word the index does not hold

        _STEMMER.append(Stemmer.Stemmer("english"))
    stemmed: str = _STEMMER[0].stemWord(key)  # type: ignore[attr-defined]
    return stemmed


class Token:
    """One searchable unit of a text: a word, a compound of a hyphenated or run-together
    chunk (`co-production`), or the join of two neighbouring words (`time bank`).

    `surface` is the folded form (for fuzzy look-up), `term` its normalised form (for the
    index); `start`/`end` locate it in the text that was analysed.
    """

    __slots__ = ("compound", "end", "start", "surface", "term")

    def __init__(
        self, surface: str, term: str, start: int, end: int, compound: bool = False
    ) -> None:
        self.surface = surface
        self.term = term
        self.start = start
        self.end = end
        self.compound = compound

    def __repr__(self) -> str:
        return f"Token({self.surface!r}, {self.term!r}, {self.start}, {self.end})"


def is_stop(surface: str) -> bool:
    """True for words that never match alone: stop words and single letters."""
    return len(surface) < 2 or surface in STOP_WORDS


def glues(first: str, second: str) -> bool:
    """Whether two neighbouring parts may be joined into one word: not two runs of digits
    (`20,21Na` holds no year 2021; `1990-1995` no number 19901995)."""
    return not (first[-1].isdigit() and second[0].isdigit())


def joinable(parts: list[str]) -> bool:
    """Whether the parts of one chunk join into a compound (`co-production`)."""
    return len(parts) > 1 and all(glues(a, b) for a, b in itertools.pairwise(parts))


def analyse(text: str, *, names: bool = False) -> Iterator[Token]:
    """Every token of `text`: its words (not stop words), the whole of each chunk that has
    several parts (`time-bank` -> `timebank`), and each pair of neighbouring non-stop words
    joined (`time bank` -> `timebank`), which both finds compounds written apart and rewards
    words that stand together. Punctuation such as a comma ends a run of pairs. In `names`
    stop words count (Thomas More), only single letters do not."""
    skip = _is_initial if names else is_stop
    previous: tuple[str, int] | None = None  # last non-stop word and where it starts
    for chunk in _CHUNK.finditer(text):
        parts = [(fold(m.group()), m.start(), m.end()) for m in _PART.finditer(chunk.group())]
        if not parts:  # a dash or bullet standing alone also ends a run of pairs
            previous = None
            continue
        base = chunk.start()
        if joinable([part for part, _, _ in parts]):
            joined = "".join(part for part, _, _ in parts)
            start, end = base + parts[0][1], base + parts[-1][2]
            if not skip(joined):
                yield Token(joined, normalise(joined), start, end, compound=True)
        for surface, start, end in parts:
            if skip(surface):
                continue
            if previous is not None and glues(previous[0], surface):
                joined = previous[0] + surface
                yield Token(joined, normalise(joined), previous[1], base + end, compound=True)
            yield Token(surface, normalise(surface), base + start, base + end)
            previous = (surface, base + start)
        if chunk.group().endswith(BREAKS):
            previous = None


def _is_initial(surface: str) -> bool:
    return len(surface) < 2


def words(text: str, *, stops: bool = False) -> list[str]:
    """The folded non-stop words of a query chunk, in order, one per whitespace chunk:
    a hyphenated or run-together chunk is one word (`co-production` -> `coproduction`).
    With `stops`, stop words are kept (single letters never are)."""
    found: list[str] = []
    skip = _is_initial if stops else is_stop
    for chunk in _CHUNK.finditer(text):
        parts = [fold(m.group()) for m in _PART.finditer(chunk.group())]
        pieces = ["".join(parts)] if len(parts) < 2 or joinable(parts) else parts
        found.extend(piece for piece in pieces if piece and not skip(piece))
    return found
