"""Entries as text for scripts: JSON, JSON Lines, keys, and `--format` templates.

These are the machine-readable outputs shared by `list`, `show`, `search` and `filter`;
their JSON schema is `Entry.to_dict()`.
"""

from __future__ import annotations

import json
import re
import string
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from .errors import UsageError
from .model import Entry

_PLACEHOLDER = re.compile(r"[A-Za-z_][\w-]*")
_ESCAPE = re.compile(r"\\([tn\\])")
_ESCAPES = {"t": "\t", "n": "\n", "\\": "\\"}


def to_json(records: Iterable[Mapping[str, Any]]) -> str:
    """A JSON array, indented, Unicode kept as is."""
    return json.dumps(list(records), ensure_ascii=False, indent=2)


def to_jsonl(records: Iterable[Mapping[str, Any]]) -> Iterator[str]:
    """One compact JSON object a line."""
    for record in records:
        yield json.dumps(record, ensure_ascii=False)


def authors_text(entry: Entry) -> str:
    """Author names as one string: `Boyle, Slay and Stephens`-style display names."""
    people = [person.display_name for person in entry.authors]
    if len(people) <= 2:
        return " and ".join(people)
    return ", ".join(people[:-1]) + " and " + people[-1]


class _TemplateFields(dict[str, str]):
    """Placeholders for `--format`: the summary names first, then any field of the entry."""

    def __init__(self, entry: Entry) -> None:
        super().__init__(entry.fields)
        for role, people in entry.names.items():
            self[role] = "; ".join(person.display_name for person in people)
        self.update(
            key=entry.key,
            type=entry.type,
            title=entry.title,
            authors=authors_text(entry),
            year=str(entry.year) if entry.year is not None else "",
            source=entry.source,
            keywords=", ".join(entry.keywords),
        )

    def __missing__(self, name: str) -> str:
        return ""  # an absent field prints as nothing, as in a mail merge


def check_template(template: str) -> str:
    """Validate a `--format` template early, with a clear message; return it unescaped."""
    try:
        fields = [name for _, name, spec, _ in string.Formatter().parse(template) if name]
    except ValueError as error:
        raise UsageError(
            f"Invalid --format template {template!r} ({error}); "
            "use placeholders such as '{key}\\t{year}\\t{title}' and '{{' for a brace."
        ) from None
    for name in fields:
        if not _PLACEHOLDER.fullmatch(name):
            raise UsageError(
                f"Invalid placeholder {{{name}}} in --format; use field names such as "
                "{key}, {year}, {title}, {authors}, {type}, {source} or any field like {url}."
            )
    # Shells pass `\t` literally; scripts mean a tab.
    return _ESCAPE.sub(lambda match: _ESCAPES[match.group(1)], template)


def format_entry(entry: Entry, template: str) -> str:
    """Fill a `--format` template (checked with `check_template`) for one entry."""
    return string.Formatter().vformat(template, (), _TemplateFields(entry))
