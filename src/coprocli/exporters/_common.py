"""Pieces the data exporters share: dates, page ranges, the people of an entry."""

from __future__ import annotations

import re

from ..model import Entry, Person

_ISO_DATE = re.compile(r"^\s*(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?")
_PAGES = re.compile(r"\s*(?:-+|–|—)\s*")


def parse_date(value: str) -> list[int] | None:
    """`2010`, `2010-04`, `2010-04-15` (the start of a range `2010/2011`) as [y, m, d]."""
    match = _ISO_DATE.match(value)
    if match is None:
        return None
    parts = [int(part) for part in match.groups() if part is not None]
    if len(parts) > 1 and not 1 <= parts[1] <= 12:
        return parts[:1]
    if len(parts) > 2 and not 1 <= parts[2] <= 31:
        return parts[:2]
    return parts


def date_parts(entry: Entry, field: str = "date") -> list[int] | None:
    """The entry's date as [year, month?, day?]: from `date`, else from `year`/`month`/`day`."""
    parsed = parse_date(entry.get(field)) if entry.get(field) else None
    if parsed is not None or field != "date":
        return parsed
    year = entry.year
    if year is None:
        return None
    parts = [year]
    month = entry.get("month")
    if month.isdigit() and 1 <= int(month) <= 12:
        parts.append(int(month))
        day = entry.get("day")
        if day.isdigit() and 1 <= int(day) <= 31:
            parts.append(int(day))
    return parts


def split_pages(pages: str) -> tuple[str, str]:
    """`12--34` -> ("12", "34"); a single page -> ("12", "")."""
    first, _, last = _PAGES.sub("-", pages.strip(), count=1).partition("-")
    return first.strip(), last.strip()


def real_people(people: tuple[Person, ...]) -> list[Person]:
    """The people of a name list without BibTeX's `and others` marker."""
    return [person for person in people if person.literal != "others"]


def flatten(text: str) -> str:
    """Multi-line text (an annotation's paragraphs and lists) on one line."""
    return " ".join(text.split())
