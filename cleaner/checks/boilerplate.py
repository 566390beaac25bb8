"""Boilerplate: the page around a scraped article, left in its text.

Furniture phrases come from the language packs in ``rules/<lang>/
boilerplate.toml`` (and a repo's own packs, including those written by
``cleaner learn``).  A line is judged with its neighbours: furniture clusters
at the head and tail of a page, so a phrase line there is removed with
confidence, while the same phrase in the middle of an article, or a short
line that is furniture only by company, is reported and left to an editor.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import Any

import ahocorasick
import regex
from msgspec import Struct

from cleaner.bmpclass import BmpPattern
from cleaner.document import Document, Line
from cleaner.finding import Category, Hit, Safety, Severity
from cleaner.lazypattern import lazy_regex
from cleaner.packs import derived
from cleaner.registry import Context, Rule
from cleaner.textnorm import normalize

from ._util import CharTable, LineMemo, delete, whole_line

OPTIONS = {
    "extra-phrases": list,
    "keep-phrases": list,
    "head-lines": int,
    "tail-lines": int,
    "keep-source-credit": bool,
}

DEFAULT_HEAD = 3
DEFAULT_TAIL = 25
SHORT_WORDS = 8  # a furniture line that is not a phrase is at most this long
MAX_LINE = 300  # longer lines are prose, never furniture

_ARABIC_FOLD = CharTable.of(str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي", "ـ": None}))
_ARABIC_MARKS = regex.compile(r"[\u064b-\u065f\u0670\u06d6-\u06ed]")
_MARKDOWN_PREFIX = regex.compile(r"^\s{0,3}(?:#{1,6}\s+|[-*+]\s+|\d{1,3}[.)]\s+|>\s*)+")
_MARKDOWN_LINK = regex.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")
_NON_WORD = regex.compile(r"[\p{P}\p{S}\s]+")
_SENTENCE_END = lazy_regex(r"[.!?؟…。]['\"”’»)]*\s*$")
# A copyright notice has a year; "© Reuters" under a photo is a credit, kept.
_COPYRIGHT = regex.compile(r"^\s*(?:©|\(c\)|copyright\b|bản quyền\b)\s*(?:\S+\s+){0,3}(?:19|20)\d\d\b", regex.IGNORECASE)


_DIGITS_AND_SPACES = regex.compile(r"[\s\d]*")
_WORD_CHAR = regex.compile(r"\w")


class Phrases:
    r"""Where a pack's phrases stand as whole words in a normalised line:
    what ``(?<!\w)\L<phrases>(?!\w)`` finds with ``finditer`` (at each
    place the longest phrase that ends a word; the next search after it),
    from one Aho-Corasick automaton.

    The pattern cost 5-10 ms to compile per language, a twentieth of a hook
    run; the automaton is built in C in a fraction of one.  ``\w`` is the
    ``regex`` module's own, so words end where they did."""

    def __init__(self, phrases: Sequence[str]) -> None:
        self._automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        for phrase in phrases:
            self._automaton.add_word(phrase, len(phrase))
        self._automaton.make_automaton()
        self._longest = max(map(len, phrases))

    def _bounded(self, text: str, start: int, end: int) -> bool:
        return (start == 0 or _WORD_CHAR.match(text, start - 1) is None) and _WORD_CHAR.match(text, end) is None

    def starts_by(self, text: str, last: int) -> bool:
        """Whether a phrase starts at or before ``last``: only the matches
        that end within a phrase's length of it are looked at."""
        # pyahocorasick reads past the string for an end beyond it (a crash):
        # the end is clamped.
        for end, length in self._automaton.iter(text, 0, min(len(text), last + self._longest)):
            start = end + 1 - length
            if start <= last and self._bounded(text, start, end + 1):
                return True
        return False

    def spans(self, text: str) -> list[tuple[int, int]]:
        """The phrases of ``text`` that ``finditer`` would find, in order."""
        longest: dict[int, int] = {}
        for end, length in self._automaton.iter(text):
            start = end + 1 - length
            if length > longest.get(start, 0) and self._bounded(text, start, end + 1):
                longest[start] = length
        out: list[tuple[int, int]] = []
        for start in sorted(longest):
            if not out or start >= out[-1][1]:
                out.append((start, start + longest[start]))
        return out


