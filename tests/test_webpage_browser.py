"""`copro reading-list --web` in a real browser: Chromium with a window on Xvfb (headless
where there is no X server), driven by Selenium. The page is opened from disk;
the tests type into it, filter, switch styles, copy and read the X clipboard back, print,
and check after each test that nothing was fetched from the network and that nothing
broke the Content-Security-Policy. Screenshots are kept in build/test-artifacts/.

Without Chromium, chromedriver or Selenium these tests skip; with COPRO_REQUIRE_BROWSER=1
(as in CI) they fail instead, and so does a missing Xvfb or xclip.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, NoReturn

import pytest

from coprocli.backends import get_backend
from coprocli.catalogue import load_catalogue
from coprocli.readinglist import formatted_references
from coprocli.styles import STYLE_NAMES

from .conftest import FIXTURES
from .xdisplay import xvfb

REQUIRED = os.environ.get("COPRO_REQUIRE_BROWSER") == "1"
ARTIFACTS = Path(__file__).resolve().parents[1] / "build" / "test-artifacts"
BUNDLED = load_catalogue([], bundled=True).entries
SECTIONS = ["Introductory reading", "Practical tools", "Websites and short films"]
WINDOW = (1200, 1400)


def _unavailable(reason: str) -> NoReturn:
    if REQUIRED:
        pytest.fail(f"{reason}; COPRO_REQUIRE_BROWSER=1 requires it")
    pytest.skip(reason)


@dataclass
class Browser:
    driver: Any  # selenium.webdriver.Chrome
    display: str | None  # the X display whose clipboard the browser uses; None: headless

    def open(self, page: Path, fragment: str = "") -> None:
        """Load `page` afresh (a new document even when only the fragment differs)."""
        self.driver.get("about:blank")
        self.driver.get(page.as_uri() + fragment)

    def run(self, script: str, *arguments: Any) -> Any:
        return self.driver.execute_script(script, *arguments)

    def requests(self) -> list[str]:
        """The URLs the page has asked for since the last call."""
        urls = []
        for record in self.driver.get_log("performance"):
            message = json.loads(record["message"])["message"]
            if message["method"] == "Network.requestWillBeSent":
                urls.append(message["params"]["request"]["url"])
        return urls

    def errors(self) -> list[str]:
        """Console errors since the last call (a CSP violation is one)."""
        return [
            record["message"]
            for record in self.driver.get_log("browser")
            if record["level"] == "SEVERE"
        ]

    def shown(self) -> list[int]:
        """The entry numbers (`data-i`) of the entries on show, in order."""
        shown: list[int] = self.run(
            "return [...document.querySelectorAll('article.entry')]"
            ".filter(a => a.checkVisibility()).map(a => Number(a.dataset.i))"
        )
        return shown

    def text(self, element_id: str) -> str:
        return str(self.run("return document.getElementById(arguments[0]).textContent", element_id))

    def media(self, media: str = "", **features: str) -> None:
        """Emulate a CSS media type and features (`prefers_color_scheme="dark"`); no
        arguments: the real ones."""
        self.driver.execute_cdp_cmd(
            "Emulation.setEmulatedMedia",
            {
                "media": media,
                "features": [
                    {"name": name.replace("_", "-"), "value": value}
                    for name, value in features.items()
                ],
            },
        )

    def wait(self, condition: str, *arguments: Any) -> None:
        """Wait (at most 5 s) until the script `condition` returns true."""
        from selenium.webdriver.support.ui import WebDriverWait

        WebDriverWait(self.driver, 5).until(
            lambda driver: driver.execute_script(condition, *arguments)
        )


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """One Chromium for the module: under Xvfb where xclip can read its clipboard back,
    else headless."""
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        _unavailable("selenium is not installed (pip install -e '.[test]')")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    chromedriver = shutil.which("chromedriver")
    if chromium is None or chromedriver is None:
        _unavailable("Chromium is not installed (apt-get install chromium chromium-driver)")
    with ExitStack() as stack:
        display = None
        if shutil.which("xclip") is not None and sys.platform == "linux":
            display = stack.enter_context(xvfb("-screen", "0", "1600x1600x24"))
        if display is None and REQUIRED:
            pytest.fail(
                "Xvfb and xclip are needed to read the clipboard back (apt-get install xvfb xclip)"
            )
        options = webdriver.ChromeOptions()
        options.binary_location = chromium
        for argument in (
            "--no-sandbox",  # CI runs as root
            "--disable-dev-shm-usage",
            f"--window-size={WINDOW[0]},{WINDOW[1]}",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-default-apps",
            "--disable-sync",
            f"--user-data-dir={stack.enter_context(tempfile.TemporaryDirectory())}",
        ):
            options.add_argument(argument)
        if display is None:
            options.add_argument("--headless=new")
        options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
        environment = {**os.environ, "DISPLAY": display or ""}
        driver = webdriver.Chrome(service=Service(chromedriver, env=environment), options=options)
        stack.callback(driver.quit)
        yield Browser(driver, display)


@pytest.fixture(autouse=True)
def offline_and_within_policy(browser: Browser) -> Iterator[None]:
    """After every test: the page fetched nothing but itself, and the console holds no
    error (a blocked script or style would be one)."""
    browser.requests()  # what an earlier test left
    browser.errors()
    yield
    browser.media()
    outside = [url for url in browser.requests() if not url.startswith(("file:", "about:"))]
    assert outside == [], f"the page fetched {outside}"
    assert browser.errors() == []


def _copro(*arguments: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "coprocli", *arguments],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module")
def bundled_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled catalogue's page, made by the command as a user makes it."""
    page = tmp_path_factory.mktemp("web") / "core-co-pro-papers.html"
    _copro(
        "reading-list", "--web", "--title", "Core co-pro papers",
        "--intro", "An annotated reading list on co-production in public services.",
        "--output", str(page),
    )  # fmt: skip
    return page


