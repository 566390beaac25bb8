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
from collections.abc import Iterable
from dataclasses import dataclass, field

from cleaner.document import Document


class OutsidePatch(ValueError):
    """A hit that does not lie within one run of changed lines."""


@dataclass(frozen=True)
class Patch:
    """``doc`` holds the changed lines; ``pieces`` are (offset in ``doc``,
    offset in the document, length) for each run of consecutive lines."""

    doc: Document
    pieces: tuple[tuple[int, int, int], ...]
    _starts: list[int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", [p for p, _, _ in self.pieces])

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


def make_patch(doc: Document, numbers: list[int]) -> Patch:
    """The lines ``numbers`` (sorted, 1-based) of ``doc`` as a patch.

    When the first of them is not the document's first line, an empty line
    goes before them, so that no rule takes a changed line for the start of
    the text (a byte-order mark is only one at offset 0).
    """
    parts: list[str] = []
    pieces: list[tuple[int, int, int]] = []
    pos = 0
    if numbers and numbers[0] != 1:
        parts.append("\n")
        pos = 1
    for first, last in _runs(numbers):
        a, b = doc.lines[first - 1].start, doc.lines[last - 1].next
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
    )
    return Patch(view, tuple(pieces))


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
