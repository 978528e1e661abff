"""A reading list as one web page for people without a terminal: searchable, filterable,
in any built-in style, with a copy button on every reference.

The page is one file that needs nothing else: it is read from disk (`file://`), offline,
and asks no other host for anything. Its script and style sheet (`webpage.js`,
`webpage.css`, beside this module) are inline, and a Content-Security-Policy allows those
two by their sha256 hashes and nothing more. The catalogue's text reaches the page twice,
both times inert:

- as HTML, escaped by the HTML backend: the reading list in its first style, grouped,
  with a table of contents; this is the whole page without script, and what prints;
- as JSON in a `<script type="application/json">` block, with `<`, `>` and `&` written as
  `\\u003c`, `\\u0026` …: each entry's folded search text, section and keywords, and its
  reference in every other style as a small tree (below) that the script turns into
  elements with `createElement` and `textContent`, never by parsing HTML.

A reference tree is a string, or a list of parts: a string is text, `["i", …]` italics,
`["b", …]` bold, `["a", url, …]` a link and `["u", url]` a link that shows its URL.
URLs are checked as the backends check them (`safe_url`): a `javascript:` one is no link.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .backends._base import CONTROL_CHARACTERS, safe_url
from .backends.html import HtmlBackend
from .folding import SPECIAL_CHARACTERS, fold
from .model import Entry
from .readinglist import check_grouping, formatted_references, grouped
from .richtext import Emph, Link, Span, Strong, Text, plain

if TYPE_CHECKING:
    from .richtext import Node

#: The style name the page gives references made by a CSL file (`--csl`).
CSL_STYLE = "csl"
#: Entries are laid out in blocks of this many, which the browser skips while they are out
#: of sight (CSS `content-visibility`): a keystroke that shows or hides thousands of
#: entries lays out a few blocks, not thousands of entries (webpage.css sizes a block).
CHUNK = 20

_WORD = re.compile(r"[^\W_]+")
#: Words joined by hyphens or apostrophes: `co-production` is also found as `coproduction`.
_COMPOUND = re.compile(r"[^\W_]+(?:['-][^\W_]+)+")
_SLUG_GAP = re.compile(r"[^a-z0-9]+")


class _PageHtml(HtmlBackend):
    """The HTML backend, marking links that show their own URL (`class="url"`): the print
    style sheet writes out the URL of every other link."""

    def format_link(self, url: str, content: str, text: str) -> str:
        link = super().format_link(url, content, text)
        if text.strip() == url.strip() and link.startswith("<a "):
            return '<a class="url" ' + link[3:]
        return link


Tree = str | list[Any]


def reference_tree(node: Node) -> Tree:
    """A reference as the page's script builds it (see the module's docstring): the same
    text and links as the HTML backend renders, as JSON-ready data."""
    parts = _tree_parts(node)
    if len(parts) == 1 and isinstance(parts[0], str):
        return parts[0]
    return parts


def _tree_parts(node: Node) -> list[Tree]:
    if isinstance(node, Text):
        text = CONTROL_CHARACTERS.sub("", node.text)  # as the HTML backend drops them
        return [text] if text else []
    children: list[Tree] = []
    for child in node.children:
        for part in _tree_parts(child):
            if isinstance(part, str) and children and isinstance(children[-1], str):
                children[-1] += part
            else:
                children.append(part)
    if isinstance(node, Span) or not children:
        return children
    if isinstance(node, Emph):
        return [["i", *children]]
    if isinstance(node, Strong):
        return [["b", *children]]
    assert isinstance(node, Link)
    url = safe_url(node.url)
    if url is None:
        return children
    if plain(node).strip() == url:
        return [["u", url]]
    return [["a", url, *children]]


def search_text(entry: Entry) -> str:
    """What the page's search box looks in, folded as `folding.fold` folds (case, accents):
    the title, every name, the keywords and the annotation, each word once, and each word
    joined by hyphens or apostrophes also written as one word."""
    people = (person.display_name for role in entry.names.values() for person in role)
    folded = fold(" ".join([entry.title, *people, *entry.keywords, entry.annotation]))
    words = dict.fromkeys(_WORD.findall(folded))
    for compound in _COMPOUND.findall(folded):
        words[compound.replace("-", "").replace("'", "")] = None
    return " ".join(words)


@cache
def _asset(name: str) -> str:
    """The page's script or style sheet, shipped beside this module."""
    return Path(__file__).with_name(name).read_text(encoding="utf-8")


