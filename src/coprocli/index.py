"""Search: a ranked, typo-tolerant index over entries, exact filters, and key suggestions.

The only module that imports rapidfuzz, and only inside functions, so that importing it
stays cheap. Query syntax lives in `query.py`, word handling in `tokens.py`.

How a search works: every indexed field of every entry is cut into keys (`tokens.py`: folded
words with one spelling, compounds, neighbouring words joined), and an inverted index maps
each key to its postings: the entries that have it, which field groups it is in, and its
weighted frequency there (BM25F: each field's count × the field's weight, normalised by the
field's length against its average). Texts that recur across entries (a person's name, a
journal, a year) are indexed once as a group whose members are the entries that have them.

A query word is expanded into keys, each in a band: the word as typed (4), another form
of it by Snowball's stemmer (3, never in names), a word it starts (2, the last word only),
one edit away (1) or two (0, long words only). Numbers only match as typed. A clause's score
in an entry is its band plus the saturated frequency `tf / (K1 + tf)`, so a match in a
higher band always beats any match in a lower one, whatever the fields; the word as typed
that is an author's family name or the entry's year of publication ranks one band higher
again. An entry's score adds its clauses' scores, each times the clause's rarity (idf),
plus a bonus when neighbouring query words stand together. Every clause must match; if no
entry matches them all, the entries that match most of them are returned
(`SearchIndex.partial`). Stop words only ever match names (Thomas More) and never narrow.

Scores run from 0 to 100: 100 × the share reached of the most a clause can score
(`MAX_CLAUSE`), capped at 100. Equal scores go newest first, then in catalogue order.
"""

from __future__ import annotations

import heapq
import itertools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache, partial
from typing import TYPE_CHECKING, Protocol

from .errors import UsageError
from .folding import fold
from .model import Entry, Frozen
from .query import KNOWN_FIELDS, Query, Term, make_field_term, parse_query
from .tokens import BREAKS, STOP_WORDS, analyse, glues, is_stop, joinable, normalise, stem, words

if TYPE_CHECKING:
    from array import array

#: How much one occurrence in each field counts (a title hit ranks above one deep in an
#: annotation). Names weigh `FAMILY_WEIGHT`, `GIVEN_WEIGHT` or `NAME_WEIGHT`.
FIELD_WEIGHTS: dict[str, float] = {
    "title": 10.0,
    "subtitle": 8.0,
    "keywords": 8.0,
    "key": 6.0,
    "organization": 5.0,
    "institution": 5.0,
    "publisher": 5.0,
    "school": 5.0,
    "section": 4.0,
    "series": 4.0,
    "journaltitle": 4.0,
    "journal": 4.0,
    "booktitle": 4.0,
    "abstract": 3.0,
    "annotation": 2.0,
    "annote": 2.0,
    "note": 1.5,
}
FAMILY_WEIGHT = 10.0  # a person's family name (with particle and suffix)
GIVEN_WEIGHT = 6.0  # a person's given names
NAME_WEIGHT = 8.0  # an organisation's name
YEAR_WEIGHT = 10.0  # the year of publication

#: Length normalisation (BM25's b) of the fields whose length says how focused they are;
#: the others (names, journals, keys) are not normalised.
LENGTH_NORMALISED: dict[str, float] = {
    "title": 0.5,
    "subtitle": 0.5,
    "keywords": 0.5,
    "abstract": 0.75,
    "annotation": 0.75,
    "annote": 0.75,
    "note": 0.75,
}
#: Saturation: a weighted frequency `tf` counts `tf / (K1 + tf)`, so one title hit is 0.83
#: and ten annotation hits cannot make up for the lack of one.
K1 = 2.0

# Bands of a match of a query word, by how it matched; a better band always wins.
TWO_EDITS, ONE_EDIT, PREFIX, STEM, EXACT, AUTHORITY = 0, 1, 2, 3, 4, 5

#: Above the best a clause can score (the top band plus a saturated frequency, under 1):
#: scores are 100 × the share of this reached, so that they never reach a cap and tie.
MAX_CLAUSE = AUTHORITY + 1.0
_PAIR_BONUS = 0.25
#: How many hits a partial result (no entry has every word) shows unless told otherwise.
PARTIAL_SHOWN = 20
_TITLE_BONUS = 0.5  # a share of a band, for every word of a query found in the title

# Field groups that `field:value` terms can restrict a word to (bits of a posting's mask).
_GROUP_BITS = {"title": 1, "author": 2, "keyword": 4, "section": 8, "key": 16}
_GROUP_WEIGHTS = {
    "title": 10.0,
    "author": FAMILY_WEIGHT,
    "keyword": 8.0,
    "section": 4.0,
    "key": 6.0,
}
_FIELD_BITS = {"title": 1, "subtitle": 1, "keywords": 4, "section": 8, "key": 16}
_TITLE_BIT = 1
_NAME_BIT = 2
_OTHER_BIT = 32
_FAMILY_BIT = 64  # with _NAME_BIT: a family name
_YEAR_BIT = 128
_AUTHORITY_BITS = _FAMILY_BIT | _YEAR_BIT
_NOT_STEMMED = _NAME_BIT | _YEAR_BIT

# The search's records (hits, matches, and the private ones) are plain classes with slots,
# neither data classes nor named tuples: a quick command makes the classes of every module
# it imports, and making a named tuple's class costs a tenth of a millisecond, a data
# class's more (query terms and tokens are plain classes too).


# A posting packs an entry id, the field-group mask and the weighted frequency in one
# integer, which keeps 100,000 entries' postings in compact arrays instead of millions of
# Python objects.
_MASK_SHIFT, _ID_SHIFT = 14, 22
_WEIGHT_SCALE = 64.0
_WEIGHT_MAX = (1 << _MASK_SHIFT) - 1

_PREFIX_LIMIT = 50
_COMMON = 20
_SNIPPET_WIDTH = 100
_SNIPPET_LEAD = 30
_PART = re.compile(r"[^\W\d_]+|\d+")


class Match(Frozen):
    """Where a hit matched: the field, one line of text around the hit, and the spans
    `[start, end)` of the matched words within that line."""

    _fields = ("field", "snippet", "spans")
    __slots__ = _fields
    field: str
    snippet: str
    spans: tuple[tuple[int, int], ...]

    def __init__(self, field: str, snippet: str, spans: tuple[tuple[int, int], ...]) -> None:
        self._assign(field, snippet, spans)


class Hit:
    """One search result: the entry, its score (0-100, higher is better) and its matches,
    best first.

    The matches are worked out when first asked for (`matches`, every field that matched;
    `best_match`, only the best): a listing that shows one line of each hit cuts only the
    field it shows into words with positions, not every field of every hit."""

    __slots__ = ("_fields", "entry", "score")

    def __init__(
        self, entry: Entry, score: float, fields: _MatchedFields | tuple[Match, ...] = ()
    ) -> None:
        self.entry = entry
        self.score = score
        self._fields = fields

    @property
    def matches(self) -> tuple[Match, ...]:
        if isinstance(self._fields, _MatchedFields):
            self._fields = self._fields.matches()
        return self._fields

    def best_match(self, skip: frozenset[str] = frozenset()) -> Match | None:
        """The best match in a field not named in `skip` (None when there is none)."""
        if not isinstance(self._fields, _MatchedFields):
            return next((m for m in self._fields if m.field not in skip), None)
        return self._fields.best(skip)

    def __repr__(self) -> str:
        return f"Hit({self.entry.key!r}, {self.score:.1f})"


