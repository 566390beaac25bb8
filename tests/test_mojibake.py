"""Mojibake repair: real encode/decode round trips are undone, clean text is
left alone, and the seeds keep every line and every curly quote."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from cleaner import check_text, fix_text
from cleaner.testing.strategies import articles
from conftest import seed_path


def garble(text: str, codec: str) -> str:
    """UTF-8 bytes read with the wrong code page, as a broken pipeline does."""
    return text.encode("utf-8").decode(codec, errors="strict")


def only_mojibake(text: str) -> str:
    return fix_text(text, select=("MOJ",))


@pytest.mark.parametrize(
    ("clean", "codec"),
    [
        ("The Mona Lisa doesn’t have eyebrows — really.", "cp1252"),
        ("Café “crème” à la française", "latin-1"),
        ("مرحبا بكم في المدينة، قال المسؤول.", "cp1256"),
        ("Tiếng Việt có dấu rất đẹp và phong phú.", "cp1258"),
        ("Ông ấy nói: ‘Chúng tôi sẽ trở lại.’", "cp1258"),
    ],
)
def test_round_trips_are_restored(clean: str, codec: str) -> None:
    assert only_mojibake(garble(clean, codec) + "\n") == clean + "\n"


def _line_garbles(article: str, codec: str) -> str | None:
    lines = article.split("\n")
    for i, line in enumerate(lines):
        try:
            lines[i] = garble(line, codec)
        except UnicodeDecodeError:
            return None
        break
    return "\n".join(lines)


# The code pages each language's text is really misread with.
MISREADINGS = {"en": ["cp1252", "latin-1"], "ar": ["cp1252", "cp1256"], "vi": ["cp1252", "cp1258"]}


@st.composite
def misread_articles(draw: st.DrawFn) -> tuple[str, str]:
    lang = draw(st.sampled_from(sorted(MISREADINGS)))
    return draw(articles(lang)), draw(st.sampled_from(MISREADINGS[lang]))


@settings(max_examples=40, deadline=None)
@given(misread_articles())
def test_garbled_title_of_any_article_is_restored(case: tuple[str, str]) -> None:
    article, codec = case
    damaged = _line_garbles(article, codec)
    assume(damaged is not None and damaged != article)
    assert fix_text(damaged) == article


@settings(max_examples=60, deadline=None)
@given(articles())
def test_clean_articles_have_no_mojibake_findings(article: str) -> None:
    assert [f for f in check_text(article) if f.category.value == "mojibake"] == []


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=80))
def test_repair_is_idempotent(text: str) -> None:
    once = only_mojibake(text)
    assert only_mojibake(once) == once


def test_arabic_word_before_arabic_comma_is_not_mojibake() -> None:
    text = "استخدام الخرائط، التنقل، والدفع عبر الهاتف.\n"
    assert check_text(text, select=("MOJ",)) == []


@pytest.mark.parametrize("prefix", ["000", "001", "003", "004"])
def test_clean_seeds_have_no_mojibake(prefix: str) -> None:
    text = seed_path(prefix).read_text(encoding="utf-8")
    assert check_text(text, select=("MOJ",)) == []
    assert only_mojibake(text) == text


def test_seed_002_remnants_reported_on_lines_20_and_23() -> None:
    text = seed_path("002").read_text(encoding="utf-8")
    findings = check_text(text, select=("MOJ",))
    lines = sorted({text.count("\n", 0, f.start) + 1 for f in findings})
    assert lines == [20, 23]
    assert all(f.code == "MOJ003" for f in findings)
    assert only_mojibake(text) == text  # guesses are not applied by `fix`
    unsafe = fix_text(text, select=("MOJ",), unsafe=True)
    assert "\u202fand alaand" in unsafe.splitlines()[22]


def test_remnant_lone_lead_suggests_the_closing_quote() -> None:
    (f,) = check_text("ويشار إليه باسم “عراب AIâ و غيره\n", select=("MOJ003",))
    assert f.fix is not None and f.fix.edits[0].new == "”" and f.fix.safety.label == "display"
