"""Hypothesis strategies that inject one defect into a clean article.

Each strategy takes a clean text and returns a ``Damaged``: the damaged
text, where the defect sits in it, the category and rule-code prefix a
checker must report there, and whether ``fix`` (safe fixes only) must give
the clean text back.  Content repos use them to test their own pipelines;
our tests use them to prove every category is found where it was put.
"""

from __future__ import annotations

from collections.abc import Callable

import regex
from hypothesis import assume
from hypothesis import strategies as st
from msgspec import Struct

from cleaner.testing.strategies import LANGUAGES, articles, samples


class Damaged(Struct, frozen=True):
    """A clean text with one injected defect."""

    clean: str
    text: str
    start: int  # the defect's span in ``text``
    end: int
    category: str
    code: str  # the rule code (or prefix) expected to report it
    restores: bool  # a safe ``fix`` gives ``clean`` back exactly


def _sentence_ends(text: str) -> list[int]:
    return [m.end() for m in regex.finditer(r"[.!?؟](?=[ \n])", text)]


def _word_spans(text: str, script: str = r"\p{L}") -> list[tuple[int, int]]:
    return [m.span() for m in regex.finditer(rf"(?<![\p{{L}}\p{{M}}]){script}[\p{{L}}\p{{M}}]+", text)]


@st.composite
def mojibake(draw: st.DrawFn, clean: str) -> Damaged:
    """A whole line encoded as UTF-8 and decoded as Windows-1252 (Latin-1
    for the bytes it leaves undefined): the round trip a scraper makes with
    a wrong charset, which damages paragraphs, not single words."""
    lines = [m.span() for m in regex.finditer(r"[^\n]+", clean) if not m.group().isascii()]
    assume(lines)
    a, b = draw(st.sampled_from(lines))
    raw = clean[a:b].encode("utf-8")
    broken = "".join(
        raw[i : i + 1].decode("cp1252", errors="replace").replace("\ufffd", raw[i : i + 1].decode("latin-1")) for i in range(len(raw))
    )
    text = clean[:a] + broken + clean[b:]
    return Damaged(clean, text, a, a + len(broken), "mojibake", "MOJ", True)


@st.composite
def invisible(draw: st.DrawFn, clean: str) -> Damaged:
    """A zero-width space, word joiner or soft hyphen inside a word, or a
    stray bidi override: invisible, and they break search."""
    words = _word_spans(clean)
    a, b = draw(st.sampled_from(words))
    at = draw(st.integers(a + 1, b - 1))
    char, category, code, restores = draw(
        st.sampled_from(
            [
                ("\u200b", "unicode", "UNI002", True),
                ("\u2060", "unicode", "UNI002", True),
                ("\u00ad", "unicode", "UNI002", True),
                ("\u202e", "unicode", "UNI001", False),
            ]
        )
    )
    return Damaged(clean, clean[:at] + char + clean[at:], at, at + 1, category, code, restores)


@st.composite
def trailing_space(draw: st.DrawFn, clean: str) -> Damaged:
    ends = [m.start() for m in regex.finditer(r"(?<=\S)\n", clean)]
    assume(ends)
    at = draw(st.sampled_from(ends))
    pad = draw(st.sampled_from([" ", "  ", "\t", "\u00a0"]))
    return Damaged(clean, clean[:at] + pad + clean[at:], at, at + len(pad), "whitespace", "WSP001", True)


@st.composite
def boilerplate(draw: st.DrawFn, clean: str, language: str) -> Damaged:
    """A line of page furniture at the head or the tail of the article."""
    line = draw(st.sampled_from(samples(language)["furniture"]))
    if draw(st.booleans()):
        text = line + "\n" + clean
        return Damaged(clean, text, 0, len(line), "boilerplate", "BLP", True)
    text = clean + line + "\n"
    return Damaged(clean, text, len(clean), len(clean) + len(line), "boilerplate", "BLP", True)


@st.composite
def profanity_line(draw: st.DrawFn, clean: str, language: str) -> Damaged:
    """A vandal's short insult on its own line at the top."""
    line = draw(st.sampled_from(samples(language)["vandal_lines"]))
    return Damaged(clean, line + "\n" + clean, 0, len(line), "profanity", "PRF002", True)


@st.composite
def repeated_phrase(draw: st.DrawFn, clean: str, language: str) -> Damaged:
    """A phrase of content words copied right after itself in its sentence:
    an MT decoder looping."""
    n = 6 if language == "vi" else 3
    words = list(regex.finditer(r"[\p{L}\p{M}]+", clean))
    starts = [
        i
        for i in range(len(words) - n)
        if all(len(w.group()) > (1 if language == "vi" else 3) for w in words[i : i + n])
        and not regex.search(r"[\n.!?؟:،,؛;“”«»\"\d%]", clean[words[i].start() : words[i + n - 1].end()])
    ]
    assume(starts)
    i = draw(st.sampled_from(starts))
    a, b = words[i].start(), words[i + n - 1].end()
    copy = " " + clean[a:b]
    text = clean[:b] + copy + clean[b:]
    return Damaged(clean, text, b + 1, b + len(copy), "repetition", "REP002", False)


@st.composite
def punctuation_space(draw: st.DrawFn, clean: str, language: str) -> Damaged:
    """A space before a comma or full stop (Arabic ones in Arabic text)."""
    marks = "،." if language == "ar" else ",."
    spots = [m.start() for m in regex.finditer(rf"(?<=\p{{L}})[{marks}](?=[ \n])", clean)]
    assume(spots)
    at = draw(st.sampled_from(spots))
    return Damaged(clean, clean[:at] + " " + clean[at:], at, at + 2, "punctuation", "PUN001", True)


@st.composite
def mangled_name(draw: st.DrawFn, clean: str, language: str) -> Damaged:
    """A glossary name dropped into a sentence in the wrong case (`Openai`):
    safe to restore to the name, which is what ``clean`` then holds."""
    name = draw(st.sampled_from(["OpenAI", "DeepSeek", "YouTube", "TikTok", "SenseTime", "LinkedIn", "GitHub", "WhatsApp"]))
    wrong = name[0] + name[1:].lower()
    ends = _sentence_ends(clean)
    assume(ends)
    at = draw(st.sampled_from(ends)) - 1  # before the sentence's full stop
    with_name = clean[:at] + " " + name + clean[at:]
    text = clean[:at] + " " + wrong + clean[at:]
    return Damaged(with_name, text, at + 1, at + 1 + len(wrong), "names", "NAM001", True)


def one_defect(clean: str, language: str) -> st.SearchStrategy[Damaged]:
    """Any one defect, of any category, into ``clean``."""
    return st.one_of(
        mojibake(clean),
        invisible(clean),
        trailing_space(clean),
        boilerplate(clean, language),
        profanity_line(clean, language),
        repeated_phrase(clean, language),
        punctuation_space(clean, language),
        mangled_name(clean, language),
    )


@st.composite
def damaged_articles(
    draw: st.DrawFn,
    defect: Callable[[str, str], st.SearchStrategy[Damaged]] = one_defect,
    most: int = 1,
) -> tuple[str, str]:
    """(language, text): a generated article in any of the languages with
    one to ``most`` defects from ``defect``, each put into the text the
    previous one left (so a later one may land on an earlier one)."""
    language = draw(st.sampled_from(LANGUAGES))
    text = draw(articles(language))
    for _ in range(draw(st.integers(1, most))):
        text = draw(defect(text, language)).text
    return language, text
