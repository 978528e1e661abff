"""Writing output files safely: atomically, never over an existing file unless asked."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import CoproError, OutputError


def read_text_file(path: str | Path, what: str = "file") -> str:
    """A UTF-8 text file (a byte-order mark is dropped), or one clear error naming `what`
    it should have been (`key file`, `file`)."""
    try:
        return Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise CoproError(f"{path}: no such {what}; check the path.") from None
    except IsADirectoryError:
        raise CoproError(f"{path}: is a directory; give a {what}.") from None
    except UnicodeDecodeError:
        raise CoproError(f"{path}: is not UTF-8 text; save it as UTF-8.") from None
    except OSError as error:
        raise CoproError(f"{path}: cannot be read ({error.strerror}).") from None


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
