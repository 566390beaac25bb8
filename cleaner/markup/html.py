"""HTML pages: text nodes are prose, everything else is protected.

The standard library's tokenizer reports where each piece of text starts, so
text nodes map to exact source offsets; with ``convert_charrefs`` off, a text
event is the literal source slice and entities are separate events (kept
protected, so a fix never half-rewrites ``&amp;``).  Script, style, code,
pre, textarea and template contents are not prose.
"""

from __future__ import annotations

from html.parser import HTMLParser

from cleaner.markup import Ranges

_RAW = frozenset({"script", "style", "code", "pre", "textarea", "template", "noscript", "svg", "math"})


class _TextNodes(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self._starts = [0]
        pos = text.find("\n")
        while pos >= 0:
            self._starts.append(pos + 1)
            pos = text.find("\n", pos + 1)
        self._skip = 0
        self.ranges: list[tuple[int, int]] = []

    def _offset(self) -> int:
        line, col = self.getpos()
        return self._starts[line - 1] + col

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _RAW:
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _RAW and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if self._skip or not data.strip():
            return
        start = self._offset()
        self.ranges.append((start, start + len(data)))


def prose(text: str) -> Ranges:
    parser = _TextNodes(text)
    parser.feed(text)
    parser.close()
    return tuple(parser.ranges)
