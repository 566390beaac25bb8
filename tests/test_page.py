"""Page furniture in saved HTML pages (BLP101), on our corpus page and on the
peer suites' real pages."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from cleaner.api import check_path

pytest.importorskip("trafilatura")
REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))


def test_corpus_page_reports_navigation_and_comment_box_only() -> None:
    page = REPO / "corpus/articles/ar/markup-news-page.html"
    furniture = [f for f in check_path(page).findings if f.code == "BLP101"]
    text = page.read_text(encoding="utf-8")
    flagged = [text[f.start : f.end] for f in furniture]
    assert len(flagged) == 2
    assert "الرئيسية" in flagged[0] and "رياضة" in flagged[0]
    assert "اترك تعليقاً" in flagged[1] and "جميع الحقوق محفوظة" in flagged[1]
    for paragraph in ("افتتح رئيس البلدية", "وتضم الحديقة", "هذه الحديقة لكل سكان المدينة"):
        assert not any(paragraph in f for f in flagged)


def test_furniture_is_report_only(tmp_path: Path) -> None:
    src = REPO / "corpus/articles/ar/markup-news-page.html"
    p = tmp_path / "page.html"
    shutil.copyfile(src, p)
    from cleaner.api import fix_path

    fix_path(p, select=("BLP101",))
    assert p.read_bytes() == src.read_bytes()


def test_peer_pages_keep_article_and_drop_furniture(peer_dir: Path) -> None:
    from eval_pages import kept_and_all, pages, prf, tokens

    tmp = REPO / "bench" / "out" / "test-page.html"
    tmp.parent.mkdir(parents=True, exist_ok=True)
    precisions, recalls = [], []
    for name, page, expected, snips in pages():
        kept, _ = kept_and_all(page, tmp)
        if expected is not None:
            p, r = prf(tokens(kept), tokens(expected))
            precisions.append(p)
            recalls.append(r)
        if name.endswith("assabah.com.tn.article.html"):
            assert snips is not None
            for keep in snips["with"]:
                assert keep in kept, keep
            assert "إضافة تعليق جديد" not in kept
    assert sum(recalls) / len(recalls) >= 0.98
    assert sum(precisions) / len(precisions) >= 0.9
