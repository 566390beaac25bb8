"""Large texts: lines kept packed, and rules run on blocks of paragraphs.

A text longer than ``pipeline.BLOCK_CHARS`` is judged in blocks so that
what a rule holds while reading is bounded by the block, not by the file.
The promises checked here: packed lines read exactly like the tuple they
replace; blocks cover every line once, in order, cut at paragraph starts and
never between a paragraph and its copy; rules that judge one line at a time
find the same in blocks as on the whole text; and a block that does not hold
the file's first (last) line has no page head (tail).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CORPUS
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import io, pipeline
from cleaner.document import Document, Line, PackedLines, detect_language, iter_lines
from cleaner.finding import Finding
from cleaner.patch import block_ranges
from cleaner.pipeline import collect, fix
from cleaner.registry import Context, catalog

CTX = Context()
PER_LINE = tuple(r for r in catalog() if r.per_line)
FILE_SCOPE = tuple(r for r in catalog() if r.scope == "file")
# whole-document rules that must judge a block as they judge the whole text
# when blocks are cut at paragraph starts: blank-line runs end a block whole
BLOCK_EXACT = PER_LINE + FILE_SCOPE + tuple(r for r in catalog() if r.code == "WSP003")

line_texts = st.lists(st.text(alphabet="ab \t\u00a0", max_size=6), max_size=12)
breaks = st.sampled_from(["\n", "\r\n", "\r"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.text(alphabet="ab \u0645", max_size=5), st.just("\n")), max_size=10), st.booleans())
def test_lines_split_in_c_are_the_lines_matched_one_by_one(parts: list[tuple[str, str]], open_end: bool) -> None:
    from cleaner.document import _lines_by_match

    text = "".join(a + b for a, b in parts) + ("tail" if open_end else "")
    assert tuple(iter_lines(text)) == tuple(_lines_by_match(text))
    assert all(type(line) is Line for line in iter_lines(text))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.text(alphabet="ab \u0645", max_size=5), breaks), max_size=10), st.booleans())
def test_packed_lines_read_like_the_tuple(parts: list[tuple[str, str]], open_end: bool) -> None:
    text = "".join(a + b for a, b in parts) + ("tail" if open_end else "")
    packed, tupled = PackedLines(text), tuple(iter_lines(text))
    assert len(packed) == len(tupled)
    assert tuple(packed) == tupled
    assert [packed[i] for i in range(-len(tupled), len(tupled))] == [tupled[i] for i in range(-len(tupled), len(tupled))]
    assert packed[1:] == tupled[1:] and packed[::-2] == tupled[::-2]
    with pytest.raises(IndexError):
        packed[len(tupled)]


def test_a_large_text_keeps_its_lines_packed_and_indexes_them() -> None:
    text = "Một dòng tiếng Việt.\r\n\n" * (pipeline.BLOCK_CHARS // 20)
    doc = Document(text, language="vi")
    assert isinstance(doc.lines, PackedLines)
    small = Document(text[:1000], language="vi")
    assert isinstance(small.lines, tuple)
    # line and column of an offset agree with the small document's
    for offset in (0, 5, 21, 22, 23, 999):
        assert doc.index.position(offset) == small.index.position(offset)


def _article(n: int) -> str:
    return f"Paragraph {n} says something about the harbour, the town council and the new market by the river.\n\n"


def test_blocks_cover_every_line_once_and_cut_at_paragraph_starts() -> None:
    text = "Title\n\n" + "".join(_article(n) for n in range(300)) + "Last line\n"
    doc = Document(text, language="en")
    ranges = list(block_ranges(doc, 2000))
    assert ranges[0][0] == 1 and ranges[-1][1] == len(doc.lines)
    assert all(a <= b for a, b in ranges)
    assert all(b + 1 == c for (_, b), (c, _) in zip(ranges, ranges[1:], strict=False))
    sizes = []
    for first, last in ranges:
        start, end = doc.lines[first - 1].start, doc.lines[last - 1].next
        sizes.append(end - start)
        assert end - start <= 2000
        if first > 1:  # a paragraph start right after a blank line
            assert doc.line_text(doc.lines[first - 1]).strip()
            assert not doc.line_text(doc.lines[first - 2]).strip()
    assert min(sizes) > 2000 // 2  # the blocks share the text out, no sliver at the end


def test_no_cut_between_a_paragraph_and_its_copy() -> None:
    para = "The council met on Monday to discuss the harbour, and nothing was decided.\n\n"
    text = "".join(_article(n) for n in range(20)) + para * 6 + "".join(_article(n) for n in range(20, 40))
    doc = Document(text, language="en")
    for first, _last in block_ranges(doc, 1500):
        if first > 1:
            before = next(doc.line_text(doc.lines[k - 1]) for k in range(first - 1, 0, -1) if doc.line_text(doc.lines[k - 1]).strip())
            assert before != doc.line_text(doc.lines[first - 1])


def test_a_line_longer_than_a_block_is_a_block_of_its_own() -> None:
    text = "short\n" + "x" * 5000 + "\nshort again\n"
    doc = Document(text, language="en")
    ranges = list(block_ranges(doc, 1000))
    assert (2, 2) in ranges
    assert [n for a, b in ranges for n in range(a, b + 1)] == list(range(1, len(doc.lines) + 1))


def _key(f: Finding) -> tuple[object, ...]:
    return (f.code, f.start, f.end, f.message, f.severity, f.fix)


def _big_text() -> tuple[str, str]:
    """The corpus articles laid end to end: real defects of
    every per-line kind, in a text many blocks long."""
    texts = [io.read(p).text for p in sorted((CORPUS / "articles").rglob("*.txt"))]
    # runs of blank lines between the articles, where blocks are cut
    text = "\n\n\n\n".join(t if t.endswith("\n") else t + "\n" for t in texts)
    return text, detect_language(text)


def test_line_rules_and_blank_runs_are_found_the_same_in_blocks_as_on_the_whole_text(monkeypatch: pytest.MonkeyPatch) -> None:
    text, language = _big_text()
    doc = Document(text, language=language)
    whole = sorted(map(_key, collect(doc, BLOCK_EXACT, CTX)))
    monkeypatch.setattr(pipeline, "BLOCK_CHARS", 1000)
    assert len(list(block_ranges(doc, 1000))) > 5
    in_blocks = sorted(map(_key, collect(Document(text, language=language), BLOCK_EXACT, CTX)))
    assert whole and in_blocks == whole


def test_a_fix_in_blocks_keeps_the_line_fixes_of_a_whole_text_fix(monkeypatch: pytest.MonkeyPatch) -> None:
    text, language = _big_text()
    rules = BLOCK_EXACT
    whole = fix(Document(text, language=language), rules, CTX)
    monkeypatch.setattr(pipeline, "BLOCK_CHARS", 1000)
    in_blocks = fix(Document(text, language=language), rules, CTX)
    assert whole.applied and in_blocks.text == whole.text
    assert sorted(map(_key, in_blocks.findings)) == sorted(map(_key, whole.findings))


def test_only_the_files_own_head_and_tail_are_page_furniture(monkeypatch: pytest.MonkeyPatch) -> None:
    """A breadcrumb and a vandal's line at the top of an inner block are
    not the page's head: judged in blocks, they are what they are on the
    whole text (not safe to remove), while the real head's are."""
    body = "".join(_article(n) for n in range(60))
    top = "Home > News > World\n\nfuck you\n"  # a vandal's line above the first paragraph
    text = top + body + top + body + "Back to top\n"
    rules = tuple(r for r in catalog() if r.code in ("BLP001", "PRF002"))
    doc = Document(text, language="en")
    whole = collect(doc, rules, CTX)
    inner = text.index(top, len(top))
    monkeypatch.setattr(pipeline, "BLOCK_CHARS", inner + 40)
    ranges = list(block_ranges(doc, inner + 40))
    assert doc.lines[ranges[1][0] - 1].start == inner  # the second block starts with the copied head
    in_blocks = collect(Document(text, language="en"), rules, CTX)

    def safe(found: list[Finding]) -> set[tuple[str, int]]:
        return {(f.code, f.start) for f in found if f.fix is not None and f.fix.safety.name == "SAFE"}

    assert safe(in_blocks) == safe(whole)
    assert ("BLP001", 0) in safe(whole)
    assert ("BLP001", inner) not in safe(whole)
    assert ("PRF002", text.index("fuck")) in safe(whole) and ("PRF002", text.index("fuck", inner)) not in safe(whole)
    assert ("BLP001", text.rindex("Back to top")) in safe(in_blocks)
    # the inner block taken for a page of its own would lose its breadcrumb
    assert {("BLP001", 0), ("PRF002", text.index("fuck", inner) - inner)} <= safe(
        collect(Document(text[inner:], language="en"), rules, CTX)
    )


