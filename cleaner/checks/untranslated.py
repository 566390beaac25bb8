"""Untranslated or garbled Latin-script fragments in Arabic and Vietnamese.

MT leaves source words behind when it does not know them (`Tech Titans`),
and garbles the end of a sentence into letter salad (`alaand`).  Latin
script inside an Arabic sentence is usually a name, an acronym or a model
number, so a fragment is reported only when it cannot be one: it holds a
lower-case word that is not a known name, or is made of common English
words.  Glosses in parentheses — `(Generative AI)` after the Arabic term —
are deliberate and never reported.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

import regex

from cleaner.bmpclass import BmpPattern
from cleaner.checks._util import without_marks
from cleaner.checks.names import load_glossary
from cleaner.document import Document
from cleaner.finding import Category, Hit, Severity
from cleaner.lazypattern import lazy_regex
from cleaner.registry import Context, Rule

_ASCII_LETTER = regex.compile(r"[A-Za-z]")
_ARABIC_LETTER = regex.compile(r"\p{Script=Arabic}")
# A run of Latin-script words (with digits, dots and hyphens inside words).
_RUN = regex.compile(r"[\p{Script=Latin}\d][\p{Script=Latin}\d.&'’+-]*(?:[ \t]+[\p{Script=Latin}\d][\p{Script=Latin}\d.&'’+-]*)*")
_ACRONYM = regex.compile(r"[A-Z0-9][A-Z0-9.&+-]{0,7}")  # WAIC, AIII, R1, G1, 5G
_MODEL = regex.compile(r"[A-Za-z]+\d[\w.-]*|\d+[A-Za-z]+")  # K2, GPT-4o, 3nm
_CONNECTORS = frozenset({"and", "of", "de", "du", "la", "le", "van", "von", "der", "bin", "al", "el", "&"})
# Words that follow a brand in company names ("Keenon Robotics", "China Mobile").
_NAME_TAILS = frozenset(
    {
        "robotics",
        "holdings",
        "group",
        "mobile",
        "technologies",
        "technology",
        "labs",
        "ai",
        "systems",
        "motors",
        "bank",
        "capital",
        "partners",
        "media",
        "games",
        "energy",
        "forum",
        "university",
        "institute",
        "foundation",
    }
)


def _in_parentheses(text: str, start: int, end: int) -> bool:
    before = text[:start].rstrip()
    after = text[end:].lstrip()
    return before.endswith(("(", "«", "“", '"')) and after.startswith((")", "»", "”", '"'))


def _verdict(tokens: list[str], glossary, phrase: str) -> str | None:  # type: ignore[no-untyped-def]
    """Why a run of Latin tokens is untranslated, or None when it is a name."""
    if phrase.casefold() in glossary.canonical:
        return None
    words = [t.strip(".'’-") for t in tokens]
    lower = [w for w in words if w and w[0].islower() and w.casefold() not in _CONNECTORS]

    def known(w: str) -> bool:
        return w.casefold() in glossary.canonical or bool(_ACRONYM.fullmatch(w)) or bool(_MODEL.fullmatch(w))

    odd = [w for w in lower if not known(w)]
    if odd:
        return f"lower-case Latin word(s) {', '.join(repr(w) for w in odd)} inside the sentence"
    titled = [w for w in words if w and not known(w) and w.casefold() not in _CONNECTORS]
    if not titled:
        return None
    common = [w for w in titled if w.casefold() in glossary.common and w.casefold() not in _NAME_TAILS]
    head = titled[0]
    if common and (head.casefold() in glossary.common or len(common) == len(titled)):
        return f"English word(s) {', '.join(repr(w) for w in common)} left untranslated"
    return None


# A Vietnamese syllable, tone and vowel marks removed: initial consonant,
# vowel nucleus, final consonant.  English words rarely fit ("fee",
# "delivery", "online"); short ones that do ("the", "top") stay ambiguous.
_VI_SYLLABLE = lazy_regex(r"(?:ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdghklmnprstvx])?[aeiouy]{1,3}(?:ng|nh|ch|[cmnpt])?")
# English function words that glue a phrase; not "to", "in", "an": those are Vietnamese words too.
_ENGLISH_GLUE = frozenset({"the", "of", "and", "for", "with", "at", "by", "or", "from"})
_WORD = lazy_regex(r"[\p{Script=Latin}\p{M}]+(?:['’-][\p{Script=Latin}\p{M}]+)*")


@lru_cache(maxsize=4096)  # a text repeats its words
def _is_vietnamese_syllable(word: str) -> bool:
    return bool(_VI_SYLLABLE.fullmatch(without_marks(word.casefold().replace("đ", "d"))))


# Plain lower-case ASCII words, listed by ``re`` where it can (see
# ``bmpclass``): twice as fast over the distinct words of a Vietnamese text.
_ASCII_WORD = BmpPattern(r"(?<![\p{L}\p{M}])[a-z]+(?![\p{L}\p{M}])", "(?<![{lm}])[a-z]+(?![{lm}])", {"lm": r"[\p{L}\p{M}]"})


def _may_hold_english(text: str, english: frozenset[str]) -> bool:
    """A line can hold an English phrase only if one of its plain lower-case
    words is a frequent English word that no Vietnamese syllable spells."""
    # each distinct white-space-separated piece once: white space never
    # makes or breaks a word
    words = _ASCII_WORD.findall("\n".join(set(text.split())))
    return any(not _is_vietnamese_syllable(w) for w in english.intersection(words))


def english_spans(text: str, start: int, end: int, english: frozenset[str], glossary) -> Iterator[tuple[int, int]]:  # type: ignore[no-untyped-def]
    """Runs of English words inside Vietnamese text (Latin is the script
    there, so the test is per word): at least two words, one of them a
    frequent English word that cannot be a Vietnamese syllable, the others
    English too or English glue words ("the", "of").  Loanwords Vietnamese
    writes alone ("online", "shipper") are never reported on their own."""
    run: list[tuple[int, int, bool]] = []

    def flush() -> Iterator[tuple[int, int]]:
        while run and not run[-1][2]:  # an English phrase does not end in "the"
            run.pop()
        if len(run) >= 2:
            yield run[0][0], run[-1][1]
        run.clear()

    previous_end = start
    for m in _WORD.finditer(text, start, end):
        word = m.group()
        key = word.casefold()
        gap = text[previous_end : m.start()]
        if run and gap.strip():
            yield from flush()
        previous_end = m.end()
        foreign = key in english and not _is_vietnamese_syllable(word) and key not in glossary.canonical and not word[:1].isupper()
        glue = key in _ENGLISH_GLUE
        if foreign or (glue and not word[:1].isupper()):
            run.append((m.start(), m.end(), foreign))
        else:
            yield from flush()
    yield from flush()


def untranslated_fragment(doc: Document, ctx: Context) -> Iterator[Hit]:
    """## What it does
    In Arabic and Vietnamese text, finds Latin-script fragments that are not
    names, acronyms, model numbers or glossary terms: English words left
    untranslated (`Tech Titans`) and garbled letters (`alaand`).

    ## Why it matters
    They are what machine translation leaves when it fails, and they show
    the reader that nobody edited the text.

    ## Example
    `تجمع سنوي في شنغهاي من Tech Titans من أكثر من 40 دولة` reports
    `Tech Titans`; `شركات مثل Tesla و Alphabet` reports nothing.

    ## Fix safety
    None (report only): the right translation needs the source.
    """
    if doc.language not in ("ar", "vi"):
        return
    glossary = load_glossary(ctx)
    english = ctx.pack_set().word_list("frequent-words", "en") if doc.language == "vi" else frozenset()
    if doc.language == "vi" and not _may_hold_english(doc.text, english):
        return  # no line can: a word never spans a line break, so one scan decides
    for line in doc.lines:
        text = doc.line_text(line)
        if not _ASCII_LETTER.search(text) or (doc.language == "ar" and not _ARABIC_LETTER.search(text)):
            continue
        if doc.language == "vi" and not _may_hold_english(text, english):
            continue
        for m in _RUN.finditer(text):
            phrase = m.group().strip()
            if doc.language == "vi":
                for a, b in english_spans(text, m.start(), m.end(), english, glossary):
                    if not _in_parentheses(text, a, b):
                        yield Hit(
                            line.start + a,
                            line.start + b,
                            f"Untranslated fragment {text[a:b]!r}: English phrase inside a Vietnamese sentence",
                            severity=Severity.WARNING,
                        )
                continue
            tokens = phrase.split()
            if _in_parentheses(text, m.start(), m.end()):
                continue
            why = _verdict(tokens, glossary, phrase)
            if why is None:
                continue
            a, b = line.start + m.start(), line.start + m.start() + len(phrase)
            yield Hit(a, b, f"Untranslated or garbled fragment {phrase!r}: {why}", severity=Severity.WARNING)


RULES = (
    Rule(
        "UNT001",
        "untranslated-fragment",
        Category.UNTRANSLATED,
        untranslated_fragment,
        Severity.WARNING,
        None,
        langs=frozenset({"ar", "vi"}),
        per_line=True,
    ),
)