def _sha256(code: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(code.encode()).digest()).decode() + "'"


def content_security_policy(script: str, style: str) -> str:
    """Nothing allowed but the inline `script` and `style`, by hash: no other script, no
    request to any host, no form, no `<base>`."""
    return (
        f"default-src 'none'; script-src {_sha256(script)}; style-src {_sha256(style)}; "
        "base-uri 'none'; form-action 'none'"
    )


def json_for_html(data: object) -> str:
    """`data` as JSON that can sit inside `<script>`: `<`, `>` and `&` as `\\u` escapes,
    so no text of the catalogue can close the element or open another."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _slugs(headings: Sequence[str]) -> list[str]:
    """An id for each group heading, readable in a link (`#practical-tools`), unique."""
    slugs: list[str] = []
    for number, heading in enumerate(headings, 1):
        slug = _SLUG_GAP.sub("-", fold(heading)).strip("-")[:60] or f"group-{number}"
        while slug in slugs:
            slug = f"{slug}-{number}"
        slugs.append(slug)
    return slugs


def _indexed(values: Sequence[str]) -> tuple[list[str], dict[str, int]]:
    """Distinct values (case and accents aside; the first spelling is kept), sorted, and
    the index of each value's folded form."""
    labels: dict[str, str] = {}
    for value in values:
        labels.setdefault(fold(value), value)
    ordered = sorted(labels.items(), key=lambda pair: (pair[0], pair[1]))
    return [label for _, label in ordered], {key: n for n, (key, _) in enumerate(ordered)}


def web_page(
    entries: Sequence[Entry],
    *,
    style: str = "harvard",
    group_by: str = "section",
    title: str | None = None,
    intro: str | None = None,
    formatted: Mapping[str, Node] | None = None,
    formatted_name: str = "CSL style",
) -> str:
    """The reading list as one self-contained HTML page (see the module's docstring).

    The page opens in `style`, or, with `formatted` (a CSL style's references by key,
    from `csl.references`), in that style, offered as `formatted_name`; a reader can
    switch to any built-in style."""
    from .styles import STYLE_NAMES, get_style

    group_by = check_grouping(group_by)
    groups = grouped(entries, group_by)
    styles: list[tuple[str, str]] = [(name, get_style(name).title) for name in STYLE_NAMES]
    if formatted is not None:
        first, shown = CSL_STYLE, dict(formatted)
        styles.insert(0, (CSL_STYLE, formatted_name))
    else:
        first, shown = get_style(style).name, formatted_references(entries, style)
    others = {
        name: [reference_tree(node) for node in _in_order(entries, name)]
        for name, _ in styles
        if name != first
    }
    sections, section_index = _indexed([entry.section for entry in entries if entry.section])
    keywords, keyword_index = _indexed([word for entry in entries for word in entry.keywords])
    data = {
        "style": first,
        "styles": [{"name": name, "title": label} for name, label in styles],
        "fold": {chr(code): value for code, value in SPECIAL_CHARACTERS.items()},
        "sections": sections,
        "keywords": keywords,
        "entries": [_entry_data(entry, section_index, keyword_index) for entry in entries],
        "refs": others,
    }
    heading = title or "Reading list"
    backend = _PageHtml()
    slugs = _slugs([name for name, _ in groups]) if group_by != "none" else [""]
    numbers = {entry.key: number for number, entry in enumerate(entries)}
    body: list[str] = []
    for slug, (name, members) in zip(slugs, groups, strict=True):
        articles = "".join(
            '<div class="chunk">\n'
            + "".join(
                _article(backend, numbers[entry.key], entry, shown[entry.key])
                for entry in members[start : start + CHUNK]
            )
            + "</div>\n"
            for start in range(0, len(members), CHUNK)
        )
        if slug:
            body.append(
                f'<section class="group" aria-labelledby="{slug}">\n'
                f'<h2 id="{slug}">{backend.escape(name)}</h2>\n{articles}</section>\n'
            )
        else:
            body.append(f'<section class="group">\n{articles}</section>\n')
    contents = "".join(
        f'<li><a href="#{slug}">{backend.escape(name)}</a> '
        f'<span class="count">({len(members)})</span></li>\n'
        for slug, (name, members) in zip(slugs, groups, strict=True)
        if slug
    )
    script, css = _asset("webpage.js"), _asset("webpage.css")
    assert "</script" not in script.lower() and "</style" not in css.lower()
    from . import __version__

    return _PAGE.format(
        csp=content_security_policy(script, css),  # quotes, letters and base64 only
        title=backend.escape(heading),
        css=css,
        intro=f'<p class="intro">{backend.escape(intro)}</p>\n' if intro else "",
        contents=(
            '<nav class="contents" aria-labelledby="contents-heading">\n'
            '<h2 id="contents-heading">Contents</h2>\n'
            f"<ol>\n{contents}</ol>\n</nav>\n"
            if contents
            else ""
        ),
        controls=_controls(backend, styles, first, sections, keywords),
        count=len(entries),
        body="".join(body),
        version=backend.escape(__version__),
        data=json_for_html(data),
        script=script,
    )