def _entry_texts(entry: Entry) -> list[tuple[str, str, float, int]]:
    """The indexed fields of an entry as shown: (field name, text, weight, group bit)."""
    texts = [("key", entry.key, FIELD_WEIGHTS["key"], _FIELD_BITS["key"])]
    fields = entry.fields
    # Field names first: only the indexed fields are read (and decoded), in file order.
    for name in [name for name in fields if name in _INDEXED_FIELDS]:
        text = fields[name]
        if text:
            texts.append((name, text, FIELD_WEIGHTS[name], _FIELD_BITS.get(name, _OTHER_BIT)))
    for role, people in entry.names.items():
        if people:
            text = "; ".join(person.display_name for person in people)
            texts.append((role, text, FAMILY_WEIGHT, _NAME_BIT))
    return texts


class _Keys(dict[str, str]):
    """Surface -> key, computing (and keeping) the key of a surface met for the first time."""

    def __missing__(self, surface: str) -> str:
        key = self[surface] = normalise(surface)
        return key


class _Chunk:
    """What a folded whitespace-delimited chunk of text contributes to the index (the same
    cuts as `tokens.analyse`, without positions, computed once per distinct chunk)."""

    __slots__ = ("blank", "breaks", "first", "joined", "last", "parts", "surfaces")

    def __init__(
        self,
        parts: tuple[str, ...],
        joined: str,
        surfaces: tuple[str, ...],
        first: str,
        last: str,
        blank: bool,
        breaks: bool,
    ) -> None:
        self.parts = parts  # its words (stop words left out, but in names)
        self.joined = joined  # all its parts joined, when it has several, else ''
        self.surfaces = surfaces  # everything it adds: joined, words, pairs inside it
        self.first = first  # its first and last words, to pair with its neighbours
        self.last = last
        self.blank = blank  # no letters or digits (a dash, a bullet): neighbours do not pair
        self.breaks = breaks  # ends with punctuation that ends a run of pairs


def _chunk(chunk: str, names: bool) -> _Chunk:
    found: list[str] = _PART.findall(chunk)
    if names:
        parts = tuple([part for part in found if len(part) > 1])
    else:
        parts = tuple([part for part in found if len(part) > 1 and part not in STOP_WORDS])
    joined = "".join(found) if joinable(found) else ""
    if joined and (len(joined) < 2 if names else is_stop(joined)):
        joined = ""
    surfaces = ([joined] if joined else []) + list(parts)
    surfaces += [a + b for a, b in itertools.pairwise(parts) if glues(a, b)]
    return _Chunk(
        parts,
        joined,
        tuple(surfaces),
        parts[0] if parts else "",
        parts[-1] if parts else "",
        not found,
        chunk.endswith(BREAKS),
    )


_INDEXED_FIELDS = frozenset(FIELD_WEIGHTS) - {"key"}
# Fields whose values are unique to an entry (the rest repeat across a library).
_UNIQUE_FIELDS = frozenset({"title", "subtitle", "abstract", "annotation", "annote", "note"})


class _Text:
    """An indexed text of an entry: its field, weight and group bit; whether such texts
    repeat across entries (indexed once, as a group); whether it is a name."""

    __slots__ = ("bit", "field", "names", "repeats", "text", "weight")

    def __init__(
        self, field: str, text: str, weight: float, bit: int, repeats: bool, names: bool = False
    ) -> None:
        self.field = field
        self.text = text
        self.weight = weight
        self.bit = bit
        self.repeats = repeats
        self.names = names


def _index_texts(entry: Entry) -> list[_Text]:
    """The indexed texts of an entry but its key. A person gives two texts, the family
    name and the given names; an organisation one; the year of publication one."""
    fields = entry.fields
    texts: list[_Text] = []
    for name in _INDEXED_FIELDS.intersection(fields):
        text = fields[name]
        if text:
            bit = _FIELD_BITS.get(name, _OTHER_BIT)
            texts.append(_Text(name, text, FIELD_WEIGHTS[name], bit, name not in _UNIQUE_FIELDS))
    family_bits = _NAME_BIT | _FAMILY_BIT
    for people in entry.names.values():
        for p in people:
            if p.literal:
                # A one-word organisation (`Headway`) is looked for as a surname is.
                one_word = len(p.literal.split()) == 1
                bits = family_bits if one_word else _NAME_BIT
                weight = FAMILY_WEIGHT if one_word else NAME_WEIGHT
                texts.append(_Text("name", p.literal, weight, bits, True, True))
                continue
            family = " ".join(part for part in (p.particle, p.family, p.suffix) if part)
            if family:
                texts.append(_Text("family", family, FAMILY_WEIGHT, family_bits, True, True))
            if p.given:
                texts.append(_Text("given", p.given, GIVEN_WEIGHT, _NAME_BIT, True, True))
    year = entry.year
    if year is not None:
        texts.append(_Text("year", str(year), YEAR_WEIGHT, _YEAR_BIT, True))
    return texts


def group_of(posting: int) -> int:
    """The entry or group id of a packed posting."""
    return posting >> _ID_SHIFT


def _pack(ident: int, mask: int, weight: float) -> int:
    return (
        (ident << _ID_SHIFT)
        | (mask << _MASK_SHIFT)
        | min(_WEIGHT_MAX, int(weight * _WEIGHT_SCALE + 0.5))
    )


def _unpack(posting: int) -> tuple[int, int, float]:
    return (
        posting >> _ID_SHIFT,
        (posting >> _MASK_SHIFT) & 0xFF,
        (posting & _WEIGHT_MAX) / _WEIGHT_SCALE,
    )


def _saturated(tf: float) -> float:
    return tf / (K1 + tf)


class _Highlight:
    """What to mark in snippets: index keys and phrase patterns, each with the number of
    the query clause it answers (a field matching more clauses is the better match)."""

    __slots__ = ("phrases", "terms")

    def __init__(self, terms: dict[str, int], phrases: list[tuple[int, re.Pattern[str]]]) -> None:
        self.terms = terms
        self.phrases = phrases


class _Expansion:
    """A query word's index keys with the band of each, and how many postings."""

    __slots__ = ("size", "terms")

    def __init__(self, terms: dict[str, int], size: int) -> None:
        self.terms = terms
        self.size = size


