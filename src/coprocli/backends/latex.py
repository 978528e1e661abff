"""LaTeX: `\\emph`, `\\textbf`, `\\url` and `\\href`; a standalone document is a complete
`article` that pdfLaTeX, XeLaTeX and LuaLaTeX compile.

`escape_latex` is the one LaTeX escaper: the BibTeX exporter uses it too, for values that
only exist as decoded Unicode.
"""

from __future__ import annotations

import re

from ._base import CONTROL_CHARACTERS, Backend

_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "`": r"\textasciigrave{}",
    "\u00a0": "~",
}
_SPECIAL = re.compile(r"[\\{}&%$#_~^`\u00a0]")
# `--`, `''`, `,,`, `<<`, `>>` are ligatures in TeX fonts (en dash, quotes, guillemets):
# an empty group between the two characters keeps them apart.
_LIGATURE = re.compile(r"([-',<>])(?=\1)")
_URL_UNSAFE = re.compile(r"[\\{}\s\x00-\x1f\x7f]")
_URL_SPECIAL = re.compile(r"[%#]")


def escape_latex(text: str) -> str:
    """Unicode text as LaTeX text that prints exactly it (and reads back through
    `coprocli.latex.decode` as the same text)."""
    text = CONTROL_CHARACTERS.sub("", text)
    if _SPECIAL.search(text):
        text = _SPECIAL.sub(lambda match: _SPECIALS[match.group()], text)
    return _LIGATURE.sub(r"\1{}", text)


def escape_url(url: str) -> str:
    """A URL as the argument of `\\url` or `\\href`: braces, backslashes and blanks
    percent-encoded, `%` and `#` escaped (hyperref reads `\\%` and `\\#` there)."""
    encoded = _URL_UNSAFE.sub(
        lambda match: "".join(f"%{byte:02X}" for byte in match.group().encode()), url
    )
    return _URL_SPECIAL.sub(lambda match: "\\" + match.group(), encoded)


def _item(text: str) -> str:
    """An item's text; `{}` keeps a leading `[` from being read as \\item's label."""
    return "{}" + text if text.startswith("[") else text


_HEADINGS = {1: "section", 2: "subsection", 3: "subsubsection"}

_PREAMBLE = r"""\documentclass[11pt]{article}
\usepackage{iftex}
\ifPDFTeX
  \usepackage[T1]{fontenc}
  \usepackage[utf8]{inputenc}
  \usepackage{lmodern}
  \usepackage{textcomp}
\else
  \usepackage{fontspec}
\fi
\usepackage[hidelinks]{hyperref}
\setlength{\parindent}{0pt}
\setlength{\parskip}{0.6em}
"""


class LatexBackend(Backend):
    name = "latex"
    description = "LaTeX (a fragment, or a complete article with --output)"
    extension = "tex"

    def escape(self, text: str) -> str:
        return escape_latex(text)

    def format_emph(self, content: str) -> str:
        return f"\\emph{{{content}}}"

    def format_strong(self, content: str) -> str:
        return f"\\textbf{{{content}}}"

    def format_link(self, url: str, content: str, text: str) -> str:
        if text.strip() == url:
            return f"\\url{{{escape_url(url)}}}"
        return f"\\href{{{escape_url(url)}}}{{{content}}}"

    def paragraph(self, content: str) -> str:
        return f"{content}\n\n"

    def heading(self, text: str, level: int) -> str:
        command = _HEADINGS.get(level, "paragraph") if level >= 1 else "section"
        return f"\\{command}*{{{self.escape(' '.join(text.split()))}}}\n\n"

    def bullet_list(self, items: list[str]) -> str:
        body = "".join(f"  \\item {_item(item)}\n" for item in items)
        return f"\\begin{{itemize}}\n{body}\\end{{itemize}}\n\n"

    def numbered_list(self, items: list[str], start: int = 1) -> str:
        counter = f"  \\setcounter{{enumi}}{{{start - 1}}}\n" if start != 1 else ""
        body = "".join(f"  \\item {_item(item)}\n" for item in items)
        return f"\\begin{{enumerate}}\n{counter}{body}\\end{{enumerate}}\n\n"

    def reference_list(self, items: list[str], numbered: bool = False) -> str:
        if numbered:
            return self.numbered_list(items)
        # Hanging indents, as reference lists are set.
        return "".join(f"\\hangindent=2em\\hangafter=1\n{item}\n\n" for item in items)

    def document(self, body: str, title: str | None = None, standalone: bool = False) -> str:
        if not standalone:
            return super().document(body)
        metadata = f"\\hypersetup{{pdftitle={{{self.escape(title)}}}}}\n" if title else ""
        return (
            f"{_PREAMBLE}{metadata}\n\\begin{{document}}\n\n"
            f"{body.strip(chr(10))}\n\n\\end{{document}}\n"
        )
