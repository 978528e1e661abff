"""CSL-JSON: the item format of citeproc processors (pandoc `--citeproc`, Zotero, citeproc-js).

Types follow the nearest CSL type (pandoc's own BibTeX reader agrees on all the
catalogue's types); names become {family, given, non-dropping-particle, suffix} or
{literal}; dates become `date-parts`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ..model import Entry, Person
from ._common import date_parts, parse_date, real_people

#: Entry types (BibTeX and biblatex) and their CSL types; anything else is `document`.
CSL_TYPES = {
    "article": "article-journal",
    "book": "book",
    "mvbook": "book",
    "collection": "book",
    "mvcollection": "book",
    "proceedings": "book",
    "mvproceedings": "book",
    "reference": "book",
    "mvreference": "book",
    "manual": "book",
    "inbook": "chapter",
    "bookinbook": "chapter",
    "incollection": "chapter",
    "suppbook": "chapter",
    "suppcollection": "chapter",
    "inreference": "entry-encyclopedia",
    "inproceedings": "paper-conference",
    "conference": "paper-conference",
    "report": "report",
    "techreport": "report",
    "thesis": "thesis",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "online": "webpage",
    "www": "webpage",
    "electronic": "webpage",
    "video": "motion_picture",
    "movie": "motion_picture",
    "booklet": "pamphlet",
    "unpublished": "manuscript",
    "periodical": "periodical",
    "dataset": "dataset",
    "software": "software",
    "patent": "patent",
    "standard": "standard",
    "legislation": "legislation",
    "letter": "personal_communication",
    "audio": "song",
    "music": "song",
    "image": "graphic",
    "artwork": "graphic",
    "misc": "document",
}
#: Name fields and their CSL roles.
CSL_ROLES = {
    "author": "author",
    "editor": "editor",
    "director": "director",
    "translator": "translator",
    "bookauthor": "container-author",
    "producer": "producer",
}
_THESIS_GENRES = {
    "phdthesis": "PhD thesis",
    "mastersthesis": "Master's thesis",
    "mathesis": "Master's thesis",
}
#: Fields copied as they are: (CSL variable, entry fields tried in order).
_TEXT_VARIABLES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("publisher", ("publisher", "institution", "school", "organization")),
    ("publisher-place", ("location", "address")),
    ("collection-title", ("series",)),
    ("edition", ("edition",)),
    ("volume", ("volume",)),
    ("page", ("pages",)),
    ("URL", ("url",)),
    ("DOI", ("doi",)),
    ("ISBN", ("isbn",)),
    ("ISSN", ("issn",)),
    ("note", ("note",)),
    ("abstract", ("abstract",)),
    ("annote", ("annotation", "annote")),
    ("event-title", ("eventtitle",)),
    ("event-place", ("venue",)),
    ("language", ("langid", "language")),
)
_ARTICLE_TYPES = frozenset({"article", "periodical", "suppperiodical"})


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


def csl_item(entry: Entry) -> dict[str, Any]:
    """One entry as a CSL-JSON item."""
    item: dict[str, Any] = {"id": entry.key, "type": CSL_TYPES.get(entry.type, "document")}
    if entry.type == "article" and not (entry.get("journaltitle") or entry.get("journal")):
        item["type"] = "article"
    if entry.title:
        item["title"] = entry.title
    for field, role in CSL_ROLES.items():
        people = real_people(entry.names.get(field, ()))
        if people:
            item[role] = [csl_name(person) for person in people]
    issued = date_parts(entry)
    if issued:
        item["issued"] = {"date-parts": [issued]}
    elif entry.get("year") or entry.get("date"):
        item["issued"] = {"literal": entry.get("year") or entry.get("date")}
    accessed = parse_date(entry.get("urldate")) if entry.get("urldate") else None
    if accessed:
        item["accessed"] = {"date-parts": [accessed]}
    container = (
        entry.get("journaltitle")
        or entry.get("journal")
        or entry.get("booktitle")
        or entry.get("maintitle")
    )
    if container:
        item["container-title"] = container
    for variable, fields in _TEXT_VARIABLES:
        for field in fields:
            if entry.get(field):
                item[variable] = entry.get(field)
                break
    number = entry.get("number")
    if number:
        if entry.type in _ARTICLE_TYPES and not entry.get("issue"):
            item["issue"] = number
        elif entry.get("series") and entry.type not in {"report", "techreport"}:
            item["collection-number"] = number
        else:
            item["number"] = number
    if entry.get("issue"):
        item["issue"] = entry.get("issue")
    kind = entry.get("type")
    if kind:
        item["genre"] = _THESIS_GENRES.get(kind.lower(), kind)
    elif entry.type in _THESIS_GENRES:
        item["genre"] = _THESIS_GENRES[entry.type]
    if entry.keywords:
        item["keyword"] = ", ".join(entry.keywords)
    return item


class CslJsonExporter:
    """A JSON array of CSL items."""

    name = "csl-json"
    description = "CSL-JSON (pandoc --citeproc, Zotero, citeproc-js)"
    extension = "json"

    def export(self, entries: Sequence[Entry]) -> str:
        items = [csl_item(entry) for entry in entries]
        return json.dumps(items, indent=2, ensure_ascii=False) + "\n"