class _MatchedFields:
    """The fields of an entry that contain highlighted terms, ranked: the field that
    answers most query clauses, then the weightier field, then the earlier one.

    Without phrases in the query, how many clauses a field answers comes from its words
    alone (`text_terms`, the quick cut), and is worked out only as the fields are asked
    for: the best match stops at the weightiest field that answers every clause, which
    for a one-word query is most often the title. Positions for a snippet are found only
    for the fields shown."""

    def __init__(
        self,
        entry: Entry,
        highlight: _Highlight,
        text_terms: Callable[[str, bool], list[str]],
    ) -> None:
        self.highlight = highlight
        self._text_terms = text_terms
        #: (order, field, line, names, weight) of every indexed field, weightiest first
        self.fields = sorted(
            (
                (order, name, " ".join(text.split()), bit == _NAME_BIT, weight)
                for order, (name, text, weight, bit) in enumerate(_entry_texts(entry))
            ),
            key=lambda field: (-field[4], field[0]),
        )
        self._clauses: dict[int, int] = {}  # by order: how many clauses a field answers
        self._shown: dict[int, Match | None] = {}  # by order: the fields cut so far
        every = set(highlight.terms.values()) | {clause for clause, _ in highlight.phrases}
        self._all = len(every)

    def _answered(self, order: int, name: str, line: str, names: bool) -> int:
        """How many clauses the field answers."""
        if order not in self._clauses:
            if self.highlight.phrases:  # found in the folded text only: the slow cut
                self._shown[order], self._clauses[order] = self._cut(name, line, names)
            else:
                terms = self.highlight.terms
                found = {terms[key] for key in self._text_terms(line, names) if key in terms}
                self._clauses[order] = len(found)
        return self._clauses[order]

    def _cut(self, name: str, line: str, names: bool) -> tuple[Match | None, int]:
        """The field's match (its snippet, the matched words marked) and how many clauses
        it answers; None and 0 when nothing in it is highlighted."""
        highlight = self.highlight
        spans: list[tuple[int, int]] = []
        clauses: set[int] = set()
        for token in analyse(line, names=names):
            clause = highlight.terms.get(token.term)
            if clause is not None:
                spans.append((token.start, token.end))
                clauses.add(clause)
        if highlight.phrases:
            folded = fold(line)
            if len(folded) == len(line):  # spans carry over only if folding kept lengths
                for clause, pattern in highlight.phrases:
                    for found_phrase in pattern.finditer(folded):
                        spans.append(found_phrase.span())
                        clauses.add(clause)
        if not spans:
            return None, 0
        snippet, shifted = _snippet(line, _merge_spans(spans))
        return Match(name, snippet, shifted), len(clauses)

    def _match(self, order: int, name: str, line: str, names: bool) -> Match | None:
        if order not in self._shown:
            self._shown[order] = self._cut(name, line, names)[0]
        return self._shown[order]

    def matches(self) -> tuple[Match, ...]:
        """Every matching field's match, best first."""
        ranked = sorted(
            (-self._answered(order, name, line, names), position)
            for position, (order, name, line, names, _) in enumerate(self.fields)
        )
        found = (self._match(*self.fields[position][:4]) for clauses, position in ranked if clauses)
        return tuple(match for match in found if match is not None)

    def best(self, skip: frozenset[str]) -> Match | None:
        """The best match in a field not named in `skip`."""
        best: tuple[int, int, str, str, bool] | None = None  # clauses, and the field
        for order, name, line, names, _ in self.fields:
            if name in skip:
                continue
            clauses = self._answered(order, name, line, names)
            if clauses and (best is None or clauses > best[0]):
                best = (clauses, order, name, line, names)
                if clauses == self._all:
                    break  # no later field answers more, and none is weightier
        if best is None:
            return None
        return self._match(*best[1:])


class PostingStore(Protocol):
    """Where an index's postings and vocabulary live: in memory (`MemoryStore`, built from
    entries) or on disk (`index_store.SqliteStore`, read key by key). The search engine
    is the same over both; a store only answers these look-ups."""

    def entry_postings(self, term: str) -> Sequence[int]:
        """Packed postings of the entries whose own fields have `term`."""
        ...

    def group_postings(self, term: str) -> Sequence[int]:
        """Packed postings of the groups (shared texts) that have `term`."""
        ...

    def members(self, gid: int) -> Sequence[int]:
        """The entry ids of a group."""
        ...

    def known(self, term: str) -> bool: ...

    def df(self, term: str) -> int:
        """How many postings `term` has (an entry in two groups counts twice)."""
        ...

    def stem_of(self, surface: str) -> str:
        """The stem of a vocabulary word ("" for a word not in the vocabulary)."""
        ...

    def stem_mates(self, stem: str) -> list[str]:
        """The vocabulary words of this stem."""
        ...

    def prefixed(self, word: str, limit: int) -> list[str]:
        """The first `limit` vocabulary words from `word` on, in sorted order."""
        ...

    def near(self, lengths: range, letters: set[str]) -> list[str]:
        """Vocabulary words of these lengths whose first or second letter is in `letters`."""
        ...

    def singles(self, lengths: range) -> list[str]:
        """Single (not compound) vocabulary words of these lengths, by length, then sorted."""
        ...

    def years(self) -> dict[int, Sequence[int]]: ...

    def types(self) -> dict[str, Sequence[int]]: ...


class MemoryStore:
    """A `PostingStore` in memory: what `SearchIndex.build` makes."""

    def __init__(self) -> None:
        # key -> postings of entries (packed id, mask, weighted frequency), from the fields
        # that are unique to an entry (title, key, annotation, …)
        self.postings: dict[str, array[int]] = {}
        # key -> postings of groups (packed group id, mask, weighted frequency): texts that
        # recur across entries (names, journals, years, …), and each group's entries
        self.groups: dict[str, array[int]] = {}
        self.group_members: list[array[int]] = []
        self.surfaces: dict[str, str] = {}  # vocabulary word -> its stem
        self.by_stem: dict[str, list[str]] = {}
        self.words: set[str] = set()  # single words as written (folded), for did-you-mean
        self.sorted: list[str] = []  # the vocabulary, sorted for prefix look-up
        self.by_length: dict[int, list[str]] = {}  # single words, for did-you-mean
        # The vocabulary by (length, first letter) and by (length, second letter): a typo
        # search looks only where a word with one or two edits can be.
        self.by_first: dict[tuple[int, str], list[str]] = {}
        self.by_second: dict[tuple[int, str], list[str]] = {}
        self.year_ids: dict[int, list[int]] = {}
        self.type_ids: dict[str, list[int]] = {}

    def arrange(self) -> None:
        """The look-up tables of the sorted vocabulary (by length, letter and stem)."""
        for surface in self.sorted:
            self.by_first.setdefault((len(surface), surface[0]), []).append(surface)
            self.by_second.setdefault((len(surface), surface[1]), []).append(surface)
            self.by_stem.setdefault(self.surfaces[surface], []).append(surface)
        for surface in sorted(self.words):
            self.by_length.setdefault(len(surface), []).append(surface)

    def entry_postings(self, term: str) -> Sequence[int]:
        return self.postings.get(term, ())

    def group_postings(self, term: str) -> Sequence[int]:
        return self.groups.get(term, ())

    def members(self, gid: int) -> Sequence[int]:
        return self.group_members[gid]

    def known(self, term: str) -> bool:
        return term in self.postings or term in self.groups

    def df(self, term: str) -> int:
        members = self.group_members
        size = len(self.postings.get(term, ()))
        return size + sum(len(members[p >> _ID_SHIFT]) for p in self.groups.get(term, ()))

    def terms(self) -> Iterator[tuple[str, int, Sequence[int], Sequence[int]]]:
        """Every key in sorted order, with its `df`, entry postings and group postings
        (what a stored index keeps of each key)."""
        for term in sorted(self.postings.keys() | self.groups.keys()):
            yield term, self.df(term), self.entry_postings(term), self.group_postings(term)

    def stem_of(self, surface: str) -> str:
        return self.surfaces.get(surface, "")

    def stem_mates(self, stem: str) -> list[str]:
        return self.by_stem.get(stem, [])

    def prefixed(self, word: str, limit: int) -> list[str]:
        from bisect import bisect_left  # the in-memory store only (the stored one asks sqlite)

        start = bisect_left(self.sorted, word)
        return self.sorted[start : start + limit]

    def near(self, lengths: range, letters: set[str]) -> list[str]:
        found: dict[str, None] = {}
        for length in lengths:
            for letter in letters:
                found.update(dict.fromkeys(self.by_first.get((length, letter), ())))
                found.update(dict.fromkeys(self.by_second.get((length, letter), ())))
        return list(found)

    def singles(self, lengths: range) -> list[str]:
        return [surface for length in lengths for surface in self.by_length.get(length, ())]

    def years(self) -> dict[int, Sequence[int]]:
        return dict(self.year_ids)

    def types(self) -> dict[str, Sequence[int]]:
        return dict(self.type_ids)


