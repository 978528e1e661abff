"""Harvard, Cite Them Right 12th edition (British English), as in the CSL style
`harvard-cite-them-right.csl`."""

from __future__ import annotations

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
    punct_join,
    sentence_case,
    split_list,
    suffix,
    thesis_genre,
    title_segments,
)

_REFERENCE_NAMES = NameFormat(
    initialize_with=".",
    sort_order="all",
    and_word="and",
    delimiter_precedes_last="never",
    et_al_min=4,
    et_al_use_first=1,
)
_EDITOR_NAMES = NameFormat(initialize_with=". ", and_word="and")
_CITATION_NAMES = NameFormat(
    form="short",
    and_word="and",
    delimiter_precedes_last="never",
    et_al_min=4,
    et_al_use_first=1,
)

_QUOTED = {"article", "chapter", "booklet", "misc"}
_MONTHS_GB = "{day} {month} {year}"


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

    def _authors(self, entry: Entry) -> tuple[tuple[Person, ...], str]:
        authors = entry.names.get("author", ())
        if authors:
            return authors, ""
        editors = entry.names.get("editor", ())
        if editors:
            return editors, "eds" if len(editors) > 1 else "ed."
        return (), ""

    def cite_names(self, entry: Entry) -> tuple[Person, ...]:
        return self._authors(entry)[0]

    def citation_sort_key(self, reference: Reference) -> tuple[object, ...]:
        """Citations list their items by year (CSL: sort by `year-date`)."""
        entry = reference.entry
        date = entry_date(entry)
        return (date is None, (date.year, date.month, date.day) if date else (0, 0, 0))

    def _title_text(self, entry: Entry) -> str:
        return sentence_case(title_segments(entry))

    def _title(self, entry: Entry, kind: str) -> Node:
        text = self._title_text(entry)
        if kind in _QUOTED:
            return Text(f"‘{text}’")
        return emph(text)

    def citation_parts(self, cite: Cite) -> CitationParts:
        names = self.cite_names(cite.entry)
        date = Text(self.cite_date(cite))
        if names:
            return CitationParts(Text(self.cite_author_text(cite, names)), date)
        kind = entry_kind(cite.entry)
        return CitationParts(self._title(cite.entry, kind), date)

    def format_reference(self, cite: Cite) -> Node:
        entry = cite.entry
        kind = entry_kind(entry)
        people, role = self._authors(entry)
        date = f"({self.cite_date(cite)})"
        title = self._title(entry, kind)
        if people:
            author: Node = Text(format_names(people, _REFERENCE_NAMES))
            if role:
                author = span(author, f" ({role})")
            head: Node = join(" ", [author, date, self._title_part(entry, kind, title)])
        else:
            head = join(" ", [title, date])
            head = join(" ", [suffix(head, "."), self._after_title(entry, kind)])
            return self._finish(entry, head)
        return self._finish(entry, head)

    def _finish(self, entry: Entry, body: Node) -> Node:
        return suffix(punct_join(". ", [body, self._link(entry)]), ".")

    def _title_part(self, entry: Entry, kind: str, title: Node) -> Node:
        after = self._after_title(entry, kind)
        if kind in ("article", "chapter"):
            return join(", ", [title, after])
        return punct_join(". ", [title, after])

    def _after_title(self, entry: Entry, kind: str) -> Node:
        if kind == "article":
            journal = entry.get("journaltitle") or entry.get("journal")
            volume = entry.get("volume")
            issue = entry.get("number") or entry.get("issue")
            numbers = f"{volume}({issue})" if volume and issue else volume or issue
            pages = page_range(entry.get("pages"))
            return join(", ", [emph(journal) if journal else "", numbers, pages and f"pp. {pages}"])
        if kind == "chapter":
            editors = entry.names.get("editor", ())
            book = sentence_case(title_segments(entry, "booktitle", "booksubtitle"))
            in_part: list[Node | str] = ["in"]
            if editors:
                role = "eds" if len(editors) > 1 else "ed."
                in_part.append(f"{format_names(editors, _EDITOR_NAMES)} ({role})")
            in_part.append(emph(book) if book else "")
            pages = page_range(entry.get("pages"))
            publisher = self._place_publisher(entry, "publisher")
            tail = join(", ", [publisher, pages and f"pp. {pages}"])
            return punct_join(". ", [join(" ", in_part), tail])
        if kind == "book":
            edition = edition_label(entry.get("edition"), "edn")
            return punct_join(". ", [edition, self._place_publisher(entry, "publisher")])
        if kind == "report":
            genre = join(" ", [entry.get("type"), entry.get("number")])
            return punct_join(". ", [genre, self._place_publisher(entry, "institution")])
        if kind == "thesis":
            return punct_join(". ", [thesis_genre(entry), self._publishers(entry, "institution")])
        if kind == "webpage":
            return Text(self._publishers(entry, "organization"))
        return Text(self._place_publisher(entry, "publisher"))

    def _publishers(self, entry: Entry, name: str) -> str:
        return "; ".join(split_list(entry, name) or split_list(entry, "publisher"))

    def _place_publisher(self, entry: Entry, name: str) -> str:
        place = entry.get("location") or entry.get("address")
        publisher = self._publishers(entry, name)
        if place and publisher:
            return f"{place}: {publisher}"
        return place or publisher

    def _link(self, entry: Entry) -> Node | None:
        doi = entry.get("doi")
        url = doi_url(doi) if doi else entry.get("url")
        if not url:
            return None
        accessed = entry_date(entry, "urldate")
        node = span("Available at: ", link(url, url))
        if accessed and not doi:
            when = f"{accessed.day} {accessed.month_name()} {accessed.year}"
            node = span(node, f" (Accessed: {when})")
        return node
