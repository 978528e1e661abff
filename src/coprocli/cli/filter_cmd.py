"""`copro filter`: entries chosen by exact field:value terms, for scripts."""

from typing import Annotated

import typer

from . import app
from ._common import FormatOpt, JsonlOpt, JsonOpt, KeysOpt, ScriptOutput, session
from .search_cmd import LimitOpt, QueryCommand


@app.command("filter", cls=QueryCommand)
def filter_command(
    ctx: typer.Context,
    terms: Annotated[
        list[str], typer.Argument(metavar="FIELD:VALUE", help="Exact terms, all must hold.")
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
    output.list_entries(filter_entries(catalogue.entries, terms), limit)
