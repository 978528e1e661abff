"""`copro search` (fuzzy, ranked) and `copro filter` (exact field:value terms)."""

from __future__ import annotations

import re
from typing import Annotated

import typer

from . import app
from ._common import (
    AuthorOpt,
    FormatOpt,
    JsonlOpt,
    JsonOpt,
    KeysOpt,
    KeywordOpt,
    ScriptOutput,
    SectionOpt,
    TypeOpt,
    YearOpt,
    entry_filter,
    err,
    session,
)

_FIELD_ARG = re.compile(r"^(-?[A-Za-z]+):(?!\")(.*\s.*)$")

LimitOpt = Annotated[
    int | None,
    typer.Option("--limit", "-n", min=0, metavar="N", help="Show at most this many results."),
]


def _query_from_args(words: list[str]) -> str:
    """Join the shell's words into one query; `section:Practical tools`, which the shell
    unquoted from `section:"Practical tools"`, gets its quotes back."""
    parts = []
    for word in words:
        match = _FIELD_ARG.match(word)
        parts.append(f'{match.group(1)}:"{match.group(2)}"' if match else word)
    return " ".join(parts)


@app.command("search")
def search_command(
    ctx: typer.Context,
    query: Annotated[
        list[str],
        typer.Argument(metavar="QUERY...", help='Words, "phrases", field:value, -word, OR.'),
    ],
    author: AuthorOpt = None,
    year: YearOpt = None,
    type_: TypeOpt = None,
    section: SectionOpt = None,
    keyword: KeywordOpt = None,
    limit: LimitOpt = None,
    as_json: JsonOpt = False,
    as_jsonl: JsonlOpt = False,
    keys: KeysOpt = False,
    template: FormatOpt = None,
) -> None:
    """Search the catalogue: fuzzy, typo-tolerant, ranked by relevance.

    Fields: author, title, year (2009..2011), type, section, keyword, key.

    Example: copro search timebanking
    """
    from ..index import SearchIndex
    from ..query import parse_query

    text = _query_from_args(query)
    parse_query(text)  # a malformed query fails before anything is loaded
    output = ScriptOutput.choose(as_json=as_json, as_jsonl=as_jsonl, keys=keys, template=template)
    chosen = entry_filter(author, year, type_, section, keyword)
    catalogue = session(ctx).catalogue()
    index = SearchIndex.build(chosen.apply(catalogue.entries))
    hits = index.search(text, limit=limit, with_matches=output.mode not in {"keys", "format"})
    entries = [hit.entry for hit in hits]
    records = [
        {
            **hit.entry.to_dict(),
            "score": round(hit.score, 2),
            "matches": [{"field": m.field, "text": m.snippet} for m in hit.matches],
        }
        for hit in hits
    ]
    if not hits and output.mode not in {"json", "jsonl"}:
        suggestions = index.did_you_mean(text)
        err(f"No matches for {text!r}.")
        if suggestions:
            err(f"Did you mean: {', '.join(suggestions)}?")
    if output.emit(entries, records):
        return
    from ._render import print_hits

    print_hits(hits)


@app.command("filter")
def filter_command(
    ctx: typer.Context,
    terms: Annotated[
        list[str], typer.Argument(metavar="FIELD:VALUE...", help="Exact terms, all must hold.")
    ],
    limit: LimitOpt = None,
    as_json: JsonOpt = False,
    as_jsonl: JsonlOpt = False,
    keys: KeysOpt = False,
    template: FormatOpt = None,
) -> None:
    """Select entries by exact field:value terms: no fuzziness, for scripts.

    Matching ignores case and accents. Fields: author, title, year (2009..2011), type,
    section, keyword, key.

    Example: copro filter section:"Practical tools" year:2011 --keys
    """
    from ..index import filter_entries

    output = ScriptOutput.choose(as_json=as_json, as_jsonl=as_jsonl, keys=keys, template=template)
    filter_entries([], terms)  # reject malformed terms before loading anything
    catalogue = session(ctx).catalogue()
    entries = filter_entries(catalogue.entries, terms)
    if limit is not None:
        entries = entries[:limit]
    if output.emit(entries):
        return
    from ._render import print_entry_table

    print_entry_table(entries, summaries=False, full=False)
