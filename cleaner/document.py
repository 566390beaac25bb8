"""The text a rule sees, and the small amount of structure every rule needs.

A ``Document`` is immutable: rules never change it, the engine builds a new
one after applying fixes.  Line splitting and line/column lookup live here so
that no rule re-implements them (and none gets ``\\r\\n`` wrong).
"""

from __future__ import annotations

import bisect
import re
from array import array
from collections.abc import Iterator, Sequence
from functools import cached_property, partial
from itertools import accumulate, chain, islice
from operator import add
from typing import NamedTuple, overload

import regex
from msgspec import Struct

from cleaner.bmpclass import BmpPattern
from cleaner.lazypattern import lazy_re

LINE_BREAK = regex.compile(r"\r\n|\n|\r")


def line_break_counts(text: str) -> dict[str, int]:
    """How many line breaks of each style ``text`` has, counted in C."""
    crlf = text.count("\r\n")
    return {"\r\n": crlf, "\n": text.count("\n") - crlf, "\r": text.count("\r") - crlf}


# Letters that only Vietnamese uses among the languages we handle: the horned
# and breve vowels, đ, and the tone-marked vowels outside Latin-1.
# Counted in runs, not one match per letter: a word is one match object.
_VIETNAMESE = lazy_re(r"[ăâđêôơưĂÂĐÊÔƠƯ\u1ea0-\u1ef9]+")  # no property: re runs it faster
_ARABIC = regex.compile(r"\p{Script=Arabic}+")
_LATIN = regex.compile(r"\p{Script=Latin}+")
# Counted by ``re`` where it can (see bmpclass): every file's language is
# detected.  Whether a text holds any is asked of ``regex``, which skips
# ahead faster when there is none.
_ARABIC_RUNS = BmpPattern(_ARABIC.pattern, "[{arabic}]+", {"arabic": r"\p{Script=Arabic}"})
_LATIN_RUNS = BmpPattern(_LATIN.pattern, "[{latin}]+", {"latin": r"\p{Script=Latin}"})


def _count(pattern: regex.Pattern[str] | re.Pattern[str] | BmpPattern, text: str) -> int:
    """How many characters of ``text`` the pattern's runs hold: what taking
    them out removes, counted in C without a list of the runs."""
    return len(text) - len(pattern.sub("", text))


LANGUAGES = ("ar", "vi", "en")


def detect_language(text: str, sample: int = 20_000) -> str:
    """Guess ``ar``, ``vi`` or ``en`` from scripts; ``und`` when there is no text.

    Script counts are enough to tell these three apart and cost microseconds;
    a statistical identifier would add a model download for no gain here.
    Vietnamese wins over English as soon as a tenth of the Latin letters are
    Vietnamese-only ones (diacritic-heavy text has far more than that).
    """
    head = text[:sample]
    arabic = _count(_ARABIC_RUNS, head) if _ARABIC.search(head) else 0
    # Counting Latin letters is the dearest step; bounds decide most texts
    # without it: no more of them than the characters that are not Arabic,
    # no fewer than the ASCII letters (counted on bytes, in C).
    if arabic and arabic >= len(head) - arabic:
        return "ar"
    if arabic == 0:
        # most texts without Arabic are decided by whether they hold any
        # Latin and any Vietnamese letter, without counting every word
        if not _LATIN.search(head):
            return "und"
        if not _VIETNAMESE.search(head):
            return "en"
        viet = _count(_VIETNAMESE, head)
        if viet * 10 >= len(head):
            return "vi"
        if viet * 10 < len(head.encode("ascii", "ignore").translate(None, _NOT_ASCII_LETTERS)):
            return "en"
    latin = _count(_LATIN_RUNS, head)
    if arabic >= latin:
        return "ar"
    viet = _count(_VIETNAMESE, head)
    if viet * 10 >= latin:
        return "vi"
    return "en"


_NOT_ASCII_LETTERS = bytes(b for b in range(128) if not chr(b).isalpha())


class Line(NamedTuple):
    """One line: ``start``..``end`` is its content, ``end``..``next`` its break.

    A named tuple: a document has a line every few dozen characters, and a
    tuple is built several times faster than a frozen dataclass."""

    number: int  # 1-based
    start: int
    end: int
    next: int

    @property
    def has_break(self) -> bool:
        return self.next > self.end


