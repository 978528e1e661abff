"""`--copy`: HTML, RTF and text on the clipboard together, read back flavour by flavour
under a real X server (Xvfb) with xclip; and a clear error where no clipboard is reached."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from coprocli.clipboard import cf_html

from ..xdisplay import xvfb

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="X11 and Xvfb are Linux tools")


@pytest.fixture(scope="module")
def display(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A private X display, for the length of these tests."""
    if shutil.which("Xvfb") is None or shutil.which("xclip") is None:
        pytest.skip("Xvfb and xclip are not installed (apt-get install xvfb xclip)")
    pytest.importorskip("Xlib")
    with xvfb() as display:
        if display is None:
            pytest.skip("Xvfb did not start")
        yield display


def _copro(
    display: str, tmp_path: Path, *args: str, **env: str
) -> subprocess.CompletedProcess[str]:
    """copro in a process of its own on `display` ("": none), with no controlling terminal."""
    environment = {
        "PATH": os.environ["PATH"],
        "DISPLAY": display,
        "COPRO_CACHE_DIR": str(tmp_path / "cache"),
        **env,
    }
    return subprocess.run(
        [sys.executable, "-m", "coprocli", *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
        start_new_session=True,
    )


def _pasted(display: str, flavour: str) -> str:
    done = subprocess.run(
        ["xclip", "-o", "-selection", "clipboard", "-t", flavour],
        capture_output=True,
        env={**os.environ, "DISPLAY": display},
        timeout=10,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.decode()


def test_cite_copies_html_rtf_and_text(display: str, tmp_path: Path) -> None:
    done = _copro(display, tmp_path, "cite", "ryancollins2008new", "--style", "apa", "--copy")
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    assert done.stderr == "Copied to the clipboard: HTML, RTF and text on the X11 clipboard.\n"
    offered = _pasted(display, "TARGETS").split()
    assert {"text/html", "text/rtf", "UTF8_STRING"} <= set(offered)
    html = _pasted(display, "text/html")
    assert "<em>The new wealth of time: How timebanking helps" in html
    rtf = _pasted(display, "text/rtf")
    assert rtf.startswith("{\\rtf1") and "{\\i The new wealth of time" in rtf
    text = _pasted(display, "UTF8_STRING")
    assert text.startswith("Ryan-Collins, J., Stephens, L., & Coote, A. (2008). The new wealth")
    assert "<" not in text and "\\" not in text


def test_reading_list_copies_too(display: str, tmp_path: Path) -> None:
    done = _copro(display, tmp_path, "reading-list", "--section", "Practical tools", "--copy")
    assert done.returncode == 0, done.stderr
    html = _pasted(display, "text/html")
    assert "<em>" in html and "<ul>" in html  # titles in italics, annotation lists as lists
    rtf = _pasted(display, "text/rtf")
    assert "{\\i " in rtf
    assert "Practical tools" in _pasted(display, "UTF8_STRING")


def test_an_in_text_citation_is_a_whole_rtf_document(display: str, tmp_path: Path) -> None:
    done = _copro(display, tmp_path, "cite", "boyle2009challenge", "--in-text", "--copy")
    assert done.returncode == 0, done.stderr
    assert _pasted(display, "UTF8_STRING") == "(Boyle & Harris, 2009)"
    rtf = _pasted(display, "text/rtf")
    assert rtf.startswith("{\\rtf1") and "(Boyle & Harris, 2009)" in rtf


def test_a_large_list_goes_in_chunks(display: str, tmp_path: Path) -> None:
    """Over one request's worth (64 kB here), X11 data travels in chunks (INCR)."""
    library = tmp_path / "large.bib"
    library.write_text(
        "".join(
            f"@book{{b{n}, author = {{Author{n}, Ann}}, title = {{A long title number {n} "
            f"about co-production in public services and housing}}, year = {2000 + n % 20}, "
            f"publisher = {{Publisher {n}}}, url = {{https://example.org/{n}}}}}\n"
            for n in range(1500)
        ),
        "utf-8",
    )
    args = ("--bib", str(library), "--no-bundled", "cite", "--all")
    done = _copro(display, tmp_path, *args, "--copy")
    assert done.returncode == 0, done.stderr
    printed = _copro(display, tmp_path, *args).stdout
    assert len(printed.encode()) > 200_000
    assert _pasted(display, "UTF8_STRING") == printed.strip("\n")
    html = _pasted(display, "text/html")
    assert html.count('<p class="reference">') == 1500 and html.rstrip().endswith("</div>")


def test_no_clipboard_is_one_line_and_exit_1(tmp_path: Path) -> None:
    done = _copro("", tmp_path, "cite", "spice", "--copy")
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.startswith("Error: No clipboard to copy to: no display")
    assert len(done.stderr.strip().splitlines()) == 1


def test_a_display_that_is_not_there(tmp_path: Path) -> None:
    done = _copro(":77", tmp_path, "cite", "spice", "--copy")
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.startswith("Error: Cannot open the X display ':77'")
    assert len(done.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--output", "x.txt"], "--copy puts HTML, RTF and text"),
        (["--json"], "--copy puts HTML, RTF and text"),
        (["--format", "docx", "-o", "x.docx"], "--copy puts HTML, RTF and text"),
    ],
)
def test_copy_goes_with_no_other_output(tmp_path: Path, args: list[str], said: str) -> None:
    done = _copro(":77", tmp_path, "cite", "spice", "--copy", *args)
    assert done.returncode == 2 and said in done.stderr


def test_windows_html_format_offsets_point_at_the_fragment() -> None:
    data = cf_html("<em>Title</em> é")
    text = data.decode()
    start = int(text.split("StartFragment:")[1][:10])
    end = int(text.split("EndFragment:")[1][:10])
    assert data[start:end].decode() == "<em>Title</em> é"
    assert data[int(text.split("EndHTML:")[1][:10]) :] == b""


def test_refs_with_nothing_cited_copies_nothing_and_says_so(tmp_path: Path) -> None:
    report = tmp_path / "report.md"
    report.write_text("Nothing cited here, but [@nosuchkey].\n", "utf-8")
    done = _copro("", tmp_path, "refs", str(report), "--copy")
    assert done.returncode == 0 and done.stdout == ""
    assert done.stderr.endswith(f"{report}: no citation matched an entry; nothing was copied.\n")
    report.write_text("Nothing cited here.\n", "utf-8")
    done = _copro("", tmp_path, "refs", str(report), "--copy")
    assert done.returncode == 0 and done.stdout == ""
    assert done.stderr.startswith(f"{report}: no citation found (")
    assert done.stderr.endswith("); nothing was copied.\n")


def test_over_ssh_without_a_terminal_to_ask(tmp_path: Path) -> None:
    """Over SSH with no display, the text goes through the terminal (OSC 52); with no
    terminal either (no controlling tty here), one line and exit 1."""
    # (no controlling terminal: /dev/tty cannot be opened)
    done = _copro(
        "", tmp_path, "cite", "spice", "--copy", SSH_CONNECTION="10.0.0.1 5000 10.0.0.2 22"
    )
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.startswith("Error: No clipboard to copy to: no display, and no terminal")


def test_osc52_writes_the_text_to_the_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    import base64
    import io

    from coprocli import clipboard

    written = io.StringIO()

    class Terminal:
        def __enter__(self) -> io.StringIO:
            return written

        def __exit__(self, *args: object) -> None:
            return None

    monkeypatch.setattr(clipboard.Path, "open", lambda self, mode: Terminal())
    said = clipboard._osc52("Boyle, D. (2009). Café")
    assert "OSC 52" in said
    payload = written.getvalue()
    assert payload.startswith("\033]52;c;") and payload.endswith("\a")
    assert base64.b64decode(payload[7:-1]).decode() == "Boyle, D. (2009). Café"
