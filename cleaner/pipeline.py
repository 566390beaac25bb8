"""Run rules, apply the fixes that may be applied, repeat until settled.

The engine is pure: text in, text and findings out.  Every finding and every
applied fix is positioned in the *original* text, even when it was found in a
later pass over already-fixed text: each pass's edits are kept as a
``Remap`` layer and positions are mapped back through all of them.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Sequence

from msgspec import Struct, field
from msgspec.structs import replace

from cleaner.document import Document
from cleaner.finding import AppliedFix, Category, Edit, Finding, Fix, Safety
from cleaner.patch import OutsidePatch, Patch, block_ranges, make_patch, touched_lines
from cleaner.registry import Context, Rule

MAX_PASSES = 10

DocumentFactory = Callable[[str], Document]


class RuleError(RuntimeError):
    """A rule raised or produced an impossible hit: a bug in that rule."""


def run_rules(doc: Document, rules: Sequence[Rule], ctx: Context) -> list[Finding]:
    """All findings of ``rules`` on ``doc``, in text order, positions in ``doc.text``."""
    return in_order(collect(doc, rules, ctx))


def in_order(findings: list[Finding]) -> list[Finding]:
    """One pass's findings sorted by position, without those about text
    that a repair rewrites."""
    findings.sort(key=lambda f: (f.start, f.end, f.code))
    return drop_shadowed(findings)


# A text (or patch) longer than this is judged in blocks of about this many
# characters, cut at paragraph starts (``patch.block_ranges``): what a rule
# holds while it reads a text is then bounded by the block, not by the file.
# Rules about the file itself (final newline, encoding) still see it whole.
BLOCK_CHARS = 1 << 20

Place = Callable[[int, int], tuple[int, int]]


def collect(doc: Document, rules: Sequence[Rule], ctx: Context, patch: Patch | None = None) -> list[Finding]:
    """Findings of ``rules`` on ``doc``, unordered.  With ``patch``, the rules
    run on the patch's lines only and their hits are placed in ``doc``."""
    source = doc if patch is None else patch.doc
    outer = None if patch is None else _placing(patch, "is marked per_line but")
    if len(source.text) <= BLOCK_CHARS:
        return _collect(doc, source, rules, ctx, outer)
    findings = _collect(doc, source, [r for r in rules if r.scope == "file"], ctx, outer)
    in_blocks = [r for r in rules if r.scope != "file"]
    for first, last in block_ranges(source, BLOCK_CHARS):
        block = make_patch(source, list(range(first, last + 1)), break_before=True)
        inner = _placing(block, "reported a span outside its block:")
        place = inner if outer is None else (lambda a, b, inner=inner: outer(*inner(a, b)))
        findings.extend(_collect(doc, block.doc, in_blocks, ctx, place))
    return findings


def _placing(patch: Patch, blame: str) -> Place:
    def place(start: int, end: int) -> tuple[int, int]:
        try:
            return patch.place(start, end)
        except OutsidePatch as exc:
            raise _Misplaced(f"{blame} {exc}") from exc

    return place


class _Misplaced(ValueError):
    """A hit that a patch cannot place; the message says why."""


def _collect(doc: Document, source: Document, rules: Sequence[Rule], ctx: Context, place: Place | None) -> list[Finding]:
    """Findings of ``rules`` on ``source``, placed in ``doc`` by ``place``."""
    findings: list[Finding] = []
    n = len(source.text)
    for rule in rules:
        if not rule.applies_to(doc.language):
            continue
        try:
            hits = list(rule.check(source, ctx))
        except Exception as exc:  # a rule bug must name the rule
            raise RuleError(f"rule {rule.code} failed: {exc!r}") from exc
        for hit in hits:
            if not 0 <= hit.start <= hit.end <= n:
                raise RuleError(f"rule {rule.code} reported span {hit.start}..{hit.end} outside 0..{n}")
            start, end, fix = hit.start, hit.end, hit.fix
            if fix is not None:
                for e in fix.edits:
                    if e.end > n:
                        raise RuleError(f"rule {rule.code} edits {e.start}..{e.end} outside 0..{n}")
                if rule.fix_safety is None or fix.safety > rule.fix_safety:
                    # a hit may be less safe than its rule, never more
                    fix = Fix(fix.title, fix.edits, min(fix.safety, rule.fix_safety or Safety.DISPLAY), fix.recode)
            if place is not None:
                try:
                    start, end = place(start, end)
                    if fix is not None:
                        fix = moved(fix, place)
                except _Misplaced as exc:
                    raise RuleError(f"rule {rule.code} {exc}") from exc
            if rule.scope == "prose" and not doc.in_prose(start, end):
                continue
            if doc.suppressed and doc.is_suppressed(rule.code, start, end):
                continue
            findings.append(
                Finding(
                    code=rule.code,
                    category=rule.category,
                    start=start,
                    end=end,
                    message=hit.message,
                    severity=hit.severity if hit.severity is not None else rule.severity,
                    fix=fix,
                )
            )
    return findings


