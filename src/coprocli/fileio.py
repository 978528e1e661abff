"""Writing output files safely: atomically, never over an existing file unless asked."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import OutputError


def write_atomic(path: str | Path, content: str, *, force: bool = False) -> Path:
    """Write `content` to `path` in one step: readers see the old file or the new one.

    An existing file is replaced only with `force`; on any error nothing is left behind.
    """
    target = Path(path)
    if target.exists() and not force:
        raise OutputError(f"{target} already exists; use --force to overwrite it.")
    if target.is_dir():
        raise OutputError(f"{target} is a directory; give a file name.")
    folder = target.parent
    if not folder.is_dir():
        raise OutputError(f"Cannot write {target}: the folder {folder} does not exist.")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=folder)
    except OSError as error:
        raise OutputError(f"Cannot write {target}: {error.strerror}.") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        Path(temporary).chmod(0o666 & ~_umask())  # mkstemp makes it private; a file is not
        Path(temporary).replace(target)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise OutputError(f"Cannot write {target}: {error.strerror}.") from None
        raise
    return target


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
