"""Plain text: no markup at all; a link shows its URL after its text when they differ."""

from __future__ import annotations

from ._base import Backend


class TextBackend(Backend):
    name = "text"
    description = "Plain Unicode text, no markup"
    extension = "txt"

    def escape(self, text: str) -> str:
        return text

    def format_link(self, url: str, content: str, text: str) -> str:
        return content if text.strip() == url else f"{content} <{url}>"

    def paragraph(self, content: str) -> str:
        return f"{content}\n\n"

    def heading(self, text: str, level: int) -> str:
        rule = "=" if level <= 1 else "-"
        return f"{text}\n{rule * max(len(text), 3)}\n\n"

    def bullet_list(self, items: list[str]) -> str:
        return "".join(f"  • {item}\n" for item in items) + "\n"

    def numbered_list(self, items: list[str], start: int = 1) -> str:
        return "".join(f"  {number}. {item}\n" for number, item in enumerate(items, start)) + "\n"
