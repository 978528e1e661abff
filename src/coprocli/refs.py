"""Finding the citations in a report and matching them to catalogue entries.

Reads Markdown, LaTeX or plain text and recognises three kinds of citation:
pandoc keys (`[@key]`, `@key`, `[@a; @b, p. 4]`), LaTeX commands (`\\cite{a,b}`,
`\\citep`, `\\parencite`, `\\textcite`, `\\autocite`, ...) and author-year mentions in running
text (`Boyle and Harris (2009)`, `(Slay, 2011)`, `(Needham & Carr 2009; Slay 2011)`,
`Boyle et al. (2010)`). Keys match exactly; author-year mentions match by surname and
year, tolerant of `&`/`and`, `et al.`, accents and small typos.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from .folding import fold
from .model import Entry

# -- patterns ----------------------------------------------------------------------------
#
# Every pattern runs in time linear in the text, whatever the text: quantifiers that must not
# give back what they took are possessive (`*+`), and where a pattern would search past a
# start it has already failed from (an unclosed `\cite[`, `@{` or `Smith (2009,`, a long list
# of capitalised names), the finders below resume or stop instead of searching again.

# A LaTeX citation command; its `[...]` and `{...}` arguments are read by `_latex_commands`.
# Not followed by a letter: `\citeauthor` is that command, not `\cite` and `author`.
_LATEX_COMMAND = re.compile(
    r"\\(?:[Cc]ite[tp]?|[Cc]ite(?:author|year|alp|alt|num)|[Pp]arencite|[Tt]extcite|"
    r"[Aa]utocite|[Ff]ootcite|[Ss]martcite|[Ss]upercite|nocite|fullcite|footfullcite)"
    r"(?![A-Za-z])\*?"
)
_INK = re.compile(r"\S")
_CLOSE_BRACKET = re.compile(r"\]")
_CLOSE_BRACE = re.compile(r"\}")
# A pandoc citation key: starts with a letter, digit or _, may hold :.#$%&-+?<>~/ inside.
_KEY = r"[\w][\w:.#$%&+?<>~/-]*[\w]|[\w]"
# Bracket text up to its first `@` taken whole, then the rest: one pass over the brackets.
_PANDOC_BRACKET = re.compile(r"\[([^\[\]@]*+@[^\[\]]*+)\]")
# (The lookahead only lets the search skip quickly to a `-` or `@`.)
_PANDOC_KEY = re.compile(rf"(?=[-@])(?<![\w@.])-?@({_KEY}|\{{[^}}]+\}})")
_PANDOC_PLAIN_KEY = re.compile(rf"(?=[-@])(?<![\w@.])-?@({_KEY})")

_UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĲĴĶĹĻĽĿŁŃŅŇŊŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽ"
_PARTICLES = (
    *("van", "von", "de", "der", "den", "du", "la", "le", "di", "da", "del", "della"),
    *("dos", "ten", "ter"),
)
_LONGEST_PARTICLE = max(map(len, _PARTICLES))
_PARTICLE = rf"(?:(?:{'|'.join(_PARTICLES)})\s+)"
_NAME = rf"{_PARTICLE}*+[{_UPPER}][\w'’-]*+"
_SEPARATOR = r"(?:\s*,\s*|\s+and\s+|\s*&\s*|\s*,\s*(?:and|&)\s+)"
_CHAIN = rf"{_NAME}(?:{_SEPARATOR}{_NAME})*+"
_NAMES = rf"(?P<names>{_CHAIN}(?P<etal>\s+et\s+al\.?)?)"
_YEAR = r"(?P<year>\d{4})(?P<letter>[a-z])?"
_IN_PARENTHESES = rf"\s+\(\s*{_YEAR}(?:\s*,[^)]*)?\)"
_NARRATIVE = re.compile(rf"{_NAMES}{_IN_PARENTHESES}")
_AFTER_NAMES = re.compile(rf"(?:\s+et\s+al\.?)?{_IN_PARENTHESES}")
# Names from where they can begin, or a run of particles no name follows: either way the
# search can go on past them.
_NAMES_OR_PARTICLES = re.compile(
    rf"(?=[{''.join(sorted({p[0] for p in _PARTICLES}))}{_UPPER}])"  # a quick first test
    rf"(?:(?P<particles>{_PARTICLE}++)(?![{_UPPER}])|{_CHAIN})"
)
# The parenthesis a narrative mention's year opens, `(2009` or `( 2011b`.
_YEAR_OPENING = re.compile(r"\(\s*\d{4}")
# A character no list of names holds.
_NOT_IN_NAMES = re.compile(r"[^\w'’\s,&-]")
_PARENTHESIS = re.compile(r"\((?=[^()]*?\d{4})([^()]*+)\)")
_PART = re.compile(rf"^(?:e\.g\.,?\s*|see\s+|cf\.\s*)?{_NAMES},?\s+{_YEAR}\b")
# Only from the first of a run of spaces: retrying from each space of a long run is quadratic.
_NAME_SPLIT = re.compile(r"(?<!\s)(?:\s*+,\s*+(?:and\s+|&\s*)?|\s++and\s+|\s*+&\s*+)")


@dataclass(frozen=True, slots=True)
class Citation:
    """One citation found in a document."""

    line: int
    text: str
    kind: str  # "key" for pandoc and LaTeX keys, "author-year" for mentions in text
    key: str = ""
    surnames: tuple[str, ...] = ()
    et_al: bool = False
    year: int | None = None
    letter: str = ""

    @property
    def target(self) -> tuple[object, ...]:
        """What is cited, whatever the line and the wording: all that matching looks at."""
        return (self.kind, self.key, self.surnames, self.et_al, self.year, self.letter)


@dataclass
class Resolution:
    """What a citation matched: one entry, several (ambiguous), or none (with the closest)."""

    citation: Citation
    matches: list[Entry] = field(default_factory=list)
    confidence: float = 0.0
    closest: list[Entry] = field(default_factory=list)

    @property
    def matched(self) -> Entry | None:
        return self.matches[0] if len(self.matches) == 1 else None

    @property
    def ambiguous(self) -> bool:
        return len(self.matches) > 1


# -- finding -----------------------------------------------------------------------------

# Where a finder found something: its span of text and the citations it holds.
_Found = tuple[tuple[int, int], list[Citation]]
_LineOf = Callable[[int], int]


def find_citations(text: str) -> list[Citation]:
    """Every citation in the text, in document order."""
    line_starts = [0] + [m.end() for m in re.finditer(r"\n", text)]

    def line(offset: int) -> int:
        return bisect.bisect_right(line_starts, offset)

    found: list[tuple[int, list[Citation]]] = []
    taken = _Spans()
    # In order of precedence: text a LaTeX command or a pandoc bracket holds is not read
    # again as a bare key, nor a key as an author's name.
    # A finder's own spans never overlap (each search goes on past what it found), so
    # each is checked against the earlier finders' spans only.
    for finder in (
        _latex_commands,
        _pandoc_brackets,
        _pandoc_keys,
        _narrative_mentions,
        _parenthetical_mentions,
    ):
        claimed = []
        for span, citations in finder(text, line):
            if not taken.overlaps(span):
                claimed.append(span)
                found.append((span[0], citations))
        taken.claim(claimed)
    found.sort(key=lambda pair: pair[0])  # claimed spans are disjoint: no two start alike
    return [citation for _, citations in found for citation in citations]


def _latex_commands(text: str, line: _LineOf) -> Iterator[_Found]:
    """`\\cite{a,b}` and its kin, with up to two `[...]` arguments before the keys."""
    arguments = _LatexArguments(text)
    position = 0
    while command := _LATEX_COMMAND.search(text, position):
        position = command.end()
        keys = arguments.keys(position)
        if keys is None:
            continue
        start, position = command.start(), keys[1] + 1
        cited = [key.strip() for key in text[keys[0] : keys[1]].split(",")]
        yield (
            (start, position),
            [Citation(line(start), text[start:position], "key", key) for key in cited if key],
        )


class _LatexArguments:
    """The arguments of LaTeX citation commands in a text. Many commands can look for the
    same closing `]` or `}` (`\\cite[` again and again, never closed): each stretch of text
    is searched once, whatever asks."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._next_ink = _NextMatch(text, _INK)
        self._next_bracket = _NextMatch(text, _CLOSE_BRACKET)
        self._next_brace = _NextMatch(text, _CLOSE_BRACE)

    def keys(self, after: int) -> tuple[int, int] | None:
        """Where the `{keys}` of a command ending at `after` stand, past up to two `[...]`
        arguments; None when there is no `{...}` argument there."""
        text = self._text
        for _ in range(2):
            opening = self._next_ink(after)
            if not text.startswith("[", opening):
                break
            closing = self._next_bracket(opening + 1)
            if closing == len(text):
                return None  # an unclosed `[`: no `{` can follow
            after = closing + 1
        opening = self._next_ink(after)
        if not text.startswith("{", opening):
            return None
        closing = self._next_brace(opening + 1)
        return None if closing == len(text) else (opening + 1, closing)


