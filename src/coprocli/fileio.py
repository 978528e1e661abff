"""Reading input files with one clear error for each way it fails, and writing output files
safely: atomically, never over an existing file unless asked."""

from __future__ import annotations

import os
import signal
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from .errors import CoproError, OutputError


def read_file_bytes(
    path: str | Path, what: str = "file", *, label: str = "", error: type[CoproError] = CoproError
) -> bytes:
    """The bytes of a file, or one clear `error` naming the file (`label`, else `path`) and
    what it should have been (`key file`, `.bib file`)."""
    name = label or str(path)
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise error(f"{name}: no such {what}; check the path.") from None
    except IsADirectoryError:
        raise error(f"{name}: is a directory; give a {what}.") from None
    except PermissionError:
        raise error(f"{name}: permission denied; check the file's permissions.") from None
    except OSError as failure:
        raise error(f"{name}: cannot be read ({failure.strerror}).") from None


def read_text_file(path: str | Path, what: str = "file") -> str:
    """A UTF-8 text file (a byte-order mark is dropped), or one clear error naming `what`
    it should have been (`key file`, `file`)."""
    try:
        return read_file_bytes(path, what).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CoproError(f"{path}: is not UTF-8 text; save it as UTF-8.") from None


def write_atomic(
    path: str | Path,
    content: str | bytes,
    *,
    force: bool = False,
    protected: Iterable[str | Path] = (),
) -> Path:
    """Write `content` to `path` in one step: readers see the old file or the new one.

    - An existing file is replaced only with `force`; without it, the check that nothing
      is there and the write are one atomic step (a hard link of a finished temporary
      file), so two writers cannot both succeed.
    - A file in `protected` (the libraries this run loaded) is never written, whatever
      the flags, however it is reached (another path, a link).
    - A symbolic link is written through, never replaced; a dangling one is refused.
    - Devices and FIFOs (`/dev/stdout`, a named pipe) are written to directly.

    On any error nothing is left behind.
    """
    target = Path(path)
    _refuse_inputs(target, protected)
    if target.is_symlink():
        if not target.exists():
            raise OutputError(
                f"{target} is a symbolic link to nothing ({target.readlink()}); "
                "give another file name."
            )
        target = target.resolve()
    if target.exists() and not target.is_dir() and not target.is_file():
        return _write_through(target, content)
    if target.exists() and not force:
        raise OutputError(f"{target} already exists; use --force to overwrite it.")
    if target.is_dir():
        raise OutputError(f"{target} is a directory; give a file name.")
    folder = target.parent
    if not folder.is_dir():
        raise OutputError(f"Cannot write {target}: the folder {folder} does not exist.")
    with _signals_end_the_write():
        return _write_new(target, content, force=force)


def _write_new(target: Path, content: str | bytes, *, force: bool) -> Path:
    """The temporary file, filled, moved into place; removed on any failure."""
    temporary = ""
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
        with _opened(os.fdopen, handle, content) as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        Path(temporary).chmod(0o666 & ~_umask())  # mkstemp makes it private; a file is not
        if force:
            Path(temporary).replace(target)
        else:
            _link_new(Path(temporary), target)
    except BaseException as error:
        if temporary:
            Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OutputError):
            raise
        if isinstance(error, OSError):
            raise OutputError(f"Cannot write {target}: {error.strerror}.") from None
        raise
    return target


@contextmanager
def _signals_end_the_write() -> Iterator[None]:
    """While a file is written, SIGTERM and SIGHUP end the process through the write's
    cleanup (exit status 128 + the signal) instead of killing it with a temporary file
    left behind. Only the main thread can set handlers; elsewhere nothing changes."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    names = ("SIGTERM", "SIGHUP")
    signals = [getattr(signal, name) for name in names if hasattr(signal, name)]

    def end(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    previous = {number: signal.signal(number, end) for number in signals}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _refuse_inputs(target: Path, protected: Iterable[str | Path]) -> None:
    """An error when `target` is (or links to) one of the files this run read."""
    if not target.exists():
        return
    for source in protected:
        try:
            same = target.samefile(source)
        except OSError:
            continue
        if same:
            raise OutputError(
                f"{target} is a library this command read; copro never writes over its "
                "input. Give another --output file."
            )


def _link_new(temporary: Path, target: Path) -> None:
    """Move the finished `temporary` to `target` only if no file is there, in one step."""
    try:
        os.link(temporary, target)
    except FileExistsError:
        raise OutputError(f"{target} already exists; use --force to overwrite it.") from None
    except OSError:
        # A file system without hard links: exclusive creation is the atomic check.
        try:
            descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            raise OutputError(f"{target} already exists; use --force to overwrite it.") from None
        os.close(descriptor)
        temporary.replace(target)
        return
    temporary.unlink()


def _write_through(target: Path, content: str | bytes) -> Path:
    """Write to a device or FIFO as it is (it cannot be replaced, and is not a file)."""
    try:
        with _opened(open, target, content) as stream:
            stream.write(content)
    except OSError as error:
        raise OutputError(f"Cannot write {target}: {error.strerror}.") from None
    return target


def _opened(opener: Callable[..., IO[Any]], file: Any, content: str | bytes) -> IO[Any]:
    """`file` opened for writing `content`: bytes as they are, text as UTF-8."""
    if isinstance(content, bytes):
        return opener(file, "wb")
    return opener(file, "w", encoding="utf-8", newline="")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
