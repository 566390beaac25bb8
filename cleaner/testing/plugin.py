"""pytest plugin: ``pytest --cleaner corpus/`` checks every file of a
content repo, one test per file, and fails a file's test with its findings.

The test id carries the rule codes found (``corpus/a.md::cleaner[BLP001,WSP001]``)
so a CI summary says what is wrong without opening the log.  Files are
found as the CLI finds them (config excludes, .gitignore), and checked with
the repo's own configuration.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("cleaner")
    group.addoption("--cleaner", action="append", default=[], metavar="PATH", help="check the files under PATH with cleaner (repeatable)")
    group.addoption(
        "--cleaner-fail-on",
        default="warning",
        choices=("info", "warning", "error"),
        help="lowest severity that fails a file (default: warning)",
    )


def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config, items: list[pytest.Item]) -> None:
    roots = config.getoption("--cleaner")
    if not roots:
        return
    from cleaner.finding import Severity
    from cleaner.report.common import locate
    from cleaner.runner import Options, process_file
    from cleaner.walk import discover

    threshold = Severity[config.getoption("--cleaner-fail-on").upper()]
    extra: list[pytest.Item] = []
    for target in discover([str(r) for r in roots]):
        if target.problem:
            continue
        name = target.display
        result = process_file(target.path, name, Options(), mode="check")
        failing = [loc for loc in locate(result) if loc.finding.severity >= threshold]
        codes = sorted({loc.finding.code for loc in failing})
        item_name = f"cleaner[{','.join(codes)}]" if codes else "cleaner"
        extra.append(
            CleanerItem.from_parent(session, name=f"{name}::{item_name}", nodeid=f"{name}::{item_name}", result=result, failing=failing)
        )
    items.extend(extra)


class CleanerItem(pytest.Item):
    """One content file: passes when it has no finding at the threshold."""

    def __init__(self, *, result: Any, failing: list[Any], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.result = result
        self.failing = failing

    def runtest(self) -> None:
        if self.result.error is not None:
            raise CleanerFailure(f"{self.result.path}: {self.result.error}")
        if self.failing:
            rows = [f"{self.result.path}:{loc.line}:{loc.column}: {loc.finding.code} {loc.finding.message}" for loc in self.failing]
            raise CleanerFailure("\n".join(rows))

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if isinstance(excinfo.value, CleanerFailure):
            return str(excinfo.value)
        return super().repr_failure(excinfo)

    def reportinfo(self) -> tuple[Path, int, str]:
        return Path(self.result.path), 0, self.name


class CleanerFailure(Exception):
    """Findings in a content file."""
