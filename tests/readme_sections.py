"""Replace one marked section of README.md, leaving the others as they are.

Sections are delimited by `<!-- section:NAME -->` and `<!-- /section:NAME -->`;
several people edit different sections, so each write re-reads the file.
"""

from __future__ import annotations

from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def section(name: str, text: str | None = None) -> str:
    body = README.read_text(encoding="utf-8") if text is None else text
    start, end = f"<!-- section:{name} -->\n", f"<!-- /section:{name} -->"
    a = body.index(start) + len(start)
    return body[a : body.index(end, a)]


def replace_section(name: str, content: str) -> bool:
    body = README.read_text(encoding="utf-8")
    start, end = f"<!-- section:{name} -->\n", f"<!-- /section:{name} -->"
    a = body.index(start) + len(start)
    b = body.index(end, a)
    new = body[:a] + content.rstrip("\n") + "\n" + body[b:]
    if new != body:
        README.write_text(new, encoding="utf-8")
        return True
    return False
