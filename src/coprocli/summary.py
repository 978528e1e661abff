"""What lists, search and filters show of an entry: its title, year, people, keywords,
annotation and section, read from its fields.

Part of the normaliser (`item.py` builds on it): which fields say these things (`title`
and `subtitle`, `year` or `date`, `annotation` or `annote`) is known here. It imports
nothing of copro's at run time, so that `Entry`'s properties can call it directly: they
run for every entry whenever a large library is listed, sorted or indexed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import TYPE_CHECKING

#: The English month names, the one table every module reads them from.
MONTH_NAMES = (
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

if TYPE_CHECKING:
    from .model import Person

FOUR_DIGITS = re.compile(r"(?<!\d)(\d{4})(?!\d)")

#: Who heads an entry in a list: the authors, else editors, directors, book authors.
_LISTED_ROLES = ("author", "editor", "director", "bookauthor", "translator")


def title(fields: Mapping[str, str]) -> str:
    """`Title: Subtitle`, as plain text."""
    main = fields.get("title", "")
    subtitle = fields.get("subtitle", "")
    if main and subtitle:
        separator = " " if main[-1] in "?!:." else ": "
        return f"{main}{separator}{subtitle}"
    return main or subtitle


def year(fields: Mapping[str, str]) -> int | None:
    """The year from `year` or, failing that, from the biblatex `date` field."""
    for name in ("year", "date"):
        match = FOUR_DIGITS.search(fields.get(name, ""))
        if match:
            return int(match.group(1))
    return None


def people(names: Mapping[str, tuple[Person, ...]]) -> tuple[Person, ...]:
    """The authors; where there are none, the editors or directors stand in."""
    for role in _LISTED_ROLES:
        found = names.get(role)
        if found:
            return found
    return ()


def organisation(fields: Mapping[str, str]) -> str:
    """The organisation responsible for a work (`organization`: a web page's owner, a
    manual's maker), which listings show where a work names no people."""
    return fields.get("organization", "")


def keywords(fields: Mapping[str, str]) -> tuple[str, ...]:
    """The `keywords` field split on commas and semicolons."""
    return _split_keywords(fields.get("keywords", ""))


@lru_cache(maxsize=1 << 16)
def _split_keywords(value: str) -> tuple[str, ...]:
    return tuple(word.strip() for word in re.split(r"[,;]", value) if word.strip())


def annotation(fields: Mapping[str, str]) -> str:
    """The annotation (biblatex `annotation`, BibTeX `annote`)."""
    return fields.get("annotation") or fields.get("annote", "")


def section(fields: Mapping[str, str]) -> str:
    """The heading of the source bibliography an entry sits under (copro's `section`)."""
    return fields.get("section", "")
