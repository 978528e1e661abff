"""The fast splitter gives exactly the blocks bibtexparser's splitter gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from coprocli import bibsplit
from coprocli.bibparse import normalise_source, read_bib_text
from coprocli.bibsplit import EntryBlock, _bibtexparser_blocks, _quietly, split_blocks

from .conftest import CORPUS, shared_or_skip

TRICKY = {
    "common": '@article{k1,\n  title = {A {B} c},\n  year = 2020,\n  journal = "J"\n}\n',
    "trailing comma": "@book{k, title = {T},\n}\n",
    "no fields": "@misc{alone}\n@misc{k, title={T}}",
    "text between": "head\n@article{a, title={T}} tail text\n\n  more\n@article{b, x=1}",
    "mid-line block": "@article{a, title={T}} @misc{b, title={U}}\n",
    "unclosed": "@article{a, title = {T\n@article{b, title={U}}\n",
    "unclosed at the end": "@article{a, title = {T\n",
    "missing comma": '@article{a, title = {T} year = 2020}\n@article{b, x = "y"}',
    "join": '@string{j = "Journal"}\n@article{a, journal = j # " of X", month = aug}\n',
    "quote escape": '@article{a, title = "A {"} B", note = {x}}\n@article{b, x=1}',
    "escaped braces": "@article{a, title = {50\\% \\{x\\} y\\\\}}\n@article{b, x=1}",
    "backslash line end": "@article{a,\n  abstract = {one\\\\\n two},\n  year = 1\n}\n@b{c,\n x=1}",
    "parentheses": "@article(a, title = {T (x)})\n@article{b, x=1}",
    "duplicate field": "@article{a, title={T}, title={U}}\n@article{a, x=1}",
    "deep braces": "@article{a, title = {" + "{" * 8 + "x" + "}" * 8 + "}}\n@b{c, x=1}",
    "comment and preamble": '@comment{x}\n@preamble{"\\def\\x{}"}\n@commentary{k, x=1}',
    "at sign in a value": "@article{a, email = {a@b.org}, note = {x @misc{y}}}\n@b{c, x=1}",
    "spaced key": "@article{ key with space , title={T}}\n",
    "blank type": "@{k, title={T}}\n",
}


def reference(text: str) -> list[object]:
    """bibtexparser's blocks for the whole text, in copro's form."""
    return list(_quietly(lambda: list(_bibtexparser_blocks(text, 0, len(text), 1))))


@pytest.mark.parametrize("text", TRICKY.values(), ids=TRICKY.keys())
def test_same_blocks_as_bibtexparser(text: str) -> None:
    assert split_blocks(text) == reference(text)


def test_common_entries_are_read_without_bibtexparser(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*_: object) -> None:
        raise AssertionError("handed to bibtexparser")

    monkeypatch.setattr(bibsplit, "_bibtexparser_blocks", fail)
    fields = [("title", "{A {B} c}", 2), ("year", "2020", 3), ("journal", '"J"', 4)]
    assert split_blocks(TRICKY["common"]) == [EntryBlock(1, "article", "k1", fields)]


@pytest.mark.parametrize(
    "name", ["bbt_mendeley.bib", "biber_examples.bib", "bbt_jabref_groups_crlf_1730.bib"]
)
def test_real_files(name: str) -> None:
    path = shared_or_skip(CORPUS / name)
    text = normalise_source(read_bib_text(Path(path), name)[0])
    assert split_blocks(text) == reference(text)
