"""Entries as text for scripts: JSON, JSON Lines, keys, and `--format` templates.

These are the machine-readable outputs shared by `list`, `show`, `search` and `filter`;
their JSON schema is `Entry.to_dict()`.
"""

from __future__ import annotations

import json
import re
import string
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .errors import UsageError
from .model import Entry
from .terminal import json_safe

if TYPE_CHECKING:
    from .item import Date

_PLACEHOLDER = re.compile(r"[A-Za-z_][\w-]*")
_ESCAPE = re.compile(r"\\([tn\\])")
_ESCAPES = {"t": "\t", "n": "\n", "\\": "\\"}


def to_json(records: Iterable[Mapping[str, Any]]) -> str:
    """A JSON array, indented, Unicode kept as is but for terminal controls (`json_safe`)."""
    return json_safe(json.dumps(list(records), ensure_ascii=False, indent=2))


def to_jsonl(records: Iterable[Mapping[str, Any]]) -> Iterator[str]:
    """One compact JSON object a line."""
    for record in records:
        yield json_safe(json.dumps(record, ensure_ascii=False))


def authors_text(entry: Entry) -> str:
    """Author names as one string: `Boyle, Slay and Stephens`-style display names."""
    people = [person.display_name for person in entry.authors]
    if len(people) <= 2:
        return " and ".join(people)
    return ", ".join(people[:-1]) + " and " + people[-1]


#: The placeholders every entry fills; any other name is a field of the entry (`{url}`).
SUMMARY_PLACEHOLDERS: dict[str, Callable[[Entry], str]] = {
    "key": lambda entry: entry.key,
    "year": lambda entry: str(entry.year) if entry.year is not None else "",
    "title": lambda entry: entry.title,
    "authors": authors_text,
    "type": lambda entry: entry.type,
    "source": lambda entry: entry.source,
    "keywords": lambda entry: ", ".join(entry.keywords),
}


@dataclass(frozen=True)
class Template:
    """A checked `--format` template: literal text, each followed by a placeholder name
    (None after the last piece)."""

    parts: tuple[tuple[str, str | None], ...]


def check_template(template: str) -> Template:
    """Parse a `--format` template once, accepting only plain `{name}` placeholders.

    `str.format` would also read `{0}`, `{key.__class__}`, `{title[0]}`, `{title!r}` and
    `{title:>{width}}`: attribute access and format specs that fail mid-output or reach
    into Python objects, so any of them is a usage error naming the placeholder."""
    try:
        pieces = list(string.Formatter().parse(template))
    except ValueError as error:
        raise UsageError(
            f"Invalid --format template {template!r} ({error}); "
            "use placeholders such as '{key}\\t{year}\\t{title}' and '{{' for a brace."
        ) from None
    parts = []
    for literal, name, spec, conversion in pieces:
        if name is not None and (conversion or spec or not _PLACEHOLDER.fullmatch(name)):
            known = ", ".join(f"{{{known}}}" for known in SUMMARY_PLACEHOLDERS)
            raise UsageError(
                f"Invalid placeholder {_as_written(name, spec, conversion)} in --format; "
                f"use {known} or a field name such as {{url}}, and '{{{{' or '}}}}' for a brace."
            )
        # Shells pass `\t` literally; scripts mean a tab.
        parts.append((_ESCAPE.sub(lambda match: _ESCAPES[match.group(1)], literal), name))
    return Template(tuple(parts))


def _as_written(name: str, spec: str | None, conversion: str | None) -> str:
    """A placeholder as the template wrote it, for a message."""
    conversion_part = f"!{conversion}" if conversion else ""
    spec_part = f":{spec}" if spec else ""
    return f"{{{name}{conversion_part}{spec_part}}}"


def format_entry(entry: Entry, template: Template) -> str:
    """Fill a template from `check_template` for one entry; an absent field prints as
    nothing, as in a mail merge."""
    return "".join(
        literal + (_placeholder_value(entry, name) if name is not None else "")
        for literal, name in template.parts
    )


def _placeholder_value(entry: Entry, name: str) -> str:
    summary = SUMMARY_PLACEHOLDERS.get(name)
    if summary is not None:
        return summary(entry)
    people = entry.names.get(name)
    if people is not None:
        return "; ".join(person.display_name for person in people)
    return entry.fields.get(name, "")


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
