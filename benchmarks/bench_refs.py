"""How long `copro refs` takes on a large report and on text built to make its patterns
backtrack.

The report is about 20 MB of Markdown prose with LaTeX passages, a citation in most
sentences in every syntax `refs` reads (pandoc brackets and bare keys, `\\cite` commands with
optional arguments, narrative and parenthetical author-year mentions), keys and names of the
bundled catalogue with some unknown ones, e-mail addresses and lists of place names. The
pathological inputs repeat what once made a pattern search again from every start (an
unclosed `\\cite{`, `[@@@`, `Smith, Jones, ...` with no year...), at 24, 48 and 96 KB: their
times should grow in proportion.

Each input is timed in-process (finding the citations, then matching them to the bundled
catalogue) and as a whole `python -m coprocli refs FILE` process, printing the reference
list, and again with `--json` (every citation, in indented JSON). The command runs with the
garbage collector off; the in-process times include its collections.

Run: python benchmarks/bench_refs.py [--size-mb 20] [--runs 3] [--only NAME ...]
     [--src OTHER_CHECKOUT/src]   (time another tree)   [--timeout 120]
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from _data import SCRATCH

from coprocli.catalogue import load_catalogue

SRC = Path(__file__).resolve().parents[1] / "src"
SIZES_KB = (24, 48, 96)

#: Times the two in-process steps of `refs` on a file, in a child so any tree can be timed.
IN_PROCESS = """
import sys, time
from pathlib import Path
from coprocli import refs
from coprocli.catalogue import load_catalogue
text = Path(sys.argv[1]).read_text("utf-8")
entries = load_catalogue().entries
started = time.perf_counter()
citations = refs.find_citations(text)
found = time.perf_counter()
resolutions = refs.resolve(citations, entries)
list(refs.iter_problems(resolutions))
refs.cited_entries(resolutions)
print(len(citations), found - started, time.perf_counter() - found)
"""

# -- the report ---------------------------------------------------------------------------

#: The words of the prose around the citations.
VOCABULARY = """the of and to in a is that for on as with by are be this services people public
co-production commissioning outcomes local authority budgets evidence approach care community
design delivery users staff value model practice health social personal between across within
through research study report findings suggests shows argues however while further often
"""
WORDS = VOCABULARY.split()
UNKNOWN_KEYS = ("smith2020", "jones2018policy", "nokey2000")
MENTIONS = (
    ("Boyle and Harris", "2009"),
    ("Boyle et al.", "2010"),
    ("Needham & Carr", "2009"),
    ("Foot and Hopkins", "2010"),
    ("Slay", "2011a"),
    ("Slay", "2011b"),
    ("Ryan-Collins, Stephens and Coote", "2008"),
    ("O'Brien and Towell", "2011"),
    ("Smith", "2020"),
    ("van der Meer", "2001"),
)
PLACES = "Leeds, York, Hull, Bradford, Sheffield and Wakefield"


def _citation(rng: random.Random, keys: list[str]) -> str:
    """One citation in a syntax picked at random."""
    key = rng.choice(keys) if rng.random() < 0.95 else rng.choice(UNKNOWN_KEYS)
    other = rng.choice(keys)
    names, year = rng.choice(MENTIONS)
    forms: list[Callable[[], str]] = [
        lambda: f"[@{key}]",
        lambda: f"[see @{key}, p. {rng.randint(1, 300)}; @{other}]",
        lambda: f"@{key} argues",
        lambda: f"[-@{key}]",
        lambda: f"\\citep[p.~{rng.randint(1, 99)}]{{{key},{other}}}",
        lambda: f"\\textcite{{{key}}}",
        lambda: f"\\parencite*{{{key}}}",
        lambda: f"{names} ({year})",
        lambda: f"({names}, {year})",
        lambda: f"({names} {year}; Slay 2011)",
        lambda: f"(e.g., {names}, {year})",
    ]
    return rng.choice(forms)()


def _sentence(rng: random.Random, keys: list[str]) -> str:
    words = rng.choices(WORDS, k=rng.randint(8, 24))
    words[0] = words[0].capitalize()
    if rng.random() < 0.8:
        words.insert(rng.randint(1, len(words)), _citation(rng, keys))
    if rng.random() < 0.05:
        words.append(f"in {PLACES}")
    if rng.random() < 0.02:
        words.append("(write to team@example.org)")
    return " ".join(words) + "."


def report(size: int, seed: int = 7) -> str:
    """About `size` characters of report: headings and paragraphs of cited sentences."""
    rng = random.Random(seed)
    keys = [entry.key for entry in load_catalogue().entries]  # the bundled catalogue's
    parts: list[str] = []
    length = 0
    while length < size:
        if rng.random() < 0.1:
            part = f"## Section {len(parts)}\n"
        else:
            part = " ".join(_sentence(rng, keys) for _ in range(rng.randint(3, 7))) + "\n"
        parts.append(part + "\n")
        length += len(part) + 1
    return "".join(parts)


# -- the pathological inputs --------------------------------------------------------------

#: Text repeated to the size wanted; each made a pattern search again from every start.
REPEATED = {
    "unclosed \\cite{": "\\cite{ ",
    "unclosed \\cite[": "\\cite[ ",
    "unclosed @{": "@{ ",
    "names, no year": "Smith, ",
    "particles": "de ",
    "unclosed (2009,": "Smith (2009, ",
    "unclosed (year": "(2009 ",
    "long capital word": "A",
}


def pathological(name: str, size: int) -> str:
    """`size` characters of the input called `name`."""
    if name in REPEATED:
        unit = REPEATED[name]
        return (unit * (size // len(unit) + 1))[:size]
    if name == "\\cite[...] before no {":
        return "\\cite[ " * (size // 7) + "] x"
    if name == "[@@@ unclosed":
        return "[" + "@" * (size - 2) + "["
    if name == "[@{ @{ ...]":
        return "[" + "@{ " * (size // 3) + "]"
    if name == "spaces in a name":
        return "van" + " " * size + "Berg (2009)"
    raise KeyError(name)


PATHOLOGICAL = [
    *REPEATED,
    "\\cite[...] before no {",
    "[@@@ unclosed",
    "[@{ @{ ...]",
    "spaces in a name",
]

# -- timing -------------------------------------------------------------------------------


def _env(src: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(src)}


def _run(src: Path, command: list[str], timeout: float) -> subprocess.CompletedProcess[str] | None:
    """`command` run against the tree `src` (checked), None past the timeout."""
    try:
        result = subprocess.run(
            command, capture_output=True, text=True, env=_env(src), timeout=timeout
        )
    except subprocess.TimeoutExpired:
        return None
    _check(result)
    return result


def in_process(src: Path, path: Path, timeout: float) -> tuple[int, float, float] | None:
    """(citations, seconds finding, seconds matching), None past the timeout."""
    result = _run(src, [sys.executable, "-c", IN_PROCESS, str(path)], timeout)
    if result is None:
        return None
    count, finding, matching = result.stdout.split()
    return int(count), float(finding), float(matching)


def process(src: Path, path: Path, timeout: float, *options: str) -> float | None:
    """Wall time of `python -m coprocli refs FILE [OPTIONS]`, None past the timeout."""
    started = time.perf_counter()
    command = [sys.executable, "-m", "coprocli", "refs", str(path), *options]
    if _run(src, command, timeout) is None:
        return None
    return time.perf_counter() - started


def _check(result: subprocess.CompletedProcess[str]) -> None:
    """Stop with the end of what a failed run wrote on stderr."""
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(result.args[:3])}... failed:\n{result.stderr[-2000:]}")


def _seconds(value: float | None, timeout: float) -> str:
    return f">{timeout:.0f} s" if value is None else f"{value:.3f} s"


def measure(label: str, text: str, src: Path, runs: int, timeout: float) -> None:
    """Print the median in-process and whole-process times of `refs` on `text`."""
    path = SCRATCH / "refs" / f"{re.sub(r'[^a-z0-9]+', '-', label.lower())}-{len(text)}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    results = [in_process(src, path, timeout) for _ in range(runs)]
    finished = [result for result in results if result is not None]
    count = f"{finished[0][0]:,}" if finished else "?"
    finding = _median([result[1] if result else None for result in results])
    matching = _median([result[2] if result else None for result in results])
    wall, json = (
        _median([process(src, path, timeout, *options) for _ in range(runs)])
        for options in ((), ("--json",))
    )
    print(
        f"{label:<32} {len(text) / 1000:>7,.0f} KB {count:>8} cit."
        f"  find {_seconds(finding, timeout):>9}  match {_seconds(matching, timeout):>9}"
        f"  process {_seconds(wall, timeout):>9}  --json {_seconds(json, timeout):>9}",
        flush=True,
    )


def _median(times: list[float | None]) -> float | None:
    """The median, None if any run was stopped."""
    finished = [time for time in times if time is not None]
    return statistics.median(finished) if len(finished) == len(times) else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=float, default=20, help="size of the report")
    parser.add_argument("--runs", type=int, default=3, help="runs of each (the median)")
    parser.add_argument("--timeout", type=float, default=120, help="seconds before giving up")
    parser.add_argument("--only", nargs="*", help="only the report or these inputs")
    parser.add_argument("--src", type=Path, default=SRC, help="a src/ folder to time")
    options = parser.parse_args()
    if not (options.src / "coprocli").is_dir():
        parser.error(f"--src {options.src}: no coprocli package there")
    wanted = options.only
    if not wanted or "report" in wanted:
        text = report(int(options.size_mb * 1_000_000))
        measure("report", text, options.src, options.runs, options.timeout)
    for name in PATHOLOGICAL:
        if wanted and name not in wanted:
            continue
        for size in SIZES_KB:
            text = pathological(name, size * 1000)
            measure(name, text, options.src, options.runs, options.timeout)


if __name__ == "__main__":
    main()
