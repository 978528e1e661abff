"""RIS: the tagged format Zotero, EndNote and Mendeley import.

Each record is `TAG  - value` lines (LF line ends), opened by `TY` and closed by `ER`;
multi-line values are put on one line, and repeatable tags (AU, KW, N1) get one line
per value. Records are written from copro's normalised `Item`s.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..item import Date, to_item
from ..model import Entry, Person

#: CSL types and their RIS types; anything else is GEN.
RIS_TYPES = {
    "article-journal": "JOUR",
    "article": "JOUR",
    "article-magazine": "MGZN",
    "article-newspaper": "NEWS",
    "periodical": "JFULL",
    "book": "BOOK",
    "chapter": "CHAP",
    "entry-encyclopedia": "ENCYC",
    "paper-conference": "CPAPER",
    "report": "RPRT",
    "thesis": "THES",
    "webpage": "ELEC",
    "motion_picture": "VIDEO",
    "pamphlet": "PAMP",
    "manuscript": "UNPB",
    "dataset": "DATA",
    "software": "COMP",
    "patent": "PAT",
    "standard": "STAND",
    "legislation": "STAT",
    "song": "SOUND",
    "graphic": "ART",
    "personal_communication": "PCOMM",
    "document": "GEN",
}
#: Entry types whose RIS type is more precise than their CSL type says.
_ENTRY_TYPES = {"collection": "EDBOOK", "mvcollection": "EDBOOK", "proceedings": "CONF"}
_CONTAINED = frozenset({"CHAP", "CPAPER", "ENCYC"})
_PAGES = re.compile(r"\s*(?:-+|–|—)\s*")


def ris_name(person: Person) -> str:
    """`particle Family, Given, Suffix`, or an organisation whole."""
    if person.literal:
        return person.literal
    name = f"{person.surname}, {person.given}" if person.given else person.surname
    return f"{name}, {person.suffix}" if person.suffix else name


def _date(date: Date) -> str:
    """RIS `DA`: `YYYY/MM/DD/` with empty slots for missing parts."""
    parts = [date.year, date.month, date.day] if date.month else [date.year]
    padded = [f"{parts[0]:04d}"] + [f"{part:02d}" for part in parts[1:] if part]
    padded += [""] * (3 - len(padded))
    return "/".join(padded) + "/"


def split_pages(pages: str) -> tuple[str, str]:
    """`12--34` -> ("12", "34"); a single page -> ("12", "")."""
    first, _, last = _PAGES.sub("-", pages.strip(), count=1).partition("-")
    return first.strip(), last.strip()


def flatten(text: str) -> str:
    """Multi-line text (an annotation's paragraphs and lists) on one line."""
    return " ".join(text.split())


def ris_record(entry: Entry) -> list[tuple[str, str]]:
    """One entry as (tag, value) pairs, TY first and ER last."""
    item = to_item(entry)
    ris_type = _ENTRY_TYPES.get(item.entry_type) or RIS_TYPES.get(item.type, "GEN")
    tags: list[tuple[str, str]] = [("TY", ris_type)]

    def add(tag: str, value: str) -> None:
        value = flatten(value)
        if value:
            tags.append((tag, value))

    for person in item.named("author") or item.named("director"):
        add("AU", ris_name(person))
    editor_tag = "A2" if ris_type in _CONTAINED else "ED"
    for person in item.named("editor"):
        add(editor_tag, ris_name(person))
    for person in item.named("translator"):
        add("A4", ris_name(person))
    if item.issued is not None and item.issued.year:
        add("PY", str(item.issued.year))
        add("DA", _date(item.issued))
    add("TI", item.title_text)
    add("T2", item.container_text)
    add("T3", item.collection_text)
    add("M3", item.genre)
    add("PB", item.publisher_text)
    add("CY", item.place)
    add("ET", item.edition)
    add("VL", item.volume)
    add("IS", item.issue or item.number)
    if item.pages:
        start, end = split_pages(item.pages)
        add("SP", start)
        add("EP", end)
    add("SN", item.isbn or item.issn)
    add("UR", item.url)
    add("DO", item.doi)
    if item.accessed is not None and item.accessed.year:
        add("Y2", _date(item.accessed))
    add("LA", item.language)
    add("AB", item.abstract)
    for keyword in item.keywords:
        add("KW", keyword)
    add("N1", item.note)
    add("N1", item.annotation)
    tags.append(("ER", ""))
    return tags


class RisExporter:
    """RIS records, separated by blank lines."""

    name = "ris"
    description = "RIS (Zotero, EndNote, Mendeley)"
    extension = "ris"

    def export(self, entries: Sequence[Entry]) -> str:
        records = [
            "".join(f"{tag}  - {value}\n" for tag, value in ris_record(entry)) for entry in entries
        ]
        return "\n".join(records)
