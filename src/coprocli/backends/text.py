"""Plain text: no markup at all; a link shows its URL after its text when they differ.

Plain text is what lands on a terminal, so its one escape is `terminal.visible`: an
escape sequence in a title is shown as `\\x1b[2J`, not obeyed.
"""

from __future__ import annotations

from ..terminal import visible
from ._base import Backend


class TextBackend(Backend):
    name = "text"
    description = "Plain Unicode text, no markup"
    extension = "txt"

    def escape(self, text: str) -> str:
        return visible(text)

    def format_link(self, url: str, content: str, text: str) -> str:
        return content if text.strip() == url else f"{content} <{visible(url)}>"

    def paragraph(self, content: str) -> str:
        return f"{content}\n\n"

    def heading(self, text: str, level: int) -> str:
        rule = "=" if level <= 1 else "-"
        shown = self.escape(text)
        return f"{shown}\n{rule * max(len(shown), 3)}\n\n"

    def bullet_list(self, items: list[str]) -> str:
        return "".join(f"  • {item}\n" for item in items) + "\n"

    def numbered_list(self, items: list[str], start: int = 1) -> str:
        return "".join(f"  {number}. {item}\n" for number, item in enumerate(items, start)) + "\n"