# "Tags: a, b, c" — a label phrase, a colon, then a short list.
_LABEL_LIST = lazy_regex(r"^\s*([^:：\n]{1,30})\s*[:：]\s*\S")


def normalise(text: str) -> str:
    """The form phrases are compared in: case, Arabic letter variants,
    tatweel, diacritics, punctuation and spacing do not matter."""
    text = _fold(_MARKDOWN_LINK.sub(r"\1", _MARKDOWN_PREFIX.sub("", text)))
    return _NON_WORD.sub(" ", text).strip()


def _fold(text: str) -> str:
    """Compatibility forms, case, Arabic letter variants and diacritics
    folded: the steps ``normalise`` and ``normalise_lines`` share, which
    leave line breaks where they are."""
    return _ARABIC_MARKS.sub("", _ARABIC_FOLD(normalize("NFKC", text).casefold()))


# The same steps over a whole text, line by line: white space other than the
# line feed stands in for \s, and ^ starts every line.
# Both run in ``re`` where they can (see ``bmpclass``): three to five times
# faster over the short lines of a batch of articles.
_BLANK = {"blank": r"[\s--\n]"}
_MARKDOWN_PREFIX_LINES = BmpPattern(
    r"^[^\S\n]{0,3}(?:#{1,6}[^\S\n]+|[-*+][^\S\n]+|\d{1,3}[.)][^\S\n]+|>[^\S\n]*)+",
    r"^[{blank}]{0,3}(?:#{1,6}[{blank}]+|[-*+][{blank}]+|[{digit}]{1,3}[.)][{blank}]+|>[{blank}]*)+",
    _BLANK | {"digit": r"\d"},
    regex.MULTILINE,
    re.MULTILINE,
)
# Runs of punctuation, symbols and white space other than the space and the
# line feed: spaces between words, most of what the class holds, are not
# replaced one by one (double spaces are collapsed after, in C).
_NON_WORD_LINES = BmpPattern(r"[[\p{P}\p{S}\s]--[\n ]]+", r"[{non_word}]+", {"non_word": r"[[\p{P}\p{S}\s]--[\n ]]"}, regex.V1)
# The Arabic marks ``_fold`` drops, for ``re``, which scans for an explicit
# class twice as fast as ``regex``.
_ARABIC_MARKS_LINES = re.compile(_ARABIC_MARKS.pattern)


# Characters of lines normalised together: each step copies what it is
# given (case folding reserves twelve bytes a character), so a large file
# goes through in blocks.
NORMALISE_BLOCK = 1 << 20


def _normalised_in_blocks(lines: list[str]) -> Iterator[str]:
    """``normalise`` of each line, a block of lines at a time."""
    block: list[str] = []
    size = 0
    for line in lines:
        block.append(line)
        size += len(line) + 1
        if size >= NORMALISE_BLOCK:
            yield from normalise_lines("\n".join(block))
            block, size = [], 0
    if block:
        yield from normalise_lines("\n".join(block))


def normalise_lines(text: str) -> list[str]:
    """``normalise`` of each line of ``text`` (split at line feeds only), in
    one pass of each step over the whole text: a document's eighty lines
    cost one call each, not eighty (checked against ``normalise``)."""
    text = _MARKDOWN_LINK.sub(r"\1", _MARKDOWN_PREFIX_LINES.sub("", text))
    text = _NON_WORD_LINES.sub(" ", _ARABIC_MARKS_LINES.sub("", _ARABIC_FOLD(normalize("NFKC", text).casefold())))
    while "  " in text:
        text = text.replace("  ", " ")
    return [line.strip(" ") for line in text.split("\n")]


class Pack(Struct, frozen=True):
    """One language's furniture knowledge, compiled once."""

    phrases: Phrases | None
    kinds: dict[str, str]  # normalised phrase -> kind
    lines: frozenset[str]  # whole lines learned from a corpus
    keep: frozenset[str]
    sections: frozenset[str]  # normalised, spaces removed
    sources: frozenset[str]
    source_labels: frozenset[str]
    separator: regex.Pattern[str] | None  # any one character of the packs' separators


