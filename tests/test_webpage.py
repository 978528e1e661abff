"""The reading list's web page, without a browser: structure, escaping, the CSP's hashes,
the embedded data and its agreement with the HTML backend (tests/test_webpage_browser.py
drives the page in Chromium)."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser
from typing import Any

import pytest

from coprocli.backends import get_backend
from coprocli.catalogue import load_catalogue
from coprocli.folding import SPECIAL_CHARACTERS
from coprocli.model import Entry, Person
from coprocli.readinglist import formatted_references
from coprocli.richtext import emph, link, span, strong
from coprocli.styles import STYLE_NAMES
from coprocli.webpage import CHUNK, json_for_html, reference_tree, search_text, web_page

from .conftest import FIXTURES

INJECTION = FIXTURES / "injection.bib"
BUNDLED = load_catalogue([], bundled=True).entries


class Page(HTMLParser):
    """The parts of a page the tests look at: every tag with its attributes, the text of
    each element by id, the inline code and the data block."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.styles: list[str] = []
        self._open: list[str] = []
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._open and self._open[-1] == tag:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        if not self._open:
            self.text.append(data)
        elif self._open[-1] == "style":
            self.styles.append(data)
        else:
            self.scripts.append((self.tags[-1][1], data))

    def all(self, tag: str, **attributes: str) -> list[dict[str, str | None]]:
        return [
            attrs
            for name, attrs in self.tags
            if name == tag and all(attrs.get(key) == value for key, value in attributes.items())
        ]

    def data(self) -> dict[str, Any]:
        [block] = [code for attrs, code in self.scripts if attrs.get("type") == "application/json"]
        loaded: dict[str, Any] = json.loads(block)
        return loaded

    def code(self) -> str:
        [code] = [code for attrs, code in self.scripts if "type" not in attrs]
        return code


@pytest.fixture(scope="module")
def bundled() -> str:
    return web_page(BUNDLED, title="Core co-pro papers", intro="Read these first.")


def test_the_bundled_catalogue_makes_three_sections_of_19_entries(bundled: str) -> None:
    page = Page(bundled)
    headings = [attrs["id"] for attrs in page.all("h2") if attrs.get("id") != "contents-heading"]
    assert headings == ["introductory-reading", "practical-tools", "websites-and-short-films"]
    # The table of contents links each group, with its count.
    assert [attrs["href"] for attrs in page.all("a") if str(attrs["href"]).startswith("#")] == [
        "#list",
        *(f"#{heading}" for heading in headings),
    ]
    assert 'Introductory reading</a> <span class="count">(12)</span>' in bundled
    articles = page.all("article")
    assert [attrs["data-i"] for attrs in articles] == [str(n) for n in range(19)]
    assert len(page.all("div", **{"class": "chunk"})) == 3  # one block a group, under CHUNK
    assert len(page.all("p", **{"class": "reference"})) == 19
    assert len(page.all("div", **{"class": "annotation"})) == 19
    assert "<h1>Core co-pro papers</h1>" in bundled
    assert '<p class="intro">Read these first.</p>' in bundled
    # The controls wait for the script: without it they would do nothing.
    assert "hidden" in page.all("search")[0]
    assert [attrs["id"] for attrs in page.all("select")] == ["section", "keyword", "style"]
    for control in ("q", "section", "keyword", "style"):
        assert page.all("label", **{"for": control})
    for landmark in ("header", "nav", "main", "footer", "search"):
        assert page.all(landmark), landmark


def test_the_first_style_is_the_html_backends_reference(bundled: str) -> None:
    html = get_backend("html")
    references = formatted_references(BUNDLED, "harvard")
    for entry in BUNDLED:
        rendered = html.render(references[entry.key]).replace("<a href", '<a class="url" href')
        assert f'<p class="reference">{rendered}</p>' in bundled


def test_data_holds_every_other_style_and_the_filters(bundled: str) -> None:
    data = Page(bundled).data()
    assert data["style"] == "harvard"
    assert [style["name"] for style in data["styles"]] == list(STYLE_NAMES)
    assert set(data["refs"]) == set(STYLE_NAMES) - {"harvard"}
    assert all(len(trees) == 19 for trees in data["refs"].values())
    assert data["sections"] == [
        "Introductory reading",
        "Practical tools",
        "Websites and short films",
    ]
    assert len(data["entries"]) == 19
    timebanking = [entry for entry in data["entries"] if "timebank" in entry["x"]]
    assert len(timebanking) == 2
    assert {data["keywords"][n] for entry in timebanking for n in entry["k"]} >= {"timebanking"}
    # The search folds with copro's own table.
    assert data["fold"] == {chr(code): value for code, value in SPECIAL_CHARACTERS.items()}
    assert "https://www.nesta.org.uk/report/public-services-inside-out/" in _links(data["refs"])


