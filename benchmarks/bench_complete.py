"""How long a TAB takes: shell completion of entry keys on a 10,000-entry library, warm
(the library in the cache), as a whole `copro` process the way a shell runs it.

Cases: a key's first letters (a few matches, shown with their titles), one letter (many
matches, keys alone), nothing typed (all 10,000 keys), and a style name. Each figure is the
median of the runs; the cache lives in a temporary folder.

Run: python benchmarks/bench_complete.py [--runs 9]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

from _data import library

CASES = {
    "key, 3 letters (titles shown)": "cite Kei",
    "key, 1 letter (keys alone)": "cite K",
    "key, nothing typed (every key)": "cite ",
    "style name": "cite --style h",
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    options = parser.parse_args()
    path = library("synth_10k")
    copro = [sys.executable, "-m", "coprocli"]
    with tempfile.TemporaryDirectory() as folder:
        base = {**os.environ, "COPRO_CACHE_DIR": folder, "_COPRO_COMPLETE": "complete_zsh"}
        subprocess.run([*copro, "--bib", str(path), "list", "--keys"], capture_output=True)
        for name, line in CASES.items():
            words = f"copro --bib {path} --no-bundled {line}"
            env = {**base, "_TYPER_COMPLETE_ARGS": words}
            times, answers = [], 0
            for _ in range(options.runs):
                started = time.perf_counter()
                done = subprocess.run(copro, capture_output=True, text=True, env=env)
                times.append(time.perf_counter() - started)
                answers = done.stdout.count("\n") + 1
            print(f"{name:36} {statistics.median(times) * 1000:7.0f} ms  ({answers} lines)")


if __name__ == "__main__":
    main()
