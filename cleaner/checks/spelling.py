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

from cleaner.bmpclass import BmpPattern
from cleaner.checks._util import CharTable
from cleaner.document import Document
from cleaner.finding import Category, Edit, Fix, Hit, Safety, Severity
from cleaner.registry import Context, Rule

# Arabic words, listed by ``re`` where it can (see ``bmpclass``): listing
# every word of every Arabic document is most of what this rule costs.
_WORD = BmpPattern(r"[\p{Script=Arabic}\p{M}]+", "[{word}]+", {"word": r"[\p{Script=Arabic}\p{M}]"})
# Applied to every distinct word of a document at once, as replacements
# (str.translate looks each Arabic character up in a dictionary).
_FOLD = CharTable.of(str.maketrans({"ى": "ي", "ة": "ه", "أ": "ا", "إ": "ا", "آ": "ا"}))
_NO_MARKS = CharTable.of(str.maketrans({chr(c): None for c in (*range(0x064B, 0x0660), 0x0670, 0x0640)}))
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
    # Count every distinct word in C and take the marks out of all of them,
    # and fold them, in one call each.  Most documents write every word of
    # five letters or more one way only: decided by comparing how many
    # folded keys and how many (key, form) pairs there are.  Only the rest
    # group the words by key; positions are looked up only for the forms
    # that get reported.
    found = Counter(_WORD.findall(doc.text))
    if not found:
        return
    distinct = list(found)
    surfaces = _NO_MARKS("\n".join(distinct)).split("\n")  # a word holds no line break
    keys = _FOLD("\n".join(surfaces)).split("\n")
    pairs = {(key, surface) for key, surface in zip(keys, surfaces, strict=True) if len(surface) >= MIN_LETTERS}
    if len({key for key, _ in pairs}) == len(pairs):
        return  # no key written two ways
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    written: dict[str, list[str]] = defaultdict(list)  # form without marks -> the words as written
    for word, surface, key in zip(distinct, surfaces, keys, strict=True):
        if len(surface) < MIN_LETTERS:
            continue
        counts[key][surface] += found[word]
        written[surface].append(word)
    wrong: dict[str, tuple[str, int]] = {}  # minority form -> (house form, its count)
    for forms in counts.values():
        if len(forms) < 2:
            continue
        (majority, top), (_, second) = forms.most_common(2)
        if top < 2 or top < 2 * second:
            continue  # no clear house spelling
        wrong.update((f, (majority, top)) for f in forms if f != majority)
    if not wrong:
        return
    words = [w for form in wrong for w in written[form]]
    pattern = regex.compile(r"(?<![\p{Script=Arabic}\p{M}])\L<words>(?![\p{Script=Arabic}\p{M}])", words=words)
    for m in pattern.finditer(doc.text):
        surface = _NO_MARKS(m.group())
        if surface in wrong:
            majority, top = wrong[surface]
            yield Hit(
                m.start(),
                m.end(),
                f"{surface!r} is written {majority!r} elsewhere in this document ({top} times)",
                Fix(f"Write {majority}", (Edit(m.start(), m.end(), majority),), Safety.UNSAFE),
                severity=Severity.INFO,
            )


RULES = (Rule("SPL001", "variant-spelling", Category.SPELLING, variant_spelling, Severity.INFO, Safety.UNSAFE, langs=frozenset({"ar"})),)
