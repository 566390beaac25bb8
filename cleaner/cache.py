"""A result cache keyed by file content, rule set, settings and tool version.

Re-running over an unchanged tree should cost little more than reading it
(as with ruff's cache).  Entries are JSON, one file each, written atomically,
so parallel workers never contend for a lock and a stale or corrupt entry is
simply a miss.  JSON rather than pickle: a cache folder inside a content repo
must not be a way to run code.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

from cleaner import __version__
from cleaner.finding import AppliedFix, Category, Edit, Finding, Fix, Safety, Severity

FORMAT = 1


@cache
def packs_fingerprint(folders: tuple[Path, ...]) -> str:
    """Rule data changes results: hash every pack file's content."""
    h = hashlib.sha256()
    for folder in folders:
        for path in sorted((*folder.rglob("*.toml"), *folder.rglob("*.txt"))):
            h.update(str(path.relative_to(folder)).encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def _fix_to_json(fix: Fix | None) -> Any:
    if fix is None:
        return None
    return [fix.title, [[e.start, e.end, e.new] for e in fix.edits], int(fix.safety), fix.recode]


def _fix_from_json(data: Any) -> Fix | None:
    if data is None:
        return None
    title, edits, safety, recode = data
    return Fix(title, tuple(Edit(a, b, n) for a, b, n in edits), Safety(safety), recode)


def encode_result(result: Any) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "language": result.language,
        "encoding": result.encoding,
        "changed": result.changed,
        "text": result.text if result.text != result.original else None,
        "new_bytes": result.new_bytes.hex() if result.new_bytes is not None else None,
        "unsettled": list(result.unsettled),
        "findings": [
            [f.code, f.category.value, f.start, f.end, f.message, int(f.severity), _fix_to_json(f.fix), f.applied] for f in result.findings
        ],
        "applied": [
            [a.code, a.title, a.start, a.end, a.old, a.new, a.iteration, [[e.start, e.end, e.new] for e in a.edits]] for a in result.applied
        ],
    }


def decode_into(result: Any, data: dict[str, Any]) -> None:
    result.language = data["language"]
    result.encoding = data["encoding"]
    result.changed = data["changed"]
    result.text = data["text"] if data["text"] is not None else result.original
    result.new_bytes = bytes.fromhex(data["new_bytes"]) if data["new_bytes"] is not None else None
    result.unsettled = tuple(data["unsettled"])
    result.findings = [
        Finding(code, Category(cat), a, b, msg, Severity(sev), _fix_from_json(fix), applied)
        for code, cat, a, b, msg, sev, fix, applied in data["findings"]
    ]
    result.applied = [
        AppliedFix(code, title, a, b, old, new, it, tuple(Edit(x, y, n) for x, y, n in edits))
        for code, title, a, b, old, new, it, edits in data["applied"]
    ]


@cache
def code_fingerprint() -> str:
    """The tool's own source: a changed rule must not be served stale results
    during development, when the version number has not moved."""
    h = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        st = path.stat()
        h.update(f"{path.relative_to(package)}:{st.st_size}:{st.st_mtime_ns}".encode())
    return h.hexdigest()


class ResultCache:
    """Entries under ``folder/v<FORMAT>/``; the folder ignores itself for git."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.entries = folder / f"v{FORMAT}"
        self.hits = 0
        self.misses = 0

    def key(self, *parts: str | bytes) -> str:
        h = hashlib.sha256(__version__.encode())
        h.update(code_fingerprint().encode())
        for part in parts:
            data = part if isinstance(part, bytes) else part.encode("utf-8", "surrogatepass")
            h.update(len(data).to_bytes(8, "little"))
            h.update(data)
        return h.hexdigest()

    def _path(self, key: str) -> Path:
        return self.entries / key[:2] / f"{key[2:]}.json"

    def get(self, key: str) -> dict[str, Any] | None:
        try:
            data = json.loads(self._path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.misses += 1
            return None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            self.misses += 1
            return None
        self.hits += 1
        return data

    def put(self, key: str, data: dict[str, Any]) -> None:
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            ignore = self.folder / ".gitignore"
            if not ignore.exists():
                ignore.write_text("# created by cleaner\n*\n", encoding="utf-8")
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(data, handle, ensure_ascii=False)
            os.replace(tmp, path)
        except OSError:
            pass  # a cache that cannot be written is only slower
