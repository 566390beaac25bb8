"""Spelling: one word written two ways in one document.

Arabic MT and keyboards alternate final ى/ي, ة/ه and the hamza forms of
alef; an article that writes `الاصطناعي` nine times and `الاصطناعى` twice
has a habit, not a style.  Short words are left out: there the variants are
different words (على/علي, إلى/إلي, أن/إن).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator

import regex

from cleaner.document import Document
from cleaner.finding import Category, Edit, Fix, Hit, Safety, Severity
from cleaner.registry import Context, Rule

_WORD = regex.compile(r"[\p{Script=Arabic}\p{M}]+")
_FOLD = str.maketrans({"ى": "ي", "ة": "ه", "أ": "ا", "إ": "ا", "آ": "ا"})
_MARKS = regex.compile(r"[\u064b-\u065f\u0670\u0640]")
MIN_LETTERS = 5


def variant_spelling(doc: Document, ctx: Context) -> Iterator[Hit]:
    """## What it does
    In Arabic text, finds a word spelled two ways in the same document that
    differ only in final ى/ي, ة/ه or the hamza on alef (أ/إ/آ/ا), and reports
    the less frequent spelling with the more frequent one as suggestion.

    ## Why it matters
    Inconsistent spelling is a machine-translation or keyboard habit; it
    splits search and looks unedited.

    ## Example
    `الذكاء الاصطناعى` in an article that otherwise writes `الاصطناعي`.

    ## Fix safety
    Unsafe: the majority spelling is usually the house style, but not
    always the correct one.  Words shorter than five letters are skipped,
    since there the variants are different words.
    """
    if doc.language != "ar":
        return
    spans: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for m in _WORD.finditer(doc.text):
        surface = _MARKS.sub("", m.group())
        if len(surface) < MIN_LETTERS:
            continue
        key = surface.translate(_FOLD)
        counts[key][surface] += 1
        spans[key].append((m.start(), m.end(), surface))
    for key, forms in counts.items():
        if len(forms) < 2:
            continue
        (majority, top), (_, second) = forms.most_common(2)
        if top < 2 or top < 2 * second:
            continue  # no clear house spelling
        for a, b, surface in spans[key]:
            if surface != majority and a >= 0:
                yield Hit(a, b, f"{surface!r} is written {majority!r} elsewhere in this document ({top} times)", Fix(f"Write {majority}", (Edit(a, b, majority),), Safety.UNSAFE), severity=Severity.INFO)


RULES = (Rule("SPL001", "variant-spelling", Category.SPELLING, variant_spelling, Severity.INFO, Safety.UNSAFE, langs=frozenset({"ar"})),)
