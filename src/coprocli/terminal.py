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
#: them (a title could make a key or URL read backwards).
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    """`text` with every `UNSAFE` character shown as a Python-style escape:
    ESC as `\\x1b`, U+009B as `\\x9b`, U+202E as `\\u202e`."""
    return UNSAFE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def json_safe(encoded: str) -> str:
    """JSON text with the terminal controls `json` leaves raw (DEL, C1, bidi overrides)
    written as `\\u` escapes: the same data, and safe to print. Outside strings JSON
    holds none."""
    return UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", encoded)
