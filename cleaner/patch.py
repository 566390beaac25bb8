"""The lines a fix pass changed, laid end to end as a small document.

After a pass applies its fixes, most lines of an article are as they were.
A rule that judges each line on its own (``Rule.per_line``) finds on an
unchanged line what it found there before, so later passes run such rules
on the changed lines only and carry their earlier findings over.  A
``Patch`` is those lines with the map back to the document's offsets; the
engine checks that every hit lands inside one run of changed lines.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator
from functools import cached_property

from msgspec import Struct

from cleaner.document import Document


class OutsidePatch(ValueError):
    """A hit that does not lie within one run of changed lines."""


class Patch(Struct, frozen=True, dict=True):
    """``doc`` holds the changed lines; ``pieces`` are (offset in ``doc``,
    offset in the document, length) for each run of consecutive lines."""

    doc: Document
    pieces: tuple[tuple[int, int, int], ...]

    @cached_property
    def _starts(self) -> list[int]:
        return [p for p, _, _ in self.pieces]

    def place(self, start: int, end: int) -> tuple[int, int]:
        """``start..end`` of the patch as offsets of the document."""
        i = bisect.bisect_right(self._starts, start) - 1
        if i < 0:
            raise OutsidePatch(f"span {start}..{end} lies before the changed lines")
        at, origin, length = self.pieces[i]
        if end - at > length:
            raise OutsidePatch(f"span {start}..{end} runs past the changed line it starts in")
        return origin + start - at, origin + end - at


def touched_lines(doc: Document, spans: Iterable[tuple[int, int]]) -> list[int]:
    """Numbers of the lines of ``doc`` that a span reaches or touches: the
    line before a span that starts a line is included, since its break
    borders the span."""
    lines = doc.lines
    if not lines:
        return []
    index = doc.index
    numbers: set[int] = set()
    for a, b in spans:
        first = index.position(a)[0]
        if first > 1 and lines[first - 1].start == a:
            first -= 1
        last = index.position(b)[0]
        numbers.update(range(first, min(last, len(lines)) + 1))
    return sorted(numbers)


def _runs(numbers: list[int]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for n in numbers:
        if runs and runs[-1][1] == n - 1:
            runs[-1] = (runs[-1][0], n)
        else:
            runs.append((n, n))
    return runs


def make_patch(doc: Document, numbers: list[int], *, break_before: bool = False) -> Patch:
    """The lines ``numbers`` (sorted, 1-based) of ``doc`` as a patch.

    When the first of them is not the document's first line, an empty line
    goes before them, so that no rule takes a changed line for the start of
    the text (a byte-order mark is only one at offset 0).  For a block of
    a large document (``break_before``) that empty line is the line break
    before the block, as it is and part of the patch: a rule that removes
    the block's first line with the break before it (a vandal's last line)
    edits what it would edit in the whole document.  For changed lines it
    stays a stand-in, and a hit on it is a rule's bug.
    """
    parts: list[str] = []
    pieces: list[tuple[int, int, int]] = []
    pos = 0
    lead = None  # where the patch's first piece starts in the document, when it takes the break before
    if numbers and numbers[0] != 1:
        if break_before:
            lead = doc.lines[numbers[0] - 2].end
        else:
            parts.append("\n")
            pos = 1
    for first, last in _runs(numbers):
        a, b = doc.lines[first - 1].start, doc.lines[last - 1].next
        if lead is not None:
            a, lead = lead, None
        pieces.append((pos, a, b - a))
        parts.append(doc.text[a:b])
        pos += b - a
    prose = None if doc.prose is None else _clip(doc.prose, pieces)
    view = Document(
        text="".join(parts),
        language=doc.language,
        path=doc.path,
        source_encoding=doc.source_encoding,
        encoding_confidence=doc.encoding_confidence,
        prose=prose,
        markdown=doc.markdown,
        starts_file=doc.starts_file and bool(numbers) and numbers[0] == 1,
        ends_file=doc.ends_file and bool(numbers) and numbers[-1] == len(doc.lines),
    )
    return Patch(view, tuple(pieces))


def block_ranges(doc: Document, size: int) -> Iterator[tuple[int, int]]:
    """(first, last) line numbers of blocks of ``doc`` of at most ``size``
    characters each (a longer line is a block of its own), about equal in
    size, cut where a paragraph starts after a blank line when the block
    has such a place:
    a run of blank lines then ends its block whole, and a line is judged
    beside the lines around it.  No cut falls between a paragraph and a copy
    of it, which would hide a repeated paragraph from its rule."""
    lines = doc.lines
    index = doc.index
    count = len(lines)
    first = 1
    while first <= count:
        begin = lines[first - 1].start
        rest = len(doc.text) - begin
        if rest <= size:
            yield first, count
            return
        # the rest in blocks of equal size, so that the last one is not a
        # sliver that holds the page's tail without the lines above it
        share = -(-rest // -(-rest // size))
        limit = index.position(begin + share)[0]  # the last line that starts within it
        cut = _paragraph_start(doc, first, limit) or (limit if limit > first else first + 1)
        yield first, cut - 1
        first = cut


def _paragraph_start(doc: Document, first: int, limit: int) -> int | None:
    """The last line in ``first + 1 .. limit`` that starts a paragraph
    after a blank line and does not repeat the paragraph before it."""
    lines = doc.lines
    for number in range(limit, first, -1):
        text = doc.line_text(lines[number - 1])
        if not text.strip() or doc.line_text(lines[number - 2]).strip():
            continue
        before = next((doc.line_text(lines[k - 1]) for k in range(number - 1, first - 1, -1) if doc.line_text(lines[k - 1]).strip()), None)
        if before is not None and before.split() == text.split():
            continue
        return number
    return None


def _clip(prose: tuple[tuple[int, int], ...], pieces: list[tuple[int, int, int]]) -> tuple[tuple[int, int], ...]:
    """The prose ranges of the document that fall inside the pieces, in
    patch offsets.  A range is cut at a piece's edge, which is a line's edge:
    a span inside one line inside one range stays inside one range."""
    starts = [a for a, _ in prose]
    out: list[tuple[int, int]] = []
    for at, origin, length in pieces:
        end = origin + length
        i = max(0, bisect.bisect_right(starts, origin) - 1)
        while i < len(prose) and prose[i][0] < end:
            a, b = max(prose[i][0], origin), min(prose[i][1], end)
            if a < b:
                out.append((a - origin + at, b - origin + at))
            i += 1
    return tuple(out)
