"""Reference output of a CSL processor (pandoc 3 `--citeproc`) for copro's styles.

For each style in `coprocli.styles.STYLES`, runs pandoc with the style's CSL file from
`tests/fixtures/csl` (origin and licence in its SOURCES.md) on a .bib file and collects, per
key, the plain-text bibliography entry (and, for numeric styles, its label), the
parenthetical citation `[@key]` and the narrative citation `@key`, plus combined citations
of a few groups of keys.

The results are kept as golden files in `tests/golden/citeproc/<style>.json`, so test
runs do not need pandoc. Regenerate them explicitly, and review the diff:

    python -m tests.citeproc_reference --regenerate            # every style
    python -m tests.citeproc_reference --regenerate apa mla    # some styles
    python -m tests.citeproc_reference apa KEY                 # print one style's output
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CSL_DIR = ROOT / "tests" / "fixtures" / "csl"
GOLDEN_DIR = ROOT / "tests" / "golden" / "citeproc"
FIXTURE = ROOT / "tests" / "fixtures" / "citations.bib"

#: Groups of keys cited together (`[@a; @b]`), per source file.
GROUPS: dict[str, list[list[str]]] = {
    "citations.bib": [
        ["boyle2009article", "ostrom1996crossing"],
        ["slay2011report", "slay2011second"],
        ["verschuere2012b", "verschuere2012a", "bovaird2007beyond"],
        ["ostrom1996crossing", "ostrom1990governing", "cahn2000nomore"],
        ["smith2010book", "smith2010other", "ndtimisc"],
    ],
    "resources.bib": [
        ["boyle2009challenge", "slay2011budgets", "slay2011making"],
        ["boyle2010public", "boyle2010right"],
        ["spice", "nef2011coproduction", "foot2010glass"],
    ],
}

_WS = re.compile(r"[ \t\r\n]+")
_MARK = re.compile(r"^§([PNG])(\d+)§\s*(.*)$", re.S)


def sources() -> dict[str, Path]:
    """The .bib files checked: the fixture and the bundled catalogue."""
    from coprocli.catalogue import bundled_path

    return {"citations.bib": FIXTURE, "resources.bib": bundled_path()}


def pandoc_path() -> str | None:
    """pandoc 3 from pypandoc, or None when it is not installed."""
    try:
        import pypandoc

        return str(pypandoc.get_pandoc_path())
    except Exception:
        return None


def normalise(text: str) -> str:
    return _WS.sub(" ", text).strip()


class _Collector(HTMLParser):
    """Collects bibliography entries (`div.csl-entry`) and citation paragraphs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.entries: dict[str, dict[str, str]] = {}
        self.paragraphs: list[str] = []
        self._entry: str | None = None
        self._depth = 0
        self._part = "body"
        self._buffers: dict[str, list[str]] = {}
        self._para: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        if tag == "div" and "csl-entry" in classes:
            self._entry = (attributes.get("id") or "").removeprefix("ref-")
            self._depth = 1
            self._part = "body"
            self._buffers = {"label": [], "body": []}
            return
        if self._entry is not None and tag == "div":
            self._depth += 1
            if "csl-left-margin" in classes:
                self._part = "label"
            elif "csl-right-inline" in classes:
                self._part = "body"
        if tag == "p" and self._entry is None:
            self._para = []

    def handle_endtag(self, tag: str) -> None:
        if self._entry is not None and tag == "div":
            self._depth -= 1
            if self._part == "label":
                self._part = "body"
            if self._depth == 0:
                self.entries[self._entry] = {
                    "label": normalise("".join(self._buffers["label"])),
                    "reference": normalise("".join(self._buffers["body"])),
                }
                self._entry = None
        if tag == "p" and self._para is not None:
            self.paragraphs.append("".join(self._para))
            self._para = None

    def handle_data(self, data: str) -> None:
        if self._entry is not None:
            self._buffers[self._part].append(data)
        elif self._para is not None:
            self._para.append(data)


