"""Proper nouns in titles, so that sentence case does not lower-case them.

`mark_proper_nouns` splits the names of countries, regions, languages, nationalities,
months and weekdays (and the entry's own publisher, institution or place) out of a title's
unprotected text as protected segments: `Personal Budgets in England and Wales` keeps
`England` and `Wales` when a style prints `Personal budgets in England and Wales`.

Measured on the project's 2-core machine (CPython 3.11, pycountry 26.2): the table is built
once, on first use, in about 0.25 s (0.17 s of it pycountry importing and loading its
databases) and holds some 5,600 first words and 6,700 phrases. A 10-word title then costs
about 3.5 µs with no proper noun (one regex pass and a set test in C), 8 µs with one and
12 µs with two around a protected segment.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

__all__ = [
    "build_phrases",
    "is_candidate",
    "mark_proper_nouns",
    "merge_segments",
    "phrase_length",
    "proper_noun_table",
]

Phrase = tuple[str, ...]
#: First word -> the phrases (tuples of words) that start with it, longest first.
Table = Mapping[str, tuple[Phrase, ...]]
Segments = list[tuple[str, bool]]


#: A word: letters and digits (Unicode), as in `styles._text`, so both cut titles alike.
_WORD = re.compile(r"[^\W_]+")
_WORD_SPLIT = re.compile(f"({_WORD.pattern})")  # keeps the words: gap, word, gap, …
#: What may stand between two words of a phrase: blanks (after a period: `St. Helens`), a
#: hyphen (`Stoke-on-Trent`, also written `Stoke on Trent`) or an apostrophe (`d’Ivoire`).
_JOIN = re.compile(r"\.?\s+|[-‐‑'’]")
#: Where a language's name stops: `Malay (macrolanguage)`, `Greek, Modern (1453-)`.
_QUALIFIER = re.compile(r"\s*[,(\[].*", re.DOTALL)

# Everyday country names that pycountry lacks (it has `Türkiye`, `Czechia`, `Russian
# Federation`, `Cabo Verde`, `Eswatini`).
_COUNTRIES_EXTRA = (
    "Britain", "Great Britain", "America", "Russia", "Turkey", "Czech Republic",
    "Democratic Republic of the Congo", "Vatican", "Vatican City", "Ivory Coast", "Cape Verde",
    "East Timor", "Burma", "Swaziland", "Macedonia", "Holland",
)  # fmt: skip

# Continents and regions that are neither countries nor subdivisions.
_REGIONS_EXTRA = (
    "Africa", "Antarctica", "Asia", "Europe", "Oceania", "North America", "South America",
    "Latin America", "Central America", "Scandinavia", "Middle East", "Balkans", "Caribbean",
    "Pacific", "Atlantic", "Mediterranean", "Arctic",
)  # fmt: skip

# Nationalities and other demonyms: pycountry has none. Only words that are proper
# adjectives wherever they stand (so not `Indigenous`, which is often a common adjective).
_DEMONYMS = (
    "African", "Afghan", "Albanian", "Algerian", "American", "Arab", "Argentine", "Argentinian",
    "Asian", "Australian", "Austrian", "Bangladeshi", "Belgian", "Brazilian", "British",
    "Bulgarian", "Canadian", "Caribbean", "Chilean", "Chinese", "Colombian", "Croatian", "Cuban",
    "Cypriot", "Czech", "Danish", "Dutch", "Egyptian", "English", "Estonian", "Ethiopian",
    "European", "Filipino", "Finnish", "Flemish", "French", "German", "Ghanaian", "Greek",
    "Hungarian", "Icelandic", "Indian", "Indonesian", "Iranian", "Iraqi", "Irish", "Israeli",
    "Italian", "Jamaican", "Japanese", "Kenyan", "Korean", "Latin American", "Lebanese",
    "Lithuanian", "Malaysian", "Maori", "Māori", "Mexican", "Moroccan", "Nigerian", "Nordic",
    "Norwegian", "Pakistani", "Palestinian", "Pasifika", "Peruvian", "Polish", "Portuguese",
    "Punjabi", "Romanian", "Russian", "Saudi", "Scandinavian", "Scottish", "Serbian", "Slovak",
    "Slovenian", "Somali", "South African", "Spanish", "Sri Lankan", "Swedish", "Swiss", "Syrian",
    "Taiwanese", "Thai", "Turkish", "Ugandan", "Ukrainian", "Venezuelan", "Vietnamese", "Welsh",
    "Zimbabwean", "Aboriginal", "Torres Strait Islander", "Inuit", "Sámi", "Sami",
)  # fmt: skip

# Months and weekdays, except `May` and `March`: capitalised in a title-cased title they are
# far more often the verb or the noun (`What May Come`, `The March of Time`) than the month.
_CALENDAR = (
    "January", "February", "April", "June", "July", "August", "September", "October", "November",
    "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
)  # fmt: skip

# Single-word names of regions (pycountry subdivisions, and the places in lists such as
# `Bath and North East Somerset`), of languages, and the unaccented `Réunion`, that are also
# ordinary English words. A title-cased title capitalises such a word whatever it means, so
# protecting it would keep `Central` in `A Central Question` and `Reading` in `Guided
# Reading`; these count only inside a longer name (`Central Bedfordshire`). Drawn from the
# full list of single-word names, read through; a place whose own sense dominates in titles
# stays (`Kent`, `Cork`, `Surrey`, `Derby`, `Slough`), as does `Polish`, a nationality first.
_ORDINARY_WORDS = frozenset({
    "acre", "afar", "antique", "apace", "ascension", "aurora", "bale", "bam", "bar", "barking",
    "bath", "bay", "bender", "bled", "bong", "brava", "bury", "cabanas", "canaries", "cascade",
    "cascades", "central", "centre", "chin", "coast", "colon", "cordillera", "cuvette", "debar",
    "delta", "down", "east", "eastern", "ebon", "encamp", "ewe", "falcon", "glacis", "glens",
    "grad", "gulf", "highland", "lac", "lakes", "lib", "lira", "littoral", "lot", "male",
    "maritime", "mascara", "meta", "mid", "mono", "most", "nan", "nationalities", "north",
    "northern", "para", "pecs", "peoples", "pest", "pita", "plateau", "plateaux", "plunge", "pool",
    "quiche", "reading", "reunion", "rivers", "rouge", "ruse", "saga", "sal", "sale", "savannah",
    "south", "southern", "store", "tapa", "tubas", "unity", "van", "west", "western", "yap", "zeta",
})  # fmt: skip

#: Words of a name from the entry's metadata that never count alone.
_STOP_WORDS = frozenset({
    "a", "an", "and", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to",
    "with", "de", "del", "der", "des", "di", "du", "la", "le", "van", "von",
})  # fmt: skip


def _words(text: str) -> Phrase:
    return tuple(_WORD.findall(unicodedata.normalize("NFC", text)))


def _unaccented(text: str) -> str:
    """`Curaçao` -> `Curacao`: titles in BibTeX often drop the accents."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _add(table: dict[str, set[Phrase]], name: str, ordinary: frozenset[str] = frozenset()) -> None:
    """Add `name` (and its unaccented form) unless it is a single ordinary word."""
    for form in {name, _unaccented(name)}:
        words = _words(form)
        if not words or not words[0][:1].isupper():
            continue
        if len(words) == 1 and words[0].lower() in ordinary:
            continue
        table.setdefault(words[0], set()).add(words)