class _Plan:
    """A query clause ready to run: its alternatives (a term, and a word's expansion or
    None for phrases and filters), and whether it is soft (stop words only: it adds to the
    score of the entries it matches but removes none)."""

    __slots__ = ("alternatives", "soft")

    def __init__(self, alternatives: list[tuple[Term, _Expansion | None]], soft: bool) -> None:
        self.alternatives = alternatives
        self.soft = soft


class SearchIndex:
    """An inverted index over entries for ranked, fuzzy search. Build it once with
    `SearchIndex.build(entries)`, then call `search` as often as needed.

    After a search, `partial` says whether no entry matched every clause (the hits then
    match most of them; `partial_total` says how many did), and `unmatched` names the
    query words that matched nothing."""

    def __init__(self, entries: Sequence[Entry], store: PostingStore | None = None) -> None:
        """An index of `entries` whose postings are in `store` (use `build` to make one;
        `index_store.SqliteStore` reads a stored one). `entries` may be a lazy sequence:
        only the entries a search looks at are read."""
        self.entries = entries
        self.store: PostingStore = store if store is not None else MemoryStore()
        self.partial = False
        self.partial_total = 0  # how many entries a partial result had before its limit
        self.unmatched: list[str] = []
        self._df_cache: dict[str, int] = {}
        self._keys = _Keys()  # folded word, compound or pair -> its key
        self._chunks: dict[str, _Chunk] = {}
        self._name_chunks: dict[str, _Chunk] = {}
        self._year_of: list[int] | None = None

    @classmethod
    def build(cls, entries: Sequence[Entry]) -> SearchIndex:
        """Index `entries` (their order breaks ties between equal scores of one year)."""
        store = MemoryStore()
        index = cls(list(entries), store)
        index._build(store)
        return index

    # -- building ---------------------------------------------------------------------

    def _text_terms(self, text: str, names: bool = False) -> list[str]:
        """The keys of a text, as often as they occur: the same as `tokens.analyse` gives,
        without positions, and much faster (each distinct chunk of text is cut once)."""
        chunks = self._name_chunks if names else self._chunks
        met: list[str] = []
        previous = ""
        # Chunks are cut before folding: a chunk recurs far more often than a whole text,
        # so each distinct one is folded once.
        for chunk in text.split():
            info = chunks.get(chunk)
            if info is None:
                info = chunks[chunk] = _chunk(fold(chunk), names)
            met.extend(info.surfaces)
            if info.first:
                # `glues`, inlined: a build meets hundreds of thousands of neighbours
                if previous and not (previous[-1].isdigit() and info.first[0].isdigit()):
                    met.append(previous + info.first)
                previous = info.last
            elif info.blank:
                previous = ""
            if info.breaks:
                previous = ""
        return list(map(self._keys.__getitem__, met))

    def _average_lengths(self) -> dict[str, float]:
        """The average length in words of each length-normalised field (a first pass)."""
        totals: dict[str, int] = defaultdict(int)
        counts: dict[str, int] = defaultdict(int)
        normalised = LENGTH_NORMALISED.keys()
        for entry in self.entries:
            fields = entry.fields
            for name in normalised & fields.keys():
                text = fields[name]
                if text:
                    totals[name] += len(text.split())
                    counts[name] += 1
        return {name: totals[name] / counts[name] for name in totals if counts[name]}

    def _build(self, store: MemoryStore) -> None:
        from .gcpause import collector_paused  # a build only: a warm search builds nothing

        with collector_paused():
            self._fill(store)

    def _fill(self, store: MemoryStore) -> None:
        from array import array  # postings as packed integers (a warm search reads stored ones)

        terms_of = self._text_terms
        averages = self._average_lengths()
        lists: defaultdict[str, array[int]] = defaultdict(partial(array, "q"))
        group_lists: defaultdict[str, array[int]] = defaultdict(partial(array, "q"))
        group_ids: dict[tuple[str, str, int], int] = {}
        members = store.group_members
        key_weight, key_bit = FIELD_WEIGHTS["key"], _FIELD_BITS["key"]
        for eid, entry in enumerate(self.entries):
            # A key is its parts and itself (`needham2009coproduction`), no pairs: keys are
            # all different, and pairs of their parts would only fill the vocabulary.
            parts = _PART.findall(fold(entry.key))
            surfaces = [part for part in parts if len(part) > 1 and part not in STOP_WORDS]
            if joinable(parts):
                surfaces.append("".join(parts))
            fields: list[tuple[dict[str, int], float, int]] = [
                (dict.fromkeys(map(normalise, surfaces), 1), key_weight, key_bit)
            ]
            for item in _index_texts(entry):
                if not item.repeats:
                    # Weighted frequency: each occurrence counts the field's weight, less in
                    # a field longer than its average (BM25F).
                    weight = item.weight
                    b = LENGTH_NORMALISED.get(item.field)
                    if b:
                        length = len(item.text.split())
                        weight /= 1.0 - b + b * length / averages.get(item.field, length)
                    fields.append((Counter(terms_of(item.text)), weight, item.bit))
                    continue
                # A text that recurs (a person's name, a journal) is indexed once, as a
                # group; the entries that have it join the group.
                gid = group_ids.get((item.text, item.field, item.bit))
                if gid is None:
                    gid = group_ids[item.text, item.field, item.bit] = len(members)
                    members.append(array("i"))
                    for term, count in Counter(terms_of(item.text, item.names)).items():
                        group_lists[term].append(_pack(gid, item.bit, item.weight * count))
                members[gid].append(eid)
            # Most keys sit in one field: count × weight, packed (`_pack`, inlined: this
            # runs for every key of every entry). The few in several fields (set
            # operations find them) add up their fields.
            seen: set[str] = set()
            shared: set[str] = set()
            for counts, _, _ in fields:
                shared.update(seen.intersection(counts))
                seen.update(counts)
            base = eid << _ID_SHIFT
            for counts, weight, bit in fields:
                head = base | (bit << _MASK_SHIFT)
                scaled = weight * _WEIGHT_SCALE
                for term, count in counts.items():
                    if term not in shared:
                        quantity = int(count * scaled + 0.5)
                        lists[term].append(
                            head | (quantity if quantity < _WEIGHT_MAX else _WEIGHT_MAX)
                        )
            for term in shared:
                total = 0.0
                mask = 0
                for counts, weight, bit in fields:
                    if term in counts:
                        total += counts[term] * weight
                        mask |= bit
                lists[term].append(_pack(eid, mask, total))
            year = entry.year
            if year is not None:
                store.year_ids.setdefault(year, []).append(eid)
            store.type_ids.setdefault(fold(entry.type), []).append(eid)
        store.postings = dict(lists)
        store.groups = dict(group_lists)
        singles = store.words
        compounds: set[str] = set()
        for chunks in (self._chunks, self._name_chunks):
            for info in chunks.values():
                singles.update(info.parts)
                if info.joined:
                    compounds.add(info.joined)
        # Fuzzy and prefix look-ups run over words and hyphenated compounds only: the joined
        # pairs of neighbouring words would triple the vocabulary and slow every look-up.
        store.sorted = sorted({normalise(surface) for surface in singles | compounds})
        store.surfaces = {key: stem(key) for key in store.sorted}
        store.arrange()

    # -- query expansion -------------------------------------------------------------

    def _known(self, term: str) -> bool:
        return self.store.known(term)

    def _df(self, term: str) -> int:
        """How many postings a key has (an entry in two groups counts twice)."""
        size = self._df_cache.get(term)
        if size is None:
            size = self._df_cache[term] = self.store.df(term)
        return size

    def _postings_of(self, term: str) -> Iterator[tuple[int, int, float]]:
        """(entry id, field-group mask, weight) of every entry that has `term`."""
        store = self.store
        for posting in store.entry_postings(term):
            yield _unpack(posting)
        for posting in store.group_postings(term):
            gid, mask, weight = _unpack(posting)
            for eid in store.members(gid):
                yield eid, mask, weight

    def _idf(self, size: int) -> float:
        return math.log(1.0 + len(self.entries) / (1.0 + size))

    def _expand(self, word: str, *, prefix: bool, fuzzy: bool = True) -> _Expansion:
        """The index keys a folded query word stands for, each with its band, and how many
        postings they have. Numbers and stop words match only as typed; without `fuzzy`,
        only the word and its forms."""
        terms = self._expanded_keys(word, prefix=prefix, fuzzy=fuzzy)
        return _Expansion(terms, sum(self._df(term) for term in terms))

    def _expanded_keys(self, word: str, *, prefix: bool, fuzzy: bool) -> dict[str, int]:
        terms: dict[str, int] = {}

        def add(term: str, band: int) -> None:
            if band > terms.get(term, -1) and self._known(term):
                terms[term] = band

        exact = normalise(word)
        add(exact, EXACT)
        if not word.isalpha() or is_stop(word):
            return terms
        store = self.store
        # The vocabulary knows its words' stems; only a word it lacks needs the stemmer.
        for mate in self._forms(store.stem_of(exact) or stem(exact)):
            add(mate, STEM)
        if not terms:
            for compound in self._written_apart(exact):
                add(compound, STEM)
        # A word found in many entries was typed as meant: looking for words it starts or
        # for typos of it would only add noise (and time) to a large result.
        if not fuzzy or self._df(exact) >= _COMMON:
            return terms
        if prefix and len(word) >= 3:
            for surface in store.prefixed(word, _PREFIX_LIMIT):
                if not surface.startswith(word):
                    break
                add(surface, PREFIX)
        # One edit for words of 4-7 letters, two for longer ones, none for shorter: short
        # words have too many neighbours (`care`, `core`, `cure`) for a typo to be guessed.
        if len(word) >= 4:
            most = 1 if len(word) <= 7 else 2
            # Same first letter; first letter replaced (same second letter); first letter
            # left out or added, or the first two swapped (first and second cross over):
            # words whose first or second letter is this word's first or second.
            lengths = range(len(word) - most, len(word) + most + 1)
            candidates = store.near(lengths, {word[0], word[1]})
            for surface, distance in _typos(word, candidates, most):
                if distance:
                    add(surface, ONE_EDIT if distance == 1 else TWO_EDITS)
        return terms

    def _forms(self, stemmed: str) -> list[str]:
        """The vocabulary words of a stem. Snowball ends the stem of a verb in -ify with
        an `i` that its noun in -ification lacks (`acidifi`, `acidif`): both are asked."""
        mates = self.store.stem_mates(stemmed)
        other = (
            stemmed[:-1]
            if stemmed.endswith("fi")
            else stemmed + "i"
            if stemmed.endswith("f")
            else ""
        )
        return mates + self.store.stem_mates(other) if other else mates

    def _written_apart(self, word: str) -> Iterator[str]:
        """Keys of two neighbouring words that a word unknown as one may stand for, in any
        of the second word's forms (`timebank` -> `timebanking` from `time banking`): the
        joined pairs are keys but, too many to stem, not in the vocabulary."""
        store = self.store
        for cut in range(3, len(word) - 2):
            head, tail = word[:cut], word[cut:]
            if store.stem_of(head):
                for mate in store.stem_mates(store.stem_of(tail) or stem(tail)):
                    yield head + mate

    # -- clause evaluation -------------------------------------------------------------

    def _word_scores(
        self,
        expansion: _Expansion,
        group: str | None,
        within: set[int] | None,
        titled: set[int] | None = None,
    ) -> dict[int, float]:
        """Each entry's best band + saturated weighted frequency over the expansion's keys
        (in `group`'s fields only, when given), among `within` when given; the entries
        that have one of the keys in their title are added to `titled`, when given."""
        scores: dict[int, float] = {}
        bit = _GROUP_BITS[group] if group else 0
        store = self.store
        for term, band in expansion.terms.items():
            found: dict[int, float] = {}
            masks: dict[int, int] = {}
            for posting in store.entry_postings(term):
                eid = posting >> _ID_SHIFT
                if within is not None and eid not in within:
                    continue
                mask = (posting >> _MASK_SHIFT) & 0xFF
                if bit and not mask & bit:
                    continue
                found[eid] = (posting & _WEIGHT_MAX) / _WEIGHT_SCALE
                masks[eid] = mask
            for posting in store.group_postings(term):
                mask = (posting >> _MASK_SHIFT) & 0xFF
                if bit and not mask & bit:
                    continue
                if band == STEM and mask & _NOT_STEMMED:
                    continue  # names are names: `Manning` is not a form of `man`
                weight = (posting & _WEIGHT_MAX) / _WEIGHT_SCALE
                for eid in store.members(posting >> _ID_SHIFT):
                    if within is not None and eid not in within:
                        continue
                    found[eid] = found.get(eid, 0.0) + weight
                    masks[eid] = masks.get(eid, 0) | mask
            if titled is not None:
                titled.update(eid for eid, mask in masks.items() if mask & _TITLE_BIT)
            for eid, tf in found.items():
                level = AUTHORITY if band == EXACT and masks[eid] & _AUTHORITY_BITS else band
                score = level + _saturated(tf)
                if score > scores.get(eid, 0.0):
                    scores[eid] = score
        return scores

    def _phrase_scores(
        self, text: str, group: str | None, within: set[int] | None
    ) -> dict[int, float] | None:
        """Entries containing the phrase as written (case, accents and punctuation aside);
        None when the phrase has no searchable word."""
        folded = fold(text)
        parts: list[str] = _PART.findall(folded)
        content = [part for part in parts if not is_stop(part)]
        if not content:
            return None
        needed = {normalise(part) for part in content}
        needed.update(normalise(a + b) for a, b in itertools.pairwise(content) if glues(a, b))
        candidates: set[int] | None = None if within is None else set(within)
        for term in sorted(needed, key=self._df):
            ids = {eid for eid, _, _ in self._postings_of(term)}
            candidates = ids if candidates is None else candidates & ids
            if not candidates:
                return {}
        assert candidates is not None
        pattern = _phrase_pattern(tuple(parts))
        scores: dict[int, float] = {}
        bit = _GROUP_BITS[group] if group else 0
        for eid in candidates:
            best = _phrase_weight(self.entries[eid], pattern, bit)
            if best:
                weight = best * 1.2 if not group else _GROUP_WEIGHTS[group]
                scores[eid] = EXACT + _saturated(weight)
        return scores

    def _filter_ids(self, term: Term) -> set[int]:
        if term.field == "year":
            assert term.years is not None
            years = self.store.years()
            return {eid for year, ids in years.items() if year in term.years for eid in ids}
        types = self.store.types()
        return {eid for kind in term.types for eid in types.get(kind, ())}

    # -- searching ---------------------------------------------------------------------

    def search(
        self, query: str, *, limit: int | None = None, with_matches: bool = True
    ) -> list[Hit]:
        """Entries matching `query` (syntax in `query.py`), best first; equal scores newest
        first, then in catalogue order; at most `limit` (`PARTIAL_SHOWN` by default when
        no entry matches every clause). Raises `UsageError` only for malformed syntax.

        `with_matches=False` skips the snippets, for callers that need only the entries
        (`--keys`, selections): on a large library most of a broad query's time."""
        parsed = parse_query(query)
        totals, highlight, counts = self._rank(parsed)
        self.partial_total = len(totals) if self.partial else 0
        if self.partial and limit is None:
            limit = PARTIAL_SHOWN  # a lead to follow, not every entry with one word of two
        # Rounded, so that scores equal but for float noise tie, and ties go newest first.
        order = [(-counts.get(eid, 0), -round(score, 6), eid) for eid, score in totals.items()]
        if len({(count, score) for count, score, _ in order}) < len(order):
            year_of = self._years_by_id()
            order = [(count, score, -year_of[eid], eid) for count, score, eid in order]  # type: ignore[misc]
        if limit is None:
            order.sort()
        else:
            order = heapq.nsmallest(max(limit, 0), order)
        hits = []
        for ranked in order:
            eid = ranked[-1]
            entry = self.entries[eid]
            fields = _MatchedFields(entry, highlight, self._text_terms) if with_matches else ()
            hits.append(Hit(entry, totals[eid], fields))
        return hits

    def _years_by_id(self) -> list[int]:
        """Each entry's year of publication (0 for none), for breaking ties."""
        if self._year_of is None:
            year_of = [0] * len(self.entries)
            for year, ids in self.store.years().items():
                for eid in ids:
                    year_of[eid] = year
            self._year_of = year_of
        return self._year_of

    def _plans(self, parsed: Query) -> list[_Plan]:
        """The query's clauses, their words expanded."""
        last_word = _last_plain_word(parsed)
        plans: list[_Plan] = []
        for clause in parsed.clauses:
            plan: list[tuple[Term, _Expansion | None]] = []
            soft = True
            for term in clause:
                if term.field in ("year", "type"):
                    plan.append((term, None))
                    soft = False
                    continue
                found = words(term.text, stops=True)
                if term.phrase or len(found) != 1:
                    if words(term.text):  # a phrase with a word that is not a stop word
                        plan.append((term, None))
                        soft = False
                    continue
                word = found[0]
                soft = soft and is_stop(word)
                plan.append((term, self._expand(word, prefix=term is last_word)))
            if plan:
                plans.append(_Plan(plan, soft))
        if all(plan.soft for plan in plans):  # only stop words: they are the question
            plans = [_Plan(plan.alternatives, False) for plan in plans]
        return plans

    def _rank(self, parsed: Query) -> tuple[dict[int, float], _Highlight, dict[int, int]]:
        """Each matching entry's score, what to highlight, and (for a partial result) how
        many clauses each entry matched."""
        highlight = _Highlight({}, [])
        self.partial, self.unmatched = False, []
        plans = self._plans(parsed)
        if not plans:
            return {}, highlight, {}
        pair_bonus = self._pair_alternatives(plans)
        sizes = [_plan_size(plan.alternatives, self) for plan in plans]
        weights = [self._idf(size) for size in sizes]
        required = [i for i, plan in enumerate(plans) if not plan.soft]
        required.sort(key=sizes.__getitem__)
        # The clause with the fewest postings runs first and narrows the others.
        totals: dict[int, float] | None = None
        importance = 0.0
        counts: dict[int, int] = {}
        in_titles: list[set[int]] = []
        for i in required:
            within = set(totals) if totals is not None else None
            alternatives = plans[i].alternatives
            titled: set[int] = set()
            scores = self._clause_scores(
                alternatives, i, within, pair_bonus.get(i), highlight, titled
            )
            if scores is None:
                continue  # only stop words in a phrase: the clause asks nothing
            importance += weights[i]
            in_titles.append(titled)
            if totals is None:
                totals = {eid: weights[i] * score for eid, score in scores.items()}
            else:
                totals = {
                    eid: total + weights[i] * scores[eid]
                    for eid, total in totals.items()
                    if eid in scores
                }
            if not totals:
                break
        if totals is not None and not totals:
            totals, importance, counts = self._most_clauses(
                plans, required, weights, pair_bonus, highlight
            )
        elif totals and len(in_titles) > 1:
            # Every word in the title: what someone recalling a title types, ahead of the
            # same words spread over the title, the abstract and the keywords.
            bonus = _TITLE_BONUS * importance
            for eid in set.intersection(*in_titles) & totals.keys():
                totals[eid] += bonus
        if not totals:
            return {}, highlight, {}
        for i, soft in enumerate(plans):
            if soft.soft:
                scores = self._clause_scores(soft.alternatives, i, set(totals), None, highlight)
                for eid, score in (scores or {}).items():
                    totals[eid] += weights[i] * score
                if scores:
                    importance += weights[i]
        for eid in self._excluded(parsed.excluded, set(totals)):
            del totals[eid]
        scale = 100.0 / (importance * MAX_CLAUSE) if importance else 0.0
        scored = {eid: min(100.0, total * scale) for eid, total in totals.items()}
        return scored, highlight, counts

    def _most_clauses(
        self,
        plans: list[_Plan],
        required: list[int],
        weights: list[float],
        pair_bonus: dict[int, list[str]],
        highlight: _Highlight,
    ) -> tuple[dict[int, float], float, dict[int, int]]:
        """No entry matches every clause: the entries that match the most of them, their
        scores and counts; `unmatched` names the clauses that match nothing at all."""
        totals: dict[int, float] = defaultdict(float)
        counts: dict[int, int] = defaultdict(int)
        importance = 0.0
        for i in required:
            alternatives = plans[i].alternatives
            scores = self._clause_scores(alternatives, i, None, pair_bonus.get(i), highlight)
            if scores is None:
                continue
            importance += weights[i]
            if not scores:
                self.unmatched.append(" OR ".join(term.text for term, _ in plans[i].alternatives))
            for eid, score in scores.items():
                totals[eid] += weights[i] * score
                counts[eid] += 1
        self.partial = bool(totals)
        most = max(counts.values(), default=0)
        kept = {eid: total for eid, total in totals.items() if counts[eid] == most}
        return kept, importance, {eid: counts[eid] for eid in kept}

    def _pair_alternatives(self, plans: list[_Plan]) -> dict[int, list[str]]:
        """For neighbouring one-word clauses, the joined word's key (`time banking` ->
        `timebanking`): it satisfies both clauses and rewards the words standing together."""
        extra: dict[int, list[str]] = {}
        for i in range(len(plans) - 1):
            first_plan, second_plan = plans[i].alternatives, plans[i + 1].alternatives
            if len(first_plan) != 1 or len(second_plan) != 1:
                continue
            (first, a), (second, b) = first_plan[0], second_plan[0]
            if a is None or b is None or first.field != second.field:
                continue
            one, two = words(first.text, stops=True)[0], words(second.text, stops=True)[0]
            if is_stop(one) or is_stop(two) or not glues(one, two):
                continue
            term = normalise(one + two)
            if self._known(term):
                extra.setdefault(i, []).append(term)
                extra.setdefault(i + 1, []).append(term)
        return extra

    def _clause_scores(
        self,
        plan: list[tuple[Term, _Expansion | None]],
        number: int,
        within: set[int] | None,
        pairs: list[str] | None,
        highlight: _Highlight,
        titled: set[int] | None = None,
    ) -> dict[int, float] | None:
        """The best score of each entry over the clause's alternatives (None when the
        clause has no searchable word); `titled` collects the entries that have one of
        its words in their title."""
        best: dict[int, float] | None = None

        def merge(scores: dict[int, float]) -> None:
            nonlocal best
            if best is None:
                best = dict(scores)
                return
            for eid, score in scores.items():
                if score > best.get(eid, 0.0):
                    best[eid] = score

        for term, expansion in plan:
            if term.field in ("year", "type"):
                ids = self._filter_ids(term)
                if within is not None:
                    ids &= within
                merge(dict.fromkeys(ids, MAX_CLAUSE))
            elif expansion is not None:
                for expanded in expansion.terms:
                    highlight.terms.setdefault(expanded, number)
                merge(self._word_scores(expansion, term.field, within, titled))
            else:
                scores = self._phrase_scores(term.text, term.field, within)
                if scores is not None:
                    parts = tuple(_PART.findall(fold(term.text)))
                    highlight.phrases.append((number, _phrase_pattern(parts)))
                    merge(scores)
        if best is not None and pairs:
            group = plan[0][0].field
            for pair in pairs:
                highlight.terms.setdefault(pair, number)
                joined = self._word_scores(_Expansion({pair: EXACT}, 0), group, within)
                for eid, score in joined.items():
                    # Joined words match as one, and next to each other they also earn a
                    # share of the pair's frequency on top.
                    best[eid] = max(best.get(eid, 0.0), score) + _PAIR_BONUS * (score - EXACT)
        return best

    def _excluded(self, terms: Sequence[Term], candidates: set[int]) -> set[int]:
        """Entries among `candidates` that an excluded term matches (a word in any of its
        forms, not its typos)."""
        out: set[int] = set()
        for term in terms:
            if term.field in ("year", "type"):
                out |= self._filter_ids(term) & candidates
            elif term.phrase or len(words(term.text)) != 1:
                scores = self._phrase_scores(term.text, term.field, candidates)
                out.update(scores or ())
            else:
                expansion = self._expand(words(term.text)[0], prefix=False, fuzzy=False)
                out.update(self._word_scores(expansion, term.field, candidates))
        return out

    # -- suggestions -----------------------------------------------------------------------

    def did_you_mean(self, query: str, limit: int = 3) -> list[str]:
        """Words of the catalogue close to the query's words, best first (for a query that
        found nothing); empty when nothing is close. Never raises."""
        from rapidfuzz import fuzz, process

        try:
            parsed = parse_query(query)
        except UsageError:
            return []
        asked = [
            word
            for clause in parsed.clauses
            for term in clause
            if term.field not in ("year", "type")
            for word in words(term.text)
            if word.isalpha()  # a number is not a typo of another
        ]
        ranked: list[list[str]] = []  # for each unknown word, close words best first
        for word in asked:
            if len(word) < 3 or self._known(normalise(word)):
                continue  # too short to guess at, or found as it is
            # Similar length, similar letters; among equals, the commoner word first.
            candidates = self.store.singles(range(max(len(word) - 2, 3), len(word) + 3))
            found = process.extract(
                word, candidates, scorer=fuzz.ratio, score_cutoff=75, limit=limit * 4
            )
            found.sort(key=lambda item: (-item[1], -self._df(normalise(item[0])), item[0]))
            ranked.append([surface for surface, _, _ in found])
        # The best guess for each word first, then the second guesses, and so on.
        suggestions: list[str] = []
        for guesses in itertools.zip_longest(*ranked):
            for guess in guesses:
                if guess is not None and guess not in suggestions and len(suggestions) < limit:
                    suggestions.append(guess)
        return suggestions


