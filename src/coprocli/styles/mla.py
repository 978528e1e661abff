"""MLA Handbook 9th edition (in-text citations), as in the CSL style
`modern-language-association.csl`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..item import Date, Item, text_of
from ..model import Entry, Person
from ..richtext import Node, Text, emph, is_empty, join, link, span
from ._base import (
    CitationParts,
    Cite,
    El,
    Layout,
    NameFormat,
    Reference,
    Style,
    capitalise_first,
    format_names,
    group,
    head_people,
    item_kind,
    manual_title,
    names_sort_key,
    page_range,
    plain,
    quoted,
    sort_fold,
    suffix,
    variant,
)

_REFERENCE_NAMES = NameFormat(
    initialize_with=None,
    sort_order="first",
    and_word="and",
    delimiter_precedes_last="always",
    delimiter_precedes_et_al="always",
    et_al_min=3,
    et_al_use_first=1,
)
_CONTRIBUTOR_NAMES = NameFormat(
    initialize_with=None, and_word="and", et_al_min=3, et_al_use_first=1
)
_CITATION_NAMES = NameFormat(form="short", and_word="and", et_al_min=3, et_al_use_first=1)

#: The en-US short month names.
MONTHS = (
    "Jan.",
    "Feb.",
    "Mar.",
    "Apr.",
    "May",
    "June",
    "July",
    "Aug.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
)

#: Titles in quotation marks (parts of a container); the others are italic.
_QUOTED = {"article", "chapter"}
#: Who heads an entry when there is no author, with the label after the names.
_HEAD_ROLES: tuple[tuple[str, tuple[str, str]], ...] = (
    ("editor", ("editor", "editors")),
    ("translator", ("translator", "translators")),
)

SUBSTITUTE = "———"


@dataclass(frozen=True, slots=True)
class MLACite(Cite):
    """A `Cite` that may add the short title (citations that still clash after names and
    initials) or print `———` for the same authors as the entry before."""

    add_title: bool = False
    same_authors: bool = False


def _date_text(date: Date | None, *, day: bool = True) -> str:
    """`3 Nov. 2022`, `June 1996`, `2011`."""
    if date is None:
        return ""
    parts: list[str] = []
    if date.month:
        if day and date.day:
            parts.append(str(date.day))
        parts.append(MONTHS[date.month - 1])
    elif date.season:
        parts.append(date.season_name())
    parts.append(date.year_text)
    return " ".join(parts)


def _numbered(label: str, value: str) -> str:
    """`vol. 29`, and for a range `vols. 308–310` (`no.`/`nos.` alike)."""
    if not value:
        return ""
    value = page_range(value)
    return f"{label[:-1]}s. {value}" if "–" in value else f"{label} {value}"


def _short_title(item: Item) -> str:
    """The title without its subtitle (the part before a colon when there is none)."""
    segments = list(item.main_title)
    if item.main_title == item.title:
        cut: list[tuple[str, bool]] = []
        for text, protected in segments:
            if not protected and ":" in text:
                cut.append((text.split(":", 1)[0], protected))
                break
            cut.append((text, protected))
        segments = cut
    return manual_title(item, tuple(segments)).strip()


class MLA(Style):
    """MLA 9th: `Boyle, David, and Michael Harris. “Title.” Journal, vol. 29, no. 4, 2009.`"""

    name = "mla"
    title = "MLA Handbook 9th edition"
    csl_file = "modern-language-association.csl"
    numeric = False

    citation_names = _CITATION_NAMES
    disambiguate_add_names = True
    disambiguate_add_givenname = True
    givenname_initials = False  # whole given names where initials are not enough
    givenname_rule = "by-cite"
    disambiguate_year_suffix = False
    sort_citations = False
    reference_suffix = "."

    # -- names -------------------------------------------------------------------------

    def _authors(self, item: Item) -> tuple[tuple[Person, ...], str]:
        if item.author:
            return item.author, ""
        if item_kind(item) == "film":
            return (), ""  # a film is listed by its title, its director after it
        return head_people(item, _HEAD_ROLES)

    def cite_names(self, item: Item) -> tuple[Person, ...]:
        return self._authors(item)[0]

    def _reference_names(self, cite: Cite) -> str:
        people, _ = self._authors(cite.item)
        fmt = _REFERENCE_NAMES.expanded(cite.names_shown) if cite.names_shown else _REFERENCE_NAMES
        return format_names(people, fmt)

    # -- titles ------------------------------------------------------------------------

    def _title(self, item: Item, kind: str) -> Node:
        text = manual_title(item, item.volume_title or item.title)
        # Quoted: parts of a whole, unpublished works and data sets (as the CSL style).
        if kind in _QUOTED or item.type in ("manuscript", "dataset"):
            return Text(quoted(plain(suffix(text, "."))))
        return emph(text)

    def _short_title_node(self, item: Item) -> Node:
        text = _short_title(item)
        return Text(quoted(text)) if item_kind(item) in _QUOTED else emph(text)

    # -- citations ---------------------------------------------------------------------

    def citation_parts(self, cite: Cite) -> CitationParts:
        names = self.cite_names(cite.item)
        add_title = isinstance(cite, MLACite) and cite.add_title
        if not names:
            return CitationParts(self._short_title_node(cite.item))
        author = self.cite_author_node(cite, names)
        return CitationParts(author, self._short_title_node(cite.item) if add_title else Text(""))

    def disambiguate(self, cites: list[Cite]) -> list[Cite]:
        """More names, then initials; citations still alike add the short title."""
        cites = super().disambiguate(cites)
        seen: dict[str, list[int]] = {}
        for index, cite in enumerate(cites):
            seen.setdefault(plain(self.citation_parts(cite).author), []).append(index)
        out: list[Cite] = []
        for cite in cites:
            clash = len(seen[plain(self.citation_parts(cite).author)]) > 1
            out.append(_mla_cite(cite, add_title=clash and bool(self.cite_names(cite.item))))
        return out

    def narrative_node(self, parts: CitationParts, reference: Reference) -> Node:
        """`Boyle and Harris`, `Ostrom (“Crossing the Great Divide”)`."""
        if is_empty(parts.date):
            return parts.author
        return span(parts.author, " (", parts.date, ")")

    def cite(self, references: Sequence[Reference]) -> Node:
        """`(Boyle and Harris; Ostrom, “Crossing the Great Divide”)`, in the order given."""
        items = [join(", ", [ref.parts.author, ref.parts.date]) for ref in references]
        return span("(", join("; ", items), ")")

    # -- the list ----------------------------------------------------------------------

    def sort_key(self, cite: Cite) -> tuple[object, ...]:
        item = cite.item
        names = self.cite_names(item)
        head: tuple[object, ...] = (
            names_sort_key(names, demote_particle=False)
            if names
            else (sort_fold(text_of(item.title)),)
        )
        return (head, sort_fold(manual_title(item)))

    def references(self, entries: Sequence[Entry], *, citations: bool = True) -> list[Reference]:
        """The Works Cited list; a repeated author list is printed `———`."""
        out: list[Reference] = []
        previous: tuple[Person, ...] = ()
        for cite in self.prepare(entries):
            # The same people, all of them (not only those shown before "et al."), as
            # the entry before: MLA 9 (5.125) prints three em dashes for them.
            people = self._authors(cite.item)[0]
            if people and people == previous:
                cite = _mla_cite(cite, same_authors=True)
            previous = people
            out.append(self.build(cite, citations=citations))
        return out

    def _plain_names(self, cite: Cite) -> str:
        """The author list as printed, without `et al.`, for `———`."""
        text = self._reference_names(cite)
        return text.removesuffix(", et al.")

    # -- the reference: elements (laid out by `layouts` below) ---------------------------

    def el_head(self, cite: Cite) -> str:
        people, role = self._authors(cite.item)
        if not people:
            return ""
        author = self._reference_names(cite)
        if isinstance(cite, MLACite) and cite.same_authors:
            author = SUBSTITUTE + author[len(self._plain_names(cite)) :]
        return f"{author}, {role}" if role else author

    def el_title(self, cite: Cite) -> Node:
        return self._title(cite.item, item_kind(cite.item))

    def el_genre(self, cite: Cite) -> str:
        item = cite.item
        if variant(item) == "report":
            return "" if item.number else capitalise_first(item.genre)
        return item.genre

    def el_container(self, cite: Cite) -> Node | None:
        book = manual_title(cite.item, cite.item.container_title)
        return emph(book) if book else None

    def el_volume(self, cite: Cite) -> str:
        """`vol. 29`: of a journal, of the book a chapter is in, or of a multi-volume
        work whose volume has its own title."""
        item = cite.item
        if item_kind(item) in ("article", "chapter") or item.volume_title:
            return _numbered("vol.", item.volume)
        return ""

    def el_issue(self, cite: Cite) -> str:
        return _numbered("no.", cite.item.issue)

    def el_issued(self, cite: Cite) -> str:
        """`2009` for books, chapters, films and theses; `Nov. 2022` for serials, `3 Nov.
        2022` for newspapers and the rest."""
        item = cite.item
        kind = variant(item)
        if kind in ("article", "news"):
            return _date_text(item.issued, day=kind == "news") or item.status
        if item_kind(item) in ("book", "chapter", "film", "thesis"):
            return item.year_text
        return _date_text(item.issued)

    def el_directors(self, cite: Cite) -> str:
        return format_names(cite.item.people("director"), _CONTRIBUTOR_NAMES)

    def el_editors(self, cite: Cite) -> str:
        """The editors, when they do not head the entry."""
        editors = cite.item.editor
        if not editors or editors == self._authors(cite.item)[0]:
            return ""
        return format_names(editors, _CONTRIBUTOR_NAMES)

    el_container_editors = el_editors

    def el_translators(self, cite: Cite) -> str:
        people = cite.item.people("translator")
        if not people or people == self._authors(cite.item)[0]:
            return ""
        return format_names(people, _CONTRIBUTOR_NAMES)

    def el_number(self, cite: Cite) -> str:
        """A report's `Briefing paper no. 5`."""
        item = cite.item
        if not item.number:
            return ""
        label = f"no. {item.number}" if item.number.isdigit() else item.number
        return " ".join(part for part in (item.genre, label) if part)

    def el_publisher(self, cite: Cite) -> str:
        # A place is printed only where no publisher is known (as the CSL style does).
        return cite.item.publisher_text or cite.item.place

    def el_pages(self, cite: Cite) -> str:
        pages = page_range(cite.item.pages, "minimal-two")
        if not pages:
            return ""
        return f"pp. {pages}" if "–" in pages else f"p. {pages}"

    def el_link(self, cite: Cite) -> Node | None:
        url = cite.item.link
        return link(url, url) if url else None

    def el_accessed(self, cite: Cite) -> str:
        item = cite.item
        if item.issued is None and item.accessed:
            return f"Accessed {_date_text(item.accessed)}"
        return ""

    def el_collection(self, cite: Cite) -> str:
        item = cite.item
        if not item.collection_title:
            return ""
        return f"{manual_title(item, item.collection_title)} {item.collection_number}".strip()

    def el_volume_title(self, cite: Cite) -> str:
        """One volume of a multi-volume work: `Vol. 2 of Whole` (MLA 9, 5.80)."""
        item = cite.item
        return f"Vol. {item.volume} of {manual_title(item)}" if item.volume_title else ""


