"""The HTML report: a real `fix --report x.html` run, escaped and complete."""

from __future__ import annotations

import html
import json
import os
import shutil
from pathlib import Path

import pytest
from conftest import run_cli

from cleaner.api import fix_path

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
    assert "<script>alert(1)" not in page and html.escape("<script>alert(1)</script>") in page
    for code in ("PUN001", "NAM001", "REP002", "MTR001", "WSP001"):
        assert code in page
    # The change, marked inside the line and labelled with its rule.
    assert "Open<del>ai</del>" in page and "Open<ins>AI</ins>" in page
    assert '<span class="label"><b>NAM001</b>' in page


CHROMIUM = Path("/usr/bin/chromium")
SEEDS = REPO.parent / "shared" / "seeds"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _changed_line_numbers(old: str, new: str) -> tuple[set[int], set[int]]:
    import difflib

    a, b = old.splitlines(), new.splitlines()
    removed, added = set(), set()
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op != "equal":
            removed |= set(range(i1 + 1, i2 + 1))
            added |= set(range(j1 + 1, j2 + 1))
    return removed, added


@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (.ci/run installs it)")
def test_report_in_headless_chromium(tmp_path: Path) -> None:
    """Open the report of `fix --out` over the seeds and corpus/ in Chromium:
    Arabic lines lay out right to left, every changed line is in the diff,
    and the filters hide what they should.  Leaves a screenshot."""
    playwright = pytest.importorskip("playwright.sync_api")
    inputs = [str(REPO / "corpus" / "articles")] + ([str(SEEDS)] if SEEDS.is_dir() else [])
    out = tmp_path / "out"
    report = tmp_path / "report.html"
    r = run_cli("fix", *inputs, "--out", str(out), "--report", str(report), "--format", "json", "--no-cache")
    assert r.returncode == 1, r.stderr
    assert report.stat().st_size < 2_000_000
    changed = [entry["path"] for entry in json.loads(r.stdout)["files"] if entry["changed"]]
    assert len(changed) >= 10
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1800})
        page.goto(report.as_uri())
        screenshot = Path(os.environ.get("CLEANER_REPORT_SCREENSHOT", tmp_path / "report.png"))
        page.screenshot(path=str(screenshot), full_page=False)
        assert screenshot.stat().st_size > 10_000

        # Right to left: every text cell whose letters are mostly Arabic is
        # laid out rtl by the browser (computed style), the others ltr.
        cells = page.eval_on_selector_all(
            "td.t",
            """cells => cells.map(c => {
                 const bare = c.cloneNode(true); bare.querySelectorAll('.label').forEach(l => l.remove());
                 const t = bare.textContent; const ar = (t.match(/[\\u0600-\\u06FF]/g) || []).length;
                 const lat = (t.match(/[A-Za-z\\u00C0-\\u024F\\u1E00-\\u1EFF]/g) || []).length;
                 return [ar, lat, getComputedStyle(c).direction];
               })""",
        )
        arabic = [c for c in cells if c[0] > 2 * c[1] and c[0] > 3]
        assert len(arabic) > 100
        assert all(direction == "rtl" for _, _, direction in arabic)
        assert all(direction == "ltr" for ar, lat, direction in cells if lat > 2 * ar and lat > 3)

        # Every changed line of every changed file is in its diff table, at
        # its line number on both sides, and each new line reads as written.
        for path in changed:
            result = fix_path(path, write=False)
            removed, added = _changed_line_numbers(result.original, result.text)
            block = page.locator(f'details.file[data-path="{path}"]')
            assert block.count() == 1, path
            old_numbers = block.locator("tr.del").evaluate_all("rows => rows.map(r => r.children[0].textContent)")
            added_rows = block.locator("tr.add").evaluate_all(
                "rows => rows.map(r => [r.children[1].textContent, r.children[2].textContent])"
            )
            # A diff of the same size as difflib's, whose kept lines are the
            # same on both sides; which of two equal lines (a blank one) it
            # shows as removed follows the fix, not difflib's choice.
            shown_removed, shown_added = {int(n) for n in old_numbers}, {int(n) for n, _ in added_rows}
            assert (len(shown_removed), len(shown_added)) == (len(removed), len(added)), path
            old_lines, fixed_lines = result.original.splitlines(), result.text.splitlines()
            kept_old = [line for i, line in enumerate(old_lines, 1) if i not in shown_removed]
            assert kept_old == [line for j, line in enumerate(fixed_lines, 1) if j not in shown_added], path
            new_lines = result.text.splitlines()
            for n, text in added_rows:
                if new_lines[int(n) - 1].isprintable():
                    assert text == new_lines[int(n) - 1], (path, n)

        # Filters: a rule hides every file that lacks it, and the count follows.
        total = page.locator("details.file").count()
        page.select_option("#filter-rule", "BLP001")
        visible = page.locator("details.file:not(.hidden)")
        shown = visible.count()
        assert 0 < shown < total
        assert all("BLP001" in visible.nth(i).get_attribute("data-r").split() for i in range(shown))
        assert page.locator("#shown").text_content() == str(shown)
        page.select_option("#filter-rule", "")
        page.select_option("#filter-category", "profanity")
        shown = page.locator("details.file:not(.hidden)").count()
        assert 0 < shown < total
        from cleaner.registry import by_code

        rows = page.locator("details.file:not(.hidden) tr[data-r]:not(.hidden)").evaluate_all("rs => rs.map(r => r.dataset.r)")
        assert rows and all(any(by_code()[code].category.value == "profanity" for code in codes.split()) for codes in rows)
        hidden_rows = page.locator("details.file:not(.hidden) tr[data-r].hidden").count()
        assert hidden_rows > 0  # rows of other categories in the same files
        browser.close()


def test_report_for_2000_files_stays_small() -> None:
    """2,000 changed files (the corpus's changed articles, repeated under new
    names) make a page of a few MB, with all but the first files collapsed."""
    from msgspec.structs import replace

    from cleaner.report import html as html_report
    from cleaner.runner import Options, process_file

    articles = sorted((REPO / "corpus" / "articles").rglob("*.txt"))
    results = [process_file(p, str(p), Options(), mode="fix") for p in articles]
    changed = [r for r in results if r.changed]
    assert len(changed) >= 8
    many = [replace(changed[i % len(changed)], path=f"site/{i:04d}/{Path(changed[i % len(changed)].path).name}") for i in range(2000)]
    page = html_report.render(many, fixing=True)
    assert len(page.encode("utf-8")) < 6_000_000  # measured: 5.4 MB (1.5 MB of text, 6 findings a file)
    assert page.count('<details class="file"') == 2000
    assert page.count(" open>") == html_report.OPEN_FILES
