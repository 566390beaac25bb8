"""Configuration discovery and validation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run_cli

from cleaner.config import ConfigError, clear_cache, config_for, load_file
from cleaner.finding import Severity

DIRTY = "Title\n\nText.   \n\n\n\nMore text.\n"


@pytest.fixture(autouse=True)
def _fresh() -> None:
    clear_cache()


def test_pyproject_table_is_found_walking_up(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.cleaner]\nignore = ["WSP003"]\nfail-on = "error"\n', encoding="utf-8")
    (tmp_path / "a/b").mkdir(parents=True)
    cfg = config_for(tmp_path / "a/b/x.txt")
    assert cfg.ignore == ("WSP003",) and cfg.fail_on is Severity.ERROR
    assert "WSP003" not in {r.code for r in cfg.rules_for(tmp_path / "a/b/x.txt")}


def test_nearest_config_wins(tmp_path: Path) -> None:
    (tmp_path / "cleaner.toml").write_text('ignore = ["WSP001"]\n', encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub/cleaner.toml").write_text('ignore = ["WSP002"]\n', encoding="utf-8")
    assert config_for(tmp_path / "sub/x.txt").ignore == ("WSP002",)
    assert config_for(tmp_path / "x.txt").ignore == ("WSP001",)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('selcet = ["WSP"]\n', "unknown key 'selcet'"),
        ('select = ["WSP999X"]\n', "unknown rule code"),
        ('ignore = "WSP001"\n', "expected a list"),
        ('fail-on = "fatal"\n', "unknown severity"),
        ('language = "fr"\n', "not one of"),
        ('packs = ["nope"]\n', "is not a folder"),
        ("[whitespace]\nmax-blanks = 2\n", "unknown option whitespace.max-blanks"),
        ('[whitespace]\nmax-blank-lines = "2"\n', "wrong type"),
        ("select = [\n", "cleaner.toml: Invalid value"),
    ],
)
def test_bad_config_is_a_clear_error(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "cleaner.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_file(path)


def test_bad_config_exits_2_from_cli(tmp_path: Path) -> None:
    (tmp_path / "cleaner.toml").write_text('selcet = ["WSP"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("x\n", encoding="utf-8")
    r = run_cli("check", "a.txt", cwd=tmp_path)
    assert r.returncode == 2
    assert "unknown key 'selcet'" in r.stdout + r.stderr


def test_per_file_ignores_and_language_globs(tmp_path: Path) -> None:
    (tmp_path / "cleaner.toml").write_text(
        '[per-file-ignores]\n"drafts/*" = ["whitespace"]\n\n[language]\n"vi/*" = "vi"\n', encoding="utf-8"
    )
    (tmp_path / "drafts").mkdir()
    (tmp_path / "vi").mkdir()
    (tmp_path / "drafts/a.txt").write_text(DIRTY, encoding="utf-8")
    (tmp_path / "vi/b.txt").write_text("Hello world.\n", encoding="utf-8")
    r = run_cli("check", "--format", "json", ".", cwd=tmp_path)
    files = {f["path"]: f for f in json.loads(r.stdout)["files"]}
    assert files["drafts/a.txt"]["findings"] == []
    assert files["vi/b.txt"]["language"] == "vi"


def test_max_blank_lines_option(tmp_path: Path) -> None:
    (tmp_path / "cleaner.toml").write_text("[whitespace]\nmax-blank-lines = 3\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("A\n\n\n\nB\n", encoding="utf-8")
    assert run_cli("check", "a.txt", cwd=tmp_path).returncode == 0


def test_baseline_accepts_known_findings_only(tmp_path: Path) -> None:
    (tmp_path / "cleaner.toml").write_text('baseline = ".cleaner-baseline.json"\n', encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("Known issue.  \n", encoding="utf-8")
    assert run_cli("check", "a.txt", cwd=tmp_path).returncode == 1
    r = run_cli("baseline", "a.txt", cwd=tmp_path)
    assert r.returncode == 0 and "Accepted 1 finding" in r.stdout
    assert run_cli("check", "a.txt", cwd=tmp_path).returncode == 0
    assert run_cli("fix", "a.txt", cwd=tmp_path).returncode == 0
    assert article.read_text(encoding="utf-8") == "Known issue.  \n"  # accepted: not fixed either
    article.write_text("Intro line\nKnown issue.  \nNew issue. \n", encoding="utf-8")
    r = run_cli("check", "a.txt", cwd=tmp_path)
    assert r.returncode == 1 and "a.txt:3:" in r.stdout and "a.txt:2:" not in r.stdout
    assert run_cli("check", "--no-baseline", "a.txt", cwd=tmp_path).stdout.count("WSP001") == 2


def test_rule_data_built_from_packs_follows_an_edited_pack(tmp_path: Path) -> None:
    """Data built from packs is kept while the files and settings stay the
    same, and rebuilt when a pack file changes or a setting does."""
    import os
    from unittest import mock

    from cleaner import packs
    from cleaner.checks import profanity, repetition
    from cleaner.registry import Context

    pack = tmp_path / "en" / "repetition.toml"
    pack.parent.mkdir()
    pack.write_text('function-words = ["zorp"]\n', encoding="utf-8")
    ctx = Context(packs=packs.PackSet.default().with_extra([tmp_path]))
    with mock.patch.object(packs, "STAMP_SECONDS", 0.0):
        first = repetition.load_words(ctx, "en")
        assert "zorp" in first[0] and repetition.load_words(ctx, "en") is first
        pack.write_text('function-words = ["blick"]\n', encoding="utf-8")
        os.utime(pack, ns=(1, 1))  # a different modification time, whatever the clock's resolution
        second = repetition.load_words(ctx, "en")
        assert "blick" in second[0] and "zorp" not in second[0]
    plain = profanity.load_lexicon(Context(), "en")
    allowed = profanity.load_lexicon(Context(options={"profanity": {"allow": ["crap"]}}), "en")
    assert "crap" in plain.severity and "crap" not in allowed.severity
    assert profanity.load_lexicon(Context(), "en") is plain


def test_paths_resolve_through_their_folders_as_resolve_does(tmp_path: Path) -> None:
    """``_resolved`` resolves a file through its folder (one system call
    per file): links to files and to folders, and dot components, land
    where ``Path.resolve`` puts them."""
    from cleaner.config import _resolved

    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "f.txt").write_text("x")
    (tmp_path / "link.txt").symlink_to(tmp_path / "a" / "f.txt")
    (tmp_path / "dl").symlink_to(tmp_path / "a")
    for path in (
        tmp_path / "a" / "f.txt",
        tmp_path / "link.txt",
        tmp_path / "dl" / "f.txt",
        tmp_path / "dl" / ".." / "a" / "f.txt",
        tmp_path / "a" / "." / "f.txt",
        tmp_path / "missing" / "x.txt",
        Path("README.md"),
        Path("."),
    ):
        assert _resolved(path) == path.resolve(), path
