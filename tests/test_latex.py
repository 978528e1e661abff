"""LaTeX decoding of BibTeX field values: `decode`, `decode_protected`, `unescape_verbatim`."""

from __future__ import annotations

import itertools
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coprocli.latex import decode, decode_protected, unescape_verbatim

ACCENTS = [
    # Every notation of the same umlaut.
    (r"\"o", "ö"),
    (r"{\"o}", "ö"),
    (r"\"{o}", "ö"),
    (r"{\"{o}}", "ö"),
    (r"\" o", "ö"),
    (r"\"O", "Ö"),
    (r"\'e", "é"),
    (r"\'{e}", "é"),
    (r"{\'E}mile", "Émile"),
    (r"\'{\i}", "í"),
    (r"\'\i", "í"),
    (r"\"\i", "ï"),
    (r"\`a", "à"),
    (r"\`{a}", "à"),
    (r"\^o", "ô"),
    (r"\^{o}", "ô"),
    (r"\~n", "ñ"),
    (r"Ma{\~n}ana", "Mañana"),
    (r"\=a", "ā"),
    (r"\.z", "ż"),
    (r"\.{Z}", "Ż"),
    (r"\u{g}", "ğ"),
    (r"\u g", "ğ"),
    (r"\v{s}", "š"),
    (r"\v s", "š"),
    (r"\v{C}ech", "Čech"),
    (r"{\v{C}}ech", "Čech"),
    (r"\H{o}", "ő"),
    (r"\H o", "ő"),
    (r"\c{c}", "ç"),
    (r"\c c", "ç"),
    (r"Fran\c{c}ois", "François"),
    (r"\k{a}", "ą"),
    (r"\k a", "ą"),
    (r"\r{a}", "å"),
    (r"\r a", "å"),
    (r"\d{x}", "x\u0323"),
    (r"\d{s}", "ṣ"),
    (r"\b{x}", "x\u0331"),
    (r"\b{b}", "ḇ"),
    (r"\t{oo}", "o\u0361o"),
    (r"na\"ive caf\'es", "naïve cafés"),
    (r"G\"{o}del", "Gödel"),
    (r"Jos\'{e}", "José"),
    (r"Jes{\'{u}}s", "Jesús"),
    (r"K{\'{a}}lm{\'{a}}n K{\'{e}}pes", "Kálmán Képes"),
    (r"{\~ Z}elly", "Z\u0303elly"),
    (r"{\~{Z}}elly", "Z\u0303elly"),
    # Stacked accents keep their order.
    (r"\'{\"u}", "ǘ"),
    # Accents without a letter print the accent itself; `\~{}` is TeX's tilde.
    (r"\~{}", "~"),
    (r"\^{}", "^"),
    (r"\'{}", "´"),
    (r"http://x.org/\~{}me", "http://x.org/~me"),
]


@pytest.mark.parametrize(("raw", "expected"), ACCENTS)
def test_accents(raw: str, expected: str) -> None:
    assert decode(raw) == expected


@pytest.mark.parametrize(("raw", "_expected"), ACCENTS)
def test_accents_are_nfc(raw: str, _expected: str) -> None:
    out = decode(raw)
    assert unicodedata.is_normalized("NFC", out)


SPECIAL_LETTERS = [
    (r"\o", "ø"),
    (r"\O", "Ø"),
    (r"\ae", "æ"),
    (r"\AE", "Æ"),
    (r"\oe", "œ"),
    (r"\OE", "Œ"),
    (r"\aa", "å"),
    (r"\AA", "Å"),
    (r"\ss", "ß"),
    (r"\l", "ł"),
    (r"\L", "Ł"),
    (r"\i", "ı"),
    (r"\j", "ȷ"),
    (r"\dh", "ð"),
    (r"\DH", "Ð"),
    (r"\th", "þ"),
    (r"\TH", "Þ"),
    (r"\ng", "ŋ"),
    (r"\NG", "Ŋ"),
    (r"\dj", "đ"),
    (r"\DJ", "Đ"),
    # The space or `{}` after the command is eaten, as TeX does.
    (r"\o{}re", "øre"),
    (r"{\o}re", "øre"),
    (r"\o re", "øre"),
    (r"Stra\ss e", "Straße"),
    (r"\ss{} und", "ß und"),
    (r"{\ss} und", "ß und"),
    (r"{\AE}sthetics of {\o}re", "Æsthetics of øre"),
    (r"H{\aa}kan", "Håkan"),
    (r"{\O}ie", "Øie"),
    (r"Prei{\ss}inger", "Preißinger"),
    (r"\L{}\'od\'z", "Łódź"),
]