def _place_names(name: str) -> list[str]:
    """The names in a pycountry country or subdivision name, as a title would write them.

    `Bristol, City of` -> `Bristol`; `Wales [Cymru GB-CYM]` -> `Wales`, `Cymru`;
    `Falkland Islands (Malvinas)` -> `Falkland Islands`; `Argyll and Bute` -> itself,
    `Argyll`, `Bute`; `Elgeyo/Marakwet` -> both halves.
    """
    names: list[str] = []
    bracket = re.search(r"\[([^\]]*)\]", name)
    if bracket:
        alias = re.sub(r"\b[A-Z]{2}-\w+", "", bracket.group(1)).strip()
        if alias:
            names.append(alias)
    main = re.sub(r"\s*[(\[].*", "", name)
    if " and " in main:  # a list of places: `Bournemouth, Christchurch and Poole`
        if "," not in main:
            names.append(main)
        names.extend(re.split(r"\s*,\s*|\s+and\s+", main))
    else:
        names.append(main.split(",")[0])
    return [part for piece in names for part in piece.split("/") if part.strip()]


#: Where the phrases drawn from pycountry are kept, one per line (see `build_phrases`).
DATA_FILE = "propernouns.txt"


def build_phrases() -> list[str]:
    """Every proper-noun phrase, sorted: pycountry's countries, subdivisions and ISO 639-1
    languages, with the lists above. Run `python -m coprocli.propernouns` to write them to
    `DATA_FILE` after upgrading pycountry (a test checks that the file is current)."""
    import pycountry

    table: dict[str, set[Phrase]] = {}
    for country in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            # `Korea, Republic of` is never written so in a title, but gives `Korea`
            for name in _place_names(getattr(country, attribute, None) or ""):
                _add(table, name, _ORDINARY_WORDS)
    for name in _COUNTRIES_EXTRA + _REGIONS_EXTRA + _DEMONYMS + _CALENDAR:
        _add(table, name)
    for subdivision in pycountry.subdivisions:
        for name in _place_names(subdivision.name):
            _add(table, name, _ORDINARY_WORDS)
    for language in pycountry.languages:
        if hasattr(language, "alpha_2"):  # ISO 639-1 only: 639-3 names many English words
            _add(table, _QUALIFIER.sub("", language.name), _ORDINARY_WORDS)
    # Grouped by first word, longest first: the order `proper_noun_table` needs.
    ordered = sorted(
        (phrase for phrases in table.values() for phrase in phrases),
        key=lambda phrase: (phrase[0], -len(phrase), phrase),
    )
    return [" ".join(phrase) for phrase in ordered]


