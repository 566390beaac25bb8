"""The Python API: strings and paths in, findings and clean text out."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from cleaner.config import Config, config_for
from cleaner.finding import Finding, Safety
from cleaner.pipeline import Outcome
from cleaner.registry import select_rules
from cleaner.runner import FileResult, Options, context_for, process_file, process_text, write_result


def _rules_and_ctx(select: Sequence[str] | None, ignore: Sequence[str], config: Config | None, unsafe: bool):  # type: ignore[no-untyped-def]
    cfg = config or Config(root=Path.cwd())
    sel = tuple(select) if select is not None else cfg.select
    rules = select_rules(sel, tuple(cfg.ignore) + tuple(ignore), cfg.extend_select)
    return rules, context_for(cfg, unsafe)


def check_text(
    text: str,
    *,
    language: str | None = None,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] = (),
    config: Config | None = None,
) -> list[Finding]:
    """Findings in ``text``; positions are offsets into it."""
    rules, ctx = _rules_and_ctx(select, ignore, config, False)
    _, outcome = process_text(text, rules=rules, ctx=ctx, language=language)
    return outcome.findings


def fix_text_explained(
    text: str,
    *,
    language: str | None = None,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] = (),
    unsafe: bool = False,
    config: Config | None = None,
) -> Outcome:
    """The fixed text with every finding and every applied change."""
    rules, ctx = _rules_and_ctx(select, ignore, config, unsafe)
    _, outcome = process_text(text, rules=rules, ctx=ctx, language=language, apply=Safety.UNSAFE if unsafe else Safety.SAFE)
    return outcome


def fix_text(text: str, **kwargs: object) -> str:
    """``text`` with safe fixes applied (``unsafe=True`` adds unsafe ones)."""
    return fix_text_explained(text, **kwargs).text  # type: ignore[arg-type]


def check_path(path: str | Path, **options: object) -> FileResult:
    p = Path(path)
    return process_file(p, str(path), Options(**options), mode="check")  # type: ignore[arg-type]


def fix_path(path: str | Path, *, write: bool = True, **options: object) -> FileResult:
    """Fix one file in place (atomically) unless ``write`` is False."""
    p = Path(path)
    result = process_file(p, str(path), Options(**options), mode="fix")  # type: ignore[arg-type]
    if write and result.changed and not result.error:
        write_result(result, p, in_place=True)
    return result


__all__ = ["check_text", "fix_text", "fix_text_explained", "check_path", "fix_path", "config_for"]
