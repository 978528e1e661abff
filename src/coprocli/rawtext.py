"""Field values that need no LaTeX decoding, told apart without loading the decoder.

Most values of most libraries are plain text: a warm command that shows a few entries
then never imports `latex.py` (a fifth of a quick command's own start-up). `latex.decode`
and `latex.unescape_verbatim` take the same fast paths, so the results are the same.
"""

from __future__ import annotations

import re

#: Anything that needs more than stripping the ends; absent, a value decodes as itself.
NEEDS_WORK = re.compile(r"[\\{}~$`]|--|''|[\t\n\r\f\v]|  ")


#: The same, braces left aside: a value with nothing else only loses its braces.
_NEEDS_MORE_THAN_BRACES = re.compile(r"[\\~$`]|--|''|[\t\n\r\f\v]|  ")


def plain(value: str) -> str | None:
    """`value` decoded, when it holds nothing for the decoder but perhaps balanced braces
    (`{DNA} repair`, a protected `{Spice}`); None when it holds more."""
    if NEEDS_WORK.search(value):
        if _NEEDS_MORE_THAN_BRACES.search(value) or not _balanced(value):
            return None
        value = value.replace("{", "").replace("}", "")
        if "  " in value:
            return None  # spaces that met where a group was: the decoder tidies them
    text = value.strip(" ")
    if text.isascii():
        return text
    import unicodedata  # text that is not ASCII only

    return unicodedata.normalize("NFC", text)


def _balanced(value: str) -> bool:
    depth = 0
    for character in value:
        if character == "{":
            depth += 1
        elif character == "}":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def plain_verbatim(value: str) -> str | None:
    """A URL, DOI or file value cleaned, when it has no braces or escapes to undo; None
    when it has."""
    text = value.strip()
    return None if text.startswith("{") or "\\" in text else text
