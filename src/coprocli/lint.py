"""`copro check`'s findings beyond parse problems: what in a library will go wrong later.

Each finding has a code, a severity (`error`: the output will be wrong; `warning`: it may
be), the entry's file and line, a message and a hint. Rules so far:

- C001 (warning) likely duplicates: the same DOI, or the same title, year and first
  author's family name (case, accents and punctuation aside);
- C002 (error) an organisation written as a person: a name in single braces or none, of
  three words or more, with an institutional word (`Social Care Institute for Excellence`
  becomes "Excellence, S. C. I. f." in every style);
- C003 (warning) a web resource (`@online`, `@electronic`, `@www`) with no URL or DOI;
- C004 (warning) a field every style needs for the type is missing: a title; a year (or
  date) for articles, books, chapters, papers and theses; the journal of an article, the
  publisher of a book, the book of a chapter or paper, the school of a thesis;
- C005 (note) a web resource with a URL but no access date (`urldate`), which Harvard and
  Vancouver print for web pages (APA and MLA only for pages that change);
- C006 (warning) a capitalised word in a title that sentence-case styles (APA, Vancouver)
  will lower-case, and that looks like a proper noun: the rest of its sentence is in
  sentence case, or the entry's annotation or abstract writes it with a capital
  mid-sentence and never without;
- C007 (warning) what will not survive output: a LaTeX command copro does not know (each
  style and export prints its argument without it), or a date it cannot read whole.

Severities: `error` (the output will be wrong), `warning` (it may be), `note` (advice).
"""

import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from .folding import fold
from .item import bare_doi, parse_date, segments, to_item
from .latex import unknown_commands
from .model import VERBATIM_FIELDS, Entry, Person
from .styles._text import lowered_words

#: Words that make a many-word "person" an organisation.
_INSTITUTIONAL = frozenset(
    {
        "institute",
        "institution",
        "foundation",
        "council",
        "department",
        "university",
        "college",
        "school",
        "association",
        "society",
        "ministry",
        "organisation",
        "organization",
        "commission",
        "centre",
        "center",
        "agency",
        "trust",
        "office",
        "committee",
        "board",
        "network",
        "partnership",
        "service",
        "services",
        "limited",
        "ltd",
        "inc",
        "company",
        "corporation",
        "authority",
        "bureau",
        "team",
        "group",
        "programme",
        "program",
        "alliance",
        "federation",
        "union",
        "unit",
        "laboratory",
        "library",
        "museum",
        "hospital",
        "nhs",
    }
)
_WORD = re.compile(r"[^\W\d_]+")
_CONNECTORS = frozenset({"for", "of", "and", "on", "the", "in"})


class Finding(NamedTuple):
    """One finding about an entry."""

    code: str
    severity: str
    source: str
    line: int
    key: str
    message: str
    hint: str

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        said = f"{self.code} {self.severity}: entry '{self.key}': {self.message}"
        return f"{where}: {said} ({self.hint})"


def lint(entries: Sequence[Entry]) -> list[Finding]:
    """Every finding, by file and line."""
    found = [
        *_duplicates(entries),
        *_organisations_as_people(entries),
        *_web_without_link(entries),
        *_missing_fields(entries),
        *_web_without_access_date(entries),
        *_unprotected_capitals(entries),
        *_lost_in_output(entries),
    ]
    return sorted(found, key=lambda finding: (finding.source, finding.line, finding.code))


def _finding(code: str, severity: str, entry: Entry, message: str, hint: str) -> Finding:
    return Finding(code, severity, entry.source, entry.line, entry.key, message, hint)


