"""Golden test: every corpus article fixes to its expected output and
reports its expected findings.  `make golden` updates the expectations."""

from __future__ import annotations

import pytest
from golden import cases, findings_text, fixed_bytes, known_failures


@pytest.mark.parametrize("case", cases(), ids=lambda c: str(c.rel))
def test_fixed_output(case) -> None:
    assert case.fixed_path.is_file(), f"no expectation for {case.rel}: run `make golden`"
    assert fixed_bytes(case).decode("utf-8") == case.fixed_path.read_bytes().decode("utf-8")


@pytest.mark.parametrize("case", cases(), ids=lambda c: str(c.rel))
def test_findings(case) -> None:
    assert case.findings_path.is_file(), f"no expectation for {case.rel}: run `make golden`"
    assert findings_text(case) == case.findings_path.read_text(encoding="utf-8")


@pytest.mark.parametrize("failure", known_failures(), ids=lambda f: f"{f['file']}:{f['code']}")
def test_known_failures(failure) -> None:
    """Findings a careful reader makes that we still miss: expected to fail.

    When one starts passing, move it into the golden expectations."""
    case = next(c for c in cases() if str(c.rel) == failure["file"])
    found = findings_text(case)
    wanted = f"{failure['line']}:"
    hit = any(row.startswith(wanted) and f" {failure['code']} " in row for row in found.splitlines())
    if not hit:
        pytest.xfail(str(failure.get("reason", "known failure")))