@pytest.fixture(scope="module")
def injection_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    page = tmp_path_factory.mktemp("web") / "injection.html"
    _copro(
        "--no-bundled", "--bib", str(FIXTURES / "injection.bib"), "--quiet",
        "reading-list", "--web", "--title", "<script>window.pwned=1</script>",
        "--intro", '"><img src=x onerror=window.pwned=1>', "--output", str(page),
    )  # fmt: skip
    return page


class _Canonical(HTMLParser):
    """Markup as a list of tags (without classes) and text, to compare what the browser
    serialises with what the HTML backend writes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[Any] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "meta":
            self.parts.append((tag, sorted((k, v) for k, v in attrs if k != "class")))

    def handle_endtag(self, tag: str) -> None:
        self.parts.append(f"/{tag}")

    def handle_data(self, data: str) -> None:
        if self.parts and isinstance(self.parts[-1], str) and not self.parts[-1].startswith("/"):
            self.parts[-1] += data
        else:
            self.parts.append(data)


def canonical(markup: str) -> list[Any]:
    parser = _Canonical()
    parser.feed(markup)
    parser.close()
    return parser.parts


def _expected(style: str, backend: str = "html") -> list[str]:
    references = formatted_references(BUNDLED, style)
    return [get_backend(backend).render(references[entry.key]) for entry in BUNDLED]


# -- the acceptance: the bundled catalogue's page -----------------------------------------


def test_the_bundled_page_has_three_sections_of_19_entries(
    browser: Browser, bundled_page: Path
) -> None:
    browser.open(bundled_page)
    assert bundled_page.as_uri() in browser.requests()  # the one request: the page itself
    assert browser.run("return document.querySelector('.controls').checkVisibility()")
    headings = browser.run(
        "return [...document.querySelectorAll('main h2')].map(h => h.textContent)"
    )
    assert headings == SECTIONS
    assert browser.shown() == list(range(19))
    assert browser.text("count") == "All 19 entries"
    contents = browser.run(
        "return [...document.querySelectorAll('nav.contents li')].map(li => li.textContent)"
    )
    assert contents == [
        "Introductory reading (12)",
        "Practical tools (3)",
        "Websites and short films (4)",
    ]
    assert browser.run("return document.querySelectorAll('article button.copy').length") == 19


def test_search_filters_as_you_type(browser: Browser, bundled_page: Path) -> None:
    from selenium.webdriver.common.by import By

    browser.open(bundled_page)
    search = browser.driver.find_element(By.ID, "q")
    counts = []
    for letter in "timebank":
        search.send_keys(letter)
        counts.append(len(browser.shown()))
    assert counts[-1] == 2 and counts == sorted(counts, reverse=True)
    keys = [BUNDLED[n].key for n in browser.shown()]
    assert keys == ["ryancollins2008new", "spice"]
    assert browser.text("count") == "2 of 19 entries"
    assert browser.run(
        "return [...document.querySelectorAll('nav.contents li')].filter(li => !li.hidden)"
        ".map(li => li.textContent)"
    ) == ["Introductory reading (1)", "Websites and short films (1)"]
    browser.wait("return location.hash === '#q=timebank'")
    # Case, accents and word order do not count; every word must match.
    for query, expected in (
        ("TIMEBÄNK", ["ryancollins2008new", "spice"]),
        ("public  BOYLE", None),
        ("boyle public", None),
        ("timebank zebra", []),
    ):
        browser.run(
            "const q = document.getElementById('q'); q.value = arguments[0];"
            "q.dispatchEvent(new Event('input'))",
            query,
        )
        keys = [BUNDLED[n].key for n in browser.shown()]
        if expected is not None:
            assert keys == expected, query
        else:
            assert keys and all(key.startswith("boyle") for key in keys), query
    assert browser.run("return document.querySelector('p.empty').checkVisibility()")
    assert browser.text("count") == "0 of 19 entries"
    search.send_keys("\ue00c")  # Escape clears the box
    assert browser.shown() == list(range(19))


def test_section_and_keyword_filters_and_a_shared_view(
    browser: Browser, bundled_page: Path
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    browser.open(bundled_page)
    Select(browser.driver.find_element(By.ID, "section")).select_by_value("Practical tools")
    assert [BUNDLED[n].section for n in browser.shown()] == ["Practical tools"] * 3
    Select(browser.driver.find_element(By.ID, "keyword")).select_by_value("timebanking")
    assert browser.shown() == [] and browser.text("count") == "0 of 19 entries"
    Select(browser.driver.find_element(By.ID, "section")).select_by_value("")
    assert [BUNDLED[n].key for n in browser.shown()] == ["ryancollins2008new", "spice"]
    Select(browser.driver.find_element(By.ID, "style")).select_by_value("apa")
    browser.driver.find_element(By.ID, "q").send_keys("wealth")
    browser.wait("return location.hash.includes('q=wealth')")
    shared = browser.driver.current_url
    assert shared.endswith("#q=wealth&keyword=timebanking&style=apa")
    # Whoever opens the link sees the same view.
    browser.driver.get("about:blank")
    browser.driver.get(shared)
    assert [BUNDLED[n].key for n in browser.shown()] == ["ryancollins2008new"]
    assert browser.run(
        "return ['q', 'section', 'keyword', 'style'].map(id => document.getElementById(id).value)"
    ) == ["wealth", "", "timebanking", "apa"]
    assert browser.text("r0").startswith("Boyle, D., & Harris, M. (2009).")  # APA
    # Clearing the filters keeps the style, and a heading's link still jumps to it.
    browser.driver.find_element(By.ID, "clear").click()
    assert browser.shown() == list(range(19))
    browser.wait("return location.hash === '#style=apa'")
    browser.driver.find_element(By.LINK_TEXT, "Practical tools").click()
    assert browser.run("return location.hash") == "#practical-tools"
    assert browser.shown() == list(range(19))


def test_every_style_shows_what_copro_writes(browser: Browser, bundled_page: Path) -> None:
    """The page starts in Harvard; each style switched to (and Harvard switched back to)
    shows each reference exactly as the HTML backend renders it (`copro cite -f html`)."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    browser.open(bundled_page)
    choice = Select(browser.driver.find_element(By.ID, "style"))
    assert choice.first_selected_option.get_attribute("value") == "harvard"
    for style in ["harvard", *STYLE_NAMES, "harvard"]:
        choice.select_by_value(style)
        shown = browser.run(
            "return [...document.querySelectorAll('p.reference')].map(p => p.innerHTML)"
        )
        assert [canonical(html) for html in shown] == [canonical(html) for html in _expected(style)]


