"""APA 7th edition (author-date), as in the CSL style `apa.csl`, and the manual where the
two differ (narrative "and", films as `[Film]`)."""

from __future__ import annotations

from ..item import Item
from ..model import Person
from ..richtext import Node, Text, emph, link, span
from ._base import (
    CitationParts,
    Cite,
    El,
    Layout,
    NameFormat,
    Reference,
    Style,
    format_names,
    group,
    head_people,
    item_kind,
    named_role,
    page_range,
    role_label,
    sentence_container,
    sentence_title,
    title_case,
    title_title,
    variant,
)

#: What APA puts in brackets after the title of works of some types (APA 7, 9.21).
_DESCRIPTIONS = {
    "dataset": "[Data set]",
    "software": "[Computer software]",
    "manuscript": "[Unpublished manuscript]",
}

_REFERENCE_NAMES = NameFormat(
    sort_order="all",
    and_word="&",
    delimiter_precedes_last="always",
    et_al_min=21,
    et_al_use_first=19,
    et_al_use_last=True,
)
#: Editors in a container: `T. Green & N. Hall`, `T. Green, N. Hall, K. Ito, & A. Mensah`.
_EDITOR_NAMES = NameFormat(and_word="&", delimiter_precedes_last="contextual")
_CITATION_NAMES = NameFormat(form="short", and_word="&", et_al_min=3, et_al_use_first=1)
#: Narrative citations join people with "and" (APA 7, 8.17); an organisation's own "&"
#: stays, since only the connective between names changes.
_NARRATIVE_NAMES = NameFormat(form="short", and_word="and", et_al_min=3, et_al_use_first=1)

#: Variants whose titles are parts of a whole (not italic).
_PARTS = frozenset({"article", "news", "chapter", "proceedings"})
#: Variants printed as serials: `*Journal*, *29*(4), 1–2.`
_SERIALS = frozenset({"article", "news", "proceedings"})
#: Variants whose reference shows month and day as well as the year (apa.csl's "date"
#: macro; newspapers and magazines by the manual, 10.1–10.2).
_FULL_DATE_VARIANTS = frozenset({"webpage", "film", "booklet", "news"})

#: Roles that can head a reference, with their labels.
_HEAD_ROLES: tuple[tuple[str, tuple[str, str]], ...] = (
    ("author", ("", "")),
    ("editor", ("Ed.", "Eds.")),
    ("director", ("Director", "Directors")),
)


