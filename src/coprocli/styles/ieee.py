"""IEEE reference guide (2023), as in the CSL style `ieee.csl`."""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Entry, Person
from ..richtext import Node, Text, emph, is_empty, join, link, span
from ._base import (
    CitationParts,
    Cite,
    DateParts,
    NameFormat,
    Reference,
    Style,
    doi_url,
    edition_label,
    ends_with_punctuation,
    entry_date,
    entry_kind,
    format_names,
    page_range,
    sentence_case,
    split_list,
    suffix,
    thesis_genre,
    title_segments,
)

_NAMES = NameFormat(and_word="and", et_al_min=7, et_al_use_first=1)
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


def _month_year(date: DateParts | None) -> str:
    """`Jun. 1996`, `2009`."""
    if date is None:
        return ""
    if date.month:
        return f"{MONTHS[date.month - 1]} {date.year}"
    return str(date.year)


def _full_date(date: DateParts | None) -> str:
    """`Feb. 01, 2024` (the style's text date form)."""
    if date is None:
        return ""
    parts = []
    if date.month:
        parts.append(MONTHS[date.month - 1])
        if date.day:
            parts[-1] += f" {date.day:02d},"
    parts.append(str(date.year))
    return " ".join(parts)


def _quoted(text: str, mark: str) -> Node:
    """`“Title,”`: the following comma or period goes inside the quotation marks."""
    if not mark or (mark == "." and ends_with_punctuation(text)):
        return Text(f"“{text}”")
    return Text(f"“{text}{mark}”")


def _node(part: Node | str) -> Node:
    return Text(part) if isinstance(part, str) else part


def _pages(entry: Entry) -> str:
    pages = page_range(entry.get("pages"))
    if not pages:
        return ""
    return f"pp. {pages}" if "–" in pages or "," in pages else f"p. {pages}"


class IEEE(Style):
    """IEEE: `[1] D. Boyle and M. Harris, “Title,” Journal, vol. 29, no. 4, pp. 1–2, 2009.`"""

    name = "ieee"
    title = "IEEE"
    csl_file = "ieee.csl"
    numeric = True

    def format_label(self, number: int) -> str:
        return f"[{number}]"

    def citation_sort_key(self, reference: Reference) -> tuple[object, ...]:
        return (reference.number or 0,)

    def cite(self, references: Sequence[Reference]) -> Node:
        """`[1]`; several references in number order, each in its own brackets: `[1], [3]`.

        The style does not collapse consecutive numbers into ranges.
        """
        numbers = sorted({ref.number for ref in references if ref.number is not None})
        return Text(", ".join(f"[{number}]" for number in numbers))

    def narrative_node(self, parts: CitationParts, reference: Reference) -> Node:
        return self.cite([reference])

    def cite_narrative(self, references: Sequence[Reference]) -> Node:
        return self.cite(references)

    # -- the reference -----------------------------------------------------------------

    def _author(self, entry: Entry) -> str:
        for role, labels in (
            ("author", ("", "")),
            ("editor", ("Ed.", "Eds.")),
            ("translator", ("Trans.", "Trans.")),
            ("director", ("Dir.", "Dirs.")),
        ):
            people: tuple[Person, ...] = entry.names.get(role, ())
            if people:
                text = format_names(people, _NAMES)
                label = labels[1] if len(people) > 1 else labels[0]
                return f"{text}, {label}" if label else text
        return ""

    def format_reference(self, cite: Cite) -> Node:
        entry = cite.entry
        kind = entry_kind(entry)
        author = self._author(entry)
        head: Node = Text(f"{author}, ") if author else Text("")
        return span(head, self._body(entry, kind))

    def _title(self, entry: Entry) -> str:
        return sentence_case(title_segments(entry))

    def _publisher(self, entry: Entry, kind: str) -> str:
        place = entry.get("location") or entry.get("address")
        names = split_list(entry, "publisher")
        if kind in ("report", "thesis"):
            names = split_list(entry, "institution") or names
        publisher = "; ".join(names)
        if kind in _BOOKLIKE or kind in ("chapter", "film"):
            return ": ".join(part for part in (place, publisher) if part)
        return ", ".join(part for part in (publisher, place) if part)

    def _body(self, entry: Entry, kind: str) -> Node:
        title = self._title(entry)
        issued = entry_date(entry)
        if kind == "article":
            journal = entry.get("journaltitle") or entry.get("journal")
            volume = entry.get("volume")
            issue = entry.get("number") or entry.get("issue")
            rest: list[Node | str | None] = [
                emph(journal) if journal else None,
                f"vol. {volume}" if volume else None,
                f"no. {issue}" if issue else None,
                _pages(entry),
                _month_year(issued),
            ]
            linked = bool(entry.get("url") or entry.get("doi"))
            end = "," if linked else "."
            body = self._group(title, True, rest, end)
            return join("", [body, self._access(entry, kind)])
        if kind == "chapter":
            book = sentence_case(title_segments(entry, "booktitle", "booksubtitle"))
            editors = entry.names.get("editor", ())
            editor_text = ""
            if editors:
                label = "Eds." if len(editors) > 1 else "Ed."
                editor_text = f"{format_names(editors, _EDITOR_NAMES)}, {label}"
            rest = [
                span("in ", emph(book)) if book else None,
                edition_label(entry.get("edition")),
                editor_text,
                self._collection(entry).rstrip("."),
                self._publisher(entry, kind),
                str(issued.year) if issued else "",
                _pages(entry),
            ]
            return join("", [self._group(title, True, rest, "."), self._access(entry, kind)])
        if kind == "report":
            number = " ".join(part for part in (entry.get("type"), entry.get("number")) if part)
            rest = [self._publisher(entry, kind), number, _month_year(issued)]
            return join("", [self._group(title, True, rest, "."), self._access(entry, kind)])
        if kind == "thesis":
            rest = [
                thesis_genre(entry),
                self._publisher(entry, kind),
                str(issued.year) if issued else "",
            ]
            return join("", [self._group(title, True, rest, "."), self._access(entry, kind)])
        if kind == "webpage":
            return join("", [self._group(title, True, [], "."), self._access(entry, kind)])
        if kind == "film":
            place = entry.get("location") or entry.get("address")
            date = f"({_full_date(issued)})" if issued else ""
            body = self._group(title, False, [date], ".")
            return join("", [Text(f"{place}. ") if place else "", body, self._access(entry, kind)])
        if kind in _BOOKLIKE:
            first = self._group(title, False, [edition_label(entry.get("edition"))], ".")
            tail_parts = [self._publisher(entry, kind), str(issued.year) if issued else ""]
            tail_parts.append(_pages(entry))
        else:  # booklet, misc and the rest
            first = self._group(title, True, [], ".")
            tail_parts = [self._publisher(entry, kind), _pages(entry), _full_date(issued)]
        tail = ", ".join(part for part in tail_parts if part)
        parts = [first, self._collection(entry), f"{tail}." if tail else ""]
        return join("", [join(" ", parts), self._access(entry, kind)])

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

    def _collection(self, entry: Entry) -> str:
        series = entry.get("series")
        if not series:
            return ""
        return f"in {series}."

    def _access(self, entry: Entry, kind: str) -> Node:
        doi = entry.get("doi")
        url = entry.get("url")
        if kind != "webpage" and doi:
            bare = doi_url(doi).removeprefix("https://doi.org/")
            return Text(f" doi: {bare}.")
        if not url:
            return Text("")
        accessed = entry_date(entry, "urldate")
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
        return span(" ", available)
