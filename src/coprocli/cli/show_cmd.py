"""`copro show`: the full record of one or more entries."""

import typer

from . import app
from ._common import JsonOpt, KeyArgs, KeysFromOpt, SkipUnknownOpt, out, select_entries
from ._help import CoproCommand


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
