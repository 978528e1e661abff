"""Turning the bytes of a .bib file into text, or a clear error.

Real libraries come as UTF-8 (with or without a byte-order mark), UTF-16 with a BOM, or a
legacy 8-bit code page, sometimes declared in a header (`% Encoding: windows-1252` from
JabRef, `-*- coding: latin-9 -*-` for Emacs) and sometimes declared wrongly. A file whose
encoding cannot be told is refused rather than loaded with garbage keys.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from .errors import BibFileError

_DECLARATION = re.compile(
    rb"(?:%\s*Encoding:\s*|-\*-\s*coding:\s*)([A-Za-z0-9_.:-]+?)(?:-unix|-dos|-mac)?(?:\s|-\*-|$)",
    re.IGNORECASE,
)

#: How often a file's first bytes are checked for a binary (NUL) or declared encoding.
_HEAD = 4096


@dataclass(frozen=True, slots=True)
class DecodedText:
    """The text of a file and, when it was not UTF-8, the encoding it was read as."""

    text: str
    encoding: str
    guessed: bool = False


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM shows NUL bytes on every other position."""
    head = data[:_HEAD]
    if len(head) < 4:
        return None
    even_nuls = head[0::2].count(0)
    odd_nuls = head[1::2].count(0)
    half = len(head) // 2
    if odd_nuls > 0.4 * half and even_nuls < 0.05 * half:
        return "utf-16-le"
    if even_nuls > 0.4 * half and odd_nuls < 0.05 * half:
        return "utf-16-be"
    return None


def _looks_like_latin_text(text: str) -> bool:
    """True if non-ASCII letters sit singly among ASCII, as accents in Western text do.

    A multibyte encoding (GBK, Shift-JIS, UTF-8 mangled twice) read as a code page gives
    runs of two or more non-ASCII characters instead; C1 control characters never occur
    in real text.
    """
    non_ascii = 0
    in_runs = 0
    previous_high = False
    for index, char in enumerate(text):
        high = ord(char) > 127
        if not high:
            previous_high = False
            continue
        if 0x80 <= ord(char) <= 0x9F:
            return False
        non_ascii += 1
        next_high = index + 1 < len(text) and ord(text[index + 1]) > 127
        if previous_high or next_high:
            in_runs += 1
        previous_high = True
    return non_ascii == 0 or in_runs <= 0.5 * non_ascii


def _declared_encoding(data: bytes) -> str | None:
    match = _DECLARATION.search(data[:_HEAD])
    if not match:
        return None
    name = match.group(1).decode("ascii", "replace").lower()
    name = {"latin-9": "iso8859-15", "latin9": "iso8859-15", "latin-2": "iso8859-2"}.get(name, name)
    try:
        "a".encode(name)  # a text encoding: `base64` and `zlib` are codecs, not charsets
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_bib_bytes(data: bytes, label: str) -> DecodedText:
    """Decode a .bib file's bytes; `label` names the file in error messages."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return DecodedText(data.decode(encoding), encoding)
            except UnicodeDecodeError as error:
                raise BibFileError(
                    f"{label}: starts with a {encoding} byte-order mark but is not valid "
                    f"{encoding} (byte {error.start}); re-save it as UTF-8."
                ) from None
    utf16 = _utf16_without_bom(data)
    if utf16:
        try:
            return DecodedText(data.decode(utf16), utf16, guessed=True)
        except UnicodeDecodeError:
            pass
    if b"\x00" in data[:_HEAD]:
        raise BibFileError(
            f"{label}: is not a text file (it contains NUL bytes); give a .bib file."
        )
    try:
        return DecodedText(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as error:
        first_bad = error.start
    declared = _declared_encoding(data)
    candidates = [enc for enc in (declared, "cp1252") if enc and enc != "utf-8"]
    for encoding in dict.fromkeys(candidates):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_like_latin_text(text):
            return DecodedText(text, encoding, guessed=encoding != declared)
    line = data[:first_bad].count(b"\n") + 1
    raise BibFileError(
        f"{label}: is not UTF-8 (invalid byte on line {line}) and its encoding could not be "
        "told; convert it to UTF-8, e.g. 'iconv -f GBK -t UTF-8 in.bib > out.bib'."
    )
