"""The real pre-commit framework drives our hooks against a content repo.

`pre-commit try-repo` installs this repository as a hook environment (a real
wheel build, so this also proves the rule packs ship inside the package),
then runs the hook on a temporary git repository holding dirty files.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git not installed")


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)


@pytest.fixture(scope="module")
def content_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    root = tmp_path_factory.mktemp("content")
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path_factory.mktemp("pre-commit-home")),
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.invalid",
        "NO_COLOR": "1",
    }
    _run(["git", "init", "-q"], root, env)
    (root / "article.txt").write_text("عنوان المقال\n\nفقرة أولى فيها مسافة زائدة.   \n\n\n\nفقرة ثانية.\n\n\n", encoding="utf-8")
    (root / "post.md").write_text("# Title\n\nText with a zero\u200bwidth space.\n", encoding="utf-8")
    (root / "clean.txt").write_text("A clean line.\n", encoding="utf-8")
    _run(["git", "add", "."], root, env)
    return root, env


def _try_repo(hook: str, root: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return _run([sys.executable, "-m", "pre_commit", "try-repo", str(REPO), hook, "--all-files"], root, env)


def test_hook_fails_fixes_then_passes(content_repo: tuple[Path, dict[str, str]]) -> None:
    root, env = content_repo
    first = _try_repo("cleaner-fix", root, env)
    assert first.returncode == 1, first.stdout + first.stderr
    assert "Failed" in first.stdout
    assert (root / "article.txt").read_text(encoding="utf-8") == "عنوان المقال\n\nفقرة أولى فيها مسافة زائدة.\n\nفقرة ثانية.\n"
    assert (root / "post.md").read_text(encoding="utf-8") == "# Title\n\nText with a zerowidth space.\n"
    assert (root / "clean.txt").read_text(encoding="utf-8") == "A clean line.\n"
    second = _try_repo("cleaner-fix", root, env)
    assert second.returncode == 0, second.stdout + second.stderr
    check = _try_repo("cleaner-check", root, env)
    assert check.returncode == 0, check.stdout + check.stderr
