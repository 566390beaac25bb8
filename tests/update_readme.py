"""Regenerate the README's rules table from the registry (`make docs`)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from readme_sections import replace_section  # noqa: E402

from cleaner.registry import catalog  # noqa: E402


def rules_table() -> str:
    lines = [
        "## Rules",
        "",
        "Generated from the rules' own documentation (`make docs`); `cleaner explain CODE` prints the whole text.",
        "Fix: **safe** is applied by `cleaner fix`, **unsafe** only with `--unsafe-fixes`, **display** is a suggestion in reports.",
        "",
        "| code | name | category | default | fix | languages | what it does |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in catalog():
        langs = ", ".join(sorted(r.langs)) if r.langs else "all"
        fix = r.fix_safety.label if r.fix_safety is not None else "report only"
        summary = r.summary.replace("|", "\\|")
        lines.append(f"| `{r.code}` | {r.name} | {r.category.value} | {'on' if r.default else 'off'} | {fix} | {langs} | {summary} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    changed = replace_section("rules", rules_table())
    print("README rules table " + ("updated" if changed else "already up to date"))
