"""Rewrite the corpus expectations from the current code (`make golden`).

Review `git diff corpus/expected` before committing: every changed line is
a behaviour change.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from golden import cases, findings_text, fixed_bytes  # noqa: E402


def main() -> None:
    for case in cases():
        case.fixed_path.parent.mkdir(parents=True, exist_ok=True)
        case.fixed_path.write_bytes(fixed_bytes(case))
        case.findings_path.write_text(findings_text(case), encoding="utf-8")
        print(f"updated {case.rel}")


if __name__ == "__main__":
    main()
