"""Choosing and ordering entries: the filters and sort orders shared by every command."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from .errors import CoproError, UnknownFilterValueError, UnknownKeysError, UsageError
from .folding import fold
from .model import Entry

if TYPE_CHECKING:
    from .catalogue import Catalogue

_RANGE = re.compile(r"^\s*(\d{1,4})?\s*(\.\.)?\s*(\d{1,4})?\s*$")


@dataclass(frozen=True, slots=True)
class YearRange:
    """Years `start..end`, either end open (`2010..`, `..2009`), or one year (`2011`)."""

    start: int | None = None
    end: int | None = None

    @classmethod
    def parse(cls, text: str) -> YearRange:
        match = _RANGE.match(text)
        if not match or not (match.group(1) or match.group(3)):
            raise UsageError(
                f"Invalid year range {text!r}; use 2009, 2009..2011, 2010.. or ..2009."
            )
        first, dots, last = match.groups()
        if not dots:
            if last:  # "2009 2011" without dots
                raise UsageError(f"Invalid year range {text!r}; use 2009..2011.")
            return cls(int(first), int(first))
        start = int(first) if first else None
        end = int(last) if last else None
        if start is not None and end is not None and start > end:
            raise UsageError(f"Invalid year range {text!r}: {start} is after {end}.")
        return cls(start, end)

    def __contains__(self, year: object) -> bool:
        if not isinstance(year, int):
            return False
        return (self.start is None or year >= self.start) and (self.end is None or year <= self.end)


def _people_text(entry: Entry) -> str:
    return " | ".join(
        fold(f"{person.display_name} {person.sort_name}")
        for people in entry.names.values()
        for person in people
    )


class Wanted(NamedTuple):
    """One filter value: as given (for messages) and folded (for matching)."""

    given: str
    folded: str


def _wanted(values: Sequence[str]) -> tuple[Wanted, ...]:
    return tuple(Wanted(value, fold(value)) for value in values)


def _has_type(entry: Entry, wanted: str) -> bool:
    return entry.type in type_aliases(wanted)


@lru_cache(maxsize=256)
def type_aliases(wanted: str) -> frozenset[str]:
    """The entry types a folded `type` filter value stands for (`thesis`: phdthesis,
    mastersthesis, ...). The normaliser's table is imported on first use: a command that
    filters on no type (a search answered from the cache) never loads the normaliser."""
    from .item import TYPE_ALIASES

    return TYPE_ALIASES.get(wanted, frozenset({wanted}))


def _has_section(entry: Entry, wanted: str) -> bool:
    section = fold(entry.section)
    return bool(section) and section.startswith(wanted)


def _has_keyword(entry: Entry, wanted: str) -> bool:
    return any(wanted in fold(word) for word in entry.keywords)


def _has_author(entry: Entry, wanted: str) -> bool:
    return wanted in _people_text(entry)


@dataclass(frozen=True)
class _TextCondition:
    """How one text filter (`--type`, `--section`, ...) matches, and what the catalogue
    knows for it, to name when a value matches nothing."""

    noun: str
    holds: Callable[[Entry, str], bool]
    values_of: Callable[[Entry], Iterable[str]]
    #: A `--format` template that shows every known value, for long vocabularies.
    template: str


#: The text filters by EntryFilter field, cheapest test first.
_TEXT_CONDITIONS = {
    "types": _TextCondition("type", _has_type, lambda entry: (entry.type,), "{type}"),
    "sections": _TextCondition(
        "section", _has_section, lambda entry: (entry.section,), "{section}"
    ),
    "keywords": _TextCondition("keyword", _has_keyword, lambda entry: entry.keywords, "{keywords}"),
    "authors": _TextCondition(
        "author",
        _has_author,
        lambda entry: (person.display_name for people in entry.names.values() for person in people),
        "{authors}",
    ),
}

#: A vocabulary up to this size is listed whole in the message for an unknown value.
_LISTED_AT_MOST = 12


@dataclass(frozen=True, slots=True)
class EntryFilter:
    """Conditions on entries: values of one option are alternatives (OR), options combine
    (AND). Text matches ignore case and accents."""

    authors: tuple[Wanted, ...] = ()
    years: tuple[YearRange, ...] = ()
    types: tuple[Wanted, ...] = ()
    sections: tuple[Wanted, ...] = ()
    keywords: tuple[Wanted, ...] = ()

    @classmethod
    def from_options(
        cls,
        authors: Sequence[str] = (),
        years: Sequence[str] = (),
        types: Sequence[str] = (),
        sections: Sequence[str] = (),
        keywords: Sequence[str] = (),
    ) -> EntryFilter:
        return cls(
            authors=_wanted(authors),
            years=tuple(YearRange.parse(year) for year in years),
            types=_wanted(types),
            sections=_wanted(sections),
            keywords=_wanted(keywords),
        )

    @property
    def is_empty(self) -> bool:
        return not (self.authors or self.years or self.types or self.sections or self.keywords)

    def _text_conditions(self) -> Iterator[tuple[tuple[Wanted, ...], _TextCondition]]:
        for name, condition in _TEXT_CONDITIONS.items():
            values: tuple[Wanted, ...] = getattr(self, name)
            if values:
                yield values, condition

    def matches(self, entry: Entry) -> bool:
        if self.years and not any(entry.year in years for years in self.years):
            return False
        return all(
            any(condition.holds(entry, value.folded) for value in values)
            for values, condition in self._text_conditions()
        )

    def apply(self, entries: Iterable[Entry]) -> list[Entry]:
        if self.is_empty:
            return list(entries)
        return [entry for entry in entries if self.matches(entry)]

    def require_known(self, entries: Sequence[Entry]) -> None:
        """Raise `UnknownFilterValueError` for a text value that no entry of `entries` (the
        whole catalogue) matches on its own, naming what is known and what is close.
        Years are ranges, not names: a year with no entries simply matches nothing."""
        for values, condition in self._text_conditions():
            for value in values:
                if not any(condition.holds(entry, value.folded) for entry in entries):
                    raise _unknown_value(value.given, condition, entries)


def _unknown_value(
    given: str, condition: _TextCondition, entries: Sequence[Entry]
) -> UnknownFilterValueError:
    """`No section 'tools'; known sections: ... Did you mean: Practical tools?`"""
    from .index import suggest_keys  # any names: the closest strings to a mistyped one

    known = list(dict.fromkeys(value for entry in entries for value in condition.values_of(entry)))
    known = [value for value in known if value]
    message = f"No {condition.noun} {given!r}"
    if len(known) <= _LISTED_AT_MOST:
        message += f"; known {condition.noun}s: {', '.join(sorted(known, key=fold)) or 'none'}."
    else:
        message += f"; copro list --format '{condition.template}' shows them all."
    suggestions = suggest_keys(given, known)
    if suggestions:
        message += f" Did you mean: {', '.join(suggestions)}?"
    return UnknownFilterValueError(message)


def _author_key(entry: Entry) -> str:
    people = entry.listed_people  # nobody: such entries sort last
    return fold(people[0].sort_name) if people else "\uffff"


SORT_KEYS: dict[str, Callable[[Entry], object]] = {
    "key": lambda entry: fold(entry.key),
    "year": lambda entry: (entry.year is None, entry.year or 0),
    "author": lambda entry: (_author_key(entry), entry.year or 0),
    "title": lambda entry: fold(entry.title),
}


def sort_entries(entries: Sequence[Entry], by: str | None, *, reverse: bool = False) -> list[Entry]:
    """Entries in `by` order (a key of `SORT_KEYS`); None keeps the catalogue's order."""
    if by is None:
        ordered = list(entries)
    else:
        try:
            key = SORT_KEYS[by]
        except KeyError:
            raise UsageError(
                f"Unknown sort order {by!r}; choose one of: {', '.join(SORT_KEYS)}."
            ) from None
        ordered = sorted(entries, key=key)  # type: ignore[arg-type]
    if reverse:
        ordered.reverse()
    return ordered


