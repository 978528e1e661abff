"""RTF: what word processors paste and open (Word, LibreOffice, Pages).

Output is always a complete `{\\rtf1\\ansi\\deff0 ...}` document with a font table, and it is
pure ASCII: every other character is a `\\uN ?` escape (N the signed 16-bit code; a
surrogate pair for characters beyond U+FFFF), so no code page can garble it. Italics are
`{\\i ...}`, bold `{\\b ...}`, links HYPERLINK fields.
"""

from __future__ import annotations

import re

from ._base import Backend

_NEEDS_ESCAPE = re.compile(r"[\\{}\n\t\x00-\x08\x0b-\x1f\x7f]|[^\x00-\x7f]")
_URL_UNSAFE = re.compile(r'[\\{}"\s\x00-\x1f\x7f]|[^\x00-\x7f]')


def _unicode(code: int) -> str:
    """One UTF-16 code unit as `\\uN ?` with N signed, as RTF wants it.

    The space ends the control word; `?` is the one fallback character `\\uc1` skips
    (some readers skip one character too many after `\\uN?` without the space).
    """
    return f"\\u{code - 0x10000 if code >= 0x8000 else code} ?"


def _escape_char(match: re.Match[str]) -> str:
    char = match.group()
    if char in "\\{}":
        return "\\" + char
    if char == "\n":
        return "\\line "
    if char == "\t":
        return "\\tab "
    code = ord(char)
    if code < 0x80:  # other control characters print nothing
        return ""
    if code > 0xFFFF:
        code -= 0x10000
        return _unicode(0xD800 + (code >> 10)) + _unicode(0xDC00 + (code & 0x3FF))
    return _unicode(code)


def escape_rtf(text: str) -> str:
    """Unicode text as ASCII-only RTF text."""
    return _NEEDS_ESCAPE.sub(_escape_char, text)


def _url(url: str) -> str:
    """A URL for a HYPERLINK field: quotes, braces, backslashes, blanks and non-ASCII
    characters percent-encoded (UTF-8)."""
    return _URL_UNSAFE.sub(
        lambda match: "".join(f"%{byte:02X}" for byte in match.group().encode()), url
    )


_HEADER = (
    "{\\rtf1\\ansi\\deff0\\ansicpg1252\\uc1\n"
    "{\\fonttbl{\\f0\\froman\\fcharset0 Times New Roman;}{\\f1\\fswiss\\fcharset0 Arial;}}\n"
    "{\\colortbl;\\red0\\green0\\blue0;\\red26\\green79\\blue139;}\n"
)


class RtfBackend(Backend):
    name = "rtf"
    description = "RTF, for word processors (always a complete document)"
    extension = "rtf"

    def escape(self, text: str) -> str:
        return escape_rtf(text)

    def format_emph(self, content: str) -> str:
        return f"{{\\i {content}}}"

    def format_strong(self, content: str) -> str:
        return f"{{\\b {content}}}"

    def format_link(self, url: str, content: str, text: str) -> str:
        return (
            f'{{\\field{{\\*\\fldinst{{HYPERLINK "{_url(url)}"}}}}'
            f"{{\\fldrslt{{\\ul\\cf2 {content}}}}}}}"
        )

    def paragraph(self, content: str) -> str:
        return f"{{\\pard\\sa120 {content}\\par}}\n"

    def heading(self, text: str, level: int) -> str:
        size = {1: 32, 2: 28}.get(level, 24)
        return (
            f"{{\\pard\\keepn\\sb240\\sa120\\f1\\fs{size}\\b "
            f"{self.escape(' '.join(text.split()))}\\par}}\n"
        )

    # Lists are paragraph-numbered (`\\pn`), which word processors take as real lists;
    # `\\pntext` carries the marker for readers that do not.

    def bullet_list(self, items: list[str]) -> str:
        return "".join(
            "{\\pard\\li720\\fi-360\\sa60\\tx720"
            "{\\*\\pn\\pnlvlblt\\pnindent360{\\pntxtb\\bullet}}"
            f"{{\\pntext\\bullet\\tab}}{item}\\par}}\n"
            for item in items
        )

    def numbered_list(self, items: list[str], start: int = 1) -> str:
        return "".join(
            "{\\pard\\li720\\fi-360\\sa60\\tx720"
            f"{{\\*\\pn\\pnlvlbody\\pndec\\pnstart{start}\\pnindent360{{\\pntxta .}}}}"
            f"{{\\pntext {number}.\\tab}}{item}\\par}}\n"
            for number, item in enumerate(items, start)
        )

    def reference_list(self, items: list[str], numbered: bool = False) -> str:
        if numbered:
            return self.numbered_list(items)
        return "".join(f"{{\\pard\\li720\\fi-720\\sa120 {item}\\par}}\n" for item in items)

    def document(self, body: str, title: str | None = None, standalone: bool = False) -> str:
        info = f"{{\\info{{\\title {self.escape(title)}}}}}\n" if title else ""
        return f"{_HEADER}{info}\\f0\\fs24\n{body.strip(chr(10))}\n}}\n"
