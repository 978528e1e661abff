"""`copro list`: the catalogue as a table, filtered and sorted, or as data for scripts."""

from typing import TYPE_CHECKING, Annotated

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
    out,
    session,
)
from ._help import CoproCommand

if TYPE_CHECKING:
    from ..model import Entry
    from ..selection import EntryFilter


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
    if chosen.is_empty and sort is None and not reverse:
        # The catalogue as it is: from the cache, only the entries shown are read (one
        # at least, so that `--limit 0` still tells an empty catalogue by its status).
        entries = session(ctx).catalogue().first(None if limit is None else max(limit, 1))
    else:
        entries = sort_entries(_filtered(ctx, chosen), sort, reverse=reverse)
    output.list_entries(entries, limit, summaries=summaries or full, full=full)


@app.command("stats", cls=CoproCommand)
def stats_command(
    ctx: typer.Context,
    author: AuthorOpt = None,
    year: YearOpt = None,
    type_: TypeOpt = None,
    section: SectionOpt = None,
    keyword: KeywordOpt = None,
    top: Annotated[
        int,
        typer.Option(
            "--top", min=1, metavar="N", help="Show the N commonest keywords, authors, sections."
        ),
    ] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="Every count, as JSON.")] = False,
) -> None:
    """Counts by year, type, section, keyword and author, drawn as bars.

    Of the whole catalogue, or of what the filters select.

    Example: copro stats --section "Practical tools"
    """
    from ..stats import counts

    entries = _filtered(ctx, entry_filter(author, year, type_, section, keyword))
    if not entries:
        from ._common import nothing_matched

        nothing_matched(json_array=False)
    found = counts(entries)
    if as_json:
        import json

        from ..terminal import json_safe

        data = {"entries": len(entries)} | {
            name: [{"value": value, "count": count} for value, count in pairs]
            for name, pairs in found.items()
        }
        out(json_safe(json.dumps(data, ensure_ascii=False, indent=2)))
        return
    from ._render import print_stats

    shown = {
        name: pairs if name in ("year", "type") else pairs[:top] for name, pairs in found.items()
    }
    print_stats(len(entries), shown)


def _filtered(ctx: typer.Context, chosen: "EntryFilter") -> list["Entry"]:
    """The catalogue's entries that the filters select (a section no entry has is an
    error that lists the sections)."""
    catalogue = session(ctx).catalogue()
    chosen.require_known(catalogue.entries)
    return chosen.apply(catalogue.entries)
