"""Which lines of the original became which lines of the fixed text.

``difflib`` finds that by matching the two texts, which grows much faster
than their length when lines repeat: the fixed copy of a 3 MB file of
articles laid end to end took a minute to diff.  ``fix`` already knows what
it changed: every applied fix carries its span in the original text and
how much longer it made the text, and a line that no fix touched is in the
fixed text as it was, where the growth of the fixes before it puts it.  So
the lines are aligned in one walk (each kept line checked where it should
be), the few lines between kept ones are matched by ``difflib`` locally,
and the result is handed to ``difflib`` as the matcher's opcodes, which its
grouping and the report formats read as they would read its own.  Changes
that put kept lines out of order (a result from elsewhere) are matched by
``difflib`` as before.
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


def overlapped(starts: Sequence[int], spans: Iterable[tuple[int, int]]) -> bytearray:
    """1 for each line (``starts``: line start offsets, then the text's
    length) that some span removes or replaces characters of."""
    marks = bytearray(len(starts) - 1)
    for a, b in spans:
        if b > a:
            first = bisect.bisect_right(starts, a) - 1
            final = bisect.bisect_right(starts, b - 1) - 1
            marks[first : final + 1] = b"\x01" * (final + 1 - first)
    return marks


def aligned(
    old: Sequence[str], new: Sequence[str], changes: list[tuple[int, int, int]], shown: tuple[Sequence[str], Sequence[str]] | None = None
) -> list[Opcode] | None:
    """Opcodes from the kept lines: an old line (with its break) that no
    span overlaps and that ``new`` holds, as it is, where the growth of the
    fixes before it puts it.  Kept lines must come in order; None when they
    do not (``new`` does not fit the changes).  The lines between are
    matched line by line in ``shown`` (the lines as the report shows them,
    perhaps without breaks)."""
    view_old, view_new = shown or (old, new)
    if not old:
        return [("insert", 0, 0, 0, len(new))] if new else []
    old_starts = [0, *accumulate(map(len, old))]
    new_starts = [0, *accumulate(map(len, new))]
    marks = overlapped(old_starts, ((a, b) for a, b, _ in changes))
    by_end = sorted((b, growth) for _, b, growth in changes)
    ends = [b for b, _ in by_end]
    grown = [0, *accumulate(growth for _, growth in by_end)]
    ops: list[Opcode] = []
    last_old = last_new = -1
    for i, line in enumerate(old):
        if marks[i]:
            continue
        # where the line starts in the new text, if it is kept
        offset = old_starts[i] + grown[bisect.bisect_right(ends, old_starts[i])]
        k = bisect.bisect_left(new_starts, offset)
        if k >= len(new) or new_starts[k] != offset or new[k] != line:
            continue  # its break taken, or text run into it
        if k <= last_new:
            return None
        if i > last_old + 1 or k > last_new + 1:
            _changed(ops, view_old, view_new, last_old + 1, i, last_new + 1, k)
        _add(ops, ("equal", i, i + 1, k, k + 1))
        last_old, last_new = i, k
    if last_old + 1 < len(old) or last_new + 1 < len(new):
        _changed(ops, view_old, view_new, last_old + 1, len(old), last_new + 1, len(new))
    return ops


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
