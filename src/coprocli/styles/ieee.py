"""IEEE reference guide (2023), as in the CSL style `ieee.csl`."""

from __future__ import annotations

from collections.abc import Sequence

from ..item import Date, Item, bare_doi, text_of
from ..richtext import Node, Text, emph, is_empty, join, link, span
from ._base import (
    Cite,
    NameFormat,
    NumericStyle,
    Reference,
    edition_label,
    ends_with_punctuation,
    format_names,
    head_people,
    item_kind,
    names_node,
    page_label,
    page_range,
    quoted,
    role_label,
    sentence_container,
    sentence_title,
    suffix,
)

_NAMES = NameFormat(and_word="and", et_al_min=7, et_al_use_first=1, et_al_italic=True)
_EDITOR_NAMES = NameFormat(and_word="and")

#: The style's short month names (June, July and September shortened to three letters).
MONTHS = (
    "Jan.",
    "Feb.",
    "Mar.",
    "Apr.",
    "May",
    "Jun.",
    "Jul.",
    "Aug.",
    "Sep.",
    "Oct.",
    "Nov.",
    "Dec.",
)

#: Entry kinds printed like books: italic title, `Place: Publisher, year.`
_BOOKLIKE = {"book", "manual"}


def _month_year(date: Date | None) -> str:
    """`Jun. 1996`, `2009`."""
    if date is None:
        return ""
    if date.month:
        return f"{MONTHS[date.month - 1]} {date.year_text}"
    if date.season:
        return f"{date.season_name()} {date.year_text}"
    return date.year_text


def _full_date(date: Date | None) -> str:
    """`Feb. 01, 2024` (the style's text date form)."""
    if date is None:
        return ""
    parts = []
    if date.month:
        parts.append(MONTHS[date.month - 1])
        if date.day:
            parts[-1] += f" {date.day:02d},"
    parts.append(date.year_text)
    return " ".join(parts)


def _quoted(text: str, mark: str) -> Node:
    """`“Title,”`: the following comma or period goes inside the quotation marks; none
    after a title ending in `?` or `!` (as ieee.csl does; the 2023 guide shows none)."""
    if not mark or ends_with_punctuation(text):
        return Text(quoted(text))
    return Text(quoted(text + mark))


def _node(part: Node | str) -> Node:
    return Text(part) if isinstance(part, str) else part


def _pages(item: Item) -> str:
    return page_label(page_range(item.pages))