class Remap:
    """Maps offsets in the text after a set of edits back to the text before."""

    __slots__ = ("_new_starts", "_edits", "_shifts", "_old_ends", "_total")

    def __init__(self, edits: Sequence[Edit]) -> None:
        self._edits = sorted(edits, key=lambda e: (e.start, e.end))
        self._new_starts: list[int] = []
        self._shifts: list[int] = []  # cumulative (new - old) length before edit i
        shift = 0
        for e in self._edits:
            self._new_starts.append(e.start + shift)
            self._shifts.append(shift)
            shift += len(e.new) - (e.end - e.start)
        self._old_ends = [e.end for e in self._edits]  # non-decreasing: the edits are disjoint
        self._total = shift

    def forward(self, pos: int) -> int | None:
        """Offset after the edits of ``pos`` in the text before; None when
        an edit covers or touches it."""
        i = bisect.bisect_left(self._old_ends, pos)  # the edits before i end before pos
        if i < len(self._edits) and self._edits[i].start <= pos:
            return None
        return pos + (self._shifts[i] if i < len(self._shifts) else self._total)

    def spans_after(self) -> list[tuple[int, int]]:
        """Where each edit's new text lies in the text after the edits."""
        return [(a, a + len(e.new)) for a, e in zip(self._new_starts, self._edits, strict=True)]

    def back(self, pos: int, *, end: bool = False) -> int:
        """Original offset of ``pos``; inside replaced text, the replaced
        span's edge.  An end where text was deleted stays before the deleted
        text (a finding that ended before a space PUN001 removed does not
        take the space in); a start there goes after it."""
        if end:
            first = bisect.bisect_left(self._new_starts, pos)
            if first < len(self._edits) and self._new_starts[first] == pos:
                return self._edits[first].start
        i = bisect.bisect_right(self._new_starts, pos) - 1
        if i < 0:
            return pos
        e = self._edits[i]
        new_start = self._new_starts[i]
        if pos < new_start + len(e.new):
            return e.end if end and pos > new_start else e.start
        return pos - self._shifts[i] - len(e.new) + (e.end - e.start)


def _map_back(layers: list[Remap], start: int, end: int) -> tuple[int, int]:
    for layer in reversed(layers):
        start = layer.back(start)
        end = max(start, layer.back(end, end=True))
    return start, end


# Encoding damage is repaired before anything else looks at the bytes it
# garbled: a soft hyphen inside `ط­` is half of a mojibake letter, not an
# invisible character to delete.
REPAIR_FIRST = (Category.ENCODING, Category.MOJIBAKE)


def _priority(f: Finding) -> int:
    return 0 if f.category in REPAIR_FIRST else 1


