"""The diff's lines are aligned from the fixes' spans, not by matching.

Checked: on random edits, the opcodes built from the spans turn the old
lines into the new ones, equal runs really equal; on real fixes of the
corpus and the seeds, the unified diff applied to the original gives the
fixed text; changes that put kept lines out of order fall back to difflib.
"""

from __future__ import annotations

import re
from pathlib import Path

from conftest import CORPUS, SEEDS
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.finding import AppliedFix
from cleaner.report.align import line_matcher
from cleaner.report.diff import applied_changes, unified
from cleaner.runner import FileResult, Options, process_file


def _rebuilt(opcodes: list[tuple[str, int, int, int, int]], old: list[str], new: list[str]) -> list[str]:
    """The new lines as the opcodes make them from the old ones, checking
    that they cover both sides in order and that equal runs are equal."""
    out: list[str] = []
    i = j = 0
    for tag, i1, i2, j1, j2 in opcodes:
        assert (i1, j1) == (i, j)
        if tag == "equal":
            assert old[i1:i2] == new[j1:j2]
        out.extend(new[j1:j2])
        i, j = i2, j2
    assert (i, j) == (len(old), len(new))
    return out


lines = st.lists(st.sampled_from(["", "a", "b b", "  ", "مرحبا", "Hà Nội", "a"]), max_size=25)
breaks = st.sampled_from(["\n", "\r\n", "\r"])


@settings(max_examples=400, deadline=None)
@given(lines, breaks, st.data())
def test_spans_align_the_lines_of_any_edit(parts: list[str], newline: str, data: st.DataObject) -> None:
    text = "".join(p + newline for p in parts)
    cuts = sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=8)))
    spans = [(a, b) for a, b in zip(cuts[::2], cuts[1::2], strict=False)]
    news = [data.draw(st.sampled_from(["", "x", "\n", "y\n\nz", newline])) for _ in spans]
    pieces, pos = [], 0
    for (a, b), new in zip(spans, news, strict=True):
        pieces += [text[pos:a], new]
        pos = b
    fixed = "".join(pieces) + text[pos:]
    changes = [(a, b, len(new) - (b - a)) for (a, b), new in zip(spans, news, strict=True)]
    for keepends in (True, False):
        matcher = line_matcher(text, fixed, changes, keepends)
        assert matcher.opcodes is not None  # aligned from the spans, not matched
        assert _rebuilt(matcher.get_opcodes(), matcher.a, matcher.b) == fixed.splitlines(keepends)


def _apply(diff: str, original: str) -> str:
    """Apply a unified diff of one file, hunk by hunk."""
    old = original.splitlines(keepends=True)
    out: list[str] = []
    pos = 0
    body = diff.splitlines(keepends=True)[2:]  # after the --- and +++ lines
    k = 0
    while k < len(body):
        m = re.match(r"@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@", body[k])
        assert m, body[k]
        start, count = int(m.group(1)), int(m.group(2) if m.group(2) is not None else 1)
        first = start - 1 if count else start  # an empty range names the line before it
        out += old[pos:first]
        pos = first
        k += 1
        while k < len(body) and not body[k].startswith("@@"):
            line = body[k]
            if line[0] in "- ":
                assert line[1:] == old[pos]
                pos += 1
            if line[0] in "+ ":
                out.append(line[1:])
            k += 1
    return "".join(out + old[pos:])


def _real_fixes() -> list[Path]:
    paths = sorted(p for p in (CORPUS / "articles").rglob("*") if p.suffix in (".txt", ".md"))
    return paths + (sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else [])


def test_the_diff_of_every_real_fix_is_aligned_and_gives_the_fixed_text() -> None:
    checked = 0
    for path in _real_fixes():
        for unsafe in (False, True):
            result = process_file(path, path.name, Options(unsafe_fixes=unsafe), mode="fix")
            if not result.changed or result.text == result.original:
                continue
            assert line_matcher(result.original, result.text, applied_changes(result)).opcodes is not None, path
            diff = unified(result)
            if "No newline at end of file" not in diff:
                assert _apply(diff, result.original) == result.text, path
            checked += 1
    assert checked > 20


def test_a_line_the_spans_miss_is_still_shown_changed() -> None:
    original, fixed = "one\ntwo\nthree\n", "one\n2\nthree\n"
    matcher = line_matcher(original, fixed, [])  # no span, yet a line changed: it is not where it should be kept
    assert matcher.get_opcodes() == [("equal", 0, 1, 0, 1), ("replace", 1, 2, 1, 2), ("equal", 2, 3, 2, 3)]
    result = FileResult(path="x.txt", changed=True, original=original, text=fixed, applied=[AppliedFix("T", "t", 0, 0, "", "")])
    assert "-two\n+2\n" in unified(result)


def test_changes_that_put_kept_lines_out_of_order_are_matched_by_difflib() -> None:
    text = "x\nx\nx\n"
    matcher = line_matcher(text, text, [(2, 2, -2)])  # a growth that moves the second line back onto the first
    assert matcher.opcodes is None
    assert matcher.get_opcodes() == [("equal", 0, 3, 0, 3)]