class IEEE(NumericStyle):
    """IEEE: `[1] D. Boyle and M. Harris, “Title,” Journal, vol. 29, no. 4, pp. 1–2, 2009.`"""

    name = "ieee"
    title = "IEEE"
    csl_file = "ieee.csl"

    def format_label(self, number: int) -> str:
        return f"[{number}]"

    def cite(self, references: Sequence[Reference]) -> Node:
        """`[1]`; several references in number order, each in its own brackets: `[1], [3]`.

        The style does not collapse consecutive numbers into ranges.
        """
        numbers = sorted({ref.number for ref in references if ref.number is not None})
        return Text(", ".join(f"[{number}]" for number in numbers))

    # -- the reference -----------------------------------------------------------------

    def _author(self, item: Item) -> Node:
        people, label = head_people(item, _HEAD_ROLES)
        if not people:
            return Text("")
        names = names_node(people, _NAMES)
        return span(names, f", {label}") if label else names

    def format_reference(self, cite: Cite) -> Node:
        item = cite.item
        kind = item_kind(item)
        author = self._author(item)
        head: Node = span(author, ", ") if not is_empty(author) else Text("")
        return span(head, self._body(item, kind))

    def _publisher(self, item: Item, kind: str) -> str:
        publisher = item.publisher_text
        if kind in _BOOKLIKE or kind in ("chapter", "film"):
            return ": ".join(part for part in (item.place, publisher) if part)
        return ", ".join(part for part in (publisher, item.place) if part)

    def _body(self, item: Item, kind: str) -> Node:
        title = sentence_title(item)
        issued = item.issued
        if kind == "article":
            journal = text_of(item.container_title)
            newspaper = item.type in ("article-newspaper", "article-magazine")
            rest: list[Node | str | None] = [
                emph(journal) if journal else None,
                f"vol. {item.volume}" if item.volume and not newspaper else None,
                f"no. {item.issue}" if item.issue and not newspaper else None,
                _pages(item),
                (_full_date(issued) if newspaper else _month_year(issued)) or item.status,
            ]
            # A DOI or an access date follows after a comma; `[Online]. Available:` after
            # a full stop.
            end = "," if item.doi or (item.url and item.accessed) else "."
            body = self._group(title, True, rest, end)
            return join("", [body, self._access(item, kind)])
        if kind == "chapter":
            book = sentence_container(item)
            editor_text = ""
            if item.editor:
                label = role_label(item.editor, ("Ed.", "Eds."))
                editor_text = f"{format_names(item.editor, _EDITOR_NAMES)}, {label}"
            conference = item.type == "paper-conference"
            rest = [
                span("in ", emph(book)) if book else None,
                edition_label(item.edition),
                f"vol. {item.volume}" if item.volume else "",
                editor_text,
                self._collection(item).rstrip("."),
                self._publisher(item, kind),
                # A conference paper gives the month of the conference (as ieee.csl).
                _month_year(issued) if conference else item.year_text,
                f"ch. {item.chapter}" if item.chapter else "",
                _pages(item),
            ]
            return join("", [self._group(title, True, rest, "."), self._access(item, kind)])
        if kind == "report":
            number = " ".join(part for part in (item.genre, item.number) if part)
            rest = [self._publisher(item, kind), number, _month_year(issued)]
            return join("", [self._group(title, True, rest, "."), self._access(item, kind)])
        if kind == "thesis":
            rest = [item.genre, self._publisher(item, kind), item.year_text]
            return join("", [self._group(title, True, rest, "."), self._access(item, kind)])
        if kind == "webpage":
            return join("", [self._group(title, True, [], "."), self._access(item, kind)])
        if kind == "film":
            date = f"({_full_date(issued)})" if issued else ""
            body = self._group(title, False, [date], ".")
            place = item.place
            return join("", [Text(f"{place}. ") if place else "", body, self._access(item, kind)])
        if kind in _BOOKLIKE:
            editors = ""
            if item.editor and item.author:
                # An authored book's editors follow the edition (IEEE guide: books).
                label = role_label(item.editor, ("Ed.", "Eds."))
                editors = f"{format_names(item.editor, _EDITOR_NAMES)}, {label}"
            volume = ", ".join(
                part
                for part in (
                    f"vol. {item.volume}" if item.volume else "",
                    f"{item.volumes} vols." if item.volumes else "",
                )
                if part
            )
            first = self._group(title, False, [edition_label(item.edition), volume, editors], ".")
            tail_parts = [self._publisher(item, kind), item.year_text]
            if item.entry_type == "inbook" and item.chapter:
                tail_parts.append(f"ch. {item.chapter}")  # a classic `@inbook`
            tail_parts.append(_pages(item))
        elif item.type == "software":
            # Software: `*Title*. (2023). Publisher.` (IEEE guide: software; as ieee.csl).
            head = suffix(emph(title), ".") if title else Text("")
            year = f"({item.year_text})." if item.year_text else ""
            parts = [head, year, suffix(item.publisher_text, ".") if item.publisher else ""]
            return join("", [join(" ", parts), self._access(item, kind)])
        elif item.type == "manuscript":  # `“Title,” 2023.`
            rest = [self._publisher(item, kind), _pages(item), _full_date(issued) or item.year_text]
            return join("", [self._group(title, True, rest, "."), self._access(item, kind)])
        else:  # booklet, misc and the rest
            first = self._group(title, True, [], ".")
            tail_parts = [self._publisher(item, kind), _pages(item), _full_date(issued)]
        tail = ", ".join(part for part in tail_parts if part)
        parts = [first, self._collection(item), f"{tail}." if tail else ""]
        return join("", [join(" ", parts), self._access(item, kind)])

    def _group(self, title: str, quoted: bool, rest: Sequence[Node | str | None], end: str) -> Node:
        """Title and the following parts joined by commas, the group ending with `end`.

        A quoted title takes the comma (or the final period) inside its quotation marks.
        """
        others = [part for part in rest if part is not None and not is_empty(_node(part))]
        if quoted and title:
            if not others:
                return _quoted(title, end)
            return span(_quoted(title, ","), " ", suffix(join(", ", others), end))
        head: Node | None = emph(title) if title else None
        return suffix(join(", ", [head, *others]), end)

    def _collection(self, item: Item) -> str:
        """`in Lecture notes in physics, vol. 172.`: the series, in sentence case as
        every title of the style, and the volume in it."""
        if not item.collection_title:
            return ""
        series = sentence_title(item, item.collection_title)
        if item.collection_number:
            return f"in {series}, no. {item.collection_number}."
        return f"in {series}, vol. {item.volume}." if item.volume else f"in {series}."

    def _access(self, item: Item, kind: str) -> Node:
        doi = item.doi
        url = item.url
        if kind != "webpage" and doi:
            return Text(f" doi: {bare_doi(doi)}.")
        if not url:
            return Text("")
        accessed = item.accessed
        available = span("Available: ", link(url, url))
        online = "[Online Video]" if kind == "film" else "[Online]"
        if kind == "webpage":
            return span(
                " ",
                join(
                    ". ",
                    [f"Accessed: {_full_date(accessed)}" if accessed else "", online, available],
                ),
            )
        if accessed:
            return span(f" Accessed: {_full_date(accessed)}. {online}. ", available)
        # The IEEE guide marks every online source `[Online].` (ieee.csl only with an
        # access date).
        return span(f" {online}. ", available)


#: Who heads a reference, with the role label after the names.
_HEAD_ROLES: tuple[tuple[str, tuple[str, str]], ...] = (
    ("author", ("", "")),
    ("editor", ("Ed.", "Eds.")),
    ("translator", ("Trans.", "Trans.")),
    ("director", ("Dir.", "Dirs.")),
)
