"""copro's own typed model of a bibliography: `Person` and `Entry`.

Everything outside `bibparse.py` sees only these frozen dataclasses; parser objects never
leave the loader. Field values are Unicode text with LaTeX already decoded.
`Entry.to_dict()` is the stable JSON schema of `--json` (documented in the README).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NoReturn

from . import summary

#: Fields that hold lists of people (split on top-level "and", parsed part by part).
NAME_FIELDS = frozenset(
    {
        "author",
        "editor",
        "translator",
        "bookauthor",
        "director",
        "producer",
        "editora",
        "editorb",
        "editorc",
        "commentator",
        "annotator",
        "introduction",
        "foreword",
        "afterword",
        "holder",
    }
)

#: Fields copied as written: LaTeX decoding would cut a URL at `%` or drop `&`.
VERBATIM_FIELDS = frozenset(
    {"url", "doi", "eprint", "file", "pdf", "verba", "verbb", "verbc", "urlraw", "howpublishedurl"}
)

#: Free-text fields whose paragraph and list structure is kept (see `textblocks.py`).
LONG_TEXT_FIELDS = frozenset({"annotation", "annote", "abstract", "note", "addendum"})


class Frozen:
    """A value object: its attributes are set once, by `__init__`, and compare and hash
    as a tuple of them. (Written out rather than a frozen data class: every command
    imports this module, and defining two data classes would cost it about a millisecond
    on every start.)"""

    __slots__ = ()
    #: The attributes, in order (each subclass's `__slots__`).
    _fields: tuple[str, ...] = ()

    def _assign(self, *values: Any) -> None:
        """Set the attributes, once, from `__init__`: `values` in `_fields` order (the
        order `__reduce__` makes the object again in)."""
        for name, value in zip(self._fields, values, strict=True):
            object.__setattr__(self, name, value)

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self._fields)

    def __setattr__(self, name: str, value: object) -> NoReturn:
        raise AttributeError(f"cannot assign to field {name!r}: {type(self).__name__} is frozen")

    def __delattr__(self, name: str) -> NoReturn:
        raise AttributeError(f"cannot delete field {name!r}: {type(self).__name__} is frozen")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Frozen) or other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{type(self).__name__}({shown})"

    def __reduce__(self) -> tuple[type[Frozen], tuple[Any, ...]]:
        """Made again from its values (each `__init__` takes them in `_fields` order), so
        that copies and pickles work without assigning to a frozen object."""
        return (type(self), self._values())


class Person(Frozen):
    """One name: a person in parts (given, particle, family, suffix) or an organisation.

    An organisation, or any name written inside one pair of braces in BibTeX
    (`{{new economics foundation}}`), is kept whole in `literal` and never split.
    """

    _fields = ("family", "given", "particle", "suffix", "literal")
    __slots__ = _fields
    family: str
    given: str
    particle: str
    suffix: str
    literal: str

    def __init__(
        self,
        family: str = "",
        given: str = "",
        particle: str = "",
        suffix: str = "",
        literal: str = "",
    ) -> None:
        self._assign(family, given, particle, suffix, literal)

    @property
    def is_literal(self) -> bool:
        """True for an organisation or any name kept whole."""
        return bool(self.literal)

    @property
    def surname(self) -> str:
        """The family name with its particle (`van der Meer`), or the literal name."""
        if self.literal:
            return self.literal
        return f"{self.particle} {self.family}".strip()

    @property
    def display_name(self) -> str:
        """The name as a person reads it: `Given particle Family, Suffix` or the literal."""
        if self.literal:
            return self.literal
        name = " ".join(part for part in (self.given, self.particle, self.family) if part)
        return f"{name}, {self.suffix}" if self.suffix else name

    @property
    def sort_name(self) -> str:
        """Family-first form used for sorting and listing: `Meer, Jan van der`."""
        if self.literal:
            return self.literal
        rest = " ".join(part for part in (self.given, self.particle) if part)
        name = f"{self.family}, {rest}" if rest else self.family
        return f"{name}, {self.suffix}" if self.suffix else name

    def to_dict(self) -> dict[str, str]:
        """The non-empty parts, for CSL-JSON-like structured output."""
        if self.literal:
            return {"literal": self.literal}
        parts = {
            "family": self.family,
            "given": self.given,
            "particle": self.particle,
            "suffix": self.suffix,
        }
        return {name: value for name, value in parts.items() if value}


class Entry(Frozen):
    """One bibliography entry, decoded.

    `fields` holds every non-name field as Unicode text; `names` holds every name field as a
    tuple of `Person`. `raw` keeps each field's BibTeX value after macro expansion but before
    LaTeX decoding (styles need it to see brace-protected words such as `{NHS}`).
    """

    _fields = ("key", "type", "fields", "names", "source", "line", "raw", "inherited")
    __slots__ = _fields
    key: str
    type: str
    fields: Mapping[str, str]
    names: Mapping[str, tuple[Person, ...]]
    source: str
    line: int
    raw: Mapping[str, str]
    #: Fields taken from another entry (`crossref`, `xdata`): field name -> that entry's key.
    inherited: Mapping[str, str]

    def __init__(
        self,
        key: str,
        type: str,
        fields: Mapping[str, str] | None = None,
        names: Mapping[str, tuple[Person, ...]] | None = None,
        source: str = "",
        line: int = 0,
        raw: Mapping[str, str] | None = None,
        inherited: Mapping[str, str] | None = None,
    ) -> None:
        self._assign(
            key,
            type,
            {} if fields is None else fields,
            {} if names is None else names,
            source,
            line,
            {} if raw is None else raw,
            {} if inherited is None else inherited,
        )

    def replaced(self, **changes: Any) -> Entry:
        """A copy with the given attributes changed."""
        values = {name: getattr(self, name) for name in self._fields}
        return Entry(**{**values, **changes})

    def get(self, name: str, default: str = "") -> str:
        """A decoded field value, or `default` when the field is absent."""
        return self.fields.get(name, default)

    # What lists, search and filters show of an entry. Which fields say it (`title` and
    # `subtitle`, `year` or `date`, `annotation` or `annote`) is the normaliser's
    # knowledge (`summary.py`, part of it), so these ask it.

    @property
    def title(self) -> str:
        """The full title: title and subtitle joined as `Title: Subtitle`."""
        return summary.title(self.fields)

    @property
    def year(self) -> int | None:
        """The year of publication, from `year` or the biblatex `date` field."""
        return summary.year(self.fields)

    @property
    def authors(self) -> tuple[Person, ...]:
        """The authors; where there are none, the editors or directors stand in."""
        return summary.people(self.names)

    @property
    def listed_people(self) -> tuple[Person, ...]:
        """Who a listing shows and sorts the entry by: its authors (editors or directors
        stand in), else the organisation responsible for it (`organization`, as a web page
        names its owner; APA puts it first too). Without either, nobody."""
        if self.authors:
            return self.authors
        organisation = summary.organisation(self.fields)
        return (Person(literal=organisation),) if organisation else ()

    @property
    def keywords(self) -> tuple[str, ...]:
        """The keywords, split on commas and semicolons."""
        return summary.keywords(self.fields)

    @property
    def annotation(self) -> str:
        """The annotation (biblatex `annotation`, BibTeX `annote`)."""
        return summary.annotation(self.fields)

    @property
    def section(self) -> str:
        """The heading of the source bibliography this entry sits under."""
        return summary.section(self.fields)

    def to_dict(self) -> dict[str, Any]:
        """The stable JSON object of `--json` (schema in the README)."""
        fields: dict[str, Any] = dict(self.fields)
        for role, people in self.names.items():
            fields[role] = [person.display_name for person in people]
        record = {
            "key": self.key,
            "type": self.type,
            "title": self.title,
            "authors": [person.display_name for person in self.authors],
            "year": self.year,
            "source": self.source,
            "fields": dict(sorted(fields.items())),
        }
        if self.inherited:
            record["inherited"] = dict(sorted(self.inherited.items()))
        return record