class APA(Style):
    """APA 7th edition: `Boyle, D., & Harris, M. (2009). Title. Journal, 29(4), 1–2.`"""

    name = "apa"
    title = "APA 7th edition"
    csl_file = "apa.csl"
    numeric = False

    citation_names = _CITATION_NAMES
    disambiguate_add_names = True
    disambiguate_add_givenname = True
    givenname_rule = "global"

    # -- helpers -----------------------------------------------------------------------

    def _author_role(self, item: Item) -> tuple[tuple[Person, ...], str]:
        people, role = head_people(item, _HEAD_ROLES)
        if people:
            return people, role
        if item_kind(item) == "webpage" and item.publisher and not item.author:
            # A web page with no author: its site owner is the author (apa.csl).
            return (Person(literal=item.publisher_text),), ""
        return (), ""

    def cite_names(self, item: Item) -> tuple[Person, ...]:
        return self._author_role(item)[0]

    def cite_date(self, cite: Cite) -> str:
        """`2009a`, `n.d.`, or `1962/2005` for a reprint (APA 7, 8.15)."""
        year = super().cite_date(cite)
        original = cite.item.original_year
        if original:
            return f"{original}/{year}"
        return year

    def citation_parts(self, cite: Cite) -> CitationParts:
        names = self.cite_names(cite.item)
        date = Text(self.cite_date(cite))
        if names:
            narrative = self._narrative_author(cite, names)
            return CitationParts(self.cite_author_node(cite, names), date, narrative)
        return CitationParts(self._short_title_node(cite.item), date)

    def _narrative_author(self, cite: Cite, names: tuple[Person, ...]) -> Node:
        """The citation's names with "and" between people (APA 7, 8.17); CSL has one name
        delimiter for both forms, so CSL processors print "&" here too."""
        text = self.cite_author_text(cite, names, _NARRATIVE_NAMES)
        return Text(text)

    def _short_title_node(self, item: Item) -> Node:
        """A citation with no author names the work by its short title in title case,
        italic unless it is a report or sits in a container (quoted), as apa.csl does."""
        text = title_case(item.short_title or item.title)
        kind = item_kind(item)
        if kind == "report":
            return Text(text)
        if kind != "webpage" and item.container_title:
            return Text(f"“{text}”")
        return emph(text)

    def sort_key(self, cite: Cite) -> tuple[object, ...]:
        """Names, then undated works before dated ones (APA 7, 9.46), then date, title."""
        head, undated, date, title = super().sort_key(cite)
        return (head, not undated, date, title)

    # -- the reference: elements (laid out by `layouts` below) ---------------------------

    def el_head(self, cite: Cite) -> Node:
        people, role = self._author_role(cite.item)
        return named_role(people, _REFERENCE_NAMES, role)

    def el_issued(self, cite: Cite) -> str:
        """`2009`, or for ephemeral sources (web pages, films, booklets, newspapers) the
        fuller `2020, March 5` that apa.csl gives them."""
        year = Style.cite_date(self, cite)
        date = cite.item.issued
        full = variant(cite.item) in _FULL_DATE_VARIANTS
        if not full or date is None or not date.month_day():
            return year
        return f"{year}, {date.month_day()}"

    def el_title(self, cite: Cite) -> Node:
        item = cite.item
        text = sentence_title(item)
        if item.volume_title:
            # One volume of a multi-volume work: `*Whole work: Vol. 2. Volume title*`.
            text = f"{text}: Vol. {item.volume}. {sentence_title(item, item.volume_title)}"
        return Text(text) if variant(item) in _PARTS else emph(text)

    def el_editors(self, cite: Cite) -> str:
        """An authored work's editors: `R. Mills & S. Carter, Eds.`."""
        editors = cite.item.editor
        if not editors or editors == self._author_role(cite.item)[0]:
            return ""
        return f"{format_names(editors, _EDITOR_NAMES)}, {role_label(editors, ('Ed.', 'Eds.'))}"

    def el_translators(self, cite: Cite) -> str:
        people = cite.item.people("translator")
        return f"{format_names(people, _EDITOR_NAMES)}, Trans." if people else ""

    def el_volume(self, cite: Cite) -> str:
        """`Vol. 2` (a volume with its own title says so in the title)."""
        item = cite.item
        if not item.volume or (item.volume_title and variant(item) != "chapter"):
            return ""
        return f"Vol. {item.volume}"

    def el_version(self, cite: Cite) -> str:
        return f"Version {cite.item.version}" if cite.item.version else ""

    def el_genre(self, cite: Cite) -> str:
        """The bracketed description after a title: `[PhD thesis, University of Leeds]`
        (a thesis found online names its university there, APA 7 10.6), `[Film]`
        (APA 7, 10.12; apa.csl prints `[Video recording]`), `[Data set]` (9.21)."""
        item = cite.item
        kind = variant(item)
        if kind == "thesis":
            online = item.publisher_text if item.link else ""
            detail = ", ".join(part for part in (item.genre, online) if part)
            return f"[{detail}]" if detail else ""
        if kind == "film":
            return "[Film]"
        if kind == "report":
            return f"[{item.genre}]" if item.genre and not item.number else ""
        if item.type == "manuscript" and item.link:
            return ""  # a manuscript found online is not "unpublished"
        return _DESCRIPTIONS.get(item.type, "")

    def el_number(self, cite: Cite) -> str:
        """A report's number: `Report No. 5`, `Briefing Paper 12`."""
        item = cite.item
        if not item.number:
            return ""
        label = title_case([(item.genre, False)]) if item.genre else "Report"
        return f"{label} No. {item.number}" if item.number.isdigit() else f"{label} {item.number}"

    def el_collection(self, cite: Cite) -> str:
        """A numbered report's series (APA 7, 10.4)."""
        return cite.item.collection_text if cite.item.number else ""

    def el_container(self, cite: Cite) -> Node:
        """The journal, in title case (APA 7, 9.25), or the book or proceedings."""
        item = cite.item
        if variant(item) in ("article", "news"):
            book = title_title(item, item.container_title)
        else:
            book = sentence_container(item)
        return emph(book) if book else Text("")

    def el_container_editors(self, cite: Cite) -> Node:
        editors = cite.item.editor
        return named_role(editors, _EDITOR_NAMES, role_label(editors, ("Ed.", "Eds.")))

    def el_numbers(self, cite: Cite) -> Node:
        """`*29*(4)`."""
        item = cite.item
        return span(
            emph(item.volume) if item.volume else "", f"({item.issue})" if item.issue else ""
        )

    def el_pages(self, cite: Cite) -> str:
        """A serial's bare page range, else `Article 5` (APA 7, 9.27); in a book
        `pp. 45–60`."""
        item = cite.item
        pages = page_range(item.pages)
        if variant(item) in _SERIALS:
            return pages or (f"Article {item.article_number}" if item.article_number else "")
        if not pages:
            return ""
        return f"pp. {pages}" if "–" in pages else f"p. {pages}"

    def el_publisher(self, cite: Cite) -> str:
        item = cite.item
        kind = variant(item)
        if kind == "webpage" and not any(item.people(role) for role, _ in _HEAD_ROLES):
            return ""  # the site is the author already
        if kind == "thesis" and item.link:
            return ""  # the university is in the brackets after the title
        return item.publisher_text

    def el_link(self, cite: Cite) -> Node | None:
        item = cite.item
        if item.doi:
            url = item.link
            return link(url, url)
        url = item.url
        if not url:
            return None
        accessed = item.accessed
        if variant(item) == "webpage" and item.issued is None and accessed:
            # "Retrieved … from" only with an access date (APA 7, 9.16).
            when = f"{accessed.month_name()} {accessed.day}, {accessed.year}"
            return span(f"Retrieved {when}, from ", link(url, url))
        return link(url, url)

    def narrative_node(self, parts: CitationParts, reference: Reference) -> Node:
        """`Boyle and Harris (2009)`: APA 7 (8.17) writes "and" in running text and "&"
        only inside parentheses (see `_narrative_author`)."""
        if parts.narrative is not None:
            parts = CitationParts(parts.narrative, parts.date)
        return super().narrative_node(parts, reference)


