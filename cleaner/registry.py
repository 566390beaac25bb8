"""Rules, the catalog of them, and selection by code or prefix.

A rule is data plus one pure function.  The catalog is built from the explicit
list of rule-family modules in ``cleaner.checks`` (nothing registers itself as
an import side effect), sorted by code, and checked for duplicate codes.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cache
from typing import Any

from msgspec import Struct, field
from msgspec.structs import force_setattr

from cleaner.document import Document
from cleaner.finding import Category, Hit, Safety, Severity

CheckFn = Callable[[Document, "Context"], Iterable[Hit]]


class Context(Struct, frozen=True):
    """What a check may know besides the document: options and rule data.

    ``options`` is the ``[tool.cleaner.<family>]`` table of the config that
    governs the file (empty when there is none); ``packs`` loads rule data
    from ``rules/`` and the repo's own pack folders.  Checks never read files
    or the CLI themselves.
    """

    options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    packs: Any = None  # cleaner.packs.PackSet; typed loosely to keep imports light
    unsafe: bool = False

    def family(self, name: str) -> Mapping[str, Any]:
        return self.options.get(name, {})

    def pack_set(self) -> Any:
        if self.packs is None:
            from cleaner.packs import PackSet

            force_setattr(self, "packs", PackSet.default())
        return self.packs


class Rule(Struct, frozen=True):
    """A rule's identity and defaults; ``check`` does the work.

    ``langs`` is None for rules that apply to every language.  Findings of
    ``scope="prose"`` rules outside the document's prose ranges (code, front
    matter, tags) are dropped; ``scope="file"`` rules are about the file.  ``fix_safety``
    is the best safety its fixes can have (None: report only); a single hit
    may carry a less safe fix than that, never a safer one.
    """

    code: str
    name: str
    category: Category
    check: CheckFn
    severity: Severity = Severity.WARNING
    fix_safety: Safety | None = None
    langs: frozenset[str] | None = None
    default: bool = True
    scope: str = "prose"  # "file": the rule judges the file as a whole (encoding, final newline), not prose
    # Every hit lies in one line and depends on nothing but that line's text,
    # the language and the options: later fix passes re-run the rule on the
    # changed lines only (cleaner.patch; a test holds every such rule to it).
    per_line: bool = False

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.check.__doc__ or "")

    @property
    def summary(self) -> str:
        """First sentence of the documentation, for tables."""
        text = self.doc.split("\n\n", 1)[0]
        for marker in ("## What it does",):
            text = text.replace(marker, "")
        return " ".join(text.split())

    def applies_to(self, language: str) -> bool:
        return self.langs is None or language in self.langs


# Rule modules under cleaner/checks/, one family each (mostly named after their
# category).  Order is irrelevant: the catalog is sorted by code.
FAMILIES: tuple[str, ...] = (
    "encoding",
    "mojibake",
    "unicode",
    "whitespace",
    "boilerplate",
    "profanity",
    "repetition",
    "names",
    "mistranslation",
    "punctuation",
    "spelling",
    "untranslated",
    "page",  # boilerplate of saved HTML pages, found by main-text extraction
)


@cache
def catalog() -> tuple[Rule, ...]:
    """Every rule of every family, sorted by code; codes must be unique."""
    rules: list[Rule] = []
    for family in FAMILIES:
        try:
            module = importlib.import_module(f"cleaner.checks.{family}")
        except ModuleNotFoundError as exc:
            if exc.name == f"cleaner.checks.{family}":
                continue  # family not built yet
            raise
        rules.extend(module.RULES)
    rules.sort(key=lambda r: r.code)
    seen: set[str] = set()
    for rule in rules:
        if rule.code in seen:
            raise RuntimeError(f"duplicate rule code {rule.code}")
        seen.add(rule.code)
    return tuple(rules)


def by_code() -> dict[str, Rule]:
    return {r.code: r for r in catalog()}


def is_selector(token: str) -> bool:
    """A selector is ``ALL``, a code, a code prefix, or a category name."""
    token = token.strip()
    if token == "ALL" or token in {c.value for c in Category}:
        return True
    return any(r.code.startswith(token) for r in catalog())


def _matches(rule: Rule, selector: str) -> int:
    """Specificity of ``selector`` for ``rule``; 0 when it does not match.

    Like ruff: a longer prefix beats a shorter one, and a category name counts
    as the family prefix.
    """
    if selector == "ALL":
        return 1
    if selector == rule.category.value:
        return 2
    if rule.code.startswith(selector):
        return 2 + len(selector)
    return 0


def select_rules(
    select: Sequence[str] | None = None,
    ignore: Sequence[str] = (),
    extend_select: Sequence[str] = (),
    rules: Sequence[Rule] | None = None,
) -> tuple[Rule, ...]:
    """Rules enabled by the selectors.

    With no ``select`` the defaults are on.  For each rule the most specific
    matching selector decides; on a tie ``ignore`` wins, as in ruff.
    """
    pool = catalog() if rules is None else tuple(rules)
    chosen: list[Rule] = []
    positives = list(select) if select is not None else []
    positives += list(extend_select)
    for rule in pool:
        best_on = max((_matches(rule, s) for s in positives), default=0)
        if select is None and rule.default:
            best_on = max(best_on, 1)
        best_off = max((_matches(rule, s) for s in ignore), default=0)
        if best_on > 0 and best_on > best_off:
            chosen.append(rule)
    return tuple(chosen)


def unknown_selectors(tokens: Iterable[str]) -> list[str]:
    return [t for t in tokens if not is_selector(t)]
