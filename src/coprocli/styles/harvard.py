"""Harvard, Cite Them Right 12th edition (British English), as in the CSL style
`harvard-cite-them-right.csl`, and the manual where the two differ (films, documents,
conference papers)."""

from __future__ import annotations

from ..item import Item, text_of
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
    edition_label,
    group,
    item_kind,
    named_role,
    names_node,
    page_label,
    page_range,
    place_publisher,
    quoted,
    role_label,
    sentence_container,
    sentence_title,
    variant,
)

_REFERENCE_NAMES = NameFormat(
    initialize_with=".",
    sort_order="all",
    and_word="and",
    delimiter_precedes_last="never",
    et_al_min=4,
    et_al_use_first=1,
    et_al_italic=True,
)
#: Editors of a book a chapter sits in: `T. Green and N. Hall`, `T. Green et al.` (CTR
#: lists up to three, without a comma before "and"; initials as in author lists, `C.M.`).
_EDITOR_NAMES = NameFormat(
    initialize_with=".",
    and_word="and",
    delimiter_precedes_last="never",
    et_al_min=4,
    et_al_use_first=1,
)
_CITATION_NAMES = NameFormat(
    form="short",
    and_word="and",
    delimiter_precedes_last="never",
    et_al_min=4,
    et_al_use_first=1,
    et_al_italic=True,
)

#: Titles in single quotation marks: parts of something larger, and pamphlets (as
#: harvard-cite-them-right.csl). A stand-alone document (`misc`) is italic as CTR shows.
_QUOTED = {"article", "chapter", "booklet"}
_EDITOR_LABELS = ("ed.", "eds")


class Harvard(Style):
    """Cite Them Right Harvard: `Boyle, D. and Harris, M. (2009) ‘Title’, Journal, ...`."""

    name = "harvard"
    title = "Harvard (Cite Them Right 12th edition)"
    csl_file = "harvard-cite-them-right.csl"
    numeric = False
    locale = "en-GB"

    citation_names = _CITATION_NAMES
    disambiguate_add_names = True
    disambiguate_add_givenname = True
    no_date = "no date"
    edition_abbreviation = "edn"
    reference_suffix = "."

    def _authors(self, item: Item) -> tuple[tuple[Person, ...], str]:
        if item.author:
            return item.author, ""
        if item.editor:
            return item.editor, role_label(item.editor, _EDITOR_LABELS)
        return (), ""

    def cite_names(self, item: Item) -> tuple[Person, ...]:
        return self._authors(item)[0]

    def citation_sort_key(self, reference: Reference) -> tuple[object, ...]:
        """Citations list their items by year (CSL: sort by `year-date`)."""
        date = reference.item.issued
        return (date is None, date.sort_key if date else (0, 0, 0))

    def _title(self, item: Item, kind: str) -> Node:
        text = sentence_title(item)
        # Quoted: parts of a whole, pamphlets, and the stand-alone works CSL has no form
        # for (datasets, software, manuscripts); a plain document is italic (CTR).
        if kind in _QUOTED or (kind == "misc" and item.type != "document"):
            return Text(quoted(text, "‘’"))
        return emph(text)

    def citation_parts(self, cite: Cite) -> CitationParts:
        names = self.cite_names(cite.item)
        date = Text(self.cite_date(cite))
        if names:
            return CitationParts(self.cite_author_node(cite, names), date)
        return CitationParts(self._headless_title(cite.item, item_kind(cite.item)), date)

    def _headless_title(self, item: Item, kind: str) -> Node:
        """The title that names a work with no author in citations: a book's edition goes
        with it (`Manual. 2nd edn`), as the CSL style has it."""
        title = self._title(item, kind)
        edition = edition_label(item.edition, "edn") if kind == "book" else ""
        return join(". ", [title, edition]) if edition else title

    # -- the reference: elements (laid out by `layouts` below) ---------------------------

    def el_head(self, cite: Cite) -> Node:
        people, role = self._authors(cite.item)
        return named_role(people, _REFERENCE_NAMES, role)

    def el_issued(self, cite: Cite) -> str:
        return self.cite_date(cite)

    def el_title(self, cite: Cite) -> Node:
        return self._title(cite.item, item_kind(cite.item))

    def el_editors(self, cite: Cite) -> Node | None:
        """An authored book's editors."""
        item = cite.item
        return names_node(item.editor, _EDITOR_NAMES) if item.editor and item.author else None

    def el_translators(self, cite: Cite) -> Node | None:
        people = cite.item.people("translator")
        return names_node(people, _EDITOR_NAMES) if people else None

    def el_directors(self, cite: Cite) -> Node | None:
        people = cite.item.people("director")
        return names_node(people, _EDITOR_NAMES) if people else None

    def el_genre(self, cite: Cite) -> str:
        """`PhD thesis`, `Briefing paper`; films are `[Film]` (CTR: films)."""
        return "[Film]" if item_kind(cite.item) == "film" else cite.item.genre

    def el_container(self, cite: Cite) -> Node:
        item = cite.item
        if item_kind(item) == "article":
            journal = text_of(item.container_title)
        else:
            journal = sentence_container(item)
        return emph(journal) if journal else Text("")

    def el_container_editors(self, cite: Cite) -> Node:
        """`T. Green and N. Hall (eds)`: with them comes the "in" of a chapter (the CSL
        style's rule; a conference paper without them names its proceedings alone)."""
        editors = cite.item.editor
        return named_role(editors, _EDITOR_NAMES, role_label(editors, _EDITOR_LABELS))

    def el_numbers(self, cite: Cite) -> str:
        item = cite.item
        if item.volume and item.issue:
            return f"{item.volume}({item.issue})"
        return item.volume or item.issue

    def el_month_day(self, cite: Cite) -> str:
        """A newspaper's or magazine's `5 March`."""
        date = cite.item.issued
        if variant(cite.item) != "news" or not date or not date.month:
            return ""
        return f"{date.day} {date.month_name()}" if date.day else date.month_name()

    def el_pages(self, cite: Cite) -> str:
        pages = page_range(cite.item.pages)
        # An article number stands alone, without "p.".
        return page_label(pages) if pages else cite.item.article_number

    def el_publisher(self, cite: Cite) -> str:
        """`London: Routledge (Series, 5)`: the series after the publisher, for all but
        reports and theses; a thesis names its university, a web page its site."""
        item = cite.item
        kind = item_kind(item)
        if kind in ("thesis", "webpage"):
            return item.publisher_text
        publisher = place_publisher(item)
        if item.event_title:
            # A conference's name before where its papers were published (CSL style).
            publisher = ", ".join(part for part in (item.event_title, publisher) if part)
        series = ", ".join(
            part
            for part in (sentence_title(item, item.collection_title), item.collection_number)
            if part
        )
        if series and kind != "report":
            return f"{publisher} ({series})" if publisher else f"({series})"
        return publisher

    def el_link(self, cite: Cite) -> Node | None:
        item = cite.item
        url = item.link
        if not url:
            return None
        node = span("Available at: ", link(url, url))
        accessed = item.accessed
        if accessed and not item.doi:
            when = f"{accessed.day} {accessed.month_name()} {accessed.year}"
            node = span(node, f" (Accessed: {when})")
        return node