@lru_cache(maxsize=64)
def _compile(key: tuple[Any, ...]) -> Pack:
    phrase_items, line_items, keep_items, section_items, separators, sources, labels = key
    kinds: dict[str, str] = {}
    for kind, phrase in phrase_items:
        norm = normalise(phrase)
        if norm and norm not in kinds:
            kinds[norm] = kind
    keep = frozenset(normalise(p) for p in keep_items)
    for k in keep:
        kinds.pop(k, None)
    return Pack(
        phrases=Phrases(list(kinds)) if kinds else None,
        kinds=kinds,
        lines=frozenset(normalise(x) for x in line_items) - keep,
        keep=keep,
        sections=frozenset(normalise(s).replace(" ", "") for s in section_items),
        sources=frozenset(normalise(s) for s in sources),
        source_labels=frozenset(normalise(s) for s in labels),
        separator=regex.compile("|".join(regex.escape(c) for c in "".join(separators))) if separators else None,
    )


def load_pack(ctx: Context, language: str) -> Pack:
    """The compiled pack for ``language``: built-in data, the repo's packs and
    the config's extra/keep phrases; cached on their content."""
    packs = ctx.pack_set()
    options = ctx.family("boilerplate")
    return derived(
        _pack_from,
        (packs.load("boilerplate", language), packs.load("sources")),
        options.get("extra-phrases", []),
        options.get("keep-phrases", []),
    )


def _pack_from(files: list[dict[str, Any]], source_files: list[dict[str, Any]], extra: list[str], keep: list[str]) -> Pack:
    phrase_items: list[tuple[str, str]] = []
    line_items: list[str] = []
    section_items: list[str] = []
    separators: list[str] = []
    for data in files:
        for kind, phrases in data.get("phrases", {}).items():
            phrase_items.extend((kind, p) for p in phrases)
        line_items.extend(data.get("lines", []))
        section_items.extend(data.get("sections", {}).get("names", []))
        separators.extend(data.get("sections", {}).get("separators", []))
    phrase_items.extend(("configured", p) for p in extra)
    sources: list[str] = []
    labels: list[str] = []
    for data in source_files:
        sources.extend(data.get("names", []))
        labels.extend(data.get("labels", []))
    key = (
        tuple(phrase_items),
        tuple(line_items),
        tuple(keep),
        tuple(section_items),
        tuple(dict.fromkeys(separators)),
        tuple(sources),
        tuple(labels),
    )
    return _compile(key)


# --- judging one line -----------------------------------------------------


def phrase_kind(norm: str, raw: str, pack: Pack) -> str | None:
    """The furniture kind of a line made only of furniture phrases, else None."""
    if not norm:
        return None
    if norm in pack.keep:
        return None
    if norm in pack.lines:
        return "repeated site line"
    if _COPYRIGHT.match(raw) and len(norm.split()) <= 12:
        return "copyright"
    if pack.phrases is None:
        return None
    # Both verdicts below need a phrase at the head of the line (a tag list's
    # label is one): a phrase line leaves only digits and spaces when its
    # phrases are taken out, so its first other character lies inside a
    # phrase that starts at or before it.  Most lines are prose and fail
    # here without a scan of the whole line.
    head = _DIGITS_AND_SPACES.match(norm).end()  # type: ignore[union-attr]
    if not pack.phrases.starts_by(norm, head):
        return None
    spans = pack.phrases.spans(norm)
    if not spans:
        return None
    label = _LABEL_LIST.match(raw)
    if label and pack.kinds.get(normalise(label.group(1))) == "labels" and len(norm.split()) <= 15:
        return "tag list"
    between = zip([0] + [b for _, b in spans], [a for a, _ in spans] + [len(norm)], strict=True)
    if all(_DIGITS_AND_SPACES.fullmatch(norm, a, b) for a, b in between):
        return pack.kinds[norm[spans[0][0] : spans[0][1]]]
    return None


