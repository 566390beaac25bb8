"""Boilerplate: furniture goes, titles, headings, lists, quotes and credits stay."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import REPO, SEEDS, run_cli, seed_path
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import check_text, fix_text
from cleaner.checks.boilerplate import normalise
from cleaner.testing.strategies import articles

ARTICLE_EN = (
    "Council approves new light-rail line\n\n"
    "The city council voted on Tuesday to build a light-rail line linking the airport to the centre.\n\n"
    "Construction is expected to start next spring and take three years.\n"
)


def codes(text: str) -> list[str]:
    return [f.code for f in check_text(text, select=("BLP",))]


def test_normalisation_ignores_variants() -> None:
    assert normalise("إتـرك تَعليقاً!") == normalise("اترك تعليقا")
    assert normalise("## Read   MORE »") == "read more"
    assert normalise("[Related posts](https://x.y/z)") == "related posts"


def test_english_footer_removed_article_kept() -> None:
    page = (
        ARTICLE_EN
        + "\nShare this:\nFacebook\nTwitter\n\nRelated posts\n\nLeave a Reply\nYour email address will not be published. Required fields are marked *\n\nBack to top\n"
    )
    assert fix_text(page) == ARTICLE_EN


def test_head_breadcrumb_with_separators_removed() -> None:
    page = "Home > World > Asia\n" + ARTICLE_EN
    assert fix_text(page) == ARTICLE_EN


def test_glued_arabic_breadcrumb_removed() -> None:
    body = "عنوان الخبر هنا\n\nنص الفقرة الأولى من الخبر، وفيها تفاصيل كثيرة عن الموضوع.\n"
    assert fix_text("الاقتصاديةالتكنولوجيا\n\n" + body) == body


def test_vietnamese_footer_removed() -> None:
    body = "Hà Nội mở thêm tuyến buýt điện\n\nSở Giao thông vận tải cho biết tuyến mới sẽ chạy từ tháng sau.\n"
    page = body + "\nTin liên quan\nBình luận\nEmail của bạn sẽ không được hiển thị công khai.\nVề đầu trang\n"
    assert fix_text(page) == body


def test_quoted_phrase_in_running_text_stays() -> None:
    text = ARTICLE_EN + "\nReaders were invited to leave a comment below the story, and thousands did within an hour.\n"
    assert codes(text) == []
    assert fix_text(text) == text


def test_phrase_line_inside_article_is_only_reported() -> None:
    text = "Title of the story\n\nFirst paragraph of the story, long enough to be prose.\n\nRead more\n\nSecond paragraph of the story continues the account here.\n"
    (f,) = check_text(text, select=("BLP",))
    assert f.fix is not None and f.fix.safety.label == "unsafe"
    assert fix_text(text) == text


def test_related_titles_below_a_related_header_are_unsafe() -> None:
    page = ARTICLE_EN + "\nRelated articles\nTram fares to rise in June\nNew bridge opens to cyclists\n"
    findings = check_text(page, select=("BLP",))
    assert [f.fix.safety.label for f in findings] == ["safe", "unsafe", "unsafe"]  # type: ignore[union-attr]
    assert fix_text(page, unsafe=True) == ARTICLE_EN


def test_source_credit_is_kept() -> None:
    for credit in ("Bloomberg", "Reuters", "المصدر: رويترز", "Nguồn: VnExpress", "Theo TTXVN"):
        page = ARTICLE_EN + credit + "\n"
        assert fix_text(page) == page, credit
    page = ARTICLE_EN + "Reuters\n\nBack to top\n"
    assert fix_text(page) == ARTICLE_EN + "Reuters\n"


def test_keep_and_extra_phrases_from_config(tmp_path: Path) -> None:
    (tmp_path / "cleaner.toml").write_text(
        '[boilerplate]\nextra-phrases = ["Listen to this article"]\nkeep-phrases = ["back to top"]\n', encoding="utf-8"
    )
    p = tmp_path / "a.txt"
    p.write_text("Listen to this article\n" + ARTICLE_EN + "\nBack to top\n", encoding="utf-8")
    run_cli("fix", "--no-cache", str(p))
    assert p.read_text(encoding="utf-8") == ARTICLE_EN + "\nBack to top\n"


def test_seed_004_loses_furniture_and_keeps_article(tmp_path: Path) -> None:
    src = seed_path("004")
    dst = tmp_path / src.name
    shutil.copyfile(src, dst)
    run_cli("fix", "--no-cache", str(dst))
    before = src.read_text(encoding="utf-8").split("\n")
    after = dst.read_text(encoding="utf-8").split("\n")
    article = [line for line in before[2:23] if line.strip()]
    assert [line for line in after if line.strip()] == article  # title and every paragraph, byte for byte
    assert after[0] == before[2]  # the title is the first line now


def test_seeds_000_003_untouched_and_001_keeps_credit() -> None:
    for prefix in ("000", "001", "002", "003"):
        assert codes(seed_path(prefix).read_text(encoding="utf-8")) == [], prefix
    assert fix_text(seed_path("001").read_text(encoding="utf-8")).rstrip("\n").endswith("Bloomberg")


FURNITURE = {
    "en": ["Related posts", "Leave a Reply", "Share this:", "Back to top", "Subscribe to our newsletter", "All rights reserved"],
    "ar": ["مقالات ذات صلة", "اترك تعليقاً", "زر الذهاب إلى الأعلى", "شارك هذا المقال", "جميع الحقوق محفوظة"],
    "vi": ["Tin liên quan", "Bình luận", "Về đầu trang", "Chia sẻ bài viết", "Đăng ký nhận tin"],
}
HEAD = {
    "en": ["Home > News > Local", "Skip to content"],
    "ar": ["الرئيسية / أخبار / محليات", "الاقتصاديةالتكنولوجيا"],
    "vi": ["Trang chủ > Thời sự"],
}


@st.composite
def page_with_furniture(draw: st.DrawFn) -> tuple[str, str]:
    lang = draw(st.sampled_from(["en", "ar", "vi"]))
    article = draw(articles(lang, blank_between=True))
    tail = draw(st.lists(st.sampled_from(FURNITURE[lang]), min_size=0, max_size=4))
    head = draw(st.lists(st.sampled_from(HEAD[lang]), min_size=0, max_size=1))
    page = "".join(h + "\n\n" for h in head) + article + "".join("\n" + t + "\n" for t in tail)
    return article, page


@settings(max_examples=60, deadline=None)
@given(page_with_furniture())
def test_furniture_around_a_clean_article_is_removed_exactly(case: tuple[str, str]) -> None:
    article, page = case
    assert fix_text(page) == article


@settings(max_examples=60, deadline=None)
@given(articles())
def test_clean_articles_are_never_shortened(article: str) -> None:
    assert codes(article) == []
    assert fix_text(article) == article


@pytest.mark.parametrize(
    ("language", "furniture", "credit"),
    [
        ("en", "Share this article", "Source: Reuters"),
        ("ar", "شارك هذا المقال", "المصدر: رويترز"),
        ("vi", "Chia sẻ bài viết", "Theo TTXVN"),
    ],
)
def test_source_credit_after_footer_furniture_is_kept(language: str, furniture: str, credit: str) -> None:
    """The credit closing an article stays even when furniture sits above it
    (the source list was once read as part of its [meta] table, and a stale
    variable judged the wrong line)."""
    from cleaner.testing.strategies import samples

    pack = samples(language)
    body = "\n\n".join(pack["sentences"][:2])
    text = f"{pack['titles'][0]}\n\n{body}\n\n{furniture}\n{credit}\n"
    flagged = {text[f.start : f.end] for f in check_text(text, language=language) if f.code.startswith("BLP")}
    assert flagged == {furniture}


def test_rule_packs_keep_data_out_of_meta() -> None:
    """A key written after `[meta]` in TOML belongs to the meta table and is
    silently ignored by the rules: keep [meta] to its three fields."""
    import tomllib

    for path in (REPO / "rules").rglob("*.toml"):
        meta = tomllib.loads(path.read_text(encoding="utf-8")).get("meta", {})
        assert set(meta) <= {"description", "source", "license"}, path


def _packed_phrases(language: str) -> list[str]:
    from cleaner.checks.boilerplate import load_pack
    from cleaner.registry import Context

    return sorted(load_pack(Context(), language).kinds)


def _reference(phrases: list[str]):  # type: ignore[no-untyped-def]
    """The named-list pattern ``Phrases`` stands in for."""
    import regex

    return regex.compile(r"(?<!\w)\L<phrases>(?!\w)", phrases=sorted(phrases, key=len, reverse=True))


@pytest.mark.parametrize("language", ["ar", "en", "vi"])
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_phrase_index_finds_what_the_named_list_pattern_finds(language: str, data: st.DataObject) -> None:
    """Lines built from a pack's phrases, pieces of them, digits, spaces and
    word characters that can touch a phrase (letters, a combining mark, a
    zero-width non-joiner, an Arabic letter): the automaton's spans, its
    "a phrase starts by here" and the verdict's leftovers are the pattern's."""
    from cleaner.checks.boilerplate import Phrases

    phrases = _packed_phrases(language)
    index, pattern = Phrases(phrases), _reference(phrases)
    piece = st.one_of(
        st.sampled_from(phrases),
        st.sampled_from(phrases).map(lambda p: p[: len(p) // 2]),
        st.sampled_from([" ", "  ", "12", "3 ", "x", "é", "\u0301", "\u200c", "ب", "_", "-", "\u00b2"]),
    )
    text = "".join(data.draw(st.lists(piece, max_size=8)))
    assert index.spans(text) == [m.span() for m in pattern.finditer(text)]
    for last in range(len(text) + 1):
        assert index.starts_by(text, last) == any(pattern.match(text, s) for s in range(last + 1))


def test_phrase_index_on_every_line_of_the_corpus_and_seeds() -> None:
    from cleaner.checks.boilerplate import Phrases, normalise

    texts = [p.read_bytes().decode("utf-8", "replace") for p in sorted((REPO / "corpus").rglob("*.txt"))]  # some are in legacy code pages
    if SEEDS.is_dir():  # the corpus alone when the seeds are absent
        texts += [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    lines = {normalise(line) for text in texts for line in text.splitlines()}
    for language in ("ar", "en", "vi"):
        phrases = _packed_phrases(language)
        index, pattern = Phrases(phrases), _reference(phrases)
        for line in lines:
            assert index.spans(line) == [m.span() for m in pattern.finditer(line)], line


def test_phrase_search_window_stays_inside_the_line() -> None:
    """The window a phrase may start in is clamped to the line: pyahocorasick
    reads past a string given an end beyond it (a segmentation fault seen in
    the test run before the clamp)."""
    from cleaner.checks.boilerplate import Phrases

    phrases = Phrases(["a rather long phrase for a short line", "ab"])
    for text in ("", "a", "ab", "x ab", "ab " * 3):
        for last in range(len(text) + 1):
            assert phrases.starts_by(text, last) == any(
                text.startswith("ab", s) and (s == 0 or text[s - 1] == " ") for s in range(last + 1)
            )
