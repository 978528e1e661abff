"""RIS: the tagged format Zotero, EndNote and Mendeley import.

Each record is `TAG  - value` lines (LF line ends), opened by `TY` and closed by `ER`;
multi-line values are put on one line, and repeatable tags (AU, KW, N1) get one line
per value.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Entry, Person
from ._common import date_parts, flatten, parse_date, real_people, split_pages

#: Entry types (BibTeX and biblatex) and their RIS types; anything else is GEN.
RIS_TYPES = {
    "article": "JOUR",
    "book": "BOOK",
    "mvbook": "BOOK",
    "collection": "EDBOOK",
    "mvcollection": "EDBOOK",
    "reference": "BOOK",
    "manual": "BOOK",
    "inbook": "CHAP",
    "bookinbook": "CHAP",
    "incollection": "CHAP",
    "inreference": "CHAP",
    "suppbook": "CHAP",
    "suppcollection": "CHAP",
    "inproceedings": "CPAPER",
    "conference": "CPAPER",
    "proceedings": "CONF",
    "mvproceedings": "CONF",
    "report": "RPRT",
    "techreport": "RPRT",
    "thesis": "THES",
    "phdthesis": "THES",
    "mastersthesis": "THES",
    "online": "ELEC",
    "www": "ELEC",
    "electronic": "ELEC",
    "video": "VIDEO",
    "movie": "VIDEO",
    "booklet": "PAMP",
    "unpublished": "UNPB",
    "periodical": "JFULL",
    "dataset": "DATA",
    "software": "COMP",
    "patent": "PAT",
    "standard": "STAND",
    "legislation": "STAT",
    "audio": "SOUND",
    "music": "MUSIC",
    "image": "ART",
    "artwork": "ART",
    "misc": "GEN",
}
_CONTAINED = frozenset({"CHAP", "CPAPER"})


def ris_name(person: Person) -> str:
    """`particle Family, Given, Suffix`, or an organisation whole."""
    if person.literal:
        return person.literal
    name = f"{person.surname}, {person.given}" if person.given else person.surname
    return f"{name}, {person.suffix}" if person.suffix else name


def _date(parts: list[int]) -> str:
    """RIS `DA`: `YYYY/MM/DD/` with empty slots for missing parts."""
    padded = [f"{parts[0]:04d}"] + [f"{part:02d}" for part in parts[1:]]
    padded += [""] * (3 - len(padded))
    return "/".join(padded) + "/"


def ris_record(entry: Entry) -> list[tuple[str, str]]:
    """One entry as (tag, value) pairs, TY first and ER last."""
    ris_type = RIS_TYPES.get(entry.type, "GEN")
    tags: list[tuple[str, str]] = [("TY", ris_type)]

    def add(tag: str, value: str) -> None:
        value = flatten(value)
        if value:
            tags.append((tag, value))

    authors = real_people(entry.names.get("author", ()))
    if not authors:
        authors = real_people(entry.names.get("director", ()))
    for person in authors:
        add("AU", ris_name(person))
    editor_tag = "A2" if ris_type in _CONTAINED else "ED"
    for person in real_people(entry.names.get("editor", ())):
        add(editor_tag, ris_name(person))
    for person in real_people(entry.names.get("translator", ())):
        add("A4", ris_name(person))
    issued = date_parts(entry)
    if entry.year is not None:
        add("PY", str(entry.year))
    if issued:
        add("DA", _date(issued))
    add("TI", entry.title)
    add(
        "T2",
        entry.get("journaltitle")
        or entry.get("journal")
        or entry.get("booktitle")
        or entry.get("maintitle"),
    )
    add("T3", entry.get("series"))
    add("M3", entry.get("type"))
    add(
        "PB",
        entry.get("publisher")
        or entry.get("institution")
        or entry.get("school")
        or entry.get("organization"),
    )
    add("CY", entry.get("location") or entry.get("address"))
    add("ET", entry.get("edition"))
    add("VL", entry.get("volume"))
    add("IS", entry.get("issue") or entry.get("number"))
    if entry.get("pages"):
        start, end = split_pages(entry.get("pages"))
        add("SP", start)
        add("EP", end)
    add("SN", entry.get("isbn") or entry.get("issn"))
    add("UR", entry.get("url"))
    add("DO", entry.get("doi"))
    accessed = parse_date(entry.get("urldate")) if entry.get("urldate") else None
    if accessed:
        add("Y2", _date(accessed))
    add("LA", entry.get("langid") or entry.get("language"))
    add("AB", entry.get("abstract"))
    for keyword in entry.keywords:
        add("KW", keyword)
    add("N1", entry.get("note"))
    add("N1", entry.annotation)
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
