"""What every citation style shares: `Reference`, the `Style` base class, and the
machinery around it (sorting, numbering, same-author-same-year disambiguation, combined
citations, punctuation-aware joining).

A style is one subclass in one file. It states its rules as data (`NameFormat`s, sort
keys, delimiters, and `layouts`: one layout of the shared element inventory per kind of
work, see `_inventory.py`) and writes small methods: the `el_<name>` elements its
layouts print, `citation_parts` (author and date for in-text citations) for author-date
styles, which derive from `Style`; `format_label` and `cite` for numeric ones, which
derive from `NumericStyle`. Every style reads `Item`s, never BibTeX fields. Everything
else is here, written once.

Names, case conversion, page ranges, dates and DOIs live in the sibling modules
`_names.py` and `_text.py`; their public pieces are re-exported below.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from typing import ClassVar

from ..folding import sort_fold
from ..item import Date, Item, Segments, text_of, to_item, typographic
from ..model import Entry, Person
from ..richtext import Node, Span, Text, emph, is_empty, join, last_char, link, plain, span
from ._inventory import FALLBACK, El, Group, Layout, group, layout_for, render, variant
from ._names import (
    CACHE_SIZE,
    NameFormat,
    format_name,
    format_names,
    initials,
    name_sort_key,
    names_sort_key,
)
from ._text import (
    capitalise_first,
    doi_url,
    edition_label,
    ordinal,
    page_label,
    page_range,
    sentence_case,
    title_case,
)

__all__ = [
    "CitationParts",
    "Cite",
    "Date",
    "El",
    "Group",
    "Item",
    "Layout",
    "NameFormat",
    "NumericStyle",
    "Reference",
    "Style",
    "capitalise_first",
    "doi_url",
    "edition_label",
    "emph",
    "ends_with_punctuation",
    "et_al_node",
    "format_name",
    "format_names",
    "group",
    "head_people",
    "initials",
    "item_kind",
    "join",
    "link",
    "manual_title",
    "name_sort_key",
    "named_role",
    "names_node",
    "names_sort_key",
    "ordinal",
    "page_label",
    "page_range",
    "place_publisher",
    "plain",
    "punct_join",
    "quoted",
    "role_label",
    "sentence_case",
    "sentence_container",
    "sentence_title",
    "sort_fold",
    "span",
    "suffix",
    "title_case",
    "title_title",
    "typographic",
    "variant",
]

EMPTY: Node = Span(())


@dataclass(frozen=True, slots=True)
class CitationParts:
    """The pieces of an author-date citation: `Boyle & Harris` and `2009a`.

    `author` is empty when an entry has no author (the style then puts a title there).
    """

    author: Node = EMPTY
    date: Node = EMPTY
    #: The author as running text puts it, where that differs (APA's "and").
    narrative: Node | None = None


@dataclass(frozen=True, slots=True)
class Reference:
    """One entry as a style prints it, in the bibliography and in citations."""

    key: str
    entry: Entry
    item: Item
    number: int | None  # numeric styles: 1-based number; author-date: None
    label: str  # numeric styles' list label as printed ("1.", "[1]"); "" otherwise
    body: Node  # the reference-list entry, without the label
    citation: Node  # this entry cited alone, parenthetical: "(Boyle & Harris, 2009)", "[1]"
    narrative: Node  # "Boyle and Harris (2009)", "Boyle and Harris [1]"
    parts: CitationParts = field(default=CitationParts(), compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Cite:
    """What a style knows about one entry while formatting it.

    `year_suffix` is the disambiguating letter (`a`, `b`) shared by the reference and its
    citations; `names_shown` (0: the style's rule) and `add_initials` are set when the
    citation needs more names or the first author's initials to be told apart.
    """

    entry: Entry
    item: Item
    number: int | None = None
    year_suffix: str = ""
    names_shown: int = 0
    add_initials: bool = False
    full_given: bool = False  # with add_initials: the whole given name, not initials


class Style:
    """Base class of the citation styles; one subclass per file in `styles/`.

    Author-date subclasses set `citation_names` (a short-form `NameFormat`) and implement
    `format_reference`, `cite_names` and `citation_parts`; numeric styles derive from
    `NumericStyle` instead.
    """

    name: ClassVar[str] = ""
    title: ClassVar[str] = ""
    csl_file: ClassVar[str] = ""
    numeric: ClassVar[bool] = False
    #: The CSL locale the style is written for (terms, month names, quotation marks).
    locale: ClassVar[str] = "en-US"

    # -- citation layout (author-date) ------------------------------------------------
    cite_prefix: ClassVar[str] = "("
    cite_suffix: ClassVar[str] = ")"
    cite_delimiter: ClassVar[str] = "; "
    author_date_delimiter: ClassVar[str] = ", "
    #: Between years of one author in a combined citation: `(Slay, 2011a, 2011b)`.
    collapse_delimiter: ClassVar[str] = ", "
    #: Short-form names for citations, with the style's et-al rule; None: no names.
    citation_names: ClassVar[NameFormat | None] = None
    disambiguate_add_names: ClassVar[bool] = False
    disambiguate_add_givenname: ClassVar[bool] = False
    #: "global": every first author sharing a surname with another gets initials (CSL
    #: `primary-name-with-initials`); "by-cite": only citations that would clash.
    givenname_rule: ClassVar[str] = "by-cite"
    #: True: disambiguation adds only initials (`D. Boyle`, CSL "...-with-initials");
    #: False: initials, or the whole given name where initials are the same too.
    givenname_initials: ClassVar[bool] = True
    disambiguate_year_suffix: ClassVar[bool] = True
    #: Sort the items of a combined citation (by `citation_sort_key`); False: as given.
    sort_citations: ClassVar[bool] = True
    #: Demote particles (`Meer, J. van der`) when sorting.
    sort_demotes_particle: ClassVar[bool] = False

    # -- the reference: layouts over the shared inventory ----------------------------------

    #: One layout per variant (`_inventory.INVENTORY`); a variant missing here is laid
    #: out as the one it falls back to (`_inventory.FALLBACK`), `misc` last.
    layouts: ClassVar[dict[str, Layout]] = {}
    #: Delimiter that ends the reference's parts, and the final mark (if any).
    reference_suffix: ClassVar[str] = ""

    def format_reference(self, cite: Cite) -> Node:
        """The reference-list entry (without a numeric label): the layout of the item's
        variant, each element formatted by the style's `el_<name>` method."""
        layout = layout_for(self.layouts, variant(cite.item))
        elements = self._elements
        body = render(
            layout,
            lambda name: elements[name](self, cite),
            self.join_parts,
            self.add_suffix,
        )
        return suffix(body, self.reference_suffix) if self.reference_suffix else body

    #: The style's abbreviation of "edition": `2nd ed.`, `2nd edn`.
    edition_abbreviation: ClassVar[str] = "ed."

    # Elements printed the same way by every style (a style may override them).

    def el_original(self, cite: Cite) -> str:
        """The year a reprint was first published."""
        return cite.item.original_year

    def el_edition(self, cite: Cite) -> str:
        return edition_label(cite.item.edition, self.edition_abbreviation)

    def el_version(self, cite: Cite) -> str:
        return cite.item.version

    def el_genre(self, cite: Cite) -> str:
        return cite.item.genre

    def el_number(self, cite: Cite) -> str:
        return cite.item.number

    def el_place(self, cite: Cite) -> str:
        return cite.item.place

    @cached_property
    def _elements(self) -> dict[str, Callable[[Style, Cite], Node | str | None]]:
        """The style's `el_<name>` methods by name, looked up once (a large library
        formats tens of elements per entry)."""
        cls = type(self)
        return {name[3:]: getattr(cls, name) for name in dir(cls) if name.startswith("el_")}

    def join_parts(self, delimiter: str, parts: list[Node]) -> Node:
        """Parts of a group joined: a delimiter starting with `.` is not doubled."""
        return punct_join(delimiter, parts)

    def add_suffix(self, node: Node, mark: str) -> Node:
        """An element's or group's suffix: `.` is not doubled after `?`, `!` or `.`."""
        return suffix(node, mark)

    # -- hooks for subclasses ------------------------------------------------------------

    def format_label(self, number: int) -> str:
        """A numeric style's list label: `1.` or `[1]` (author-date styles have none)."""
        return ""

    def cite_names(self, item: Item) -> tuple[Person, ...]:
        """The people that head the citation (author, else editors, ...)."""
        return item.author or item.editor

    def citation_parts(self, cite: Cite) -> CitationParts:
        """Author and date of an author-date citation."""
        names = self.cite_names(cite.item)
        return CitationParts(self.cite_author_node(cite, names), Text(self.cite_date(cite)))

    def cite_author_text(
        self, cite: Cite, names: Sequence[Person], fmt: NameFormat | None = None
    ) -> str:
        """The names of a citation after disambiguation (more names, initials)."""
        fmt = fmt or self.citation_names
        if fmt is None or not names:
            return ""
        return _cite_author_text(
            tuple(names), fmt, cite.names_shown, cite.add_initials, not cite.full_given
        )

    def cite_author_node(self, cite: Cite, names: Sequence[Person]) -> Node:
        """`cite_author_text` with the style's et-al form (italic in some styles)."""
        fmt = self.citation_names
        text = self.cite_author_text(cite, names)
        return et_al_node(text, fmt) if fmt is not None else Text(text)

    def cite_date(self, cite: Cite) -> str:
        """`2009a`, or the style's no-date term."""
        date = cite.item.issued
        year = cite.item.year_text or self.no_date
        if cite.year_suffix:
            return f"{year}{'-' if not date else ''}{cite.year_suffix}"
        return year

    no_date: ClassVar[str] = "n.d."

    def sort_key(self, cite: Cite) -> tuple[object, ...]:
        """Bibliography order of author-date styles: names, year, title."""
        item = cite.item
        names = self.cite_names(item)
        date = item.issued
        title = sort_fold(text_of(item.title))
        if names:
            head: tuple[object, ...] = names_sort_key(
                names, demote_particle=self.sort_demotes_particle
            )
        else:
            head = (title,)
        return (
            head,
            date is None,
            date.sort_key if date else (0, 0, 0),
            title,
        )

    def citation_sort_key(self, reference: Reference) -> tuple[object, ...]:
        """Order of the items inside a combined citation: the names as the citation
        shows them (after et al.), then the date; ties keep the order given."""
        item = reference.item
        names = self.cite_names(item)
        fmt = self.citation_names
        if fmt is not None and fmt.et_al_min and len(names) >= fmt.et_al_min:
            names = names[: max(fmt.et_al_use_first, 1)]
        date = item.issued
        head = (
            names_sort_key(names, demote_particle=self.sort_demotes_particle)
            if names
            else (sort_fold(text_of(item.title)),)
        )
        return (head, date is None, date.sort_key if date else (0, 0, 0))

    def narrative_node(self, parts: CitationParts, reference: Reference) -> Node:
        """`Boyle and Harris (2009)`: the author-date form (`NumericStyle` has its own)."""
        if is_empty(parts.author):
            return span("(", parts.date, ")")
        return span(parts.author, " (", parts.date, ")")

    def _add_given_names(self, cites: list[Cite], group: list[int]) -> None:
        """Tell apart first authors of `group` who share a surname: by initials, or, in
        styles that allow it, by whole given names where the initials are the same too
        (`R. Carter` would be two people: `Rebecca Carter`, `Ruth Carter`)."""
        forms: dict[int, tuple[str, str]] = {}
        for index in group:
            people = self.cite_names(cites[index].item)
            if people and not people[0].is_literal:
                forms[index] = (initials(people[0].given), people[0].given)
        telling = {
            initial if self.givenname_initials else given for initial, given in forms.values()
        }
        if len(telling) <= 1:
            return
        for index, (initial, given) in forms.items():
            full = not self.givenname_initials and any(
                other_initial == initial and other_given != given
                for other_initial, other_given in forms.values()
            )
            cites[index] = replace(cites[index], add_initials=True, full_given=full)

    # -- the public API ------------------------------------------------------------------

    def references(self, entries: Sequence[Entry], *, citations: bool = True) -> list[Reference]:
        """The bibliography in the style's order.

        Author-date styles sort and add `2011a`/`2011b` (also in citations); numeric
        styles number the entries in the order given (the order of citation).
        `citations=False` leaves each reference's `citation` and `narrative` empty, for
        callers that print only the list (a third less work on large libraries).
        """
        return [self.build(cite, citations=citations) for cite in self.prepare(entries)]

    def prepare(self, entries: Sequence[Entry]) -> list[Cite]:
        """Each entry once, normalised into an `Item`, in the style's order and told
        apart from the others (`references` builds the list from these)."""
        cites = sorted(
            (Cite(entry, to_item(entry)) for entry in _each_key_once(entries)),
            key=self.sort_key,
        )
        return self.disambiguate(cites)

    def build(self, cite: Cite, *, citations: bool = True) -> Reference:
        """One `Reference` from its (disambiguated) `Cite`."""
        number = cite.number
        label = self.format_label(number) if number is not None else ""
        if not citations:
            return Reference(
                key=cite.entry.key,
                entry=cite.entry,
                item=cite.item,
                number=number,
                label=label,
                body=self.format_reference(cite),
                citation=EMPTY,
                narrative=EMPTY,
            )
        parts = self.citation_parts(cite)
        reference = Reference(
            key=cite.entry.key,
            entry=cite.entry,
            item=cite.item,
            number=number,
            label=label,
            body=self.format_reference(cite),
            citation=EMPTY,
            narrative=EMPTY,
            parts=parts,
        )
        # A second construction, not `dataclasses.replace`: this runs once per entry.
        return Reference(
            key=reference.key,
            entry=reference.entry,
            item=reference.item,
            number=number,
            label=label,
            body=reference.body,
            citation=self.cite([reference]),
            narrative=self.narrative_node(parts, reference),
            parts=parts,
        )

    def cite(self, references: Sequence[Reference]) -> Node:
        """One parenthetical citation of all `references`, in the style's order."""
        refs = list(references)
        if self.sort_citations and len(refs) > 1:  # `build` cites every entry alone
            refs.sort(key=self.citation_sort_key)
        groups: list[tuple[Node, list[Node]]] = []
        for ref in refs:
            author, date = ref.parts.author, ref.parts.date
            if groups and not is_empty(author) and plain(groups[-1][0]) == plain(author):
                groups[-1][1].append(date)
            else:
                groups.append((author, [date]))
        items = [
            join(self.author_date_delimiter, [author, join(self.collapse_delimiter, dates)])
            for author, dates in groups
        ]
        return span(self.cite_prefix, join(self.cite_delimiter, items), self.cite_suffix)

    def cite_narrative(self, references: Sequence[Reference]) -> Node:
        """A narrative citation of all `references`: `Boyle and Harris (2009); Slay (2011)`."""
        refs = list(references)
        if self.sort_citations and len(refs) > 1:
            refs.sort(key=self.citation_sort_key)
        return join("; ", [ref.narrative for ref in refs])

    # -- disambiguation ------------------------------------------------------------------

    def disambiguate(self, cites: list[Cite]) -> list[Cite]:
        """Make citations that print alike tell their entries apart, as CSL does: more
        names, then the first author's initials, then `2011a`, `2011b` in list order."""

        # A citation's text depends only on its entry and the three settings changed here,
        # so each is rendered once per setting (a large library renders every entry in
        # every step, and compares each clashing citation with all others in its group).
        rendered: dict[tuple[int, int, bool, str], tuple[str, str]] = {}

        def render(index: int, cite: Cite, names_shown: int | None = None) -> tuple[str, str]:
            """`cite`'s author and date text, optionally as if it showed `names_shown`."""
            shown = cite.names_shown if names_shown is None else names_shown
            key = (index, shown, cite.add_initials, cite.year_suffix)
            text = rendered.get(key)
            if text is None:
                if shown != cite.names_shown:
                    cite = replace(cite, names_shown=shown)
                parts = self.citation_parts(cite)
                text = rendered[key] = (plain(parts.author), plain(parts.date))
            return text

        def clashes(items: list[Cite]) -> list[list[int]]:
            seen: dict[tuple[str, str], list[int]] = {}
            for index, cite in enumerate(items):
                seen.setdefault(render(index, cite), []).append(index)
            return [group for group in seen.values() if len(group) > 1]

        cites = list(cites)
        fmt = self.citation_names
        if fmt is not None and self.disambiguate_add_names and fmt.et_al_min:
            for group in clashes(cites):
                # How often each text occurs in the group with `shown` names: a citation
                # is told apart when its own text occurs once (only `names_shown` changes
                # in this step, so the counts stay valid while the group is updated).
                counts: dict[int, Counter[tuple[str, str]]] = {}
                name_lists = Counter(tuple(self.cite_names(cites[i].item)) for i in group)
                for index in group:
                    people = self.cite_names(cites[index].item)
                    if name_lists[tuple(people)] > 1:
                        # Same names and (being in this group) same date as another
                        # citation: no number of names shown tells the two apart.
                        continue
                    for shown in range(fmt.et_al_use_first + 1, len(people) + 1):
                        if shown not in counts:
                            counts[shown] = Counter(
                                render(other, cites[other], shown) for other in group
                            )
                        if counts[shown][render(index, cites[index], shown)] == 1:
                            cites[index] = replace(cites[index], names_shown=shown)
                            break
        if fmt is not None and self.disambiguate_add_givenname:
            if self.givenname_rule == "global":
                # CSL "primary-name(-with-initials)": first authors who share a surname
                # are told apart everywhere, whether or not their citations clash.
                by_surname: dict[str, list[int]] = {}
                for index, cite in enumerate(cites):
                    people = self.cite_names(cite.item)
                    if people and not people[0].is_literal:
                        by_surname.setdefault(people[0].surname, []).append(index)
                groups = [group for group in by_surname.values() if len(group) > 1]
            else:
                groups = clashes(cites)
            for group in groups:
                self._add_given_names(cites, group)
        if self.disambiguate_year_suffix:
            for group in clashes(cites):
                for position, index in enumerate(group):
                    cites[index] = replace(cites[index], year_suffix=_letters(position))
        return cites


class NumericStyle(Style):
    """Base class of the numeric styles: entries are numbered in the order given (the
    order of citation), and citations are their numbers; names and dates are not
    disambiguated. A subclass writes `format_reference`, `format_label` and `cite`."""

    numeric = True

    def prepare(self, entries: Sequence[Entry]) -> list[Cite]:
        return [
            Cite(entry, to_item(entry), number)
            for number, entry in enumerate(_each_key_once(entries), 1)
        ]

    def format_label(self, number: int) -> str:
        raise NotImplementedError

    def citation_sort_key(self, reference: Reference) -> tuple[object, ...]:
        return (reference.number or 0,)

    def narrative_node(self, parts: CitationParts, reference: Reference) -> Node:
        """A numeric style cites by number in running text too: `[1]`, `(1)`."""
        return self.cite([reference])

    def cite_narrative(self, references: Sequence[Reference]) -> Node:
        return self.cite(references)


def _each_key_once(entries: Sequence[Entry]) -> list[Entry]:
    """The entries in the order given, a repeated key kept once (its first entry)."""
    unique: dict[str, Entry] = {}
    for entry in entries:
        unique.setdefault(entry.key, entry)
    return list(unique.values())


def item_kind(item: Item) -> str:
    """The family an item belongs to: `article`, `chapter`, `book`, `report`,
    `thesis`, `webpage`, `film`, `booklet` or `misc` (an article with no journal, such
    as a preprint, is a stand-alone work: `misc`): its variant without the special
    cases (a newspaper article is an article, a classic `@inbook` a book, ...)."""
    name = variant(item)
    while name in _FAMILY_FALLBACK:
        name = _FAMILY_FALLBACK[name]
    return name


#: The variants that are special cases of a family (booklets are a family of their own).
_FAMILY_FALLBACK = {name: broader for name, broader in FALLBACK.items() if name != "booklet"}


def sentence_title(item: Item, segments: Segments | None = None) -> str:
    """A title (by default the item's) in sentence case; in a language other than
    English, as written. Proper nouns and the item's own names keep their capitals."""
    if segments is None:
        return _cased(item.title, "sentence", item.is_english, item.proper_names)
    # Journals, books and series recur across a library: their casing is cached.
    return _cased_cached(segments, "sentence", item.is_english, item.proper_names)


def sentence_container(item: Item) -> str:
    """The book or proceedings an item sits in, in sentence case; proceedings keep their
    name as written, since it is a conference's name, a proper noun (CASES.md D18)."""
    if item.type == "paper-conference":
        return typographic(text_of(item.container_title))
    return sentence_title(item, item.container_title)


def title_title(item: Item, segments: Segments | None = None, manual: bool = False) -> str:
    """A title (by default the item's) in title case, by CSL's rules or the manuals' (see
    `title_case`); in another language, as written."""
    case = "manual-title" if manual else "title"
    if segments is None:
        return _cased(item.title, case, item.is_english, ())
    return _cased_cached(segments, case, item.is_english, ())


def manual_title(item: Item, segments: Segments | None = None) -> str:
    """`title_title` as the Chicago Manual and the MLA Handbook ask: every preposition
    lower case inside the title, the long ones too (`Trust between Neighbours`), and the
    last word before a colon capitalised."""
    return title_title(item, segments, manual=True)


def _cased(segments: Segments, case: str, english: bool, names: tuple[str, ...]) -> str:
    if not english:
        return typographic(text_of(segments))
    if case in ("title", "manual-title"):
        return typographic(title_case(segments, manual=case == "manual-title"))
    return typographic(sentence_case(segments, names))


_cased_cached = lru_cache(maxsize=CACHE_SIZE)(_cased)


def quoted(text: str, outer: str = "“”") -> str:
    """`text` in quotation marks, quotation marks inside it alternated (double inside
    single, single inside double)."""
    if outer == "“”":
        text = text.replace("“", "‘").replace("”", "’")
    elif "‘" in text:
        # Single quotes inside become double; a `’` closes one only after a `‘` opened
        # it: any other is an apostrophe (`Carers’ voices`) and stays.
        out: list[str] = []
        depth = 0
        for char in text:
            if char == "‘":
                depth += 1
                char = "“"
            elif char == "’" and depth:
                depth -= 1
                char = "”"
            out.append(char)
        text = "".join(out)
    return f"{outer[0]}{text}{outer[1]}"


def place_publisher(item: Item, separator: str = ": ") -> str:
    """`London: Policy Press`, or whichever of the two there is."""
    return separator.join(part for part in (item.place, item.publisher_text) if part)


def et_al_node(text: str, fmt: NameFormat) -> Node:
    """A formatted name list as text, with `et al.` in italics where the style says so."""
    if fmt.et_al_italic and text.endswith(fmt.et_al_term):
        return span(text[: -len(fmt.et_al_term)], emph(fmt.et_al_term))
    return Text(text)


def names_node(people: Sequence[Person], fmt: NameFormat) -> Node:
    """`format_names`, as a node (et al. italic where the style says so)."""
    return et_al_node(format_names(people, fmt), fmt)


def named_role(people: Sequence[Person], fmt: NameFormat, role: str, form: str = " ({})") -> Node:
    """`T. Green & N. Hall (Eds.)`, `D. Boyle, Ed.`: names with their role label set in
    `form` (none for authors); nobody: nothing."""
    if not people:
        return EMPTY
    names = names_node(people, fmt)
    return span(names, form.format(role)) if role else names


def head_people(
    item: Item, roles: Sequence[tuple[str, tuple[str, str]]]
) -> tuple[tuple[Person, ...], str]:
    """Who heads a reference: the people of the first of `roles` the item has, with that
    role's label (`Eds.`, `Director`; "" for authors); nobody: `((), "")`."""
    for role, labels in roles:
        people = item.people(role)
        if people:
            return people, role_label(people, labels)
    return (), ""


def role_label(people: Sequence[Person], labels: tuple[str, str]) -> str:
    """The singular or plural of a role label for `people`: `ed.` / `eds.`."""
    return labels[1] if len(people) > 1 else labels[0]


@lru_cache(maxsize=CACHE_SIZE)
def _cite_author_text(
    names: tuple[Person, ...],
    fmt: NameFormat,
    names_shown: int,
    add_initials: bool,
    as_initials: bool = True,
) -> str:
    """`Style.cite_author_text`, cached: disambiguation asks for the same names many
    times (with more and more of them shown), and again when building the reference."""
    if names_shown:
        fmt = fmt.expanded(names_shown)
    if add_initials and not names[0].is_literal:
        first = names[0]
        given = initials(first.given, ". ") if as_initials else first.given
        head = f"{given} {first.surname}".strip()
        rest = format_names(names, fmt)
        short = format_name(first, fmt, inverted=False)
        return head + rest[len(short) :] if rest.startswith(short) else rest
    return format_names(names, fmt)


def _letters(position: int) -> str:
    """0 -> a, 25 -> z, 26 -> aa (CSL's year-suffix sequence)."""
    out = ""
    position += 1
    while position:
        position, rest = divmod(position - 1, 26)
        out = chr(ord("a") + rest) + out
    return out


# --------------------------------------------------------------------------------------
# Punctuation-aware joining (what CSL does with affixes and delimiters)

_PUNCT_END = ".?!"


_CLOSING_QUOTES = "”’\"'"


def ends_with_punctuation(node: Node | str) -> bool:
    """True when the text ends with `.`, `?` or `!`, closing quotation marks aside."""
    if isinstance(node, str):
        last = node.rstrip(_CLOSING_QUOTES)[-1:]
    else:
        last = last_char(node, _CLOSING_QUOTES)
    return bool(last) and last in _PUNCT_END


def suffix(node: Node | str, mark: str = ".") -> Node:
    """`node` followed by `mark`, unless it already ends with `.`, `?` or `!`."""
    base: Node = Text(node) if isinstance(node, str) else node
    if is_empty(base):
        return base
    if mark.startswith(".") and ends_with_punctuation(base):
        return Span((base, Text(mark[1:])))
    return Span((base, Text(mark)))


def punct_join(delimiter: str, parts: Iterable[Node | str | None]) -> Node:
    """Join non-empty parts; a delimiter starting with `.` is not doubled after `?`/`!`/`.`."""
    out: list[Node] = []
    for part in parts:
        if part is None:
            continue
        node: Node = Text(part) if isinstance(part, str) else part
        if is_empty(node):
            continue
        if out:
            # Only the end of `out` is read (`last_char`), however long the reference.
            if delimiter.startswith(".") and ends_with_punctuation(Span(tuple(out))):
                out.append(Text(delimiter[1:]))
            else:
                out.append(Text(delimiter))
        out.append(node)
    return Span(tuple(out))