def drop_shadowed(findings: list[Finding]) -> list[Finding]:
    """Findings inside text that an encoding or mojibake fix will rewrite are
    about garbage, not about the text: they are dropped (a later pass sees
    the repaired text and reports what is really there)."""
    repairs = [
        (f.fix.start, f.fix.end)
        for f in findings
        if _priority(f) == 0 and f.fix is not None and f.fix.edits and f.fix.safety > Safety.DISPLAY and f.fix.end > f.fix.start
    ]
    if not repairs:
        return findings
    repairs.sort()
    starts = [a for a, _ in repairs]
    reach = []  # furthest end among the repairs starting at or before each one
    for _, b in repairs:
        reach.append(max(b, reach[-1]) if reach else b)

    def shadowed(f: Finding) -> bool:  # some repair starts at or before f and ends at or after it
        i = bisect.bisect_right(starts, f.start) - 1
        return i >= 0 and f.end <= reach[i]

    return [f for f in findings if _priority(f) == 0 or not shadowed(f)]


def applies(safety: Safety, threshold: Safety) -> bool:
    """Whether a fix of ``safety`` is applied at ``threshold``: a display
    fix never is, whatever the threshold."""
    return safety >= threshold and safety > Safety.DISPLAY


def choose_fixes(findings: Iterable[Finding], threshold: Safety) -> list[Finding]:
    """Fixes to apply in one pass: at or above ``threshold``, none overlapping.

    A fix's edits stand or fall together.  Edits that merely touch may go
    together (deleting two adjacent lines in one pass keeps context-dependent
    rules stable); two insertions at the same place may not, since their
    order would be arbitrary.  Encoding and mojibake repairs are chosen
    first.
    """
    candidates = [f for f in findings if f.fix is not None and applies(f.fix.safety, threshold)]
    candidates.sort(key=lambda f: (_priority(f), f.fix.start, -int(f.fix.safety), f.code))  # type: ignore[union-attr]
    taken: list[tuple[int, int]] = []  # sorted, never overlapping
    chosen: list[Finding] = []
    seen_edits: set[tuple[Edit, ...]] = set()
    for f in candidates:
        assert f.fix is not None
        edits = tuple(sorted(f.fix.edits, key=lambda e: (e.start, e.end)))
        if edits and edits in seen_edits:
            continue  # two rules proposing the very same change
        if any(_overlaps(e, taken) for e in edits):
            continue
        chosen.append(f)
        seen_edits.add(edits)
        for e in edits:
            bisect.insort(taken, (e.start, e.end))
    return chosen


def _overlaps(edit: Edit, taken: list[tuple[int, int]]) -> bool:
    """Whether ``edit`` overlaps a taken span (or is a second insertion at
    the same place).  ``taken`` is sorted and its spans are disjoint, so only
    the spans from the last one starting before the edit need looking at:
    disjoint spans sorted by start are sorted by end too, so nothing further
    back reaches over the edit."""
    i = bisect.bisect_left(taken, (edit.start, -1))
    for k in range(max(0, i - 1), len(taken)):
        a, b = taken[k]
        if a >= edit.end and not (a == b == edit.start == edit.end):
            break
        if (edit.start < b and a < edit.end) or (edit.start == edit.end == a == b):
            return True
    return False


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """Apply non-overlapping edits in one pass over the text.

    Empty pieces are left out: when what remains is one piece (an edit that
    trims an end of the text), it is the result as it is, not a copy of it
    joined into another, which doubled the peak of a large file's run."""
    out: list[str] = []
    pos = 0
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        if e.start < pos:
            raise ValueError(f"overlapping edits at {e.start}")
        if e.start > pos:
            out.append(text[pos : e.start])
        if e.new:
            out.append(e.new)
        pos = e.end
    if pos < len(text):
        out.append(text[pos:])
    return "".join(out)


class Outcome(Struct):
    """The result of checking or fixing one text."""

    original: str
    text: str
    findings: list[Finding]
    applied: list[AppliedFix] = field(default_factory=list)
    recode: str | None = None
    settled: bool = True
    unsettled_codes: tuple[str, ...] = ()

    @property
    def changed(self) -> bool:
        return self.text != self.original or self.recode is not None

    @property
    def pending(self) -> list[Finding]:
        """Findings with a fix that ``fix`` would apply but has not."""
        return [f for f in self.findings if f.fix is not None and f.fix.safety >= Safety.UNSAFE and not f.applied]


def check(doc: Document, rules: Sequence[Rule], ctx: Context) -> Outcome:
    """Findings on the text as it is; nothing applied."""
    return Outcome(original=doc.text, text=doc.text, findings=run_rules(doc, rules, ctx))


