"""BibTeX and biblatex export: tidy `.bib` text that reads back as the same entries.

Each field is written from the entry's `raw` value (the original LaTeX, brace protection
such as `{NHS}` kept) whenever that value decodes to the field as loaded; otherwise the
decoded Unicode is escaped. Names are written from `Person` in BibTeX's
`von Last, Jr, First` form, organisations in an extra pair of braces; every name is
checked by reading it back, and a name the plain form cannot carry falls back to its
original text (or, for biblatex, to the extended `family=..., given=...` form).

`map_entry(entry, dialect)` is the translation between the two vocabularies (types and
fields); the written entry, read back, equals the mapped entry.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

from .. import latex, names
from ..backends.latex import escape_latex
from ..bibparse import normalise_month
from ..model import LONG_TEXT_FIELDS, VERBATIM_FIELDS, Entry, Person
from ..summary import MONTH_NAMES

Dialect = Literal["bibtex", "biblatex"]

#: Entry types classic BibTeX styles know.
BIBTEX_TYPES = frozenset(
    {
        "article", "book", "booklet", "conference", "inbook", "incollection", "inproceedings",
        "manual", "mastersthesis", "misc", "phdthesis", "proceedings", "techreport",
        "unpublished",
    }
)  # fmt: skip
#: biblatex types and the classic type that means the same. Types with no classic
#: equivalent (`online`, `video`, `software`, `dataset`, ...) are written as they are:
#: classic BibTeX styles print them as `misc`, and copro and pandoc read them back as
#: what they are.
TO_BIBTEX_TYPES = {
    "report": "techreport",
    "mvbook": "book",
    "bookinbook": "inbook",
    "collection": "book",
    "mvcollection": "book",
    "reference": "book",
    "mvreference": "book",
    "inreference": "incollection",
    "suppbook": "incollection",
    "suppcollection": "incollection",
    "suppperiodical": "article",
    "mvproceedings": "proceedings",
    "review": "article",
}
#: Classic types and their biblatex names (with the `type` that keeps their meaning).
TO_BIBLATEX_TYPES = {
    "techreport": ("report", "techreport"),
    "phdthesis": ("thesis", "phdthesis"),
    "mastersthesis": ("thesis", "mathesis"),
    "www": ("online", ""),
    "electronic": ("online", ""),
    "conference": ("inproceedings", ""),
}
TO_BIBTEX_FIELDS = {
    "location": "address",
    "journaltitle": "journal",
    "annotation": "annote",
}
TO_BIBLATEX_FIELDS = {
    "address": "location",
    "journal": "journaltitle",
    "annote": "annotation",
    "school": "institution",
}
_MONTH_MACROS = tuple(name[:3].lower() for name in MONTH_NAMES)
_ANY_BRACE = re.compile(r"[{}]")
_COMMENT_LINE = re.compile(r"^[ \t]*%", re.MULTILINE)
_AND_WORD = re.compile(r"(?<!\S)and(?!\S)", re.IGNORECASE)


# -- field values ------------------------------------------------------------------------


def decode_field(name: str, raw: str) -> str:
    """A raw field value decoded as the loader decodes it."""
    if name in VERBATIM_FIELDS:
        return latex.unescape_verbatim(raw)
    if name in LONG_TEXT_FIELDS:
        return latex.decode(raw, keep_lines=True)
    if name == "month":
        decoded = latex.decode(raw)
        return normalise_month(decoded) or decoded
    return latex.decode(raw)


def _balanced(raw: str) -> bool:
    """Braces balanced as BibTeX counts them: `\\{` and `\\}` count too (BibTeX does
    not read LaTeX escapes, and neither does pandoc's reader)."""
    depth = 0
    for match in _ANY_BRACE.finditer(raw):
        depth += 1 if match.group() == "{" else -1
        if depth < 0:
            return False
    return depth == 0


def _writable(raw: str) -> bool:
    """Whether `raw` can stand inside `{...}` as is: braces balanced, no line the loader
    would take for a comment, no trailing backslash escaping the closing brace."""
    trailing = len(raw) - len(raw.rstrip("\\"))
    return _balanced(raw) and trailing % 2 == 0 and not _COMMENT_LINE.search(raw)


def encode_field(name: str, value: str) -> str:
    """Decoded Unicode as a raw value that decodes back to it."""
    if name in VERBATIM_FIELDS:
        if _writable(value) and value == value.strip():
            return value
        # Only braces and backslashes stop a URL from standing as is; percent-encode them.
        return re.sub(r"[{}\\]", lambda match: f"%{ord(match.group()):02X}", value.strip())
    escaped = escape_latex(value)
    if not _balanced(escaped):
        # A lone brace in the text (`\\{`) would unbalance the value for BibTeX: spell
        # both as commands that hold no brace character of their own.
        escaped = escaped.replace("\\{", "\\textbraceleft{}").replace("\\}", "\\textbraceright{}")
    return escaped


def field_raw(entry: Entry, name: str) -> str:
    """The raw text to write for a (non-name) field: its original LaTeX where faithful."""
    value = entry.fields[name]
    raw = entry.raw.get(name)
    if raw is not None and _writable(raw) and decode_field(name, raw) == value:
        return raw
    return encode_field(name, value)


# -- names -------------------------------------------------------------------------------


def _protect(part: str, always: bool = False) -> str:
    escaped = escape_latex(part)
    if always or "," in part or _AND_WORD.search(part):
        return "{" + escaped + "}"
    return escaped


def _candidates(person: Person, dialect: Dialect) -> list[str]:
    if person.literal:
        if person.literal == "others":
            return ["others"]
        return ["{" + escape_latex(person.literal) + "}"]
    out: list[str] = []
    for brace_family in (False, True):
        last = " ".join(
            part
            for part in (escape_latex(person.particle), _protect(person.family, brace_family))
            if part
        )
        given = _protect(person.given) if person.given else ""
        if person.suffix:  # an empty First must still be there: `{}`
            out.append(f"{last}, {_protect(person.suffix)}, {given or '{}'}")
        elif given:
            out.append(f"{last}, {given}")
        else:
            out.append(last)
    if dialect == "biblatex":
        parts = {
            "family": person.family,
            "given": person.given,
            "prefix": person.particle,
            "suffix": person.suffix,
        }
        out.append(
            ", ".join(f"{key}={{{escape_latex(value)}}}" for key, value in parts.items() if value)
        )
    return out


def format_name(person: Person, dialect: Dialect = "bibtex", original: str | None = None) -> str:
    """One name as BibTeX text that reads back as `person`.

    The first form that reads back as the same `Person` wins: `von Last, Jr, First`, the
    same with the family name braced, biblatex's extended form, the name's `original`
    raw text; failing all, the first form.
    """
    candidates = _candidates(person, dialect)
    if original is not None:
        candidates.append(original)
    for candidate in candidates:
        if len(names.split_names(candidate)) == 1 and names.parse_name(candidate) == person:
            return candidate
    return candidates[0]


def format_names(entry: Entry, role: str, dialect: Dialect = "bibtex") -> str:
    """A name field: the people joined by `and`."""
    people = entry.names[role]
    originals: list[str] | None = None
    if role in entry.raw:
        pieces = [piece for piece in names.split_names(entry.raw[role]) if piece]
        originals = pieces if len(pieces) == len(people) else None
    return " and ".join(
        format_name(person, dialect, originals[index] if originals else None)
        for index, person in enumerate(people)
    )


# -- mapping -----------------------------------------------------------------------------


def _field_order(entry: Entry) -> list[str]:
    order = [name for name in entry.raw if name in entry.fields or name in entry.names]
    order += [name for name in entry.fields if name not in entry.raw]
    order += [name for name in entry.names if name not in entry.raw]
    return order


def map_entry(entry: Entry, dialect: Dialect) -> Entry:
    """The entry in `dialect`'s vocabulary, with a writable raw value for every field.

    bibtex: biblatex types become the classic ones that mean the same (`report` ->
    `techreport`, `thesis` -> `phdthesis` or `mastersthesis`); a type with no classic
    equivalent is kept (`online`, `video`, `software`: pandoc and copro read them
    back as what they are, and a `howpublished` URL would read as a publisher);
    `location` -> `address`, `journaltitle` -> `journal`, `annotation` -> `annote`,
    `date` -> `year`/`month`, `subtitle` joined to `title` with `: `, a thesis's
    `institution` -> `school`, months as macros (`dec`).
    biblatex: `techreport` -> `report` and the thesis types -> `thesis`, each with its
    `type`; `address` -> `location`, `journal` -> `journaltitle`, `annote` ->
    `annotation`, `school` -> `institution`, months as integers. A field is renamed only
    where the target name is free. Fields and names otherwise keep their values and order.
    """
    entry_type = entry.type
    raw: dict[str, str] = {}
    for name in _field_order(entry):
        if name in entry.names:
            raw[name] = format_names(entry, name, dialect)
        else:
            raw[name] = field_raw(entry, name)
    renames = TO_BIBTEX_FIELDS if dialect == "bibtex" else TO_BIBLATEX_FIELDS
    decoded: dict[str, str] = {name: entry.fields[name] for name in raw if name in entry.fields}

    def set_field(name: str, value_raw: str) -> None:
        raw[name] = value_raw
        decoded[name] = decode_field(name, value_raw)

    if dialect == "bibtex":
        original_type = entry_type
        if entry_type not in BIBTEX_TYPES:
            entry_type = TO_BIBTEX_TYPES.get(entry_type, entry_type)
        if original_type == "thesis":
            kind = decoded.get("type", "").lower()
            entry_type = "mastersthesis" if "master" in kind or kind == "mathesis" else "phdthesis"
            if kind in {"phdthesis", "mathesis", "mastersthesis"}:
                raw.pop("type", None)
                decoded.pop("type", None)
        if entry_type in {"phdthesis", "mastersthesis"}:
            renames = {**renames, "institution": "school"}
        if "subtitle" in raw:
            subtitle = raw.pop("subtitle")
            decoded.pop("subtitle", None)
            title = decoded.get("title", "")
            if "title" in raw:
                separator = " " if title and title[-1] in "?!:." else ": "
                set_field("title", f"{raw['title']}{separator}{subtitle}")
            else:
                set_field("title", subtitle)
        if "date" in raw:
            parts = _date_fields(decoded["date"])
            if parts and "year" not in raw:
                for name, value in parts.items():
                    set_field(name, value)
                if re.fullmatch(r"\d{4}(?:-\d{1,2})?", decoded["date"].strip()):
                    raw.pop("date")
                    decoded.pop("date")
        if decoded.get("month", "").isdigit() and 1 <= int(decoded["month"]) <= 12:
            raw["month"] = _MONTH_MACROS[int(decoded["month"]) - 1]  # a bare macro
    else:
        if decoded.get("month", "").isdigit() and 1 <= int(decoded["month"]) <= 12:
            raw["month"] = decoded["month"]  # biblatex wants an integer
        if entry_type in TO_BIBLATEX_TYPES:
            entry_type, kind = TO_BIBLATEX_TYPES[entry_type]
            if kind and "type" not in raw:
                set_field("type", kind)

    renamed: dict[str, str] = {}
    for name, value in raw.items():
        target = renames.get(name)
        if target and target not in raw:
            renamed[target] = value
            if name in decoded:
                decoded[target] = decoded.pop(name)
        else:
            renamed[name] = value
    people = {name: entry.names[name] for name in renamed if name in entry.names}
    fields = {name: decoded[name] for name in renamed if name not in people}
    return Entry(
        key=entry.key,
        type=entry_type,
        fields=fields,
        names=people,
        source=entry.source,
        line=entry.line,
        raw=renamed,
    )


def _date_fields(date: str) -> dict[str, str]:
    match = re.match(r"\s*(\d{4})(?:-(\d{1,2}))?", date)
    if match is None:
        return {}
    out = {"year": match.group(1)}
    if match.group(2) and 1 <= int(match.group(2)) <= 12:
        out["month"] = str(int(match.group(2)))
    return out


# -- writing -----------------------------------------------------------------------------


def format_entry(entry: Entry) -> str:
    """One mapped entry (see `map_entry`) as `.bib` text: one field a line, aligned."""
    if not entry.raw:
        return f"@{entry.type}{{{entry.key},\n}}\n"
    width = max(len(name) for name in entry.raw)
    lines = [f"@{entry.type}{{{entry.key},"]
    for name, value in entry.raw.items():
        text = value if name == "month" and value in _MONTH_MACROS else f"{{{value}}}"
        lines.append(f"  {name.ljust(width)} = {text},")
    lines.append("}")
    return "\n".join(lines) + "\n"


class BibtexExporter:
    """`.bib` text for classic BibTeX (`bibtex`, `natbib` styles)."""

    name = "bibtex"
    description = "BibTeX .bib (classic entry types and fields)"
    extension = "bib"
    dialect: Dialect = "bibtex"

    def export(self, entries: Sequence[Entry]) -> str:
        return "\n".join(format_entry(map_entry(entry, self.dialect)) for entry in entries)


class BiblatexExporter(BibtexExporter):
    """`.bib` text for biblatex and biber."""

    name = "biblatex"
    description = "biblatex .bib (for biber)"
    dialect: Dialect = "biblatex"
