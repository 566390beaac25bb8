"""Value objects that every rule, the engine and every reporter share.

Positions are code-point offsets into the document text, half-open; lines and
columns are derived from them at the edges (see ``document.LineIndex``) so that
no position is ever stored twice.
"""

from __future__ import annotations

from enum import IntEnum, StrEnum

from msgspec import Struct, field


class Category(StrEnum):
    """The fixed vocabulary of the JSON contract: every output speaks it."""

    ENCODING = "encoding"
    MOJIBAKE = "mojibake"
    UNICODE = "unicode"
    WHITESPACE = "whitespace"
    BOILERPLATE = "boilerplate"
    PROFANITY = "profanity"
    REPETITION = "repetition"
    NAMES = "names"
    MISTRANSLATION = "mistranslation"
    PUNCTUATION = "punctuation"
    SPELLING = "spelling"
    UNTRANSLATED = "untranslated"


class Severity(IntEnum):
    """Ordered so that ``--fail-on`` is a plain comparison."""

    INFO = 0
    WARNING = 1
    ERROR = 2

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, value: str) -> Severity:
        try:
            return cls[value.strip().upper()]
        except KeyError:
            names = ", ".join(s.label for s in cls)
            raise ValueError(f"unknown severity {value!r} (expected one of: {names})") from None


class Safety(IntEnum):
    """How sure a fix is, ordered like ruff's Applicability.

    ``fix`` applies SAFE edits; ``--unsafe-fixes`` adds UNSAFE ones; DISPLAY
    fixes are suggestions shown in reports and never applied.
    """

    DISPLAY = 0
    UNSAFE = 1
    SAFE = 2

    @property
    def label(self) -> str:
        return {Safety.DISPLAY: "display", Safety.UNSAFE: "unsafe", Safety.SAFE: "safe"}[self]


class Edit(Struct, frozen=True):
    """Replace ``text[start:end]`` with ``new``: "" deletes, start == end inserts."""

    start: int
    end: int
    new: str = ""

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad edit range {self.start}..{self.end}")


class Fix(Struct, frozen=True):
    """A titled group of edits that stand or fall together.

    ``recode`` names an output encoding: the encoding rule uses it to have the
    file written back as UTF-8, which is a change no text edit can express.
    """

    title: str
    edits: tuple[Edit, ...]
    safety: Safety
    recode: str | None = None

    @property
    def start(self) -> int:
        return min((e.start for e in self.edits), default=0)

    @property
    def end(self) -> int:
        return max((e.end for e in self.edits), default=0)


class Hit(Struct, frozen=True):
    """What a rule's check yields; the engine adds the rule's identity.

    ``severity`` overrides the rule's default for this one occurrence (a
    profanity match in a vandal line is worse than one in quoted speech).
    """

    start: int
    end: int
    message: str
    fix: Fix | None = None
    severity: Severity | None = None


class Finding(Struct, frozen=True):
    """A hit with its rule's code and category, positioned in the original text."""

    code: str
    category: Category
    start: int
    end: int
    message: str
    severity: Severity
    fix: Fix | None = None
    applied: bool = False

    def replacement(self, text: str) -> str | None:
        """The text that the fix puts where the finding's span was, for reports.

        Computed on the text the fix was made for; a fix with several edits is
        rendered as the whole span it touches, rewritten.
        """
        if self.fix is None or not self.fix.edits:
            return None
        start, end = self.fix.start, self.fix.end
        out: list[str] = []
        pos = start
        for edit in sorted(self.fix.edits, key=lambda e: (e.start, e.end)):
            out.append(text[pos : edit.start])
            out.append(edit.new)
            pos = edit.end
        out.append(text[pos:end])
        return "".join(out)


class AppliedFix(Struct, frozen=True):
    """One fix that the engine applied, for the diff report.

    ``old`` and ``new`` are the exact characters removed and inserted, and
    ``start``/``end`` their place in the original text (mapped back through
    earlier passes), so that the report accounts for every character changed.
    """

    code: str
    title: str
    start: int
    end: int
    old: str
    new: str
    iteration: int = 0
    edits: tuple[Edit, ...] = field(default=())
