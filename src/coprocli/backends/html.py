"""HTML: `<em>`, `<strong>`, `<a href>`; a standalone page has a charset, a title and CSS
for screen and print (hanging indents, no link colours on paper)."""

from __future__ import annotations

import html

from ._base import CONTROL_CHARACTERS, Backend, safe_url

_CSS = """\
body { font-family: Georgia, "Times New Roman", serif; font-size: 1.05rem;
       line-height: 1.5; max-width: 44em; margin: 2em auto; padding: 0 1em; color: #111; }
h1, h2, h3 { font-family: "Helvetica Neue", Arial, sans-serif; line-height: 1.2; }
p.reference { padding-left: 2em; text-indent: -2em; margin: 0 0 0.6em; }
ol.references li { margin-bottom: 0.6em; }
a { color: #1a4f8b; overflow-wrap: anywhere; }
@media print {
  body { max-width: none; margin: 0; font-size: 11pt; color: #000; }
  a { color: inherit; text-decoration: none; }
  h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
  p, li { break-inside: avoid; page-break-inside: avoid; orphans: 3; widows: 3; }
}"""


class HtmlBackend(Backend):
    name = "html"
    description = "HTML (a fragment, or a complete page with --output)"
    extension = "html"

    def escape(self, text: str) -> str:
        return html.escape(CONTROL_CHARACTERS.sub("", text), quote=True)

    def format_emph(self, content: str) -> str:
        return f"<em>{content}</em>"

    def format_strong(self, content: str) -> str:
        return f"<strong>{content}</strong>"

    def format_link(self, url: str, content: str, text: str) -> str:
        # `render` checks URLs already; checked again here, so that no caller of this
        # method can make a link of `javascript:`, `data:` or `vbscript:`.
        checked = safe_url(url)
        if checked is None:
            return content
        return f'<a href="{html.escape(checked, quote=True)}">{content}</a>'

    def paragraph(self, content: str) -> str:
        return f"<p>{content}</p>\n"

    def heading(self, text: str, level: int) -> str:
        level = min(max(level, 1), 6)
        return f"<h{level}>{self.escape(text)}</h{level}>\n"

    def bullet_list(self, items: list[str]) -> str:
        return "<ul>\n" + "".join(f"<li>{item}</li>\n" for item in items) + "</ul>\n"

    def numbered_list(self, items: list[str], start: int = 1) -> str:
        attribute = f' start="{start}"' if start != 1 else ""
        body = "".join(f"<li>{item}</li>\n" for item in items)
        return f"<ol{attribute}>\n{body}</ol>\n"

    def reference_list(self, items: list[str], numbered: bool = False) -> str:
        if numbered:
            body = "".join(f"<li>{item}</li>\n" for item in items)
            return f'<ol class="references">\n{body}</ol>\n'
        body = "".join(f'<p class="reference">{item}</p>\n' for item in items)
        return f'<div class="references">\n{body}</div>\n'

    def document(self, body: str, title: str | None = None, standalone: bool = False) -> str:
        if not standalone:
            return super().document(body)
        return (
            "<!DOCTYPE html>\n"
            '<html lang="en">\n'
            "<head>\n"
            '<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{self.escape(title or 'References')}</title>\n"
            f"<style>\n{_CSS}\n</style>\n"
            "</head>\n"
            "<body>\n"
            f"{body.strip(chr(10))}\n"
            "</body>\n"
            "</html>\n"
        )
