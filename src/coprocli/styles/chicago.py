"""Chicago Manual of Style 18th edition, author-date, as in the CSL style
`chicago-author-date.csl`."""

from __future__ import annotations

from collections.abc import Sequence

from ..item import Item
from ..model import Person
from ..richtext import Node, Text, emph, join, link, span
from ._base import (
    CitationParts,
    Cite,
    NameFormat,
    Reference,
    Style,
    capitalise_first,
    edition_label,
    format_names,
    head_people,
    item_kind,
    page_range,
    plain,
    punct_join,
    quoted,
    suffix,
    title_case,
    title_title,
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
_HEAD_ROLES: tuple[tuple[str, tuple[str, str]], ...] = (
    ("author", ("", "")),
    ("editor", ("ed.", "eds.")),
    ("director", ("dir.", "dirs.")),
)


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

    def _authors(self, item: Item) -> tuple[tuple[Person, ...], str]:
        people, role = head_people(item, _HEAD_ROLES)
        if people:
            return people, role
        if item_kind(item) == "webpage" and item.publisher:
            return (Person(literal=item.publisher_text),), ""
        return (), ""

    def cite_names(self, item: Item) -> tuple[Person, ...]:
        return self._authors(item)[0]

    def _title(self, item: Item, kind: str) -> Node:
        text = title_title(item)
        # Quoted: parts of a whole, unpublished works (CMOS 14.111), data sets.
        if kind in _QUOTED or item.type in ("manuscript", "dataset"):
            return Text(quoted(plain(suffix(text, "."))))
        return suffix(emph(text), ".")

    def cite_date(self, cite: Cite) -> str:
        """`2009a`, or `[1962] 2005` for a reprint (CMOS 15.38)."""
        year = super().cite_date(cite)
        return self._with_original(cite.item, year, "[{}] {}")

    def _with_original(self, item: Item, year: str, form: str) -> str:
        if item.original_year:
            return form.format(item.original_year, year)
        return year

    def citation_parts(self, cite: Cite) -> CitationParts:
        names = self.cite_names(cite.item)
        date = Text(self.cite_date(cite))
        if names:
            return CitationParts(self.cite_author_node(cite, names), date)
        return CitationParts(emph(title_title(cite.item)), date)

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
        item = cite.item
        kind = item_kind(item)
        people, role = self._authors(item)
        parts: list[Node | str | None] = []
        if people:
            names = format_names(people, _REFERENCE_NAMES)
            parts.append(suffix(f"{names}, {role}" if role else names, "."))
        year = super().cite_date(cite)
        parts.append(suffix(self._with_original(item, year, "({}) {}"), "."))
        title = self._title(item, kind)
        if not people:
            parts.insert(0, title)
        else:
            parts.append(title)
        if item.volume_title:
            # One volume of a multi-volume work (CMOS 14.19): `Volume. Vol. 2 of Whole.`
            parts[-1] = suffix(emph(title_title(item, item.volume_title)), ".")
            whole = title_title(item)
            parts.append(span(f"Vol. {item.volume} of ", emph(whole), "."))
        if item.version:
            parts.append(suffix(f"Version {item.version}", "."))
        translators = item.people("translator")
        if translators and kind not in ("article", "chapter"):
            parts.append(suffix(f"Translated by {format_names(translators, _EDITOR_NAMES)}", "."))
        parts.extend(self._source(item, kind, people))
        if item.type == "manuscript":
            parts.append(suffix(item.genre or item.note, "."))
        parts.append(self._link(item))
        return punct_join(" ", parts)

    def _source(self, item: Item, kind: str, head: tuple[Person, ...]) -> list[Node | str | None]:
        if kind == "article":
            journal = title_title(item, item.container_title)
            date = item.issued
            if item.type in ("article-newspaper", "article-magazine"):
                # Newspapers and magazines: month and day after the title (CMOS 14.89).
                when = date.month_day() if date else ""
                return [suffix(join(", ", [emph(journal) if journal else "", when]), ".")]
            # With no issue number, the month stands in its place (CMOS 14.71).
            month = date.month_name() if date and not item.issue else ""
            issue = item.issue or month
            numbers = join(" ", [item.volume, f"({issue})" if issue else ""])
            pages = page_range(item.pages, "chicago")
            # A journal's place, where the .bib gives one, tells like-named journals apart
            # (CMOS 14.72): `*Journal* (New York) 22 (4)`.
            place = f"({item.place})" if item.place else ""
            container = join(" ", [emph(journal) if journal else "", place, numbers])
            return [suffix(join(": ", [container, pages]), ".")]
        if kind == "chapter":
            return self._container(item)
        if kind == "book":
            edited = None
            if item.editor and head != item.editor:
                edited = suffix(f"Edited by {format_names(item.editor, _EDITOR_NAMES)}", ".")
            return [
                suffix(edition_label(item.edition), "."),
                suffix(f"Vol. {item.volume}", ".")
                if item.volume and not item.volume_title
                else None,
                edited,
                self._series(item),
                self._publisher(item),
            ]
        if kind == "report":
            genre = item.genre
            number = item.number
            if number:
                label = title_case([(genre or "Report", False)])
                genre = f"{label} No. {number}" if number.isdigit() else f"{label} {number}"
            return [
                suffix(capitalise_first(genre), "."),
                self._series(item),
                self._publisher(item),
            ]
        if kind == "thesis":
            return [suffix(join(", ", [item.genre, item.publisher_text]), ".")]
        if kind == "webpage":
            # Web pages are ephemeral: month and day follow the title (CMOS18 14.104).
            date = item.issued
            site = item.publisher_text if item.publisher and item.author else ""
            when = date.month_day() if date else ""
            return [suffix(join(", ", [site, when]), ".")]
        return [self._publisher(item)]

    def _container(self, item: Item) -> list[Node | str | None]:
        """`Chap. 9 in *Book*, 2nd ed., edited by A and B, vol. 5. Series. Publisher.`"""
        book = title_title(item, item.container_title)
        if item.type == "paper-conference" and not item.editor:
            # Proceedings without editors are cited like a journal, as
            # chicago-author-date.csl does: `*Proceedings of …* (Oslo), June, 33–41.`
            place = f"({item.place})" if item.place else ""
            proceedings = join(" ", [emph(book) if book else "", place])
            month = item.issued.month_day() if item.issued else ""
            pages = page_range(item.pages, "chicago")
            return [suffix(join(", ", [proceedings, month, pages]), ".")]
        lead = f"Chap. {item.chapter} in " if item.chapter else "In "
        parts: list[Node | str] = [span(lead, emph(book))]
        parts.append(edition_label(item.edition))
        if item.editor:
            parts.append(f"edited by {format_names(item.editor, _EDITOR_NAMES)}")
        if item.volume:
            parts.append(f"vol. {item.volume}")
        return [suffix(join(", ", parts), "."), self._series(item), self._publisher(item)]

    def _volume(self, item: Item) -> Node | None:
        """`Vol. 2.` of a book (one with its own title says so after its title)."""
        return suffix(f"Vol. {item.volume}", ".") if item.volume and not item.volume_title else None

    def _series(self, item: Item) -> Node | None:
        """`Studies in Participatory Governance 14.`"""
        series = title_title(item, item.collection_title)
        if not series:
            return None
        return suffix(f"{series} {item.collection_number}".strip(), ".")

    def _publisher(self, item: Item) -> Node:
        # A place is printed only where no publisher is known (as the CSL style does).
        return suffix(capitalise_first(item.publisher_text or item.place), ".")

    def _link(self, item: Item) -> Node | None:
        url = item.link
        if not url:
            return None
        node: Node = suffix(link(url, url), ".")
        accessed = item.accessed
        if not item.doi and accessed and item.issued is None:
            when = f"Accessed {accessed.month_name()} {accessed.day}, {accessed.year}."
            node = span(when, " ", node)
        return node
