"""NLM / Vancouver (Citing Medicine, 2nd edition), citation-sequence, as in the CSL style
`nlm-citation-sequence.csl` (kept here as `vancouver.csl`)."""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Entry, Person
from ..richtext import Node, Text, join, link, span
from ._base import (
    CitationParts,
    Cite,
    DateParts,
    NameFormat,
    Reference,
    Style,
    doi_url,
    edition_label,
    entry_date,
    entry_kind,
    field_segments,
    format_names,
    page_range,
    plain,
    punct_join,
    sentence_case,
    split_list,
    thesis_genre,
    title_segments,
)

_NAMES = NameFormat(
    initialize_with="",
    sort_order="all",
    sort_separator=" ",
    delimiter=", ",
    et_al_min=7,
    et_al_use_first=6,
)

#: Short month names of the style (`strip-periods`; June, July and September shortened).
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

_SERIAL = {"article"}


def _date_text(date: DateParts | None, *, day: bool = True) -> str:
    """`2017 Sep 1`, `2019 Jan`, `2011`."""
    if date is None:
        return ""
    parts = [str(date.year)]
    if date.month:
        parts.append(MONTHS[date.month - 1])
        if day and date.day:
            parts.append(str(date.day))
    return " ".join(parts)


def _no_hyphen(person: Person) -> Person:
    """Given names initialised without hyphens (`Jan-Pieter` -> `JP`)."""
    if person.literal or "-" not in person.given:
        return person
    return Person(
        family=person.family,
        given=person.given.replace("-", " "),
        particle=person.particle,
        suffix=person.suffix,
    )


def names_text(people: Sequence[Person]) -> str:
    """`Boyle D, Harris M`; seven or more names: the first six and `et al.`"""
    return format_names([_no_hyphen(person) for person in people], _NAMES)


def bare_doi(doi: str) -> str:
    """`10.1111/x` whatever prefix (`https://doi.org/`, `doi:`) the field was written with."""
    return doi_url(doi).removeprefix("https://doi.org/")


def _capitalise_first(text: str) -> str:
    return text[:1].upper() + text[1:]


