"""Inline suppression in markup: ``<!-- cleaner: disable=CODE,... -->`` …
``<!-- cleaner: enable -->``.

Only where the format has comments (Markdown, HTML): plain-text articles use
the baseline file instead, since any marker would become part of the text.
"""

from __future__ import annotations

import regex

_DIRECTIVE = regex.compile(r"<!--\s*cleaner:\s*(disable|enable)(?:\s*=\s*([A-Za-z0-9_,\s-]+?))?\s*-->")

Region = tuple[int, int, frozenset[str] | None]  # start, end, codes (None: all)


def regions(text: str) -> tuple[Region, ...]:
    """Suppressed regions; a disable without a matching enable runs to the end.

    Codes may be full codes or prefixes (``PRF``); ``enable`` without codes
    ends every open region, ``enable=X`` ends the regions that named X.
    """
    open_regions: list[tuple[int, frozenset[str] | None]] = []
    out: list[Region] = []
    for m in _DIRECTIVE.finditer(text):
        codes = frozenset(c.strip().upper() for c in (m.group(2) or "").split(",") if c.strip()) or None
        if m.group(1) == "disable":
            open_regions.append((m.end(), codes))
            continue
        keep = []
        for start, open_codes in open_regions:
            if codes is None or (open_codes is not None and open_codes & codes):
                out.append((start, m.start(), open_codes))
            else:
                keep.append((start, open_codes))
        open_regions = keep
    out.extend((start, len(text), codes) for start, codes in open_regions)
    return tuple(out)


def suppressed(code: str, start: int, end: int, regs: tuple[Region, ...]) -> bool:
    for a, b, codes in regs:
        if a <= start and end <= b and (codes is None or any(code.startswith(c) for c in codes)):
            return True
    return False
