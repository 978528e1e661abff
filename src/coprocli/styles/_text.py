"""Text pieces shared by every style: title case and sentence case, page ranges, dates,
editions, DOIs and URLs.

Case conversion works on `latex.decode_protected` segments of the raw BibTeX value, so a
brace-protected word (`{NHS}`, `{COVID-19}`) never changes case.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from .. import latex
from ..model import Entry

__all__ = [
    "DateParts",
    "doi_url",
    "edition_label",
    "entry_date",
    "field_segments",
    "ordinal",
    "page_range",
    "parse_date",
    "sentence_case",
    "title_case",
    "title_segments",
]

Segments = list[tuple[str, bool]]

#: Words kept lower case inside a title-cased title (CSL specification's stop words).
STOP_WORDS = frozenset(
    [
        "a",
        "about",
        "an",
        "and",
        "as",
        "at",
        "but",
        "by",
        "down",
        "for",
        "from",
        "in",
        "into",
        "nor",
        "of",
        "on",
        "onto",
        "or",
        "over",
        "per",
        "so",
        "the",
        "till",
        "to",
        "up",
        "v",
        "via",
        "vs",
        "versus",
        "with",
        "yet",
    ]
)

_TOKEN = re.compile(r"[^\W_]+|[\W_]", re.UNICODE)


# --------------------------------------------------------------------------------------
# Titles


def field_segments(entry: Entry, name: str) -> Segments:
    """A field as case-protection segments, from the raw value when there is one."""
    raw = entry.raw.get(name)
    if raw is not None:
        return latex.decode_protected(raw)
    value = entry.get(name)
    return [(value, False)] if value else []


def title_segments(entry: Entry, main: str = "title", sub: str = "subtitle") -> Segments:
    """Title and subtitle joined as `Title: Subtitle`, as segments."""
    title = field_segments(entry, main)
    subtitle = field_segments(entry, sub)
    if title and subtitle:
        separator = " " if title[-1][0].rstrip()[-1:] in ("?", "!") else ": "
        return [*title, (separator, False), *subtitle]
    return title or subtitle


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper() and (len(word) == 1 or word[1:].islower())


def _is_lower(word: str) -> bool:
    return word.islower()


def _capitalise(word: str) -> str:
    return word[:1].upper() + word[1:]


def _transform(
    segments: Sequence[tuple[str, bool]], change: Callable[[str, str, bool], str]
) -> str:
    """Apply `change(word, state, is_last)` to each unprotected word.

    `state` is "start" (first word, or first after `:`/`?`/`!`/`.` and a space) or "inner".
    Protected text is copied unchanged but moves the state on like any other word.
    """
    tokens: list[tuple[str, bool, bool]] = []  # (token, protected, is_word)
    for text, protected in segments:
        if protected:
            if tokens and tokens[-1][2] and text[0].isalnum():
                # a word partly in braces (`{e}urope`) is protected as a whole
                tokens[-1] = (tokens[-1][0] + text, True, True)
            else:
                tokens.append((text, True, True))
            continue
        for token in _TOKEN.findall(text):
            is_word = token[0].isalnum()
            if is_word and tokens and tokens[-1][1] and tokens[-1][2]:
                tokens[-1] = (tokens[-1][0] + token, True, True)
            else:
                tokens.append((token, False, is_word))
    last_word = next((i for i in range(len(tokens) - 1, -1, -1) if tokens[i][2]), -1)
    out: list[str] = []
    state = "start"
    pending_end = False
    for index, (token, protected, is_word) in enumerate(tokens):
        if is_word:
            out.append(token if protected else change(token, state, index == last_word))
            state = "inner"
            pending_end = False
        else:
            out.append(token)
            if token in _SENTENCE_END:
                pending_end = True
            elif token.isspace():
                if pending_end:
                    state = "start"
            elif token not in _OPENING:
                pending_end = False
    return "".join(out)


# What `_transform` checks non-word tokens against (each is a single character).
_SENTENCE_END = ":?!."
_OPENING = "\"'“‘(["


def sentence_case(segments: Sequence[tuple[str, bool]]) -> str:
    """`The NHS and Public Services: A New Deal` -> `The NHS and public services: A new deal`.

    Capitalised words (`Public`) become lower case; words in capitals or mixed case (`UK`,
    `iPhone`) and protected text stay; the first word and the first after a colon start
    with a capital.
    """

    def change(word: str, state: str, is_last: bool) -> str:
        if state == "start":
            return _capitalise(word)
        return word.lower() if _is_capitalised(word) else word

    return _transform(segments, change)


def title_case(segments: Sequence[tuple[str, bool]]) -> str:
    """`the nature of things: a study` -> `The Nature of Things: A Study`.

    Lower-case words are capitalised except stop words in the middle; words with capitals
    and protected text stay as written.
    """

    def change(word: str, state: str, is_last: bool) -> str:
        if _is_capitalised(word):  # as if from sentence case: `Of` is a stop word too
            word = word.lower()
        if not _is_lower(word):
            return word
        if state != "start" and not is_last and word in STOP_WORDS:
            return word
        return _capitalise(word)

    return _transform(segments, change)


def plain_segments(segments: Sequence[tuple[str, bool]]) -> str:
    """The segments' text as written."""
    return "".join(text for text, _ in segments)