@pytest.mark.parametrize(("raw", "expected"), SPECIAL_LETTERS)
def test_special_letters(raw: str, expected: str) -> None:
    assert decode(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (r"50\%", "50%"),
        (r"Smith \& Sons", "Smith & Sons"),
        (r"\$5", "$5"),
        (r"\#1", "#1"),
        (r"snake\_case", "snake_case"),
        (r"\{braces\}", "{braces}"),
        (r"Percent 50\% and ampersand \& underscore", "Percent 50% and ampersand & underscore"),
    ],
)
def test_escaped_specials(raw: str, expected: str) -> None:
    assert decode(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("pages 1--10", "pages 1–10"),
        ("yes---no", "yes—no"),
        ("well-known", "well-known"),
        ("a----b", "a—-b"),
        ("plant--pollinator--herbivore", "plant–pollinator–herbivore"),
        ("Dr.~Who", "Dr.\u00a0Who"),
        ("``quoted''", "“quoted”"),
        ("`single'", "‘single’"),
        ("it's", "it's"),
        ("O'Brien's ``best''", "O'Brien's “best”"),
    ],
)
def test_dashes_ties_and_quotes(raw: str, expected: str) -> None:
    assert decode(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (r"\textendash", "–"),
        (r"\textemdash", "—"),
        (r"\textquoteleft x\textquoteright", "‘x’"),
        (r"\textquotedblleft x\textquotedblright", "“x”"),
        (r"and so on\ldots", "and so on…"),
        (r"\dots", "…"),
        (r"\textellipsis", "…"),
        (r"\S 3", "§3"),
        (r"\P", "¶"),
        (r"\pounds 5", "£5"),
        (r"\euro{}5", "€5"),
        (r"\texteuro", "€"),
        (r"\copyright{} 2020", "© 2020"),
        (r"\textcopyright", "©"),
        (r"ACME\textregistered", "ACME®"),
        (r"ACME\texttrademark", "ACME™"),
        (r"20\textdegree C", "20°C"),
        (r"a\textbackslash b", "a\\b"),
        (r"\textasciitilde", "~"),
        (r"\textasciicircum", "^"),
        (r"\textunderscore", "_"),
        (r"\textbar", "|"),
        (r"\textless x\textgreater", "<x>"),
        (r"\textbullet", "•"),
        (r"\guillemotleft x\guillemotright", "«x»"),
        (r"\langle x\rangle", "⟨x⟩"),
        (r"\dag\ddag", "†‡"),
        (r"\textperiodcentered", "·"),
        (r"\LaTeX\ and \BibTeX{} tools", "LaTeX and BibTeX tools"),
        # A text command followed by `{}` or `\ ` keeps the space TeX would keep.
        (r"\ldots{} and", "… and"),
        (r"\ldots\ and", "… and"),
    ],
)
def test_text_commands(raw: str, expected: str) -> None:
    assert decode(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (r"\emph{x}", "x"),
        (r"\textit{x}", "x"),
        (r"\textbf{x}", "x"),
        (r"\textsc{x}", "x"),
        (r"\texttt{x}", "x"),
        (r"\textrm{x}", "x"),
        (r"\textsf{x}", "x"),
        (r"\textup{x}", "x"),
        (r"\textmd{x}", "x"),
        (r"\textsl{x}", "x"),
        (r"\mbox{x}", "x"),
        (r"\hbox{x}", "x"),
        (r"\textnormal{x}", "x"),
        (r"\mathrm{x}", "x"),
        (r"\mathit{x}", "x"),
        (r"\mathbf{x}", "x"),
        (r"\url{http://example.org/a_b}", "http://example.org/a_b"),
        (r"\url{http://example.org/~me%20x}", "http://example.org/~me%20x"),
        (r"see \href{http://example.org}{the site}", "see the site"),
        (r"\NoCaseChange{iPhone}", "iPhone"),
        (r"text\nocite{key} more", "text more"),
        (r"{\em x} {\it y} {\bf z}", "x y z"),
        (r"{\sc x} {\sl y} {\rm z}", "x y z"),
        (r"{\tt x} {\sf y} {\small z}", "x y z"),
        (r"A {\em very} good \textbf{idea}", "A very good idea"),
        (r"\emph{nested \textbf{bold} text}", "nested bold text"),
        (r"\enquote{quoted}", "“quoted”"),
        (r"4\textsuperscript{th} and H\textsubscript{2}O", "4th and H₂O"),
        (r"\noopsort{1973b}Title", "Title"),
        (r"\path|user@example.org|", "user@example.org"),
        (r"\verb+a{b}+", "a{b}"),
    ],
)
def test_font_and_formatting_commands(raw: str, expected: str) -> None:
    assert decode(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (r"$\alpha$-helix", "α-helix"),
        (r"$\beta$-detected", "β-detected"),
        (r"$\Omega$ and $\mu$m", "Ω and μm"),
        (r"$\Gamma\Delta\Theta\Lambda\Xi\Pi\Sigma\Phi\Psi$", "ΓΔΘΛΞΠΣΦΨ"),
        (r"$x \times y$", "x × y"),
        (r"$\pm 3$", "± 3"),
        (r"$a \le b \leq c \ge d \geq e \neq f$", "a ≤ b ≤ c ≥ d ≥ e ≠ f"),
        (r"$\approx 5$", "≈ 5"),
        (r"$\infty$", "∞"),
        (r"$a \cdot b$", "a · b"),
        (r"$\sim 10$", "∼ 10"),
        (r"$x \circ y$", "x ∘ y"),
        (r"20$\degree$C", "20°C"),
        (r"$A \rightarrow B \to C \leftarrow D$", "A → B → C ← D"),
        (r"$1, \ldots, n$", "1, …, n"),
        (r"$x^{2}$", "x²"),
        (r"$x^2$", "x²"),
        (r"$10^{-3}$", "10⁻³"),
        (r"$x^{n+1}$", "xⁿ⁺¹"),
        (r"$H_{2}O$", "H₂O"),
        (r"$H_2O$", "H₂O"),
        (r"$CO_2$ emissions", "CO₂ emissions"),
        (r"$^\circ$C", "°C"),
        (r"$^{\circ}$C", "°C"),
        # No Unicode superscript for a letter: the text is kept as it is.
        (r"$x^{b}$", "xb"),
        (r"$T_{c}$", "Tc"),
        (r"$x^{2y}$", "x2y"),
        (r"$\sqrt{x}$", "√x"),
        (r"$\sqrt{2}$", "√2"),
        (r"$\overline{x}$", "x"),
        (r"$\frac{1}{2}$", "1/2"),
        (r"$\mathrm{H}_2$", "H₂"),
        (r"$\hat{x}$", "x̂"),
        (r"$$E = mc^2$$", "E = mc²"),
        (r"\(x^2\)", "x²"),
        (r"Critical fields {${H}_{c}$} and {${H}_{c2}$}", "Critical fields Hc and Hc2"),
        (r"\ensuremath{\alpha}", "α"),
        (r"\ch{^{8}Li^{+}} ions", "⁸Li⁺ ions"),
        (r"\SI{4.2}{\kelvin}", "4.2 K"),
        (r"\SIrange[range-phrase=--]{5}{325}{\kelvin}", "5–325 K"),
        (r"at \SI{1.5}{\giga\hertz}", "at 1.5 GHz"),
        # Outside math ^ and _ are plain characters.
        ("a^b_c", "a^b_c"),
    ],
)
def test_math(raw: str, expected: str) -> None:
    assert decode(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (r"line\\break", "line break"),
        (r"line\\[2pt]break", "line break"),
        (r"line\newline break", "line break"),
        (r"thin\,space", "thin space"),
        (r"P.\,G.", "P. G."),
        (r"a\;b\:c", "a b c"),
        (r"control\ space", "control space"),
        (r"a\quad b", "a b"),
        (r"hy\-phen\-ation", "hyphenation"),
        (r"shelf\/ful", "shelfful"),
    ],
)
def test_spacing_commands(raw: str, expected: str) -> None:
    assert decode(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (r"\foo{arg}", "arg"),
        (r"\geoname{North Atlantic} waters", "North Atlantic waters"),
        (r"\foo bar", "bar"),
        (r"\foo", ""),
        (r"a \foo b", "a b"),
        (r"{\relax Ch}ristopher", "Christopher"),
        (r"\bioname{Xiphias gladius} {L.}", "Xiphias gladius L."),
        # All remaining braces go.
        ("{The {NHS} and {Five Year Forward View}}", "The NHS and Five Year Forward View"),
        ("{{Frontier}} Exascale", "Frontier Exascale"),
    ],
)
def test_unknown_commands_and_braces(raw: str, expected: str) -> None:
    assert decode(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("{unbalanced", "unbalanced"),
        ("unbalanced}", "unbalanced"),
        ("}{", ""),
        ("trailing\\", "trailing"),
        ("$open math", "open math"),
        (r"\emph{never closed", "never closed"),
        (r"\'", "´"),
        (r"\url{open", "open"),
        (r"\href{http://x", ""),
        (r"\verb|open", "open"),
        (r"$x^", "x"),
        (r"\sqrt", "√"),
        ("{" * 5000 + "deep" + "}" * 10, "deep"),
        ("\\" * 7, ""),
        ("", ""),
        ("   ", ""),
    ],
)
def test_malformed_input_never_raises(raw: str, expected: str) -> None:
    assert decode(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Plain title", "Plain title"),
        ("  padded  ", "padded"),
        ("multi\n   line\n\ttitle", "multi line title"),
        ("a  \t b", "a b"),
        ("Cafe\u0301", "Café"),  # decomposed input comes out composed
        ("Caf{\\'e}\n", "Café"),
    ],
)
def test_whitespace_collapses(raw: str, expected: str) -> None:
    assert decode(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("one\ntwo", "one\ntwo"),
        ("  one  \n   two   ", "one\ntwo"),
        ("one\n\ntwo", "one\n\ntwo"),
        ("one\n\n\n\n\ntwo", "one\n\ntwo"),
        ("one\n  \n \n\ntwo", "one\n\ntwo"),
        ("a \t  b\n", "a b"),
        ("\n\nlead and trail\n\n", "lead and trail"),
        ("one\r\ntwo", "one\ntwo"),
        (r"first\par second", "first\n\nsecond"),
        ("- item \\emph{one}\n- item two", "- item one\n- item two"),
    ],
)
def test_keep_lines(raw: str, expected: str) -> None:
    assert decode(raw, keep_lines=True) == expected