def _mla_cite(
    cite: Cite, *, add_title: bool | None = None, same_authors: bool | None = None
) -> MLACite:
    """`cite` as an `MLACite`, with the given flags changed."""
    current = cite if isinstance(cite, MLACite) else None
    return MLACite(
        cite.entry,
        cite.item,
        cite.number,
        cite.year_suffix,
        cite.names_shown,
        cite.add_initials,
        cite.full_given,
        add_title=(current.add_title if current else False) if add_title is None else add_title,
        same_authors=(current.same_authors if current else False)
        if same_authors is None
        else same_authors,
    )


_CONTRIBUTORS = (
    El("editors", "Edited by "),
    El("translators", "Translated by "),
    El("edition"),
    El("version", "Version "),
)
_END = (El("accessed"), El("collection"), El("volume_title"))


def _layout(
    *container: Layout, after_title: tuple[Layout, ...] = (), end: tuple[Layout, ...] = _END
) -> Layout:
    """MLA's core elements: `Author. Title. Container, contributors, version, number,
    publisher, date, location. Optional elements.`"""
    return group(
        ". ",
        El("head"),
        El("title"),
        El("original"),
        *after_title,
        group(", ", *container, El("pages"), El("link")),
        group(", ", *end),
    )


_DATE = El("issued")
_PUBLISHER = El("publisher")

