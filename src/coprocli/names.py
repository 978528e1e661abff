"""BibTeX name lists into `Person`s.

A name field is split on the word `and` at brace depth 0, and each name is parsed with
BibTeX's grammar (“Tame the BeaST”): `First von Last`, `von Last, First` or
`von Last, Jr, First`, where brace groups are single tokens and the von part is the run of
words that start with a lowercase letter. biblatex's extended name format
(`family=Ackooij, given=W., prefix=van`) is understood too.

LaTeX is decoded in each part only after splitting: decoding first would let the `and`
inside `{Barnes and Noble}` split an organisation in two and would hide the braces that
decide what is one token.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .latex import decode
from .model import Person

__all__ = ["parse_name", "parse_names", "split_names"]

#: `and` as a separator word: whitespace (or the field's edge) on both sides.
_AND = r"(?<!\S)and(?!\S)"
_AND_PLAIN = re.compile(_AND, re.IGNORECASE)
_AND_SCAN = re.compile(r"\\.|[{}]|" + _AND, re.IGNORECASE | re.DOTALL)
#: What separates the words of a name part at depth 0: blanks and ties.
_WORD_SEP_PLAIN = re.compile(r"[\s~]+")
_SCAN_WORDS = re.compile(r"\\.|[{}]|[\s~]+", re.DOTALL)
_SCAN_COMMAS = re.compile(r"\\.|[{}]|,", re.DOTALL)
_BRACES = re.compile(r"\\.|[{}]", re.DOTALL)
_EXTENDED_PART = re.compile(r"\s*([A-Za-z][A-Za-z-]*)\s*=\s*(.*)\Z", re.DOTALL)
_EXTENDED_KEYS = {"family": "family", "given": "given", "prefix": "particle", "suffix": "suffix"}


def split_names(raw: str) -> list[str]:
    """Split a raw (undecoded) name field on `and` at brace depth 0.

    Returns the stripped pieces, with an empty string for each empty piece (a trailing
    `and`, `A and and B`) so that the caller can warn about it; a blank field gives [].
    """
    if not raw.strip():
        return []
    if "{" not in raw and "\\" not in raw:
        return [piece.strip() for piece in _AND_PLAIN.split(raw)]
    pieces: list[str] = []
    depth = 0
    start = 0
    for match in _AND_SCAN.finditer(raw):
        token = match.group()
        if token == "{":
            depth += 1
        elif token == "}":
            depth = max(depth - 1, 0)  # an unbalanced `}` must not hide later separators
        elif depth == 0 and token[0] != "\\":
            pieces.append(raw[start : match.start()].strip())
            start = match.end()
    pieces.append(raw[start:].strip())
    return pieces


def _split_depth0(text: str, scanner: re.Pattern[str]) -> list[str]:
    """Split `text` at the separators `scanner` finds outside braces (escapes never split)."""
    parts: list[str] = []
    depth = 0
    start = 0
    for match in scanner.finditer(text):
        token = match.group()
        if token == "{":
            depth += 1
        elif token == "}":
            depth = max(depth - 1, 0)
        elif depth == 0 and token[0] != "\\":
            parts.append(text[start : match.start()])
            start = match.end()
    parts.append(text[start:])
    return parts


def _words(part: str) -> list[str]:
    """The words of one name part: split on blanks and `~` outside braces."""
    if "{" not in part and "\\" not in part:
        return [word for word in _WORD_SEP_PLAIN.split(part) if word]
    return [word for word in _split_depth0(part, _SCAN_WORDS) if word]


def _matching_brace(text: str, start: int) -> int:
    """Index of the `}` closing the `{` at `start`, or -1."""
    depth = 0
    for match in _BRACES.finditer(text, start):
        token = match.group()
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
            if depth == 0:
                return match.start()
    return -1


def _first_letter_is_lower(text: str) -> bool | None:
    """Whether the first letter of decoded `text` is lowercase; None without letters."""
    for char in decode(text):
        if char.isalpha():
            return char.islower()
    return None


def _is_von(word: str) -> bool:
    """BibTeX's test for a von word: its first letter at brace depth 0 is lowercase.

    A group opening with a backslash (`{\\"u}ber`) is a special character and counts by
    the letter it prints; any other group (`{de la}`) is skipped, which is how BibTeX
    users keep a word out of the von part. A command outside braces (`\\"uber`,
    `\\v{S}mith`) counts by the letter it prints too.
    """
    index = 0
    length = len(word)
    while index < length:
        char = word[index]
        if char == "{":
            end = _matching_brace(word, index)
            if end < 0:
                end = length
            if word.startswith("\\", index + 1):
                return bool(_first_letter_is_lower(word[index + 1 : end]))
            index = end + 1
            continue
        if char == "\\":
            return bool(_first_letter_is_lower(word[index:]))
        if char.isalpha():
            return char.islower()
        index += 1
    return False


def _join(words: list[str]) -> str:
    return decode(" ".join(words)) if words else ""


def _von_last(words: list[str]) -> tuple[list[str], list[str]]:
    """Split the words before the first comma into von and Last.

    The last word is always Last; von runs from the start to the last lowercase word
    before it (BibTeX: `Van de Graaff` has von `Van de`).
    """
    if not words:
        return [], []
    for index in range(len(words) - 2, -1, -1):
        if _is_von(words[index]):
            return words[: index + 1], words[index + 1 :]
    return [], words


def _extended(parts: list[str]) -> Person | None:
    """biblatex's `family=..., given=..., prefix=...` form, or None if `parts` is not one."""
    values: dict[str, str] = {}
    for part in parts:
        if not part.strip():
            continue
        match = _EXTENDED_PART.match(part)
        if match is None:
            return None
        key = match.group(1).lower()
        if key in _EXTENDED_KEYS:
            values[_EXTENDED_KEYS[key]] = decode(match.group(2))
    if not values:
        return None
    if not values.get("family") and values.get("given"):
        # A lone given name is still the only name there is.
        values["family"], values["given"] = values["given"], ""
    return Person(**values)


