"""MLA Handbook 9th edition (in-text citations), as in the CSL style
`modern-language-association.csl`."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

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
    entry_date,
    entry_kind,
    field_segments,
    fold,
    format_names,
    names_sort_key,
    plain,
    punct_join,
    split_list,
    suffix,
    thesis_genre,
    title_case,
    title_segments,
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

SUBSTITUTE = "———"


@dataclass(frozen=True, slots=True)
class MLACite(Cite):
    """A `Cite` that may add the short title (citations that still clash after names and
    initials) or print `———` for the same authors as the entry before."""

    add_title: bool = False
    same_authors: bool = False


def page_range_minimal_two(pages: str) -> str:
    """`1203--1221` -> `1203–21`, `101--109` -> `101–09` (CSL `minimal-two`)."""

    def one(match: re.Match[str]) -> str:
        first, last = match.group(1), match.group(2)
        if first.isdigit() and last.isdigit() and len(first) == len(last):
            index = 0
            while index < len(first) - 2 and first[index] == last[index]:
                index += 1
            last = last[index:]
        return f"{first}–{last}"

    return re.sub(r"(\w+)\s*(?:-+|–|—)\s*(\w+)", one, pages.strip())


def _date_text(date: DateParts | None, *, day: bool = True) -> str:
    """`3 Nov. 2022`, `June 1996`, `2011`."""
    if date is None:
        return ""
    parts: list[str] = []
    if date.month:
        if day and date.day:
            parts.append(str(date.day))
        parts.append(MONTHS[date.month - 1])
    parts.append(str(date.year))
    return " ".join(parts)


def _short_title(entry: Entry) -> str:
    """The title without its subtitle (the part before a colon when there is none)."""
    segments = field_segments(entry, "title")
    if not entry.get("subtitle"):
        cut: list[tuple[str, bool]] = []
        for text, protected in segments:
            if not protected and ":" in text:
                cut.append((text.split(":", 1)[0], protected))
                break
            cut.append((text, protected))
        segments = cut
    return title_case(segments).strip()


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

    # -- names -------------------------------------------------------------------------

    def _authors(self, entry: Entry) -> tuple[tuple[Person, ...], str]:
        people = entry.names.get("author", ())
        if people:
            return people, ""
        for role, one, many in (
            ("editor", "editor", "editors"),
            ("translator", "translator", "translators"),
        ):
            people = entry.names.get(role, ())
            if people:
                return people, many if len(people) > 1 else one
        return (), ""

    def cite_names(self, entry: Entry) -> tuple[Person, ...]:
        return self._authors(entry)[0]

    def _reference_names(self, cite: Cite) -> str:
        people, _ = self._authors(cite.entry)
        fmt = _REFERENCE_NAMES.expanded(cite.names_shown) if cite.names_shown else _REFERENCE_NAMES
        return format_names(people, fmt)

    # -- titles ------------------------------------------------------------------------

    def _title_text(self, entry: Entry) -> str:
        return title_case(title_segments(entry))

    def _title(self, entry: Entry, kind: str) -> Node:
        text = self._title_text(entry)
        if kind in _QUOTED:
            return Text(f"“{plain(suffix(text, '.'))}”")
        return emph(text)

    def _short_title_node(self, entry: Entry) -> Node:
        text = _short_title(entry)
        return Text(f"“{text}”") if entry_kind(entry) in _QUOTED else emph(text)

    # -- citations ---------------------------------------------------------------------

    def citation_parts(self, cite: Cite) -> CitationParts:
        names = self.cite_names(cite.entry)
        add_title = isinstance(cite, MLACite) and cite.add_title
        if not names:
            return CitationParts(self._short_title_node(cite.entry))
        author = Text(self.cite_author_text(cite, names))
        return CitationParts(author, self._short_title_node(cite.entry) if add_title else Text(""))

    def disambiguate(self, cites: list[Cite]) -> list[Cite]:
        """More names, then initials; citations still alike add the short title."""
        cites = super().disambiguate(cites)
        seen: dict[str, list[int]] = {}
        for index, cite in enumerate(cites):
            seen.setdefault(plain(self.citation_parts(cite).author), []).append(index)
        out: list[Cite] = []
        for cite in cites:
            clash = len(seen[plain(self.citation_parts(cite).author)]) > 1
            out.append(_mla_cite(cite, add_title=clash and bool(self.cite_names(cite.entry))))
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
        entry = cite.entry
        names = self.cite_names(entry)
        head: tuple[object, ...] = (
            names_sort_key(names, demote_particle=False) if names else (fold(entry.title),)
        )
        return (head, fold(self._title_text(entry)))

    def references(self, entries: Sequence[Entry], *, citations: bool = True) -> list[Reference]:
        """The Works Cited list; a repeated author list is printed `———`."""
        unique: dict[str, Entry] = {}
        for entry in entries:
            unique.setdefault(entry.key, entry)
        cites = sorted((Cite(entry) for entry in unique.values()), key=self.sort_key)
        cites = self.disambiguate(cites)
        out: list[Reference] = []
        previous = ""
        for cite in cites:
            names = self._plain_names(cite)
            if names and names == previous:
                cite = _mla_cite(cite, same_authors=True)
            previous = names
            out.append(self.build(cite, citations=citations))
        return out

    def _plain_names(self, cite: Cite) -> str:
        """The author list as printed, without `et al.`, for `———`."""
        text = self._reference_names(cite)
        return text.removesuffix(", et al.")

    # -- the reference -----------------------------------------------------------------

    def format_reference(self, cite: Cite) -> Node:
        entry = cite.entry
        kind = entry_kind(entry)
        people, role = self._authors(entry)
        author = ""
        if people:
            author = self._reference_names(cite)
            if isinstance(cite, MLACite) and cite.same_authors:
                author = SUBSTITUTE + author[len(self._plain_names(cite)) :]
            if role:
                author = f"{author}, {role}"
        parts: list[Node | str | None] = [
            author,
            self._title(entry, kind),
            self._after_title(entry, kind),
            self._container(entry, kind),
            self._end(entry, kind),
        ]
        return suffix(punct_join(". ", parts), ".")

    def _after_title(self, entry: Entry, kind: str) -> str:
        if kind in ("report",) and not entry.get("number"):
            genre = entry.get("type")
            return genre[:1].upper() + genre[1:]
        return ""

    def _publisher(self, entry: Entry, kind: str) -> str:
        names = split_list(entry, "publisher")
        if kind in ("report", "thesis"):
            names = split_list(entry, "institution") or names
        if kind == "webpage":
            names = split_list(entry, "organization") or names
        if names:
            return "; ".join(names)
        return entry.get("location") or entry.get("address")

    def _container(self, entry: Entry, kind: str) -> Node:
        issued = entry_date(entry)
        parts: list[Node | str | None] = []
        if kind == "article":
            journal = entry.get("journaltitle") or entry.get("journal")
            volume = entry.get("volume")
            issue = entry.get("number") or entry.get("issue")
            parts += [
                emph(
                    title_case(
                        field_segments(entry, "journaltitle") or field_segments(entry, "journal")
                    )
                )
                if journal
                else None,
                f"vol. {volume}" if volume else None,
                f"no. {issue}" if issue else None,
                _date_text(issued, day=False),
            ]
        else:
            if kind == "chapter":
                book = title_case(title_segments(entry, "booktitle", "booksubtitle"))
                parts.append(emph(book) if book else None)
                editors = entry.names.get("editor", ())
                if editors:
                    parts.append(f"edited by {format_names(editors, _CONTRIBUTOR_NAMES)}")
            directors = entry.names.get("director", ())
            if directors and kind == "film":
                parts.append(f"Directed by {format_names(directors, _CONTRIBUTOR_NAMES)}")
            parts.append(edition_label(entry.get("edition")))
            number = entry.get("number")
            if kind == "report" and number:
                label = f"no. {number}" if number.isdigit() else number
                parts.append(" ".join(part for part in (entry.get("type"), label) if part))
            if kind != "thesis":
                parts.append(self._publisher(entry, kind))
            if kind in ("book", "chapter", "film", "thesis"):
                parts.append(str(issued.year) if issued else "")
            else:
                parts.append(_date_text(issued))
        pages = page_range_minimal_two(entry.get("pages"))
        if pages:
            parts.append(f"pp. {pages}" if "–" in pages else f"p. {pages}")
        parts.append(self._link(entry))
        return join(", ", parts)

    def _link(self, entry: Entry) -> Node | None:
        doi = entry.get("doi")
        url = doi_url(doi) if doi else entry.get("url")
        return link(url, url) if url else None

    def _end(self, entry: Entry, kind: str) -> str:
        parts: list[str] = []
        if entry_date(entry) is None:
            accessed = entry_date(entry, "urldate")
            if accessed:
                parts.append(f"Accessed {_date_text(accessed)}")
        if kind == "thesis":
            parts += [self._publisher(entry, kind), thesis_genre(entry)]
        series = entry.get("series")
        if series and kind != "article":
            parts.append(title_case(field_segments(entry, "series")))
        return ", ".join(part for part in parts if part)


def _mla_cite(
    cite: Cite, *, add_title: bool | None = None, same_authors: bool | None = None
) -> MLACite:
    """`cite` as an `MLACite`, with the given flags changed."""
    current = cite if isinstance(cite, MLACite) else None
    return MLACite(
        cite.entry,
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
