"""Any CSL style, through pandoc's citeproc: `--csl FILE.csl` (and `--locale xx-XX`).

The entries go to pandoc as BibLaTeX, written by copro's exporter (which reads back into
pandoc as the same references as the library it came from), with a short Markdown document
that cites them; pandoc formats the citation or the
reference list in the style and writes the markup asked for. pandoc is the binary that
`pip install 'copro[csl]'` (pypandoc-binary) brings, else the one on PATH. The six built-in
styles never need it.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import CoproError, UsageError

if TYPE_CHECKING:
    from .model import Entry

#: copro's markups as pandoc's writers.
_WRITERS = {
    "text": "plain",
    "markdown": "markdown-citations",
    "html": "html",
    "latex": "latex",
    "rtf": "rtf",
    "docx": "docx",
}
_NO_PANDOC = (
    "--csl needs pandoc: install it (https://pandoc.org/installing.html) "
    "or pip install 'copro[csl]'."
)


def pandoc() -> str:
    """The pandoc program: the one `copro[csl]` installs (pypandoc-binary, a pandoc 3 these
    styles need), else pandoc on PATH; a `CoproError` saying how to get one when neither."""
    try:
        import pypandoc  # type: ignore[import-not-found,import-untyped,unused-ignore]

        return str(pypandoc.get_pandoc_path())
    except (ImportError, OSError):
        pass
    found = shutil.which("pandoc")
    if found is None:
        raise CoproError(_NO_PANDOC)
    return found


def check_style(path: Path) -> Path:
    """`path` if it is a readable CSL style file; else a one-line `UsageError`."""
    try:
        head = path.read_bytes()[:4096]
    except FileNotFoundError:
        raise UsageError(f"{path}: no such CSL file; check the path.") from None
    except OSError as error:
        raise UsageError(f"{path}: cannot be read ({error.strerror}).") from None
    if b"<style" not in head or b"http://purl.org/net/xbiblio/csl" not in head:
        raise UsageError(f"{path}: is not a CSL style (no <style> in the CSL namespace).")
    return path


def render(
    entries: Sequence[Entry],
    style: Path,
    markup: str,
    *,
    locale: str | None = None,
    in_text: bool = False,
    narrative: bool = False,
) -> str | bytes:
    """The reference list (or one in-text citation) of `entries` in the CSL `style`, as
    `markup` (bytes for docx)."""
    from .exporters import get_exporter

    program = pandoc()
    keys = [entry.key for entry in entries]
    if narrative:
        body = "; ".join(f"@{{{key}}}" for key in keys)
    elif in_text:
        body = "[" + "; ".join(f"@{{{key}}}" for key in keys) + "]"
    else:
        body = ""
    front = ["---"]
    if in_text or narrative:
        front.append("suppress-bibliography: true")
    else:
        front.append("nocite: '" + ", ".join(f"@{{{key}}}" for key in keys) + "'")
    if locale:
        front.append(f"lang: {locale}")
    document = "\n".join([*front, "---", "", body, ""])
    with tempfile.TemporaryDirectory(prefix="copro-csl-") as folder:
        data = Path(folder) / "references.bib"
        data.write_text(get_exporter("biblatex").export(entries), "utf-8")
        target = Path(folder) / f"out.{markup}"
        command = [
            program,
            "--from",
            "markdown",
            "--to",
            _WRITERS[markup],
            "--citeproc",
            "--csl",
            str(style),
            "--bibliography",
            str(data),
            "--wrap",
            "none",
            "--output",
            str(target),
        ]
        try:
            done = subprocess.run(
                command, input=document.encode(), capture_output=True, timeout=300
            )
        except OSError as error:
            raise CoproError(f"pandoc could not be run ({error.strerror}). {_NO_PANDOC}") from None
        if done.returncode != 0:
            said = done.stderr.decode(errors="replace").strip().splitlines()
            raise CoproError(f"pandoc failed with {style}: {said[-1] if said else 'no message'}")
        produced = target.read_bytes()
    return produced if markup == "docx" else produced.decode("utf-8").strip("\n")