def _pandoc_brackets(text: str, line: _LineOf) -> Iterator[_Found]:
    """`[@a; see @b, p. 4]`: one span, one citation per key."""
    for match in _PANDOC_BRACKET.finditer(text):
        keys = [_clean_key(key.group(1)) for key in _pandoc_key_matches(match.group(1))]
        if keys:
            start = match.start()
            yield match.span(), [Citation(line(start), match.group(0), "key", k) for k in keys]


def _pandoc_keys(text: str, line: _LineOf) -> Iterator[_Found]:
    """`@key` and `-@key` in running text (not the `@` of an e-mail address)."""
    for match in _pandoc_key_matches(text):
        if not _looks_like_email(text, match.start()):
            key = _clean_key(match.group(1))
            yield match.span(), [Citation(line(match.start()), match.group(0), "key", key)]


def _pandoc_key_matches(text: str) -> Iterator[re.Match[str]]:
    """`_PANDOC_KEY.finditer(text)`: past the last `}`, no `@{` can close, so there only
    plain keys are looked for (each unclosed `@{` would search to the end)."""
    after_last_brace = text.rfind("}") + 1
    yield from _PANDOC_KEY.finditer(text, 0, after_last_brace)
    yield from _PANDOC_PLAIN_KEY.finditer(text, after_last_brace)


