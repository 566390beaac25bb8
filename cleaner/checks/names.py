"""Names: brand, organisation and person names mangled by MT or by editing.

The glossary pack (``rules/glossary.toml``, extended by a repo's packs) holds
each entity's canonical spelling and the variants its owner accepts.  Three
questions: is a known name written in the wrong case (`Openai`), is an
unknown word a near miss of a known name (`Nothropic`), and is one entity
written two ways in one article.  A near-miss matcher turns different real
names into one another unless it is guarded: candidates must be long enough,
share the name's consonant skeleton or first letter, and not be a common
word or another entity.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any

import ahocorasick
import regex
from msgspec import Struct, field

from cleaner.bmpclass import BmpPattern
from cleaner.checks._util import LineMemo, line_blocks, space_chunks, without_marks
from cleaner.document import Document
from cleaner.finding import Category, Edit, Fix, Hit, Safety, Severity
from cleaner.packs import derived
from cleaner.registry import Context, Rule

_LATIN_NAME = regex.compile(
    r"(?<![\p{L}\p{N}])[\p{Script=Latin}][\p{Script=Latin}\p{N}.&+'-]*[\p{Script=Latin}\p{N}]|(?<![\p{L}\p{N}])[\p{Script=Latin}](?![\p{L}\p{N}])"
)
_VOWELS = frozenset("aeiouy")
_POSSESSIVE = regex.compile(r"['’]s$")
MIN_NEAR_MISS = 5  # shorter words are too often other real words


# A run of letters and digits: names are looked up by their first one.
_WORD = regex.compile(r"[\p{L}\p{N}]+")
# Words that can be a near miss of a name: capitalised, ASCII, long enough
# (possessive included, near_miss strips it).
_CANDIDATE = regex.compile(r"(?<![\p{L}\p{N}])[A-Z][A-Za-z0-9.&+'-]*[A-Za-z0-9](?![\p{L}\p{N}])")
# Where a glossary name can start: every form begins with an ASCII letter or
# digit (aliases in other scripts recognise, they are not matched here).
_NAME_START = regex.compile(r"(?<![\p{L}\p{N}])[A-Za-z0-9][\p{L}\p{N}]*")
# The same, run by ``re`` where it can (see ``bmpclass``): it reads every
# distinct word of every document.
_NAME_STARTS = BmpPattern(_NAME_START.pattern, "(?<![{ln}])[A-Za-z0-9][{ln}]*", {"ln": r"[\p{L}\p{N}]"})


# hashed by identity: one compiled glossary per pack set
class Glossary(Struct, frozen=True, eq=False):
    canonical: dict[str, str]  # casefolded -> canonical
    accepted: frozenset[str]  # every accepted spelling, exact
    by_first: dict[str, tuple[str, ...]]  # casefolded first word -> casefolded forms starting with it, longest first
    by_length: dict[int, tuple[str, ...]]  # single-word canonicals by length, for near misses
    common: frozenset[str]
    # The near-miss names (``by_length``, shortest first), and the same
    # case-folded, which one C call compares a word with.
    near_names: tuple[str, ...] = ()
    near_keys: tuple[str, ...] = ()
    # Every form that can start a match (its first character an ASCII
    # letter or digit, as ``_NAME_START`` says), case-folded, for one
    # Aho-Corasick scan; under each, its length times two, plus one for a
    # form of one word.
    names: ahocorasick.Automaton = field(default_factory=ahocorasick.Automaton)

    def find(self, text: str) -> Iterator[tuple[int, int]]:
        """Spans of glossary names in ``text``, any case, whole words: each
        at a word that starts a name, the longest of its names written
        there (a name never spans a line break).

        Case folding maps most texts character for character: there the
        names are found in the folded text by one Aho-Corasick scan for all
        of them (``pyahocorasick``), in C.  A block whose folding changes
        its length (`ß`, `İ`) is read through its words, and so is one
        longer than a chunk (a very long line), which is not folded whole."""
        offset = 0
        for _, block in line_blocks(text, _CHUNK):
            folded = block.casefold() if len(block) <= _CHUNK else ""
            spans = self._find_aligned(block, folded) if len(folded) == len(block) else self._find_by_words(block, folded or None)
            for a, b in spans:
                yield offset + a, offset + b
            offset += len(block)

    def _find_aligned(self, text: str, folded: str) -> Iterator[tuple[int, int]]:
        """``find`` where ``folded`` (``text`` case-folded) has its
        characters where ``text`` has them.  A name starts where a word
        starts; it ends where no alphanumeric character follows, and a
        one-word name also where no letter or number follows (as the word
        that starts a name is read).  The longest name found at a start
        wins."""
        if self.names.kind != ahocorasick.AHOCORASICK:
            return  # no name can start a match
        longest: dict[int, int] = {}
        for last, value in self.names.iter(folded):
            a, b = last + 1 - (value >> 1), last + 1
            if b <= longest.get(a, a) or (a and _is_word_char(text[a - 1])):
                continue
            if b < len(text) and (text[b].isalnum() or (value & 1 and _is_word_char(text[b]))):
                continue
            longest[a] = b
        yield from sorted(longest.items())

    def _find_by_words(self, text: str, folded: str | None = None) -> Iterator[tuple[int, int]]:
        """``find`` through the words that start names: a dictionary lookup
        per word instead of one regular expression of every name (the
        alternation of 400 names cost over a second per megabyte).
        ``folded``: ``text`` case-folded, when the caller has it."""
        if len(text) <= _CHUNK:
            # One folded copy gives the name starts and tells which of them
            # to scan for: "to", "new", "bank" start names ("To Lam", "New
            # York") and are everywhere in prose, so a word is scanned for
            # only if one of its names is in the text at all.  Case folding
            # maps each character on its own, so a name found folded is a
            # substring of the folded text.  A larger text is folded in
            # chunks, where a name may straddle two: all its starts are
            # scanned for.
            folded = text.casefold() if folded is None else folded
            words = {w for w in self.by_first.keys() & _starts_in(folded) if any(form in folded for form in self.by_first[w])}
        else:
            words = self.by_first.keys() & _name_starts(text)
        if not words:
            return  # no word of the text starts a name: decided with set operations
        for m in _first_words(frozenset(words)).finditer(text):
            forms = self.by_first.get(m.group().casefold())
            if not forms:
                continue
            a = m.start()
            for form in forms:
                b = a + len(form)
                if text[a:b].casefold() == form and not (b < len(text) and (text[b].isalnum())):
                    yield a, b
                    break


def _is_word_char(char: str) -> bool:
    """A letter or a number: what the name-start pattern's look-behind
    excludes (``regex``'s Unicode, newer than Python's ``isalnum``)."""
    return _LETTER_OR_NUMBER.match(char) is not None


_LETTER_OR_NUMBER = regex.compile(r"[\p{L}\p{N}]")


# Characters scanned per findall: the words of one chunk are listed in C and
# folded into a set, so a large file never has a list of all its words.
_CHUNK = 1 << 20


def _name_starts(text: str) -> set[str]:
    """Every distinct word of ``text`` that could start a glossary name,
    case-folded.

    Read in pieces cut after white space, so no word is cut in two and the
    look-behind of a piece's first word sees what it would see in the whole
    text (white space is neither letter nor digit)."""
    found: set[str] = set()
    for piece in space_chunks(text, _CHUNK):
        found |= _starts_in(piece.casefold())
    return found


def _starts_in(folded: str) -> set[str]:
    """``_name_starts`` of case-folded text, read as its distinct
    white-space-separated pieces: white space is neither letter nor digit,
    so splitting there neither makes nor breaks a word, and an article
    repeats most of its pieces."""
    return set(_NAME_STARTS.findall("\n".join(set(folded.split()))))


@lru_cache(maxsize=512)
def _first_words(words: frozenset[str]) -> regex.Pattern[str]:
    """The few name-starting words of one text as one pattern, so the scan
    visits only them and not every Latin word of the text."""
    alternatives = "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))
    return regex.compile(rf"(?<![\p{{L}}\p{{N}}])(?fi:{alternatives})(?![\p{{L}}\p{{N}}])")


@lru_cache(maxsize=16)
def _compile(entries: tuple[str, ...], common: tuple[str, ...]) -> Glossary:
    canonical: dict[str, str] = {}
    accepted: set[str] = set()
    for entry in entries:
        forms = [f.strip() for f in entry.split("|") if f.strip()]
        if not forms:
            continue
        for form in forms:
            canonical.setdefault(form.casefold(), forms[0])
            accepted.add(form)
    by_first: dict[str, list[str]] = defaultdict(list)
    for form in sorted(canonical, key=len, reverse=True):
        first = _WORD.match(form)
        if first:
            by_first[first.group()].append(form)
    by_length: dict[int, list[str]] = defaultdict(list)
    for name in set(canonical.values()):
        if " " not in name and len(name) >= MIN_NEAR_MISS:
            by_length[len(name)].append(name)
    near_names = tuple(name for length in sorted(by_length) for name in by_length[length])
    names = ahocorasick.Automaton(ahocorasick.STORE_INTS)
    for words in by_first.values():
        for form in words:
            if _NAME_START.match(form):
                names.add_word(form, len(form) << 1 | (_WORD.fullmatch(form) is not None))
    if len(names):
        names.make_automaton()
    return Glossary(
        canonical,
        frozenset(accepted),
        {k: tuple(v) for k, v in by_first.items()},
        {k: tuple(v) for k, v in by_length.items()},
        frozenset(common),
        near_names,
        tuple(name.casefold() for name in near_names),
        names,
    )


def load_glossary(ctx: Context) -> Glossary:
    packs = ctx.pack_set()
    return derived(_glossary_from, (packs.load("glossary"), packs.load("common-words", "en")))


def _glossary_from(glossaries: list[dict[str, Any]], common_words: list[dict[str, Any]]) -> Glossary:
    entries: list[str] = []
    for data in glossaries:
        for group in data.get("names", {}).values():
            entries.extend(group)
    common: list[str] = []
    for data in common_words:
        common.extend(data.get("words", []))
    return _compile(tuple(entries), tuple(common))


def _is_heading_caps(line: str) -> bool:
    if not line.isupper():
        return False  # a lower-case letter somewhere (the usual case), decided in C
    letters = [c for c in line if c.isalpha() and c.isascii()]
    return len(letters) >= 8 and all(c.isupper() for c in letters)


def _plain_title_word(name: str) -> bool:
    """`Apple`, `Meta`, `Tesla`: names that are also ordinary words when
    written in lower case (a fruit, a prefix, a unit) — their lower-case
    forms are not wrong spellings of the name."""
    return " " not in name and name[:1].isupper() and name[1:].islower()


# The names of each line of the documents read, outside capitals lines;
# a document longer than the memo's limit is scanned whole instead.
_memo: LineMemo[tuple[tuple[int, int, str], ...]] = LineMemo()


@lru_cache(maxsize=1)  # the document being checked: its name rules share one scan
def names_in(doc: Document, glossary: Glossary) -> tuple[tuple[int, int, str], ...]:
    """(start, end, form) of every glossary name in the document outside
    lines in capitals."""
    if len(doc.text) <= _memo.limit:
        per_line = _memo([doc.line_text(ln) for ln in doc.lines], glossary, lambda fresh: _names_by_line(fresh, glossary), len(doc.text))
        return tuple(
            (line.start + a, line.start + b, form) for line, found in zip(doc.lines, per_line, strict=True) for a, b, form in found
        )
    return _names_outside_capitals(doc.text, [line.start for line in doc.lines], glossary)


def _names_by_line(lines: list[str], glossary: Glossary) -> list[tuple[tuple[int, int, str], ...]]:
    """(start, end, form) of the names on each line, offsets in the line:
    the lines are scanned as one text."""
    starts, pos = [], 0
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1
    per_line: list[list[tuple[int, int, str]]] = [[] for _ in lines]
    for a, b, form in _names_outside_capitals("\n".join(lines), starts, glossary):
        i = bisect.bisect_right(starts, a) - 1
        per_line[i].append((a - starts[i], b - starts[i], form))
    return [tuple(found) for found in per_line]


def _names_outside_capitals(text: str, starts: list[int], glossary: Glossary) -> tuple[tuple[int, int, str], ...]:
    """(start, end, form) of every glossary name in ``text`` whose lines
    start at ``starts``, outside lines in capitals.  One scan of the whole
    text: a name never spans a line break."""
    found: list[tuple[int, int, str]] = []
    caps: dict[int, bool] = {}
    for a, b in glossary.find(text):
        number = bisect.bisect_right(starts, a) - 1
        if number not in caps:
            end = starts[number + 1] if number + 1 < len(starts) else len(text)
            caps[number] = _is_heading_caps(text[starts[number] : end].rstrip("\r\n"))
        if not caps[number]:
            found.append((a, b, text[a:b]))
    return tuple(found)


def wrong_case(doc: Document, ctx: Context) -> Iterator[Hit]:
    """## What it does
    Finds a known name (from the glossary pack) written in a case its owner
    does not use: `Openai`, `Deepseek`, `Sensetime`, `Zte`.

    ## Why it matters
    Machine translation and careless editing flatten brand casing; readers
    and search both notice, and the same article usually also has it right.

    ## Example
    `نماذج Openai` becomes `نماذج OpenAI`.

    ## Fix safety
    Safe: only the case changes, and only to the glossary's spelling.  Lines
    in capitals (headlines) and lower-case forms of names that are also
    ordinary words (`apple`, `meta`) are left alone.  A name written all in
    lower case (`linkedin`) is reported but not rewritten: it is often a
    styled label, a handle or a hashtag.
    """
    glossary = load_glossary(ctx)
    for a, b, found in names_in(doc, glossary):
        if found in glossary.accepted:
            continue
        canonical = glossary.canonical.get(found.casefold())
        if canonical is None:  # matched only through case folding that changes length (İ)
            continue
        if found.islower() and _plain_title_word(canonical):
            continue
        if (canonical.isupper() and not found.isupper() and found.casefold() in glossary.common) or (
            found.islower() and canonical.isupper()
        ):
            continue  # "who", "nato": a word, not the acronym
        if found.isupper() and len(found) <= 3:
            continue  # HP, LG, MIT: short capitals are the name
        # All lower case is often a styled label, handle or hashtag ("linkedin"
        # on a share button): reported, not rewritten.
        safety = Safety.DISPLAY if found.islower() else Safety.SAFE
        yield Hit(
            a, b, f"Name in the wrong case: {found!r} is written {canonical!r}", Fix(f"Write {canonical}", (Edit(a, b, canonical),), safety)
        )


def _skeleton(word: str) -> str:
    return "".join(c for c in word.casefold() if c.isalpha() and c not in _VOWELS)


def _within_two(word: str, glossary: Glossary) -> Iterator[tuple[str, int]]:
    """The near-miss names within two edits of ``word`` (any case), with
    their distance, in ``near_names`` order.  One call compares the word with
    every name in C; a Python call per name pair was most of this rule's
    time.  Names whose length differs from the word's by more than two are
    left out, as two edits allow, also where case folding changes a length."""
    from rapidfuzz import process
    from rapidfuzz.distance import DamerauLevenshtein

    close = process.extract(word.casefold(), glossary.near_keys, scorer=DamerauLevenshtein.distance, score_cutoff=2, limit=None)
    for _, d, i in sorted(close, key=lambda hit: hit[2]):
        name = glossary.near_names[i]
        if abs(len(name) - len(word)) <= 2:
            yield name, int(d)


def near_miss(word: str, glossary: Glossary, is_frequent: Callable[[str], bool] = lambda w: False) -> str | None:
    """The glossary name ``word`` most likely misspells, if it is a clear case.

    MT and typing slips change vowels and swap letters; a different
    consonant usually makes a different real name (Bertin is not Berlin), so
    the consonant skeleton must match, except for a one-letter slip in a
    long name that keeps its first letter.  Possessives, demonyms and plurals
    of a name (Washington's, Californians), its spelling with diacritics
    (İstanbul) and frequent English words (Window) are never misspellings."""
    word = _POSSESSIVE.sub("", word)
    name = _closest_name(word, glossary)
    return None if name is None or is_frequent(word.casefold()) else name


# Capitalised words recur from article to article (sentence starts, the
# same names): each is weighed against the glossary once per process.
@lru_cache(maxsize=1 << 15)
def _closest_name(word: str, glossary: Glossary) -> str | None:
    if len(word) < MIN_NEAR_MISS or word.casefold() in glossary.canonical or word.casefold() in glossary.common:
        return None
    if not word[:1].isupper() or word.isupper():  # all capitals: an acronym or shouting, not a slip
        return None
    best: tuple[int, str] | None = None
    for name, d in _within_two(word, glossary):
        limit = 1 if len(name) < 8 else 2
        if d > limit:
            continue
        if without_marks(word.casefold(), "NFKD") == without_marks(name.casefold(), "NFKD") or word.casefold().startswith(name.casefold()):
            return None
        same_skeleton = _skeleton(word) == _skeleton(name)
        slip_in_long_name = d == 1 and len(name) >= 8 and word[:1].casefold() == name[:1].casefold()
        if not (same_skeleton or slip_in_long_name):
            continue
        if best is None or d < best[0]:
            best = (d, name)
        elif d == best[0] and name.casefold() != best[1].casefold():
            return None  # two names equally close: not a clear case
    return None if best is None else best[1]


def misspelled_name(doc: Document, ctx: Context) -> Iterator[Hit]:
    """## What it does
    Finds a capitalised Latin-script word that is a near miss of a known
    name: one or two letters off, with the same first letter or the same
    consonant skeleton (`Nothropic` for `Anthropic`).

    ## Why it matters
    Misspelled brand and person names are the most visible MT slips in
    technology news, and spell checkers do not know the names.

    ## Example
    `نماذج Nothropic` is reported, with `Anthropic` as the suggestion.

    ## Fix safety
    Unsafe: a near miss may be a different real name; the glossary, the
    common-word list and the distance guards make that rare, not impossible.
    """
    glossary = load_glossary(ctx)

    def is_frequent(word: str) -> bool:
        return ctx.pack_set().has_word("frequent-words", "en", word)

    memo: dict[str, str | None] = {}

    def suspicious(word: str) -> bool:
        if word not in memo:
            memo[word] = near_miss(word, glossary, is_frequent)
        return memo[word] is not None

    # Only capitalised ASCII words of five letters or more can be near
    # misses, and a candidate never spans a line break: most documents are
    # cleared by one scan of their whole text.
    if not any(suspicious(w) for w in set(_CANDIDATE.findall(doc.text))):
        return
    for line in doc.lines:
        text = doc.line_text(line)
        if not any(suspicious(w) for w in set(_CANDIDATE.findall(text))):
            continue
        for m in _LATIN_NAME.finditer(text):
            word = m.group()
            if word not in memo:
                # names are written in ASCII; a word with diacritics is Vietnamese or a spelling of its own
                memo[word] = near_miss(word, glossary, is_frequent) if word.isascii() else None
            suggestion = memo[word]
            if suggestion is None:
                continue
            a, b = line.start + m.start(), line.start + m.end()
            yield Hit(
                a,
                b,
                f"Possible misspelling of {suggestion!r}: {m.group()!r}",
                Fix(f"Write {suggestion}", (Edit(a, b, suggestion),), Safety.UNSAFE),
            )


def inconsistent_name(doc: Document, ctx: Context) -> Iterator[Hit]:
    """## What it does
    Finds one entity written in two accepted spellings in the same article
    (`Nvidia` here, `NVIDIA` there).

    ## Why it matters
    Each spelling alone is fine; mixing them looks careless and splits
    search results.

    ## Example
    An article with `Nvidia` three times and `NVIDIA` once: the `NVIDIA` is
    reported, with `Nvidia` as the suggestion.

    ## Fix safety
    Display only: which spelling the house style wants is an editor's call.
    """
    glossary = load_glossary(ctx)
    seen: dict[str, Counter[str]] = defaultdict(Counter)
    spans: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for start, end, form in names_in(doc, glossary):
        if form not in glossary.accepted:
            continue
        key = glossary.canonical.get(form.casefold())
        if key is None:
            continue
        seen[key][form] += 1
        spans[key].append((start, end, form))
    for key, forms in seen.items():
        if len(forms) < 2:
            continue
        majority = forms.most_common(1)[0][0]
        for a, b, form in spans[key]:
            if form != majority:
                yield Hit(
                    a,
                    b,
                    f"{key} is written two ways in this article: {form!r} and {majority!r}",
                    Fix(f"Write {majority}", (Edit(a, b, majority),), Safety.DISPLAY),
                    severity=Severity.INFO,
                )


RULES = (
    Rule("NAM001", "name-wrong-case", Category.NAMES, wrong_case, Severity.WARNING, Safety.SAFE, per_line=True),
    Rule("NAM002", "name-near-miss", Category.NAMES, misspelled_name, Severity.WARNING, Safety.UNSAFE, per_line=True),
    Rule("NAM003", "name-inconsistent", Category.NAMES, inconsistent_name, Severity.INFO, Safety.DISPLAY),
)
