"""The shared inventory of a reference's elements, and the layout tables styles are
written in.

Every work is of one *variant* (`variant`): a journal article, a newspaper article, a
chapter, a conference paper whose proceedings have no editors, a classic `@inbook`,
a book, a report, ... `INVENTORY` lists, for each variant, the elements such a work
has: those of every work, in the canonical order (who, when, what, who published it,
where to find it), and for a part of a journal or book, those of its container.

A style prints a work by a *layout*: a tree of `El` (one element, with its affixes)
and `Group` (elements joined by a delimiter, with affixes), one per variant, stating
which elements it prints, in what order, with what punctuation.
Variants a style does not lay out fall back to a broader one (`FALLBACK`): a
newspaper article to an article, software to a stand-alone work.

Elements are formatted by the style's `el_<name>` methods. Those that print a field as
it is, or with the style's abbreviation (`edition_abbreviation`), are written once in
`Style`; the others in each style, from the shared helpers (names, case, page ranges,
dates). An element that prints nothing drops out with its
affixes, and a group with nothing in it drops out with its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from ..item import Item
from ..richtext import Node, Span, Text, is_empty

__all__ = [
    "FALLBACK",
    "INVENTORY",
    "El",
    "Group",
    "Layout",
    "element_names",
    "group",
    "layout_for",
    "render",
    "variant",
]


@dataclass(frozen=True, slots=True)
class El:
    """One element of a reference: `El("issued", "(", ").")`.

    `sub` is laid out in its place when the element prints nothing (CSL's substitute):
    a work with no author is headed by its title, which is then not printed again.
    """

    name: str
    prefix: str = ""
    suffix: str = ""
    sub: Layout | None = None


@dataclass(frozen=True, slots=True)
class Group:
    """Elements joined by `delimiter`; nothing at all when none of them prints."""

    delimiter: str
    items: tuple[Layout, ...]
    prefix: str = ""
    suffix: str = ""


Layout = El | Group


def group(delimiter: str, *items: Layout, prefix: str = "", suffix: str = "") -> Group:
    """`Group` with its items as arguments: `group(", ", El("container"), El("pages"))`."""
    return Group(delimiter, items, prefix, suffix)


#: The elements of every work, in the canonical order: who (`head`: authors, else
#: editors, directors, ... with the role's label), when, what, who else made it, which
#: edition and volume, in which series, who published it, where to find it.
_WORK = (
    "head",
    "issued",
    "title",
    "original",
    "volume_title",
    "version",
    "genre",
    "medium",
    "editors",
    "translators",
    "directors",
    "edition",
    "volume",
    "volumes",
    "collection",
    "number",
    "chapter",
    "pages",
    "pagetotal",
    "event",
    "place",
    "publisher",
    "status",
    "note",
    "doi",
    "link",
    "accessed",
)
#: What a part of a serial adds: the journal, its numbers and the date of the issue.
_IN_SERIAL = ("container", "issue", "numbers", "month", "month_day")
#: What a part of a book adds: the book and its editors.
_IN_BOOK = ("container", "container_editors")
_PART_OF = {
    "article": _IN_SERIAL,
    "news": _IN_SERIAL,
    "proceedings": (*_IN_SERIAL, "container_editors"),
    "chapter": (*_IN_BOOK, "month_day"),
    # A web page is dated to the day, like an issue of a newspaper.
    "webpage": ("month_day",),
}
INVENTORY: dict[str, tuple[str, ...]] = {
    name: _WORK + _PART_OF.get(name, ())
    for name in (
        "article",
        "news",
        "chapter",
        # A conference paper whose proceedings name no editors: cited as a serial by
        # some styles, as a chapter by others (README: conference papers).
        "proceedings",
        "book",
        # A classic BibTeX `@inbook`: a book, and the chapter or pages cited in it.
        "inbook",
        "report",
        "thesis",
        "webpage",
        "film",
        "misc",
    )
}
INVENTORY["booklet"] = INVENTORY["misc"]
INVENTORY["software"] = INVENTORY["misc"]
INVENTORY["manuscript"] = INVENTORY["misc"]
INVENTORY["dataset"] = INVENTORY["misc"]

#: The broader variant a style falls back to when it has no layout of its own.
FALLBACK: dict[str, str] = {
    "news": "article",
    "proceedings": "chapter",
    "inbook": "book",
    "booklet": "misc",
    "software": "misc",
    "manuscript": "misc",
    "dataset": "misc",
}

#: CSL type -> variant (types not named here are stand-alone works: `misc`).
_VARIANTS = {
    "article-journal": "article",
    "article-magazine": "news",
    "article-newspaper": "news",
    "periodical": "article",
    "chapter": "chapter",
    "paper-conference": "chapter",
    "entry-encyclopedia": "chapter",
    "entry-dictionary": "chapter",
    "book": "book",
    "report": "report",
    "thesis": "thesis",
    "webpage": "webpage",
    "motion_picture": "film",
    "pamphlet": "booklet",
    "software": "software",
    "manuscript": "manuscript",
    "dataset": "dataset",
}


def variant(item: Item) -> str:
    """The variant `item` is laid out as (see `INVENTORY`)."""
    kind = _VARIANTS.get(item.type, "misc")
    if item.type == "paper-conference" and not item.editor:
        return "proceedings"
    if kind == "book" and item.entry_type == "inbook" and (item.pages or item.chapter):
        return "inbook"
    return kind


def layout_for(layouts: dict[str, Layout], name: str) -> Layout:
    """The layout of variant `name` in `layouts`, or of the variant it falls back to."""
    while name not in layouts:
        name = FALLBACK.get(name, "misc")
    return layouts[name]


def element_names(layout: Layout) -> Iterator[str]:
    """Every element a layout names, substitutes included."""
    if isinstance(layout, El):
        yield layout.name
        if layout.sub is not None:
            yield from element_names(layout.sub)
    else:
        for item in layout.items:
            yield from element_names(item)


Element = Callable[[str], Node | str | None]
Join = Callable[[str, list[Node]], Node]
Affix = Callable[[Node, str], Node]


@dataclass(slots=True)
class _Render:
    element: Element
    join: Join
    suffix: Affix
    done: set[str] = field(default_factory=set)

    def __call__(self, layout: Layout) -> Node | None:
        if isinstance(layout, El):
            if layout.name in self.done:
                return None
            value = self.element(layout.name)
            node: Node | None
            if isinstance(value, str):
                node = Text(value) if value else None
            else:
                node = None if value is None or is_empty(value) else value
            if node is None:
                if layout.sub is None:
                    return None
                node = self(layout.sub)
                self.done.update(element_names(layout.sub))
                return node
            return self._affixed(node, layout.prefix, layout.suffix)
        parts = [part for part in map(self, layout.items) if part is not None]
        if not parts:
            return None
        return self._affixed(self.join(layout.delimiter, parts), layout.prefix, layout.suffix)

    def _affixed(self, node: Node, prefix: str, suffix: str) -> Node:
        if prefix:
            node = Span((Text(prefix), node))
        return self.suffix(node, suffix) if suffix else node


def render(layout: Layout, element: Element, join: Join, suffix: Affix) -> Node:
    """`layout` with each element formatted by `element(name)`; groups joined by `join`
    and suffixes added by `suffix` (the style's punctuation rules)."""
    node = _Render(element, join, suffix)(layout)
    return node if node is not None else Span(())