#: Up to this many candidate words, typo distances are worked out here rather than by
#: rapidfuzz: a search of a small library then never imports rapidfuzz, which costs more
#: (about 15 ms) than measuring a few hundred short words.
_FEW_CANDIDATES = 200


def _typos(word: str, candidates: list[str], most: int) -> list[tuple[str, int]]:
    """The candidates within `most` edits of `word` (optimal string alignment: insert,
    delete, replace, or swap two neighbours), each with its distance."""
    if len(candidates) <= _FEW_CANDIDATES:
        found = [(surface, osa_distance(word, surface, most)) for surface in candidates]
        return [(surface, distance) for surface, distance in found if distance <= most]
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    found_far = process.extract(
        word, candidates, scorer=OSA.distance, score_cutoff=most, limit=None
    )
    return [(surface, int(distance)) for surface, distance, _ in found_far]


def osa_distance(a: str, b: str, most: int) -> int:
    """The optimal string alignment distance of `a` and `b` (as rapidfuzz's `OSA`), or
    `most + 1` for anything further apart than `most`.

    Only the band of cells within `most` of the diagonal is worked out: a cell further
    off is more than `most` edits in any case."""
    la, lb = len(a), len(b)
    far = most + 1
    if abs(la - lb) > most or len(set(a).symmetric_difference(b)) > 2 * most:
        return far  # each letter in one word only costs an edit, a replacement two letters
    before: list[int] = []
    previous = [j if j <= most else far for j in range(lb + 1)]
    for i in range(1, la + 1):
        char = a[i - 1]
        low, high = max(1, i - most), min(lb, i + most)
        current = [far] * (lb + 1)
        current[0] = i if i <= most else far
        for j in range(low, high + 1):
            other = b[j - 1]
            value = previous[j - 1] + (char != other)
            if previous[j] < value:
                value = previous[j] + 1
            if current[j - 1] < value:
                value = current[j - 1] + 1
            if i > 1 and j > 1 and char == b[j - 2] and a[i - 2] == other:
                value = min(value, before[j - 2] + 1)
            current[j] = value
        # Every row holds a cell on the best alignment's path, or one no dearer (a swap
        # skips a row whose diagonal cell costs no more): a row all past `most` ends it.
        if min(current[low - 1 : high + 1]) > most:
            return far
        before, previous = previous, current
    return min(previous[lb], far)


