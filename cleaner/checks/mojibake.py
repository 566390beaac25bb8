"""Mojibake: text that was UTF-8 but was decoded with a single-byte code page.

ftfy is the reference for undoing it, and does the work for every code page
it knows (Latin-1, Windows-1252/1250/1251, MacRoman, CP437 …), configured so
it never touches legitimate text: no quote uncurling, no line-break,
width, ligature or normalisation changes.  Two cases ftfy does not repair —
UTF-8 read as Windows-1256 (Arabic) or Windows-1258 (Vietnamese) — are
undone here byte by byte, and remnants that no decoder can restore are
reported.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import cache, lru_cache

import regex
from msgspec import Struct

from cleaner.document import Document, Line
from cleaner.finding import Category, Edit, Fix, Hit, Safety, Severity
from cleaner.lazypattern import lazy_regex
from cleaner.registry import Context, Rule
from cleaner.textnorm import normalize

from ._util import minimal_edit

# The single-byte code pages ftfy can undo (``ftfy.chardata.CHARMAP_ENCODINGS``
# by their standard names: the bytes its "sloppy" variants add decode to C1
# controls, which are suspects on their own).  A test keeps the two in step.
_FTFY_CODEPAGES = ("latin-1", "cp1252", "cp1251", "cp1250", "cp1253", "cp1254", "cp1257", "iso-8859-2", "mac_roman", "cp437")
# UTF-8 lead bytes whose lost 0xA0 continuation ftfy restores from a space
# (``restore_byte_a0``; never in MacRoman), alone or before a continuation.
_A0_BEFORE_END = frozenset(b"\xc2\xc3\xc5\xce\xd0\xd9")
_A0_BEFORE_CONT = frozenset(b"\xe0\xe1\xe2\xe3\xf0")


def _byte_chars(codec: str, lo: int, hi: int) -> dict[int, str]:
    """What each byte from ``lo`` to ``hi`` is in a single-byte code page,
    leaving out the bytes it does not define (they decode to U+FFFD, which
    no code page maps a byte to): one decode, not one per byte, as this runs
    at the start of every hook."""
    span = range(lo, hi + 1)
    return {byte: char for byte, char in zip(span, bytes(span).decode(codec, "replace"), strict=True) if char != "\ufffd"}


class _Followers(Struct, frozen=True):
    """What may follow one lead character for it to start mojibake."""

    cont: frozenset[str]  # right after it
    end: bool  # a space, then anything
    cont_after_space: frozenset[str]  # a space, then one of these
    cont_after_question: frozenset[str] = frozenset()  # a '?', then one of these


@cache
def _leads() -> dict[str, _Followers]:
    """``derive_leads()``, read from the table it was written to (see
    ``scripts/build_mojibake_tables.py``): deriving it walks ten code pages
    and builds a few hundred sets, 9 ms of every hook run."""
    from cleaner.checks import _mojibake_tables as tables

    sets = [frozenset(chars) for chars in tables.FOLLOWER_SETS]
    return {lead: _Followers(sets[cont], end, sets[space], sets[question]) for lead, (cont, end, space, question) in tables.LEADS.items()}


def derive_leads() -> dict[str, _Followers]:
    """Every character a UTF-8 lead byte becomes in one of ftfy's code pages,
    with the characters that must follow it, *in the same code page*, for the
    pair to be UTF-8 read wrongly: a continuation byte (0x80–0xBF), the '?' or
    U+FFFD that ftfy accepts for a lost byte, or a space where 0xA0 was.

    Pairs rather than single characters keep clean accented text out: "đã",
    "à ", "é." hold lead characters but no mojibake pair.

    A '?' stands for a lost byte only where ftfy's lossy-sequence pattern
    takes one: right after the leads 0xC2–0xC3, and before a continuation
    (or U+FFFD) after a three- or four-byte lead.  A question after a
    Vietnamese word ("không?") has a lead before it and is no mojibake.
    """
    cont: dict[str, set[str]] = {}
    end: set[str] = set()
    after_space: dict[str, set[str]] = {}
    after_question: dict[str, set[str]] = {}
    for codec in _FTFY_CODEPAGES:
        lost = set(_byte_chars(codec, 0x80, 0xBF).values()) | {"\ufffd"}
        conts = lost | {"?"}
        for byte, char in _byte_chars(codec, 0xC0, 0xF4).items():
            cont.setdefault(char, set()).update(conts if 0xC2 <= byte <= 0xC3 else lost)
            if byte >= 0xE0:
                after_question.setdefault(char, set()).update(lost)
            if codec != "mac_roman" and byte in _A0_BEFORE_END:
                end.add(char)
            if codec != "mac_roman" and byte in _A0_BEFORE_CONT:
                after_space.setdefault(char, set()).update(conts)
    return {
        c: _Followers(frozenset(f), c in end, frozenset(after_space.get(c, ())), frozenset(after_question.get(c, ())))
        for c, f in cont.items()
    }


def _pair_class(codec: str, leads: bytes) -> str:
    """``[leads][continuations]`` of one code page, as a regex."""
    lead, cont = _pair_parts(codec, leads)
    return f"[{lead}]{cont}"


def _pair_parts(codec: str, leads: bytes) -> tuple[str, str]:
    """The lead characters (escaped for a class) and the ``[continuations]``
    class of one code page."""
    lead = "".join(_byte_chars(codec, 0, 255)[b] for b in leads)
    cont = "".join(_byte_chars(codec, 0x80, 0xBF).values())
    return re.escape(lead), f"[{re.escape(cont)}]"


_ARABIC_LEADS = b"\xd8\xd9\xda\xdb"
_VIETNAMESE_LEADS = b"\xc3\xc4\xc5\xc6\xcc\xcd\xe1"
_C1_AND_SURROGATES = "\\x80-\\x9f\\ud800-\\udfff"


@cache
def _scan() -> re.Pattern[str]:
    """One pass over the document finds every place mojibake can start.

    The standard ``re`` module, not ``regex``: for one pass of large
    character classes over mostly clean text it is several times faster.
    Every match starts with one character from one class (what any case can
    start with), so ``re`` skips the text between candidates at C speed;
    each case then looks back to check that it owns that character.  Three
    alternatives tried at every position took six times as long.

    Group 1: UTF-8 Arabic (leads 0xD8–0xDB) read as Windows-1256 — two
    letters in a row, possibly with no-break spaces between, as MOJ002 repairs
    nothing shorter (one pair is too common in clean text: `ط،`); group 2:
    Vietnamese (leads 0xC3–0xC6, 0xCC, 0xCD, 0xE1) read as Windows-1258;
    group 3 (empty): the match's character is a lead character of ftfy's
    code pages before a non-ASCII character, a space or '?' (looked ahead,
    not consumed: the follower may start mojibake itself), checked further
    in Python, code page by code page; group 4 (empty): C1 controls and lone
    surrogates, which ftfy repairs on their own.

    The source is ``derive_scan()``'s, read from the generated table.
    """
    from cleaner.checks import _mojibake_tables as tables

    return re.compile(tables.SCAN)


def derive_scan(follow: str | None = None) -> str:
    """The source of ``_scan``'s pattern, from the code pages and
    ``derive_leads``; ``follow`` replaces the look-ahead after a lead."""
    leads_table = derive_leads()
    leads = re.escape("".join(sorted(leads_table)))
    follow = _followers_ahead(leads_table) if follow is None else follow
    ar_lead, ar_cont = _pair_parts("cp1256", _ARABIC_LEADS)
    vi_lead, vi_cont = _pair_parts("cp1258", _VIETNAMESE_LEADS)
    c1 = _C1_AND_SURROGATES
    return (
        f"[{ar_lead}{vi_lead}{leads}{c1}]"
        f"(?:(?<=[{ar_lead}])({ar_cont}(?:آ\\xa0)*[{ar_lead}]{ar_cont})"
        f"|(?<=[{vi_lead}])({vi_cont})"
        f"|(?<=[{leads}])(){follow}"
        f"|(?<=[{c1}])())"
    )


def _followers_ahead(leads: dict[str, _Followers]) -> str:
    """A look-ahead for what may follow a lead character, all leads and code
    pages together: a continuation, a '?' before one, a space before one, or
    a space after a lead whose 0xA0 ftfy restores.  A superset of each
    lead's own followers, which ``_starts_mojibake`` then checks; narrower
    than "anything but ASCII": in Vietnamese an accented vowel ends most
    words ("có ", "là "), and each was checked in Python."""

    def chars(found: Iterable[str]) -> str:
        return re.escape("".join(sorted(set(found))))

    ways = [f"[{chars(c for f in leads.values() for c in f.cont)}]"]
    after_question = chars(c for f in leads.values() for c in f.cont_after_question)
    after_space = chars(c for f in leads.values() for c in f.cont_after_space)
    ends = chars(c for c, f in leads.items() if f.end)
    ways += [f"\\?[{after_question}]"] if after_question else []
    ways += [f" [{after_space}]"] if after_space else []
    ways += [f"(?<=[{ends}]) "] if ends else []
    return f"(?={'|'.join(ways)})"


def _starts_mojibake(text: str, i: int, follow: _Followers) -> bool:
    nxt = text[i + 1 : i + 2]
    if nxt in follow.cont:
        return True
    if nxt == "?":
        return text[i + 2 : i + 3] in follow.cont_after_question
    if nxt == " ":
        return follow.end or text[i + 2 : i + 3] in follow.cont_after_space
    return False


@lru_cache(maxsize=1)  # the document being checked: its rules share one scan
def _suspect_offsets(text: str) -> tuple[int, ...]:
    """Offsets in ``text`` where mojibake may start, in order.

    This is what keeps clean text fast: one regex pass and a dictionary
    look-up per accented letter, where ftfy would run a dozen fixers over
    every line.  It is a superset of what ftfy (as configured here) and the
    Windows-1256/1258 repair act on, so no repair is lost (tested).
    """
    return suspects(text, _scan())


def suspects(text: str, scan: re.Pattern[str]) -> tuple[int, ...]:
    """``_suspect_offsets`` with ``scan`` for the pattern (a test weighs
    ``derive_scan``'s variants)."""
    out: list[int] = []
    leads = _leads()
    for m in scan.finditer(text):
        if m.group(3) is None or _starts_mojibake(text, m.start(), leads[text[m.start()]]):
            out.append(m.start())
    return tuple(out)


def _suspect_lines(doc: Document) -> Iterator[tuple[Line, str]]:
    """The prose lines that hold a place where mojibake may start."""
    seen = -1
    for offset in _suspect_offsets(doc.text):
        number = doc.index.position(offset)[0]
        if number == seen:
            continue
        seen = number
        line = doc.lines[number - 1]
        if doc.prose is None or doc.in_prose(line.start, line.end):
            yield line, doc.text[line.start : line.end]


@cache
def _ftfy_config():  # type: ignore[no-untyped-def]
    from ftfy import TextFixerConfig

    return TextFixerConfig(
        unescape_html=False,
        remove_terminal_escapes=False,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        remove_control_chars=False,
        normalization=None,
        explain=True,
    )


_CODEC_NAMES = {
    "latin-1": "Latin-1",
    "sloppy-windows-1252": "Windows-1252",
    "sloppy-windows-1250": "Windows-1250",
    "sloppy-windows-1251": "Windows-1251",
    "windows-1252": "Windows-1252",
    "iso-8859-2": "ISO-8859-2",
    "macroman": "MacRoman",
    "cp437": "CP437",
}


_STEP_NAMES = {
    "decode_inconsistent_utf8": "UTF-8 text decoded as Windows-1252 in places",
    "restore_byte_a0": "UTF-8 text decoded as Windows-1252, with no-break spaces lost",
    "replace_lossy_sequences": "mojibake whose lost bytes leave only a replacement character",
    "fix_c1_controls": "Windows-1252 characters read as C1 control codes",
    "fix_surrogates": "UTF-16 surrogate pairs left undecoded",
}


@lru_cache(maxsize=4096)
def _ftfy_fix(line: str) -> tuple[str, str]:
    from ftfy import fix_and_explain

    result = fix_and_explain(line, config=_ftfy_config())
    steps = result.explanation or []
    encodings = [_CODEC_NAMES.get(p, p) for a, p in steps if a == "encode"]
    if encodings:
        how = f"UTF-8 text decoded as {encodings[0]}"
    else:
        how = "; ".join(_STEP_NAMES.get(p, p.replace("_", " ")) for _, p in steps) or "garbled text"
    return result.text, how


# --- Windows-1256 (Arabic) and Windows-1258 (Vietnamese) ------------------

# Arabic script plus the punctuation Arabic text uses (quotes, dashes,
# guillemets), which only ever come along with letters (see below).
_ARABIC_OK = lazy_regex(r"[\p{Script=Arabic}\u064b-\u065f\u0660-\u0669\u060c\u061b\u061f\u0640\u00ab\u00bb\u2013\u2014\u2018-\u201d\u2026]")
_ARABIC_LETTERS = lazy_regex(r"[\u0621-\u064a\u0660-\u0669]")
_VIET_LETTER_CHARS = (
    "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ"
)
_VIET_LETTERS = lazy_regex(f"[{_VIET_LETTER_CHARS}]")
_VIET_OK = lazy_regex(f"[{_VIET_LETTER_CHARS}" + r"\u0300-\u0303\u0306\u0309\u031b\u0323\u2013\u2014\u2018-\u201d\u2026]")
# (codec, label, characters a repaired stretch may hold, its letters, the garbled form's signature)
_LEGACY = (
    ("cp1256", "Windows-1256", _ARABIC_OK, _ARABIC_LETTERS, lazy_regex(r"[طظ]")),
    (
        "cp1258",
        "Windows-1258",
        _VIET_OK,
        _VIET_LETTERS,
        lazy_regex(r"[ĂăĐđƠơƯư\u0300\u0301\u0303\u0309\u0323»¼½¾¿º¹¸·¶µ´³²±°¯®­¬«ª©¨§¦¥¤£¢¡‡†…„‚‰‹›•–—™]"),
    ),
)


def _utf8_length(lead: int) -> int:
    if 0xC2 <= lead <= 0xDF:
        return 2
    if 0xE0 <= lead <= 0xEF:
        return 3
    if 0xF0 <= lead <= 0xF4:
        return 4
    return 0


@lru_cache(maxsize=4096)
def legacy_repairs(line: str, codecs: tuple[str, ...] = ("cp1256", "cp1258")) -> tuple[tuple[int, int, str, str], ...]:
    """Stretches of ``line`` that are UTF-8 read as Windows-1256 or -1258.

    Each character of a single-byte code page is one byte, so the line is
    re-encoded character by character and scanned for well-formed UTF-8
    sequences.  A stretch is accepted only when it decodes to at least two
    characters of the code page's own script (Arabic letters for 1256,
    Vietnamese letters and marks for 1258) and its mojibake shows the code
    page's signature characters: clean Arabic or Vietnamese almost never
    re-encodes to valid multi-byte UTF-8, and never to two letters of it.
    Returns (start, end, repaired, code page name) tuples.
    """
    for codec, label, script_ok, letter, signature in _LEGACY:
        if codec not in codecs or not signature.search(line):
            continue
        leads = _lead_chars(codec)
        if not leads.search(line):
            continue  # no character that is a UTF-8 lead byte in the code page: nothing decodes
        byte_of = _byte_of(codec)
        out: list[tuple[int, int, str, str]] = []
        singles: list[tuple[int, int, str, str]] = []
        marks: list[tuple[int, int, str, str]] = []
        i = 0
        n = len(line)
        run_start = -1
        decoded: list[str] = []
        while i <= n:
            if run_start < 0:
                # outside a stretch only a lead byte can start one: jump to the next
                lead_at = leads.search(line, i)
                if lead_at is None:
                    break
                i = lead_at.start()
            lead = byte_of.get(line[i]) if i < n else None
            size = _utf8_length(lead) if lead is not None else 0
            seq = [byte_of.get(ch) for ch in line[i : i + size]]
            ok = size and len(seq) == size and all(b is not None and 0x80 <= b <= 0xBF for b in seq[1:])
            if ok:
                try:
                    ch = bytes(seq).decode("utf-8")  # type: ignore[arg-type]
                except UnicodeDecodeError:
                    ok = False
            if ok and (script_ok.match(ch) or (decoded and ch in " \u00a0")):
                if run_start < 0:
                    run_start = i
                decoded.append(ch)
                i += size
                continue
            if run_start >= 0:
                # the exact decoding: composing Windows-1258's separate tone
                # marks is UNI003's business, reported as such
                text = "".join(decoded)
                # a tone mark alone is a letter with the ASCII vowel before it
                before = line[run_start - 1] if run_start and line[run_start - 1].isascii() else ""
                letters = len(letter.findall(normalize("NFC", before + text)))
                if letters >= 2 and signature.search(line[run_start:i]):
                    out.append((run_start, i, text, label))
                elif letters == 1:
                    singles.append((run_start, i, text, label))
                else:
                    marks.append((run_start, i, text, label))
                run_start, decoded = -1, []
            i += 1
        # One-letter stretches ("và", "có", "و") count only in company: with
        # a longer stretch on the line, or (Vietnamese, whose one-syllable
        # words are often one letter away from ASCII) at least two of them.
        # Arabic "ط" before an Arabic comma re-encodes to a valid one-letter
        # sequence, so Arabic never accepts singles alone.  Stretches with no
        # letter (`طŒ` for "،", `â€œ` for "“") come along with the others.
        if out or (codec == "cp1258" and len(singles) >= 2):
            return tuple(sorted(out + singles + marks))
    return ()


@cache
def _byte_of(codec: str) -> dict[str, int]:
    """The byte of each character in a single-byte code page, one look-up a
    character instead of an encode call.  Windows reads a byte its code page
    leaves undefined as the C1 control of the same number ("sloppy", in
    ftfy's words), so those controls stand for their own number."""
    table = {char: byte for byte, char in _byte_chars(codec, 0x00, 0xFF).items()}
    for byte in _undefined_bytes(codec):
        table.setdefault(chr(byte), byte)
    return table


@cache
def _lead_chars(codec: str) -> re.Pattern[str]:
    """The characters whose byte in the code page leads a UTF-8 sequence."""
    chars = sorted(char for char, byte in _byte_of(codec).items() if _utf8_length(byte))
    return re.compile("[" + "".join(map(re.escape, chars)) + "]")


@cache
def _undefined_bytes(codec: str) -> frozenset[int]:
    return frozenset(b for b in range(0x80, 0xA0) if b not in _byte_chars(codec, b, b))


@cache
def _cp1258_pair() -> re.Pattern[str]:
    return re.compile(_pair_class("cp1258", _VIETNAMESE_LEADS))


def _apply(line: str, repairs: tuple[tuple[int, int, str, str], ...]) -> str:
    out, pos = [], 0
    for a, b, new, _ in repairs:
        out += [line[pos:a], new]
        pos = b
    return "".join(out) + line[pos:]


@lru_cache(maxsize=4096)
def line_plan(line: str) -> tuple[str, object] | None:
    """Which repair a line gets, so the two rules never fight over it.

    Windows-1256 Arabic first (ftfy would leave it, or worse); then ftfy for
    everything it knows; Windows-1258 where ftfy changes nothing or leaves
    Windows-1258 mojibake behind, since its signature characters also occur
    in Central European mojibake that ftfy repairs whole.
    """
    arabic = legacy_repairs(line, ("cp1256",))
    if arabic:
        return "MOJ002", arabic
    fixed, how = _ftfy_fix(line)
    viet = legacy_repairs(line, ("cp1258",))
    if viet and fixed == line:
        return "MOJ002", viet
    if viet and _cp1258_pair().search(fixed):
        # ftfy repaired the parts that Windows-1252 shares with Windows-1258
        # and left the rest (`CĂ¡i lồn`): the Windows-1258 reading takes the
        # whole line when it leaves nothing for ftfy to repair.
        whole = _apply(line, viet)
        if _ftfy_fix(whole)[0] == whole:
            return "MOJ002", viet
    if fixed != line:
        return "MOJ001", (fixed, how)
    return None


def _ftfy_mojibake(doc: Document, ctx: Context) -> Iterator[Hit]:
    """## What it does
    Finds mojibake — UTF-8 text that was decoded with a single-byte code page
    such as Windows-1252, Latin-1, Windows-1250/1251, MacRoman or CP437 — and
    repairs it with ftfy, the reference library for this.

    ## Why it matters
    `doesnâ€™t`, `Ø§Ù„Ø³Ù„Ø§Ù…` and `Viá»‡t` are unreadable, unsearchable
    and spread to every copy of the article.

    ## Example
    `The Mona Lisa doesnâ€™t have eyebrows.` becomes
    `The Mona Lisa doesn’t have eyebrows.`; `Ø§Ù„Ø³Ù„Ø§Ù…` becomes `السلام`.

    ## Fix safety
    Safe: ftfy decodes only when the result is clearly less garbled (its
    own badness measure), and is configured to change nothing else — curly
    quotes, line breaks, widths, ligatures and normalisation are left alone.
    Lines that are Windows-1256/1258 mojibake are left to MOJ002.
    """
    for line, text in _suspect_lines(doc):
        plan = line_plan(text)
        if plan is None or plan[0] != "MOJ001":
            continue
        fixed, how = plan[1]  # type: ignore[misc]
        edit = minimal_edit(text, fixed, line.start)
        yield Hit(edit.start, edit.end, f"Mojibake: {how}", Fix("Repair mojibake", (edit,), Safety.SAFE))


def _legacy_mojibake(doc: Document, ctx: Context) -> Iterator[Hit]:
    """## What it does
    Finds UTF-8 Arabic read as Windows-1256 (`ظ…ط±ط­ط¨ط§` for `مرحبا`) and
    UTF-8 Vietnamese read as Windows-1258, which ftfy does not repair, and
    restores the text.

    ## Why it matters
    These are the most common mojibake of Arabic and Vietnamese content
    (old Windows tools and databases default to these code pages); ftfy's
    default pass even makes the Arabic case worse.

    ## Example
    `ظ…ط±ط­ط¨ط§ ط¨ظƒظ…` becomes `مرحبا بكم`.

    ## Fix safety
    Safe: a stretch is repaired only when its bytes form well-formed UTF-8
    that decodes to at least two letters of the code page's own script and
    the garbled form shows that code page's signature characters; clean
    Arabic and Vietnamese do not pass that test (ftfy's negative cases and
    the seeds are the control).  One-letter stretches are repaired only in
    the company of others on the same line.
    """
    for line, text in _suspect_lines(doc):
        plan = line_plan(text)
        if plan is None or plan[0] != "MOJ002":
            continue
        repairs: tuple[tuple[int, int, str, str], ...] = plan[1]  # type: ignore[assignment]
        edits = tuple(Edit(line.start + a, line.start + b, new) for a, b, new, _ in repairs)
        label = repairs[0][3]
        where = f" ({len(edits)} places)" if len(edits) > 1 else ""
        yield Hit(
            edits[0].start, edits[-1].end, f"Mojibake: UTF-8 text decoded as {label}{where}", Fix("Repair mojibake", edits, Safety.SAFE)
        )


# --- Remnants: mojibake that lost bytes ------------------------------------

# "â€" followed by a continuation character, possibly with spaces slipped in
# between (an editor or a tokenizer did that): UTF-8 punctuation U+2000–U+20FF
# read as Windows-1252.  Reconstructed only when the result decodes.
_SPACED_TRIPLE = regex.compile(
    r"â ?€ ?([\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122])"
)
# A lone "â" glued to the end of a Latin word: the lead byte of a curly
# quote or dash whose other two bytes were dropped.
_LONE_LEAD = regex.compile(r"(?<=[A-Za-z0-9])â(?=[\s\p{P}]|$)")
# Latin-1 letters in a line that is otherwise Arabic script: never Arabic.
_LATIN1_IN_ARABIC = regex.compile(r"[\u00c0-\u00ff]")
_ARABIC_LETTER = regex.compile(r"\p{Script=Arabic}")
_REMNANT_IN_ARABIC = regex.compile(r"[â\u00c0-\u00ff]")
# The word around a position, found from the position outwards (the first
# searched backwards): slicing the line or searching it from its start for
# every letter was quadratic on long lines full of them.
_WORD_BEFORE = regex.compile(r"(?r)\S*\Z")
_WORD_AFTER = regex.compile(r"\S*")


def _remnant_lines(doc: Document) -> Iterator[tuple[Line, str]]:
    """Prose lines with an `â`, or with a Latin-1 letter when the document
    holds Arabic: one scan of the text instead of three tests per line."""
    text = doc.text
    if _ARABIC_LETTER.search(text):
        offsets: Iterator[int] = (m.start() for m in _REMNANT_IN_ARABIC.finditer(text))
    else:
        offsets = _find_all(text, "â")
    seen = -1
    for offset in offsets:
        number = doc.index.position(offset)[0]
        if number != seen:
            seen = number
            line = doc.lines[number - 1]
            if doc.prose is None or doc.in_prose(line.start, line.end):
                yield line, text[line.start : line.end]


def _find_all(text: str, char: str) -> Iterator[int]:
    i = text.find(char)
    while i >= 0:
        yield i
        i = text.find(char, i + 1)


def _mojibake_remnant(doc: Document, ctx: Context) -> Iterator[Hit]:
    """## What it does
    Finds remnants of mojibake that no decoder can undo whole because bytes were
    lost or mangled on the way: `â € ¯` (a narrow no-break space whose UTF-8
    bytes were read as Windows-1252, then spaced apart), a lone `â` glued to a
    word where a closing quote stood, Latin-1 letters inside Arabic text.

    ## Why it matters
    They are what is left when a pipeline "mostly" fixed an encoding
    problem, and they show in the published article.

    ## Example
    `ويشار إليه أحيانًا باسم “عراب AIâ و` — the `â` is the first byte of `”`;
    `مثل Tesla و Alphabet و â € ¯and` — `â € ¯` was U+202F.

    ## Fix safety
    Unsafe when the character can be rebuilt from the bytes that remain (the
    spaced triple); a display-only suggestion when it is a guess (the lone
    lead byte: the missing bytes are gone, `”` is the likely character).
    """
    for line, text in _remnant_lines(doc):
        if "â" not in text and not (_ARABIC_LETTER.search(text) and _LATIN1_IN_ARABIC.search(text)):
            continue
        taken: set[int] = set()  # offsets inside the spans reported above; spans are a few characters
        for m in _SPACED_TRIPLE.finditer(text):
            if " " not in m.group():
                continue  # an intact triple is ordinary mojibake: MOJ001 repairs it
            glued = "â€" + m.group(1)
            try:
                char = glued.encode("cp1252").decode("utf-8")
            except (UnicodeEncodeError, UnicodeDecodeError):
                continue
            a, b = line.start + m.start(), line.start + m.end()
            taken.update(range(m.start(), m.end()))
            name = unicodedata.name(char, f"U+{ord(char):04X}")
            yield Hit(
                a,
                b,
                f"Mojibake remnant: {m.group()!r} was {name} (U+{ord(char):04X}) read as Windows-1252",
                Fix(f"Restore {name}", (Edit(a, b, char),), Safety.UNSAFE),
            )
        first_open, last_close = text.find("“"), text.rfind("”")
        for m in _LONE_LEAD.finditer(text):
            a = line.start + m.start()
            # an opening quote before it and no closing one from here on
            suggestion = "”" if -1 < first_open < m.start() and last_close < m.start() else "’"
            yield Hit(
                a,
                a + 1,
                f"Mojibake remnant: lone 'â' is the first byte of a lost character (likely {suggestion!r})",
                Fix(f"Replace with {suggestion}", (Edit(a, a + 1, suggestion),), Safety.DISPLAY),
            )
            taken.update(range(m.start(), m.end()))
        if _ARABIC_LETTER.search(text):
            word_end, latin_word = -1, False
            for m in _LATIN1_IN_ARABIC.finditer(text):
                if m.start() in taken:
                    continue
                if m.start() >= word_end:  # a new word: judged once, however many such letters it holds
                    after = _WORD_AFTER.match(text, m.start())
                    word = _WORD_BEFORE.search(text, endpos=m.start()).group() + after.group()  # type: ignore[union-attr]
                    word_end = after.end()  # type: ignore[union-attr]
                    latin_word = (
                        bool(regex.fullmatch(r"[\p{Script=Latin}\p{M}'’-]+", word))
                        and sum(1 for c in word if c < "\u0080") > len(word) // 2
                    )
                if latin_word:
                    continue  # a Latin word with an accent (a French name) is not a remnant
                a = line.start + m.start()
                yield Hit(a, a + 1, f"Mojibake remnant: Latin-1 letter {m.group()!r} inside Arabic text", severity=Severity.WARNING)


RULES = (
    Rule("MOJ001", "mojibake", Category.MOJIBAKE, _ftfy_mojibake, Severity.ERROR, Safety.SAFE, per_line=True),
    Rule("MOJ002", "mojibake-arabic-vietnamese-codepage", Category.MOJIBAKE, _legacy_mojibake, Severity.ERROR, Safety.SAFE, per_line=True),
    Rule("MOJ003", "mojibake-remnant", Category.MOJIBAKE, _mojibake_remnant, Severity.WARNING, Safety.UNSAFE, per_line=True),
)
