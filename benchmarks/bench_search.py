"""How long building the search index and answering queries take, on 10k and 100k entries.

The libraries are real-world entries from ../shared/data/synth_50k.bib.gz: the first 10,000,
all 50,000, and for 100,000 perturbed copies of them (a new key, a title with two words
swapped and one word taken from another title).

Times are of the first run of each query (nothing cached but the imports), with the
snippet a listing shows of each hit; the repeat column is the best of three further runs.
Sizes on the command line, -v for each query.

Run: python benchmarks/bench_search.py [10000 100000 ...] [-v]
"""

from __future__ import annotations

import statistics
import sys
import time

from _data import library, synthetic_library

from coprocli.bibparse import load_file
from coprocli.index import SearchIndex
from coprocli.model import Entry

#: Varied queries: single words, typos, phrases, field terms, multi-word, OR, exclusion.
QUERIES = [
    "ocean",
    "fisheries management",
    "climate change impacts",
    "fishereis",
    "temperture",
    "superconductivity",
    "topologicl insulator",
    '"marine protected areas"',
    "author:zhang",
    "author:smith year:2015..2018",
    "title:policy",
    "salmon OR trout",
    "fish -salmon",
    "behaviour",
    "behavior model",
    "phytoplankton bloom",
    "quantum",
    "sea ice",
    "type:article nutrient",
    "acidificaton ocean",
    # the kinds of query of the ranking rules: surnames and years, numbers, derived forms
    "smith 2015",
    "jones",
    "2014",
    "upwelling",
    "ecology partition",
    "more 2016",
    "seasonality",
]


def shown(index: SearchIndex, query: str) -> list[object]:
    """The top 20 hits with the snippet a listing shows of each (the best match): what
    `copro search` works out, since a hit's matches are cut only when asked for."""
    hits = index.search(query, limit=20)
    return [(hit, hit.best_match()) for hit in hits]


def measure(entries: list[Entry]) -> tuple[float, list[float], list[float], int]:
    """Build time (s); per-query times (ms) of the first run of each query and of the
    best of three further runs; total hits."""
    started = time.perf_counter()
    index = SearchIndex.build(entries)
    build = time.perf_counter() - started
    index.search("warm up the imports", limit=20)
    first: list[float] = []
    again: list[float] = []
    hits = 0
    for query in QUERIES:
        started = time.perf_counter()
        hits += len(shown(index, query))
        first.append((time.perf_counter() - started) * 1000)
        runs = []
        for _ in range(3):
            started = time.perf_counter()
            shown(index, query)
            runs.append((time.perf_counter() - started) * 1000)
        again.append(min(runs))
    return build, first, again, hits


def main(sizes: list[int]) -> None:
    base, _ = load_file(library("synth_50k"))
    print(
        f"{'entries':>8}  {'build s':>8}  {'median ms':>9}  {'p90 ms':>7}  {'p95 ms':>7}  "
        f"{'max ms':>7}  "
        f"{'repeat median ms':>16}  hits"
    )
    for size in sizes or [10_000, 100_000]:
        entries = synthetic_library(size, base)
        build, first, again, hits = measure(entries)
        p90 = statistics.quantiles(first, n=10)[-1]
        p95 = statistics.quantiles(first, n=20)[-1]
        print(
            f"{len(entries):>8,}  {build:>8.2f}  {statistics.median(first):>9.1f}  "
            f"{p90:>7.1f}  {p95:>7.1f}  {max(first):>7.1f}  "
            f"{statistics.median(again):>16.1f}  {hits}"
        )
    if "-v" in sys.argv:
        for query, spent in zip(QUERIES, first, strict=True):
            print(f"  {spent:7.1f} ms  {query}")


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:] if arg.isdigit()])
