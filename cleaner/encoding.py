"""Bytes to text: BOMs, UTF-8, UTF-16 without a BOM, and legacy code pages.

The legacy encodings this project meets (Windows-1256, ISO-8859-6 and Mac
Arabic for Arabic; Windows-1258 for Vietnamese; Windows-1252 for Western
text) all decode almost any byte string without error, so "it decodes" proves
nothing.  Each candidate decoding is scored by how much of it is letters of
one plausible script, and a decoding is accepted only when it is clearly
better than the runner-up.  Anything else is an error for that file: we leave
a file alone rather than guess.
"""

from __future__ import annotations

import codecs
import unicodedata
from functools import cache
from typing import NamedTuple

import regex
from msgspec import Struct

from cleaner.textnorm import normalize

BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Candidates for bytes that are not UTF-8, most specific first.
LEGACY_CANDIDATES: tuple[str, ...] = ("cp1256", "iso-8859-6", "mac_arabic", "cp1258", "cp1252")
ARABIC_ENCODINGS = frozenset({"cp1256", "iso-8859-6", "mac_arabic"})
# charset-normalizer's names for the same code pages (it has no Mac Arabic:
# our own scorer covers that one).
NORMALIZER_CANDIDATES = ("cp1256", "iso8859_6", "cp1258", "cp1252")
_CODEC_NAMES = {"iso8859_6": "iso-8859-6", "windows-1256": "cp1256", "windows-1258": "cp1258", "windows-1252": "cp1252"}

# Western text is mostly ASCII letters: above this share of accented ones,
# a "Windows-1252" reading is more likely another code page's bytes.
_WESTERN_ACCENTED = 0.3
_TYPOGRAPHY = frozenset("‘’‚“”„–—…•€£©®°±·«»\u00a0")


class _Patterns(NamedTuple):
    letter_run: regex.Pattern[str]
    arabic_letter: regex.Pattern[str]
    latin_letter: regex.Pattern[str]
    odd_in_arabic: regex.Pattern[str]
    viet_alphabet: regex.Pattern[str]
    suspect: regex.Pattern[str]


@cache
def _patterns() -> _Patterns:
    """Compiled when a file is not UTF-8, which most runs never meet: at
    import they cost a hook 5-8 ms."""
    return _Patterns(
        letter_run=regex.compile(r"\p{L}[\p{L}\p{M}]*"),
        # Arabic letters and the harakat written on them (tanween in "شكراً"):
        # the harakat are Script=Inherited, so \p{Script=Arabic} would miss them.
        arabic_letter=regex.compile(r"[\u0621-\u064a\u064b-\u0652\u0670]"),
        latin_letter=regex.compile(r"[A-Za-z\u00c0-\u024f]"),
        # Harakat on no letter; tanween (it ends a word) before a letter;
        # ASCII symbols between Arabic letters.
        odd_in_arabic=regex.compile(
            r"(?<![\p{L}\p{M}])[\u064b-\u0652]|[\u064b-\u064d](?=[\u0621-\u064a])|(?<=[\u0621-\u0652])[_^\\|{}\[\]<>](?=[\u0621-\u0652])"
        ),
        viet_alphabet=regex.compile(
            r"[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
            r"ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ]"
        ),
        suspect=regex.compile(r"[\x80-\x9f\u00a0-\u00bf\u00d7\u00f7\ufffd\p{Co}\p{Cn}]"),
    )


class UndecodableError(ValueError):
    """The bytes are not text in any encoding we can name with confidence."""


class Sniffed(Struct, frozen=True):
    text: str
    encoding: str
    bom: bytes
    confidence: float