# Fields from the weightiest down, so that checking a phrase can stop at its first find.
_BY_WEIGHT = sorted(
    [*FIELD_WEIGHTS.items(), ("", NAME_WEIGHT)],  # "" stands for the name fields
    key=lambda item: -item[1],
)


def _phrase_weight(entry: Entry, pattern: re.Pattern[str], bit: int) -> float:
    """The weight of the weightiest field of `entry` (of field group `bit`, unless 0) in
    which `pattern` is found; 0 when it is found nowhere."""
    for name, weight in _BY_WEIGHT:
        field_bit = _FIELD_BITS.get(name, _OTHER_BIT) if name else _NAME_BIT
        if bit and not bit & field_bit:
            continue
        if name == "key":
            texts: Iterable[str] = (entry.key,)
        elif name:
            texts = (entry.fields.get(name, ""),)
        else:
            texts = (
                "; ".join(person.display_name for person in people)
                for people in entry.names.values()
            )
        for text in texts:
            if text and pattern.search(fold(text)):
                return weight
    return 0.0


def _plan_size(plan: list[tuple[Term, _Expansion | None]], index: SearchIndex) -> int:
    """An estimate of how many entries a clause can match, to run small clauses first."""
    size = 0
    for term, expansion in plan:
        if expansion is not None:
            size += expansion.size
        elif term.field in ("year", "type"):
            size += len(index._filter_ids(term))
        else:
            size += min(
                (index._df(normalise(p)) for p in _PART.findall(fold(term.text)) if not is_stop(p)),
                default=0,
            )
    return size