# The text-level repairs: what they change is what every other rule reads
# (a zero-width space splits a repeated sentence in two, mojibake hides a
# profanity), so a fix runs them to a fixed point before the content rules
# look at the text.
REPAIR_STAGE = frozenset({Category.ENCODING, Category.MOJIBAKE, Category.UNICODE, Category.WHITESPACE, Category.PUNCTUATION})


class _Stage(Struct):
    """Rules that run together in a fix, with what they found last."""

    per_line: list[Rule]
    whole: list[Rule]
    seen: int = -1  # how many edit layers the text had when the stage last ran
    line_findings: list[Finding] = field(default_factory=list)

    def run(self, doc: Document, ctx: Context, layers: list[Remap], repairs: list[Finding]) -> list[Finding]:
        """The stage's findings on ``doc``, but for those inside text that one
        of ``repairs`` (found on ``doc`` by an earlier stage, not applied)
        would rewrite.  ``per_line`` rules see only the lines the last layer
        of edits changed when the stage read the text right before it, their
        other findings carried over."""
        if self.per_line and self.seen == len(layers) - 1 >= 0 and "\r" not in doc.text:
            self.line_findings = _recheck_lines(doc, self.per_line, ctx, layers[-1], self.line_findings)
        else:
            self.line_findings = collect(doc, self.per_line, ctx)
        self.seen = len(layers)
        findings = collect(doc, self.whole, ctx) + self.line_findings
        if not repairs:
            return in_order(findings)
        ours = {id(f) for f in findings}
        return [f for f in in_order(findings + repairs) if id(f) in ours]


def _stages(rules: Sequence[Rule], threshold: Safety, incremental: bool) -> list[_Stage]:
    """The repairs, then every other rule.  A rule of a repair category
    whose fixes are not applied at ``threshold`` (MOJ003 without
    ``--unsafe-fixes``, PUN003) repairs nothing: it reports on the repaired
    text with the content rules, once, instead of on each pass of the
    repairs (MOJ003 reported an `â` that MOJ001 then repaired)."""

    def repairs(rule: Rule) -> bool:
        return rule.category in REPAIR_STAGE and rule.fix_safety is not None and applies(rule.fix_safety, threshold)

    stages = []
    for group in ([r for r in rules if repairs(r)], [r for r in rules if not repairs(r)]):
        if group:
            stages.append(_Stage([r for r in group if incremental and r.per_line], [r for r in group if not (incremental and r.per_line)]))
    return stages


