"""The golden corpus: inputs, their expected output and expected findings.

Shared by the golden test and ``make golden`` (tests/update_golden.py), so
both compute expectations the same way: through the real runner, with the
corpus's own configuration.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from cleaner.report.common import locate
from cleaner.runner import Options, process_file

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus"
ARTICLES = CORPUS / "articles"
EXPECTED = CORPUS / "expected"


@dataclass(frozen=True)
class Case:
    source: Path

    @property
    def rel(self) -> Path:
        return self.source.relative_to(ARTICLES)

    @property
    def fixed_path(self) -> Path:
        return EXPECTED / self.rel

    @property
    def findings_path(self) -> Path:
        return (EXPECTED / self.rel).with_suffix(".findings")


def cases() -> list[Case]:
    return [Case(p) for p in sorted(ARTICLES.rglob("*")) if p.is_file() and not p.name.startswith(".")]


def fixed_bytes(case: Case) -> bytes:
    result = process_file(case.source, str(case.rel), Options(), mode="fix")
    assert result.error is None, f"{case.rel}: {result.error}"
    return result.new_bytes if result.new_bytes is not None else result.raw


def findings_text(case: Case) -> str:
    result = process_file(case.source, str(case.rel), Options(), mode="check")
    assert result.error is None, f"{case.rel}: {result.error}"
    rows = [f"{loc.line}:{loc.column} {loc.finding.code} {loc.finding.message}" for loc in locate(result)]
    return "".join(row + "\n" for row in rows)


def known_failures() -> list[dict[str, object]]:
    path = CORPUS / "known-failures.toml"
    if not path.is_file():
        return []
    with path.open("rb") as handle:
        return list(tomllib.load(handle).get("failure", []))