def _last_plain_word(parsed: Query) -> Term | None:
    """The query's last word, if it is a plain word: it may be a prefix still being typed."""
    if not parsed.clauses:
        return None
    term = parsed.clauses[-1][-1]
    if term.phrase or term.field is not None:
        return None
    return term


@lru_cache(maxsize=256)
def _phrase_pattern(parts: tuple[str, ...]) -> re.Pattern[str]:
    """A phrase's folded words in order, anything but letters and digits between them."""
    return re.compile(
        r"(?<![^\W_])" + r"[\W_]*".join(re.escape(part) for part in parts) + r"(?![^\W_])"
    )


def _merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _snippet(line: str, spans: list[tuple[int, int]]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """About `_SNIPPET_WIDTH` characters of `line` around the densest cluster of spans, cut
    at word boundaries, with `…` where text was left out; the spans moved to match."""
    if len(line) <= _SNIPPET_WIDTH:
        return line, tuple(spans)
    # Start a little before the span that has the most other spans within reach.
    anchor = max(
        spans,
        key=lambda span: (
            sum(1 for s in spans if span[0] <= s[0] and s[1] <= span[0] + _SNIPPET_WIDTH - 10),
            -span[0],
        ),
    )[0]
    start = max(0, anchor - _SNIPPET_LEAD)
    if start > 0:
        space = line.find(" ", start, anchor)
        start = space + 1 if space >= 0 else anchor
    end = min(len(line), start + _SNIPPET_WIDTH)
    if end < len(line):
        space = line.rfind(" ", start, end + 1)
        if space > start:
            end = space
    text = line[start:end].strip()
    offset = start + (len(line[start:end]) - len(line[start:end].lstrip()))
    lead = "…" if start > 0 else ""
    tail = "…" if end < len(line) else ""
    shift = len(lead) - offset
    moved = tuple(
        (max(0, s + shift), min(len(text) + len(lead), e + shift))
        for s, e in spans
        if s >= offset and e <= offset + len(text)
    )
    return f"{lead}{text}{tail}", moved


# -- exact filters ---------------------------------------------------------------------------

# A pattern string: compiled by `re` when `filter` first needs it, not on every start.
_FILTER_TERM = r"(?s)^\s*(-?)([A-Za-z]+):(.*)$"


def _exact(text: str) -> str:
    return " ".join(fold(text).split())


def _parse_filter_term(text: str) -> tuple[bool, Term]:
    """(negated, term) for one `field:value` argument of `filter`."""
    match = re.match(_FILTER_TERM, text)
    if not match:
        fields = ", ".join(KNOWN_FIELDS)
        raise UsageError(
            f"filter takes only field:value terms (fields: {fields}), not {text.strip()!r}; "
            "use search for words."
        )
    negated, name, value = match.groups()
    value = value.strip()
    phrase = value.startswith('"')
    if phrase:
        if len(value) < 2 or not value.endswith('"'):
            raise UsageError(
                f'Unclosed quote in {text!r}; close the value with ". '
                f"Fields: {', '.join(KNOWN_FIELDS)}."
            )
        value = value[1:-1]
    return bool(negated), make_field_term(name, value, phrase=phrase, original=text)


def _holds(term: Term, entry: Entry) -> bool:
    """Whether `entry` satisfies a `field:value` term exactly."""
    if term.field == "year":
        return term.years is not None and entry.year in term.years
    if term.field == "type":
        return fold(entry.type) in term.types
    value = _exact(term.text)
    if term.field == "key":
        return fold(entry.key) == value
    if term.field == "title":
        return value in {_exact(entry.title), _exact(entry.get("title"))}
    if term.field == "section":
        return _exact(entry.section) == value
    if term.field == "keyword":
        return any(_exact(word) == value for word in entry.keywords)
    # author: one person's family name (with or without its particle) or full name.
    return any(
        value in {_exact(person.family), _exact(person.surname), _exact(person.display_name)}
        for people in entry.names.values()
        for person in people
    )


def filter_entries(entries: Sequence[Entry], terms: Sequence[str]) -> list[Entry]:
    """The entries that satisfy every `field:value` term exactly (case and accents aside),
    in their order; `-field:value` excludes. Raises `UsageError` for anything else."""
    parsed = [_parse_filter_term(text) for text in terms]
    return [
        entry
        for entry in entries
        if all(_holds(term, entry) != negated for negated, term in parsed)
    ]


# -- similarity and key suggestions ----------------------------------------------------------


def similarity(a: str, b: str) -> float:
    """How alike two short strings are, 0-100 (100 for equal ones; a letter or two of
    difference in a surname still scores high)."""
    from rapidfuzz import fuzz

    return float(fuzz.ratio(a, b))


def suggest_keys(key: str, keys: Iterable[str], *, limit: int = 3) -> list[str]:
    """The keys closest to a mistyped one, best first; empty when nothing is close."""
    from rapidfuzz import fuzz, process, utils

    candidates = list(keys)
    if not candidates:
        return []
    # WRatio weighs prefixes and partial matches: `boyle2090` -> `boyle2009challenge`.
    found = process.extract(
        key, candidates, scorer=fuzz.WRatio, processor=utils.default_process, limit=limit
    )
    if not found:
        return []
    best = found[0][1]
    return [choice for choice, score, _ in found if score >= max(60.0, best - 10)]


__all__ = [
    "FIELD_WEIGHTS",
    "NAME_WEIGHT",
    "STOP_WORDS",
    "Hit",
    "Match",
    "SearchIndex",
    "filter_entries",
    "similarity",
    "suggest_keys",
]
