"""The HTML report: a real `fix --report x.html` run, escaped and complete."""

from __future__ import annotations

import html
import shutil
from pathlib import Path

from conftest import run_cli

REPO = Path(__file__).resolve().parent.parent


def test_html_report_lists_findings_changes_and_diff(tmp_path: Path) -> None:
    src = tmp_path / "mt.txt"
    shutil.copyfile(REPO / "corpus" / "articles" / "en" / "mt-water-summit.txt", src)
    (tmp_path / "evil.txt").write_text("<script>alert(1)</script> text  \n", encoding="utf-8")
    report = tmp_path / "report.html"
    r = run_cli("fix", str(tmp_path), "--report", str(report))
    assert r.returncode in (0, 1), r.stdout + r.stderr
    page = report.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>") and page.rstrip().endswith("</html>")
    assert "<script>" not in page and html.escape("<script>alert(1)</script>") in page
    for code in ("PUN001", "NAM001", "REP002", "MTR001", "WSP001"):
        assert code in page
    assert html.escape("'Openai' → 'OpenAI'") in page  # the change, old and new
    assert '<span class="add" dir="auto">+One firm said it uses models from OpenAI' in page
