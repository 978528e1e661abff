"""`copro list`: the catalogue as a table, filtered and sorted, or as data for scripts."""

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
    session,
)
from ._help import CoproCommand


@app.command("list", cls=CoproCommand)
def list_command(
    ctx: typer.Context,
    author: AuthorOpt = None,
    year: YearOpt = None,
    type_: TypeOpt = None,
    section: SectionOpt = None,
    keyword: KeywordOpt = None,
    sort: Annotated[
        str | None,
        typer.Option(
            "--sort",
            metavar="year|author|title|key",
            help="Sort order (default: the catalogue's own order).",
            rich_help_panel="Order",
        ),
    ] = None,
    reverse: Annotated[
        bool, typer.Option("--reverse", "-r", help="Reverse the order.", rich_help_panel="Order")
    ] = False,
    limit: Annotated[
        int | None,
        typer.Option(
            "--limit",
            "-n",
            min=0,
            metavar="N",
            help="Show at most this many entries.",
            rich_help_panel="Order",
        ),
    ] = None,
    summaries: Annotated[
        bool, typer.Option("--summaries", help="Show each entry's annotation (first paragraph).")
    ] = False,
    full: Annotated[
        bool, typer.Option("--full", help="With --summaries: the whole annotation.")
    ] = False,
    as_json: JsonOpt = False,
    as_jsonl: JsonlOpt = False,
    keys: KeysOpt = False,
    template: FormatOpt = None,
) -> None:
    """List entries, optionally filtered and sorted.

    Example: copro list --section "Practical tools" --sort year --summaries
    """
    from ..selection import sort_entries

    output = ScriptOutput.choose(as_json=as_json, as_jsonl=as_jsonl, keys=keys, template=template)
    chosen = entry_filter(author, year, type_, section, keyword)
    if sort is not None:
        sort_entries([], sort)  # reject an unknown order before loading anything
    catalogue = session(ctx).catalogue()
    chosen.require_known(catalogue.entries)
    entries = sort_entries(chosen.apply(catalogue.entries), sort, reverse=reverse)
    output.list_entries(entries, limit, summaries=summaries or full, full=full)
