"""Accepting known findings, so a hook stops failing on them.

Content files cannot carry inline markers without changing the article, so
accepted findings live beside the content in a baseline file (like
detect-secrets').  A finding is keyed by its code, the text it covers and the
text of its line, not by its line number: editing the article elsewhere keeps
the finding accepted; changing the flagged text brings it back.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path

from msgspec import Struct, field

from cleaner.finding import Finding

VERSION = 1


def fingerprint(finding: Finding, text: str) -> str:
    line_start = text.rfind("\n", 0, finding.start) + 1
    line_end = text.find("\n", finding.end)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    payload = "\0".join((finding.code, text[finding.start : finding.end], " ".join(line.split())))
    return f"{finding.code}:{hashlib.sha256(payload.encode('utf-8')).hexdigest()[:16]}"


class Baseline(Struct):
    path: Path
    entries: dict[str, set[str]] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> Baseline:
        if not path.is_file():
            return cls(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ValueError(f"{path}: not a readable baseline file: {exc}") from None
        if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("files"), dict):
            raise ValueError(f"{path}: not a cleaner baseline (version {VERSION})")
        return cls(path, {k: set(v) for k, v in data["files"].items()})

    def key(self, file: Path) -> str:
        try:
            return file.resolve().relative_to(self.path.parent.resolve()).as_posix()
        except ValueError:
            return file.resolve().as_posix()

    def accepts(self, file: Path, finding: Finding, text: str) -> bool:
        accepted = self.entries.get(self.key(file))
        return bool(accepted) and fingerprint(finding, text) in accepted

    def record(self, file: Path, findings: Iterable[Finding], text: str) -> int:
        prints = {fingerprint(f, text) for f in findings}
        if prints:
            self.entries[self.key(file)] = prints
        else:
            self.entries.pop(self.key(file), None)
        return len(prints)

    def save(self) -> None:
        data = {"version": VERSION, "files": {k: sorted(v) for k, v in sorted(self.entries.items())}}
        self.path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
