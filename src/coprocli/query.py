"""Parsing search queries: words, "phrases", field:value, -word / NOT word, and OR.

A query is a list of clauses that must all hold; each clause is one or more alternatives
joined by OR (`timebanking OR housing evaluation` is `(timebanking | housing) AND
evaluation`). Excluded terms (`-housing`, `NOT housing`) remove entries. Only malformed
syntax raises: an unclosed quote, an unknown field, an empty field value or a bad year range.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .errors import UsageError
from .folding import fold
from .model import Frozen

if TYPE_CHECKING:
    from .selection import YearRange

#: The fields a `field:value` term may name, in the order the help lists them.
KNOWN_FIELDS: tuple[str, ...] = ("author", "title", "year", "type", "section", "keyword", "key")

_FIELD_LIST = ", ".join(KNOWN_FIELDS)


class Term(Frozen):
    """One query term: a word, a phrase, or a `field:value` (field None for any field)."""

    _fields = ("text", "field", "phrase", "years")
    __slots__ = _fields
    text: str
    field: str | None
    phrase: bool
    years: YearRange | None

    def __init__(
        self,
        text: str,
        field: str | None = None,
        phrase: bool = False,
        years: YearRange | None = None,
    ) -> None:
        self._assign(text, field, phrase, years)

    @property
    def types(self) -> frozenset[str]:
        """For `type:` terms, the entry types it stands for (with the aliases)."""
        from .selection import type_aliases

        return type_aliases(fold(self.text).strip())


class Query(Frozen):
    """Clauses that must all match (each a tuple of OR-ed alternatives), and exclusions."""

    _fields = ("clauses", "excluded")
    __slots__ = _fields
    clauses: tuple[tuple[Term, ...], ...]
    excluded: tuple[Term, ...]

    def __init__(
        self, clauses: tuple[tuple[Term, ...], ...] = (), excluded: tuple[Term, ...] = ()
    ) -> None:
        self._assign(clauses, excluded)

    @property
    def is_empty(self) -> bool:
        return not self.clauses


def _unclosed(text: str) -> UsageError:
    return UsageError(
        f'Unclosed quote in query {text!r}; close the phrase with ". Fields: {_FIELD_LIST}.'
    )


def _read_quoted(text: str, start: int) -> tuple[str, int]:
    """The text between the quote at `start` and the next quote, and the index after it."""
    end = text.find('"', start + 1)
    if end < 0:
        raise _unclosed(text)
    return text[start + 1 : end], end + 1


def _read_word(text: str, start: int) -> tuple[str, int]:
    end = start
    while end < len(text) and not text[end].isspace():
        end += 1
    return text[start:end], end


def make_field_term(name: str, value: str, *, phrase: bool, original: str) -> Term:
    """A `field:value` term, checked: a known field, a value, a valid year range."""
    field = fold(name)
    if field not in KNOWN_FIELDS:
        raise UsageError(f"Unknown field {name!r} in {original!r}; fields: {_FIELD_LIST}.")
    if not value.strip():
        raise UsageError(f"Empty value for {field}: in {original!r}; fields: {_FIELD_LIST}.")
    from .selection import YearRange  # filters' year ranges: loaded for field terms only

    years = YearRange.parse(value) if field == "year" else None
    return Term(value.strip(), field, phrase, years)


def _field_prefix(text: str, start: int) -> int:
    """The index of the colon when a `field:` starts at `start`, else -1.

    `https://…` and `10:30` are words, not fields.
    """
    end = start
    while end < len(text) and text[end].isascii() and text[end].isalpha():
        end += 1
    if end == start or end >= len(text) or text[end] != ":":
        return -1
    if text.startswith("//", end + 1):
        return -1
    return end


def _read_term(text: str, start: int) -> tuple[Term | None, int]:
    """The term at `start` (None for punctuation-only words) and the index after it."""
    if text[start] == '"':
        value, end = _read_quoted(text, start)
        return (Term(value, phrase=True) if value.strip() else None), end
    colon = _field_prefix(text, start)
    if colon >= 0:
        name = text[start:colon]
        if colon + 1 < len(text) and text[colon + 1] == '"':
            value, end = _read_quoted(text, colon + 1)
            return make_field_term(name, value, phrase=True, original=text), end
        value, end = _read_word(text, colon + 1)
        return make_field_term(name, value, phrase=False, original=text), end
    word, end = _read_word(text, start)
    return Term(word), end


def parse_query(text: str) -> Query:
    """Parse a search query; raises `UsageError` only for malformed syntax."""
    clauses: list[list[Term]] = []
    excluded: list[Term] = []
    negate = False
    join_next = False  # the previous token was OR
    position = 0
    while position < len(text):
        if text[position].isspace():
            position += 1
            continue
        if text.startswith(("OR", "NOT"), position):
            word, end = _read_word(text, position)
            if word == "OR":
                join_next = bool(clauses) and not negate
                position = end
                continue
            if word == "NOT":
                negate = True
                position = end
                continue
        if text[position] == "-":
            if position + 1 >= len(text) or text[position + 1].isspace():
                position += 1  # a lone dash means nothing
                continue
            negate = True
            position += 1
        term, position = _read_term(text, position)
        if term is None:
            negate = join_next = False
            continue
        if negate:
            excluded.append(term)
        elif join_next:
            clauses[-1].append(term)
        else:
            clauses.append([term])
        negate = join_next = False
    return Query(tuple(tuple(clause) for clause in clauses), tuple(excluded))
