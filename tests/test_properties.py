"""Properties of the whole default rule set on generated articles."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import check_text, fix_text
from cleaner.testing.strategies import articles


@settings(max_examples=60, deadline=None)
@given(articles())
def test_clean_articles_pass_unchanged(article: str) -> None:
    assert fix_text(article) == article


@settings(max_examples=60, deadline=None)
@given(articles())
def test_clean_articles_have_no_findings(article: str) -> None:
    findings = check_text(article)
    assert findings == [], [(f.code, f.message, article[f.start : f.end]) for f in findings]


@settings(max_examples=60, deadline=None)
@given(articles(), st.text(max_size=40))
def test_fix_is_idempotent_on_damaged_text(article: str, noise: str) -> None:
    cut = len(article) // 2
    damaged = article[:cut] + noise + article[cut:]
    once = fix_text(damaged)
    assert fix_text(once) == once


@settings(max_examples=100, deadline=None)
@given(st.text())
def test_any_text_fixes_idempotently_and_positions_stay_inside(text: str) -> None:
    for f in check_text(text):
        assert 0 <= f.start <= f.end <= len(text)
    once = fix_text(text)
    assert fix_text(once) == once
