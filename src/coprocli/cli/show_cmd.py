"""`copro show`: the full record of one or more entries."""

from typing import Annotated

import typer

from . import app
from ._common import JsonOpt, KeyArgs, KeysFromOpt, SkipUnknownOpt, out, select_entries
from ._help import CoproCommand
from ._hooks import complete_keys, on_tab


@app.command("show", cls=CoproCommand)
def show_command(
    ctx: typer.Context,
    keys: KeyArgs = None,
    keys_from: KeysFromOpt = None,
    skip_unknown: SkipUnknownOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """Show the full record of entries: names, publication details, keywords and annotation.

    Keys match case-insensitively; '-' reads keys from stdin.

    Example: copro show boyle2009challenge needham2009coproduction
    """
    if not keys and not keys_from:
        from ..errors import UsageError

        raise UsageError("Missing argument 'KEY...': give one or more keys, or '-' for stdin.")
    entries = select_entries(ctx, keys or [], keys_from=keys_from or [], skip_unknown=skip_unknown)
    if not entries:  # `-` read an empty pipe, or every key was unknown and skipped
        from ._common import nothing_matched

        nothing_matched(json_array=as_json)
    if as_json:
        from ..listing import to_json

        out(to_json(entry.to_dict() for entry in entries))
        return
    from ._render import print_records

    print_records(entries)


@app.command("open", cls=CoproCommand)
def open_command(
    ctx: typer.Context,
    key: Annotated[
        str,
        typer.Argument(
            metavar="KEY", help="The entry's key.", autocompletion=on_tab(complete_keys)
        ),
    ],
    print_only: Annotated[
        bool, typer.Option("--print", help="Print the link instead of opening it.")
    ] = False,
) -> None:
    """Open an entry's URL, or its DOI, in the web browser.

    Example: copro open boyle2009challenge
    """
    from ..links import entry_link, open_link

    url = entry_link(select_entries(ctx, [key])[0])
    if print_only:
        out(url)
        return
    open_link(url)
    from ._common import err

    err(f"Opened {url}")
