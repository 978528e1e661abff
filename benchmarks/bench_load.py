"""How long loading a library takes, in-process, by stage.

Run: python benchmarks/bench_load.py [synth_10k synth_50k ...]
     python benchmarks/bench_load.py --keyless     (entries without keys, all named from
                                                   the same author and year: 2k, 20k)
"""

from __future__ import annotations

import sys
import time

from _data import library

from coprocli.bibparse import load_file, parse_bib_text


def keyless(counts: tuple[int, ...] = (2_000, 20_000)) -> None:
    """Naming keyless entries (EndNote exports): the time should grow linearly."""
    for count in counts:
        text = "".join(
            f"@article{{ author = {{Lee, Ann}}, title = {{T{i}}}, year = 2020}}\n"
            for i in range(count)
        )
        started = time.perf_counter()
        entries, _ = parse_bib_text(text, "keyless.bib")
        elapsed = time.perf_counter() - started
        print(f"{count:,} keyless entries named in {elapsed:.2f} s ({len(entries):,} keys)")


def main(names: list[str]) -> None:
    if names == ["--keyless"]:
        keyless()
        return
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
