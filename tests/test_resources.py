"""The bundled catalogue against the seed bibliography it was made from.

The seed ("Core co-pro papers", kept in tests/fixtures/seed/) is parsed here into its
resources: a title line (title, authors, year) and the annotation under it, grouped by the
seed's section headings. For the websites and the film the annotation follows the title on the
same line. The catalogue must hold the same resources in the same order, under the same
sections, with each annotation word for word and each list item on a line of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from coprocli.catalogue import load_catalogue
from coprocli.model import Entry

from .conftest import SEED

SECTIONS = ("Introductory reading", "Practical tools", "Websites and short films")
#: The section whose resources put title and annotation on one line.
INLINE_SECTION = "Websites and short films"

#: Organisations the seed names as authors or issuers; none may be split into a person.
SEED_ORGANISATIONS = (
    "nef",
    "new economics foundation",
    "IDeA",
    "Government of Western Australia",
    "Disability Services Commission",
    "National Development Team for inclusion",
    "NDTi",
    "Inclusion North",
    "Tricia Nicoll Consulting",
    "Feedback Films",
)

_LIST_ITEM = re.compile(r"\s+(?:•|\d+\.)\s")
# A paragraph of annotation ends like a sentence; a title line ends with its year or author.
_SENTENCE_END = re.compile(r"[.:!?][”’\"]*$")
_KEY = re.compile(r"^[a-z][a-z0-9-]*$")


# ---------------------------------------------------------------------------------------
# The seed


@dataclass
class SeedResource:
    """One resource of the seed as written there."""

    section: str
    head: str  # the title line; for the inline section the whole line, annotation included
    blocks: list[str]  # the annotation's paragraphs and lists, empty for the inline section

    @property
    def inline(self) -> bool:
        return not self.blocks

    @property
    def annotation(self) -> str:
        return "\n\n".join(self.blocks)

    @property
    def lists(self) -> list[list[str]]:
        """Each list of the annotation, as its item lines without the seed's indentation."""
        return [
            [line.strip() for line in block.splitlines() if line.strip()]
            for block in self.blocks
            if _LIST_ITEM.match(block)
        ]


def is_title(block: str, section: str) -> bool:
    """Whether a block of the seed starts a new resource."""
    if section == INLINE_SECTION:
        return True  # one line per resource, title and annotation together
    return not _LIST_ITEM.match(block) and not _SENTENCE_END.search(block.strip())


def parse_seed(text: str) -> list[SeedResource]:
    """Split the seed into resources; blank lines separate its blocks."""
    resources: list[SeedResource] = []
    section = ""
    for block in re.split(r"\n[ \t\xa0]*\n", text):
        stripped = block.strip()
        if not stripped:
            continue
        if stripped in SECTIONS:
            section = stripped
        elif not section:
            continue  # the seed's own title and introduction
        elif is_title(block, section):
            resources.append(SeedResource(section, stripped, []))
        else:
            assert resources and resources[-1].section == section, f"text before a title: {block}"
            resources[-1].blocks.append(block)
    return resources


def words(text: str) -> str:
    """Text with every run of whitespace (spaces, no-break spaces, newlines) made one space."""
    return " ".join(text.split())


def fold(text: str) -> str:
    """Text for comparing titles: no case, hyphens or punctuation."""
    text = re.sub(r"[^\w\s]", " ", text.replace("-", "").replace("’", "").replace("'", ""))
    return " ".join(text.casefold().split())


# ---------------------------------------------------------------------------------------
# Fixtures