def _narrative_mentions(text: str, line: _LineOf) -> Iterator[_Found]:
    """`Boyle and Harris (2009)`, `Boyle et al. (2010)`."""
    for match in _narrative_matches(text):
        yield match.span(), [_author_year(match, line(match.start()), match.group(0))]


def _narrative_matches(text: str) -> Iterator[re.Match[str]]:
    """Each narrative mention in order, as `finditer` would find them. Each ends with a year
    in parentheses, so its names are looked for only before one, from the last character
    before it that a list of names cannot hold."""
    # Every mention ends with `)`: none can start after the last one.
    end = text.rfind(")") + 1
    position = 0
    year = _YEAR_OPENING.search(text, position, end)
    backwards = text[::-1] if year else ""  # to search back from a year
    while year:
        start = _names_start(text, backwards, position, year.start())
        match = _mention_before(text, start, year.start(), end)
        if match:
            yield match
        position = match.end() if match else year.start() + 1
        year = _YEAR_OPENING.search(text, position, end)


def _names_start(text: str, backwards: str, position: int, year_at: int) -> int:
    """Where, from `position` on, the names before the year at `year_at` can begin: past the
    last character no list of names holds (the dot of `et al.` aside). `backwards` is the
    text reversed."""
    limit = year_at
    while last := _NOT_IN_NAMES.search(backwards, len(text) - limit, len(text) - position):
        at = len(text) - 1 - last.start()
        if text[at] != "." or not text[at + 1 : year_at].isspace():
            return at + 1
        limit = at
    return position


def _mention_before(text: str, position: int, year_at: int, end: int) -> re.Match[str] | None:
    """The first mention whose names begin in [position, year_at), without trying again
    from each name of a list that does not reach a year.

    From every name of such a list the names run to the same last one and fail alike. Only a
    particle ending that last name starts a longer run (`Amade Boyle (2009)` holds
    `de Boyle (2009)`), so the search goes on from that far back."""
    while names := _NAMES_OR_PARTICLES.search(text, position, year_at):
        start, last_name_end = names.span()
        if names.group("particles"):
            position = last_name_end  # no name starts inside them
        elif _AFTER_NAMES.match(text, last_name_end, end) and (
            match := _NARRATIVE.match(text, start, end)
        ):
            return match
        else:
            position = max(start + 1, last_name_end - _LONGEST_PARTICLE)
    return None


