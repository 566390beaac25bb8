"""Markup-aware reading: which parts of a file are prose.

Rules run on the whole text, but the engine keeps only findings that lie in
prose, so front matter, code, link targets, tags, shortcodes and comments are
never reported and never edited.  Each reader returns the *protected* ranges;
prose is their complement (so blank lines between paragraphs and the end of
the file stay the whitespace rules' business).
"""

from __future__ import annotations

from collections.abc import Iterable

Ranges = tuple[tuple[int, int], ...]


def complement(protected: Iterable[tuple[int, int]], length: int) -> Ranges:
    """The gaps between ``protected`` ranges (merged first) within 0..length."""
    merged: list[list[int]] = []
    for a, b in sorted(protected):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    out: list[tuple[int, int]] = []
    pos = 0
    for a, b in merged:
        if a > pos:
            out.append((pos, a))
        pos = max(pos, b)
    if pos < length:
        out.append((pos, length))
    return tuple(out)


def scan_delimited(text: str, opener: str, closer: str) -> list[tuple[int, int]]:
    """Ranges from each ``opener`` to its ``closer`` (inclusive), in one pass.

    A plain find loop rather than a lazy regex, so an opener without a closer
    costs one failed search instead of a scan per opener (linear time).
    """
    out = []
    pos = 0
    while True:
        a = text.find(opener, pos)
        if a < 0:
            return out
        b = text.find(closer, a + len(opener))
        if b < 0:
            return out
        out.append((a, b + len(closer)))
        pos = b + len(closer)
