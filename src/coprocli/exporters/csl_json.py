"""CSL-JSON: the item format of citeproc processors (pandoc `--citeproc`, Zotero, citeproc-js).

Each item is copro's normalised `Item` serialised. Titles are stored the way CSL styles
expect them: English titles in sentence case (styles that want title case apply it), with
brace-protected words and proper nouns in `<span class="nocase">`, so that a style never
changes their case; titles in other languages as written. Several publishers are kept as
CSL processors join them (`A; B`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ..item import Date, Item, Segments, text_of, to_item
from ..model import Entry, Person
from ..styles._text import sentence_case_segments
from ..terminal import json_safe

#: CSL name variables, in the order they are written.
_ROLES = (
    "author",
    "editor",
    "director",
    "translator",
    "container-author",
    "collection-editor",
    "compiler",
    "organizer",
    "producer",
    "illustrator",
    "interviewer",
    "recipient",
)

#: Plain text variables: (CSL variable, Item attribute).
_TEXT_VARIABLES = (
    ("collection-number", "collection_number"),
    ("edition", "edition"),
    ("volume", "volume"),
    ("number-of-volumes", "volumes"),
    ("issue", "issue"),
    ("number", "number"),
    ("chapter-number", "chapter"),
    ("page", "pages"),
    ("publisher-place", "place"),
    ("genre", "genre"),
    ("medium", "medium"),
    ("language", "language"),
    ("event-title", "event_title"),
    ("event-place", "event_place"),
    ("URL", "url"),
    ("DOI", "doi"),
    ("ISBN", "isbn"),
    ("ISSN", "issn"),
    ("note", "note"),
    ("abstract", "abstract"),
    ("annote", "annotation"),
)


def csl_name(person: Person) -> dict[str, str]:
    """One name as a CSL name object."""
    if person.literal:
        return {"literal": person.literal}
    name = {"family": person.family, "given": person.given}
    if person.particle:
        name["non-dropping-particle"] = person.particle
    if person.suffix:
        name["suffix"] = person.suffix
    return {key: value for key, value in name.items() if value}


def csl_date(date: Date) -> dict[str, Any]:
    """A `Date` as a CSL date object: `date-parts` (two for a range), season, circa."""
    if date.literal:
        return {"literal": date.literal}
    parts = [date.parts()]
    if date.end is not None:
        parts.append(date.end.parts())
    out: dict[str, Any] = {"date-parts": parts}
    if date.circa or date.uncertain:
        out["circa"] = True
    return out


def csl_title(item: Item, segments: Segments) -> str:
    """A title as CSL stores it (see the module docstring)."""
    if not item.is_english:
        return text_of(segments)
    cased = sentence_case_segments(segments, item.proper_names)
    return "".join(
        f'<span class="nocase">{text}</span>' if protected and _has_case(text) else text
        for text, protected in cased
    )


def _has_case(text: str) -> bool:
    return any(char.isalpha() for char in text)


def csl_item(item: Item) -> dict[str, Any]:
    """One item as a CSL-JSON object."""
    out: dict[str, Any] = {"id": item.key, "type": item.type}
    if item.title:
        out["title"] = csl_title(item, item.title)
    short = item.short_title or (item.main_title if item.main_title != item.title else ())
    if short:
        out["title-short"] = csl_title(item, short)
    for role in _ROLES:
        people = item.named(role)
        if people:
            out[role] = [csl_name(person) for person in people]
    for variable, date in (
        ("issued", item.issued),
        ("original-date", item.original),
        ("accessed", item.accessed),
        ("event-date", item.event_date),
    ):
        if date is not None:
            out[variable] = csl_date(date)
    if item.container_title:
        out["container-title"] = csl_title(item, item.container_title)
    if item.collection_title:
        out["collection-title"] = csl_title(item, item.collection_title)
    if item.publisher:
        out["publisher"] = item.publisher_text
    for variable, attribute in _TEXT_VARIABLES:
        value = getattr(item, attribute)
        if value:
            out[variable] = value
    if item.keywords:
        out["keyword"] = ", ".join(item.keywords)
    return out


class CslJsonExporter:
    """A JSON array of CSL items."""

    name = "csl-json"
    description = "CSL-JSON (pandoc --citeproc, Zotero, citeproc-js)"
    extension = "json"

    def export(self, entries: Sequence[Entry]) -> str:
        items = [csl_item(to_item(entry)) for entry in entries]
        return json_safe(json.dumps(items, indent=2, ensure_ascii=False)) + "\n"
