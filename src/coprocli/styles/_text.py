"""Text pieces shared by every style: title case and sentence case, page ranges, dates,
editions, DOIs and URLs.

Case conversion works on `latex.decode_protected` segments of the raw BibTeX value, so a
brace-protected word (`{NHS}`, `{COVID-19}`) never changes case.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Literal

from ..item import doi_url
from ..propernouns import is_candidate, merge_segments, phrase_length

__all__ = [
    "LONG_PREPOSITIONS",
    "MANUAL_STOP_WORDS",
    "STOP_WORDS",
    "capitalise_first",
    "doi_url",
    "edition_label",
    "ordinal",
    "page_label",
    "page_range",
    "sentence_case",
    "sentence_case_segments",
    "title_case",
]

Segments = list[tuple[str, bool]]

#: Words kept lower case inside a title-cased title (CSL specification's stop words).
STOP_WORDS = frozenset(
    [
        "a",
        "about",
        "an",
        "and",
        "as",
        "at",
        "but",
        "by",
        "down",
        "for",
        "from",
        "in",
        "into",
        "nor",
        "of",
        "on",
        "onto",
        "or",
        "over",
        "per",
        "so",
        "the",
        "till",
        "to",
        "up",
        "v",
        "via",
        "vs",
        "versus",
        "with",
        "yet",
    ]
)

#: Prepositions of four letters or more. The Chicago Manual (18th ed., 8.160) and the MLA
#: Handbook (9th ed., 2.90) lower-case every preposition in a title, whatever its length;
#: CSL, APA and copro's other styles capitalise these. Words that are as often adverbs or
#: conjunctions (`inside`, `outside`, `like`, `past`, `since`, `until`) are left out: a
#: title such as `Public Services Inside Out` keeps its capital.
LONG_PREPOSITIONS = frozenset(
    [
        "above",
        "across",
        "after",
        "against",
        "along",
        "alongside",
        "amid",
        "amidst",
        "among",
        "amongst",
        "around",
        "before",
        "behind",
        "below",
        "beneath",
        "beside",
        "between",
        "beyond",
        "concerning",
        "despite",
        "during",
        "except",
        "regarding",
        "through",
        "throughout",
        "toward",
        "towards",
        "under",
        "underneath",
        "unto",
        "upon",
        "within",
        "without",
    ]
)
#: The words the Chicago Manual and the MLA Handbook keep lower case inside a title.
MANUAL_STOP_WORDS = STOP_WORDS | LONG_PREPOSITIONS


# --------------------------------------------------------------------------------------
# Titles


def _is_capitalised(word: str) -> bool:
    """A word with a capital first letter and the rest in lower case: one sentence case
    lowers. The pronoun `I` (`I'm`, `I’d`) and the numeral `I` (`World War I`) keep it."""
    if word == "I" or word[:2] in ("I'", "I’"):
        return False
    return word[:1].isupper() and (len(word) == 1 or word[1:].islower())


def _is_lower(word: str) -> bool:
    return word.islower()


def _capitalise(word: str) -> str:
    # Only Latin letters: a Greek letter in an English title is a symbol (`β decay`).
    if word[:1].isascii() or "LATIN" in unicodedata.name(word[:1], ""):
        return word[:1].upper() + word[1:]
    return word


def _split_words(
    segments: Sequence[tuple[str, bool]],
) -> tuple[list[str], list[bool], list[str]]:
    """The text as words, whether each is protected, and the gaps around them: gaps[i]
    stands before words[i], and gaps[-1] after the last word.

    Working word by word (not character by character) matters: case changes run for
    every title of libraries with 100,000 entries.
    """
    if len(segments) == 1 and not segments[0][1]:
        # The common case, a title with no braces: split in C, words at odd positions.
        pieces = _WORD_SPLIT.split(segments[0][0])
        words = pieces[1::2]
        return words, [False] * len(words), pieces[0::2]
    words = []
    protected_words: list[bool] = []
    gaps: list[str] = [""]
    for text, protected in segments:
        if not text:
            continue
        if protected:
            if words and not gaps[-1] and text[0].isalnum():
                # a word partly in braces (`{e}urope`) is protected as a whole
                words[-1] += text
                protected_words[-1] = True
            else:
                words.append(text)
                protected_words.append(True)
                gaps.append("")
            continue
        position = 0
        for match in _WORD.finditer(text):
            start = match.start()
            if start > position:
                gaps[-1] += text[position:start]
            word = match.group()
            if words and not gaps[-1] and protected_words[-1]:
                words[-1] += word  # letters glued to a protected word belong to it
            else:
                words.append(word)
                protected_words.append(False)
                gaps.append("")
            position = match.end()
        if position < len(text):
            gaps[-1] += text[position:]
    return words, protected_words, gaps


def _starts_sentence(words_before: int, gap: str) -> bool:
    """A word starts a sentence: the first word, or the first after `:`/`?`/`!`/`.` and a
    space (protected words count as words)."""
    return words_before == 0 or _STARTS_SENTENCE.search(gap) is not None


# A word may hold apostrophes (`Carer's`, `Carer’s`): the letter after one is not a new word.
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_WORD_SPLIT = re.compile(f"({_WORD.pattern})")
# Between two words: a sentence end, then (after any opening quotes or brackets) a space.
_STARTS_SENTENCE = re.compile("[:?!.][:?!.\"'“‘(\\[]*\\s")


def _sentence_words(
    segments: Sequence[tuple[str, bool]], names: tuple[str, ...] | None
) -> tuple[list[str], list[bool], list[str]]:
    """The words of a title in sentence case, whether each keeps its case (protected in
    the .bib, or a proper noun), and the gaps around them (as `_split_words`).

    `names=None` skips proper nouns; a tuple (of the entry's own names, maybe empty) keeps
    names of countries, regions, languages, nationalities, months and those names.
    """
    words, kept, gaps = _split_words(segments)
    _recase_as_sentence(words, kept, gaps, names)
    return words, kept, gaps


def _recase_as_sentence(
    words: list[str], kept: list[bool], gaps: list[str], names: tuple[str, ...] | None
) -> None:
    """`_sentence_words`' work on a title already split: `words` and `kept` change in place."""
    proper_until = 0  # words before this index belong to a proper noun found already
    for index, word in enumerate(words):
        if kept[index]:
            continue
        if index < proper_until:
            kept[index] = True
            continue
        if names is not None and word[:1].isupper() and is_candidate(word, names):
            length = phrase_length(words, gaps, index, names)
            if length:
                proper_until = index + length
                kept[index] = True
                continue
        if _starts_sentence(index, gaps[index]):
            words[index] = _capitalise(word)
        elif _is_capitalised(word):
            words[index] = word.lower()


def sentence_case_segments(
    segments: Sequence[tuple[str, bool]], names: tuple[str, ...] | None = None
) -> list[tuple[str, bool]]:
    """`sentence_case`, keeping which text keeps its case (for CSL-JSON's nocase spans)."""
    words, kept, gaps = _sentence_words(segments, names)
    pieces = [(gaps[0], False)]
    for index, word in enumerate(words):
        pieces += [(word, kept[index]), (gaps[index + 1], False)]
    return merge_segments(pieces)


def sentence_case(
    segments: Sequence[tuple[str, bool]], names: tuple[str, ...] | None = None
) -> str:
    """`The NHS and Public Services: A New Deal` -> `The NHS and public services: A new deal`.

    Capitalised words (`Public`) become lower case; words in capitals or mixed case (`UK`,
    `iPhone`) and protected text stay; the first word and the first after a colon start
    with a capital. With `names` (a tuple, maybe empty), proper nouns keep their capitals
    too: `propernouns.py` says which.
    """
    words, _, gaps = _sentence_words(segments, names)
    out = [gaps[0]]
    for index, word in enumerate(words):
        out.append(word)
        out.append(gaps[index + 1])
    return "".join(out)


def lowered_words(
    segments: Sequence[tuple[str, bool]], names: tuple[str, ...] = ()
) -> list[tuple[str, bool]]:
    """The words sentence case turns to lower case, as written, each with whether the
    rest of its sentence is written in sentence case (at least two other words of four
    letters or more, most of them in lower case): there a capital is deliberate, most
    likely a proper noun that wants protecting. `Working with Cahn on time banking in
    Leeds` gives [("Cahn", True)] (`Leeds` is a place: kept); `The New Wealth of Time`
    gives [("New", False), ("Wealth", False), ("Time", False)]."""
    cased, kept, gaps = _split_words(segments)
    written = list(cased)
    _recase_as_sentence(cased, kept, gaps, names)
    lowered = [
        index
        for index, (was, now) in enumerate(zip(written, cased, strict=True))
        if was != now and now == was.lower()
    ]
    if not lowered:
        return []
    # Per sentence: how many of its telling words (four letters or more, not its first)
    # there are, and how many of them are in lower case.
    sentence_of: list[int] = []
    telling: list[bool] = []
    counts: list[list[int]] = [[0, 0]]
    for index, (word, gap) in enumerate(zip(written, gaps, strict=False)):
        starts = _starts_sentence(index, gap)
        if starts and index:
            counts.append([0, 0])
        sentence_of.append(len(counts) - 1)
        telling.append(not starts and len(word) >= 4 and word.isalpha())
        if telling[-1]:
            counts[-1][0] += 1
            counts[-1][1] += word.islower()
    result = []
    for index in lowered:
        total, lower = counts[sentence_of[index]]
        total -= telling[index]  # the others: a lowered word is capitalised, never lower
        # After a dash a new part of the title may start (`Local Area Coordination –
        # Family, friends, community`): a capital there is no sign of a proper noun.
        after_dash = _DASH.search(gaps[index]) is not None
        result.append((written[index], lower >= 2 and lower * 2 > total and not after_dash))
    return result


_DASH = re.compile(r"[–—]|\s-\s")


def title_case(segments: Sequence[tuple[str, bool]], manual: bool = False) -> str:
    """`the nature of things: a study` -> `The Nature of Things: A Study`.

    Lower-case words are capitalised except stop words in the middle; words with capitals
    and protected text stay as written. CSL's rules by default; `manual`, the Chicago
    Manual's and the MLA Handbook's: every preposition stays lower case
    (`MANUAL_STOP_WORDS`), and the last word before a colon is capitalised as the last
    word of the title is (`Budgets and Beyond: What …`).
    """
    words, protected_words, gaps = _split_words(segments)
    stop_words = MANUAL_STOP_WORDS if manual else STOP_WORDS
    last = len(words) - 1
    out = [gaps[0]]
    for index, word in enumerate(words):
        if not protected_words[index]:
            if _is_capitalised(word):  # as if from sentence case: `Of` is a stop word too
                word = word.lower()
            symbol = len(word) == 1 and words[index] == word and gaps[index + 1][:1] == "-"
            if (
                _is_lower(word)
                and not symbol  # a lower-case letter before a hyphen is a symbol: `g-factor`
                and (
                    _starts_sentence(index, gaps[index])
                    or index == last
                    or word not in stop_words
                    or (manual and _starts_sentence(index + 1, gaps[index + 1]))
                )
            ):
                word = _capitalise(word)
        out.append(word)
        out.append(gaps[index + 1])
    return "".join(out)


# --------------------------------------------------------------------------------------
# Numbers


PageForm = Literal["expanded", "chicago", "minimal", "minimal-two"]


def page_range(pages: str, form: PageForm = "expanded") -> str:
    """`1203--1221` -> `1203–1221` (expanded), `1203–21` (Chicago's abbreviated form and
    CSL `minimal-two`) or `1203–1` (`minimal`)."""
    pages = pages.strip()

    def one(match: re.Match[str]) -> str:
        first, last = match.group(1), match.group(2)
        if form != "expanded":
            # An e-locator range shortens its digits too: `e2045--e2059` -> `e2045–59`.
            prefix_first, digits_first = _split_locator(first)
            prefix_last, digits_last = _split_locator(last)
            if digits_first and digits_last and prefix_last in ("", prefix_first):
                last = _abbreviate(digits_first, digits_last, form)
        return f"{first}–{last}"

    return _RANGE.sub(one, pages)


_RANGE = re.compile(r"(\w+)\s*(?:-+|–|—)\s*(\w+)")
_LOCATOR = re.compile(r"([A-Za-z]*)(\d+)")


def capitalise_first(text: str) -> str:
    """`technical report` -> `Technical report`: only the first letter changes."""
    return text[:1].upper() + text[1:]


def page_label(pages: str) -> str:
    """`pp. 12–34` for a range or a list, `p. 12` for one page, "" for none."""
    if not pages:
        return ""
    return f"pp. {pages}" if "–" in pages or "," in pages else f"p. {pages}"


def _split_locator(text: str) -> tuple[str, str]:
    """`e2045` -> ("e", "2045"); `1203` -> ("", "1203"); anything else -> ("", "")."""
    match = _LOCATOR.fullmatch(text)
    if not match or not match.group(2).isdecimal():
        return "", ""
    return match.group(1), match.group(2)


def _abbreviate(first: str, last: str, form: str) -> str:
    if len(first) != len(last):
        return last
    if form in ("minimal", "minimal-two"):
        keep = 1 if form == "minimal" else 2
        index = 0
        while index < len(first) - keep and first[index] == last[index]:
            index += 1
        return last[index:]
    # Chicago (16th and later): keep all digits below 100 and for multiples of 100;
    # 101-109 style ranges drop to the changed part; otherwise at least two digits.
    start = int(first)
    if start < 100 or start % 100 == 0:
        return last
    if start % 100 < 10:
        return _abbreviate(first, last, "minimal")
    if len(first) == 4 and first[0] != last[0]:
        return last
    index = 0
    while index < len(first) - 2 and first[index] == last[index]:
        index += 1
    return last[index:]


def ordinal(number: int, forms: tuple[str, str, str, str] = ("st", "nd", "rd", "th")) -> str:
    """`2` -> `2nd` (English ordinals)."""
    if 10 <= number % 100 <= 20:
        return f"{number}{forms[3]}"
    return f"{number}{forms[{1: 0, 2: 1, 3: 2}.get(number % 10, 3)]}"


def edition_label(edition: str, abbreviation: str = "ed.") -> str:
    """`2` -> `2nd ed.`; a worded edition (`Revised`) is kept as written."""
    edition = edition.strip()
    if not edition:
        return ""
    if edition.isdecimal():  # not `isdigit`: `int` rejects digits such as `²`
        return f"{ordinal(int(edition))} {abbreviation}"
    return edition
