"""Every rule is registered once, documented, and speaks the fixed vocabulary."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
import regex

from cleaner.finding import Category
from cleaner.registry import FAMILIES, catalog

SECTIONS = ("## What it does", "## Why it matters", "## Example", "## Fix safety")
PREFIXES = {
    "ENC": Category.ENCODING,
    "MOJ": Category.MOJIBAKE,
    "UNI": Category.UNICODE,
    "WSP": Category.WHITESPACE,
    "BLP": Category.BOILERPLATE,
    "PRF": Category.PROFANITY,
    "REP": Category.REPETITION,
    "NAM": Category.NAMES,
    "MTR": Category.MISTRANSLATION,
    "PUN": Category.PUNCTUATION,
    "SPL": Category.SPELLING,
    "UNT": Category.UNTRANSLATED,
}


@pytest.mark.parametrize("rule", catalog(), ids=lambda r: r.code)
def test_rule_is_documented(rule) -> None:  # type: ignore[no-untyped-def]
    for section in SECTIONS:
        assert section in rule.doc, f"{rule.code} docstring lacks {section!r}"
    assert rule.summary


@pytest.mark.parametrize("rule", catalog(), ids=lambda r: r.code)
def test_code_shape_and_category(rule) -> None:  # type: ignore[no-untyped-def]
    assert regex.fullmatch(r"[A-Z]{3}\d{3}", rule.code)
    assert PREFIXES[rule.code[:3]] is rule.category
    assert regex.fullmatch(r"[a-z0-9-]+", rule.name)


def test_codes_and_names_unique() -> None:
    rules = catalog()
    assert len({r.code for r in rules}) == len(rules)
    assert len({r.name for r in rules}) == len(rules)


def test_every_family_module_exports_rules() -> None:
    for family in FAMILIES:
        try:
            module = importlib.import_module(f"cleaner.checks.{family}")
        except ModuleNotFoundError:
            continue
        assert module.RULES, family
        assert len({r.category for r in module.RULES}) == 1, f"{family} mixes categories"


def test_importing_cleaner_is_cheap() -> None:
    """The hook path must not pay for textstat or hypothesis."""
    import subprocess
    import sys

    code = "import sys, cleaner.cli, cleaner.registry; cleaner.registry.catalog(); print(sorted(m for m in ('textstat','hypothesis','rapidfuzz') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "[]"


def test_hook_on_named_files_loads_no_pool_or_walker(tmp_path: Path) -> None:
    """A hook checks the files pre-commit names: no worker pool, no
    .gitignore matcher, no dataset machinery, no test kit, no second copy of
    click beside the one typer carries (hook latency)."""
    import subprocess
    import sys

    article = tmp_path / "article.txt"
    article.write_text("Nội dung bài báo.\n", encoding="utf-8")
    # typer 0.24 imports click itself; later versions carry a copy of their own
    typer_imports_click = subprocess.run(
        [sys.executable, "-c", "import sys, typer; print('click' in sys.modules)"], capture_output=True, text=True, check=True
    ).stdout.strip()
    heavy = (
        "multiprocessing",
        "concurrent.futures",
        "pathspec",
        "textstat",
        "hypothesis",
        *(() if typer_imports_click == "True" else ("click",)),
    )
    code = (
        "import runpy, sys\n"
        f"sys.argv = ['cleaner', 'check', '--no-cache', {str(article)!r}]\n"
        "try:\n    runpy.run_module('cleaner', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        f"print(sorted(m for m in {heavy!r} if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip().splitlines()
    assert out[-1] == "[]"
