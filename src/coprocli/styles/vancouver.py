"""NLM / Vancouver (Citing Medicine, 2nd edition), citation-sequence, as in the CSL style
`nlm-citation-sequence.csl` (kept here as `vancouver.csl`)."""

from __future__ import annotations

from collections.abc import Sequence

from ..item import Date, Item, bare_doi, text_of
from ..model import Person
from ..richtext import Node, Text, join, link, span
from ._base import (
    Cite,
    NameFormat,
    NumericStyle,
    Reference,
    capitalise_first,
    edition_label,
    format_names,
    head_people,
    item_kind,
    page_range,
    plain,
    punct_join,
    role_label,
    sentence_container,
    sentence_title,
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


def _date_text(date: Date | None, *, day: bool = True) -> str:
    """`2017 Sep 1`, `2019 Jan`, `2011`."""
    if date is None:
        return ""
    parts = [date.year_text]
    if date.month:
        parts.append(MONTHS[date.month - 1])
        if day and date.day:
            parts.append(str(date.day))
    elif date.season:
        parts.append(date.season_name())
    return " ".join(parts)


def _no_hyphen(person: Person) -> Person:
    """Given names initialised without hyphens (`Jan-Pieter` -> `JP`)."""
    if person.literal or "-" not in person.given:
        return person
    return Person(
        family=person.family,
        # `Ha-eun` -> `Ha Eun` -> `HE`: each part of the name gives an initial.
        given=" ".join(capitalise_first(part) for part in person.given.split("-")),
        particle=person.particle,
        suffix=person.suffix,
    )


def names_text(people: Sequence[Person]) -> str:
    """`Boyle D, Harris M`; seven or more names: the first six and `et al.`"""
    return format_names([_no_hyphen(person) for person in people], _NAMES)


def _volume(item: Item) -> str:
    """`Vol. 2`, with the volume's own title: `Vol. 2, The council estate years`."""
    if not item.volume:
        return ""
    if item.volume_title:
        return f"Vol. {item.volume}, {sentence_title(item, item.volume_title)}"
    return f"Vol. {item.volume}"


class Vancouver(NumericStyle):
    """NLM / Vancouver: `1. Boyle D, Harris M. Title. Journal. 2009;29(4):1203–21.`"""

    name = "vancouver"
    title = "NLM / Vancouver (Citing Medicine 2nd edition)"
    csl_file = "vancouver.csl"
    sort_citations = True

    def format_label(self, number: int) -> str:
        return f"{number}."

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

    # -- the reference -----------------------------------------------------------------

    def _authors(self, item: Item) -> str:
        people, label = head_people(item, _HEAD_ROLES)
        if not people:
            return ""
        text = names_text(people)
        return f"{text}, {label}" if label else text

    def format_reference(self, cite: Cite) -> Node:
        item = cite.item
        kind = item_kind(item)
        url = item.url
        doi = item.doi
        container = self._container(item, kind, bool(url), bool(doi))
        title_block = join(
            " ",
            [
                sentence_title(item),
                self._genre(item, kind),
                "[Internet]" if url and not container and kind != "chapter" else "",
            ],
        )
        editors = ""
        if item.editor and item.author and kind != "chapter":
            # Editors of an authored book follow its title (Citing Medicine, ch. 2).
            editors = f"{names_text(item.editor)}, {role_label(item.editor, _EDITORS)}"
        parts: list[Node | str | None] = [
            self._authors(item),
            title_block,
            edition_label(item.edition) if not container else "",
            _volume(item) if kind == "book" else "",
            editors,
            container,
            join("; ", [self._publisher(item, kind), self._date(item, kind, bool(doi))]),
            self._pages(item, kind),
            self._series(item, kind),
            self._report_number(item, kind),
        ]
        body = punct_join(". ", parts)
        body = span(body, ".") if plain(body) and not plain(body).endswith(".") else body
        return join(" ", [body, self._availability(item, kind, url, doi)])

    def _genre(self, item: Item, kind: str) -> str:
        if kind == "thesis" or kind == "report":
            genre = item.genre
        elif kind == "film":
            genre = "motion picture"  # Citing Medicine, ch. 26
        else:
            genre = ""
        return f"[{genre}]" if genre else ""

    def _container(self, item: Item, kind: str, has_url: bool, has_doi: bool) -> Node | str:
        if kind == "article":
            # NLM abbreviates journal titles without full stops (Citing Medicine, ch. 1).
            journal = text_of(item.container_title).replace(".", "")
            if not journal:
                return ""
            internet = has_url and not has_doi
            return f"{journal} [Internet]" if internet else journal
        if kind == "chapter":
            book = sentence_container(item)
            edition = edition_label(item.edition)
            editor_text = ""
            if item.editor:
                editor_text = f"{names_text(item.editor)}, {role_label(item.editor, _EDITORS)}"
            if has_url:
                book = f"{book} [Internet]"
            inner = punct_join(". ", [editor_text, join(". ", [book, edition])])
            return span("In: ", inner) if plain(inner) else ""
        return ""

    def _publisher(self, item: Item, kind: str) -> str:
        if kind in _SERIAL:
            return ""
        place = item.place
        if kind == "thesis" and place:
            place = f"[{place}]"
        return ": ".join(part for part in (place, item.publisher_text) if part)

    def _date(self, item: Item, kind: str, has_doi: bool) -> str:
        issued = item.issued
        cited = ""
        if item.url and item.accessed:
            cited = f"[cited {_date_text(item.accessed)}]"
        if kind == "article":
            date = plain(join(" ", [_date_text(issued) or item.status, "" if has_doi else cited]))
            pages = page_range(item.pages, "minimal")
            if item.type == "article-newspaper" and pages:
                return f"{date}:{pages}"  # a newspaper's page follows the date (ch. 5)
            if item.type == "article-magazine":
                return ";".join(part for part in (date, pages) if part)
            serial = self._serial(item)
            return ";".join(part for part in (date, serial) if part)
        if kind == "report":
            return " ".join(part for part in (_date_text(issued, day=False), cited) if part)
        year = item.year_text
        return " ".join(part for part in (year, cited) if part)

    def _serial(self, item: Item) -> str:
        if item.type in ("article-newspaper", "article-magazine"):
            return ""
        head = item.volume + (f"({item.issue})" if item.issue else "")
        pages = page_range(item.pages, "minimal")
        return ":".join(part for part in (head, pages) if part)

    def _pages(self, item: Item, kind: str) -> str:
        if kind in _SERIAL:
            return ""
        pages = page_range(item.pages, "minimal")
        if kind == "book":
            # A classic `@inbook`: the chapter and its pages as locators.
            if item.entry_type != "inbook":
                return f"{item.pagetotal} p." if item.pagetotal else ""
            chapter = f"Chapter {item.chapter}" if item.chapter else ""
            return "; ".join(part for part in (chapter, f"p. {pages}" if pages else "") if part)
        return f"p. {pages}" if pages else ""

    def _series(self, item: Item, kind: str) -> str:
        """`(Studies in participatory governance; no. 14)`."""
        if kind in _SERIAL or not item.collection_title:
            return ""
        series = sentence_title(item, item.collection_title)
        number = f"; no. {item.collection_number}" if item.collection_number else ""
        return f"({series}{number})"

    def _report_number(self, item: Item, kind: str) -> str:
        number = item.number
        if kind != "report" or not number:
            return ""
        genre = capitalise_first(item.genre) or "Report"
        label = f"no.: {number}" if number.isdigit() else number
        return f"{genre} {label}"

    def _availability(self, item: Item, kind: str, url: str, doi: str) -> Node:
        parts: list[Node | str] = []
        if url and not (kind == "article" and doi):
            parts.append(span("Available from: ", link(url, url)))
        if doi:
            parts.append(Text(f"doi:{bare_doi(doi)}"))
        return join(" ", parts)


_EDITORS = ("editor", "editors")
#: Who heads a reference: authors, else editors, else directors (films).
_HEAD_ROLES: tuple[tuple[str, tuple[str, str]], ...] = (
    ("author", ("", "")),
    ("editor", _EDITORS),
    ("director", ("director", "directors")),
)
