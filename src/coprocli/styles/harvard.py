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
    NameFormat,
    Reference,
    Style,
    edition_label,
    item_kind,
    names_node,
    page_label,
    page_range,
    place_publisher,
    punct_join,
    quoted,
    role_label,
    sentence_container,
    sentence_title,
    suffix,
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
        """The title that heads a reference with no author, and names it in citations:
        a book's edition goes with it (`Manual. 2nd edn`), as the CSL style has it."""
        title = self._title(item, kind)
        edition = edition_label(item.edition, "edn") if kind == "book" else ""
        return join(". ", [title, edition]) if edition else title

    def format_reference(self, cite: Cite) -> Node:
        item = cite.item
        kind = item_kind(item)
        people, role = self._authors(item)
        date = f"({self.cite_date(cite)})"
        title = self._title(item, kind)
        if people:
            author: Node = names_node(people, _REFERENCE_NAMES)
            if role:
                author = span(author, f" ({role})")
            head: Node = join(" ", [author, date, self._title_part(item, kind, title)])
        else:
            edition = edition_label(item.edition, "edn") if kind == "book" else ""
            head = join(" ", [self._headless_title(item, kind), date])
            if kind == "film":
                # A film with no author is listed by its title (CTR: films).
                head = join(" ", [head, self._film_details(item)])
            else:
                after = self._after_title(item, kind, with_edition=not edition)
                head = join(" ", [suffix(head, "."), after])
        return suffix(punct_join(". ", [head, self._link(item)]), ".")

    def _film_details(self, item: Item) -> Node:
        """`Directed by A. Rivera. [Film]. Lantern Pictures` (CTR: films)."""
        directors = item.people("director")
        directed = span("Directed by ", names_node(directors, _EDITOR_NAMES)) if directors else None
        return punct_join(". ", [directed, "[Film]", place_publisher(item)])

    def _title_part(self, item: Item, kind: str, title: Node) -> Node:
        after = self._after_title(item, kind)
        if kind in ("article", "chapter"):
            return join(", ", [title, after])
        return punct_join(". ", [title, after])

    def _after_title(self, item: Item, kind: str, *, with_edition: bool = True) -> Node:
        if kind == "article":
            numbers = (
                f"{item.volume}({item.issue})" if item.volume and item.issue else item.volume
            ) or item.issue
            date = item.issued
            day_month = ""
            if item.type in ("article-newspaper", "article-magazine") and date and date.month:
                day_month = f"{date.day} {date.month_name()}" if date.day else date.month_name()
            journal = text_of(item.container_title)
            return join(
                ", ",
                [emph(journal) if journal else "", numbers, day_month, self._pages(item)],
            )
        if kind == "chapter":
            return self._container(item)
        parts: list[Node | str | None] = []
        if kind == "book":
            if with_edition:
                parts.append(edition_label(item.edition, "edn"))
            if item.editor and item.author:
                parts.append(span("Edited by ", names_node(item.editor, _EDITOR_NAMES)))
        if kind in ("book", "misc", "booklet") and item.people("translator"):
            translators = names_node(item.people("translator"), _EDITOR_NAMES)
            parts.append(span("Translated by ", translators))
        elif kind == "report":
            parts.append(join(" ", [item.genre, item.number]))
        elif kind == "thesis":
            return punct_join(". ", [item.genre, item.publisher_text])
        elif kind == "webpage":
            return Text(item.publisher_text)
        parts.append(self._publisher_series(item, kind))
        if item.type == "book" and item.entry_type == "inbook" and item.pages:
            # A classic BibTeX `@inbook` (a book and the chapter's pages): CTR's book form
            # with the pages after the publisher.
            return punct_join(". ", [*parts[:-1], join(", ", [parts[-1], self._pages(item)])])
        return punct_join(". ", parts)

    def _container(self, item: Item) -> Node:
        """`in T. Green and N. Hall (eds) *Book*. 2nd edn. London: Press, pp. 45–60`; a
        conference paper names its proceedings without "in" (CTR: conference papers)."""
        book = sentence_container(item)
        # "in" comes with the editors only, as the CSL style has it: a conference paper
        # without them names its proceedings alone (CTR: conference papers).
        in_part: list[Node | str] = []
        if item.editor:
            role = role_label(item.editor, _EDITOR_LABELS)
            in_part += ["in", span(names_node(item.editor, _EDITOR_NAMES), f" ({role})")]
        in_part.append(emph(book) if book else "")
        edition = edition_label(item.edition, "edn")
        publisher = self._publisher_series(item, "chapter")
        if not publisher and not edition:
            # Nothing between the book and its pages: `*Proceedings*, pp. 33–40`.
            return join(", ", [join(" ", in_part), self._pages(item)])
        tail = join(", ", [publisher, self._pages(item)])
        return punct_join(". ", [join(" ", in_part), edition, tail])

    def _publisher_series(self, item: Item, kind: str) -> str:
        """`London: Routledge (Series, 5)`: the series after the publisher, for all but
        reports and theses."""
        publisher = place_publisher(item)
        if item.event_title:
            # A conference's name before where its papers were published (CSL style).
            publisher = ", ".join(part for part in (item.event_title, publisher) if part)
        series = ", ".join(
            part
            for part in (sentence_title(item, item.collection_title), item.collection_number)
            if part
        )
        if series and kind not in ("report", "thesis"):
            return f"{publisher} ({series})" if publisher else f"({series})"
        return publisher

    def _pages(self, item: Item) -> str:
        pages = page_range(item.pages)
        # An article number stands alone, without "p.".
        return page_label(pages) if pages else item.article_number

    def _link(self, item: Item) -> Node | None:
        url = item.link
        if not url:
            return None
        node = span("Available at: ", link(url, url))
        accessed = item.accessed
        if accessed and not item.doi:
            when = f"{accessed.day} {accessed.month_name()} {accessed.year}"
            node = span(node, f" (Accessed: {when})")
        return node
