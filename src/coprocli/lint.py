"""`copro check`'s findings beyond parse problems: what in a library will go wrong later.

Each finding has a code, a severity (`error`: the output will be wrong; `warning`: it may
be), the entry's file and line, a message and a hint. Rules so far:

- C001 (warning) likely duplicates: the same DOI, or the same title, year and first
  author's family name (case, accents and punctuation aside);
- C002 (error) an organisation written as a person: a name in single braces or none, of
  three words or more, with an institutional word (`Social Care Institute for Excellence`
  becomes "Excellence, S. C. I. f." in every style).
"""

import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from .folding import fold
from .model import Entry, Person

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
    found = [*_duplicates(entries), *_organisations_as_people(entries)]
    return sorted(found, key=lambda finding: (finding.source, finding.line, finding.code))


def _finding(code: str, severity: str, entry: Entry, message: str, hint: str) -> Finding:
    return Finding(code, severity, entry.source, entry.line, entry.key, message, hint)


def _duplicates(entries: Sequence[Entry]) -> Iterator[Finding]:
    by_doi: dict[str, list[Entry]] = defaultdict(list)
    by_work: dict[tuple[str, int, str], list[Entry]] = defaultdict(list)
    for entry in entries:
        doi = entry.fields.get("doi")
        if doi:
            from .item import bare_doi

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
            for entry in others:
                yield _finding(
                    "C001",
                    "warning",
                    entry,
                    f"likely the same work as '{first.key}' ({first.source}:{first.line}): "
                    f"same {what}",
                    "keep one entry, or make them differ where they really do",
                )


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
    words = _WORD.findall(f"{person.given} {person.particle} {person.family}")
    return len(words) >= 3 and any(fold(word) in _INSTITUTIONAL for word in words)