def _in_order(entries: Sequence[Entry], style: str) -> list[Node]:
    references = formatted_references(entries, style)
    return [references[entry.key] for entry in entries]


def _entry_data(
    entry: Entry, section_index: Mapping[str, int], keyword_index: Mapping[str, int]
) -> dict[str, Any]:
    record: dict[str, Any] = {"x": search_text(entry)}
    if entry.section:
        record["s"] = section_index[fold(entry.section)]
    if entry.keywords:
        record["k"] = sorted({keyword_index[fold(word)] for word in entry.keywords})
    return record


def _article(backend: HtmlBackend, number: int, entry: Entry, reference: Node) -> str:
    annotation = (
        f'<div class="annotation">\n{backend.annotation(entry.annotation)}</div>\n'
        if entry.annotation
        else ""
    )
    return (
        f'<article class="entry" data-i="{number}">\n'
        f'<p class="reference">{backend.render(reference)}</p>\n'
        f"{annotation}</article>\n"
    )


def _options(backend: HtmlBackend, choices: Sequence[tuple[str, str]], chosen: str = "") -> str:
    options = []
    for value, label in choices:
        selected = " selected" if chosen and value == chosen else ""
        value, label = backend.escape(value), backend.escape(label)
        options.append(f'<option value="{value}"{selected}>{label}</option>')
    return "".join(options)


def _controls(
    backend: HtmlBackend,
    styles: Sequence[tuple[str, str]],
    first: str,
    sections: Sequence[str],
    keywords: Sequence[str],
) -> str:
    """The search box and filters, hidden until the script shows them (without script
    they would do nothing)."""
    fields = [
        '<div class="field search-field"><label for="q">Search</label>'
        '<input id="q" type="search" autocomplete="off" spellcheck="false" '
        'aria-describedby="q-hint" aria-controls="list">'
        '<span id="q-hint" class="hint">Title, authors, keywords or annotation; '
        "words in any order.</span></div>"
    ]
    for name, label, values in (("section", "Section", sections), ("keyword", "Keyword", keywords)):
        if values:
            choices = [("", f"All {name}s"), *((value, value) for value in values)]
            fields.append(
                f'<div class="field"><label for="{name}">{label}</label>'
                f'<select id="{name}" aria-controls="list">{_options(backend, choices)}</select>'
                "</div>"
            )
    fields.append(
        '<div class="field style-field"><label for="style">Citation style</label>'
        f'<select id="style">{_options(backend, styles, first)}</select></div>'
    )
    return (
        '<search class="controls" role="search" aria-label="Search and filter the list" hidden>\n'
        + "\n".join(fields)
        + '\n<div class="actions">'
        '<button type="button" id="copy-all">Copy all shown</button>'
        '<button type="button" id="clear">Clear filters</button>'
        '</div>\n<p id="count" class="count-line" role="status"></p>\n</search>\n'
    )


_PAGE = """\
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="copro {version}">
<title>{title}</title>
<style>{css}</style>
</head>
<body>
<a class="skip" href="#list">Skip to the list</a>
<header>
<h1>{title}</h1>
{intro}</header>
{controls}{contents}<main id="list" tabindex="-1">
{body}<p class="empty" hidden>No entry matches. <span class="hint">Fewer words, or another \
section or keyword, find more.</span></p>
</main>
<footer><p>{count} entries. Made with copro {version}.</p></footer>
<p id="announce" class="visually-hidden" aria-live="polite"></p>
<script type="application/json" id="copro-data">{data}</script>
<script>{script}</script>
</body>
</html>
"""
