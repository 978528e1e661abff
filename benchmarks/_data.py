"""Benchmark inputs: the large libraries of ../shared/data, unpacked to a scratch folder."""

from __future__ import annotations

import gzip
import random
import re
import shutil
import tempfile
from pathlib import Path

from coprocli import latex
from coprocli.model import Entry

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
SCRATCH = Path(tempfile.gettempdir()) / "copro-bench"


def library(name: str) -> Path:
    """Path of `name`.bib unpacked from ../shared/data (never into the project)."""
    target = SCRATCH / f"{name}.bib"
    if not target.exists():
        source = SHARED_DATA / f"{name}.bib.gz"
        if not source.exists():
            raise SystemExit(f"{source} not found: the benchmarks need ../shared/data.")
        SCRATCH.mkdir(parents=True, exist_ok=True)
        with gzip.open(source, "rb") as packed, target.open("wb") as out:
            shutil.copyfileobj(packed, out)
    return target


#: An entry's head and key (`@article{key,`); `@string{name = ...}` has no comma after a name.
_ENTRY_HEAD = re.compile(r"^(@(?!string)\w+\{)([^\s,={}]+),", re.MULTILINE | re.IGNORECASE)


def doubled(name: str) -> Path:
    """`name`.bib twice over (see `copies`): a 50k library gives 100k distinct entries."""
    return copies(name, 2)


def copies(name: str, count: int) -> Path:
    """`name`.bib `count` times over, in the scratch folder: copy N's keys get `-xN`, so
    all keys stay distinct (its `@string`s are defined again in each copy)."""
    target = SCRATCH / f"{name}_x{count}.bib"
    if not target.exists():
        text = library(name).read_text(encoding="utf-8")
        parts = [text] + [_ENTRY_HEAD.sub(rf"\1\2-x{n},", text) for n in range(2, count + 1)]
        partial = target.with_suffix(".partial")
        partial.write_text("\n".join(parts), encoding="utf-8")
        partial.replace(target)  # a run cut short leaves no half-written library
    return target


def _balanced(token: str) -> bool:
    """A title word that can move on its own: its braces open and close within it."""
    depth = 0
    for char in token:
        depth += (char == "{") - (char == "}")
        if depth < 0:
            return False
    return depth == 0


def perturbed_copies(entries: list[Entry], count: int, seed: int = 7) -> list[Entry]:
    """`count` copies of `entries`, as the synthetic files of ../shared/data are made: a
    new key (`<key>-copyN`), and a title with two words swapped and one word from another
    title added. The raw (LaTeX) title is changed and the decoded one derived from it, so
    search (decoded fields) and styles (raw title) see the same copy."""
    rng = random.Random(seed)
    donors = [
        token
        for entry in entries[:5000]
        for token in entry.raw.get("title", "").split()
        if _balanced(token)
    ] or ["copy"]
    copies: list[Entry] = []
    for number in range(count):
        entry = entries[number % len(entries)]
        words = entry.raw.get("title", entry.get("title")).split()
        movable = [index for index, word in enumerate(words) if _balanced(word)]
        if len(movable) >= 2:
            i, j = rng.sample(movable, 2)
            words[i], words[j] = words[j], words[i]
        words.insert(rng.randrange(len(words) + 1), rng.choice(donors))
        raw_title = " ".join(words)
        copies.append(
            entry.replaced(
                key=f"{entry.key}-copy{number}",
                fields={**entry.fields, "title": latex.decode(raw_title)},
                raw={**entry.raw, "title": raw_title},
            )
        )
    return copies


def synthetic_library(size: int, base: list[Entry]) -> list[Entry]:
    """The first `size` entries of `base`, topped up with perturbed copies of it."""
    if size <= len(base):
        return base[:size]
    return base + perturbed_copies(base, size - len(base))
