"""The layout tables styles are written in: every element a style lays out belongs to
the shared inventory of that kind of work, and the renderer's rules (empty elements and
groups drop out with their affixes; a substitute takes an empty element's place)."""

from __future__ import annotations

import pytest

from coprocli.item import to_item
from coprocli.model import Entry, Person
from coprocli.richtext import Node, Text, plain
from coprocli.styles import STYLE_NAMES, STYLES
from coprocli.styles._base import punct_join, suffix
from coprocli.styles._inventory import (
    FALLBACK,
    INVENTORY,
    El,
    element_names,
    group,
    layout_for,
    render,
    variant,
)


@pytest.mark.parametrize("style_name", STYLE_NAMES)
def test_layouts_use_the_shared_inventory(style_name: str) -> None:
    style = STYLES[style_name]
    for kind, elements in INVENTORY.items():
        layout = layout_for(type(style).layouts, kind)
        names = set(element_names(layout))
        assert names <= set(elements), f"{style_name} {kind}: {names - set(elements)}"
        for name in names:
            assert callable(getattr(style, f"el_{name}", None)), f"{style_name}: el_{name}"


def test_every_variant_falls_back_to_a_laid_out_one() -> None:
    for name in FALLBACK:
        assert name in INVENTORY
    for style_name in STYLE_NAMES:
        assert "misc" in type(STYLES[style_name]).layouts


def _rendered(layout: El | object, values: dict[str, str]) -> str:
    def element(name: str) -> Node | str | None:
        return values.get(name, "")

    return plain(render(layout, element, punct_join, suffix))  # type: ignore[arg-type]


def test_empty_elements_and_groups_drop_out_with_their_affixes() -> None:
    layout = group(
        " ",
        El("head", suffix="."),
        El("issued", "(", ")."),
        group(", ", El("container"), El("pages"), prefix="In ", suffix="."),
    )
    assert _rendered(layout, {"head": "Slay, J", "issued": "2011"}) == "Slay, J. (2011)."
    full = {"head": "Slay, J", "issued": "2011", "container": "Book", "pages": "3"}
    assert _rendered(layout, full) == "Slay, J. (2011). In Book, 3."
    assert _rendered(layout, {}) == ""


def test_a_substitute_takes_the_place_of_an_empty_element_once() -> None:
    title = El("title", suffix=".")
    layout = group(" ", El("head", suffix=".", sub=title), El("issued", "(", ")."), title)
    assert _rendered(layout, {"head": "Slay", "title": "T", "issued": "2011"}) == (
        "Slay. (2011). T."
    )
    assert _rendered(layout, {"title": "T", "issued": "2011"}) == "T. (2011)."


def test_suffixes_are_not_doubled_after_a_title_ending_in_punctuation() -> None:
    assert _rendered(El("title", suffix="."), {"title": "Why?"}) == "Why?"
    assert plain(suffix(Text("Why?"), ".")) == "Why?"


@pytest.mark.parametrize(
    ("fields", "entry_type", "expected"),
    [
        ({"journal": "J"}, "article", "article"),
        ({"journal": "Times", "entrysubtype": "newspaper"}, "article", "news"),
        ({"booktitle": "Proc."}, "inproceedings", "proceedings"),
        ({"booktitle": "Book", "editor": "Green, T."}, "incollection", "chapter"),
        ({"pages": "3--9", "publisher": "P"}, "inbook", "inbook"),
        ({"publisher": "P"}, "book", "book"),
        ({"howpublished": "x"}, "misc", "misc"),
        ({"school": "U"}, "phdthesis", "thesis"),
    ],
)
def test_variants(fields: dict[str, str], entry_type: str, expected: str) -> None:
    names = {}
    if "editor" in fields:
        names["editor"] = (Person(family="Green", given="T."),)
        fields = {k: v for k, v in fields.items() if k != "editor"}
    entry = Entry(key="k", type=entry_type, fields={"title": "T", **fields}, names=names)
    assert variant(to_item(entry)) == expected