@lru_cache(maxsize=1)
def proper_noun_table() -> Table:
    """The lookup table, read on first use from `DATA_FILE` (reading the phrases is some
    twenty times faster than loading pycountry's databases at every start)."""
    from pathlib import Path

    text = Path(__file__).with_name(DATA_FILE).read_text(encoding="utf-8")
    table: dict[str, list[Phrase]] = {}
    for line in text.splitlines():  # grouped by first word, longest first
        words = tuple(line.split(" "))
        table.setdefault(words[0], []).append(words)
    return {first: tuple(phrases) for first, phrases in table.items()}


@lru_cache(maxsize=1024)
def _names_table(names: tuple[str, ...]) -> Table:
    """The entry's own names (publisher, institution, place) as a table.

    A single word counts unless it is a stop word; a longer name counts only as a whole
    phrase, so `Harbour Press` protects `Harbour Press` and never `Press` alone.
    """
    table: dict[str, set[Phrase]] = {}
    for name in names:
        for part in re.split(r"[,;:/()\[\]]", name):
            words = _words(part)
            if len(words) > 2 and words[0].lower() in ("the", "a", "an"):
                _add(table, " ".join(words[1:]))  # `The Policy Press` is also `Policy Press`
            if len(words) == 1 and words[0].lower() in _STOP_WORDS:
                continue
            _add(table, part)
    return {
        first: tuple(sorted(phrases, key=len, reverse=True)) for first, phrases in table.items()
    }


def _capitalised(word: str) -> str:
    return word[:1].upper() + word[1:]


def _same_words(phrase: Phrase, words: list[str], index: int) -> bool:
    """Whether the title's words from `index` on are those of `phrase`."""
    if index + len(phrase) > len(words):
        return False
    for offset in range(1, len(phrase)):
        want, got = phrase[offset], words[index + offset]
        # a title-cased title writes `Newcastle Upon Tyne`
        if got != want and not (want.islower() and got == _capitalised(want)):
            return False
    return True


def _stem(word: str) -> str:
    """`England's` -> `England`: a possessive names the same place."""
    for mark in ("'", "’"):
        if mark in word:
            return word.split(mark, 1)[0]
    return word


