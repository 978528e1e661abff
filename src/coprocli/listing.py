"""Entries as text for scripts: JSON, JSON Lines, keys, and `--format` templates.

These are the machine-readable outputs shared by `list`, `show`, `search` and `filter`;
their JSON schema is `Entry.to_dict()`.
"""

from __future__ import annotations

import json
import re
import string
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from .errors import UsageError
from .model import Entry

if TYPE_CHECKING:
    from .item import Date

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


# --------------------------------------------------------------------------------------
# The full record a person reads (`copro show`)

#: Labels of the people of a record, by CSL role, in reading order.
_PEOPLE_LABELS = (
    ("author", "Authors"),
    ("editor", "Editors"),
    ("director", "Director"),
    ("translator", "Translators"),
    ("compiler", "Compilers"),
    ("container-author", "Book by"),
    ("producer", "Producer"),
)


def record_rows(entry: Entry) -> list[tuple[str, str]]:
    """The labelled lines of a full record, in reading order, empty ones left out.

    Read from the normalised `Item`, so a thesis shows its university as publisher and a
    film its director whatever fields the .bib used."""
    from .item import text_of, to_item

    item = to_item(entry)
    rows = [
        (label, "; ".join(person.display_name for person in item.people(role)))
        for role, label in _PEOPLE_LABELS
    ]
    date = item.issued
    when = ""
    if date is not None:
        month = date.month_name() or date.season_name()
        when = f"{month} {date.year_text}" if month else date.year_text
    volume = ", ".join(part for part in (item.volume, item.issue) if part)
    series = ", ".join(part for part in (item.collection_text, item.collection_number) if part)
    rows += [
        ("Year", when or item.status),
        ("Original", item.original.year_text if item.original else ""),
        ("Type", item.genre or entry.type),
        ("Number", item.number),
        ("Title of", text_of(item.volume_title) and item.title_text),
        ("In", item.container_text),
        ("Volume", volume),
        ("Pages", item.pages or item.article_number),
        ("Edition", item.edition),
        ("Series", series),
        ("Publisher", item.publisher_text),
        ("Place", item.place),
        ("Event", ", ".join(part for part in (item.event_title, item.event_place) if part)),
        ("Version", item.version),
        ("Language", item.language),
        ("ISBN", item.isbn),
        ("ISSN", item.issn),
        ("DOI", item.doi),
        ("URL", item.url),
        ("Accessed", _day(item.accessed)),
        ("Keywords", ", ".join(item.keywords)),
        ("Section", entry.section),
        ("Note", item.note),
        ("Inherited", _inherited(entry)),
        ("Source", f"{entry.source}:{entry.line}" if entry.source != "bundled" else "bundled"),
    ]
    return [(label, value) for label, value in rows if value]


def _inherited(entry: Entry) -> str:
    """`booktitle, publisher, year from conf2009`: the fields taken from each entry."""
    by_source: dict[str, list[str]] = {}
    for name, source in entry.inherited.items():
        by_source.setdefault(source, []).append(name)
    return "; ".join(
        f"{', '.join(sorted(names))} from {source}" for source, names in by_source.items()
    )


def _day(date: Date | None) -> str:
    """`3 November 2022`."""
    if date is None:
        return ""
    return " ".join(
        part for part in (str(date.day or ""), date.month_name(), date.year_text) if part
    )
