"""Output longer than the terminal goes through a pager, as git's does.

On a terminal, what a command writes to stdout is held until it ends; then, if it is taller
than the terminal and paging is wanted (no `--no-pager`, no `pager = false` in the settings,
no `COPRO_PAGER=0`), it goes to `$PAGER` (else `less`, with `-FRX`: colours kept, one screen
printed as it is), otherwise straight to the terminal. Never when stdout is not a terminal.
"""

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TextIO


class _HeldOutput(io.StringIO):
    """Stdout while a command runs: holds the text and is still a terminal to Rich and to
    `is_terminal`, so that tables and colours come out as on the terminal itself."""

    def isatty(self) -> bool:
        return True


def hold() -> TextIO | None:
    """Start holding stdout when it is a terminal; the real stdout to give back, or None."""
    if not sys.stdout.isatty() or os.environ.get("TERM") == "dumb":
        return None
    if os.environ.get("COPRO_PAGER", "").strip().lower() in ("0", "false", "no", "off"):
        return None
    real = sys.stdout
    sys.stdout = _HeldOutput()
    return real


def release(real: TextIO, *, page: bool) -> None:
    """Give stdout back and write what was held: through the pager when `page` and it is
    taller than the terminal, else as it is."""
    held = sys.stdout
    sys.stdout = real
    if not isinstance(held, _HeldOutput):
        return
    text = held.getvalue()
    rows = shutil.get_terminal_size().lines
    if page and text.count("\n") >= rows and _through_pager(text):
        return
    sys.stdout.write(text)


def _through_pager(text: str) -> bool:
    """Show `text` in the pager; False when no pager could be run."""
    import shlex

    command = shlex.split(os.environ.get("PAGER") or "less")
    environment = dict(os.environ)
    if Path(command[0]).name == "less":
        environment.setdefault("LESS", "FRX")
    sys.stdout.flush()
    try:
        subprocess.run(command, input=text.encode(), env=environment, check=False)
    except (OSError, ValueError):
        return False
    return True