def phrase_length(
    words: Sequence[str], gaps: Sequence[str], index: int, names: tuple[str, ...] = ()
) -> int:
    """How many of `words`, from `index` on, name a proper noun (0: none); `gaps[i]` is the
    text before `words[i]`. `mark_proper_nouns` and the case changers of the styles both
    match with it: one dict look-up for most words."""
    word = _stem(words[index])
    table = proper_noun_table()
    phrases = table.get(word, ())
    if names:
        own = _names_table(names)
        if word in own:
            phrases = tuple(sorted((*phrases, *own[word]), key=len, reverse=True))
    for phrase in phrases:  # longest first
        length = len(phrase)
        if length == 1:
            return 1
        if index + length > len(words):
            continue
        stems = [_stem(each) for each in words[index : index + length]]
        if _same_words(phrase, stems, 0) and all(
            _JOIN.fullmatch(gaps[here]) for here in range(index + 1, index + length)
        ):
            return length
    return 0


def is_candidate(word: str, names: tuple[str, ...] = ()) -> bool:
    """Whether a proper noun could start with `word` (a quick test before `phrase_length`)."""
    stem = _stem(word)
    return stem in proper_noun_table() or (bool(names) and stem in _names_table(names))


def mark_proper_nouns(segments: Sequence[tuple[str, bool]], names: Iterable[str] = ()) -> Segments:
    """Split the proper nouns out of a title's unprotected text as protected segments.

    `segments` are (text, protected) pairs as from `latex.decode_protected`; `names` are the
    entry's own names (publisher, institution, place). Only capitalised words count, matched
    as whole words, longest phrase first (`phrase_length`). The text is unchanged; with
    nothing to protect the result holds the input's segments as they were.
    """
    table = proper_noun_table()
    names = tuple(names)
    own = _names_table(names) if names else None
    text = "".join(part for part, _ in segments)
    pieces = _WORD_SPLIT.split(text)  # gap, word, gap, word, …, gap
    words, gaps = pieces[1::2], pieces[0::2]
    # Every key starts with a capital, so only capitalised words ever match. Most titles hold
    # no proper noun: one set test, a look-up per word in C, tells.
    if table.keys().isdisjoint(words) and (own is None or own.keys().isdisjoint(words)):
        return list(segments)
    spans: list[tuple[int, int]] = []
    start = 0  # where words[index] starts in `text`
    index = 0
    while index < len(words):
        start += len(gaps[index])
        length = phrase_length(words, gaps, index, names)
        if not length:
            start += len(words[index])
            index += 1
            continue
        end = start + len(words[index])
        for here in range(index + 1, index + length):
            end += len(gaps[here]) + len(words[here])
        spans.append((start, end))
        start, index = end, index + length
    return _apply(segments, spans) if spans else list(segments)


def _apply(segments: Sequence[tuple[str, bool]], spans: list[tuple[int, int]]) -> Segments:
    """The segments with the text at `spans` (sorted, disjoint offsets) protected."""
    pieces: Segments = []
    offset = 0
    first = 0  # the first span that does not end before the current segment
    for part, protected in segments:
        end = offset + len(part)
        if protected:
            pieces.append((part, True))
        else:
            while first < len(spans) and spans[first][1] <= offset:
                first += 1
            position = offset
            index = first
            while index < len(spans) and spans[index][0] < end:
                start, stop = max(spans[index][0], position), min(spans[index][1], end)
                pieces.append((part[position - offset : start - offset], False))
                pieces.append((part[start - offset : stop - offset], True))
                position = stop
                index += 1
            pieces.append((part[position - offset :], False))
        offset = end
    return merge_segments(pieces)


def merge_segments(pieces: Iterable[tuple[str, bool]]) -> Segments:
    """Segments without empty ones, neighbours with the same flag joined."""
    merged: Segments = []
    for part, protected in pieces:
        if not part:
            continue
        if merged and merged[-1][1] == protected:
            merged[-1] = (merged[-1][0] + part, protected)
        else:
            merged.append((part, protected))
    return merged


if __name__ == "__main__":  # pragma: no cover - a maintenance command
    from pathlib import Path

    target = Path(__file__).with_name(DATA_FILE)
    phrases = build_phrases()
    target.write_text("\n".join(phrases) + "\n", encoding="utf-8")
    print(f"wrote {len(phrases)} phrases to {target}")
