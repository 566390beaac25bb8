"""The testing kit content repos import: damage strategies, assertions and
the pytest plugin, exercised the way a content repo would use them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner.api import check_text, fix_text
from cleaner.testing import damage
from cleaner.testing.assertions import assert_clean, assert_idempotent, assert_only_expected_changes
from cleaner.testing.strategies import articles

LANGUAGES = ["ar", "vi", "en"]
INJECTORS = {
    "mojibake": lambda clean, lang: damage.mojibake(clean),
    "invisible": lambda clean, lang: damage.invisible(clean),
    "trailing_space": lambda clean, lang: damage.trailing_space(clean),
    "boilerplate": damage.boilerplate,
    "profanity_line": damage.profanity_line,
    "repeated_phrase": damage.repeated_phrase,
    "punctuation_space": damage.punctuation_space,
    "mangled_name": damage.mangled_name,
}
SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


@pytest.mark.parametrize("kind", sorted(INJECTORS))
@pytest.mark.parametrize("language", LANGUAGES)
def test_injected_defect_is_found_at_its_place(kind: str, language: str) -> None:
    """Inject one defect into a clean article: check reports its category
    at the defect, and where the category has a safe fix, fix gives the
    clean article back."""

    @SETTINGS
    @given(st.data())
    def run(data: st.DataObject) -> None:
        clean = data.draw(articles(language, blank_between=True))
        hurt = data.draw(INJECTORS[kind](clean, language))
        found = check_text(hurt.text, language=language)
        here = [
            f
            for f in found
            if f.code.startswith(hurt.code) and f.start < max(hurt.end, hurt.start + 1) and hurt.start < max(f.end, f.start + 1)
        ]
        assert here, (kind, hurt.text[max(0, hurt.start - 20) : hurt.end + 20], [(f.code, f.start, f.end) for f in found])
        assert str(here[0].category) == hurt.category
        if hurt.restores:
            assert fix_text(hurt.text, language=language) == hurt.clean

    run()


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(LANGUAGES).flatmap(lambda lang: st.tuples(st.just(lang), articles(lang))))
def test_clean_articles_pass_every_assertion(case: tuple[str, str]) -> None:
    language, text = case
    assert_clean(text, language=language)
    assert assert_idempotent(text, language=language) == text
    assert assert_only_expected_changes(text, expected=[], language=language) == text


def test_assertions_fail_with_codes_and_positions(tmp_path: Path) -> None:
    dirty = "Related articles\nThe council met on Tuesday.  \n"
    with pytest.raises(AssertionError, match=r"1:1 BLP001"):
        assert_clean(dirty, language="en")
    with pytest.raises(AssertionError, match=r"BLP001"):
        assert_only_expected_changes(dirty, expected=["WSP"], language="en")
    assert assert_only_expected_changes("The council met.  \n", expected=["WSP"], language="en") == "The council met.\n"
    path = tmp_path / "a.txt"
    path.write_text(dirty, encoding="utf-8")
    with pytest.raises(AssertionError, match=r"2:28 WSP001"):
        assert_clean(path)
    assert_clean(path, select=["UNI"])


def run_plugin(root: Path) -> subprocess.CompletedProcess[str]:
    """A content repo's CI: pytest with the plugin over its content folder."""
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--cleaner", "content"]
    return subprocess.run(command, cwd=root, capture_output=True, text=True, check=False)


def test_pytest_plugin_reports_each_file_with_its_codes(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "good.txt").write_text("A clean title\n\nThe council met on Tuesday.\n", encoding="utf-8")
    (content / "bad.txt").write_text("Related articles\nThe council met on Tuesday.   \n", encoding="utf-8")
    r = run_plugin(tmp_path)
    assert r.returncode == 1, r.stdout + r.stderr
    assert "content/bad.txt::cleaner[BLP001,WSP001]" in r.stdout
    assert "content/bad.txt:2:28: WSP001" in r.stdout
    assert "1 failed, 1 passed" in r.stdout
    (content / "bad.txt").write_text("The council met on Tuesday.\n", encoding="utf-8")
    r = run_plugin(tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr
