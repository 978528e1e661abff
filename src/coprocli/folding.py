"""Folding text for comparison: case, accents and typographic variants do not count."""

from __future__ import annotations

import re
from functools import lru_cache

#: Letters that do not decompose into a base letter and a combining accent, and typographic
#: variants, by code point. The web page's search (`webpage.py`) folds with the same table.
SPECIAL_CHARACTERS = str.maketrans(
    {
        "ø": "o",
        "Ø": "o",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ß": "ss",
        "ł": "l",
        "Ł": "l",
        "đ": "d",
        "Đ": "d",
        "ð": "d",
        "þ": "th",
        "ı": "i",
        "’": "'",
        "‘": "'",
        "“": '"',
        "”": '"',
        "–": "-",
        "—": "-",
        "\u00a0": " ",
    }
)


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case, accent-free text: `Gödel` -> `godel`, `Ø` -> `o`, curly quotes straight."""
    if text.isascii():
        return text.lower()
    import unicodedata  # text that is not ASCII only: a search of ASCII words needs none

    decomposed = unicodedata.normalize("NFKD", text.translate(SPECIAL_CHARACTERS))
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return stripped.casefold()


# Pattern strings, compiled (and kept) by `re` when a listing first sorts: not on every start.
_NOT_ALPHANUMERIC = r"[\W_]+"
_NOT_ALPHANUMERIC_OR_BLANK = r"[^\w\s]+|_+"


@lru_cache(maxsize=1 << 16)
def sort_fold(text: str, *, drop_punctuation: bool = False) -> str:
    """Sort form of a title or name: `fold`ed, punctuation turned into blanks (or, with
    `drop_punctuation`, removed: `O'Brien` sorts as `obrien`), blanks collapsed."""
    folded = fold(text)
    if drop_punctuation:
        return " ".join(re.sub(_NOT_ALPHANUMERIC_OR_BLANK, "", folded).split())
    return " ".join(re.sub(_NOT_ALPHANUMERIC, " ", folded).split())