def _parenthetical_mentions(text: str, line: _LineOf) -> Iterator[_Found]:
    """`(Slay, 2011)`, `(Needham & Carr 2009; Slay 2011)`: each mention on its own."""
    for match in _PARENTHESIS.finditer(text):
        citations = []
        for part in match.group(1).split(";"):
            mention = _PART.match(part.strip())
            if mention:
                # Each mention is reported as its own parenthetical: `(Smith 2020)`.
                shown = f"({part.strip()})"
                citations.append(_author_year(mention, line(match.start()), shown))
        yield match.span(), citations


def _clean_key(key: str) -> str:
    return key[1:-1] if key.startswith("{") else key.rstrip(".:;,")


class _Spans:
    """Disjoint spans of text already claimed, sorted, so an overlap is found by bisection."""

    def __init__(self) -> None:
        self._spans: list[tuple[int, int]] = []
        self._ends: list[int] = []

    def overlaps(self, span: tuple[int, int]) -> bool:
        start, end = span
        # Disjoint and sorted by start, the spans are sorted by end too: only the first one
        # ending after `start` can reach into the span.
        first = bisect.bisect_right(self._ends, start)
        return first < len(self._spans) and self._spans[first][0] < end

    def claim(self, spans: list[tuple[int, int]]) -> None:
        """Add spans that overlap none already claimed nor each other."""
        self._spans = sorted(self._spans + spans)  # two sorted runs: merged in one pass
        self._ends = [end for _, end in self._spans]


class _NextMatch:
    """Where a one-character pattern next matches, at or after a position (`len(text)`: it
    does not). Each stretch of text is searched once however many searches cross it, so the
    searches from a thousand `\\cite[` before one `]` take one pass, not a thousand."""

    def __init__(self, text: str, pattern: re.Pattern[str]) -> None:
        self._text = text
        self._pattern = pattern
        # Stretches searched so far, disjoint and ascending: no match in
        # [_froms[i], _hits[i]), and one at _hits[i] (or the text ends there).
        self._froms: list[int] = []
        self._hits: list[int] = []

    def __call__(self, position: int) -> int:
        index = bisect.bisect_left(self._hits, position)
        known = index < len(self._hits)
        if known and self._froms[index] <= position:
            return self._hits[index]
        limit = self._froms[index] if known else len(self._text)
        match = self._pattern.search(self._text, position, limit)
        if match is None and known:
            self._froms[index] = position  # nothing up to that stretch, which has the answer
        else:
            self._hits.insert(index, match.start() if match else len(self._text))
            self._froms.insert(index, position)
        return self._hits[index]


def _looks_like_email(text: str, at: int) -> bool:
    return at > 0 and (text[at - 1].isalnum() or text[at - 1] in "._%+-")


def _author_year(match: re.Match[str], line: int, text: str) -> Citation:
    names = match.group("names")
    et_al = bool(match.group("etal"))
    if et_al:
        names = names[: match.start("etal") - match.start("names")]
    surnames = tuple(name for name in _NAME_SPLIT.split(names.strip()) if name)
    return Citation(
        line,
        " ".join(text.split()),
        "author-year",
        surnames=surnames,
        et_al=et_al,
        year=int(match.group("year")),
        letter=match.group("letter") or "",
    )


# -- matching ----------------------------------------------------------------------------


def _similar(a: str, b: str) -> float:
    """0-100 similarity of two folded surnames (typos of a letter or two still score high)."""
    if a == b:
        return 100.0
    from .index import similarity

    return similarity(a, b)


def _entry_surnames(entry: Entry) -> list[str]:
    return [fold(person.surname) for person in entry.authors]