def _layout(*after_title: Layout, source: Layout | None = None) -> Layout:
    """APA's one shape: `Author. (Date). Title [extras]. Source. Link.`; a work with no
    author is headed by its title block, the date after it."""
    title = group(" ", El("title"), *after_title, suffix=".")
    return group(
        " ",
        El("head", suffix=".", sub=title),
        El("issued", "(", ")."),
        title,
        *((source,) if source else ()),
        El("link"),
        El("original", "(Original work published ", ")"),
    )


_SERIAL_SOURCE = group(", ", El("container"), El("numbers"), El("pages"), suffix=".")
_PUBLISHER = El("publisher", suffix=".")
#: After a title: `(Ed.; Trans.; 2nd ed., Vol. 2)` of books, `(Version 2) [Data set]`.
_CONTRIBUTORS = group("; ", El("editors"), El("translators"), prefix="(", suffix=")")

APA.layouts = {
    "article": _layout(source=_SERIAL_SOURCE),
    # Proceedings without editors are cited as a serial, as apa.csl does (APA 7, 10.5).
    "proceedings": _layout(source=_SERIAL_SOURCE),
    "chapter": _layout(
        source=group(
            " ",
            group(
                " ",
                # `In` only before a book: a chapter with none is no `In (pp. 1–10)`.
                group(" ", El("container_editors", suffix=","), El("container"), prefix="In "),
                group(", ", El("edition"), El("volume"), El("pages"), prefix="(", suffix=")"),
                suffix=".",
            ),
            _PUBLISHER,
        )
    ),
    # `(R. Mills & S. Carter, Eds.; E. Harcourt, Trans.; 8th ed., Vol. 2)`: one
    # parenthesis after an authored book's title (APA 7, 10.2).
    "book": _layout(
        group(
            "; ",
            El("editors"),
            El("translators"),
            group(", ", El("edition"), El("volume")),
            prefix="(",
            suffix=")",
        ),
        source=_PUBLISHER,
    ),
    # `(Report No. 5; Series)`, or `[Briefing paper]` when it has no number.
    "report": _layout(
        group("; ", El("number"), El("collection"), prefix="(", suffix=")"),
        El("genre"),
        source=_PUBLISHER,
    ),
    "thesis": _layout(El("genre"), source=_PUBLISHER),
    "film": _layout(El("genre"), source=_PUBLISHER),
    "misc": _layout(
        _CONTRIBUTORS,
        El("version", "(", ")"),
        El("genre"),
        source=_PUBLISHER,
    ),
}