def run_pandoc(
    bib: Path,
    csl: Path,
    groups: Sequence[Sequence[str]] = (),
    lang: str = "en-US",
    keys: Sequence[str] | None = None,
) -> dict[str, Any]:
    """Every entry of `bib` (a .bib or CSL-JSON file; for CSL-JSON pass `keys`) formatted
    by pandoc with `csl`: references and citations."""
    from coprocli.bibparse import load_file

    executable = pandoc_path()
    if executable is None:
        raise RuntimeError("pandoc is not available (pip install pypandoc-binary)")
    if keys is None:
        entries, _ = load_file(bib)
        keys = [entry.key for entry in entries]
    lines = ["---", "nocite: '@*'", "---", ""]
    for index, key in enumerate(keys):
        lines += [f"§P{index}§ [@{{{key}}}]", "", f"§N{index}§ @{{{key}}}", ""]
    for index, group in enumerate(groups):
        cited = "; ".join(f"@{{{key}}}" for key in group)
        lines += [f"§G{index}§ [{cited}]", ""]
    with tempfile.TemporaryDirectory() as tmp:
        document = Path(tmp) / "cite.md"
        document.write_text("\n".join(lines), encoding="utf-8")
        result = subprocess.run(
            [
                executable,
                str(document),
                "--citeproc",
                "--bibliography",
                str(bib),
                "--csl",
                str(csl),
                "--wrap=none",
                "--metadata",
                f"lang={lang}",
                "-t",
                "html",
            ],
            check=True,
            capture_output=True,
            text=True,
            encoding="utf-8",
        )
    collector = _Collector()
    collector.feed(result.stdout)
    out: dict[str, Any] = {"entries": {}, "groups": []}
    cites: dict[tuple[str, int], str] = {}
    for paragraph in collector.paragraphs:
        match = _MARK.match(paragraph.strip())
        if match:
            cites[(match.group(1), int(match.group(2)))] = normalise(match.group(3))
    for index, key in enumerate(keys):
        found = collector.entries.get(key, {"label": "", "reference": ""})
        out["entries"][key] = {
            "label": found["label"],
            "reference": found["reference"],
            "citation": cites.get(("P", index), ""),
            "narrative": cites.get(("N", index), ""),
        }
    for index, group in enumerate(groups):
        out["groups"].append({"keys": list(group), "citation": cites.get(("G", index), "")})
    return out


def reference_output(style: str) -> dict[str, Any]:
    """What pandoc produces now for `style`, over every source file."""
    from coprocli.styles import STYLES

    csl = CSL_DIR / STYLES[style].csl_file
    lang = STYLES[style].locale
    return {
        "style": style,
        "csl": csl.name,
        "locale": lang,
        "sources": {
            name: run_pandoc(path, csl, GROUPS.get(name, ()), lang)
            for name, path in sources().items()
        },
    }


def golden_path(style: str) -> Path:
    return GOLDEN_DIR / f"{style}.json"


def load_golden(style: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(golden_path(style).read_text(encoding="utf-8"))
    return data


def regenerate(styles: Sequence[str]) -> None:
    GOLDEN_DIR.mkdir(parents=True, exist_ok=True)
    for style in styles:
        data = reference_output(style)
        text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n"
        golden_path(style).write_text(text, encoding="utf-8")
        print(f"wrote {golden_path(style).relative_to(ROOT)}")


def main(argv: Sequence[str]) -> int:
    from coprocli.styles import STYLES

    args = list(argv)
    if args and args[0] == "--regenerate":
        regenerate(args[1:] or list(STYLES))
        return 0
    if not args:
        print(__doc__)
        return 2
    style, keys = args[0], args[1:]
    data = reference_output(style)
    for source in data["sources"].values():
        for key, value in source["entries"].items():
            if not keys or key in keys:
                print(key)
                for kind, text in value.items():
                    print(f"  {kind}: {text}")
        if not keys:
            for group in source["groups"]:
                print(f"{group['keys']}: {group['citation']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
