"""Counts of a selection of entries: by year, type, section, keyword and author."""

from collections import Counter
from collections.abc import Callable, Iterable, Sequence

from .model import Entry

#: What `copro stats` counts, in the order it shows them.
DIMENSIONS = ("year", "type", "section", "keyword", "author")
NO_YEAR = "n.d."
NO_SECTION = "(none)"


def _values(dimension: str) -> Callable[[Entry], Iterable[str]]:
    if dimension == "year":
        return lambda entry: [str(entry.year) if entry.year is not None else NO_YEAR]
    if dimension == "type":
        return lambda entry: [entry.type]
    if dimension == "section":
        return lambda entry: [entry.section or NO_SECTION]
    if dimension == "keyword":
        return lambda entry: dict.fromkeys(entry.keywords)
    return lambda entry: dict.fromkeys(person.display_name for person in entry.listed_people)


def counts(entries: Sequence[Entry]) -> dict[str, list[tuple[str, int]]]:
    """For each dimension, (value, number of entries) pairs: years in order (undated
    last), the rest most frequent first, then alphabetically."""
    found: dict[str, list[tuple[str, int]]] = {}
    for dimension in DIMENSIONS:
        values = _values(dimension)
        counter: Counter[str] = Counter(value for entry in entries for value in values(entry))
        if dimension == "year":
            found[dimension] = sorted(
                counter.items(), key=lambda pair: (pair[0] == NO_YEAR, pair[0])
            )
        else:
            found[dimension] = sorted(
                counter.items(), key=lambda pair: (-pair[1], pair[0].casefold())
            )
    return found
