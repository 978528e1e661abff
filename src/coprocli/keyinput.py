"""Reading citation keys from text: stdin, key files and reading lists.

Keys stand one per line or separated by spaces or commas; `#` starts a comment.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path

_SEPARATORS = re.compile(r"[\s,;]+")


def parse_keys(text: str) -> list[str]:
    """The keys in a text, in order, without duplicates or comments."""
    keys: list[str] = []
    for line in text.splitlines():
        content = line.split("#", 1)[0]
        keys.extend(key for key in _SEPARATORS.split(content) if key)
    return list(dict.fromkeys(keys))


def read_key_file(path: str | Path) -> list[str]:
    """Keys from a file written by hand or by `--keys`; a clear error when unreadable."""
    from .fileio import read_text_file

    return parse_keys(read_text_file(path, "key file"))


def expand_stdin(keys: Iterable[str], read_stdin: Callable[[], str]) -> list[str]:
    """Replace a `-` among the keys with the keys read from standard input."""
    out: list[str] = []
    for key in keys:
        if key == "-":
            out.extend(parse_keys(read_stdin()))
        else:
            out.append(key)
    return list(dict.fromkeys(out))