class LineIndex:
    """Offsets of line starts, for offset -> (line, column) in O(log n)."""

    __slots__ = ("_starts", "_text")

    def __init__(self, text: str, starts: Sequence[int] | None = None) -> None:
        """``starts``: the starts of ``text``'s lines when they are known
        (a document's ``lines``), so the text is not scanned again."""
        self._text = text
        if starts is None:
            starts = [0]
            starts.extend(m.end() for m in LINE_BREAK.finditer(text))
            if starts[-1] == len(text) and len(starts) > 1:
                # a final break does not open a new (empty) line
                starts.pop()
        self._starts = starts or [0]

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line and column (in code points) of ``offset``."""
        offset = max(0, min(offset, len(self._text)))
        i = bisect.bisect_right(self._starts, offset) - 1
        return i + 1, offset - self._starts[i] + 1

    def line_start(self, number: int) -> int:
        return self._starts[number - 1]

    def __len__(self) -> int:
        return len(self._starts)


def iter_lines(text: str) -> Iterator[Line]:
    """Every line with its break, ``\\r\\n``, ``\\n`` and ``\\r`` alike.

    A text broken by line feeds only (most) is split in C and its lines
    built by ``tuple.__new__`` through ``map``: a generator that yields a
    ``Line`` per match cost a few microseconds a line, for every document
    of every pass.  (A text too large to hold its lines as a tuple is read
    match by match: splitting it would copy it whole.)"""
    if "\r" not in text and len(text) <= PACKED_LINES_CHARS:
        return _lf_lines(text)
    return _lines_by_match(text)


_new_line = partial(tuple.__new__, Line)


def _lf_lines(text: str) -> Iterator[Line]:
    lengths = list(map(len, text.split("\n")))
    if not lengths[-1]:
        lengths.pop()  # a final break (or no text) does not open a line
    if not lengths:
        return iter(())
    starts = list(accumulate((n + 1 for n in lengths[:-1]), initial=0))
    ends = list(map(add, starts, lengths))
    nexts = [end + 1 for end in ends]
    if nexts[-1] > len(text):
        nexts[-1] = len(text)  # the last line has no break
    return map(_new_line, zip(range(1, len(lengths) + 1), starts, ends, nexts, strict=True))


def _lines_by_match(text: str) -> Iterator[Line]:
    pos = 0
    number = 1
    n = len(text)
    for m in LINE_BREAK.finditer(text):
        yield Line(number, pos, m.start(), m.end())
        pos = m.end()
        number += 1
    if pos < n:
        yield Line(number, pos, n, n)


class PackedLines(Sequence[Line]):
    """The lines of a large text kept as two arrays of offsets, each
    ``Line`` built when it is read.  A tuple of ``Line`` objects costs about
    200 bytes a line (a tuple and its integers): one and a half times the
    size of an English text of 140-character lines, for each document a fix
    builds.  The arrays cost 16 bytes a line."""

    __slots__ = ("_starts", "_ends", "_size")

    def __init__(self, text: str) -> None:
        starts, ends = array("q"), array("q")
        for line in iter_lines(text):  # one at a time, none kept
            starts.append(line.start)
            ends.append(line.end)
        self._starts, self._ends, self._size = starts, ends, len(text)

    @property
    def starts(self) -> Sequence[int]:
        return self._starts

    def __len__(self) -> int:
        return len(self._starts)

    def __iter__(self) -> Iterator[Line]:
        nexts = chain(islice(self._starts, 1, None), (self._size,))
        return map(Line, range(1, len(self._starts) + 1), self._starts, self._ends, nexts)

    @overload
    def __getitem__(self, i: int) -> Line: ...
    @overload
    def __getitem__(self, i: slice) -> tuple[Line, ...]: ...
    def __getitem__(self, i: int | slice) -> Line | tuple[Line, ...]:
        if isinstance(i, slice):
            return tuple(self[j] for j in range(*i.indices(len(self))))
        count = len(self._starts)
        if i < 0:
            i += count
        if not 0 <= i < count:
            raise IndexError("line index out of range")
        return Line(i + 1, self._starts[i], self._ends[i], self._starts[i + 1] if i + 1 < count else self._size)


# Texts longer than this keep their lines packed (see ``PackedLines``); a
# shorter one keeps a tuple, which rules read faster.
PACKED_LINES_CHARS = 1 << 20


class Document(Struct, frozen=True, dict=True):
    """Decoded text plus what rules need to know about it.

    ``text`` keeps the file's own line breaks, except that a file written
    wholly in CRLF (or CR) is seen with LF and written back in its style (see
    ``io``), so most rules only ever meet ``\\n``.  ``prose`` lists the ranges
    that are prose (all of the text when None): markup-aware readers narrow
    it, and rules skip what lies outside.
    """

    text: str
    language: str = "und"
    path: str | None = None
    source_encoding: str = "utf-8"
    encoding_confidence: float = 1.0
    prose: tuple[tuple[int, int], ...] | None = None
    markdown: bool = False
    suppressed: tuple[tuple[int, int, frozenset[str] | None], ...] = ()
    # False for a block of a large file that does not hold the file's first
    # (last) line: rules that look for page furniture at the head or tail of
    # a page must not take the block's edge for the page's.
    starts_file: bool = True
    ends_file: bool = True

    @cached_property
    def lines(self) -> Sequence[Line]:
        if len(self.text) > PACKED_LINES_CHARS:
            return PackedLines(self.text)
        return tuple(iter_lines(self.text))

    @cached_property
    def index(self) -> LineIndex:
        lines = self.lines
        return LineIndex(self.text, lines.starts if isinstance(lines, PackedLines) else [line.start for line in lines])

    def line_text(self, line: Line) -> str:
        return self.text[line.start : line.end]

    @cached_property
    def _prose_starts(self) -> list[int]:
        return [a for a, _ in self.prose or ()]

    def in_prose(self, start: int, end: int) -> bool:
        """True when ``start..end`` lies inside one prose range."""
        if self.prose is None:
            return True
        i = bisect.bisect_right(self._prose_starts, start) - 1
        return i >= 0 and end <= self.prose[i][1]

    def is_suppressed(self, code: str, start: int, end: int) -> bool:
        """True when an inline ``cleaner: disable`` region covers the span."""
        return any(a <= start and end <= b and (codes is None or any(code.startswith(c) for c in codes)) for a, b, codes in self.suppressed)
