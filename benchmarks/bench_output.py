"""What making terminal controls visible costs the plain-text outputs.

Prints the plain `list` lines (with annotations) and a `--format` template for every entry
of a real-world library (../shared/data/synth_10k.bib.gz, or synth_50k with `50k`) into
/dev/null, once as copro does and once with `terminal.visible` replaced by the identity;
best of five runs each, after a first run that decodes the fields. Loading is not timed.

Run: python benchmarks/bench_output.py [10k|50k]
"""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Callable
from pathlib import Path

from _data import library

from coprocli.bibparse import load_file
from coprocli.cli import _common
from coprocli.cli._render import print_entry_table
from coprocli.listing import check_template, format_entry
from coprocli.model import Entry

TEMPLATE = "{key}\\t{year}\\t{authors}\\t{title}\\t{url}"


def best_of(runs: int, work: Callable[[], None]) -> float:
    times = []
    for _ in range(runs):
        with Path("/dev/null").open("w") as sink, contextlib.redirect_stdout(sink):
            start = time.perf_counter()
            work()
            times.append(time.perf_counter() - start)
    return min(times)


def outputs(entries: list[Entry]) -> dict[str, Callable[[], None]]:
    template = check_template(TEMPLATE)
    return {
        "list --summaries --full (plain)": lambda: print_entry_table(
            entries, summaries=True, full=True
        ),
        f"list --format '{TEMPLATE}'": lambda: _common.out_lines(
            format_entry(entry, template) for entry in entries
        ),
    }


def main() -> None:
    name = "synth_50k" if "50k" in sys.argv[1:] else "synth_10k"
    entries, _ = load_file(library(name))
    print(f"{name}: {len(entries)} entries")
    safe = _common.visible
    for label, work in outputs(entries).items():
        best_of(1, work)  # fields are decoded on first read: not what is measured here
        with_visible = best_of(5, work)
        _common.visible = str  # the identity, to see what `visible` itself costs
        try:
            without = best_of(5, work)
        finally:
            _common.visible = safe
        print(
            f"{label}: {with_visible * 1000:.0f} ms, {without * 1000:.0f} ms without "
            f"visible ({(with_visible / without - 1) * 100:+.1f}%)"
        )


if __name__ == "__main__":
    main()