# ---------------------------------------------------------------------------------------
# Which entries a command works on (cite, export, reading-list, show)


def check_one_source(key_sources: Sequence[str], *, all_entries: bool, query: bool) -> None:
    """Entries come by key, as every entry or from a query, one way at a time: asking in
    two ways is a `UsageError` naming the options. `key_sources` names how keys were
    given ("keys", "--keys-from"); those may come together."""
    named = [*key_sources, *(["--all"] if all_entries else []), *(["--query"] if query else [])]
    if bool(key_sources) + all_entries + query > 1:
        listed = ", ".join(named[:-1]) + " and " + named[-1]
        raise UsageError(
            f"{listed} conflict: choose keys, --all or --query (filters narrow whichever "
            "you choose)."
        )


@dataclass(frozen=True)
class Selection:
    """What a user asked for: keys (after `-` and key files are read), every entry or a
    query, one of them, and the list filters, which narrow it (or, alone, the catalogue).
    """

    keys: Sequence[str] = ()
    all_entries: bool = False
    query: str | None = None
    filter: EntryFilter | None = None
    skip_unknown: bool = False
    #: True when the keys came from an empty pipe (`-`): that selects nothing.
    from_empty_pipe: bool = False
    #: Asking for nothing selects every entry (`reading-list`, like `list`) instead of
    #: being an error (`cite`, `export`: a forgotten argument should not cite a library).
    everything_by_default: bool = False

    def __post_init__(self) -> None:
        by_key = ["keys"] if self.keys or self.from_empty_pipe else []
        check_one_source(by_key, all_entries=self.all_entries, query=bool(self.query))

    @property
    def is_empty(self) -> bool:
        has_filter = self.filter is not None and not self.filter.is_empty
        return not (self.keys or self.all_entries or self.query or has_filter)


@dataclass(frozen=True)
class Selected:
    """The entries chosen, and the unknown keys that were skipped (with `skip_unknown`)."""

    entries: list[Entry]
    skipped: list[CoproError]


def select(catalogue: Catalogue, selection: Selection) -> Selected:
    """The entries `selection` names in `catalogue`.

    Nothing asked for is every entry with `everything_by_default`, else a `UsageError`
    (an empty pipe selects nothing, as `xargs` would); an unknown key is the key's own
    error, several unknown keys one error that counts them, unless `skip_unknown`."""
    if selection.is_empty and not (selection.from_empty_pipe or selection.everything_by_default):
        raise UsageError("Give keys (or '-' for stdin), --keys-from, --all, --query or a filter.")
    chosen = selection.filter if selection.filter and not selection.filter.is_empty else None
    if chosen is not None:
        chosen.require_known(catalogue.entries)
    skipped: list[CoproError] = []
    if selection.keys or selection.from_empty_pipe:
        entries, unknown = catalogue.resolve(dict.fromkeys(selection.keys))
        if unknown and not selection.skip_unknown:
            if len(unknown) == 1:
                raise unknown[0]  # one line says it all
            raise UnknownKeysError(unknown)
        skipped = list(unknown)
    elif selection.query:
        index, hits = catalogue.search(selection.query, with_matches=False)
        # A selection takes only entries that match every word: the search's fallback to
        # those matching most of them is for a reader, not for a list made in a script.
        entries = [] if index.partial else [hit.entry for hit in hits]
    else:
        entries = list(catalogue.entries)
    if chosen is not None:
        entries = chosen.apply(entries)
    return Selected(entries, skipped)