# -- copying --------------------------------------------------------------------------------


def _pasted(browser: Browser, flavour: str) -> str:
    done = subprocess.run(
        ["xclip", "-o", "-selection", "clipboard", "-t", flavour],
        capture_output=True,
        env={**os.environ, "DISPLAY": str(browser.display)},
        timeout=10,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.decode()


def test_copy_puts_the_harvard_reference_with_an_italic_title_on_the_clipboard(
    browser: Browser, bundled_page: Path
) -> None:
    from selenium.webdriver.common.by import By

    if browser.display is None:
        _unavailable("reading the clipboard back needs Xvfb and xclip (apt-get install xvfb xclip)")
    browser.open(bundled_page, "#q=timebank")
    [first, _] = [
        button
        for button in browser.driver.find_elements(By.CSS_SELECTOR, "button.copy")
        if button.is_displayed()
    ]
    first.click()
    browser.wait("return document.getElementById('announce').textContent !== ''")
    assert browser.text("announce") == "Copied the reference to the clipboard."
    assert first.text == "Copied"
    number = BUNDLED.index(next(e for e in BUNDLED if e.key == "ryancollins2008new"))
    html = _pasted(browser, "text/html")
    assert (
        "<em>The new wealth of time: How timebanking helps people build better public services</em>"
        in html
    )
    assert re.sub(r"^<meta[^>]*>", "", html).startswith(
        "Ryan-Collins, J., Stephens, L. and Coote, A. (2008) <em>"
    )
    assert canonical(html) == canonical(_expected("harvard")[number])
    # The text flavour is copro's plain text, as `copro cite --format text` prints it.
    assert _pasted(browser, "UTF8_STRING") == _expected("harvard", "text")[number]

    browser.driver.find_element(By.ID, "copy-all").click()
    browser.wait("return document.getElementById('announce').textContent.includes('2 references')")
    numbers = [BUNDLED.index(e) for e in BUNDLED if e.key in ("ryancollins2008new", "spice")]
    html = _pasted(browser, "text/html")
    assert html.count("<p ") == 2 and "<em>Spice</em>" in html
    text = _pasted(browser, "UTF8_STRING")
    assert text == "\n\n".join(_expected("harvard", "text")[n] for n in numbers)


# -- keyboard, colours, motion, print ---------------------------------------------------------


def _focused(browser: Browser) -> str:
    name: str = browser.run(
        "const e = document.activeElement;"
        "return e.id || (e.closest('nav') ? 'toc:' + e.getAttribute('href') : '')"
        " || e.className || e.tagName"
    )
    return name


def test_keyboard_only(browser: Browser, bundled_page: Path) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    browser.open(bundled_page)
    keys = ActionChains(browser.driver)

    def press(*sequence: str) -> str:
        for key in sequence:
            keys.send_keys(key).perform()
        return _focused(browser)

    stops = [press(Keys.TAB) for _ in range(10)]
    assert stops == [
        "skip", "q", "section", "keyword", "style", "copy-all", "clear",
        "toc:#introductory-reading", "toc:#practical-tools", "toc:#websites-and-short-films",
    ]  # fmt: skip
    # Focus is visible on every control.
    outline = "const s = getComputedStyle(document.activeElement); return [s.outlineStyle,"
    assert browser.run(outline + " s.outlineWidth]") == ["solid", "3px"]
    # The search box, reached and used by keys alone.
    browser.open(bundled_page)
    assert press(Keys.TAB, Keys.TAB) == "q"
    keys.send_keys("timebank").perform()
    assert len(browser.shown()) == 2
    # Tab on to the first reference's link and its copy button; Enter copies.
    for _ in range(20):
        if press(Keys.TAB) == "copy":
            break
    first = browser.shown()[0]  # in the catalogue's order, the nth article is entry n
    assert browser.run("return document.activeElement.getAttribute('aria-describedby')") == (
        f"r{first}"
    )
    press(Keys.ENTER)
    if browser.display is not None:
        browser.wait("return document.getElementById('announce').textContent !== ''")
        assert "Copied" in browser.text("announce")
    # The skip link takes focus to the list.
    browser.open(bundled_page)
    assert press(Keys.TAB, Keys.ENTER) == "list"


def _luminance(colour: str) -> float:
    red, green, blue = (int(n) / 255 for n in re.findall(r"\d+", colour)[:3])
    linear = [
        c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (red, green, blue)
    ]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(foreground: str, background: str) -> float:
    light, dark = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


#: Text and the background it stands on: selector of the text, selector of the background.
PAIRS = [
    ("body", "html"),
    ("p.reference", "html"),
    ("p.reference a", "html"),
    (".hint", "html"),
    ("nav .count", "html"),
    (".annotation p", ".annotation"),
    ("button.copy", "button.copy"),
    ("#q", "#q"),
    ("footer", "html"),
]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_colours_meet_wcag_aa_and_screenshots(
    browser: Browser, bundled_page: Path, scheme: str
) -> None:
    browser.media(prefers_color_scheme=scheme)
    browser.open(bundled_page)
    background = browser.run("return getComputedStyle(document.documentElement).backgroundColor")
    assert background == ("rgb(255, 255, 255)" if scheme == "light" else "rgb(21, 23, 26)")
    for text, under in PAIRS:
        colours = browser.run(
            "const style = selector => getComputedStyle(document.querySelector(selector));"
            "return [style(arguments[0]).color, style(arguments[1]).backgroundColor]",
            text,
            under,
        )
        assert _contrast(*colours) >= 4.5, (scheme, text, colours)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    browser.driver.save_screenshot(str(ARTIFACTS / f"webpage-{scheme}.png"))
    browser.open(bundled_page, "#q=timebank&style=apa")
    browser.driver.save_screenshot(str(ARTIFACTS / f"webpage-{scheme}-timebank-apa.png"))


def test_reduced_motion_is_respected(browser: Browser, bundled_page: Path) -> None:
    browser.open(bundled_page)
    for preference, scrolling, transition in (
        ("no-preference", "smooth", "0.2s"),
        ("reduce", "auto", "0s"),
    ):
        browser.media(prefers_reduced_motion=preference)
        assert browser.run(
            "return [getComputedStyle(document.documentElement).scrollBehavior,"
            " getComputedStyle(document.querySelector('button')).transitionDuration]"
        ) == [scrolling, transition]


def test_print_shows_every_entry_and_no_control(browser: Browser, bundled_page: Path) -> None:
    browser.open(bundled_page, "#q=timebank")
    assert len(browser.shown()) == 2
    browser.media("print")
    assert browser.shown() == list(range(19))
    assert (
        browser.run(
            "return [...document.querySelectorAll('.controls, button, .skip')]"
            ".filter(e => e.checkVisibility()).length"
        )
        == 0
    )
    # A link whose text is not its URL gets the URL written after it; one that shows its
    # URL does not.
    after = browser.run(
        "const a = document.createElement('a'); a.href = 'https://example.org/page';"
        "a.textContent = 'page'; document.querySelector('p.reference').append(a);"
        "const url = document.querySelector('p.reference a.url');"
        "return [getComputedStyle(a, '::after').content, getComputedStyle(url, '::after').content]"
    )
    assert after == ['" <https://example.org/page>"', "none"]


# -- hostile catalogue text ---------------------------------------------------------------------


def test_the_injection_fixture_runs_no_script(browser: Browser, injection_page: Path) -> None:
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    browser.open(injection_page)

    def nothing_ran() -> None:
        with pytest.raises(NoAlertPresentException):
            browser.driver.switch_to.alert.text  # noqa: B018
        assert browser.run("return window.pwned") is None
        assert (
            browser.run(
                "return document.querySelectorAll('img, svg, iframe, object, embed').length"
            )
            == 0
        )
        assert browser.run("return document.scripts.length") == 2
        unsafe = browser.run(
            "return [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))"
            ".filter(h => !h.startsWith('#') && !h.startsWith('http'))"
        )
        assert unsafe == []

    nothing_ran()
    assert (
        browser.run("return document.querySelector('h1').textContent")
        == "<script>window.pwned=1</script>"
    )
    references = browser.run(
        "return [...document.querySelectorAll('p.reference')].map(p => p.textContent)"
    )
    assert (
        '<Script>window.pwned=1</script> timebanking "><img src=x onerror=window.pwned=1>'
        in references[0]
    )
    assert "Available at: javascript:alert(1)." in references[0]
    annotations = browser.run(
        "return [...document.querySelectorAll('.annotation')].map(a => a.textContent)"
    )
    assert '"><img src=x onerror="window.pwned=1">' in annotations[0]
    assert '<a href="javascript:alert(1)">click me</a>' in annotations[2]
    # The same text through the data: every style, the filters and the shared view.
    for style in STYLE_NAMES:
        Select(browser.driver.find_element(By.ID, "style")).select_by_value(style)
        nothing_ran()
        text = browser.run("return document.querySelector('p.reference').textContent")
        assert "window.pwned=1</script>" in text, style
    Select(browser.driver.find_element(By.ID, "section")).select_by_value(
        '"><svg onload=window.pwned=1> Section'
    )
    Select(browser.driver.find_element(By.ID, "keyword")).select_by_value(
        "<img src=x onerror=window.pwned=1>"
    )
    browser.driver.find_element(By.ID, "q").send_keys("<script>")
    assert browser.shown() == [0]
    browser.wait("return location.hash.includes('section=')")
    shared = browser.driver.current_url
    browser.driver.get("about:blank")
    browser.driver.get(shared)
    assert browser.shown() == [0]
    nothing_ran()
