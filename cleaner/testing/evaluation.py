"""Precision and recall of the translation-QA rules against annotations.

An annotation file lists what a careful reader marks in one article, one
entry per (line, category).  A finding counts as a hit when a rule of that
category reports something on that line; every other finding of those
categories is a false alarm, and every annotation nothing hit is a miss.
Scoring by (line, category) rather than by exact span keeps annotations
cheap to write and stable when a rule's span changes by a character, while
still catching a finding on the wrong line or in the wrong category.

Content repos can annotate their own articles the same way and run
``evaluate`` on them.
"""

from __future__ import annotations

import tomllib
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from msgspec import Struct, field

from cleaner.report.common import locate
from cleaner.runner import Options, process_file

MT_CATEGORIES = ("repetition", "names", "mistranslation", "punctuation", "spelling", "untranslated")


class Mark(Struct, frozen=True):
    """One (line, category) pair, with where it came from."""

    path: str
    line: int
    category: str
    note: str = ""


class Score(Struct):
    """Counts for one category."""

    hits: int = 0
    misses: list[Mark] = field(default_factory=list)
    false_alarms: list[Mark] = field(default_factory=list)

    @property
    def precision(self) -> float:
        found = self.hits + len(self.false_alarms)
        return self.hits / found if found else 1.0

    @property
    def recall(self) -> float:
        expected = self.hits + len(self.misses)
        return self.hits / expected if expected else 1.0


def read_annotations(path: Path, article: str) -> list[Mark]:
    """The marks of one annotation file; an unknown category is an error, so a
    typo cannot silently drop an expectation."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    marks = []
    for entry in data.get("artifacts", []):
        category = entry["category"]
        if category not in MT_CATEGORIES:
            raise ValueError(f"{path}: unknown category {category!r}")
        marks.append(Mark(article, int(entry["line"]), category, entry.get("note", "")))
    return marks


def found_marks(path: Path, name: str, options: Options | None = None) -> list[Mark]:
    """(line, category) pairs the rules report in one file, lines on disk."""
    result = process_file(path, name, options or Options(), mode="check")
    if result.error is not None:
        raise RuntimeError(f"{name}: {result.error}")
    marks = {(loc.line, str(loc.finding.category)) for loc in locate(result) if str(loc.finding.category) in MT_CATEGORIES}
    return [Mark(name, line, category, "") for line, category in sorted(marks)]


def evaluate(pairs: Iterable[tuple[Path, str, list[Mark]]], options: Options | None = None) -> dict[str, Score]:
    """Score each category over (file, display name, expected marks) triples.
    A file with no expected marks is a control: anything found is a false
    alarm."""
    scores = {c: Score() for c in MT_CATEGORIES}
    for path, name, expected in pairs:
        found = found_marks(path, name, options)
        want = {(m.line, m.category): m for m in expected}
        got = {(m.line, m.category): m for m in found}
        for key, mark in want.items():
            if key in got:
                scores[mark.category].hits += 1
            else:
                scores[mark.category].misses.append(mark)
        for key, mark in got.items():
            if key not in want:
                scores[mark.category].false_alarms.append(mark)
    return scores


def corpus_pairs(corpus: Path, seeds: Path | None = None) -> list[tuple[Path, str, list[Mark]]]:
    """Every article of ``corpus/articles`` (annotated in
    ``corpus/annotations/<lang>/<name>.toml``, or a control when not), and
    every seed when the seeds folder is present (``annotations/seeds``)."""
    pairs = []
    articles = corpus / "articles"
    for path in sorted(p for p in articles.rglob("*") if p.is_file()):
        rel = path.relative_to(articles)
        note = (corpus / "annotations" / rel).with_suffix(".toml")
        expected = read_annotations(note, str(rel)) if note.is_file() else []
        pairs.append((path, str(rel), expected))
    if seeds is not None and seeds.is_dir():
        for path in sorted(seeds.glob("*.txt")):
            note = corpus / "annotations" / "seeds" / f"{path.stem}.toml"
            name = f"seeds/{path.name}"
            expected = read_annotations(note, name) if note.is_file() else []
            pairs.append((path, name, expected))
    return pairs


def format_scores(scores: dict[str, Score], title: str) -> str:
    """A plain-text table, then each miss and false alarm on its own line."""
    rows = [title, f"{'category':<15} {'expected':>8} {'found':>6} {'hits':>5} {'precision':>9} {'recall':>7}"]
    total = Counter[str]()
    for category, s in scores.items():
        expected, found = s.hits + len(s.misses), s.hits + len(s.false_alarms)
        total.update({"hits": s.hits, "expected": expected, "found": found})
        rows.append(f"{category:<15} {expected:>8} {found:>6} {s.hits:>5} {s.precision:>9.2f} {s.recall:>7.2f}")
    p = total["hits"] / total["found"] if total["found"] else 1.0
    r = total["hits"] / total["expected"] if total["expected"] else 1.0
    rows.append(f"{'all':<15} {total['expected']:>8} {total['found']:>6} {total['hits']:>5} {p:>9.2f} {r:>7.2f}")
    for s in scores.values():
        rows.extend(f"  missed       {m.path}:{m.line} {m.category}: {m.note}" for m in s.misses)
        rows.extend(f"  false alarm  {m.path}:{m.line} {m.category}" for m in s.false_alarms)
    return "\n".join(rows) + "\n"