def is_breadcrumb(raw: str, norm: str, pack: Pack) -> bool:
    """Section names joined by separators, or glued with no space at all
    (`الاقتصاديةالتكنولوجيا`): at least two, every piece a known section."""
    if not pack.sections:
        return False
    if pack.separator is not None and pack.separator.search(raw):
        pieces = [normalise(p).replace(" ", "") for p in pack.separator.split(raw)]
        pieces = [p for p in pieces if p]
        if len(pieces) >= 2 and all(p in pack.sections for p in pieces):
            return True
    # glued: no space inside (``norm`` is trimmed)
    if " " in norm or len(norm) > 80:
        return False
    return _segments(norm, pack.sections) >= 2


def _segments(text: str, names: frozenset[str]) -> int:
    """Fewest known names that spell ``text`` exactly (0 when none do)."""
    best = [0] + [-1] * len(text)
    lengths = sorted({len(n) for n in names})
    for end in range(1, len(text) + 1):
        for size in lengths:
            start = end - size
            if start < 0:
                break
            if best[start] >= 0 and text[start:end] in names:
                count = best[start] + 1
                if best[end] < 0 or count < best[end]:
                    best[end] = count
    return max(best[-1], 0)


def is_source_credit(norm: str, pack: Pack) -> bool:
    if not norm or len(norm.split()) > 6:
        return False
    if norm in pack.sources:
        return True
    words = norm.split()
    return words[0] in pack.source_labels and len(words) > 1


def is_short(raw: str, norm: str) -> bool:
    return 0 < len(norm.split()) <= SHORT_WORDS and not _SENTENCE_END.search(raw)


# --- judging lines with their neighbours ------------------------------------


class Verdict(Struct, frozen=True):
    line: Line
    kind: str
    safety: Safety


# What one short line is on its own: normalised form, phrase kind, breadcrumb.
LineInfo = tuple[str, str | None, bool]


# What each short line of the documents judged is on its own.
_memo: LineMemo[LineInfo] = LineMemo()


def _line_infos(doc: Document, short: list[str], pack: Pack) -> list[LineInfo]:
    """What each short line is on its own, taken from the last document's
    lines where the text is the same; the others are normalised together."""

    def judge_lines(fresh: list[str]) -> Iterator[LineInfo]:
        # a line holds no line feed, and no carriage return unless the text does
        norms = _normalised_in_blocks(fresh) if "\r" not in doc.text else map(normalise, fresh)
        for raw, norm in zip(fresh, norms, strict=True):
            yield norm, phrase_kind(norm, raw, pack), is_breadcrumb(raw, norm, pack)

    return _memo(short, pack, judge_lines, len(doc.text))


def judge(doc: Document, pack: Pack, head: int, tail: int, keep_credit: bool) -> list[Verdict]:
    # Lines longer than MAX_LINE are prose: their text is not kept (in a
    # large file it would be a second copy of the text).
    content = [(ln, doc.line_text(ln) if ln.end - ln.start <= MAX_LINE else "") for ln in doc.lines if doc.line_text(ln).strip()]
    infos = iter(_line_infos(doc, [raw for ln, raw in content if ln.end - ln.start <= MAX_LINE], pack))
    info = []
    for ln, raw in content:
        if ln.end - ln.start > MAX_LINE:
            info.append((ln, raw, "", None, False))
        else:
            info.append((ln, raw, *next(infos)))
    verdicts: dict[int, Verdict] = {}

    # Head: breadcrumbs and phrase lines before the first line of the article.
    for ln, _raw, _norm, kind, crumb in info[:head]:
        if crumb:
            verdicts[ln.number] = Verdict(ln, "breadcrumb", Safety.SAFE)
        elif kind:
            verdicts[ln.number] = Verdict(ln, kind, Safety.SAFE)
        else:
            break

    # Tail: the run of furniture-like lines at the end of the page.
    run: list[tuple[Line, str, str, str | None, bool]] = []
    for entry in reversed(info[-tail:] if tail else []):
        ln, raw, norm, kind, crumb = entry
        if ln.number in verdicts:
            break
        credit = keep_credit and is_source_credit(norm, pack)
        if kind or crumb or credit or is_short(raw, norm):
            run.append(entry)
            continue
        break
    run.reverse()
    first_phrase = next((i for i, e in enumerate(run) if e[3] or e[4]), None)
    if first_phrase is not None:
        for ln, _raw, norm, kind, crumb in run[first_phrase:]:
            if keep_credit and is_source_credit(norm, pack):
                continue
            if kind or crumb:
                verdicts[ln.number] = Verdict(ln, kind or "breadcrumb", Safety.SAFE)
            else:
                verdicts[ln.number] = Verdict(ln, "link or label in the page footer", Safety.UNSAFE)

    # Elsewhere: a phrase line inside the article may be quoted or a heading
    # of the article itself: reported, fixed only on request.
    for ln, _raw, norm, kind, crumb in info:
        if ln.number in verdicts or not (kind or crumb):
            continue
        if keep_credit and is_source_credit(norm, pack):
            continue
        verdicts[ln.number] = Verdict(ln, kind or "breadcrumb", Safety.UNSAFE)
    return sorted(verdicts.values(), key=lambda v: v.line.number)


