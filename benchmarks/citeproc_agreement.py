"""How often copro's references and citations equal a CSL processor's, on any .bib file.

Runs pandoc `--citeproc` with the official CSL style of each of copro's styles (from
tests/fixtures/csl) on the given files and compares, entry by entry, the plain text of the
reference, the parenthetical and the narrative citation. copro's deliberate differences
(the manual where it and CSL disagree: `tests/test_styles.py`, DEVIATIONS) are applied to
pandoc's side first, and pandoc's doubled DOI prefix is undone, so what is left is
disagreement to look at.

    python -m benchmarks.citeproc_agreement FILE.bib [FILE.bib ...] [--styles apa,mla]
        [--show N]   print up to N differences per style and kind
        [--cache DIR] keep pandoc's output between runs (keyed by file and style)
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path
from typing import Any

from tests import citeproc_reference as reference
from tests.test_styles import DEVIATIONS

from coprocli.bibparse import load_file
from coprocli.richtext import plain
from coprocli.styles import STYLE_NAMES, STYLES

KINDS = ("reference", "citation", "narrative")
#: pandoc prefixes a DOI that is already a URL again; copro prints it once.
_DOUBLED_DOI = re.compile(r"(https://doi\.org/|doi: ?)(https?://(?:dx\.)?doi\.org/|doi: ?)")


def pandoc_output(bib: Path, style: str, cache: Path | None) -> dict[str, Any]:
    csl = reference.CSL_DIR / STYLES[style].csl_file
    digest = hashlib.sha256(bib.read_bytes() + style.encode()).hexdigest()[:16]
    cached = cache / f"{bib.stem}.{style}.{digest}.json" if cache else None
    if cached and cached.exists():
        data: dict[str, Any] = json.loads(cached.read_text(encoding="utf-8"))
        return data
    data = reference.run_pandoc(bib, csl, (), STYLES[style].locale)
    if cached:
        cached.write_text(json.dumps(data), encoding="utf-8")
    return data


def compare(bib: Path, style: str, cache: Path | None) -> dict[str, list[tuple[str, str, str]]]:
    """Per kind, the (key, pandoc, copro) triples, equal or not."""
    entries, _ = load_file(bib)
    gold = pandoc_output(bib, style, cache)["entries"]
    out: dict[str, list[tuple[str, str, str]]] = {kind: [] for kind in KINDS}
    for ref in STYLES[style].references(entries):
        if ref.key not in gold:
            continue
        mine = {
            "reference": plain(ref.body),
            "citation": plain(ref.citation),
            "narrative": plain(ref.narrative),
        }
        for kind in KINDS:
            expected = _DOUBLED_DOI.sub(r"\1", gold[ref.key][kind])
            for rule in DEVIATIONS:
                if rule.style == style and rule.kind == kind and rule.applies(ref.item):
                    expected = rule.transform(expected, ref.item)
            out[kind].append((ref.key, expected, mine[kind]))
    return out


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--styles", default=",".join(STYLE_NAMES))
    parser.add_argument("--show", type=int, default=0)
    parser.add_argument("--cache", type=Path)
    args = parser.parse_args(argv)
    if args.cache:
        args.cache.mkdir(parents=True, exist_ok=True)
    for style in args.styles.split(","):
        totals = {kind: [0, 0] for kind in KINDS}
        shown = dict.fromkeys(KINDS, 0)
        for bib in args.files:
            for kind, triples in compare(bib, style, args.cache).items():
                for key, expected, mine in triples:
                    totals[kind][1] += 1
                    if expected == mine:
                        totals[kind][0] += 1
                    elif shown[kind] < args.show:
                        shown[kind] += 1
                        print(f"[{style} {kind}] {key}\n  pandoc: {expected}\n  copro:  {mine}")
        summary = ", ".join(
            f"{kind} {ok}/{total} ({ok / total:.0%})"
            for kind, (ok, total) in totals.items()
            if total
        )
        print(f"{style}: {summary}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
