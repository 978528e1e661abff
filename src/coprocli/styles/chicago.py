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
    page_range,
    plain,
    quoted,
    suffix,
    title_case,
    variant,
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
        text = manual_title(item)
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
        return CitationParts(emph(manual_title(cite.item)), date)

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

    # -- the reference: elements (laid out by `layouts` below) ---------------------------

    def el_head(self, cite: Cite) -> str:
        people, role = self._authors(cite.item)
        names = format_names(people, _REFERENCE_NAMES)
        return f"{names}, {role}" if names and role else names

    def el_issued(self, cite: Cite) -> str:
        return self._with_original(cite.item, Style.cite_date(self, cite), "({}) {}")

    def el_title(self, cite: Cite) -> Node:
        """The title, or a volume's own title (CMOS 14.19: `Volume. Vol. 2 of Whole.`)."""
        item = cite.item
        if item.volume_title:
            return suffix(emph(manual_title(item, item.volume_title)), ".")
        return self._title(item, item_kind(item))

    def el_volume_title(self, cite: Cite) -> Node | None:
        item = cite.item
        if not item.volume_title:
            return None
        return span(f"Vol. {item.volume} of ", emph(manual_title(item)), ".")

    def el_translators(self, cite: Cite) -> str:
        return format_names(cite.item.people("translator"), _EDITOR_NAMES)

    def el_editors(self, cite: Cite) -> str:
        """The editors of a book they do not head."""
        item = cite.item
        if not item.editor or self._authors(item)[0] == item.editor:
            return ""
        return format_names(item.editor, _EDITOR_NAMES)

    def el_volume(self, cite: Cite) -> str:
        item = cite.item
        return "" if item.volume_title and variant(item) != "chapter" else item.volume

    def el_container(self, cite: Cite) -> Node:
        """The journal or book; a chapter's book after `In` or `Chap. 9 in`."""
        item = cite.item
        book = manual_title(item, item.container_title)
        if not book:
            return Text("")
        if variant(item) == "chapter":
            lead = f"Chap. {item.chapter} in " if item.chapter else "In "
            return span(lead, emph(book))
        return emph(book)

    def el_container_editors(self, cite: Cite) -> str:
        return format_names(cite.item.editor, _EDITOR_NAMES)

    def el_issue(self, cite: Cite) -> str:
        """The issue; with no issue number, the month stands in its place (CMOS 14.71)."""
        item = cite.item
        date = item.issued
        return item.issue or (date.month_name() if date else "")

    def el_month_day(self, cite: Cite) -> str:
        date = cite.item.issued
        return date.month_day() if date else ""

    def el_pages(self, cite: Cite) -> str:
        return page_range(cite.item.pages, "chicago")

    def el_genre(self, cite: Cite) -> str:
        """A thesis's `PhD diss.`, a report's `Report No. 5`, a manuscript's description."""
        item = cite.item
        kind = variant(item)
        if kind == "manuscript":
            return item.genre or item.note
        if kind != "report":
            return item.genre
        genre = item.genre
        if item.number:
            label = title_case([(genre or "Report", False)], manual=True)
            genre = (
                f"{label} No. {item.number}" if item.number.isdigit() else f"{label} {item.number}"
            )
        return capitalise_first(genre)

    def el_collection(self, cite: Cite) -> str:
        """`Studies in Participatory Governance 14`."""
        item = cite.item
        series = manual_title(item, item.collection_title)
        return f"{series} {item.collection_number}".strip() if series else ""

    def el_publisher(self, cite: Cite) -> str:
        """The publisher; a place only where no publisher is known (as the CSL style); a
        thesis's university; the site of a web page that has an author."""
        item = cite.item
        kind = variant(item)
        if kind == "thesis":
            return item.publisher_text
        if kind == "webpage":
            return item.publisher_text if item.author else ""
        return capitalise_first(item.publisher_text or item.place)

    def el_link(self, cite: Cite) -> Node | None:
        item = cite.item
        url = item.link
        if not url:
            return None
        node: Node = suffix(link(url, url), ".")
        accessed = item.accessed
        if not item.doi and accessed and item.issued is None:
            when = f"Accessed {accessed.month_name()} {accessed.day}, {accessed.year}."
            node = span(when, " ", node)
        return node


def _layout(*source: Layout, part: bool = False) -> Layout:
    """Chicago's shape: `Author. Year. Title. Source. Link.`; a work with no author is
    headed by its title. Translators follow the title of a whole work (a part's belong
    to its container)."""
    title = El("title")
    translators = () if part else (El("translators", "Translated by ", "."),)
    return group(
        " ",
        El("head", suffix=".", sub=title),
        El("issued", suffix="."),
        title,
        El("volume_title"),
        El("version", "Version ", "."),
        *translators,
        *source,
        El("link"),
    )


_SERIES = El("collection", suffix=".")
_PUBLISHER = El("publisher", suffix=".")

Chicago.layouts = {
    # `*Journal* (Place) 22 (4): 1–20.`
    "article": _layout(
        group(
            ": ",
            group(
                " ",
                El("container"),
                El("place", "(", ")"),
                group(" ", El("volume"), El("issue", "(", ")")),
            ),
            El("pages"),
            suffix=".",
        ),
        part=True,
    ),
    # Newspapers and magazines: month and day after the title (CMOS 14.89).
    "news": _layout(group(", ", El("container"), El("month_day"), suffix="."), part=True),
    # `Chap. 9 in *Book*, 2nd ed., edited by A and B, vol. 5. Series. Publisher.`
    "chapter": _layout(
        group(
            ", ",
            El("container"),
            El("edition"),
            El("container_editors", "edited by "),
            El("volume", "vol. "),
            suffix=".",
        ),
        _SERIES,
        _PUBLISHER,
        part=True,
    ),
    # Proceedings without editors are cited like a journal, as chicago-author-date.csl
    # does: `*Proceedings of …* (Oslo), June, 33–41.`
    "proceedings": _layout(
        group(
            ", ",
            group(" ", El("container"), El("place", "(", ")")),
            El("month_day"),
            El("pages"),
            suffix=".",
        ),
        part=True,
    ),
    "book": _layout(
        El("edition", suffix="."),
        El("volume", "Vol. ", "."),
        El("editors", "Edited by ", "."),
        _SERIES,
        _PUBLISHER,
    ),
    "report": _layout(El("genre", suffix="."), _SERIES, _PUBLISHER),
    "thesis": _layout(group(", ", El("genre"), _PUBLISHER, suffix=".")),
    # Web pages are ephemeral: month and day follow the title (CMOS18 14.104).
    "webpage": _layout(group(", ", El("publisher"), El("month_day"), suffix=".")),
    "manuscript": _layout(_PUBLISHER, El("genre", suffix=".")),
    "misc": _layout(_PUBLISHER),
}