def sniff(data: bytes) -> Sniffed:
    """Decode ``data``, naming the encoding and how sure we are of it."""
    for bom, name in BOMS:
        if data.startswith(bom):
            # UTF-32-LE's BOM starts with UTF-16-LE's: the order above matters
            try:
                return Sniffed(data[len(bom) :].decode(name), name, bom, 1.0)
            except UnicodeDecodeError as exc:
                raise UndecodableError(
                    f"starts with a {name} byte-order mark but is not valid {name}: {exc.reason} at byte {exc.start + len(bom)}"
                ) from None
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16
    if b"\x00" in data:
        raise UndecodableError("binary file (contains NUL bytes)")
    try:
        return Sniffed(data.decode("utf-8"), "utf-8", b"", 1.0)
    except UnicodeDecodeError as exc:
        utf8_error = exc
    _refuse_damaged_utf8(data, utf8_error)
    return _legacy(data, utf8_error)


def _refuse_damaged_utf8(data: bytes, error: UnicodeDecodeError) -> None:
    """Refuse UTF-8 with a few bad bytes instead of reading it in a legacy code page.

    A file cut short in the middle of a character, or with one byte
    mangled, is still UTF-8 everywhere else.  Read as Windows-1252 or -1258,
    every intact character would become mojibake, and ``fix`` would write
    that mojibake back as UTF-8.  Legacy files almost never hold a valid
    UTF-8 sequence (the corpus's and peer suites' hold at most two, against
    a dozen or hundreds of invalid ones), so many intact sequences and few
    broken ones mean damaged UTF-8.
    """
    text = data.decode("utf-8", errors="replace")
    replaced = text.count("\ufffd")
    broken = replaced - data.count("\ufffd".encode())
    intact = len(text) - len(text.encode("ascii", "ignore")) - replaced
    if broken == 1 and error.reason == "unexpected end of data" and (intact or len(data) - error.start > 1):
        # only the last character is incomplete (a lone lead byte with
        # nothing UTF-8 before it is still Windows-1252's "café")
        raise UndecodableError(
            f"not UTF-8: ends in the middle of a character (byte {error.start}), as if cut short; left as it is, not guessed as a legacy code page"
        )
    if intact >= 2 and intact >= 2 * broken:
        raise UndecodableError(
            f"not UTF-8: {broken} invalid byte sequence{'s' if broken != 1 else ''} in otherwise valid UTF-8 text"
            f" (first: {error.reason} at byte {error.start}); damaged UTF-8 is left as it is, not guessed as a legacy code page"
        )