def _duplicates(entries: Sequence[Entry]) -> Iterator[Finding]:
    by_doi: dict[str, list[Entry]] = defaultdict(list)
    by_work: dict[tuple[str, int, str], list[Entry]] = defaultdict(list)
    for entry in entries:
        doi = entry.fields.get("doi")
        if doi:
            by_doi[bare_doi(doi).lower()].append(entry)
        title = " ".join(_WORD.findall(fold(entry.fields.get("title", ""))))
        people = entry.authors
        if title and entry.year is not None and people:
            lead = fold(people[0].family or people[0].literal)
            by_work[title, entry.year, lead].append(entry)
    reported: set[frozenset[str]] = set()
    for what, groups in (
        ("DOI", by_doi.values()),
        ("title, year and first author", by_work.values()),
    ):
        for group in groups:
            keys = frozenset(entry.key for entry in group)
            if len(keys) < 2 or keys in reported:
                continue
            reported.add(keys)
            first, *others = group
            for entry in [other for other in others if _may_be_one(first, other)]:
                yield _finding(
                    "C001",
                    "warning",
                    entry,
                    f"likely the same work as '{first.key}' ({first.source}:{first.line}): "
                    f"same {what}",
                    "keep one entry, or make them differ where they really do",
                )


#: Fields in which two records of one work never differ: different values mean different
#: works of the same title (each issue's "Editorial board", an erratum with its own DOI).
_DISTINGUISHING = ("doi", "volume", "number", "pages")


def _may_be_one(first: Entry, other: Entry) -> bool:
    for name in _DISTINGUISHING:
        mine, theirs = first.fields.get(name), other.fields.get(name)
        if not (mine and theirs):
            continue
        if name == "doi":
            mine, theirs = bare_doi(mine), bare_doi(theirs)
        if fold(str(mine)) != fold(str(theirs)):
            return False
    return True


def _organisations_as_people(entries: Sequence[Entry]) -> Iterator[Finding]:
    for entry in entries:
        for role, people in entry.names.items():
            for person in people:
                if _looks_institutional(person):
                    name = " ".join(
                        part for part in (person.given, person.particle, person.family) if part
                    )
                    yield _finding(
                        "C002",
                        "error",
                        entry,
                        f"the {role} '{name}' will be read as a person ('{person.sort_name}')",
                        f"write an organisation in double braces: {{{{{name}}}}}",
                    )


def _looks_institutional(person: Person) -> bool:
    if person.literal:
        return False
    if any(len(word) == 1 for word in _WORD.findall(person.given)):
        return False  # initials: a person (J. B. Company), whatever the family name means
    words = _WORD.findall(f"{person.given} {person.particle} {person.family}")
    if len(words) < 3:
        return False
    # An institutional word that is only the family name may be one (Joan Baptista
    # Company): it takes another one before it, or a connecting word (Institute for …).
    before = [fold(word) for word in words[:-1]]
    return any(word in _INSTITUTIONAL for word in before) or bool(
        _CONNECTORS.intersection(before) and fold(words[-1]) in _INSTITUTIONAL
    )


_WEB_TYPES = frozenset({"online", "electronic", "www"})


def _web_without_link(entries: Sequence[Entry]) -> Iterator[Finding]:
    for entry in entries:
        fields = entry.fields
        if entry.type in _WEB_TYPES and not (fields.get("url") or fields.get("doi")):
            yield _finding(
                "C003", "warning", entry, "a web resource with no URL or DOI", "add its url"
            )


#: Fields every style needs, by entry type: alternatives separated by `|`.
_NEEDED: dict[str, tuple[str, ...]] = {
    "article": ("year|date", "journal|journaltitle"),
    "book": ("year|date", "publisher"),
    "incollection": ("year|date", "booktitle"),
    "inproceedings": ("year|date", "booktitle"),
    "inbook": ("year|date",),
    "phdthesis": ("year|date", "school|institution"),
    "mastersthesis": ("year|date", "school|institution"),
    "thesis": ("year|date", "school|institution"),
}