_DATE = El("issued", "(", ")")


def _layout(title_delimiter: str, *after_title: Layout, headless: Layout | None = None) -> Layout:
    """CTR's shape: `Author (Year) Title, after-title. Available at: URL.`; a work with no
    author is headed `Title (Year).`, the rest after it."""
    if headless is None:
        headless = group(" ", El("title"), _DATE, suffix=".")
    return group(
        ". ",
        group(
            " ",
            El("head", sub=headless),
            _DATE,
            group(title_delimiter, El("title"), *after_title),
        ),
        El("link"),
    )


_PUBLISHER = El("publisher")

Harvard.layouts = {
    "article": _layout(", ", El("container"), El("numbers"), El("month_day"), El("pages")),
    # `in T. Green and N. Hall (eds) *Book*. 2nd edn. London: Press, pp. 45–60`.
    "chapter": _layout(
        ", ",
        group(
            ", ",
            group(
                ". ",
                group(" ", El("container_editors", "in "), El("container")),
                El("edition"),
                _PUBLISHER,
            ),
            El("pages"),
        ),
    ),
    "book": _layout(
        ". ",
        El("edition"),
        El("editors", "Edited by "),
        El("translators", "Translated by "),
        _PUBLISHER,
        # A book's edition goes with its title when the title heads the reference.
        headless=group(" ", group(". ", El("title"), El("edition")), _DATE, suffix="."),
    ),
    # A classic BibTeX `@inbook`: CTR's book form with the pages after the publisher.
    "inbook": _layout(
        ". ",
        El("edition"),
        El("editors", "Edited by "),
        El("translators", "Translated by "),
        group(", ", _PUBLISHER, El("pages")),
        headless=group(" ", group(". ", El("title"), El("edition")), _DATE, suffix="."),
    ),
    "report": _layout(". ", group(" ", El("genre"), El("number")), _PUBLISHER),
    "thesis": _layout(". ", El("genre"), _PUBLISHER),
    "webpage": _layout(". ", _PUBLISHER),
    # A film with no author is listed by its title: `Title (Year) Directed by A. Rivera.
    # [Film]. Lantern Pictures` (CTR: films).
    "film": _layout(
        ". ",
        _PUBLISHER,
        headless=group(
            " ",
            El("title"),
            _DATE,
            group(". ", El("directors", "Directed by "), El("genre"), _PUBLISHER),
        ),
    ),
    "misc": _layout(". ", El("translators", "Translated by "), _PUBLISHER),
}
