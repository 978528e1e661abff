"""NLM / Vancouver (Citing Medicine, 2nd edition), citation-sequence, as in the CSL style
`nlm-citation-sequence.csl` (kept here as `vancouver.csl`)."""

from __future__ import annotations

from collections.abc import Sequence

from ..item import Date, bare_doi, text_of
from ..model import Person
from ..richtext import Node, Text, join, link, span
from ._base import (
    Cite,
    El,
    Layout,
    NameFormat,
    NumericStyle,
    Reference,
    capitalise_first,
    format_names,
    group,
    head_people,
    item_kind,
    page_range,
    plain,
    role_label,
    sentence_container,
    sentence_title,
    variant,
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

    # -- the reference: elements (laid out by `layouts` below) ---------------------------

    def add_suffix(self, node: Node, mark: str) -> Node:
        """The closing period follows anything but a period, `?` and `!` included
        (`Report UU-CS-2009-???.`), as nlm-citation-sequence.csl prints it."""
        text = plain(node)
        return span(node, mark) if text and not text.endswith(mark) else node

    def el_head(self, cite: Cite) -> str:
        people, label = head_people(cite.item, _HEAD_ROLES)
        if not people:
            return ""
        text = names_text(people)
        return f"{text}, {label}" if label else text

    def el_title(self, cite: Cite) -> str:
        return sentence_title(cite.item)

    def el_genre(self, cite: Cite) -> str:
        """`[dissertation]`, `[Technical report]`, a film's `[motion picture]`
        (Citing Medicine, ch. 26)."""
        item = cite.item
        kind = item_kind(item)
        genre = "motion picture" if kind == "film" else item.genre
        return f"[{genre}]" if genre and kind in ("thesis", "report", "film") else ""

    def el_medium(self, cite: Cite) -> str:
        """`[Internet]` after the title of a whole work found online."""
        return "[Internet]" if cite.item.url else ""

    def el_volume(self, cite: Cite) -> str:
        """`Vol. 2`, with the volume's own title: `Vol. 2, The council estate years`."""
        item = cite.item
        if not item.volume:
            return ""
        if item.volume_title:
            return f"Vol. {item.volume}, {sentence_title(item, item.volume_title)}"
        return f"Vol. {item.volume}"

    def el_editors(self, cite: Cite) -> str:
        """Editors of an authored book follow its title (Citing Medicine, ch. 2)."""
        item = cite.item
        if not (item.editor and item.author):
            return ""
        return f"{names_text(item.editor)}, {role_label(item.editor, _EDITORS)}"

    el_container_editors = el_editors

    def el_container(self, cite: Cite) -> str:
        """The journal, abbreviated without full stops as NLM does (Citing Medicine,
        ch. 1), `[Internet]` when read online without a DOI; or a chapter's book."""
        item = cite.item
        if item_kind(item) == "article":
            journal = text_of(item.container_title).replace(".", "")
            internet = item.url and not item.doi
            return f"{journal} [Internet]" if journal and internet else journal
        book = sentence_container(item)
        return f"{book} [Internet]" if book and item.url else book

    def el_publisher(self, cite: Cite) -> str:
        item = cite.item
        place = item.place
        if item_kind(item) == "thesis" and place:
            place = f"[{place}]"
        return ": ".join(part for part in (place, item.publisher_text) if part)

    def el_issued(self, cite: Cite) -> str:
        """The date, `[cited …]` for online sources, and a serial's numbers:
        `2009;29(4):1203–21`; a newspaper's page after the date (ch. 5)."""
        item = cite.item
        issued = item.issued
        cited = ""
        if item.url and item.accessed:
            cited = f"[cited {_date_text(item.accessed)}]"
        kind = variant(item)
        if kind in ("article", "news"):
            date = " ".join(part for part in (_date_text(issued) or item.status, cited) if part)
            if item.doi:
                date = _date_text(issued) or item.status
            pages = page_range(item.pages, "minimal")
            if item.type == "article-newspaper" and pages:
                return f"{date}:{pages}"
            if item.type == "article-magazine":
                return ";".join(part for part in (date, pages) if part)
            head = item.volume + (f"({item.issue})" if item.issue else "")
            serial = ":".join(part for part in (head, pages) if part)
            return ";".join(part for part in (date, serial) if part)
        if kind == "report":
            return " ".join(part for part in (_date_text(issued, day=False), cited) if part)
        return " ".join(part for part in (item.year_text, cited) if part)

    def el_pages(self, cite: Cite) -> str:
        """`p. 45–9`; a classic `@inbook`'s chapter and pages; a book's page count."""
        item = cite.item
        pages = page_range(item.pages, "minimal")
        kind = variant(item)
        if kind == "inbook":
            chapter = f"Chapter {item.chapter}" if item.chapter else ""
            return "; ".join(part for part in (chapter, f"p. {pages}" if pages else "") if part)
        if kind == "book":
            return f"{item.pagetotal} p." if item.pagetotal else ""
        return f"p. {pages}" if pages else ""

    def el_collection(self, cite: Cite) -> str:
        """`(Studies in participatory governance; no. 14)`."""
        item = cite.item
        if not item.collection_title:
            return ""
        series = sentence_title(item, item.collection_title)
        number = f"; no. {item.collection_number}" if item.collection_number else ""
        return f"({series}{number})"

    def el_number(self, cite: Cite) -> str:
        item = cite.item
        if not item.number:
            return ""
        genre = capitalise_first(item.genre) or "Report"
        label = f"no.: {item.number}" if item.number.isdigit() else item.number
        return f"{genre} {label}"

    def el_link(self, cite: Cite) -> Node:
        """`Available from: URL` (a journal article with a DOI gives the DOI only), then
        `doi:…`."""
        item = cite.item
        parts: list[Node | str] = []
        if item.url and not (item_kind(item) == "article" and item.doi):
            parts.append(span("Available from: ", link(item.url, item.url)))
        if item.doi:
            parts.append(Text(f"doi:{bare_doi(item.doi)}"))
        return join(" ", parts)


_EDITORS = ("editor", "editors")
#: Who heads a reference: authors, else editors, else directors (films).
_HEAD_ROLES: tuple[tuple[str, tuple[str, str]], ...] = (
    ("author", ("", "")),
    ("editor", _EDITORS),
    ("director", ("director", "directors")),
)


def _layout(*body: Layout, medium: bool = True) -> Layout:
    """`Authors. Title [genre]. body. Link.` (`[Internet]` after the title of a whole
    work read online)."""
    title = group(" ", El("title"), El("genre"), *((El("medium"),) if medium else ()))
    return group(" ", group(". ", El("head"), title, *body, suffix="."), El("link"))


_PUBLICATION = group("; ", El("publisher"), El("issued"))
_TAIL = (El("pages"), El("collection"))

Vancouver.layouts = {
    # `Journal. 2009;29(4):1203–21.`
    "article": _layout(El("container"), El("issued"), medium=False),
    # `In: Green T, Hall N, editors. Book [Internet]. 2nd ed. London: Press; 2009. p. 45–9.`
    "chapter": _layout(
        group(
            ". ",
            El("container_editors"),
            group(". ", El("container"), El("edition")),
            prefix="In: ",
        ),
        _PUBLICATION,
        *_TAIL,
        medium=False,
    ),
    "book": _layout(El("edition"), El("volume"), El("editors"), _PUBLICATION, *_TAIL),
    "report": _layout(El("edition"), El("editors"), _PUBLICATION, *_TAIL, El("number")),
    "misc": _layout(El("edition"), El("editors"), _PUBLICATION, *_TAIL),
}