def _tree_html(tree: Any) -> str:
    """What the page's script builds from a reference tree (a string, or a list of parts),
    as HTML."""
    if isinstance(tree, str):
        return get_backend("html").escape(tree)
    return "".join(_part_html(part) for part in tree)


def _part_html(part: Any) -> str:
    if isinstance(part, str):
        return get_backend("html").escape(part)
    kind, rest = part[0], part[1:]
    if kind in ("i", "b"):
        tag = "em" if kind == "i" else "strong"
        return f"<{tag}>{_tree_html(rest)}</{tag}>"
    url = get_backend("html").escape(rest[0])
    return f'<a href="{url}">{url if kind == "u" else _tree_html(rest[1:])}</a>'


@pytest.mark.parametrize("style", STYLE_NAMES)
def test_reference_trees_say_what_the_html_backend_says(style: str) -> None:
    html = get_backend("html")
    references = formatted_references(BUNDLED, style)
    for entry in BUNDLED:
        tree = reference_tree(references[entry.key])
        assert _tree_html(tree) == html.render(references[entry.key])


def test_reference_tree_parts() -> None:
    node = span(
        "Boyle (2009) ",
        emph("The ", "challenge"),
        ". ",
        strong("nef"),
        " ",
        link("https://e.org/x", "https://e.org/x"),
        " ",
        link("https://e.org/p", "page"),
        link("javascript:alert(1)", "not a link"),
        emph(""),
    )
    assert reference_tree(node) == [
        "Boyle (2009) ",
        ["i", "The challenge"],
        ". ",
        ["b", "nef"],
        " ",
        ["u", "https://e.org/x"],
        " ",
        ["a", "https://e.org/p", "page"],
        "not a link",
    ]
    assert reference_tree(span("only ", "text\x07")) == "only text"


def test_csp_allows_the_inline_script_and_style_by_hash_only(bundled: str) -> None:
    page = Page(bundled)
    [meta] = page.all("meta", **{"http-equiv": "Content-Security-Policy"})
    policy = str(meta["content"])
    assert policy.startswith("default-src 'none';")
    assert "unsafe" not in policy and "http" not in policy and "*" not in policy

    def digest(code: str) -> str:
        return base64.b64encode(hashlib.sha256(code.encode()).digest()).decode()

    [style] = page.styles
    assert f"script-src 'sha256-{digest(page.code())}';" in policy
    assert f"style-src 'sha256-{digest(style)}';" in policy
    # The policy comes before anything it governs.
    assert bundled.index("Content-Security-Policy") < bundled.index("<style>")
    # Nothing inline outside the two: no style attribute, no event handler attribute.
    assert not any(
        name == "style" or name.startswith("on") for _, attrs in page.tags for name in attrs
    )
    assert len([attrs for attrs, _ in page.scripts if "src" in attrs]) == 0


def test_the_page_asks_no_other_host_for_anything(bundled: str) -> None:
    for pattern in (r"\bsrc=", r"<link\b", r"@import", r"url\(", r"fetch\(", r"XMLHttpRequest"):
        assert not re.search(pattern, bundled), pattern


def test_print_stylesheet_hides_controls_and_shows_every_entry_and_url(bundled: str) -> None:
    [style] = Page(bundled).styles
    printed = style[style.index("@media print") :]
    assert re.search(r"\.controls, \.copy, [^{]*\{ display: none !important; \}", printed)
    assert ".entry[hidden] { display: block !important; }" in printed
    assert ".chunk { content-visibility: visible; }" in printed
    assert 'main a[href]:not(.url)::after { content: " <" attr(href) ">"; }' in printed
    assert "@media (prefers-color-scheme: dark)" in style
    assert "@media (prefers-reduced-motion: no-preference)" in style
    assert ":focus-visible" in style


