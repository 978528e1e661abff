"""Benchmark inputs: the large libraries of ../shared/data, unpacked to a scratch folder."""

from __future__ import annotations

import gzip
import shutil
import tempfile
from pathlib import Path

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