@pytest.fixture(scope="module")
def seed() -> list[SeedResource]:
    return parse_seed(SEED.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def catalogue_entries() -> list[Entry]:
    catalogue = load_catalogue()
    assert catalogue.warnings == [], [str(warning) for warning in catalogue.warnings]
    return catalogue.entries


@pytest.fixture(scope="module")
def pairs(
    seed: list[SeedResource], catalogue_entries: list[Entry]
) -> list[tuple[SeedResource, Entry]]:
    assert len(catalogue_entries) == len(seed)
    return list(zip(seed, catalogue_entries, strict=True))


# ---------------------------------------------------------------------------------------
# Tests


def test_seed_has_nineteen_resources_under_three_headings(seed: list[SeedResource]) -> None:
    counts = [sum(resource.section == name for resource in seed) for name in SECTIONS]
    assert counts == [12, 3, 4]
    assert all(resource.inline == (resource.section == INLINE_SECTION) for resource in seed)


def test_same_resources_in_the_same_order_and_sections(
    pairs: list[tuple[SeedResource, Entry]],
) -> None:
    for resource, entry in pairs:
        assert entry.section == resource.section, entry.key
        title = fold(entry.fields["title"])
        if resource.inline:
            assert fold(resource.head).startswith(title), (entry.key, resource.head)
        else:
            assert title in fold(resource.head), (entry.key, resource.head)


def test_annotations_are_the_seed_text_word_for_word(
    pairs: list[tuple[SeedResource, Entry]],
) -> None:
    for resource, entry in pairs:
        annotation = words(entry.annotation)
        assert annotation, entry.key
        if not resource.inline:
            assert annotation == words(resource.annotation), entry.key
            continue
        # Title and annotation share one line: the annotation is all the text after the
        # title part, and the title part names only the entry's title, authors and year.
        head = words(resource.head)
        assert head.endswith(" " + annotation), entry.key
        title_part = head[: -len(annotation)]
        named = [entry.fields.get(name, "") for name in ("title", "organization", "year", "note")]
        named += [person.display_name for person in entry.authors]
        known = set(fold(" ".join(named)).split())
        assert set(fold(title_part).split()) <= known, (entry.key, title_part)


def test_list_items_stand_on_lines_of_their_own(pairs: list[tuple[SeedResource, Entry]]) -> None:
    checked = 0
    for resource, entry in pairs:
        lines = [words(line) for line in entry.annotation.split("\n")]
        for seed_items in resource.lists:
            items = [words(item) for item in seed_items]
            assert items[0] in lines, (entry.key, items[0])
            start = lines.index(items[0])
            end = start + len(items)
            assert lines[start:end] == items, entry.key
            assert start > 0 and lines[start - 1] == "", f"{entry.key}: no blank line before list"
            assert end == len(lines) or lines[end] == "", f"{entry.key}: no blank line after list"
            checked += len(items)
    assert checked > 0


def test_paragraphs_are_separated_by_one_blank_line(catalogue_entries: list[Entry]) -> None:
    for entry in catalogue_entries:
        text = entry.annotation
        assert text == text.strip(), entry.key
        assert "\n\n\n" not in text, entry.key
        written = entry.raw["annotation"]  # as in the file, before decoding
        assert not re.search(r"^[ \t]", written, re.MULTILINE), f"{entry.key}: indented line"


def test_keys_are_unique_and_readable(catalogue_entries: list[Entry]) -> None:
    keys = [entry.key for entry in catalogue_entries]
    assert len(set(keys)) == len(keys)
    for key in keys:
        assert _KEY.match(key), key


def test_every_entry_has_the_required_fields(catalogue_entries: list[Entry]) -> None:
    for entry in catalogue_entries:
        assert entry.fields.get("title"), entry.key
        if entry.year is None:
            note = entry.fields.get("note", "")
            assert re.search(r"\b(?:year|date)\b", note), f"{entry.key}: no year and no note why"
        assert entry.keywords, entry.key
        assert entry.section in SECTIONS, entry.key


def test_people_are_people_and_organisations_stay_whole(
    seed: list[SeedResource], catalogue_entries: list[Entry]
) -> None:
    seed_text = " ".join(resource.head for resource in seed)
    organisations: set[str] = set()
    for name in SEED_ORGANISATIONS:
        assert name in seed_text, name  # the list stays true to the seed
        organisations.add(name.casefold())
        organisations.add(name.split()[-1].casefold())  # `{new economics foundation}` split
    for entry in catalogue_entries:
        for role, people in entry.names.items():
            for person in people:
                if person.is_literal:
                    continue
                assert person.family.casefold() not in organisations, (entry.key, role, person)
                assert person.given, f"{entry.key}: {person} has no given name or initial"
