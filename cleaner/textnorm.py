"""Unicode normalisation in linear time, whatever the input.

CPython's ``unicodedata.normalize`` puts combining marks in canonical order
with an insertion sort, so a long run of marks out of order ("Zalgo" text,
or a crafted file: two marks alternating 30,000 times) takes time quadratic
in the run: seconds for one line.  Real text never stacks more than a few
marks on one letter (the stream-safe format of UAX #15 allows 30), so only
runs longer than that are touched: each is decomposed and put in canonical
order here with a stable sort, which leaves ``normalize`` nothing to move.
The result is the same string: the rewritten run is canonically equivalent
to the original, and every normalisation form maps canonically equivalent
strings to the same output.
"""

from __future__ import annotations

import unicodedata

import regex

# Marks, plus the two halfwidth katakana sound marks that decompose
# (compatibility forms) into combining marks.
_LONG_MARK_RUN = regex.compile(r"[\p{M}\uff9e\uff9f]{31,}")


def _canonical_order(run: str, form: str) -> str:
    """``run`` decomposed and in canonical order: each stretch of
    characters with a non-zero combining class sorted by that class,
    stably, as Unicode's canonical ordering algorithm defines it."""
    decompose = "NFKD" if form.startswith("NFK") else "NFD"
    chars = "".join(unicodedata.normalize(decompose, c) for c in run)
    out: list[str] = []
    stretch: list[str] = []
    for c in chars:
        if unicodedata.combining(c):
            stretch.append(c)
            continue
        out.extend(sorted(stretch, key=unicodedata.combining))
        stretch = []
        out.append(c)
    out.extend(sorted(stretch, key=unicodedata.combining))
    return "".join(out)


def normalize(form: str, text: str) -> str:
    """``unicodedata.normalize(form, text)``, without its quadratic case."""
    if unicodedata.is_normalized(form, text):
        return text
    text = _LONG_MARK_RUN.sub(lambda m: _canonical_order(m.group(), form), text)
    return unicodedata.normalize(form, text)


# str.casefold reserves room for three UCS-4 code points per character (a
# fold may expand: ß -> ss), twelve bytes per character whatever the text:
# folding a 10 MB article at once peaked above 100 MB.  Case folding maps
# each character on its own, so folded slices join to the same string.
FOLD_CHUNK = 1 << 16


def casefold(text: str) -> str:
    """``text.casefold()`` with a bounded working buffer."""
    if len(text) <= FOLD_CHUNK:
        return text.casefold()
    return "".join(text[i : i + FOLD_CHUNK].casefold() for i in range(0, len(text), FOLD_CHUNK))
