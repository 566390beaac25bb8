"""Small helpers that several rule families share."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from typing import Generic, TypeVar

from msgspec import Struct, field

from cleaner.document import Document, Line
from cleaner.finding import Edit, Fix, Safety
from cleaner.textnorm import normalize


def delete(start: int, end: int, title: str, safety: Safety = Safety.SAFE) -> Fix:
    return Fix(title, (Edit(start, end, ""),), safety)


def replace_with(start: int, end: int, new: str, title: str, safety: Safety = Safety.SAFE) -> Fix:
    return Fix(title, (Edit(start, end, new),), safety)


def minimal_edit(old: str, new: str, offset: int = 0) -> Edit:
    """The smallest single edit that turns ``old`` into ``new``.

    Trimming the common prefix and suffix keeps reports honest: a fix that
    repairs three characters in a long line shows those three, not the line.
    """
    prefix = 0
    limit = min(len(old), len(new))
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[len(old) - 1 - suffix] == new[len(new) - 1 - suffix]:
        suffix += 1
    return Edit(offset + prefix, offset + len(old) - suffix, new[prefix : len(new) - suffix])


def without_marks(text: str, form: str = "NFD") -> str:
    """``text`` decomposed (``form``: NFD, or NFKD to fold compatibility
    forms too) with its combining marks dropped: the bare letters that
    spelling comparisons across diacritics need."""
    return "".join(c for c in normalize(form, text) if not unicodedata.combining(c))


def prose_lines(doc: Document) -> Iterator[tuple[Line, str]]:
    """Lines with their text, skipping lines outside prose ranges."""
    for line in doc.lines:
        if doc.prose is not None and not doc.in_prose(line.start, line.end):
            continue
        yield line, doc.text[line.start : line.end]


def whole_line(doc: Document, line: Line) -> tuple[int, int]:
    """The span that deleting ``line`` (and its break) removes.

    The last line has no break after it; then the break before it goes, so
    the text does not end up with a dangling empty line.
    """
    if line.has_break or line.start == 0:
        return line.start, line.next
    prev_break = line.start
    while prev_break > 0 and doc.text[prev_break - 1] in "\r\n":
        prev_break -= 1
        if doc.text[prev_break] == "\n" and prev_break > 0 and doc.text[prev_break - 1] == "\r":
            prev_break -= 1
        break
    return prev_break, line.end


def line_numbers(text: str, offsets: Iterable[int]) -> Iterator[int]:
    """1-based line numbers of ``offsets`` (ascending) in ``text``, counting
    breaks only between one offset and the next: counting from the start
    for every offset was quadratic in a long text with many of them."""
    number, pos = 1, 0
    for offset in offsets:
        number += text.count("\n", pos, offset)
        pos = offset
        yield number


def line_blocks(text: str, size: int) -> Iterator[tuple[int, str]]:
    """(number of its first line, text) of blocks of about ``size``
    characters that end after a line feed (a longer line is one block): a
    large text is folded or scanned a block at a time, and nothing that
    stays within a line is cut in two."""
    pos, first = 0, 1
    while pos < len(text):
        cut = text.find("\n", min(pos + size, len(text)) - 1)
        end = len(text) if cut < 0 else cut + 1
        block = text[pos:end]
        yield first, block
        first += block.count("\n")
        pos = end


def space_chunks(text: str, size: int) -> Iterator[str]:
    """Pieces of ``text`` of about ``size`` characters that end after a space
    or line feed (a longer word is one piece): split at white space, the
    pieces give the words of the whole text, so one very long line is read
    a piece at a time and no word is cut in two."""
    pos = 0
    while pos < len(text):
        end = pos + size
        if end < len(text):
            cut = max(text.rfind(" ", pos, end), text.rfind("\n", pos, end))
            if cut < 0:
                found = [i for i in (text.find(" ", end), text.find("\n", end)) if i >= 0]
                cut = min(found) if found else len(text) - 1
            end = cut + 1
        yield text[pos:end]
        pos = end


def has_run(text: str, length: int) -> bool:
    """Whether some character of ``text`` repeats ``length`` times in a row.

    Whole-text arithmetic in C instead of a regular expression tried at
    every character (three times faster): in the text as one big number of
    32-bit code points, each code point XOR the next is zero where the two
    are equal, so a run shows as ``length - 1`` zero words in a row.  Zero
    bytes that straddle two words do not count."""
    if length <= 1:
        return len(text) >= length
    raw = text.encode("utf-32-le", "surrogatepass")
    number = int.from_bytes(raw, "little")
    steps = (number ^ (number >> 32)).to_bytes(len(raw), "little")[:-4]  # one word per pair of neighbours
    zeros = b"\0" * (4 * (length - 1))
    at = steps.find(zeros)
    while at >= 0:
        if at % 4 == 0:
            return True
        at = steps.find(zeros, at + 4 - at % 4)
    return False


class CharTable(Struct, frozen=True):
    """A small ``str.translate`` table applied as one ``str.replace`` per
    character that the text holds.  Each look-up is a scan at memory speed;
    ``str.translate`` builds its output through a dictionary look-up per
    character, dozens of times slower on non-ASCII text (Arabic).  The
    replacements may not hold a character the table maps, so replacing one
    character after another gives what translating all at once does."""

    pairs: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, mapping: Mapping[int, str | int | None]) -> CharTable:
        pairs = tuple((chr(code), "" if new is None else new if isinstance(new, str) else chr(new)) for code, new in mapping.items())
        mapped = {old for old, _ in pairs}
        for old, new in pairs:
            if mapped.intersection(new):
                raise ValueError(f"{old!r} -> {new!r}: the replacement holds a mapped character")
        return cls(pairs)

    def __call__(self, text: str) -> str:
        for old, new in self.pairs:
            if old in text:
                text = text.replace(old, new)
        return text


T = TypeVar("T")


class LineMemo(Struct, Generic[T]):
    """What a rule finds on each line on its own, remembered across the
    documents it reads.

    A fix runs the rules again after each round of edits, and the next round
    sees mostly the same lines, some rules on the whole document and some on
    the changed lines only; the next article of a site repeats its
    furniture.  The result must depend only on the line's text and on
    ``key`` (the compiled lexicon or pack).  At most ``limit`` characters of
    lines are remembered: past that, only the last document's, and none of a
    document larger than that, so a large file is never held twice."""

    limit: int = 1 << 20
    key: Hashable = None
    lines: dict[str, T] = field(default_factory=dict)
    chars: int = 0

    def __call__(self, texts: Sequence[str], key: Hashable, compute: Callable[[list[str]], Iterable[T]], size: int) -> list[T]:
        """The result for each of ``texts``: remembered ones where the key is
        the same, ``compute`` over the others (each distinct text once, all
        in one call, so it can scan them together)."""
        if not (self.key is key or self.key == key):
            self.key, self.lines, self.chars = key, {}, 0
        known = self.lines
        fresh = list(dict.fromkeys(t for t in texts if t not in known))
        found = dict(zip(fresh, compute(fresh), strict=True))
        results = [known[t] if t in known else found[t] for t in texts]
        added = sum(map(len, fresh))
        if size <= self.limit:
            if self.chars + added <= self.limit:
                known.update(found)
                self.chars += added
            else:
                self.lines = dict(zip(texts, results, strict=True))
                self.chars = sum(map(len, self.lines))
        return results