def test_keep_lines_false_joins_lines() -> None:
    assert decode("one\n\ntwo\n\n\nthree") == "one two three"


def test_control_word_eats_one_line_end_but_not_a_paragraph() -> None:
    assert decode("Stra\\ss\ne", keep_lines=True) == "Straße"
    assert decode("\\ss\n\nNext", keep_lines=True) == "ß\n\nNext"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            r"The {NHS} and {\"o}sterreich",
            [("The ", False), ("NHS", True), (" and österreich", False)],
        ),
        ("No braces", [("No braces", False)]),
        ("", []),
        ("{Whole}", [("Whole", True)]),
        ("{{Frontier}} Exascale", [("Frontier", True), (" Exascale", False)]),
        (r"\emph{argument} only", [("argument only", False)]),
        (r"\emph{The {NHS}}", [("The ", False), ("NHS", True)]),
        (r"{\em Switch} group", [("Switch group", False)]),
        (r"\NoCaseChange{iOS} apps", [("iOS", True), (" apps", False)]),
        ("{A}{B} c", [("AB", True), (" c", False)]),
        ("x { spaced } y", [("x ", False), ("spaced ", True), ("y", False)]),
        ("{outer {inner} outer}", [("outer inner outer", True)]),
        (r"{\'E}mile {Zola}", [("Émile ", False), ("Zola", True)]),
        (
            r"{CORDIC} {II:} {A} New",
            [
                ("CORDIC", True),
                (" ", False),
                ("II:", True),
                (" ", False),
                ("A", True),
                (" New", False),
            ],
        ),
        ("{unclosed", [("unclosed", True)]),
        (r"\'{\i}{A}", [("í", False), ("A", True)]),
    ],
)
def test_decode_protected(raw: str, expected: list[tuple[str, bool]]) -> None:
    assert decode_protected(raw) == expected


