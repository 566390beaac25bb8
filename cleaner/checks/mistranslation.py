"""Mistranslation: known machine-translation false friends, in context.

Translation-QA tools compare with the source; we have only the target, so
the knowledge is a pack of patterns per target language
(``rules/<lang>/mistranslations.toml``) — an acronym translated as the wrong
organisation, an abbreviation read as a pronoun or a place, an idiom
translated word for word — each with the context words that make it
suspicious and those that make it legitimate.  Everything here is a report
with the likely intended term; nothing is rewritten.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterator
from functools import cached_property, lru_cache
from typing import Any

import regex
from msgspec import Struct

from cleaner.checks._util import line_blocks
from cleaner.document import Document
from cleaner.finding import Category, Edit, Fix, Hit, Safety, Severity
from cleaner.packs import derived
from cleaner.registry import Context, Rule
from cleaner.textnorm import casefold


class Item(Struct, frozen=True, dict=True):
    text: str  # the pack's pattern
    intended: str
    source: str
    why: str
    context: tuple[str, ...]  # case-folded
    min_context: int
    unless: tuple[str, ...]  # case-folded
    # case-folded: every match holds one of them ("" when some alternative has none)
    literals: tuple[str, ...] = ("",)

    @cached_property
    def pattern(self) -> regex.Pattern[str]:
        """Compiled on first use: most texts are passed over on the literal,
        and a hook on one file compiles only what it needs."""
        return regex.compile(_BOUNDED.format(self.text), regex.IGNORECASE)

    def applies(self, folded: Container[str]) -> bool:
        """Whether a case-folded text has enough context for this item and
        none of its exceptions; counting stops at the needed number."""
        if any(u in folded for u in self.unless):
            return False
        needed = self.min_context
        for word in self.context:
            if needed <= 0:
                break
            if word in folded:
                needed -= 1
        return needed <= 0


# Whole words only ("سوق الثور" is not inside "سوق الثورة"), but an Arabic
# one-letter proclitic (و، ف، ب، ل، ك) may stick to the front.
_BOUNDED = r"(?:(?<![\p{{L}}\p{{M}}])|(?<=(?<![\p{{L}}\p{{M}}])[وفبلك]))(?:{})(?![\p{{L}}\p{{M}}])"


_SPECIAL = frozenset("\\.^$*+?{}[]()|")
# A repetition count: {n}, {n,}, {,m}, {n,m}, spaces allowed (a brace read
# as a count that the pattern takes as a literal only costs a literal).
_COUNT = re.compile(r"\{\s*\d*\s*,?\s*\d*\s*\}")


def required_literal(pattern: str) -> str:
    """The longest run of plain characters outside groups that every match
    of ``pattern`` holds: a substring search decides most texts before the
    pattern runs.  A top-level alternation has none; a character before
    ``?``, ``*`` or ``{`` is optional and ends the run before it."""
    runs: list[str] = []
    run: list[str] = []
    depth = 0
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2  # an escape: a class or a character, not counted
        elif c == "[":
            i = _class_end(pattern, i)
        elif c == "(":
            depth += 1
            i += 1
        elif c == ")":
            depth -= 1
            i += 1
        elif depth == 0 and c == "|":
            return ""
        elif depth == 0 and c not in _SPECIAL:
            run.append(c)
            i += 1
            continue
        else:
            count = _COUNT.match(pattern, i) if c == "{" else None  # a "{" that starts no count is a literal brace
            if (c in "?*" or count) and depth == 0 and run:
                run.pop()
            i = count.end() if count else i + 1  # a count is no text
        runs.append("".join(run))
        run = []
    runs.append("".join(run))
    return max(runs, key=len)


def required_literals(pattern: str) -> tuple[str, ...]:
    """One required literal per top-level alternative of ``pattern``: every
    match holds one of them.  ``("",)`` when an alternative has none."""
    literals = tuple(dict.fromkeys(required_literal(alternative) for alternative in _alternatives(pattern)))
    return ("",) if "" in literals else literals


def _alternatives(pattern: str) -> list[str]:
    """``pattern`` cut at its top-level ``|`` (not inside a group or class,
    not escaped)."""
    out: list[str] = []
    depth = start = i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            i = _class_end(pattern, i)
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
        i += 1
    out.append(pattern[start:])
    return out


def _class_end(pattern: str, start: int) -> int:
    """The index after the ``]`` that closes the class opened at ``start``."""
    i = start + 1
    if i < len(pattern) and pattern[i] == "^":
        i += 1
    if i < len(pattern) and pattern[i] == "]":
        i += 1
    while i < len(pattern) and pattern[i] != "]":
        i += 2 if pattern[i] == "\\" else 1
    return i + 1


@lru_cache(maxsize=16)
def _compile(items: tuple[tuple[str, str, str, str, tuple[str, ...], int, tuple[str, ...]], ...]) -> tuple[Item, ...]:
    out = []
    for text, intended, source, why, context, min_context, unless in items:
        context, unless = tuple(c.casefold() for c in context), tuple(u.casefold() for u in unless)
        out.append(
            Item(text, intended, source, why, context, min_context, unless, tuple(lit.casefold() for lit in required_literals(text)))
        )
    return tuple(out)


def load_items(ctx: Context, language: str) -> tuple[Item, ...]:
    return derived(_items_from, (ctx.pack_set().load("mistranslations", language),))


def _items_from(files: list[dict[str, Any]]) -> tuple[Item, ...]:
    raw = []
    for data in files:
        for it in data.get("item", []):
            raw.append(
                (
                    it["text"],
                    it.get("intended", ""),
                    it.get("source", ""),
                    it.get("why", "known mistranslation"),
                    tuple(it.get("context", [])),
                    int(it.get("min-context", 0)),
                    tuple(it.get("unless", [])),
                )
            )
    return _compile(tuple(raw))


def false_friend(doc: Document, ctx: Context) -> Iterator[Hit]:
    """## What it does
    Finds known machine-translation false friends from the language's pack,
    when the article's context makes them suspicious: "AI" translated as
    Amnesty International in an article about chips and models, "US" read as
    the pronoun "us", an abbreviation turned into a place name, an idiom
    translated word for word ("red tape" as a red ribbon).

    ## Why it matters
    These errors read fluently, so neither spell checkers nor quick readers
    catch them, and they change the facts of the article.

    ## Example
    In an article about AI chips, `مع أكثر من 5000 شركة منظمة العفو الدولية` is
    reported: "AI" translated as Amnesty International; likely meant
    الذكاء الاصطناعي.

    ## Fix safety
    Display only: the likely intended term is a suggestion; the sentence
    usually needs rewording by someone who knows the source.
    """
    items = load_items(ctx, doc.language)
    if not items:
        return
    text = doc.text
    lowered: Container[str] = casefold(text) if len(text) <= FOLD_WHOLE_CHARS else _held(text, items)
    for item in items:
        if not any(literal in lowered for literal in item.literals) or not item.applies(lowered):
            continue
        for m in item.pattern.finditer(text):
            message = f"Likely mistranslation of {item.source!r}: {item.why}; likely meant {item.intended!r}"
            yield Hit(
                m.start(),
                m.end(),
                message,
                Fix(f"Consider {item.intended}", (Edit(m.start(), m.end(), item.intended),), Safety.DISPLAY),
                severity=Severity.WARNING,
            )


# Texts up to this many characters are case-folded whole; a larger one is
# folded a block of lines at a time, and only which strings it holds is kept.
FOLD_WHOLE_CHARS = 1 << 20


def _held(text: str, items: tuple[Item, ...]) -> set[str]:
    """The items' literals, context and exception words that the case-folded
    ``text`` holds.  None of them spans a line, so blocks of whole lines
    find what the whole text does."""
    needles = {s for item in items for s in (*item.literals, *item.context, *item.unless)}
    held: set[str] = set()
    for _, block in line_blocks(text, FOLD_WHOLE_CHARS):
        folded = casefold(block)
        held.update(n for n in needles - held if n in folded)
        if len(held) == len(needles):
            break
    return held


RULES = (Rule("MTR001", "mt-false-friend", Category.MISTRANSLATION, false_friend, Severity.WARNING, Safety.DISPLAY),)
