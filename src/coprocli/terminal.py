"""Catalogue text made safe to print where a terminal may read it.

A `.bib` file is data from anywhere; an escape sequence in a title (`ESC [2J`, an OSC 8
hyperlink, a window title) would act on the terminal of whoever lists it. Every piece of
text that leaves copro as plain text goes through `visible`, which shows such characters
as escapes (`\\x1b`) instead of sending them.
"""

from __future__ import annotations

import re

#: Characters a terminal may act on rather than show: C0 controls except tab and newline
#: (which plain output uses as such), DEL, C1 controls (U+009B is a one-character CSI),
#: and the bidi embeddings, overrides and isolates, which reorder what is shown around
#: them (a title could make a key or URL read backwards). The bidi characters are not in
#: the pattern: a character class with them costs half a millisecond to compile, on every
#: start; they are found by a look for each (only in text that is not ASCII).
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_BIDI = (*map(chr, range(0x202A, 0x202F)), *map(chr, range(0x2066, 0x206A)))
_BIDI_ESCAPED = {ord(char): f"\\u{ord(char):04x}" for char in _BIDI}


def has_unsafe(text: str) -> bool:
    """Whether `text` holds a character a terminal may act on."""
    return _CONTROLS.search(text) is not None or (
        not text.isascii() and any(char in text for char in _BIDI)
    )


def _without_bidi(text: str) -> str:
    if text.isascii() or not any(char in text for char in _BIDI):
        return text
    return text.translate(_BIDI_ESCAPED)


def visible(text: str) -> str:
    """`text` with every character a terminal may act on shown as a Python-style escape:
    ESC as `\\x1b`, U+009B as `\\x9b`, U+202E as `\\u202e`."""
    return _without_bidi(_CONTROLS.sub(_escape, text))


def _escape(match: re.Match[str]) -> str:
    return f"\\x{ord(match.group()):02x}"


def json_safe(encoded: str) -> str:
    """JSON text with the terminal controls `json` leaves raw (DEL, C1, bidi overrides)
    written as `\\u` escapes: the same data, and safe to print. Outside strings JSON
    holds none."""
    return _without_bidi(_CONTROLS.sub(lambda match: f"\\u{ord(match.group()):04x}", encoded))