@lru_cache(maxsize=1 << 16)  # a library names the same people again and again
def parse_name(raw: str) -> Person:
    """Parse one raw BibTeX name into a `Person`; never raises.

    A name that is one brace group as a whole (`{World Health Organization}`) becomes a
    literal, `others` becomes `Person(literal="others")`, and the biblatex extended form
    `family=..., given=..., prefix=..., suffix=...` is read key by key.
    """
    text = raw.strip()
    if not text:
        return Person()
    if text.lower() == "others":
        return Person(literal="others")
    if text[0] == "{" and _matching_brace(text, 0) == len(text) - 1:
        return Person(literal=decode(text[1:-1]))

    parts = [part.strip() for part in _split_depth0(text, _SCAN_COMMAS)]
    if "=" in text:
        extended = _extended(parts)
        if extended is not None:
            return extended
    # Trailing commas (`Smith, John,`) add nothing; further commas beyond the second are
    # kept inside the given names rather than dropped.
    while len(parts) > 2 and not parts[-1]:
        parts.pop()

    if len(parts) == 1:
        words = _words(text)
        if len(words) == 1:
            return Person(family=decode(words[0]))
        # First von Last: von starts at the first lowercase word that is not the last one.
        for start in range(len(words) - 1):
            if _is_von(words[start]):
                von, last = _von_last(words[start:])
                return Person(family=_join(last), given=_join(words[:start]), particle=_join(von))
        return Person(family=_join(words[-1:]), given=_join(words[:-1]))

    von, last = _von_last(_words(parts[0]))
    if len(parts) == 2:
        suffix, first = "", parts[1]
    else:
        suffix, first = parts[1], ", ".join(parts[2:])
    family = _join(last)
    given = _join(_words(first))
    particle = _join(von)
    if not family and not particle and given:
        # `, John` has no last name; the one name there is stands as the family name.
        family, given = given, ""
    return Person(family=family, given=given, particle=particle, suffix=_join(_words(suffix)))


def parse_names(raw: str) -> tuple[list[Person], int]:
    """Split and parse a raw name field: the people, and how many empty names were dropped."""
    people, dropped = _parse_names(raw)
    return list(people), dropped


@lru_cache(maxsize=1 << 16)  # co-authors write together again and again
def _parse_names(raw: str) -> tuple[tuple[Person, ...], int]:
    people: list[Person] = []
    dropped = 0
    for piece in split_names(raw):
        person = parse_name(piece) if piece else _NOBODY
        if person == _NOBODY:
            dropped += 1
        else:
            people.append(person)
    return tuple(people), dropped


_NOBODY = Person()
