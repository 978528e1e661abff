"""`copro open KEY`: an entry's URL, else its DOI, in the browser (or printed)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from ..conftest import Runner, shell_script

LIBRARY = """
@article{doi-only, title = {By DOI}, doi = {https://dx.doi.org/10.1000/xyz}}
@misc{unsafe, title = {Script}, url = {javascript:alert(1)}, doi = {10.1000/safe}}
@misc{nothing, title = {No link}}
"""


def _library(tmp_path: Path) -> str:
    path = tmp_path / "links.bib"
    path.write_text(LIBRARY, "utf-8")
    return str(path)


def test_print_gives_the_url_else_the_doi(copro: Runner, tmp_path: Path) -> None:
    assert copro("open", "boyle2009challenge", "--print").stdout == (
        "http://b.3cdn.net/nefoundation/312ac8ce93a00d5973_3im6i6t0e.pdf\n"
    )
    library = _library(tmp_path)
    assert copro("--bib", library, "open", "doi-only", "--print").stdout == (
        "https://doi.org/10.1000/xyz\n"
    )
    # a javascript: URL is never opened: the DOI is
    assert copro("--bib", library, "open", "unsafe", "--print").stdout == (
        "https://doi.org/10.1000/safe\n"
    )


def test_no_link_and_unknown_keys_are_one_line(copro: Runner, tmp_path: Path) -> None:
    result = copro("--bib", _library(tmp_path), "open", "nothing")
    assert result.code == 1 and result.stdout == ""
    assert result.stderr == "Error: nothing has no URL or DOI to open; 'copro show nothing'.\n"
    unknown = copro("open", "nokey")
    assert unknown.code == 1 and "Unknown key 'nokey'" in unknown.stderr


def test_open_hands_the_link_to_the_browser(tmp_path: Path) -> None:
    """Python's webbrowser runs the command in BROWSER: here one that notes what it got."""
    noted = tmp_path / "opened.txt"
    browser = shell_script(tmp_path / "browser", f'printf "%s" "$1" > {noted}')
    environment = {
        "PATH": os.environ["PATH"],
        "BROWSER": str(browser),
        "COPRO_CACHE_DIR": str(tmp_path / "cache"),
    }
    done = subprocess.run(
        [sys.executable, "-m", "coprocli", "open", "spice"],
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == "Opened http://www.justaddspice.org/\n"
    assert noted.read_text("utf-8") == "http://www.justaddspice.org/"
