"""APA 7th edition (author-date), as in the CSL style `apa.csl`, and the manual where the
two differ (narrative "and", films as `[Film]`)."""

from __future__ import annotations

from ..item import Item
from ..model import Person
from ..richtext import Node, Text, emph, join, link, span
from ._base import (
    CitationParts,
    Cite,
    NameFormat,
    Reference,
    Style,
    edition_label,
    format_names,
    head_people,
    item_kind,
    names_node,
    page_range,
    punct_join,
    role_label,
    sentence_container,
    sentence_title,
    suffix,
    title_case,
    title_title,
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

_ITALIC_TITLE = {"book", "report", "thesis", "webpage", "film", "booklet", "misc"}

#: Kinds whose reference shows month and day as well as the year (apa.csl's "date" macro;
#: newspapers and magazines by the manual, 10.1–10.2).
_FULL_DATE_KINDS = frozenset({"webpage", "film", "booklet"})
_FULL_DATE_TYPES = frozenset({"article-newspaper", "article-magazine"})

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

    def _title_node(self, item: Item, kind: str) -> Node:
        text = sentence_title(item)
        if item.volume_title:
            # One volume of a multi-volume work: `*Whole work: Vol. 2. Volume title*`.
            text = f"{text}: Vol. {item.volume}. {sentence_title(item, item.volume_title)}"
        return emph(text) if kind in _ITALIC_TITLE else Text(text)

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

    def _reference_date(self, cite: Cite, kind: str) -> str:
        """`2009`, or for ephemeral sources (web pages, films, booklets, newspapers) the
        fuller `2020, March 5` that apa.csl gives them."""
        year = super().cite_date(cite)
        date = cite.item.issued
        full = kind in _FULL_DATE_KINDS or cite.item.type in _FULL_DATE_TYPES
        if not full or date is None or not date.month_day():
            return year
        return f"{year}, {date.month_day()}"

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

    # -- the reference -----------------------------------------------------------------

    def format_reference(self, cite: Cite) -> Node:
        item = cite.item
        kind = item_kind(item)
        people, role = self._author_role(item)
        organisation_author = bool(people) and not any(item.people(role) for role, _ in _HEAD_ROLES)
        date = span("(", self._reference_date(cite, kind), ")")
        title = self._title_block(item, kind, people)
        if people:
            author: Node = names_node(people, _REFERENCE_NAMES)
            if role:
                author = span(author, f" ({role})")
            head = [suffix(author, "."), suffix(date, "."), suffix(title, ".")]
        else:
            head = [suffix(title, "."), suffix(date, ".")]
        source = self._source(item, kind, organisation_author)
        original = item.original_year
        if original:
            original = f"(Original work published {original})"
        return punct_join(" ", [*head, source, self._link(item, kind), original])

    def _title_block(self, item: Item, kind: str, head: tuple[Person, ...]) -> Node:
        title = self._title_node(item, kind)
        extras: list[Node | str] = []
        if kind == "book":
            # `(R. Mills & S. Carter, Eds.; E. Harcourt, Trans.; 8th ed., Vol. 2)`: an
            # authored book's editors, its translators, then edition and volume, in one
            # parenthesis (APA 7, 10.2).
            inner = [edition_label(item.edition)]
            if item.volume and not item.volume_title:
                inner.append(f"Vol. {item.volume}")
            details = [self._contributors(item, head), ", ".join(part for part in inner if part)]
            extras.append(_parenthesised("; ".join(part for part in details if part)))
        elif kind == "report":
            extras.append(self._report_detail(item))
        elif kind == "thesis":
            # A thesis found online names its university in the brackets, the link after
            # (APA 7, 10.6): `[PhD thesis, University of Leeds]`; otherwise the university
            # follows as its publisher.
            online = bool(item.link)
            detail = ", ".join(
                part for part in (item.genre, online and item.publisher_text) if part
            )
            if detail:
                extras.append(f"[{detail}]")
        elif kind == "film":
            # APA 7 (10.12) labels films `[Film]`; apa.csl prints `[Video recording]`.
            extras.append("[Film]")
        elif kind not in ("chapter", "article"):  # their editors belong to the container
            extras.append(_parenthesised(self._contributors(item, head)))
            version = f"(Version {item.version})" if item.version else ""
            description = _DESCRIPTIONS.get(item.type, "")
            if item.type == "manuscript" and item.link:
                description = ""  # a manuscript found online is not "unpublished"
            extras += [version, description]
        return join(" ", [title, *extras])

    def _contributors(self, item: Item, head: tuple[Person, ...]) -> str:
        """`R. Mills & S. Carter, Eds.; E. Harcourt, Trans.`: editors (when they do not
        head the reference) and translators, for the parenthesis after a title."""
        parts = []
        for people, labels in (
            (item.editor if item.editor != head else (), ("Ed.", "Eds.")),
            (item.people("translator"), ("Trans.", "Trans.")),
        ):
            if people:
                parts.append(f"{format_names(people, _EDITOR_NAMES)}, {role_label(people, labels)}")
        return "; ".join(parts)

    def _report_detail(self, item: Item) -> str:
        genre = item.genre
        number = item.number
        series = item.collection_text
        if number:
            label = title_case([(genre, False)]) if genre else "Report"
            numbered = f"{label} No. {number}" if number.isdigit() else f"{label} {number}"
            inner = f"{numbered}; {series}" if series else numbered
            return f"({inner})"
        if genre:
            return f"[{genre}]"
        return ""

    def _source(self, item: Item, kind: str, organisation_author: bool) -> Node:
        if kind == "article":
            # Journal names in title case (APA 7, 9.25), as apa.csl prints them.
            journal = title_title(item, item.container_title)
            numbers: Node = span(
                emph(item.volume) if item.volume else "", f"({item.issue})" if item.issue else ""
            )
            pages = page_range(item.pages)
            if not pages and item.article_number:
                pages = f"Article {item.article_number}"  # APA 7, 9.27
            return suffix(join(", ", [emph(journal) if journal else "", numbers, pages]), ".")
        if kind == "chapter":
            return self._container(item)
        if kind == "webpage" and organisation_author:
            return Text("")
        if kind == "thesis" and item.link:
            return Text("")  # the university is in the brackets after the title
        return suffix(item.publisher_text, ".")

    def _container(self, item: Item) -> Node:
        editors = item.editor
        book = sentence_container(item)
        pages = page_range(item.pages)
        publisher = item.publisher_text
        if item.type == "paper-conference" and not editors:
            # Proceedings without editors are cited as a serial, as apa.csl does (APA 7,
            # 10.5): `*Proceedings of …*, 12(3), 33–41.`
            numbers: Node = span(
                emph(item.volume) if item.volume else "", f"({item.issue})" if item.issue else ""
            )
            return suffix(join(", ", [emph(book) if book else "", numbers, pages]), ".")
        container: list[Node | str] = []
        if editors:
            names = format_names(editors, _EDITOR_NAMES)
            container.append(f"{names} ({role_label(editors, ('Ed.', 'Eds.'))}),")
        container.append(emph(book) if book else "")
        details = [edition_label(item.edition)]
        if item.volume:
            details.append(f"Vol. {item.volume}")
        if pages:
            details.append(f"pp. {pages}" if "–" in pages else f"p. {pages}")
        container.append(_parenthesised(", ".join(part for part in details if part)))
        in_part = suffix(span("In ", join(" ", container)), ".")
        return punct_join(" ", [in_part, suffix(publisher, ".") if publisher else None])

    def _link(self, item: Item, kind: str) -> Node | None:
        if item.doi:
            url = item.link
            return link(url, url)
        url = item.url
        if not url:
            return None
        accessed = item.accessed
        if kind == "webpage" and item.issued is None and accessed:
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


def _parenthesised(text: str) -> str:
    return f"({text})" if text else ""
