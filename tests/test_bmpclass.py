"""``re`` twins of ``regex`` property patterns give the same matches.

The twin lists a class's BMP characters from ``regex`` itself; each class
the engine uses is checked on every BMP character, and each pattern on
generated texts (with characters beyond the BMP, which go to ``regex``),
cold and after the warm-up that switches to ``re``.
"""

from __future__ import annotations

import re

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import bmpclass
from cleaner.bmpclass import BmpPattern, beyond_bmp, bmp_ranges
from cleaner.checks import boilerplate, names, repetition, spelling, untranslated
from cleaner.document import _ARABIC_RUNS, _LATIN_RUNS, detect_language

USED = [r"[[\p{P}\p{S}\s]--\n]", r"[\s--\n]", r"\d", r"\p{Script=Latin}", r"[\p{L}\p{M}\p{N}]", r"\p{L}"]
BMP = "".join(map(chr, range(0xD800))) + "".join(map(chr, range(0xE000, 0x10000)))


@pytest.mark.parametrize("char_class", USED)
def test_each_class_holds_the_same_bmp_characters(char_class: str) -> None:
    listed = re.compile(f"[{bmp_ranges(char_class)}]")
    reference = regex.compile(char_class, regex.V1)
    assert [c for c in BMP if bool(listed.fullmatch(c)) != bool(reference.fullmatch(c))] == []


def test_beyond_bmp_finds_astral_characters() -> None:
    assert beyond_bmp("a😀b") and beyond_bmp("𝟘") and not beyond_bmp("مرحبا Hà Nội —\uffff")


PATTERNS = [
    boilerplate._NON_WORD_LINES,
    boilerplate._MARKDOWN_PREFIX_LINES,
    _LATIN_RUNS,
    _ARABIC_RUNS,
    repetition._TOKENS,
    names._NAME_STARTS,
    untranslated._ASCII_WORD,
    spelling._WORD,
]
texts = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("ab1٣ \t\n\r#-*>.)،؟!…“”'’\"_\u00a0\u2003\u064b\u0301ăđ\u1ea1ﷺ²")),
        st.sampled_from(["😀", "𝟘", "\U0001d400", "\U00010780", "\U0001f44d"]),
        st.characters(max_codepoint=0x2FFFF, exclude_categories=("Cs",)),
    ),
    max_size=60,
)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_the_twins_find_what_regex_finds(text: str) -> None:
    for pattern in PATTERNS:
        assert pattern.bmp.findall(text) == pattern.full.findall(text) or beyond_bmp(text)
        assert pattern.sub(" ", text) == pattern.full.sub(" ", text)
        assert pattern.findall(text) == pattern.full.findall(text)


def test_the_twin_is_used_only_once_warm(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bmpclass, "WARM_CHARS", 10)
    pattern = BmpPattern(r"\p{L}+", "[{letter}]+", {"letter": r"\p{L}"})
    assert pattern.for_text("short") is pattern.full  # cold: nothing compiled for it
    assert "bmp" not in vars(pattern)
    assert pattern.for_text("more than ten letters") is pattern.full
    assert pattern.for_text("now warm") is pattern.bmp
    assert pattern.for_text("but 😀 is beyond the BMP") is pattern.full
    assert pattern.findall("Hà Nội، مرحبا") == ["Hà", "Nội", "مرحبا"]


def test_language_detection_is_the_same_cold_and_warm(monkeypatch: pytest.MonkeyPatch) -> None:
    samples = ["Hà Nội là thủ đô của Việt Nam, một thành phố lớn.", "The council met on Monday.", "مرحبا بكم في المدينة Hello"]
    cold = [detect_language(s) for s in samples]
    monkeypatch.setattr(_LATIN_RUNS, "_read", bmpclass.WARM_CHARS)
    assert [detect_language(s) for s in samples] == cold == ["vi", "en", "ar"]


def _language_by_counting(text: str) -> str:
    """``detect_language`` as first written: every count made."""
    from cleaner import document

    head = text[:20_000]
    arabic = document._count(_ARABIC_RUNS, head)
    latin = document._count(_LATIN_RUNS, head)
    if arabic == 0 and latin == 0:
        return "und"
    if arabic >= latin:
        return "ar"
    return "vi" if document._count(document._VIETNAMESE, head) * 10 >= latin else "en"


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(["a", "Z", "ă", "ệ", "đ", "é", "ب", "س", " ", "1", ".", "😀", "\n", "ơ", "xin chào "]), max_size=40).map(
        "".join
    )
)
def test_language_decided_by_bounds_as_by_counting(text: str) -> None:
    """The bounds that spare most texts the count of Latin letters decide
    as counting everything does."""
    assert detect_language(text) == _language_by_counting(text)