def test_the_command_fixes_a_file_longer_than_a_block(tmp_path: Path) -> None:
    """Through the real engine limit: a file of several blocks keeps every
    line but the ones a line rule fixed."""
    line = "Dòng này có khoảng trắng ở cuối.   \n"
    text = line * (pipeline.BLOCK_CHARS // len(line) * 2 + 7)
    doc = Document(text, language="vi")
    assert len(list(block_ranges(doc, pipeline.BLOCK_CHARS))) >= 2
    out = fix(doc, tuple(r for r in catalog() if r.code == "WSP001"), CTX)
    assert out.text == text.replace("   \n", "\n")
    assert len(out.applied) == text.count("\n")


PIECES = st.sampled_from(
    [
        "\n",
        "\n\n",
        "\n\n\n\n",
        "\r\n",
        "  ",
        "word ",
        "Word. ",
        "the the ",
        "fuck ",
        "Home > News\n",
        "“quote ",
        "\u200b",
        "# Head\n",
        "- item\n",
    ]
    + ["ظ…ط±ط­ط¨ط§ ", "Back to top\n", "\u00a0\n", "في في ", "Hà Nội "]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(PIECES, max_size=60), st.sampled_from(["en", "ar", "vi"]), st.sampled_from([0, 1, 2]), st.sampled_from([30, 80]))
def test_every_rule_places_its_hits_inside_its_block(parts: list[str], language: str, blank_lines: int, size: int) -> None:
    """Blocks cut anywhere (in tiny texts no paragraph start may be near):
    no rule reports a span outside its block or in the empty line that
    stands before it, which the engine would raise as a rule bug."""
    text = "".join(parts)
    ctx = Context(options={"whitespace": {"max-blank-lines": blank_lines}})
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pipeline, "BLOCK_CHARS", size)
        outcome = fix(Document(text, language=language), tuple(catalog()), ctx)
        collect(Document(outcome.text, language=language), tuple(catalog()), ctx)
