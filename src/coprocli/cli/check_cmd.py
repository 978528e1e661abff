"""`copro check`: every problem found in the loaded .bib files."""

import typer

from . import app
from ._common import JsonOpt, counted, err, out, out_lines, session
from ._help import CoproCommand


@app.command("check", cls=CoproCommand)
def check_command(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """Problems of the .bib files, and what will go wrong later; exit 1 on errors.

    Findings: likely duplicates, organisations read as people, web resources without a
    link or access date, fields every style needs, capitals sentence case would lose, and
    what output would drop; each with a code, a severity and a fix.

    Example: copro --no-bundled --bib refs.bib check
    """
    from ..lint import lint

    state = session(ctx)
    state.quiet = True  # this command prints every warning itself, on stdout
    catalogue = state.catalogue()
    warnings = catalogue.warnings
    findings = lint(catalogue.entries)
    errors = sum(1 for finding in findings if finding.severity == "error")
    if as_json:
        from ..listing import to_json

        problems = [
            {"source": w.source, "line": w.line, "key": w.key, "kind": w.kind, "message": w.message}
            for w in warnings
        ]
        problems += [
            {
                "source": f.source,
                "line": f.line,
                "key": f.key,
                "kind": "finding",
                "code": f.code,
                "severity": f.severity,
                "message": f.message,
                "hint": f.hint,
            }
            for f in findings
        ]
        out(to_json(problems))
    else:
        out_lines(str(warning) for warning in warnings)
        out_lines(str(finding) for finding in findings)
        loaded = counted(len(catalogue), "entry", "entries")
        said = f"{loaded} loaded, {counted(len(warnings), 'problem')} found"
        if findings:
            by_severity = ", ".join(
                counted(sum(1 for finding in findings if finding.severity == severity), severity)
                for severity in ("error", "warning", "note")
            )
            said += f", and {counted(len(findings), 'finding')} ({by_severity})"
        err(said + ".")
    if warnings or errors:
        raise typer.Exit(1)
