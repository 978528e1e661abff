"""`copro show`: the full record of one or more entries."""

from __future__ import annotations

from typing import Annotated

import typer

from . import app
from ._common import JsonOpt, out, session


@app.command("show")
def show_command(
    ctx: typer.Context,
    keys: Annotated[list[str], typer.Argument(metavar="KEY...", help="Citation keys (any case).")],
    as_json: JsonOpt = False,
) -> None:
    """Show the full record of entries: names, publication details, keywords and annotation.

    Example: copro show boyle2009challenge needham2009coproduction
    """
    catalogue = session(ctx).catalogue()
    entries = catalogue.get_many(keys)
    if as_json:
        from ..listing import to_json

        out(to_json(entry.to_dict() for entry in entries))
        return
    from ._render import print_records

    print_records(entries)