# --------------------------------------------------------------------------------------
# Numbers


def page_range(pages: str, form: Literal["expanded", "chicago", "minimal"] = "expanded") -> str:
    """`1203--1221` -> `1203–1221` (expanded) or `1203–21` (Chicago's abbreviated form)."""
    pages = pages.strip()

    def one(match: re.Match[str]) -> str:
        first, last = match.group(1), match.group(2)
        if form != "expanded" and first.isdigit() and last.isdigit():
            last = _abbreviate(first, last, form)
        return f"{first}–{last}"

    return _RANGE.sub(one, pages)


_RANGE = re.compile(r"(\w+)\s*(?:-+|–|—)\s*(\w+)")


def _abbreviate(first: str, last: str, form: str) -> str:
    if len(first) != len(last):
        return last
    if form == "minimal":
        index = 0
        while index < len(first) - 1 and first[index] == last[index]:
            index += 1
        return last[index:]
    # Chicago (16th and later): keep all digits below 100 and for multiples of 100;
    # 101-109 style ranges drop to the changed part; otherwise at least two digits.
    start = int(first)
    if start < 100 or start % 100 == 0:
        return last
    if start % 100 < 10:
        return _abbreviate(first, last, "minimal")
    if len(first) == 4 and first[0] != last[0]:
        return last
    index = 0
    while index < len(first) - 2 and first[index] == last[index]:
        index += 1
    return last[index:]


def ordinal(number: int, forms: tuple[str, str, str, str] = ("st", "nd", "rd", "th")) -> str:
    """`2` -> `2nd` (English ordinals)."""
    if 10 <= number % 100 <= 20:
        return f"{number}{forms[3]}"
    return f"{number}{forms[{1: 0, 2: 1, 3: 2}.get(number % 10, 3)]}"


def edition_label(edition: str, abbreviation: str = "ed.") -> str:
    """`2` -> `2nd ed.`; a worded edition (`Revised`) is kept as written."""
    edition = edition.strip()
    if not edition:
        return ""
    if edition.isdecimal():  # not `isdigit`: `int` rejects digits such as `²`
        return f"{ordinal(int(edition))} {abbreviation}"
    return edition


# --------------------------------------------------------------------------------------
# Links


_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.I)


def doi_url(doi: str) -> str:
    """A DOI as `https://doi.org/...`, whatever prefix it was written with."""
    doi = doi.strip()
    doi = _DOI_PREFIX.sub("", doi)
    return f"https://doi.org/{doi}"


# --------------------------------------------------------------------------------------
# Dates

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@dataclass(frozen=True, slots=True)
class DateParts:
    """A date as far as it is known: year, month (1-12 or 0), day (or 0)."""

    year: int
    month: int = 0
    day: int = 0

    def month_name(self) -> str:
        return MONTHS[self.month - 1] if 1 <= self.month <= 12 else ""


_ISO = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


@lru_cache(maxsize=4096)
def parse_date(value: str) -> DateParts | None:
    """`2020-03-05` / `2020-03` / `2020` (the start of a range) as `DateParts`."""
    match = _ISO.match(value)
    if not match:
        return None
    month = int(match.group(2) or 0)
    day = int(match.group(3) or 0)
    return DateParts(int(match.group(1)), month if 1 <= month <= 12 else 0, day)


def entry_date(entry: Entry, field: str = "date") -> DateParts | None:
    """The issued date of an entry (biblatex `date`, or `year` with `month` and `day`).

    Pass `field="urldate"` for the access date.
    """
    if field != "date":
        return parse_date(entry.get(field))
    date = entry.get("date")
    if date:
        return parse_date(date)
    return _issued(entry.get("year"), entry.get("month"), entry.get("day"))


_YEAR = re.compile(r"\d{4}")


@lru_cache(maxsize=4096)
def _issued(year: str, month_text: str, day_text: str) -> DateParts | None:
    """The date of `year`, `month` and `day` fields (cached: styles ask for it often, and
    a library has few distinct dates)."""
    match = _YEAR.search(year)
    if not match:
        return None
    # `isdecimal`, not `isdigit`: `int` rejects digits such as `²`.
    month = int(month_text) if month_text.isdecimal() and 1 <= int(month_text) <= 12 else 0
    day = int(day_text) if day_text.isdecimal() and month else 0
    return DateParts(int(match.group(0)), month, day)
