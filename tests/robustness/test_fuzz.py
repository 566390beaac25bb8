"""Fuzzing the engine: any text in, no exception out; ``fix`` settles in one
run; every finding points inside the text it was made on.

Two kinds of input: text made of the characters that break text tools
(Arabic with harakat and tatweel, decomposed Vietnamese, bidi and
zero-width controls, NUL and other controls, lone CR, CRLF, runs of one
character), and real articles — generated ones from ``cleaner.testing`` and
the corpus — damaged by ``cleaner.testing.damage`` and by random edits.

Each property runs twice: unmarked on a small budget (normal CI), and
marked slow on the ``fuzz`` profile's budget (``make fuzz``).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from robust_support import ARTICLES, fuzz_settings, quick_settings

from cleaner.api import check_text, fix_text, fix_text_explained
from cleaner.config import Config
from cleaner.finding import Finding, Safety
from cleaner.registry import select_rules
from cleaner.runner import context_for, process_text
from cleaner.testing import damage
from cleaner.testing.strategies import samples

ARABIC = "ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإؤئىة"
HARAKAT = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670"
VIETNAMESE = "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵĐƯƠ"
COMBINING = "\u0300\u0301\u0302\u0303\u0306\u0309\u031b\u0323"
LATIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
PUNCTUATION = ".,;:!?\"'()[]{}-–—…“”‘’«»،؛؟٪%#*@/\\&_|<>`~="
SPACES = " \t\u00a0\u2009\u202f\u3000"
CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c\u200b\u200c\u200d\u2060\ufeff\u00ad\x00\x01\x07\x1b\x7f\x80\x85\x9d"
ODD = "\ufffdÃâ€™Ø§ﻻﺍﷺ👍🏽ـ٠١٢"
BREAKS = ["\n", "\r\n", "\r", "\n\n", "\n\n\n\n", "\u2028"]
EVERYTHING = ARABIC + HARAKAT + VIETNAMESE + COMBINING + LATIN + PUNCTUATION + SPACES + CONTROLS + ODD + "\n\r"


def _words(language: str) -> list[str]:
    return sorted({w for s in samples(language)["sentences"] for w in s.split()})


WORDS = _words("ar") + _words("vi") + _words("en") + ["Openai", "the the", "في في", "Don Jong Un", "fuck", "Scunthorpe", "http://x.com/a"]

chunk = st.one_of(
    st.text(alphabet=EVERYTHING, max_size=30),
    st.builds(lambda c, k: c * k, st.sampled_from(EVERYTHING), st.integers(2, 60)),  # runs of one character
    st.sampled_from(WORDS),
    st.sampled_from(BREAKS),
    st.sampled_from(SPACES),
)
# Text that breaks text tools: a mix of scripts, marks, controls and breaks.
messy_text = st.lists(chunk, max_size=40).map(" ".join) | st.lists(chunk, max_size=40).map("".join)
languages = st.sampled_from([None, None, "ar", "vi", "en"])


def _corpus_texts() -> list[str]:
    texts = []
    for path in sorted(ARTICLES.rglob("*")):
        if path.suffix not in (".txt", ".md"):
            continue
        try:
            texts.append(path.read_bytes().decode("utf-8"))
        except UnicodeDecodeError:
            continue  # legacy-encoded samples: the encoding rules' business, not the engine's
    return texts


CORPUS_TEXTS = _corpus_texts()


@st.composite
def edited(draw: st.DrawFn, text: str) -> str:
    """``text`` with a few random edits: messy text inserted, a slice cut,
    a line doubled, line breaks changed."""
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(["insert", "cut", "double", "breaks"]))
        at = draw(st.integers(0, len(text)))
        if kind == "insert":
            text = text[:at] + draw(messy_text) + text[at:]
        elif kind == "cut":
            text = text[:at] + text[at + draw(st.integers(0, 200)) :]
        elif kind == "double":
            start = text.rfind("\n", 0, at) + 1
            end = text.find("\n", at)
            line = text[start : end if end >= 0 else len(text)]
            text = text[:start] + line + "\n" + text[start:]
        else:
            text = text.replace("\n", draw(st.sampled_from(["\r\n", "\r", "\n\n"])))
    return text


@st.composite
def damaged_articles(draw: st.DrawFn) -> tuple[str, str | None]:
    """A generated article with one defect from the testing kit, or a corpus
    article, then randomly edited; with the language to force, if any."""
    if draw(st.booleans()):
        language, text = draw(damage.damaged_articles())
    else:
        text = draw(st.sampled_from(CORPUS_TEXTS))
        language = None
    return draw(edited(text)), draw(st.sampled_from([None, language]))


def assert_inside(findings: list[Finding], text: str) -> None:
    for f in findings:
        assert 0 <= f.start <= f.end <= len(text), f"{f.code} at {f.start}..{f.end} in a text of {len(text)}"
        if f.fix is not None:
            for edit in f.fix.edits:
                assert 0 <= edit.start <= edit.end <= len(text), f"{f.code}'s edit at {edit.start}..{edit.end}"


def check_properties(text: str, language: str | None) -> None:
    """No exception; findings inside the text; ``fix`` idempotent, and what
    it reports it changed is inside the original too."""
    assert_inside(check_text(text, language=language), text)
    outcome = fix_text_explained(text, language=language)
    assert_inside(outcome.findings, text)
    for applied in outcome.applied:
        assert 0 <= applied.start <= applied.end <= len(text)
    once = outcome.text
    assert fix_text(once, language=language) == once, "fix is not idempotent"


def check_markup_properties(text: str, suffix: str) -> None:
    """The same through the Markdown and HTML paths, which parse first."""
    rules = select_rules(None, (), ())
    ctx = context_for(Config(root=Path.cwd()))
    path = Path("fuzz" + suffix)
    _, checked = process_text(text, rules=rules, ctx=ctx, path=path)
    assert_inside(checked.findings, text)
    _, fixed = process_text(text, rules=rules, ctx=ctx, path=path, apply=Safety.SAFE)
    assert_inside(fixed.findings, text)
    _, again = process_text(fixed.text, rules=rules, ctx=ctx, path=path, apply=Safety.SAFE)
    assert again.text == fixed.text, "fix is not idempotent"


# --- on CI's budget -----------------------------------------------------------


@quick_settings(200)
@given(messy_text, languages)
def test_messy_text(text: str, language: str | None) -> None:
    check_properties(text, language)


@quick_settings(80)
@given(damaged_articles())
def test_damaged_articles(case: tuple[str, str | None]) -> None:
    check_properties(*case)


@quick_settings(80)
@given(messy_text, st.sampled_from([".md", ".html"]))
def test_messy_markup(text: str, suffix: str) -> None:
    check_markup_properties(text, suffix)


# --- on the fuzz profile's budget (make fuzz) -----------------------------------


@pytest.mark.slow
@fuzz_settings()
@given(messy_text, languages)
def test_fuzz_messy_text(text: str, language: str | None) -> None:
    check_properties(text, language)


@pytest.mark.slow
@fuzz_settings()
@given(damaged_articles())
def test_fuzz_damaged_articles(case: tuple[str, str | None]) -> None:
    check_properties(*case)


@pytest.mark.slow
@fuzz_settings()
@given(messy_text, st.sampled_from([".md", ".html"]))
def test_fuzz_messy_markup(text: str, suffix: str) -> None:
    check_markup_properties(text, suffix)


@pytest.mark.slow
@fuzz_settings()
@given(damaged_articles())
def test_fuzz_unsafe_fixes_settle_too(case: tuple[str, str | None]) -> None:
    """``--unsafe-fixes`` applies more, and must settle just the same."""
    text, language = case
    once = fix_text(text, language=language, unsafe=True)
    assert fix_text(once, language=language, unsafe=True) == once
