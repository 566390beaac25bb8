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
from dataclasses import dataclass

import regex

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

_LETTER_RUN = regex.compile(r"\p{L}[\p{L}\p{M}]*")
_ARABIC_LETTER = regex.compile(r"[\u0621-\u064a]")
_VIET_ALPHABET = regex.compile(
    r"[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
    r"ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ]"
)
_SUSPECT = regex.compile(r"[\x80-\x9f\u00a0-\u00bf\u00d7\u00f7\ufffd\p{Co}\p{Cn}]")


class UndecodableError(ValueError):
    """The bytes are not text in any encoding we can name with confidence."""


@dataclass(frozen=True, slots=True)
class Sniffed:
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
                raise UndecodableError(f"starts with a {name} byte-order mark but is not valid {name}: {exc.reason} at byte {exc.start + len(bom)}") from None
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16
    if b"\x00" in data:
        raise UndecodableError("binary file (contains NUL bytes)")
    try:
        return Sniffed(data.decode("utf-8"), "utf-8", b"", 1.0)
    except UnicodeDecodeError as exc:
        utf8_error = exc
    return _legacy(data, utf8_error)


def _utf16_without_bom(data: bytes) -> Sniffed | None:
    """UTF-16 text without a BOM has NULs in every other byte for ASCII,
    and a constant high byte for one script (0x06 for Arabic)."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    for name, high, low in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        common = max(set(high), key=high.count)
        share = high.count(common) / len(high)
        if common in (0, 6) and share > 0.6 and low.count(0) < len(low) * 0.05:
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
    for c in chars:
        cat = unicodedata.category(c)
        if cat in ("Cc", "Cn", "Co", "Cs") or _SUSPECT.match(c):
            bad += 1
    return 1 - bad / len(chars)


def _script_score(text: str, encoding: str) -> float:
    """How natural ``text`` looks for the language its encoding is made for:
    the share of non-ASCII letters that belong to that language's alphabet,
    times the share of characters that are not controls or mojibake-like."""
    letters = [c for c in "".join(_LETTER_RUN.findall(text)) if c >= "\x80"]
    if not letters:
        return 0.0
    joined = "".join(letters)
    if encoding in ARABIC_ENCODINGS:
        share = len(_ARABIC_LETTER.findall(joined)) / len(letters)
    elif encoding == "cp1258":
        composed = unicodedata.normalize("NFC", joined)
        share = len(_VIET_ALPHABET.findall(composed)) / max(1, len(composed))
    else:
        share = sum(1 for c in letters if c < "\u0250") / len(letters) * 0.9
    return _plausibility(text) * share


def _charset_normalizer_guess(data: bytes) -> tuple[str, float] | None:
    """charset-normalizer's best guess among our candidates, if it has one.

    It is the maintained detector and measures "chaos" far better than a
    hand-written scorer; we restrict it to the encodings this project's
    languages use, so it cannot wander off into KOI8 or Thai.
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


def _legacy(data: bytes, utf8_error: UnicodeDecodeError) -> Sniffed:
    guess = _charset_normalizer_guess(data)
    if guess is not None:
        name, confidence = guess
        text = data.decode(name)
        if name == "cp1258":
            text = unicodedata.normalize("NFC", text)
        if _script_score(text, name) >= 0.6:
            return Sniffed(text, name, b"", round(confidence, 3))
    scored: list[tuple[float, str, str]] = []
    for name in LEGACY_CANDIDATES:
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        if name == "cp1258":
            text = unicodedata.normalize("NFC", text)
        scored.append((_script_score(text, name), name, text))
    scored.sort(reverse=True)
    if not scored:
        raise UndecodableError(f"not UTF-8 ({utf8_error.reason} at byte {utf8_error.start}) and no legacy encoding fits")
    best, name, text = scored[0]
    runner = next((s for s, n, t in scored[1:] if t != text), 0.0)
    if best < 0.9 or best - runner < 0.05:
        raise UndecodableError(
            f"not UTF-8 ({utf8_error.reason} at byte {utf8_error.start}); best guess {name} "
            f"is not certain enough (score {best:.2f} vs {runner:.2f})"
        )
    return Sniffed(text, name, b"", round(best, 3))
