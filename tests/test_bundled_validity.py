"""The bundled catalogue is valid BibTeX for other tools too: pandoc and biber read it."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from coprocli.catalogue import bundled_path, load_catalogue


def pandoc() -> str:
    pypandoc = pytest.importorskip("pypandoc")
    return str(pypandoc.get_pandoc_path())


def test_bundled_catalogue_loads_without_any_warning() -> None:
    catalogue = load_catalogue(strict=True)
    assert len(catalogue) == 19


def test_pandoc_reads_every_entry_without_complaint() -> None:
    result = subprocess.run(
        [pandoc(), "-f", "biblatex", "-t", "csljson", str(bundled_path())],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert result.stderr == ""
    items = json.loads(result.stdout)
    assert [item["id"] for item in items] == [entry.key for entry in load_catalogue()]
    challenge = items[0]
    assert challenge["author"] == [
        {"family": "Boyle", "given": "David"},
        {"family": "Harris", "given": "Michael"},
    ]
    # pandoc writes English titles in sentence case for CSL; the words are what count.
    assert challenge["title"].casefold().startswith("the challenge of co-production")


@pytest.mark.skipif(shutil.which("biber") is None, reason="biber is not installed")
def test_biber_validates_the_data_model(tmp_path: Path) -> None:
    shutil.copy(bundled_path(), tmp_path / "resources.bib")
    result = subprocess.run(
        ["biber", "--tool", "--validate-datamodel", "resources.bib"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    errors = [line for line in result.stdout.splitlines() if "ERROR" in line]
    assert errors == []