class Vancouver(Style):
    """NLM / Vancouver: `1. Boyle D, Harris M. Title. Journal. 2009;29(4):1203–21.`"""

    name = "vancouver"
    title = "NLM / Vancouver (Citing Medicine 2nd edition)"
    csl_file = "vancouver.csl"
    numeric = True
    sort_citations = True

    def format_label(self, number: int) -> str:
        return f"{number}."

    def citation_sort_key(self, reference: Reference) -> tuple[object, ...]:
        return (reference.number or 0,)

    def cite(self, references: Sequence[Reference]) -> Node:
        """`(1)`, `(1,3)`; three or more consecutive numbers collapse: `(1–4)`."""
        numbers = sorted({ref.number for ref in references if ref.number is not None})
        items: list[str] = []
        index = 0
        while index < len(numbers):
            end = index
            while end + 1 < len(numbers) and numbers[end + 1] == numbers[end] + 1:
                end += 1
            if end - index >= 2:
                items.append(f"{numbers[index]}–{numbers[end]}")
                index = end + 1
            else:
                items.append(str(numbers[index]))
                index += 1
        return span("(", ",".join(items), ")")

    def narrative_node(self, parts: CitationParts, reference: Reference) -> Node:
        return self.cite([reference])

    def cite_narrative(self, references: Sequence[Reference]) -> Node:
        return self.cite(references)

    # -- the reference -----------------------------------------------------------------

    def _authors(self, entry: Entry) -> str:
        people = entry.names.get("author", ())
        if people:
            return names_text(people)
        editors = entry.names.get("editor", ())
        if editors:
            label = "editors" if len(editors) > 1 else "editor"
            return f"{names_text(editors)}, {label}"
        return ""

    def format_reference(self, cite: Cite) -> Node:
        entry = cite.entry
        kind = entry_kind(entry)
        url = entry.get("url")
        doi = entry.get("doi")
        container = self._container(entry, kind, bool(url), bool(doi))
        title_block = join(
            " ",
            [
                sentence_case(title_segments(entry)),
                self._genre(entry, kind),
                "[Internet]" if url and not container and kind != "chapter" else "",
            ],
        )
        parts: list[Node | str | None] = [
            self._authors(entry),
            title_block,
            edition_label(entry.get("edition")) if not container else "",
            container,
            join("; ", [self._publisher(entry, kind), self._date(entry, kind, bool(doi))]),
            self._pages(entry, kind),
            self._series(entry, kind),
            self._report_number(entry, kind),
        ]
        body = punct_join(". ", parts)
        body = span(body, ".") if plain(body) and not plain(body).endswith(".") else body
        return join(" ", [body, self._availability(entry, kind, url, doi)])

    def _genre(self, entry: Entry, kind: str) -> str:
        if kind == "thesis":
            genre = thesis_genre(entry)
        elif kind == "report":
            genre = entry.get("type")
        else:
            genre = ""
        return f"[{genre}]" if genre else ""

    def _container(self, entry: Entry, kind: str, has_url: bool, has_doi: bool) -> Node | str:
        if kind == "article":
            journal = entry.get("journaltitle") or entry.get("journal")
            if not journal:
                return ""
            internet = has_url and not has_doi
            return f"{journal} [Internet]" if internet else journal
        if kind == "chapter":
            book = sentence_case(title_segments(entry, "booktitle", "booksubtitle"))
            editors = entry.names.get("editor", ())
            edition = edition_label(entry.get("edition"))
            editor_text = ""
            if editors:
                label = "editors" if len(editors) > 1 else "editor"
                editor_text = f"{names_text(editors)}, {label}"
            inner = punct_join(". ", [editor_text, join(". ", [book, edition])])
            return span("In: ", inner) if plain(inner) else ""
        return ""

    def _publisher(self, entry: Entry, kind: str) -> str:
        if kind in _SERIAL:
            return ""
        place = entry.get("location") or entry.get("address")
        if kind == "thesis" and place:
            place = f"[{place}]"
        names = split_list(entry, "publisher")
        if kind in ("report", "thesis"):
            names = split_list(entry, "institution") or names
        if kind == "webpage":
            names = split_list(entry, "organization") or names
        return ": ".join(part for part in (place, "; ".join(names)) if part)

    def _date(self, entry: Entry, kind: str, has_doi: bool) -> str:
        issued = entry_date(entry)
        cited = ""
        if entry.get("url"):
            accessed = entry_date(entry, "urldate")
            if accessed:
                cited = f"[cited {_date_text(accessed)}]"
        if kind == "article":
            date = join(" ", [_date_text(issued), "" if has_doi else cited])
            serial = self._serial(entry)
            return ";".join(part for part in (plain(date), serial) if part)
        if kind == "report":
            return " ".join(part for part in (_date_text(issued, day=False), cited) if part)
        year = str(issued.year) if issued else ""
        return " ".join(part for part in (year, cited) if part)

    def _serial(self, entry: Entry) -> str:
        volume = entry.get("volume")
        issue = entry.get("number") or entry.get("issue")
        head = volume + (f"({issue})" if issue else "")
        pages = page_range(entry.get("pages"), "minimal")
        return ":".join(part for part in (head, pages) if part)

    def _pages(self, entry: Entry, kind: str) -> str:
        if kind in _SERIAL or kind == "book":
            return ""
        pages = page_range(entry.get("pages"), "minimal")
        return f"p. {pages}" if pages else ""

    def _series(self, entry: Entry, kind: str) -> str:
        if kind in _SERIAL or not entry.get("series"):
            return ""
        series = sentence_case(field_segments(entry, "series"))
        return f"({series})"

    def _report_number(self, entry: Entry, kind: str) -> str:
        number = entry.get("number")
        if kind != "report" or not number:
            return ""
        genre = _capitalise_first(entry.get("type")) or "Report"
        label = f"no.: {number}" if number.isdigit() else number
        return f"{genre} {label}"

    def _availability(self, entry: Entry, kind: str, url: str, doi: str) -> Node:
        parts: list[Node | str] = []
        if url and not (kind == "article" and doi):
            parts.append(span("Available from: ", link(url, url)))
        if doi:
            parts.append(Text(f"doi:{bare_doi(doi)}"))
        return join(" ", parts)
