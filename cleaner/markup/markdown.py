"""Markdown (CommonMark, with YAML/TOML front matter): the protected ranges.

markdown-it-py finds the block structure (front matter, fenced and indented
code, HTML blocks), which is the part regexes get wrong; inside the remaining
blocks a few linear scans protect inline code, link and image targets,
autolinks and bare URLs, inline tags and comments, and Hugo/Jekyll template
tags.
"""

from __future__ import annotations

from functools import cache

import regex

from cleaner.markup import Ranges, complement, scan_delimited

_PROTECTED_BLOCKS = frozenset({"front_matter", "fence", "code_block", "html_block"})

_INLINE = (
    regex.compile(r"(`+)[^`\n]*?\1"),  # inline code (single line)
    regex.compile(r"\]\([^)\n]*\)"),  # link / image destination and title
    regex.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[^\n]*", regex.MULTILINE),  # reference definition
    regex.compile(r"<(?:https?|ftp|mailto):[^>\s]+>"),  # autolink
    regex.compile(r"\bhttps?://[^\s<>()\]]+"),  # bare URL
    regex.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>\n]*)?/?>"),  # inline tag
)
_DELIMITED = (("<!--", "-->"), ("{{<", ">}}"), ("{{%", "%}}"), ("{%", "%}"), ("{{", "}}"))


@cache
def _parser():  # type: ignore[no-untyped-def]
    from markdown_it import MarkdownIt
    from mdit_py_plugins.front_matter import front_matter_plugin

    return MarkdownIt("commonmark").use(front_matter_plugin)


def _line_starts(text: str) -> list[int]:
    starts = [0]
    pos = text.find("\n")
    while pos >= 0:
        starts.append(pos + 1)
        pos = text.find("\n", pos + 1)
    return starts


def _toml_front_matter_end(text: str) -> int:
    """End of Hugo's ``+++`` TOML front matter (0 when there is none);
    the markdown-it plugin only knows the ``---`` YAML form."""
    if not text.startswith("+++\n"):
        return 0
    close = text.find("\n+++", 3)
    if close < 0:
        return 0
    end = close + 4
    return end + 1 if text[end : end + 1] == "\n" else end


# `key: value`, `key: "value"` (YAML) and `key = "value"` (TOML) on one line.
_FIELD = regex.compile(r"""^(?P<key>[A-Za-z_][\w-]*)[ \t]*[:=][ \t]*(?P<q>["']?)(?P<value>[^\n]*?)(?P=q)[ \t]*$""", regex.MULTILINE)


def _carve_fields(text: str, start: int, end: int, fields: frozenset[str]) -> list[tuple[int, int]]:
    """The front matter range minus the values of ``fields``, which are prose
    (a title or description is read by people and deserves the same checks)."""
    if not fields:
        return [(start, end)]
    pieces = []
    pos = start
    for m in _FIELD.finditer(text, start, end):
        if m.group("key") in fields and m.group("value").strip():
            a, b = m.span("value")
            pieces.append((pos, a))
            pos = b
    pieces.append((pos, end))
    return pieces


def protected_ranges(text: str, prose_fields: frozenset[str] = frozenset()) -> list[tuple[int, int]]:
    starts = _line_starts(text)
    n = len(text)

    def offset(line: int) -> int:
        return starts[line] if line < len(starts) else n

    ranges: list[tuple[int, int]] = []
    toml_end = _toml_front_matter_end(text)
    skipped = text.count("\n", 0, toml_end)
    if toml_end:
        ranges.extend(_carve_fields(text, 0, toml_end, prose_fields))
    for token in _parser().parse(text[toml_end:] if toml_end else text):
        if token.type in _PROTECTED_BLOCKS and token.map:
            a, b = (line + skipped for line in token.map)
            end = offset(b)
            if token.type != "front_matter" and end > offset(a) and text[end - 1 : end] == "\n":
                end -= 1  # the block's last line break stays prose (blank-line logic)
            if token.type == "front_matter":
                ranges.extend(_carve_fields(text, offset(a), end, prose_fields))
            else:
                ranges.append((offset(a), end))
    for pattern in _INLINE:
        ranges.extend(m.span() for m in pattern.finditer(text))
    for opener, closer in _DELIMITED:
        ranges.extend(scan_delimited(text, opener, closer))
    return ranges


def prose(text: str, prose_fields: frozenset[str] = frozenset()) -> Ranges:
    return complement(protected_ranges(text, prose_fields), len(text))