def _utf16_without_bom(data: bytes) -> Sniffed | None:
    """UTF-16 text without a BOM has NULs in every other byte for ASCII,
    and a constant high byte for one script (0x06 for Arabic)."""
    if len(data) < 4 or len(data) % 2:
        return None
    if b"\x00" not in data and data.count(6) <= 0.6 * (len(data) // 2):
        return None  # no high byte can be 0, nor 6 in more than 60% of them: what the counts below would find
    even, odd = data[0::2], data[1::2]
    for name, high, low in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        # Only a high byte of 0 or 6 counts, and more than 60% of them makes
        # it the most common one: two C-speed counts instead of a histogram.
        share = max(high.count(0), high.count(6)) / len(high)
        if share > 0.6 and low.count(0) < len(low) * 0.05:
            try:
                text = data.decode(name)
            except UnicodeDecodeError:
                continue
            if _plausibility(text) > 0.5:
                return Sniffed(text, name, b"", 0.9)
    return None


def _plausibility(text: str) -> float:
    """Share of non-space characters that are letters, digits or common
    punctuation rather than controls, unassigned or mojibake-looking ones."""
    chars = [c for c in text if not c.isspace()]
    if not chars:
        return 1.0
    bad = 0
    suspect = _patterns().suspect
    for c in chars:
        cat = unicodedata.category(c)
        if cat in ("Cc", "Cn", "Co", "Cs") or suspect.match(c):
            bad += 1
    return 1 - bad / len(chars)


def _plausibility_typography(text: str) -> float:
    """``_plausibility`` that lets typography (`“`, `—`, NBSP) pass: it is
    mojibake-like in Arabic or Vietnamese text, but normal in English."""
    chars = [c for c in text if not c.isspace() and c not in _TYPOGRAPHY]
    if not chars:
        return 1.0
    suspect = _patterns().suspect
    bad = sum(1 for c in chars if unicodedata.category(c) in ("Cc", "Cn", "Co", "Cs") or suspect.match(c))
    return 1 - bad / len(chars)


def _script_score(text: str, encoding: str) -> float:
    """How natural ``text`` looks for the language its encoding is made for:
    the share of non-ASCII letters that belong to that language's alphabet,
    times the share of characters that are not controls or mojibake-like.
    Western text must also look Western: mostly ASCII letters, since Arabic
    bytes read as Windows-1252 are Latin-1 letters too (`ÔãÑÇë`), all of them
    accented; and Arabic must not sit inside Latin words."""
    patterns = _patterns()
    runs = patterns.letter_run.findall(text)
    all_letters = "".join(runs)
    letters = [c for c in all_letters if c >= "\x80"]
    if not letters:
        # No accented letter at all: English with curly quotes and dashes,
        # which these code pages share.  Plausible when every non-ASCII
        # character is common typography; named Windows-1252 when in doubt.
        others = [c for c in text if c >= "\x80" and not c.isspace()]
        if not others:
            return 0.0
        share = sum(1 for c in others if c in _TYPOGRAPHY) / len(others)
        return _plausibility_typography(text) * share * (1.0 if encoding == "cp1252" else 0.97)
    joined = "".join(letters)
    if encoding in ARABIC_ENCODINGS:
        share = len(patterns.arabic_letter.findall(joined)) / len(letters)
        # Arabic and Latin letters in one word (`Cafى`, `هتحدثëا`) are a
        # wrong table's reading, never Arabic; so are harakat on no letter,
        # tanween inside a word and ASCII symbols between Arabic letters.
        arabic_runs = [r for r in runs if patterns.arabic_letter.search(r)]
        odd = sum(1 for r in arabic_runs if patterns.latin_letter.search(r)) + len(patterns.odd_in_arabic.findall(text))
        share *= max(0.0, 1 - odd / max(1, len(arabic_runs)))
    elif encoding == "cp1258":
        composed = normalize("NFC", joined)
        share = len(patterns.viet_alphabet.findall(composed)) / max(1, len(composed))
    else:
        accented = len(letters) / len(all_letters)
        share = sum(1 for c in letters if c < "\u0250") / len(letters) * 0.9 * min(1.0, _WESTERN_ACCENTED / accented)
    return _plausibility(text) * share


def _charset_normalizer_guess(data: bytes) -> tuple[str, float] | None:
    """charset-normalizer's best guess among our candidates, if it has one.

    It is the maintained detector and measures "chaos" (odd mixtures of
    scripts, symbols inside words) finer than our scorer, which only asks
    whether the letters belong to the code page's language; restricted to
    the code pages of this project's languages, it cannot wander off into
    KOI8 or Thai.
    """
    try:
        from charset_normalizer import from_bytes
    except ImportError:
        return None
    results = from_bytes(data, cp_isolation=list(NORMALIZER_CANDIDATES))
    best = results.best()
    if best is None or best.chaos > 0.2:
        return None
    return _CODEC_NAMES.get(best.encoding, best.encoding), 1.0 - best.chaos


# A decoding is accepted when it scores at least MIN_SCORE and no decoding
# that gives a different text comes within MARGIN of it.
MIN_SCORE = 0.9
MARGIN = 0.05


def _legacy(data: bytes, utf8_error: UnicodeDecodeError) -> Sniffed:
    """Pick the one legacy code page that fits, or refuse.

    Our scorer decides first, and charset-normalizer only breaks ties
    among the top candidates: its answer never overrules a clearly better
    score.  Measured (README, "Mojibake and encodings") on excerpts of the
    seeds and corpus in every candidate code page, charset-normalizer alone
    is wrong on 7 of 252 excerpts of 1–10 lines (one-line Arabic read with
    the wrong Arabic table) and on 443 of 1171 phrases of 2–5 words; this
    order is wrong on none of the excerpts and on one phrase (`“Rõ ràng`, as
    plausible in Windows-1258 as in Windows-1252), refusing 120 phrases.
    Ties between Arabic tables are broken by separators (0xA0 between words
    means Mac Arabic), then by the article "ال".

    The text returned is the exact decoding: Windows-1258 stores some tones
    as combining marks, and composing them is UNI003's reported fix, not a
    silent change made while reading.
    """
    where = f"not UTF-8 ({utf8_error.reason} at byte {utf8_error.start})"
    scored: list[tuple[float, str, str]] = []
    for name in LEGACY_CANDIDATES:
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        judged = normalize("NFC", text) if name == "cp1258" else text
        scored.append((_script_score(judged, name), name, text))
    scored.sort(key=lambda c: c[0], reverse=True)
    if not scored:
        raise UndecodableError(f"{where} and no legacy encoding fits")
    best, name, text = scored[0]
    if best < MIN_SCORE:
        runner = scored[1][0] if len(scored) > 1 else 0.0
        raise UndecodableError(f"{where}; best guess {name} is not certain enough (score {best:.2f} vs {runner:.2f})")
    top = [c for c in scored if best - c[0] < MARGIN]
    readings = {t for _, _, t in top}
    if len(readings) == 1:
        return Sniffed(text, name, b"", round(best, 3))
    if len({_word_separators_as_ascii(t) for t in readings}) == 1:
        # ISO-8859-6 and Mac Arabic share their letters and differ in 0xA0
        # and 0xAD: no-break space and soft hyphen, or (Mac) the space and
        # hyphen of right-to-left text.  A file that separates its words
        # with 0xA0 is Mac Arabic; ordinary spaces are the plausible reading.
        score, name, text = min(top, key=lambda c: (_odd_separators(c[2]), -c[0]))
        return Sniffed(text, name, b"", round(score, 3))
    # Different letters, all Arabic (the Arabic code pages share most of
    # them, in different places).  The reading with the article "ال" — the
    # most frequent letter pair of Arabic, which a wrong table scatters —
    # clearly more often than every other reading is the right one.
    if all(n in ARABIC_ENCODINGS for _, n, _ in top):
        ranked = sorted(top, key=lambda c: c[2].count(ARTICLE), reverse=True)
        chosen = ranked[0]
        most = chosen[2].count(ARTICLE)
        if most >= 2 and all(most >= 2 * c[2].count(ARTICLE) for c in ranked[1:] if c[2] != chosen[2]):
            return Sniffed(chosen[2], chosen[1], b"", round(chosen[0], 3))
    # Otherwise charset-normalizer breaks the tie, but only among the top
    # candidates, and only when it knows every one that reads differently
    # (it has no Mac Arabic).
    known = {_CODEC_NAMES.get(n, n) for n in NORMALIZER_CANDIDATES}
    guess = _charset_normalizer_guess(data)
    if guess is not None:
        chosen = next((c for c in top if c[1] == guess[0]), None)
        if chosen is not None and all(n in known or t == chosen[2] for _, n, t in top):
            return Sniffed(chosen[2], chosen[1], b"", round(min(chosen[0], guess[1]), 3))
    tied = ", ".join(sorted(n for _, n, _ in top))
    raise UndecodableError(f"{where}; {tied} all fit equally well and the text does not tell them apart")


ARTICLE = "\u0627\u0644"  # ال
_ASCII_SEPARATORS = str.maketrans("\u00a0\u00ad", " -")


def _word_separators_as_ascii(text: str) -> str:
    return text.translate(_ASCII_SEPARATORS)


def _odd_separators(text: str) -> int:
    return text.count("\u00a0") + text.count("\u00ad")
