"""Later fix passes re-run per-line rules on the changed lines only.

Two promises are checked here, on the corpus, the seeds and generated
text: every rule marked ``per_line`` finds on any set of lines, laid out as a
patch, exactly what it finds on those lines in the whole document; and a
fix run that re-checks only changed lines ends with the same text, findings
and applied fixes as one that re-checks everything.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from conftest import CORPUS, SEEDS
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import io
from cleaner.document import Document, detect_language
from cleaner.finding import Edit, Finding
from cleaner.patch import make_patch, touched_lines
from cleaner.pipeline import Remap, collect, fix
from cleaner.registry import Context, catalog, select_rules
from cleaner.runner import make_document
from cleaner.testing.damage import damaged_articles

PER_LINE = tuple(r for r in catalog() if r.per_line)
CTX = Context()


def _texts() -> list[tuple[str, str]]:
    paths = sorted(p for p in CORPUS.rglob("*") if p.suffix in (".txt", ".md", ".html"))
    if SEEDS.is_dir():
        paths += sorted(SEEDS.glob("*.txt"))
    return [(p.name, io.read(p).text) for p in paths]  # decoded as the engine sees them (legacy code pages too)


TEXTS = _texts()


def _document(name: str, text: str, language: str | None = None) -> Document:
    return make_document(text, Path(name), language or detect_language(text))


def _key(f: Finding) -> tuple[object, ...]:
    return (f.code, f.start, f.end, f.message, f.severity, f.fix, f.applied)


def _line_of(doc: Document, offset: int) -> int:
    return doc.index.position(offset)[0]


def test_the_catalog_marks_the_line_rules() -> None:
    codes = {r.code for r in PER_LINE}
    assert {"MOJ001", "UNI002", "WSP001", "PUN001", "REP002", "NAM002", "UNT001"} <= codes
    # rules that look past one line must not be marked
    assert not codes & {"BLP001", "PRF001", "PRF002", "REP003", "NAM003", "PUN003", "WSP003", "WSP004", "SPL001", "MTR001"}


@pytest.mark.parametrize(("name", "text"), TEXTS, ids=[n for n, _ in TEXTS])
def test_per_line_rules_find_the_same_on_any_lines(name: str, text: str) -> None:
    doc = _document(name, text)
    if not doc.lines or "\r" in text:
        pytest.skip("no lines, or lone carriage returns (never re-checked by line)")
    whole = collect(doc, PER_LINE, CTX)
    rng = random.Random(name)
    for _ in range(4):
        numbers = sorted(rng.sample(range(1, len(doc.lines) + 1), k=rng.randint(1, len(doc.lines))))
        chosen = set(numbers)
        expected = sorted(_key(f) for f in whole if _line_of(doc, f.start) in chosen)
        found = sorted(_key(f) for f in collect(doc, PER_LINE, CTX, make_patch(doc, numbers)))
        assert found == expected, f"lines {numbers}"


@pytest.mark.parametrize(("name", "text"), TEXTS, ids=[n for n, _ in TEXTS])
def test_incremental_fix_matches_a_full_recheck(name: str, text: str) -> None:
    _assert_same_outcome(name, text)


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_incremental_fix_matches_on_damaged_articles(data: st.DataObject) -> None:
    _, text = data.draw(damaged_articles(most=4))
    _assert_same_outcome(f"generated.{data.draw(st.sampled_from(('txt', 'md')))}", text)


def _assert_same_outcome(name: str, text: str) -> None:
    rules = select_rules(extend_select=["ALL"])  # the rules off by default too
    outcomes = []
    for incremental in (True, False):
        doc = _document(name, text)
        rebuild = lambda new, d=doc: _document(name, new, d.language)  # noqa: E731
        outcome = fix(doc, rules, CTX, incremental=incremental, make_document=rebuild)
        outcomes.append(
            (
                outcome.text,
                [_key(f) for f in outcome.findings],
                [(a.code, a.start, a.end, a.old, a.new, a.iteration) for a in outcome.applied],
                outcome.settled,
            )
        )
    assert outcomes[0] == outcomes[1]


def test_remap_forward_moves_offsets_outside_edits() -> None:
    layer = Remap([Edit(2, 4, "abcd"), Edit(10, 12, "")])
    assert layer.forward(0) == 0
    assert layer.forward(5) == 7  # after the first edit: two more characters
    assert layer.forward(13) == 13  # after both: +2 - 2
    assert layer.forward(3) is None  # inside an edit
    assert layer.forward(4) is None  # touching one
    assert layer.forward(10) is None


def test_touched_lines_include_the_line_whose_break_borders_an_edit() -> None:
    doc = Document("one\ntwo\nthree\n")
    assert touched_lines(doc, [(5, 6)]) == [2]
    assert touched_lines(doc, [(4, 4)]) == [1, 2]  # at the start of line 2
    assert touched_lines(doc, [(15, 15)]) == [3]  # at the very end


def test_a_patch_never_starts_a_later_line_at_offset_zero() -> None:
    doc = Document("one\n\ufefftwo\nthree")
    patch = make_patch(doc, [2, 3])
    assert patch.doc.text == "\n\ufefftwo\nthree"
    assert patch.place(1, 2) == (4, 5)  # the mark is reported where it is
    # a stray byte-order mark on a later line is still found through the patch
    rules = [r for r in PER_LINE if r.code == "UNI002"]
    assert [(f.start, f.end) for f in collect(doc, rules, CTX, patch)] == [(4, 5)]