_KIND_NAMES = {
    "more": "'show more' link",
    "related": "related-content box",
    "comments": "comment form",
    "share": "sharing buttons",
    "follow": "follow prompt",
    "subscribe": "newsletter box",
    "cookies": "cookie notice",
    "navigation": "navigation",
    "copyright": "copyright line",
    "labels": "label",
    "tag list": "tag list",
    "configured": "configured phrase",
}


def furniture(doc: Document, ctx: Context) -> Iterator[Hit]:
    """## What it does
    Finds page furniture left in scraped articles — breadcrumbs (also when
    the category names are glued together, `الاقتصاديةالتكنولوجيا`), "show
    more", "related articles", comment forms, "your email address will not be
    published", back-to-top buttons, sharing and follow prompts, newsletter
    boxes, cookie notices, copyright lines — in Arabic, Vietnamese and
    English, from the phrase packs in `rules/<lang>/boilerplate.toml`.

    ## Why it matters
    Furniture repeated across thousands of articles pollutes search,
    translation memories and training data, and reads as noise in the
    article.  Titles, headings, lists, quotes, datelines and the source
    credit at the end are content and are kept.

    ## Example
    At the end of an article, `مقالات ذات صلة`, `اترك تعليقاً` and
    `زر الذهاب إلى الأعلى` are removed; a paragraph that mentions "leave a
    comment" in a sentence is not touched.

    ## Fix safety
    Safe for lines made only of furniture phrases in the page's head (before
    the title) or in the run of furniture lines at its end.  Unsafe for
    short lines that are furniture only by their company (titles of related
    articles below a "related" header) and for phrase lines inside the
    article (they may be quoted or be the article's own heading).
    """
    language = doc.language if doc.language in ("ar", "vi", "en") else "en"
    pack = load_pack(ctx, language)
    options = ctx.family("boilerplate")
    # a block of a large file has the page's head or tail only if it holds
    # the file's first or last line
    head = int(options.get("head-lines", DEFAULT_HEAD)) if doc.starts_file else 0
    tail = int(options.get("tail-lines", DEFAULT_TAIL)) if doc.ends_file else 0
    keep_credit = bool(options.get("keep-source-credit", True))
    for verdict in judge(doc, pack, head, tail, keep_credit):
        start, end = whole_line(doc, verdict.line)
        name = _KIND_NAMES.get(verdict.kind, verdict.kind)
        yield Hit(
            verdict.line.start,
            verdict.line.end,
            f"Boilerplate line: {name}",
            delete(start, end, "Remove boilerplate line", verdict.safety),
            severity=Severity.WARNING if verdict.safety is Safety.SAFE else Severity.INFO,
        )


def furniture_lines(texts: Sequence[str]) -> list[str]:
    """Normalised forms of lines, for ``cleaner learn`` (shared normalisation)."""
    return [normalise(t) for t in texts]


RULES = (Rule("BLP001", "page-furniture", Category.BOILERPLATE, furniture, Severity.WARNING, Safety.SAFE),)