def test_decode_protected_matches_decode_on_a_title() -> None:
    raw = r"Julia as a Unifying End-to-End Workflow Language on the {{Frontier}} Exascale System"
    segments = decode_protected(raw)
    assert "".join(text for text, _ in segments) == decode(raw)
    assert ("Frontier", True) in segments


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("https://example.org/a%20b_c?x=1&y=2#frag", "https://example.org/a%20b_c?x=1&y=2#frag"),
        ("{https://example.org/a%20b}", "https://example.org/a%20b"),
        ("  https://example.org  ", "https://example.org"),
        (r"\url{https://example.org/x}", "https://example.org/x"),
        (r"{\url{https://example.org/x}}", "https://example.org/x"),
        (r"\href{https://example.org/x}{the text}", "https://example.org/x"),
        (r"https://example.org/50\%", "https://example.org/50%"),
        (r"https://example.org/a\_b", "https://example.org/a_b"),
        (r"https://example.org/?a=1\&b=2", "https://example.org/?a=1&b=2"),
        (r"https://example.org/\#frag", "https://example.org/#frag"),
        (r"https://example.org/\$x", "https://example.org/$x"),
        (r"https://example.org/\~user", "https://example.org/~user"),
        (r"https://example.org/\~{}user", "https://example.org/~user"),
        (r"https://example.org/{\textasciitilde}user", "https://example.org/~user"),
        (r"https://example.org/\textasciitilde{}user", "https://example.org/~user"),
        (r"https://example.org/a\textunderscore{}b", "https://example.org/a_b"),
        ("10.1000/xyz_123%4", "10.1000/xyz_123%4"),
        ("10.1002/(SICI)1097-4571", "10.1002/(SICI)1097-4571"),
        # Nothing else changes: no dashes, ties, quotes or brace stripping inside.
        ("http://x.org/a--b~c''d", "http://x.org/a--b~c''d"),
        ("http://x.org/{a}b", "http://x.org/{a}b"),
        ("{a}{b}", "{a}{b}"),
        (":Users/me/paper.pdf:PDF", ":Users/me/paper.pdf:PDF"),
        ("", ""),
    ],
)
def test_unescape_verbatim(raw: str, expected: str) -> None:
    assert unescape_verbatim(raw) == expected


