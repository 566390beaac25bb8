"""Adversarial text: no rule may take more than linear time.

A regular expression that backtracks, a slice or a scan per match, or a
library call with a quadratic worst case turns one long line into minutes
of CPU.  For each family of adversarial input, ``check_text`` and
``fix_text`` are timed on sizes n and 4n: linear work takes about 4× as
long, quadratic 16×; the bound is 8×.  Each time is the best of three runs
of CPU time (other processes on a shared machine add wall time, not CPU
time), and n is doubled until the run is long enough to measure.

The families that failed before their fix, and where:
- spaces inside a line (WSP001: a forward search for trailing blanks tried
  every blank of a run as a start);
- a run of sentence marks before a letter (REP002/REP003 sentence split);
- many URLs, or "1@1@…" / a long word before "/" or "@" (REP002 URL filter);
- Latin-1 letters or lone "â" in long Arabic lines (MOJ003);
- long runs of combining marks out of canonical order (UNI003 and every
  ``unicodedata.normalize`` call: CPython sorts marks by insertion).
"""

from __future__ import annotations

import gc
import random
import time
import unicodedata
from collections.abc import Callable

import pytest

from cleaner.api import check_text, fix_text
from cleaner.textnorm import normalize

Family = Callable[[int], str]

FAMILIES: dict[str, Family] = {
    # long runs of one character
    "latin-letter-run": lambda n: "a" * n + "\n",
    "arabic-letter-run": lambda n: "ب" * n + "\n",
    "vietnamese-letter-run": lambda n: "ệ" * n + "\n",
    "capital-run": lambda n: "A" * n + "\n",
    "digit-run": lambda n: "7" * n + "\n",
    # white space
    "spaces-inside-line": lambda n: "x" + " " * n + "x\n",
    "no-break-spaces-inside-line": lambda n: "x" + "\u00a0" * n + "x\n",
    "tabs-inside-line": lambda n: "x" + "\t" * n + "x\n",
    "zero-width-run": lambda n: "a" + "\u200b" * n + "b\n",
    "spaces-before-comma": lambda n: "word" + " " * n + ",\n",
    "hashes-then-spaces": lambda n: "######" + " " * n + "x\n",
    "label-then-spaces": lambda n: "a" * 20 + " " * n + ":x\n",
    "blank-lines": lambda n: "a" + "\n" * n + "b\n",
    "whitespace-lines": lambda n: " \n" * (n // 2) + "b\n",
    "lone-cr-run": lambda n: "a" + "\r" * n + "b\n",
    # combining marks
    "marks-on-one-letter": lambda n: "a" + "\u0301" * n + "\n",
    "marks-out-of-order": lambda n: "a" + "\u0301" * (n // 2) + "\u064e" * (n // 2) + "\n",
    "alternating-marks": lambda n: "e" + "\u0301\u0323" * (n // 2) + "\n",
    "harakat-run": lambda n: "ب" + "\u064e" * n + "\n",
    "decomposed-vietnamese": lambda n: "e\u0302\u0301" * (n // 3) + "\n",
    # Arabic tatweel
    "tatweel-run": lambda n: "ب" + "ـ" * n + "ب\n",
    "tatweel-words": lambda n: "بـــــ " * (n // 6) + "\n",
    # alternating scripts
    "latin-arabic-glued": lambda n: "aب" * (n // 2) + "\n",
    "latin-arabic-words": lambda n: "a ب " * (n // 4) + "\n",
    "three-scripts": lambda n: "aبệ" * (n // 3) + "\n",
    "latin-words-in-arabic": lambda n: "في " + "abc " * (n // 4) + "\n",
    "latin-then-spaces-in-arabic": lambda n: "في a" + " " * n + "ب\n",
    "bidi-wrapped-words": lambda n: "\u202bab \u202c" * (n // 5) + "\n",
    "latin1-in-arabic": lambda n: "بé" * (n // 2) + "\n",
    # repeated words
    "repeated-english-word": lambda n: "the " * (n // 4) + "\n",
    "repeated-arabic-word": lambda n: "في " * (n // 3) + "\n",
    "repeated-vietnamese-word": lambda n: "và " * (n // 3) + "\n",
    "repeated-content-word": lambda n: "market " * (n // 7) + "\n",
    "repeated-name": lambda n: "Openai " * (n // 7) + "\n",
    "repeated-phrase": lambda n: "the big red car " * (n // 16) + "\n",
    "x-in-x": lambda n: "Boston in Boston " * (n // 17) + "\n",
    "repeated-sentence": lambda n: "The market rose. " * (n // 17) + "\n",
    "repeated-paragraph": lambda n: "Same paragraph here, once more.\n\n" * (n // 33),
    # punctuation
    "dots": lambda n: "." * n + "\n",
    "dots-then-letter": lambda n: "." * n + "x\n",
    "marks-then-letter": lambda n: "!?" * (n // 2) + "x\n",
    "arabic-question-marks-then-letter": lambda n: "؟" * n + "ب\n",
    "dots-then-spaces": lambda n: "." * (n // 2) + " " * (n // 2) + "x\n",
    "commas-then-spaces": lambda n: "," * (n // 2) + " " * (n // 2) + "x\n",
    "arabic-commas": lambda n: "،" * n + "\n",
    "punctuation-mix": lambda n: ",.;:!?" * (n // 6) + "\n",
    "space-comma-pairs": lambda n: "x ," * (n // 3) + "\n",
    "dashes": lambda n: "-" * n + "\n",
    "straight-quotes": lambda n: '"' * n + "\n",
    "curly-quotes-open": lambda n: "“a " * (n // 3) + "\n",
    "brackets": lambda n: "[" * n + "](\n",
    "at-signs": lambda n: "@" * n + "a\n",
    "digit-at-pairs": lambda n: "1@" * (n // 2) + "\n",
    "word-then-slash": lambda n: "a" * n + "/\n",
    "dotted-letters-then-slash": lambda n: "a." * (n // 2) + "/\n",
    "many-urls": lambda n: "http://a " * (n // 9) + "\n",
    "letter-dot-pairs": lambda n: "A." * (n // 2) + "\n",
    # mojibake look-alikes
    "mojibake-lead-run": lambda n: "Ã" * n + "\n",
    "mojibake-pairs": lambda n: "Ã©" * (n // 2) + "\n",
    "arabic-mojibake-pairs": lambda n: "ط§" * (n // 2) + "\n",
    "lone-lead-bytes": lambda n: "aâ " * (n // 3) + "\n",
    "spaced-triples": lambda n: "â € ¯" * (n // 5) + "\n",
    # controls and odd characters
    "c1-controls": lambda n: "\x85" * n + "\n",
    "replacement-characters": lambda n: "\ufffd" * n + "\n",
    "presentation-forms": lambda n: "\ufe8d" * n + "\n",
    "emoji-joiners": lambda n: "👍\u200d" * (n // 3) + "\n",
    "profanity-obfuscation": lambda n: "f" + "u" * n + "ck\n",
    "dotted-obfuscation": lambda n: "f." * (n // 2) + "\n",
}

MAX_RATIO = 8.0  # for 4× the input: linear is ~4, quadratic ~16


def _cpu(fn: Callable[[str], object], family: Family, n: int, runs: int) -> float:
    """Best CPU time of ``runs`` runs.  Each run gets a text of its own (a
    different first word): rules cache their scan of the last document and
    of recent lines, and a cache hit would time nothing."""
    best = float("inf")
    for run in range(runs):
        text = f"{time.monotonic_ns() % 100_000}{run} {family(n)}"
        gc.disable()  # a collection pause is not the rule's time
        try:
            start = time.process_time()
            fn(text)
            best = min(best, time.process_time() - start)
        finally:
            gc.enable()
    return best


def growth(
    fn: Callable[[str], object], family: Family, n: int = 1000, floor: float = 0.01, cap: int = 64_000, runs: int = 3
) -> tuple[float, int]:
    """Time ratio between sizes 4n and n, n doubled until one run takes at
    least ``floor`` seconds (or n reaches ``cap``)."""
    fn(family(16))  # warm what is built once: lexicons, compiled patterns
    while n < cap and _cpu(fn, family, n, 1) < floor:
        n *= 2
    small = _cpu(fn, family, n, runs)
    large = _cpu(fn, family, 4 * n, runs)
    return large / max(small, 1e-6), n


def assert_linear(fn: Callable[[str], object], name: str) -> None:
    ratio, n = growth(fn, FAMILIES[name])
    if ratio >= MAX_RATIO:  # one more, longer look before calling it quadratic: a busy machine adds noise
        ratio, n = growth(fn, FAMILIES[name], runs=5)
    assert ratio < MAX_RATIO, f"{name}: {ratio:.1f}× the time for 4× the input (n={n})"


@pytest.mark.parametrize("name", FAMILIES)
def test_check_text_is_linear(name: str) -> None:
    assert_linear(check_text, name)


@pytest.mark.parametrize("name", FAMILIES)
def test_fix_text_is_linear(name: str) -> None:
    assert_linear(fix_text, name)


@pytest.mark.slow
@pytest.mark.parametrize("language", ["ar", "vi", "en"])
@pytest.mark.parametrize("name", FAMILIES)
def test_linear_in_every_language(name: str, language: str) -> None:
    """Some rules run only for one language (Arabic punctuation and
    spelling, untranslated fragments, each profanity lexicon): the same
    families with the language forced."""
    assert_linear(lambda text: fix_text(text, language=language), name)


@pytest.mark.slow
def test_two_character_grid_is_linear() -> None:
    """Every pair of characters from a set that touches each rule's
    patterns, as two runs (``xxxyyy``) and alternating (``xyxy``): the
    search that found the URL filter's cubic case.  Flags on a cheap single
    run are confirmed with best-of-three before they count."""
    chars = ["a", "A", "ب", "ệ", "\u0301", " ", "\u00a0", "\t", ".", ",", "،", "؟", "!", "-", '"', "“", "'", "’", "ـ", "\u200b"]
    chars += ["\u200d", "\u202e", "\n", "\r", "1", "Ã", "â", "é", "#", ">", "*", "[", "(", "<", "/", ":", "@", "`", "{", "%", "\x85"]
    slow = []
    for i, x in enumerate(chars):
        for y in chars[i + 1 :]:
            for shape in (lambda k, x=x, y=y: x * k + y * k + "\n", lambda k, x=x, y=y: (x + y) * k + "\n"):
                small = _cpu(check_text, shape, 1000, 1)
                large = _cpu(check_text, shape, 4000, 1)
                if large > 0.01 and large / max(small, 1e-6) >= MAX_RATIO:
                    small, large = _cpu(check_text, shape, 1000, 3), _cpu(check_text, shape, 4000, 3)
                    if large / max(small, 1e-6) >= MAX_RATIO:
                        slow.append(f"{x!r}{y!r}: {large / small:.1f}×")
    assert slow == []


def test_normalize_agrees_with_unicodedata() -> None:
    """The linear-time ``normalize`` gives exactly ``unicodedata``'s result,
    on short and long mark runs, in every form."""
    rng = random.Random(5)
    marks = [chr(c) for c in range(0x300, 0x370)] + list(
        "\u064b\u064e\u0651\u0670\u0323\u031b\u0344\uff9e\uff9f\u3099\u0f71\u0f73\u05b0\u093c"
    )
    bases = ["a", "ệ", "ب", "ガ", "ｶ", "\u1100", "\uac00", "ﻻ", "ﬁ", " ", "\n", "\u0f40"]
    for _ in range(400):
        text = "".join(rng.choice(bases) + "".join(rng.choice(marks) for _ in range(rng.choice([0, 2, 31, 40, 120]))) for _ in range(4))
        for form in ("NFC", "NFD", "NFKC", "NFKD"):
            assert normalize(form, text) == unicodedata.normalize(form, text)


def test_normalize_is_linear_where_unicodedata_is_quadratic() -> None:
    """A growth ratio, not a time limit: machine speed cancels out."""
    marks: Family = lambda n: "a" + "\u0301\u064e" * n  # noqa: E731
    ratio, n = growth(lambda text: normalize("NFC", text), marks)
    assert ratio < MAX_RATIO, f"{ratio:.1f}× the time for 4× the marks (n={n})"
    # marks in canonical order (fatha, class 30, before acute, 230); the first
    # acute composes with the letter, since nothing of a higher class sits between
    assert normalize("NFC", marks(20_000)) == "á" + "\u064e" * 20_000 + "\u0301" * 19_999
