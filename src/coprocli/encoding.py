"""Turning the bytes of a .bib file into text, or a clear error.

Real libraries come as UTF-8 (with or without a byte-order mark), UTF-16 with a BOM, or a
legacy 8-bit code page, sometimes declared in a header (`% Encoding: windows-1252` from
JabRef, `-*- coding: latin-9 -*-` for Emacs) and sometimes declared wrongly. A file whose
encoding cannot be told is refused rather than loaded with garbage keys.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from .errors import BibFileError

_DECLARATION = re.compile(
    rb"(?:%\s*Encoding:\s*|-\*-\s*coding:\s*)([A-Za-z0-9_.:-]+?)(?:-unix|-dos|-mac)?(?:\s|-\*-|$)",
    re.IGNORECASE,
)

#: How often a file's first bytes are checked for a binary (NUL) or declared encoding.
_HEAD = 4096


@dataclass(frozen=True, slots=True)
class DecodedText:
    """The text of a file and, when it was not UTF-8, the encoding it was read as."""

    text: str
    encoding: str
    guessed: bool = False


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM shows NUL bytes on every other position."""
    head = data[:_HEAD]
    if len(head) < 4:
        return None
    even_nuls = head[0::2].count(0)
    odd_nuls = head[1::2].count(0)
    half = len(head) // 2
    if odd_nuls > 0.4 * half and even_nuls < 0.05 * half:
        return "utf-16-le"
    if even_nuls > 0.4 * half and odd_nuls < 0.05 * half:
        return "utf-16-be"
    return None


def _looks_like_latin_text(text: str) -> bool:
    """True if non-ASCII letters sit singly among ASCII, as accents in Western text do.

    A multibyte encoding (GBK, Shift-JIS, UTF-8 mangled twice) read as a code page gives
    runs of two or more non-ASCII characters instead; C1 control characters never occur
    in real text.
    """
    non_ascii = 0
    in_runs = 0
    previous_high = False
    for index, char in enumerate(text):
        high = ord(char) > 127
        if not high:
            previous_high = False
            continue
        if 0x80 <= ord(char) <= 0x9F:
            return False
        non_ascii += 1
        next_high = index + 1 < len(text) and ord(text[index + 1]) > 127
        if previous_high or next_high:
            in_runs += 1
        previous_high = True
    return non_ascii == 0 or in_runs <= 0.5 * non_ascii


#: The legacy encodings of Chinese, Japanese and Korean exports (CNKI, CiNii, RISS).
#: Each can decode many byte strings of the others, so the one whose reading looks most
#: like its language wins (`_language_score`).
_EAST_ASIAN = ("gb18030", "big5", "shift_jis", "euc_jp", "euc_kr")
#: Ideographs, kana, hangul and their punctuation and full-width forms.
_EAST_ASIAN_CHARS = re.compile(
    "[\u3000-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uff00-\uffef]"
)
_KANA = re.compile("[\u3040-\u30ff]")
#: The most frequent characters of Chinese (simplified and traditional) and Korean text:
#: a right reading is full of them, a wrong one (GBK read as EUC-KR) has few.
_COMMON_HANZI = frozenset(
    "的一是不了人在有我他这中大来上个国到说们为子和你地出道也时年得就那要下以生会自着去之过家"
    "学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见"
    "经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话"
    "者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平真听"
    "世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九性通目华报立马命"
    "张活难神数件安表原车白应路期死常提感金何更反合放做系计或司利受光王果亲界及今京务制解各任"
    "至清物台象记边共风战干接它许八特觉望直服林题建南度统色字请交爱让认算论百义科怎元社术结六"
    "功指思非流每青管夫连远资队带花快条院变联言权往展该领传近留红治决周保达办运武半七必城父强"
    "步完革深区即求品士转量空众技轻程告江语英基派满式李息写识极令黄德收钱党未持取设始版双历越"
    "史商千片容研像找友孩站广改议形委早房音火际则首单据导影失拿网香似专石若兵弟谁校读志飞观争"
    "究包组造落视济喜离虽坏兴切府這來個國說們為會對後麼過動兩長見現樣實問與進開時學發還經頭"
    "體關係機種點當條區應義無國際研究學報論文"
)
_COMMON_HANGUL = frozenset(
    "이의다는에을한하지가고기서로자리사어도나를으수대그인아시있해정적일보장부상전들성제라방국"
    "연주과것요학면우게위소만여생문원관세경구동무개화내비저미신계공회실결발명연구논문학회지"
)


def _language_score(text: str, encoding: str) -> float:
    """How much `text`, read as `encoding`, looks like that encoding's language: the share
    of its non-ASCII characters that are kana (Japanese) or common Korean or Chinese
    characters; 0 when anything in it is not East Asian script."""
    high = [char for char in text if ord(char) > 127]
    if not high or len(_EAST_ASIAN_CHARS.findall(text)) < 0.95 * len(high):
        return 0.0
    if encoding in ("shift_jis", "euc_jp"):
        return len(_KANA.findall(text)) / len(high)
    common = _COMMON_HANGUL if encoding == "euc_kr" else _COMMON_HANZI
    return sum(1 for char in high if char in common) / len(high)


def _east_asian(data: bytes) -> DecodedText | None:
    """The file read in the East Asian encoding that fits it best; None when none fits."""
    best: tuple[float, str, str] | None = None
    for encoding in _EAST_ASIAN:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        score = _language_score(text, encoding)
        if score >= 0.1 and (best is None or score > best[0]):
            best = (score, encoding, text)
    return DecodedText(best[2], best[1], guessed=True) if best else None


def _declared_encoding(data: bytes) -> str | None:
    match = _DECLARATION.search(data[:_HEAD])
    if not match:
        return None
    name = match.group(1).decode("ascii", "replace").lower()
    name = {"latin-9": "iso8859-15", "latin9": "iso8859-15", "latin-2": "iso8859-2"}.get(name, name)
    try:
        "a".encode(name)  # a text encoding: `base64` and `zlib` are codecs, not charsets
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_bib_bytes(data: bytes, label: str) -> DecodedText:
    """Decode a .bib file's bytes; `label` names the file in error messages."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return DecodedText(data.decode(encoding), encoding)
            except UnicodeDecodeError as error:
                raise BibFileError(
                    f"{label}: starts with a {encoding} byte-order mark but is not valid "
                    f"{encoding} (byte {error.start}); re-save it as UTF-8."
                ) from None
    utf16 = _utf16_without_bom(data)
    if utf16:
        try:
            return DecodedText(data.decode(utf16), utf16, guessed=True)
        except UnicodeDecodeError:
            pass
    if b"\x00" in data[:_HEAD]:
        raise BibFileError(
            f"{label}: is not a text file (it contains NUL bytes); give a .bib file."
        )
    try:
        return DecodedText(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as error:
        first_bad = error.start
    declared = _declared_encoding(data)
    candidates = [enc for enc in (declared, "cp1252") if enc and enc != "utf-8"]
    for encoding in dict.fromkeys(candidates):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_like_latin_text(text):
            return DecodedText(text, encoding, guessed=encoding != declared)
    east_asian = _east_asian(data)
    if east_asian is not None:
        return east_asian
    line = data[:first_bad].count(b"\n") + 1
    raise BibFileError(
        f"{label}: is not UTF-8 (invalid byte on line {line}) and its encoding could not be "
        "told; convert it to UTF-8, e.g. 'iconv -f GBK -t UTF-8 in.bib > out.bib'."
    )