def resolve(citations: Sequence[Citation], entries: Sequence[Entry]) -> list[Resolution]:
    """Match each citation to entries: keys exactly (case-insensitive), mentions by name."""
    by_key = {entry.key: entry for entry in entries}
    by_folded = {entry.key.casefold(): entry for entry in entries}
    by_year: dict[int, list[Entry]] = {}
    for entry in entries:
        if entry.year is not None:
            by_year.setdefault(entry.year, []).append(entry)

    def match(citation: Citation) -> Resolution:
        if citation.kind == "key":
            found = by_key.get(citation.key) or by_folded.get(citation.key.casefold())
            if found:
                return Resolution(citation, [found], 1.0)
            from .index import suggest_keys

            close = [by_key[k] for k in suggest_keys(citation.key, by_key)]
            return Resolution(citation, [], 0.0, close)
        return _resolve_mention(citation, by_year.get(citation.year or -1, []), entries)

    # A report cites the same works again and again: each is matched once, however written.
    known: dict[tuple[object, ...], Resolution] = {}
    resolutions = []
    for citation in citations:
        first = known.get(citation.target)
        if first is None:
            first = known[citation.target] = match(citation)
        resolutions.append(
            Resolution(citation, list(first.matches), first.confidence, list(first.closest))
        )
    return resolutions


def _mention_score(citation: Citation, entry: Entry) -> float:
    """How well a mention's names fit an entry's authors, 0-100 (0: not this entry)."""
    cited = [fold(name) for name in citation.surnames]
    actual = _entry_surnames(entry)
    if not actual or not cited:
        return 0.0
    if len(cited) > len(actual):
        return 0.0
    scores = [_similar(name, actual[i]) for i, name in enumerate(cited)]
    if min(scores) < 80:
        return 0.0
    score = sum(scores) / len(scores)
    # Name count: "A and B" must be all the authors; "A et al." needs three or more
    # (two tolerated); a single name should be the only author.
    if citation.et_al:
        score -= 0 if len(actual) >= 3 else 5 if len(actual) == 2 else 20
    elif len(cited) != len(actual):
        score -= 15
    return score


def _resolve_mention(
    citation: Citation, same_year: Sequence[Entry], everything: Sequence[Entry]
) -> Resolution:
    scored = sorted(
        ((score, entry) for entry in same_year if (score := _mention_score(citation, entry)) > 0),
        key=lambda pair: -pair[0],
    )
    if not scored:
        return Resolution(citation, [], 0.0, _closest_by_name(citation, everything))
    best = scored[0][0]
    top = [entry for score, entry in scored if score >= best - 0.5]
    if len(top) > 1 and citation.letter:
        # `2011a`, `2011b`: author-date styles letter same-author, same-year works by title.
        ordered = sorted(top, key=lambda entry: fold(entry.title))
        index = ord(citation.letter) - ord("a")
        if 0 <= index < len(ordered):
            return Resolution(citation, [ordered[index]], round(best / 100 * 0.95, 2))
    return Resolution(citation, top, round(best / 100, 2))


def _closest_by_name(citation: Citation, entries: Sequence[Entry]) -> list[Entry]:
    """Entries whose first author is close to the cited one, nearest year first."""
    first = fold(citation.surnames[0]) if citation.surnames else ""
    candidates = []
    for entry in entries:
        names = _entry_surnames(entry)
        if names and _similar(first, names[0]) >= 80:
            candidates.append((abs((entry.year or 0) - (citation.year or 0)), entry))
    return [entry for _, entry in sorted(candidates, key=lambda pair: pair[0])[:3]]


def cited_entries(resolutions: Sequence[Resolution]) -> list[Entry]:
    """The matched entries, once each, in order of first citation."""
    seen: dict[str, Entry] = {}
    for resolution in resolutions:
        entry = resolution.matched
        if entry is not None and entry.key not in seen:
            seen[entry.key] = entry
    return list(seen.values())


def iter_problems(resolutions: Sequence[Resolution]) -> Iterator[str]:
    """One line per unmatched or ambiguous citation, for stderr."""
    for resolution in resolutions:
        citation = resolution.citation
        if resolution.ambiguous:
            keys = ", ".join(entry.key for entry in resolution.matches)
            yield f"line {citation.line}: {citation.text!r} matches several entries: {keys}"
        elif resolution.matched is None:
            close = ", ".join(entry.key for entry in resolution.closest)
            hint = f"; closest: {close}" if close else ""
            yield f"line {citation.line}: {citation.text!r} matches no entry{hint}"