def test_fast_path_returns_the_same_object_shape() -> None:
    plain = "A plain title with no markup at all"
    assert decode(plain) == plain
    assert decode_protected(plain) == [(plain, False)]


@settings(max_examples=400, deadline=None)
@given(st.text())
def test_decode_never_raises_and_leaves_no_braces(text: str) -> None:
    out = decode(text)
    assert isinstance(out, str)
    assert decode(text, keep_lines=True) is not None
    if "\\" not in text:
        # Braces only survive as escapes (`\{`), so without a backslash there are none.
        assert "{" not in out
        assert "}" not in out
    segments = decode_protected(text)
    joined = unicodedata.normalize("NFC", "".join(segment for segment, _ in segments))
    assert joined == out
    unescape_verbatim(text)


LATEX_ALPHABET = st.sampled_from(
    [
        "\\",
        "{",
        "}",
        "$",
        "~",
        "-",
        "`",
        "'",
        "^",
        "_",
        " ",
        "\n",
        "a",
        "Z",
        "\\'",
        '\\"',
        "\\v",
        "\\c ",
        "\\t",
        "\\url",
        "\\href",
        "\\frac",
        "\\SI",
        "\\verb",
        "\\sqrt",
        "\\emph",
        "\\NoCaseChange",
        "\\i",
        "\\ss",
        "\\\\",
        "\\par",
        "[",
        "]",
        "|",
        "%",
        "&",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(LATEX_ALPHABET, max_size=40).map("".join))
def test_decode_never_raises_on_latex_soup(text: str) -> None:
    out = decode(text)
    if "\\" not in text:
        assert "{" not in out
        assert "}" not in out
    segments = decode_protected(text)
    assert unicodedata.normalize("NFC", "".join(segment for segment, _ in segments)) == out
    assert all(segment for segment, _ in segments)
    assert all(a[1] != b[1] for a, b in itertools.pairwise(segments))


def test_formulas_and_marked_names_keep_their_case() -> None:
    """Math, chemistry (`\\ce`, `\\ch`) and Beebe's `\\geoname` are never re-cased."""
    segments = decode_protected(
        r"Oxidation of $\mathrm{Nb}$ and \ce{LiF} in the \geoname{North Atlantic Ocean}"
    )
    assert [text for text, protected in segments if protected] == [
        "Nb",
        "LiF",
        "North Atlantic Ocean",
    ]
    assert decode_protected(r"an unclosed $Nb")[-1] == ("Nb", True)


@given(st.text(alphabet="ab Aé{}\u0301", max_size=30))
def test_the_fast_path_gives_what_the_decoder_gives(value: str) -> None:
    """Values with nothing but balanced braces skip the decoder (`rawtext.plain`): they
    must come out exactly as the decoder would make them."""
    from coprocli.latex import _Decoder, _tidy
    from coprocli.rawtext import plain

    fast = plain(value)
    if fast is not None:
        decoder = _Decoder(value, want_marks=False)
        decoder.run()
        assert fast == _tidy("".join(decoder.out), False)
