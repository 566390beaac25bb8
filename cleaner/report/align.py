"""Which lines of the original became which lines of the fixed text.

``difflib`` finds that by matching the two texts, which grows much faster
than their length when lines repeat: the fixed copy of a 3 MB file of
articles laid end to end took a minute to diff.  ``fix`` already knows what
it changed: every applied fix carries its span in the original text, and a
line that no fix touched is in the fixed text as it was, in the same order.
So the lines are aligned from those spans in one walk, and handed to
``difflib`` as the matcher's opcodes, which its grouping and the report
formats read as they would read its own.  When the texts do not fit the
spans (a result from elsewhere), ``difflib`` matches them as before.
"""

from __future__ import annotations

import bisect
import difflib
from collections.abc import Iterable, Sequence
from itertools import accumulate

Opcode = tuple[str, int, int, int, int]


def line_matcher(original: str, fixed: str, changes: Iterable[tuple[int, int, int]], keepends: bool = True) -> difflib.SequenceMatcher[str]:
    """A matcher of the lines of ``original`` and ``fixed`` (``splitlines``,
    with their breaks or without), its opcodes taken from ``changes``:
    (start, end, growth) of each applied fix, its span in the original and
    how many characters longer it made the text."""
    old, new = original.splitlines(True), fixed.splitlines(True)
    shown = (old, new) if keepends else (original.splitlines(), fixed.splitlines())
    opcodes = aligned(old, new, list(changes), shown)
    old, new = shown
    matcher: difflib.SequenceMatcher[str] = difflib.SequenceMatcher(None, old, new, autojunk=False)
    if opcodes is not None:
        matcher.opcodes = opcodes  # get_opcodes and get_grouped_opcodes return these
    return matcher


def touched(starts: Sequence[int], spans: Iterable[tuple[int, int]]) -> bytearray:
    """1 for each line (``starts``: line start offsets, then the text's
    length) whose text a span may change: the lines it overlaps (for an
    insertion, the line it goes into), the line before when it starts a
    line, and the line right after it, which what it leaves may run into.
    Lines marked but unchanged are shown as context."""
    marks = bytearray(len(starts) - 1)
    last = len(marks) - 1
    for a, b in spans:
        first = bisect.bisect_right(starts, a) - 1
        final = first if a == b else bisect.bisect_right(starts, b - 1) - 1
        if starts[first] == a and first > 0:
            first -= 1  # the break before the span borders it ("\r" + an inserted "\n")
        if b > a and starts[final + 1] == b:
            final += 1  # what the span leaves may run into the next line (a break taken)
        for number in range(max(0, min(first, last)), min(final, last) + 1):
            marks[number] = 1
    return marks


def aligned(
    old: Sequence[str], new: Sequence[str], changes: list[tuple[int, int, int]], shown: tuple[Sequence[str], Sequence[str]] | None = None
) -> list[Opcode] | None:
    """Opcodes from the untouched lines (``old`` and ``new`` with their
    breaks), which are in ``new`` as they are, in order, each where the
    growth of the fixes before it puts it; None when ``new`` does not fit
    that.  Changed runs are matched line by line in ``shown`` (the lines as
    the report shows them, perhaps without breaks)."""
    if not old:
        return [("insert", 0, 0, 0, len(new))] if new else []
    old_starts = [0, *accumulate(map(len, old))]
    new_starts = [0, *accumulate(map(len, new))]
    marks = touched(old_starts, ((a, b) for a, b, _ in changes))
    by_end = sorted((b, growth) for _, b, growth in changes)
    ends = [b for b, _ in by_end]
    grown = [0, *accumulate(growth for _, growth in by_end)]

    def image(line: int) -> int | None:
        """Where untouched old line ``line`` starts in ``new``, as a line index."""
        offset = old_starts[line] + grown[bisect.bisect_right(ends, old_starts[line])]
        k = bisect.bisect_left(new_starts, offset)
        return k if k < len(new_starts) and new_starts[k] == offset else None

    ops: list[Opcode] = []
    i = j = 0
    n = len(old)
    while i < n:
        end = i
        while end < n and marks[end] == marks[i]:
            end += 1
        if not marks[i]:
            if image(i) != j or list(new[j : j + end - i]) != list(old[i:end]):
                return None
            _add(ops, ("equal", i, end, j, j + end - i))
            j += end - i
        else:
            stop = len(new) if end == n else image(end)
            if stop is None or stop < j:
                return None
            _changed(ops, *(shown or (old, new)), i, end, j, stop)
            j = stop
        i = end
    return ops if j == len(new) else None


# A run of changed lines up to this long is matched by difflib (small, so
# cheap), which shows the lines it kept inside the run as context; a longer
# one is shown replaced whole.
LOCAL_MATCH_LINES = 400


def _changed(ops: list[Opcode], old: Sequence[str], new: Sequence[str], i1: int, i2: int, j1: int, j2: int) -> None:
    """Old lines i1..i2 became new lines j1..j2."""
    if max(i2 - i1, j2 - j1) <= LOCAL_MATCH_LINES:
        local = difflib.SequenceMatcher(None, old[i1:i2], new[j1:j2], autojunk=False).get_opcodes()
        for tag, a1, a2, b1, b2 in local:
            _add(ops, (tag, i1 + a1, i1 + a2, j1 + b1, j1 + b2))
        return
    tag = "replace" if i1 < i2 and j1 < j2 else "delete" if i1 < i2 else "insert"
    _add(ops, (tag, i1, i2, j1, j2))


def _add(ops: list[Opcode], op: Opcode) -> None:
    """Append, joining two equal runs in a row (difflib never has them)."""
    if ops and ops[-1][0] == op[0] == "equal":
        _, a, _, c, _ = ops[-1]
        ops[-1] = ("equal", a, op[2], c, op[4])
    else:
        ops.append(op)
