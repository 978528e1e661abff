"""IEEE reference guide (2023), as in the CSL style `ieee.csl`."""

from __future__ import annotations

from collections.abc import Sequence

from ..item import Date, bare_doi, text_of
from ..richtext import Node, Span, Text, emph, join, link, span
from ._base import (
    Cite,
    El,
    Layout,
    NameFormat,
    NumericStyle,
    Reference,
    ends_with_punctuation,
    group,
    head_people,
    named_role,
    page_label,
    page_range,
    quoted,
    role_label,
    sentence_container,
    sentence_title,
    suffix,
    variant,
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

    # -- punctuation: commas and periods go inside closing quotation marks ----------------

    def join_parts(self, delimiter: str, parts: list[Node]) -> Node:
        """`“Title,” *Journal*`: a delimiter's comma or period goes inside the closing
        quotation mark of the part before it (American usage; none after `?` or `!`)."""
        if delimiter[:1] not in ",.":
            return join(delimiter, parts)
        out: list[Node] = []
        for part in parts:
            if out:
                inside = _inside_quote(out[-1], delimiter[0])
                if inside is not None:
                    out[-1] = inside
                    out.append(Text(delimiter[1:]))
                else:
                    out.append(Text(delimiter))
            out.append(part)
        return Span(tuple(out))

    def add_suffix(self, node: Node, mark: str) -> Node:
        inside = _inside_quote(node, mark[0]) if mark[:1] in ",." else None
        if inside is not None:
            return span(inside, mark[1:]) if mark[1:] else inside
        return suffix(node, mark)

    # -- the reference: elements (laid out by `layouts` below) ---------------------------

    def el_head(self, cite: Cite) -> Node:
        people, label = head_people(cite.item, _HEAD_ROLES)
        return named_role(people, _NAMES, label, ", {}")

    def el_title(self, cite: Cite) -> Node:
        """Books, films and software in italics; everything else in quotation marks."""
        title = sentence_title(cite.item)
        if not title:
            return Text("")
        if variant(cite.item) in _ITALIC:
            return emph(title)
        return Text(quoted(title))

    def el_container(self, cite: Cite) -> Node:
        item = cite.item
        if variant(item) in ("article", "news"):
            journal = text_of(item.container_title)
        else:
            journal = sentence_container(item)
        return emph(journal) if journal else Text("")

    def el_volume(self, cite: Cite) -> str:
        return f"vol. {cite.item.volume}" if cite.item.volume else ""

    def el_volumes(self, cite: Cite) -> str:
        return f"{cite.item.volumes} vols." if cite.item.volumes else ""

    def el_issue(self, cite: Cite) -> str:
        return f"no. {cite.item.issue}" if cite.item.issue else ""

    def el_editors(self, cite: Cite) -> Node | None:
        """An authored book's editors follow the edition (IEEE guide: books)."""
        return self.el_container_editors(cite) if cite.item.author else None

    def el_container_editors(self, cite: Cite) -> Node:
        editors = cite.item.editor
        return named_role(editors, _EDITOR_NAMES, role_label(editors, ("Ed.", "Eds.")), ", {}")

    def el_collection(self, cite: Cite) -> str:
        """`in Lecture notes in physics, vol. 172`: the series, in sentence case as every
        title of the style, and the volume in it."""
        item = cite.item
        if not item.collection_title:
            return ""
        series = sentence_title(item, item.collection_title)
        if item.collection_number:
            return f"in {series}, no. {item.collection_number}"
        return f"in {series}, vol. {item.volume}" if item.volume else f"in {series}"

    def el_chapter(self, cite: Cite) -> str:
        return f"ch. {cite.item.chapter}" if cite.item.chapter else ""

    def el_pages(self, cite: Cite) -> str:
        return page_label(page_range(cite.item.pages))

    def el_publisher(self, cite: Cite) -> str:
        """`Place: Publisher` for books, chapters and films; `Publisher, Place` else."""
        item = cite.item
        if variant(item) in ("book", "inbook", "chapter", "proceedings", "film"):
            return ": ".join(part for part in (item.place, item.publisher_text) if part)
        if variant(item) == "software":
            return item.publisher_text
        return ", ".join(part for part in (item.publisher_text, item.place) if part)

    def el_issued(self, cite: Cite) -> str:
        """`Jun. 1996` for serials, reports and conference papers (the month of the
        conference, as ieee.csl); `Feb. 01, 2024` for newspapers, films and stand-alone
        works; the year of books, chapters and theses."""
        item = cite.item
        issued = item.issued
        kind = variant(item)
        if kind in ("article", "report", "proceedings") or item.type == "paper-conference":
            return _month_year(issued) or (item.status if kind == "article" else "")
        if kind == "news":
            return _full_date(issued) or item.status
        if kind in ("film", "misc", "booklet", "dataset"):
            return _full_date(issued)
        if kind == "manuscript":
            return _full_date(issued) or item.year_text
        return item.year_text

    def el_doi(self, cite: Cite) -> str:
        item = cite.item
        if not item.doi or variant(item) == "webpage":
            return ""
        return f"doi: {bare_doi(item.doi)}."

    def el_accessed(self, cite: Cite) -> str:
        item = cite.item
        if not (item.url and item.accessed) or self.el_doi(cite):
            return ""
        return f"Accessed: {_full_date(item.accessed)}."

    def el_link(self, cite: Cite) -> Node | None:
        """`[Online]. Available: URL`: the IEEE guide marks every online source so
        (ieee.csl only those with an access date); a film `[Online Video]`."""
        item = cite.item
        if not item.url or self.el_doi(cite):
            return None
        online = "[Online Video]" if variant(item) == "film" else "[Online]"
        return span(f"{online}. Available: ", link(item.url, item.url))


def _inside_quote(node: Node, mark: str) -> Node | None:
    """`node` with `mark` inside its closing quotation mark (dropped after a title's own
    `?`, `!` or `.`); None when `node` does not end with a quotation."""
    if isinstance(node, Text):
        if not node.text.endswith("”"):
            return None
        inner = node.text[:-1]
        if ends_with_punctuation(inner):
            return node
        return Text(f"{inner}{mark}”")
    if isinstance(node, Span) and node.children:
        last = _inside_quote(node.children[-1], mark)
        return None if last is None else Span((*node.children[:-1], last))
    return None


#: Who heads a reference, with the role label after the names.
_HEAD_ROLES: tuple[tuple[str, tuple[str, str]], ...] = (
    ("author", ("", "")),
    ("editor", ("Ed.", "Eds.")),
    ("translator", ("Trans.", "Trans.")),
    ("director", ("Dir.", "Dirs.")),
)


#: Variants whose titles are italic.
_ITALIC = frozenset({"book", "inbook", "film", "software"})


def _layout(*body: Layout) -> Layout:
    """`Names, body. doi: …` or `Names, body. Accessed: …. [Online]. Available: URL`."""
    return group(
        ", ",
        El("head"),
        group(" ", *body, group(" ", El("doi"), El("accessed")), El("link")),
    )


def _serial(*numbers: Layout) -> Layout:
    """An article: a DOI or an access date follows after a comma, `[Online]. Available:`
    after a full stop: `“Title,” *Journal*, vol. 2, no. 4, pp. 1–9, 2009, doi: ….`"""
    return group(
        ", ",
        El("head"),
        group(
            " ",
            group(
                ", ",
                group(", ", El("title"), El("container"), *numbers, El("pages"), El("issued")),
                El("doi"),
                El("accessed"),
                suffix=".",
            ),
            El("link"),
        ),
    )


_BOOK = (
    group(
        ", ",
        El("title"),
        El("edition"),
        group(", ", El("volume"), El("volumes")),
        El("editors"),
        suffix=".",
    ),
    El("collection", suffix="."),
)

IEEE.layouts = {
    "article": _serial(El("volume"), El("issue")),
    "news": _serial(),
    "chapter": _layout(
        group(
            ", ",
            El("title"),
            El("container", "in "),
            El("edition"),
            El("volume"),
            El("container_editors"),
            El("collection"),
            El("publisher"),
            El("issued"),
            El("chapter"),
            El("pages"),
            suffix=".",
        )
    ),
    "book": _layout(*_BOOK, group(", ", El("publisher"), El("issued"), El("pages"), suffix=".")),
    # A classic `@inbook`: the chapter before the pages.
    "inbook": _layout(
        *_BOOK, group(", ", El("publisher"), El("issued"), El("chapter"), El("pages"), suffix=".")
    ),
    "report": _layout(
        group(
            ", ",
            El("title"),
            El("publisher"),
            group(" ", El("genre"), El("number")),
            El("issued"),
            suffix=".",
        )
    ),
    "thesis": _layout(
        group(", ", El("title"), El("genre"), El("publisher"), El("issued"), suffix=".")
    ),
    "webpage": _layout(El("title", suffix=".")),
    # `London. *Title*, (Feb. 01, 2024).`
    "film": _layout(
        El("place", suffix="."), group(", ", El("title"), El("issued", "(", ")"), suffix=".")
    ),
    # Software: `*Title*. (2023). Publisher.` (IEEE guide: software; as ieee.csl).
    "software": _layout(
        El("title", suffix="."), El("issued", "(", ")."), El("publisher", suffix=".")
    ),
    "manuscript": _layout(
        group(", ", El("title"), El("publisher"), El("pages"), El("issued"), suffix=".")
    ),
    "misc": _layout(
        El("title", suffix="."),
        El("collection", suffix="."),
        group(", ", El("publisher"), El("pages"), El("issued"), suffix="."),
    ),
}
