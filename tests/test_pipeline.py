"""The engine: edits, position mapping, fix composition, the accounting."""

from __future__ import annotations

from collections.abc import Iterator

from hypothesis import given
from hypothesis import strategies as st

from cleaner.document import Document
from cleaner.finding import Category, Edit, Fix, Hit, Safety, Severity
from cleaner.pipeline import Remap, apply_edits, check, fix
from cleaner.registry import Context, Rule


def _rule(code: str, fn, safety: Safety | None = Safety.SAFE, category: Category = Category.WHITESPACE) -> Rule:  # type: ignore[no-untyped-def]
    return Rule(code, code.lower(), category, fn, Severity.WARNING, safety)


def drop_x(doc: Document, ctx: Context) -> Iterator[Hit]:
    for i, c in enumerate(doc.text):
        if c == "x":
            yield Hit(i, i + 1, "x", Fix("drop x", (Edit(i, i + 1),), Safety.SAFE))


def yy_to_y(doc: Document, ctx: Context) -> Iterator[Hit]:
    i = doc.text.find("yy")
    if i >= 0:
        yield Hit(i, i + 2, "yy", Fix("collapse yy", (Edit(i, i + 2, "y"),), Safety.SAFE))


def report_z(doc: Document, ctx: Context) -> Iterator[Hit]:
    for i, c in enumerate(doc.text):
        if c == "z":
            yield Hit(i, i + 1, "z")


RULES = (_rule("TST001", drop_x), _rule("TST002", yy_to_y), _rule("TST003", report_z, None))


def test_apply_edits_in_one_pass() -> None:
    assert apply_edits("abcdef", [Edit(4, 5, "E"), Edit(0, 1, ""), Edit(2, 2, "+")]) == "b+cdEf"


def test_remap_maps_positions_back() -> None:
    remap = Remap([Edit(1, 3, ""), Edit(5, 5, "XYZ")])  # "abcdefg" -> "adeXYZfg"
    assert remap.back(0) == 0
    assert remap.back(1) == 3  # 'd'
    assert remap.back(3) == 5  # inside the insertion -> its place
    assert remap.back(6) == 5  # 'f'
    assert remap.back(7) == 6


def test_remap_keeps_an_end_before_deleted_text() -> None:
    remap = Remap([Edit(1, 3, "")])  # "abcdefg" -> "adefg"
    assert remap.back(1) == 3  # a start at the deletion goes after it
    assert remap.back(1, end=True) == 1  # an end stays before it: "a" does not take "bc" in
    two = Remap([Edit(1, 2, ""), Edit(2, 3, "")])  # two deletions side by side
    assert two.back(1, end=True) == 1 and two.back(1) == 3


def _seen_by(texts: list[str], code: str = "TST010", fn=None) -> Rule:  # type: ignore[no-untyped-def]
    """A content rule (repetition) that records each text it reads."""

    def look(doc: Document, ctx: Context) -> Iterator[Hit]:
        texts.append(doc.text)
        yield from fn(doc, ctx) if fn else ()

    return _rule(code, look, Safety.SAFE if fn else None, Category.REPETITION)


def test_content_rules_read_the_repaired_text_once() -> None:
    seen: list[str] = []
    out = fix(Document("axbxc"), (_rule("TST001", drop_x), _seen_by(seen)), Context())
    assert out.text == "abc"
    assert seen == ["abc"]  # not the damaged text, and not twice


def test_repair_rules_that_cannot_fix_report_on_the_repaired_text() -> None:
    seen: list[str] = []

    def look(doc: Document, ctx: Context) -> Iterator[Hit]:
        seen.append(doc.text)
        return iter(())

    rules = (_rule("TST001", drop_x), _rule("TST012", look, Safety.UNSAFE, Category.MOJIBAKE))
    fix(Document("axa"), rules, Context())
    assert seen == ["aa"]  # its fixes are not applied: it reports once, after the repairs
    seen.clear()
    fix(Document("axa"), rules, Context(), threshold=Safety.UNSAFE)
    assert seen == ["axa", "aa"]  # its fixes may be applied: a repair, on every pass of the repairs


