"""`copro check`: every problem found in the loaded .bib files."""

from __future__ import annotations

import typer

from . import app
from ._common import JsonOpt, err, out, out_lines, session


@app.command("check")
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
        err(f"{len(catalogue)} entries loaded, {len(warnings)} problems found.")
    if warnings:
        raise typer.Exit(1)