def _missing_fields(entries: Sequence[Entry]) -> Iterator[Finding]:
    for entry in entries:
        fields = entry.fields
        for needed in ("title", *_NEEDED.get(entry.type, ())):
            choices = needed.split("|")
            if not any(fields.get(name) for name in choices):
                yield _finding(
                    "C004",
                    "warning",
                    entry,
                    f"no {' or '.join(choices)}, which every style needs for @{entry.type}",
                    f"add {choices[0]}",
                )


def _web_without_access_date(entries: Sequence[Entry]) -> Iterator[Finding]:
    for entry in entries:
        fields = entry.fields
        if entry.type in _WEB_TYPES and fields.get("url") and not fields.get("urldate"):
            yield _finding(
                "C005",
                "note",
                entry,
                "a web resource with no access date, which Harvard and Vancouver print",
                "add urldate = {YYYY-MM-DD}, the day you last saw the page",
            )


#: Title fields that sentence-case styles recase (a proceedings' name is kept as written).
_CASED_FIELDS = ("title", "subtitle", "booktitle")


def _unprotected_capitals(entries: Sequence[Entry]) -> Iterator[Finding]:
    for entry in entries:
        item = None
        named: set[str] | None = None
        for name in _CASED_FIELDS:
            if name not in entry.raw:
                continue
            title = segments(entry, name)
            # Without the entry's own names first: most titles stop here, and its names
            # (publisher, place) can only keep more words, never fewer.
            words = lowered_words(title)
            if not words:
                continue
            if item is None:
                item = to_item(entry)
                if not item.is_english:
                    break
            if name == "booktitle" and item.type == "paper-conference":
                continue
            if item.proper_names:
                words = lowered_words(title, item.proper_names)
            if named is None:
                named = _named_in_prose(entry)
            proper = [word for word, deliberate in words if deliberate or word in named]
            for word in dict.fromkeys(proper):
                yield _finding(
                    "C006",
                    "warning",
                    entry,
                    f"the {name} word '{word}' looks like a proper noun; sentence-case "
                    f"styles will print '{word.lower()}'",
                    f"protect it in braces: {{{word}}}",
                )


_PROSE_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_SENTENCE_END = frozenset(".!?:;")


def _named_in_prose(entry: Entry) -> set[str]:
    """The words the entry's annotation or abstract writes with a capital in the middle
    of a sentence (a proper noun's sign) and never in lower case."""
    prose = " ".join(entry.get(name) for name in ("annotation", "annote", "abstract"))
    capitalised: set[str] = set()
    lower: set[str] = set()
    for match in _PROSE_WORD.finditer(prose):
        word = match.group()
        if word.islower():
            lower.add(word)
            continue
        before = match.start() - 1
        while before >= 0 and prose[before].isspace():
            before -= 1
        if before >= 0 and prose[before] not in _SENTENCE_END and prose[before].isalnum():
            capitalised.add(word)
    return {word for word in capitalised if word.lower() not in lower}


def _lost_in_output(entries: Sequence[Entry]) -> Iterator[Finding]:
    for entry in entries:
        for name, value in entry.raw.items():
            if name in VERBATIM_FIELDS or "\\" not in value:
                continue
            unknown = dict.fromkeys(unknown_commands(value))
            if unknown:
                commands = ", ".join(f"\\{command}" for command in unknown)
                yield _finding(
                    "C007",
                    "warning",
                    entry,
                    f"the {name} uses {commands}, which copro does not know: every style "
                    "and export prints what it applies to without it",
                    "write the text in Unicode, or with a standard LaTeX command",
                )
        for name in ("date", "urldate", "origdate", "eventdate"):
            written = entry.fields.get(name)
            if not written:
                continue
            date = parse_date(written)
            if date is None or date.literal:
                understood = f"only its year, {date.year}," if date else "nothing"
                yield _finding(
                    "C007",
                    "warning",
                    entry,
                    f"the {name} '{written}' is not a date copro reads: styles and exports "
                    f"keep {understood} of it",
                    "write it as YYYY-MM-DD, YYYY-MM, YYYY or a range such as YYYY/YYYY",
                )
