"""Chicago Manual of Style 18th edition, author-date, as in the CSL style
`chicago-author-date.csl`."""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Entry, Person
from ..richtext import Node, Text, emph, join, link, span
from ._base import (
    CitationParts,
    Cite,
    NameFormat,
    Reference,
    Style,
    doi_url,
    edition_label,
    entry_date,
    entry_kind,
    format_names,
    page_range,
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
    et_al_min=7,
    et_al_use_first=3,
    demote_particle=True,
)
_EDITOR_NAMES = NameFormat(initialize_with=None, and_word="and")
_CITATION_NAMES = NameFormat(form="short", and_word="and", et_al_min=3, et_al_use_first=1)

_QUOTED = {"article", "chapter", "thesis", "webpage"}


def _capitalise_first(text: str) -> str:
    return text[:1].upper() + text[1:]


class Chicago(Style):
    """Chicago author-date: `Boyle, David, and Michael Harris. 2009. “Title.” Journal 29 (4)`."""

    name = "chicago"
    title = "Chicago Manual of Style 18th edition (author-date)"
    csl_file = "chicago-author-date.csl"
    numeric = False

    citation_names = _CITATION_NAMES
    author_date_delimiter = " "
    disambiguate_add_names = True
    disambiguate_add_givenname = True
    givenname_initials = False  # whole given names where initials are not enough
    givenname_rule = "global"
    sort_citations = False
    sort_demotes_particle = True

    def _authors(self, entry: Entry) -> tuple[tuple[Person, ...], str]:
        for role, one, many in (
            ("author", "", ""),
            ("editor", "ed.", "eds."),
            ("director", "dir.", "dirs."),
        ):
            people = entry.names.get(role, ())
            if people:
                return people, many if len(people) > 1 else one
        if entry_kind(entry) == "webpage" and entry.get("organization"):
            return (Person(literal=entry.get("organization")),), ""
        return (), ""

    def cite_names(self, entry: Entry) -> tuple[Person, ...]:
        return self._authors(entry)[0]

    def _title_text(self, entry: Entry) -> str:
        return title_case(title_segments(entry))

    def _title(self, entry: Entry, kind: str) -> Node:
        text = self._title_text(entry)
        if kind in _QUOTED:
            return Text(f"“{plain(suffix(text, '.'))}”")
        return suffix(emph(text), ".")

    def citation_parts(self, cite: Cite) -> CitationParts:
        names = self.cite_names(cite.entry)
        date = Text(self.cite_date(cite))
        if names:
            return CitationParts(Text(self.cite_author_text(cite, names)), date)
        return CitationParts(emph(self._title_text(cite.entry)), date)

    def cite(self, references: Sequence[Reference]) -> Node:
        """Items in the order given; one author's works grouped: `(Ostrom 1996, 1990)`."""
        groups: list[tuple[str, Node, list[Node]]] = []
        for ref in references:
            author = plain(ref.parts.author)
            for name, _, dates in groups:
                if author and name == author:
                    dates.append(ref.parts.date)
                    break
            else:
                groups.append((author, ref.parts.author, [ref.parts.date]))
        items: list[Node] = []
        for name, author_node, dates in groups:
            years = join(", ", dates)
            gap = ", " if plain(dates[0]).startswith("n.d.") else " "
            items.append(join(gap, [author_node, years]) if name else years)
        return span("(", join("; ", items), ")")

    def format_reference(self, cite: Cite) -> Node:
        entry = cite.entry
        kind = entry_kind(entry)
        people, role = self._authors(entry)
        parts: list[Node | str | None] = []
        if people:
            names = format_names(people, _REFERENCE_NAMES)
            parts.append(suffix(f"{names}, {role}" if role else names, "."))
        parts.append(suffix(self.cite_date(cite), "."))
        title = self._title(entry, kind)
        if not people:
            parts.insert(0, title)
        else:
            parts.append(title)
        parts.extend(self._source(entry, kind))
        parts.append(self._link(entry, kind))
        return punct_join(" ", parts)

    def _source(self, entry: Entry, kind: str) -> list[Node | str | None]:
        if kind == "article":
            journal = entry.get("journaltitle") or entry.get("journal")
            volume = entry.get("volume")
            issue = entry.get("number") or entry.get("issue")
            numbers = join(" ", [volume, f"({issue})" if issue else ""])
            pages = page_range(entry.get("pages"), "chicago")
            head = join(" ", [emph(journal) if journal else "", numbers])
            return [suffix(join(": ", [head, pages]), ".")]
        if kind == "chapter":
            editors = entry.names.get("editor", ())
            book = title_case(title_segments(entry, "booktitle", "booksubtitle"))
            in_part: Node = span("In ", emph(book))
            if editors:
                in_part = span(in_part, ", edited by ", format_names(editors, _EDITOR_NAMES))
            return [suffix(in_part, "."), self._publisher(entry, "publisher")]
        if kind == "book":
            return [
                suffix(edition_label(entry.get("edition")), "."),
                self._publisher(entry, "publisher"),
            ]
        if kind == "report":
            genre = entry.get("type")
            number = entry.get("number")
            if number:
                label = title_case([(genre or "Report", False)])
                genre = f"{label} No. {number}" if number.isdigit() else f"{label} {number}"
            return [
                suffix(_capitalise_first(genre), "."),
                suffix(entry.get("series"), "."),
                self._publisher(entry, "institution"),
            ]
        if kind == "thesis":
            return [
                suffix(join(", ", [thesis_genre(entry), self._names(entry, "institution")]), ".")
            ]
        if kind == "webpage":
            # Web pages are ephemeral: month and day follow the title (CMOS18 14.104).
            organisation = entry.get("organization")
            date = entry_date(entry)
            return [
                suffix(organisation, ".") if organisation and entry.names.get("author") else None,
                suffix(date.month_day(), ".") if date and date.month_day() else None,
            ]
        if kind == "film":
            return [self._publisher(entry, "publisher")]
        place = entry.get("location") or entry.get("address")
        return [suffix(place, ".")]

    def _names(self, entry: Entry, name: str) -> str:
        return "; ".join(split_list(entry, name) or split_list(entry, "publisher"))

    def _publisher(self, entry: Entry, name: str) -> Node:
        return suffix(_capitalise_first(self._names(entry, name)), ".")

    def _link(self, entry: Entry, kind: str) -> Node | None:
        doi = entry.get("doi")
        url = doi_url(doi) if doi else entry.get("url")
        if not url:
            return None
        node: Node = suffix(link(url, url), ".")
        accessed = entry_date(entry, "urldate")
        if not doi and accessed and entry_date(entry) is None:
            when = f"Accessed {accessed.month_name()} {accessed.day}, {accessed.year}."
            node = span(when, " ", node)
        return node