def test_a_content_fix_sends_the_text_back_to_the_repairs() -> None:
    def drop_q(doc: Document, ctx: Context) -> Iterator[Hit]:
        i = doc.text.find("q")
        if i >= 0:
            yield Hit(i, i + 1, "q", Fix("drop q", (Edit(i, i + 1),), Safety.SAFE))

    seen: list[str] = []
    out = fix(Document("ayqyb"), (_rule("TST002", yy_to_y), _seen_by(seen, fn=drop_q)), Context())
    assert out.text == "ayb"  # the content fix joined "yy", which the repair then collapsed
    assert seen == ["ayqyb", "ayb"] and out.settled
    assert [a.code for a in out.applied] == ["TST010", "TST002"]


def test_findings_inside_a_pending_repair_are_dropped_in_later_stages() -> None:
    def unsafe_repair(doc: Document, ctx: Context) -> Iterator[Hit]:
        for i, c in enumerate(doc.text):
            if c == "Ã":
                yield Hit(i, i + 1, "mojibake", Fix("repair", (Edit(i, i + 1, "é"),), Safety.UNSAFE))

    def report_latin(doc: Document, ctx: Context) -> Iterator[Hit]:
        for i, c in enumerate(doc.text):
            if c in "Ãb":
                yield Hit(i, i + 1, "latin")

    rules = (_rule("TST011", unsafe_repair, Safety.UNSAFE, Category.MOJIBAKE), _seen_by([], fn=report_latin))
    out = fix(Document("aÃb"), rules, Context())  # the repair is not applied at SAFE
    assert [(f.code, f.start) for f in out.findings] == [("TST011", 1), ("TST010", 2)]


def test_fixes_compose_until_settled_and_positions_are_original() -> None:
    text = "axyxyxz\nyyyy z"
    out = fix(Document(text), RULES, Context())
    assert out.text == "ayz\ny z"
    assert out.settled
    z_positions = [f.start for f in out.findings if f.code == "TST003"]
    assert z_positions == [text.index("z"), text.rindex("z")]
    for f in out.findings:
        assert 0 <= f.start <= f.end <= len(text)


def test_check_applies_nothing() -> None:
    out = check(Document("xx"), RULES, Context())
    assert out.text == "xx" and not out.changed
    assert [f.code for f in out.findings] == ["TST001", "TST001"]


def test_unsafe_fix_needs_threshold() -> None:
    def unsafe(doc: Document, ctx: Context) -> Iterator[Hit]:
        if "q" in doc.text:
            i = doc.text.index("q")
            yield Hit(i, i + 1, "q", Fix("drop q", (Edit(i, i + 1),), Safety.UNSAFE))

    rules = (_rule("TST004", unsafe, Safety.UNSAFE),)
    assert fix(Document("aqa"), rules, Context()).text == "aqa"
    assert fix(Document("aqa"), rules, Context(), threshold=Safety.UNSAFE).text == "aa"


def test_hit_cannot_be_safer_than_its_rule() -> None:
    rules = (_rule("TST005", drop_x, Safety.UNSAFE),)
    out = fix(Document("axa"), rules, Context())
    assert out.text == "axa"  # the SAFE hit was demoted to the rule's UNSAFE


def test_unsettled_rules_are_named() -> None:
    def grow(doc: Document, ctx: Context) -> Iterator[Hit]:
        yield Hit(0, 0, "grow", Fix("grow", (Edit(0, 0, "a"),), Safety.SAFE))

    out = fix(Document(""), (_rule("TST006", grow),), Context(), max_passes=3)
    assert not out.settled and out.unsettled_codes == ("TST006",)


def replay(original: str, applied) -> str:  # type: ignore[no-untyped-def]
    """Rebuild the output from the change list alone, pass by pass."""
    text = original
    by_pass: dict[int, list[Edit]] = {}
    for a in applied:
        by_pass.setdefault(a.iteration, []).extend(a.edits)
    for i in sorted(by_pass):
        text = apply_edits(text, by_pass[i])
    return text


@given(st.text(alphabet="xyz ab\n", max_size=60))
def test_change_list_accounts_for_every_character(text: str) -> None:
    out = fix(Document(text), RULES, Context())
    assert replay(text, out.applied) == out.text


@given(st.text(alphabet="xyz ab\n", max_size=60))
def test_fix_is_idempotent(text: str) -> None:
    once = fix(Document(text), RULES, Context()).text
    assert fix(Document(once), RULES, Context()).text == once
