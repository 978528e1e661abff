"""The one error hierarchy: each error carries a message a person can act on and an exit code.

The CLI prints `Error: <message>` on stderr and exits with `exit_code`; nothing else
in copro decides how a failure looks.
"""

from __future__ import annotations

from collections.abc import Sequence


class CoproError(Exception):
    """Base class: a failure caused by input, with a user-ready message."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class UsageError(CoproError):
    """A bad option value or query: the command line itself must change."""

    exit_code = 2


class BibFileError(CoproError):
    """A .bib file cannot be read at all (missing, unreadable, not text, unknown encoding)."""


class StrictModeError(CoproError):
    """--strict was given and loading reported problems."""


class UnknownKeyError(CoproError):
    """One or more citation keys are not in the catalogue."""

    def __init__(self, key: str, suggestions: Sequence[str] = ()) -> None:
        self.key = key
        self.suggestions = tuple(suggestions)
        message = f"Unknown key {key!r}."
        if self.suggestions:
            message += f" Did you mean: {', '.join(self.suggestions)}?"
        else:
            message += " Run 'copro list --keys' to see the available keys."
        super().__init__(message)


class UnknownFilterValueError(CoproError):
    """A filter value that no entry has (`--section tools`, `--type articl`): most likely
    a typo, which would otherwise select nothing without a word."""


class OutputError(CoproError):
    """A file copro was asked to write cannot be written."""


class UnknownKeysError(CoproError):
    """Several citation keys are not in the catalogue; `errors` holds one for each."""

    def __init__(self, errors: Sequence[UnknownKeyError]) -> None:
        self.errors = tuple(errors)
        super().__init__(
            f"{len(self.errors)} unknown keys; nothing was printed. "
            "Fix the keys or use --skip-unknown."
        )


class DamagedCache(Exception):
    """A stored catalogue or index in the cache does not decode. Not a `CoproError`: the
    user never sees it; the cache drops what is damaged and copro parses the files again."""