def fix(
    doc: Document,
    rules: Sequence[Rule],
    ctx: Context,
    *,
    threshold: Safety = Safety.SAFE,
    make_document: DocumentFactory | None = None,
    keep: Callable[[Finding, str], bool] | None = None,
    max_passes: int = MAX_PASSES,
    incremental: bool = True,
) -> Outcome:
    """Apply fixes at or above ``threshold`` until no rule has one left.

    ``make_document`` rebuilds the document for a new text (markup readers
    recompute prose ranges); ``keep`` filters findings, e.g. by a baseline,
    before any fix is chosen.  A text that has not settled after
    ``max_passes`` is returned as far as it got, with the codes still firing:
    that is a bug in those rules, and the caller reports it.

    The rules run in two stages: the repairs (``REPAIR_STAGE``) until they
    have nothing left to fix, then the others on the repaired text; their
    fixes send the text back to the repairs, and the text has settled when
    a pass of each stage finds nothing to fix.  The content rules thus read
    the text once where only repairs were needed, which is most damaged
    files (they read it twice when every rule ran in every pass), and they
    never judge damage that a repair removes.

    A stage's ``per_line`` rules see only the lines the last pass changed
    when the stage read the text before it (``incremental``; the outcome is
    the same either way, which the tests check).
    """
    original = doc.text
    rebuild = make_document or (lambda t: _same_document(doc, t))
    layers: list[Remap] = []
    reported: dict[tuple[str, int, int, str], Finding] = {}
    applied: list[AppliedFix] = []
    recode: str | None = None
    current = doc
    settled = True
    last_codes: tuple[str, ...] = ()
    stages = _stages(rules, threshold, incremental)

    def record(findings: list[Finding], chosen_ids: set[int]) -> None:
        for f in findings:
            start, end = _map_back(layers, f.start, f.end)
            key = (f.code, start, end, f.message)
            is_applied = id(f) in chosen_ids
            if key in reported and not is_applied:
                continue
            fix_obj = f.fix
            if layers and fix_obj is not None:
                fix_obj = moved(fix_obj, lambda a, b: _map_back(layers, a, b))  # described in original positions
            reported[key] = Finding(f.code, f.category, start, end, f.message, f.severity, fix_obj, is_applied)

    def kept(findings: list[Finding]) -> list[Finding]:
        return findings if keep is None else [f for f in findings if keep(f, current.text)]

    k = 0
    repairs: list[Finding] = []  # the repairs an earlier stage found on the current text and did not apply
    while k < len(stages):
        findings = kept(stages[k].run(current, ctx, layers, repairs if k else []))
        chosen = choose_fixes(findings, threshold)
        record(findings, {id(f) for f in chosen})
        if not chosen:
            repairs += [f for f in findings if _priority(f) == 0 and f.fix is not None]
            k += 1
            continue
        if len(layers) == max_passes:
            settled = False
            last_codes = tuple(sorted({f.code for f in chosen}))
            break
        edits: list[Edit] = []
        for f in chosen:
            assert f.fix is not None
            edits.extend(f.fix.edits)
            if f.fix.recode:
                recode = f.fix.recode
            a, b = f.fix.start, f.fix.end
            old = current.text[a:b]
            new = f.replacement(current.text) or ""
            start, end = _map_back(layers, a, b)
            applied.append(AppliedFix(f.code, f.fix.title, start, end, old, new, len(layers), f.fix.edits))
        text = apply_edits(current.text, edits)
        layers.append(Remap(edits))
        current = rebuild(text)
        if recode is not None:
            current = replace(current, source_encoding=recode, encoding_confidence=1.0)
        k = 0
        repairs = []
    findings_out = sorted(reported.values(), key=lambda f: (f.start, f.end, f.code))
    return Outcome(original, current.text, findings_out, applied, recode, settled, last_codes)


def _recheck_lines(doc: Document, rules: Sequence[Rule], ctx: Context, layer: Remap, before: list[Finding]) -> list[Finding]:
    """The findings of per-line ``rules`` on ``doc``: found afresh on the
    lines that ``layer``'s edits reach, carried over from ``before`` (the
    previous text's) on every other line, where only the offset moved."""
    changed = touched_lines(doc, layer.spans_after())
    fresh = collect(doc, rules, ctx, make_patch(doc, changed)) if changed else []
    changed_set = set(changed)
    carried = []
    for f in before:
        start, end = layer.forward(f.start), layer.forward(f.end)
        if start is None or end is None or end - start != f.end - f.start or doc.index.position(start)[0] in changed_set:
            continue  # on a changed line: found afresh above, if it is still there
        carried.append(_shifted(f, start - f.start))
    return fresh + carried


def _shifted(f: Finding, delta: int) -> Finding:
    if not delta:
        return f
    fix = None if f.fix is None else moved(f.fix, lambda a, b: (a + delta, b + delta))
    return replace(f, start=f.start + delta, end=f.end + delta, fix=fix)


def moved(fix: Fix, place: Callable[[int, int], tuple[int, int]]) -> Fix:
    """``fix`` with each edit's span put where ``place`` maps it: from a
    patch into its document, from a later text back to the original, or
    along by a shift."""
    return replace(fix, edits=tuple(Edit(*place(e.start, e.end), e.new) for e in fix.edits))


def _same_document(doc: Document, text: str) -> Document:
    return Document(
        text=text,
        language=doc.language,
        path=doc.path,
        source_encoding=doc.source_encoding,
        encoding_confidence=doc.encoding_confidence,
        prose=None if doc.prose is None else ((0, len(text)),),
        markdown=doc.markdown,
    )
