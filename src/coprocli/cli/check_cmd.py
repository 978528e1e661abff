"""`copro check`: every problem found in the loaded .bib files."""

import typer

from . import app
from ._common import JsonOpt, counted, err, out, out_lines, session
from ._help import CoproCommand


@app.command("check", cls=CoproCommand)
def check_command(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """Load the catalogue and .bib files and list every problem found; exit 1 if any.

    Example: copro --no-bundled --bib refs.bib check
    """
    state = session(ctx)
    state.quiet = True  # this command prints every warning itself, on stdout
    catalogue = state.catalogue()
    warnings = catalogue.warnings
    if as_json:
        from ..listing import to_json

        out(
            to_json(
                {
                    "source": w.source,
                    "line": w.line,
                    "key": w.key,
                    "kind": w.kind,
                    "message": w.message,
                }
                for w in warnings
            )
        )
    else:
        out_lines(str(warning) for warning in warnings)
        loaded = counted(len(catalogue), "entry", "entries")
        err(f"{loaded} loaded, {counted(len(warnings), 'problem')} found.")
    if warnings:
        raise typer.Exit(1)
