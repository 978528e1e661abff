"""`crossref` and `xdata`: fields an entry inherits from others, by biber's rules.

An entry with `crossref = {parent}` takes every field it lacks from the parent. Where
the two are a part and its whole, the whole's title becomes the part's container
(biber's default inheritance): a proceedings' `title` is an inproceedings' `booktitle`,
a book's `title` and `author` are an inbook's `booktitle` and `bookauthor`, a
multi-volume work's `title` is a volume's `maintitle`, a periodical's `title` an
article's `journaltitle`. An entry with `xdata = {a, b}` takes every field it lacks from
those `@xdata` entries, which are data, not references, and leave the catalogue.

Never inherited: the fields that identify or steer one entry (keys, sort keys, short
titles, `crossref`/`xdata` themselves), and the annotation and abstract, which describe
the parent, not the part. Chains are followed (a parent may have a parent); a cycle or a
missing target is reported and the entry keeps what it has.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from .model import Entry

__all__ = ["Inherited", "resolve_inheritance"]

#: Fields an entry never takes from another.
_NOT_INHERITED = frozenset(
    {
        "ids",
        "crossref",
        "xref",
        "xdata",
        "entryset",
        "entrysubtype",
        "execute",
        "label",
        "options",
        "presort",
        "related",
        "relatedoptions",
        "relatedstring",
        "relatedtype",
        "shorthand",
        "shorthandintro",
        "sortkey",
        "sortname",
        "sorttitle",
        "sortyear",
        "shorttitle",
        "indextitle",
        "indexsorttitle",
        "annotation",
        "annote",
        "abstract",
    }
)

_TITLES = ("title", "subtitle", "titleaddon")


def _renamed(prefix: str) -> dict[str, tuple[str, ...]]:
    """The whole's title fields as the part's `prefix` title fields."""
    return {name: (f"{prefix}{name}",) for name in _TITLES}


_AS_BOOK = _renamed("book")
_AS_MAIN = _renamed("main")
_AS_JOURNAL = {"title": ("journaltitle",), "subtitle": ("journalsubtitle",), "titleaddon": ()}

#: (parent types, child types) -> how the parent's fields are renamed in the child.
_RULES: tuple[tuple[frozenset[str], frozenset[str], dict[str, tuple[str, ...]]], ...] = (
    (
        frozenset({"mvbook", "book"}),
        frozenset({"inbook", "bookinbook", "suppbook"}),
        {**_AS_BOOK, "author": ("author", "bookauthor")},
    ),
    (
        frozenset({"mvbook", "mvcollection", "mvreference", "mvproceedings"}),
        frozenset(
            {"book", "collection", "reference", "proceedings", "inbook", "incollection"}
            | {"inreference", "inproceedings", "bookinbook", "suppbook", "suppcollection"}
        ),
        _AS_MAIN,
    ),
    (
        frozenset({"collection", "reference", "mvcollection", "mvreference"}),
        frozenset({"incollection", "inreference", "suppcollection"}),
        _AS_BOOK,
    ),
    (
        frozenset({"proceedings", "mvproceedings"}),
        frozenset({"inproceedings", "conference"}),
        _AS_BOOK,
    ),
    (frozenset({"periodical"}), frozenset({"article", "suppperiodical"}), _AS_JOURNAL),
)


def _renames(parent_type: str, child_type: str) -> Mapping[str, tuple[str, ...]]:
    for parents, children, renames in _RULES:
        if parent_type in parents and child_type in children:
            return renames
    return {}


@dataclass(frozen=True, slots=True)
class Problem:
    """A reference that cannot be followed: `kind` is `crossref-missing`, `xdata-missing`
    or `inheritance-cycle`."""

    entry: Entry
    kind: str
    message: str


@dataclass(slots=True)
class Inherited:
    """The outcome: entries with their inherited fields, and what could not be followed."""

    entries: list[Entry]
    problems: list[Problem] = field(default_factory=list)


Rebuild = Callable[[Entry, dict[str, str], dict[str, str]], Entry]


def resolve_inheritance(entries: Sequence[Entry], rebuild: Rebuild) -> Inherited:
    """Give each entry with a `crossref` or `xdata` the fields it inherits.

    `rebuild(entry, raw, inherited)` makes the new entry from its merged raw fields and
    the map of inherited field -> the key it came from (the loader decodes names and
    LaTeX there). Entries of type `xdata` leave the list. (The loader calls this only
    when some entry has a `crossref` or `xdata`, or is one.)
    """
    by_key = {entry.key: entry for entry in entries}
    for entry in entries:  # `ids = {alias}`: other keys that name the entry
        for alias in _listed(entry, "ids"):
            by_key.setdefault(alias, entry)
    by_folded = {key.casefold(): entry for key, entry in by_key.items()}
    resolver = _Resolver(by_key, by_folded, rebuild)
    out = [resolver.resolved(entry) for entry in entries if entry.type != "xdata"]
    return Inherited(out, resolver.problems)


@dataclass(slots=True)
class _Resolver:
    by_key: dict[str, Entry]
    by_folded: dict[str, Entry]
    rebuild: Rebuild
    done: dict[str, Entry] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    active: list[str] = field(default_factory=list)  # the chain being followed

    def find(self, key: str) -> Entry | None:
        key = key.strip()
        return self.by_key.get(key) or self.by_folded.get(key.casefold())

    def resolved(self, entry: Entry) -> Entry:
        """`entry` with what it inherits (each entry is resolved once)."""
        if entry.key in self.done:
            return self.done[entry.key]
        if "crossref" not in entry.raw and "xdata" not in entry.raw:
            return entry
        # `_take` stops a cycle before it comes back here: `entry` is never in `active`.
        self.active.append(entry.key)
        try:
            raw = dict(entry.raw)
            inherited: dict[str, str] = {}
            for source_key in _listed(entry, "xdata"):
                self._take(entry, source_key, "xdata", raw, inherited)
            if "crossref" in entry.raw:
                self._take(entry, entry.raw["crossref"], "crossref", raw, inherited)
        finally:
            self.active.pop()
        result = self.rebuild(entry, raw, inherited) if inherited else entry
        self.done[entry.key] = result
        return result

    def _take(
        self,
        entry: Entry,
        source_key: str,
        kind: str,
        raw: dict[str, str],
        inherited: dict[str, str],
    ) -> None:
        source = self.find(source_key)
        if source is None:
            self.problems.append(
                Problem(
                    entry,
                    f"{kind}-missing",
                    f"{kind} '{source_key.strip()}' is not in the loaded libraries; "
                    "its fields are missing",
                )
            )
            return
        if source.key in self.active:
            chain = " -> ".join([*self.active[self.active.index(source.key) :], source.key])
            self.problems.append(
                Problem(entry, "inheritance-cycle", f"crossref/xdata cycle {chain}; not followed")
            )
            return
        source = self.resolved(source)
        renames = _renames(source.type, entry.type) if kind == "crossref" else {}
        # A field the whole has under the part's own name (a DBLP proceedings' short
        # `booktitle`) comes before one renamed into it (its long `title`).
        for renamed in (False, True):
            for name, value in source.raw.items():
                if name in _NOT_INHERITED or (name in renames) != renamed:
                    continue
                for target in renames.get(name, (name,)):
                    if target not in raw:
                        raw[target] = value
                        inherited[target] = source.key


def _listed(entry: Entry, name: str) -> list[str]:
    """The keys of a comma-separated key list field (`xdata`, `ids`)."""
    return [key.strip() for key in entry.raw.get(name, "").split(",") if key.strip()]
