"""Boilerplate rules on other projects' ground truth (shared/peer/boilerplate),
as plain text until pages are read as HTML (see tests/test_page.py for that).

Precision: the suites' expected main texts are articles; no line of them may
be removed.  Recall: furniture snippets from the suites, placed where a
scraper leaves them, must go.
"""

from __future__ import annotations

import json
from pathlib import Path

from cleaner import check_text, fix_text


def _expected_texts(peer: Path) -> list[tuple[str, str]]:
    out = []
    for name in ("arabic_article", "cnn_article"):
        out.append((name, (peer / "boilerplate/newspaper4k" / f"{name}.txt").read_text(encoding="utf-8")))
    truth = json.loads((peer / "boilerplate/scrapinghub/ground-truth.json").read_text(encoding="utf-8"))
    for key, entry in list(truth.items())[:60]:
        out.append((key[:10], entry["articleBody"]))
    return out


def test_ground_truth_articles_lose_nothing(peer_dir: Path) -> None:
    removed = []
    for name, text in _expected_texts(peer_dir):
        if not text.endswith("\n"):
            text += "\n"
        safe = [f for f in check_text(text, select=("BLP",)) if f.fix is not None and f.fix.safety.label == "safe"]
        removed.extend((name, text[f.start : f.end]) for f in safe)
    assert removed == []


def test_furniture_snippets_from_the_suites_are_removed(peer_dir: Path) -> None:
    article = (peer_dir / "boilerplate/newspaper4k/arabic_article.txt").read_text(encoding="utf-8").rstrip("\n") + "\n"
    page = article + "\nإضافة تعليق جديد\n\nمقالات ذات صلة\n"
    out = fix_text(page, select=("BLP", "WSP"))
    assert "إضافة تعليق جديد" not in out and "مقالات ذات صلة" not in out
    assert out.rstrip("\n") == fix_text(article, select=("BLP", "WSP")).rstrip("\n")
