"""APA 7th edition (author-date), as in the CSL style `apa.csl`."""

from __future__ import annotations

from typing import ClassVar

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
    field_segments,
    format_names,
    page_range,
    punct_join,
    sentence_case,
    split_list,
    suffix,
    thesis_genre,
    title_case,
    title_segments,
)

_REFERENCE_NAMES = NameFormat(
    sort_order="all",
    and_word="&",
    delimiter_precedes_last="always",
    et_al_min=21,
    et_al_use_first=19,
    et_al_use_last=True,
)
_EDITOR_NAMES = NameFormat(and_word="&", delimiter_precedes_last="always")
_CITATION_NAMES = NameFormat(form="short", and_word="&", et_al_min=3, et_al_use_first=1)

_ITALIC_TITLE = {"book", "report", "thesis", "webpage", "film", "booklet", "manual", "misc"}


#: Kinds whose reference shows month and day as well as the year (apa.csl's "date" macro).
_FULL_DATE_KINDS = frozenset({"webpage", "film", "booklet"})


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

    roles: ClassVar[dict[str, tuple[str, str]]] = {
        "editor": ("Ed.", "Eds."),
        "director": ("Director", "Directors"),
    }

    # -- helpers -----------------------------------------------------------------------

    def _author_role(self, entry: Entry) -> tuple[tuple[Person, ...], str]:
        for role in ("author", "editor", "director"):
            people = entry.names.get(role, ())
            if people:
                if role == "author":
                    return people, ""
                one, many = self.roles[role]
                return people, many if len(people) > 1 else one
        return (), ""

    def cite_names(self, entry: Entry) -> tuple[Person, ...]:
        people, _ = self._author_role(entry)
        if not people and entry_kind(entry) == "webpage" and entry.get("organization"):
            return (Person(literal=entry.get("organization")),)
        return people

    def _title(self, entry: Entry) -> str:
        return sentence_case(title_segments(entry))

    def _title_node(self, entry: Entry) -> Node:
        text = self._title(entry)
        return emph(text) if entry_kind(entry) in _ITALIC_TITLE else Text(text)

    def citation_parts(self, cite: Cite) -> CitationParts:
        names = self.cite_names(cite.entry)
        date = Text(self.cite_date(cite))
        if names:
            return CitationParts(Text(self.cite_author_text(cite, names)), date)
        return CitationParts(self._short_title_node(cite.entry), date)

    def _reference_date(self, cite: Cite, kind: str) -> str:
        """`2009`, or for ephemeral sources (web pages, films, booklets) the fuller
        `2020, March 5` that apa.csl gives them."""
        year = self.cite_date(cite)
        date = entry_date(cite.entry)
        if kind not in _FULL_DATE_KINDS or date is None or not date.month_day():
            return year
        return f"{year}, {date.month_day()}"

    def _short_title_node(self, entry: Entry) -> Node:
        """A citation with no author names the work by its short title in title case,
        italic unless it is a report or sits in a container (quoted), as apa.csl does."""
        segments = field_segments(entry, "shorttitle") or field_segments(entry, "title")
        text = title_case(segments)
        kind = entry_kind(entry)
        if kind == "report":
            return Text(text)
        if kind != "webpage" and (
            entry.get("journaltitle") or entry.get("journal") or entry.get("booktitle")
        ):
            return Text(f"“{text}”")
        return emph(text)

    def narrative_node(self, parts: CitationParts, reference: Reference) -> Node:
        """`Boyle and Harris (2009)`: APA 7 (8.17) writes "and" in running text and "&" only
        inside parentheses. CSL has one name delimiter for both forms, so CSL processors
        print "&" here; copro follows the manual (documented in the README)."""
        if isinstance(parts.author, Text):
            author = parts.author.text.replace(", & ", ", and ").replace(" & ", " and ")
            parts = CitationParts(Text(author), parts.date)
        return super().narrative_node(parts, reference)

    # -- the reference -----------------------------------------------------------------

    def format_reference(self, cite: Cite) -> Node:
        entry = cite.entry
        kind = entry_kind(entry)
        people, role = self._author_role(entry)
        organisation_author = False
        if not people and kind == "webpage" and entry.get("organization"):
            people = (Person(literal=entry.get("organization")),)
            organisation_author = True
        date = span("(", self._reference_date(cite, kind), ")")
        title = self._title_block(entry, kind)
        if people:
            author: Node = Text(format_names(people, _REFERENCE_NAMES))
            if role:
                author = span(author, f" ({role})")
            head = [suffix(author, "."), suffix(date, "."), suffix(title, ".")]
        else:
            head = [suffix(title, "."), suffix(date, ".")]
        source = self._source(entry, kind, organisation_author)
        link_node = self._link(entry, kind)
        return punct_join(" ", [*head, source, link_node])

    def _title_block(self, entry: Entry, kind: str) -> Node:
        title = self._title_node(entry)
        extras: list[Node | str] = []
        if kind == "book":
            edition = edition_label(entry.get("edition"))
            if edition:
                extras.append(f"({edition})")
        elif kind == "chapter":
            pass
        elif kind == "report":
            extras.append(self._report_detail(entry))
        elif kind == "thesis":
            genre = thesis_genre(entry)
            if genre:
                extras.append(f"[{genre}]")
        elif kind == "film":
            extras.append("[Video recording]")
        return join(" ", [title, *extras])

    def _report_detail(self, entry: Entry) -> str:
        genre = entry.get("type")
        number = entry.get("number")
        series = entry.get("series")
        if number:
            label = title_case([(genre, False)]) if genre else "Report"
            numbered = f"{label} No. {number}" if number.isdigit() else f"{label} {number}"
            inner = f"{numbered}; {series}" if series else numbered
            return f"({inner})"
        if genre:
            return f"[{genre}]"
        return ""

    def _source(self, entry: Entry, kind: str, organisation_author: bool) -> Node:
        if kind == "article":
            journal = entry.get("journaltitle") or entry.get("journal")
            volume = entry.get("volume")
            issue = entry.get("number") or entry.get("issue")
            numbers: Node = span(emph(volume) if volume else "", f"({issue})" if issue else "")
            pages = page_range(entry.get("pages"))
            return suffix(join(", ", [emph(journal) if journal else "", numbers, pages]), ".")
        if kind == "chapter":
            editors = entry.names.get("editor", ())
            book = sentence_case(title_segments(entry, "booktitle", "booksubtitle"))
            pages = page_range(entry.get("pages"))
            container: list[Node | str] = []
            if editors:
                role = "Eds." if len(editors) > 1 else "Ed."
                container.append(f"{format_names(editors, _EDITOR_NAMES)} ({role}),")
            container.append(emph(book) if book else "")
            if pages:
                container.append(f"(pp. {pages})" if "–" in pages else f"(p. {pages})")
            in_part = suffix(span("In ", join(" ", container)), ".")
            publisher = self._publisher(entry, "publisher")
            return punct_join(" ", [in_part, suffix(publisher, ".") if publisher else None])
        if kind in ("report", "thesis"):
            return suffix(self._publisher(entry, "institution"), ".")
        if kind in ("book", "film"):
            return suffix(self._publisher(entry, "publisher"), ".")
        if kind == "webpage" and not organisation_author:
            return suffix(self._publisher(entry, "organization"), ".")
        return Text("")

    def _publisher(self, entry: Entry, name: str) -> str:
        return "; ".join(split_list(entry, name) or split_list(entry, "publisher"))

    def _link(self, entry: Entry, kind: str) -> Node | None:
        doi = entry.get("doi")
        if doi:
            url = doi_url(doi)
            return link(url, url)
        url = entry.get("url")
        if not url:
            return None
        if kind == "webpage" and entry_date(entry) is None:
            accessed = entry_date(entry, "urldate")
            if accessed:
                when = f"{accessed.month_name()} {accessed.day}, {accessed.year}"
                return span(f"Retrieved {when}, from ", link(url, url))
            return span("Retrieved ", link(url, url))
        return link(url, url)
