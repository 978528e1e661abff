"""Standard streams that cannot be used: closed by the caller (`copro list >&-`) or
failing (`copro list > /dev/full`). Each becomes one clear message and exit 1."""

from __future__ import annotations

import io
import sys

from ..errors import CoproError, OutputError


class _ClosedStream(io.TextIOBase):
    """Stands in for a standard stream the process was started without: any read or
    write is a `CoproError` naming the stream, instead of an AttributeError on None."""

    def __init__(self, name: str, hint: str) -> None:
        super().__init__()
        self._name = name
        self._hint = hint

    def _closed(self) -> CoproError:
        return CoproError(f"standard {self._name} is closed; {self._hint}")

    def isatty(self) -> bool:
        return False

    def read(self, size: int | None = -1) -> str:
        raise self._closed()

    def readline(self, size: int | None = -1) -> str:  # type: ignore[override]
        raise self._closed()

    def write(self, text: str) -> int:
        raise self._closed()

    def flush(self) -> None:
        pass


def guard_standard_streams() -> None:
    """Give a closed stdin or stdout a stand-in that fails with a message when used, so
    a command that needs neither (`cite -o refs.html`) still runs."""
    if sys.stdout is None:
        sys.stdout = _ClosedStream(
            "output", "run the command with its output going somewhere, or use --output FILE."
        )
    if sys.stdin is None:
        sys.stdin = _ClosedStream("input", "give keys as arguments or with --keys-from FILE.")


def output_failed(error: OSError) -> OutputError:
    """The error for a write to stdout that failed (a full disk, an I/O error)."""
    reason = error.strerror or str(error)
    return OutputError(f"cannot write to standard output ({reason}).")