def test_every_piece_of_catalogue_text_is_escaped() -> None:
    entries = load_catalogue([INJECTION], bundled=False).entries
    markup = web_page(
        entries,
        title='<script>window.pwned=1</script>"><img src=x onerror=alert(1)>',
        intro="</title><script>alert(1)</script>",
    )
    page = Page(markup)
    assert {tag for tag, _ in page.tags} <= {
        "html", "head", "meta", "title", "style", "body", "a", "header", "h1", "p", "search",
        "div", "label", "input", "span", "select", "option", "button", "nav", "h2", "ol", "li",
        "main", "section", "article", "em", "strong", "ul", "footer", "script",
    }  # fmt: skip
    assert len(page.scripts) == 2  # the data and the page's own script
    links = [str(attrs["href"]) for tag, attrs in page.tags if tag == "a"]
    assert not [url for url in links if not url.startswith(("#", "http"))]
    shown = "".join(page.text)
    # Harvard sets the title in sentence case: `<Script>`.
    assert '<Script>window.pwned=1</script> timebanking "><img src=x onerror=window.pwned=1>' in (
        shown
    )
    assert "</title><script>alert(1)</script>" in shown
    assert '<a href="javascript:alert(1)">click me</a>' in shown  # the annotation, as text
    # The data block holds no markup character at all, and the text comes back whole.
    [block] = [code for attrs, code in page.scripts if attrs.get("type") == "application/json"]
    assert not set("<>&") & set(block)
    data = page.data()
    assert data["sections"][0] == '"><svg onload=window.pwned=1> Section'
    # The unsafe URLs are shown as text in every style, and linked in none.
    trees = json.dumps(data["refs"])
    assert "javascript:alert(1)" in trees and "data:text/html" in trees
    assert _links(data["refs"]) == []


def _links(trees: dict[str, list[Any]]) -> list[str]:
    """The URLs the reference trees of every style link (`["a", url, ...]`, `["u", url]`)."""
    return [
        url
        for style in trees.values()
        for tree in style
        if not isinstance(tree, str)
        for part in tree
        for url in _part_links(part)
    ]


def _part_links(part: Any) -> list[str]:
    if isinstance(part, str):
        return []
    own = [part[1]] if part[0] in ("a", "u") else []
    children = part[2:] if part[0] == "a" else part[1:] if part[0] != "u" else []
    return own + [url for child in children for url in _part_links(child)]


def test_json_for_html_escapes_what_could_end_the_script() -> None:
    text = json_for_html({"a": "</script><!-- & -->"})
    assert text == '{"a":"\\u003c/script\\u003e\\u003c!-- \\u0026 --\\u003e"}'
    assert json.loads(text) == {"a": "</script><!-- & -->"}


def test_search_text_is_folded_words_each_once() -> None:
    entry = Entry(
        key="k",
        type="book",
        fields={
            "title": "Gödel and Æsop on co-production",
            "keywords": "People’s Budgets; CO-PRODUCTION",
            "annotation": "Co-production, again.\n\n- Ørsted",
            "publisher": "Not searched",
        },
        names={"author": (Person(family="Ñúñez", given="José"),)},
    )
    words = search_text(entry).split()
    assert len(words) == len(set(words))
    assert {"godel", "aesop", "co", "production", "coproduction", "peoples"} <= set(words)
    assert {"jose", "nunez", "orsted", "budgets"} <= set(words)
    assert "searched" not in words


def test_grouping_by_keyword_repeats_entries_and_none_has_no_contents() -> None:
    by_keyword = Page(web_page(BUNDLED, group_by="keyword"))
    numbers = [attrs["data-i"] for attrs in by_keyword.all("article")]
    assert len(numbers) > 19 and len(set(numbers)) == 19
    assert len(by_keyword.data()["entries"]) == 19
    flat = web_page(BUNDLED, group_by="none")
    assert "<nav" not in flat and "<h2" not in flat
    assert len(Page(flat).all("div", **{"class": "chunk"})) == 1
    many = Page(web_page(BUNDLED * 3, group_by="none"))  # 57 entries: two blocks
    assert len(many.all("div", **{"class": "chunk"})) == -(-57 // CHUNK)


def test_a_csl_style_comes_first_and_the_built_in_styles_follow() -> None:
    formatted = {entry.key: span("CSL: ", emph(entry.title)) for entry in BUNDLED}
    markup = web_page(BUNDLED, formatted=formatted, formatted_name="nature (CSL)")
    data = Page(markup).data()
    assert data["style"] == "csl"
    assert [style["name"] for style in data["styles"]] == ["csl", *STYLE_NAMES]
    assert set(data["refs"]) == set(STYLE_NAMES)
    assert '<option value="csl" selected>nature (CSL)</option>' in markup
    assert f'<p class="reference">CSL: <em>{BUNDLED[0].title}</em></p>' in markup