MLA.layouts = {
    "article": _layout(
        group(" ", El("container"), El("place", "[", "]")),
        El("volume"),
        El("issue"),
        _DATE,
        end=(El("accessed"),),
    ),
    "news": _layout(El("container"), _DATE, end=(El("accessed"),)),
    "chapter": _layout(
        El("container"),
        El("container_editors", "edited by "),
        El("edition"),
        El("version", "Version "),
        El("volume"),
        _PUBLISHER,
        _DATE,
    ),
    # Proceedings without editors: the conference's place in brackets, no publisher
    # (as the CSL style).
    "proceedings": _layout(
        group(" ", El("container"), El("place", "[", "]")),
        El("edition"),
        El("version", "Version "),
        El("volume"),
        _DATE,
    ),
    "book": _layout(*_CONTRIBUTORS, El("volume"), _PUBLISHER, _DATE),
    "report": _layout(*_CONTRIBUTORS, El("number"), _PUBLISHER, _DATE, after_title=(El("genre"),)),
    "thesis": _layout(
        *_CONTRIBUTORS,
        _DATE,
        end=(El("accessed"), _PUBLISHER, El("genre"), El("collection"), El("volume_title")),
    ),
    "film": _layout(El("directors", "Directed by "), *_CONTRIBUTORS, _PUBLISHER, _DATE),
    "misc": _layout(*_CONTRIBUTORS, _PUBLISHER, _DATE),
}
