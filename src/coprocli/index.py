"""Fuzzy matching: suggestions for mistyped keys (the search index grows here).

The only module that imports rapidfuzz.
"""

from __future__ import annotations

from collections.abc import Iterable


def suggest_keys(key: str, keys: Iterable[str], *, limit: int = 3) -> list[str]:
    """The keys closest to a mistyped one, best first; empty when nothing is close."""
    from rapidfuzz import fuzz, process, utils

    candidates = list(keys)
    if not candidates:
        return []
    # WRatio weighs prefixes and partial matches: `boyle2090` -> `boyle2009challenge`.
    found = process.extract(
        key, candidates, scorer=fuzz.WRatio, processor=utils.default_process, limit=limit
    )
    if not found:
        return []
    best = found[0][1]
    return [choice for choice, score, _ in found if score >= max(60.0, best - 10)]
