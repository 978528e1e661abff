"""How long loading a library takes, in-process, by stage.

Run: python benchmarks/bench_load.py [synth_10k synth_50k ...]
"""

from __future__ import annotations

import sys
import time

from _data import library

from coprocli.catalogue import load_file


def main(names: list[str]) -> None:
    for name in names or ["synth_10k", "synth_50k"]:
        path = library(name)
        started = time.perf_counter()
        entries, warnings = load_file(path)
        elapsed = time.perf_counter() - started
        size = path.stat().st_size / 1e6
        print(
            f"{name}: {len(entries):,} entries, {len(warnings):,} warnings, {size:.1f} MB "
            f"in {elapsed:.2f} s ({len(entries) / elapsed:,.0f} entries/s)"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
