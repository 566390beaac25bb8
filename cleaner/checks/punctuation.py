"""Punctuation slips of machine translation and hasty editing.

Spacing is fixed (a space before a comma is never right in Arabic, Vietnamese
or English); everything that needs judgement is reported: punctuation left
dangling at a sentence end, quotes that open and never close or close the
wrong way, dashes standing in for quotation marks, Latin punctuation inside
Arabic sentences.  Curly quotes and Arabic punctuation are content: nothing
here straightens or replaces them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

import regex

from cleaner.document import Document
from cleaner.finding import Category, Edit, Fix, Hit, Safety, Severity
from cleaner.lazypattern import lazy_re, lazy_regex
from cleaner.registry import Context, Rule

# letter/digit/closing mark, spaces, then punctuation that attaches to the
# word before it, followed by a space, the end, or a closing mark.
# A mark that attaches to the word before it, after spaces that follow a
# letter, digit or closing mark, and before a space, the end or a closing
# mark.  Every match starts with the mark, which regex finds at C speed, and
# looks back for the spaces and the word: a look-behind first was tried at
# every character.  No match crosses a line break, so one scan of the whole
# text finds what a scan of each line does.
_SPACE_BEFORE = regex.compile(r"(?P<mark>[,.;!?،؛؟%٪])(?<=[\p{L}\p{M}\p{N}\)\]”’»](?P<space>[ \t\u00a0]+)[,.;!?،؛؟%٪])(?=[\s”’»\)\]]|$)")
# White space here is any but a line break, so one scan of the whole text
# finds what a scan of each line did.
_DANGLING = regex.compile(r"[,،;؛:][^\S\r\n]*[.!?؟]|(?<![.])[.][.](?![.])|[،,][^\S\r\n]*[و][^\S\r\n]*[“\"][^\S\r\n]*[.]")
_ARABIC = regex.compile(r"\p{Script=Arabic}")
_LATIN_PUNCT_IN_ARABIC = regex.compile(r"(?<=\p{Script=Arabic}\s?)([,;?])(?=\s?\p{Script=Arabic})")
_ARABIC_EQUIVALENT = {",": "،", ";": "؛", "?": "؟"}
_DASH_QUOTE = regex.compile(r"(?:^|(?<=[.!?؟”]\s))([–—])\s(?=\p{Script=Arabic})")


def space_before_punctuation(doc: Document, ctx: Context) -> Iterator[Hit]:
    """## What it does
    Finds white space between a word and the punctuation that belongs to
    it: `الصين ،`, `word ,`, `52 %`, `52 ٪`.

    ## Why it matters
    Machine translation into Arabic very often leaves a space before the
    Arabic comma; it looks careless and breaks lines in the wrong place.

    ## Example
    `قال لي في خطابه يوم السبت ، لا سيما` becomes `قال لي في خطابه يوم السبت، لا سيما`.

    ## Fix safety
    Safe: only the space goes.  A space between two punctuation marks (`، .`)
    is left for PUN002 to report.
    """
    for m in _SPACE_BEFORE.finditer(doc.text):
        a, b = m.span("space")
        yield Hit(a, m.end("mark"), f"Space before {m.group('mark')!r}", Fix("Remove the space", (Edit(a, b),), Safety.SAFE))


def dangling_punctuation(doc: Document, ctx: Context) -> Iterator[Hit]:
    """## What it does
    Finds punctuation doubled or left dangling where a sentence ends: `، .`,
    `,.`, `..`, a clause opened and abandoned (`، و “.`).

    ## Why it matters
    It marks a sentence whose end was lost in translation or editing; the
    missing words need a person.

    ## Example
    `…لتكنولوجيا الذكاء الاصطناعي، .` is reported.

    ## Fix safety
    None (report only): what was meant cannot be known.
    """
    for m in _DANGLING.finditer(doc.text):
        yield Hit(m.start(), m.end(), f"Dangling or doubled punctuation: {m.group()!r}", severity=Severity.WARNING)


_PAIRS = (("“", "”"), ("«", "»"))
_ANY_QUOTE = re.compile('["“”«»]')
_ANY_QUOTE_OR_ENTITY = lazy_re('["“”«»&]')


def _lines_with(doc: Document, marks: re.Pattern[str]) -> list[int]:
    """Indexes of the lines that hold one of ``marks``, in order: the
    others have nothing to weigh, and most lines of most articles hold no
    quotation mark (one scan of the text instead of a test per line)."""
    index = doc.index
    found = {index.position(m.start())[0] - 1 for m in marks.finditer(doc.text)}
    return sorted(found)


# The same marks written as HTML character references, as scraped pages keep them.
_ENTITIES = {
    "“": ("&ldquo;", "&#8220;", "&#x201c;"),
    "”": ("&rdquo;", "&#8221;", "&#x201d;"),
    "«": ("&laquo;", "&#171;", "&#xab;"),
    "»": ("&raquo;", "&#187;", "&#xbb;"),
}
_LEADING_TAGS = lazy_regex(r"^(?:\s*<[^>]*>)*\s*")


def _mark(char: str, html: bool) -> str:
    forms = (char, *_ENTITIES[char]) if html else (char,)
    return "|".join(regex.escape(f) for f in forms)


@lru_cache(maxsize=8)
def _quote_patterns(opener: str, closer: str, html: bool) -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    """(opening marks, any mark with the opening ones named) for one pair."""
    opens, closes = _mark(opener, html), _mark(closer, html)
    return regex.compile(opens, regex.IGNORECASE), regex.compile(f"(?P<open>{opens})|{closes}", regex.IGNORECASE)


def unbalanced_quotes(doc: Document, ctx: Context) -> Iterator[Hit]:
    """## What it does
    Finds quotation marks that open and never close in their paragraph, and
    closing marks used to open (`لـ”وكالة الطاقة”`).

    ## Why it matters
    A quote that never closes attributes the rest of the paragraph to the
    speaker; a reversed mark shows the text was assembled by a machine.

    ## Example
    `“لدينا مصلحة … على هذه الأدوات.` (never closed) is reported.

    ## Fix safety
    None (report only).  A paragraph that continues a quotation into the
    next one (which opens with a quotation mark again) is the English
    convention and is not reported.
    """
    lines = doc.lines
    html = doc.prose is not None and not doc.markdown
    for index in _lines_with(doc, _ANY_QUOTE_OR_ENTITY if html else _ANY_QUOTE):
        line = lines[index]
        text = doc.line_text(line)
        if not html and '"' in text:
            at = _unclosed_straight_quote(doc, line.start, text)
            if at is not None and not _next_paragraph(doc, index).lstrip().startswith('"'):
                yield Hit(
                    line.start + at,
                    line.start + at + 1,
                    "Quotation mark '\"' opens and never closes in this paragraph",
                    severity=Severity.WARNING,
                )
        if not (html and "&" in text) and not any(q in text for q in "“”«»"):
            continue
        for opener, closer in _PAIRS:
            opens_re, marks_re = _quote_patterns(opener, closer, html)
            if opener == "«" and not opens_re.search(text):
                continue  # » alone is a breadcrumb or list separator, not a quote
            depth = 0
            open_at = -1
            for m in marks_re.finditer(text):
                if m.group("open"):
                    depth = max(depth, 0)  # a proper opening ends any reversed one
                    if depth == 0:
                        open_at = m.start()
                    depth += 1
                else:
                    if depth == 0:
                        # a closing mark used to open: report it, and let the
                        # next closing mark end that quotation
                        a = line.start + m.start()
                        yield Hit(
                            a,
                            line.start + m.end(),
                            f"Closing quotation mark {closer!r} used to open a quotation",
                            severity=Severity.WARNING,
                        )
                        depth, open_at = -1, -1
                    elif depth < 0:
                        depth = 0
                    else:
                        depth -= 1
            if depth > 0:
                following = _next_paragraph(doc, index)
                following = _LEADING_TAGS.sub("", following) if html else following.lstrip()
                if opens_re.match(following):
                    continue
                a = line.start + open_at
                yield Hit(a, a + 1, f"Quotation mark {opener!r} opens and never closes in this paragraph", severity=Severity.WARNING)


_STRAIGHT_OPENING = lazy_regex(r'(?:^|(?<=[\s(\[]))"(?=\p{L})')


def _next_paragraph(doc: Document, index: int) -> str:
    """The first non-blank line after line ``index`` (0-based), or "": a
    quotation continued there opens again, the English convention."""
    return next((doc.line_text(ln) for ln in doc.lines[index + 1 :] if doc.line_text(ln).strip()), "")


def _unclosed_straight_quote(doc: Document, line_start: int, text: str) -> int | None:
    """Where a straight double quote opens and is never closed: an odd count
    of marks in the paragraph and the last one shaped like an opening
    (after a space, before a letter).  Inch marks (`12"`) close-shaped, and
    web pages (quotes in attributes) are not judged."""
    marks = [i for i, c in enumerate(text) if c == '"' and doc.in_prose(line_start + i, line_start + i + 1)]
    if len(marks) % 2 == 0:
        return None
    last = marks[-1]
    return last if _STRAIGHT_OPENING.match(text, last) else None


def dash_as_quote(doc: Document, ctx: Context) -> Iterator[Hit]:
    """## What it does
    In Arabic text, finds a dash that opens a sentence where a quotation
    mark belongs (`– لا تزال حوكمة …` after "he said").

    ## Why it matters
    Machine translation turns English quotation marks into dashes; the
    reader can no longer tell the speaker's words from the reporter's.

    ## Example
    `– لا تزال حوكمة الذكاء الاصطناعي العالمي مجزأة.` is reported.

    ## Fix safety
    None (report only): where the quotation ends must be decided by a
    person.
    """
    if doc.language != "ar":
        return
    for line in doc.lines:
        text = doc.line_text(line)
        for m in _DASH_QUOTE.finditer(text):
            a = line.start + m.start(1)
            yield Hit(a, a + 1, "Dash standing in for a quotation mark", severity=Severity.INFO)


def latin_punctuation_in_arabic(doc: Document, ctx: Context) -> Iterator[Hit]:
    """## What it does
    Finds a Latin comma, semicolon or question mark between Arabic words.

    ## Why it matters
    Arabic has its own marks (، ؛ ؟), which also face the right way in
    right-to-left text; Latin ones come from MT or a Latin keyboard.

    ## Example
    `قال المتحدث, إن الاتفاق قريب` → `قال المتحدث، إن الاتفاق قريب`.

    ## Fix safety
    Unsafe: numbers and Latin names nearby sometimes make the Latin mark
    right.
    """
    for line in doc.lines:
        text = doc.line_text(line)
        if not _ARABIC.search(text):
            continue
        for m in _LATIN_PUNCT_IN_ARABIC.finditer(text):
            a = line.start + m.start(1)
            arabic = _ARABIC_EQUIVALENT[m.group(1)]
            yield Hit(
                a,
                a + 1,
                f"Latin {m.group(1)!r} in Arabic text (Arabic uses {arabic!r})",
                Fix(f"Use {arabic}", (Edit(a, a + 1, arabic),), Safety.UNSAFE),
                severity=Severity.INFO,
            )


RULES = (
    Rule(
        "PUN001", "space-before-punctuation", Category.PUNCTUATION, space_before_punctuation, Severity.WARNING, Safety.SAFE, per_line=True
    ),
    Rule("PUN002", "dangling-punctuation", Category.PUNCTUATION, dangling_punctuation, Severity.WARNING, None, per_line=True),
    Rule("PUN003", "unbalanced-quotes", Category.PUNCTUATION, unbalanced_quotes, Severity.WARNING, None),
    Rule("PUN004", "dash-as-quote", Category.PUNCTUATION, dash_as_quote, Severity.INFO, None, langs=frozenset({"ar"}), per_line=True),
    Rule(
        "PUN005",
        "latin-punctuation-in-arabic",
        Category.PUNCTUATION,
        latin_punctuation_in_arabic,
        Severity.INFO,
        Safety.UNSAFE,
        langs=frozenset({"ar"}),
        per_line=True,
    ),
)
