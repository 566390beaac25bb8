"""The CLI contract, through real subprocesses: exit codes, JSON, writes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run_cli

from cleaner.cli import parse_size

DIRTY = "Headline\n\nA paragraph with trailing space.   \n\n\n\nAnother paragraph.\n\n\n"
CLEAN = "Headline\n\nA paragraph.\n\nAnother paragraph.\n"


def write(folder: Path, name: str, text: str) -> Path:
    p = folder / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(text, encoding="utf-8")
    return p


def test_check_clean_file_exits_0(tmp_path: Path) -> None:
    p = write(tmp_path, "a.txt", CLEAN)
    r = run_cli("check", str(p))
    assert r.returncode == 0, r.stdout + r.stderr
    assert "0 findings" in r.stdout


def test_check_reports_and_changes_nothing(tmp_path: Path) -> None:
    p = write(tmp_path, "a.txt", DIRTY)
    r = run_cli("check", str(p))
    assert r.returncode == 1
    assert f"{p}:3:33: WSP001 Trailing whitespace" in r.stdout
    assert p.read_text(encoding="utf-8") == DIRTY


def test_json_contract(tmp_path: Path) -> None:
    p = write(tmp_path, "a.txt", DIRTY)
    r = run_cli("check", "--format", "json", str(p))
    data = json.loads(r.stdout)
    assert data["version"] == 1
    assert set(data) == {"version", "files", "summary"}
    f = data["files"][0]
    assert set(f) == {"path", "language", "encoding", "changed", "error", "findings"}
    assert f["path"] == str(p) and f["encoding"] == "utf-8" and f["error"] is None
    first = f["findings"][0]
    assert set(first) == {"code", "category", "severity", "line", "column", "end_line", "end_column", "message", "fix"}
    assert first["fix"] == {"applicability": "safe", "replacement": ""}
    assert data["summary"] == {"files": 1, "changed": 0, "errors": 0, "findings": {"whitespace": 3}}


def test_fix_in_place_then_clean(tmp_path: Path) -> None:
    p = write(tmp_path, "a.txt", DIRTY)
    r = run_cli("fix", str(p))
    assert r.returncode == 1, r.stderr
    assert p.read_text(encoding="utf-8") == "Headline\n\nA paragraph with trailing space.\n\nAnother paragraph.\n"
    r2 = run_cli("fix", str(p))
    assert r2.returncode == 0, r2.stdout


def test_fix_out_writes_copies_and_leaves_inputs(tmp_path: Path) -> None:
    write(tmp_path, "in/ar/a.txt", DIRTY)
    write(tmp_path, "in/b.md", CLEAN)
    r = run_cli("fix", "in", "--out", "out", cwd=tmp_path)
    assert r.returncode == 1, r.stderr
    assert (tmp_path / "in/ar/a.txt").read_text(encoding="utf-8") == DIRTY
    assert (tmp_path / "out/in/ar/a.txt").read_text(encoding="utf-8").endswith("Another paragraph.\n")
    assert (tmp_path / "out/in/b.md").read_text(encoding="utf-8") == CLEAN


def test_fix_diff_writes_nothing(tmp_path: Path) -> None:
    p = write(tmp_path, "a.txt", DIRTY)
    r = run_cli("fix", "--diff", str(p))
    assert r.returncode == 1
    assert "-A paragraph with trailing space.   " in r.stdout
    assert "+A paragraph with trailing space." in r.stdout
    assert p.read_text(encoding="utf-8") == DIRTY


def test_diff_report_accounts_for_changes(tmp_path: Path) -> None:
    p = write(tmp_path, "a.txt", DIRTY)
    r = run_cli("fix", str(p), "--report", str(tmp_path / "report.json"))
    assert r.returncode == 1
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    changes = report["files"][0]["changes"]
    assert {c["code"] for c in changes} == {"WSP001", "WSP003", "WSP004"}
    removed = "".join(c["removed"] for c in changes)
    assert removed.count(" ") == 3 and removed.count("\n") == 4
    md = tmp_path / "report.md"
    p.write_text(DIRTY, encoding="utf-8")
    run_cli("fix", "--diff", str(p), "--report", str(md))
    assert "| WSP001 |" in md.read_text(encoding="utf-8")


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    p = write(tmp_path, "a.txt", CLEAN)
    assert run_cli("check", "--select", "NOPE999", str(p)).returncode == 2
    assert run_cli("check", "--fail-on", "catastrophe", str(p)).returncode == 2
    assert run_cli("check", "--language", "xx", str(p)).returncode == 2
    assert run_cli("frobnicate").returncode == 2


def test_missing_and_binary_files_are_errors_but_others_run(tmp_path: Path) -> None:
    good = write(tmp_path, "a.txt", DIRTY)
    binary = tmp_path / "b.txt"
    binary.write_bytes(b"\x00\xff\x00\x01")
    r = run_cli("fix", str(good), str(binary), str(tmp_path / "missing.txt"))
    assert r.returncode == 2
    assert "b.txt: error: binary file" in r.stdout
    assert "missing.txt: error: no such file" in r.stdout
    assert good.read_text(encoding="utf-8") != DIRTY  # the good file was still fixed
    assert binary.read_bytes() == b"\x00\xff\x00\x01"


def test_walk_skips_hidden_gitignored_and_other_extensions(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", DIRTY)
    write(tmp_path, ".hidden/b.txt", DIRTY)
    write(tmp_path, "ignored/c.txt", DIRTY)
    write(tmp_path, "d.py", DIRTY)
    write(tmp_path, ".gitignore", "ignored/\n")
    r = run_cli("check", "--format", "json", ".", cwd=tmp_path)
    paths = [f["path"] for f in json.loads(r.stdout)["files"]]
    assert paths == ["a.txt"]


def test_symlink_loop_and_outside_link_are_skipped(tmp_path: Path) -> None:
    write(tmp_path, "tree/a.txt", CLEAN)
    (tmp_path / "tree/loop").symlink_to(tmp_path / "tree")
    write(tmp_path, "outside/o.txt", DIRTY)
    (tmp_path / "tree/out").symlink_to(tmp_path / "outside")
    r = run_cli("check", "--format", "json", "tree", cwd=tmp_path)
    assert r.returncode == 0, r.stdout
    assert [f["path"] for f in json.loads(r.stdout)["files"]] == ["tree/a.txt"]


def test_fail_on_error_ignores_warnings(tmp_path: Path) -> None:
    p = write(tmp_path, "a.txt", "Some text.   \n")
    assert run_cli("check", str(p)).returncode == 1
    r = run_cli("check", "--fail-on", "error", "--select", "UNI", str(p))
    assert r.returncode == 0


def test_rules_and_explain(tmp_path: Path) -> None:
    r = run_cli("rules", "--format", "json")
    rules = json.loads(r.stdout)
    assert any(x["code"] == "WSP001" for x in rules)
    e = run_cli("explain", "WSP001")
    assert e.returncode == 0 and "## Why it matters" in e.stdout
    assert run_cli("explain", "XXX000").returncode == 2


def test_paths_with_spaces_and_non_ascii_names(tmp_path: Path) -> None:
    p = write(tmp_path, "ملف مقال/bài viết.txt", DIRTY)
    r = run_cli("fix", str(tmp_path))
    assert r.returncode == 1, r.stdout + r.stderr
    assert p.read_text(encoding="utf-8").endswith("Another paragraph.\n")


@pytest.mark.parametrize(
    ("text", "size"), [("0", 0), ("512", 512), ("4K", 4096), ("64M", 64 << 20), ("1g", 1 << 30), ("2GiB", 2 << 30), ("10 MB", 10 << 20)]
)
def test_parse_size(text: str, size: int) -> None:
    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["", "big", "-1", "1.5M", "3T"])
def test_parse_size_refuses(text: str) -> None:
    with pytest.raises(ValueError):
        parse_size(text)


def test_one_command_app_per_invocation() -> None:
    """`run` builds only the command named on the command line (typer turns
    every command's signature into click options before parsing); anything
    that names no single command gets the whole app, so help and usage
    errors stay those of the full CLI."""
    from cleaner.cli import _app_for, _command_name, app

    names = [_command_name(c) for c in app.registered_commands]
    assert {"check", "fix", "rules", "explain", "stats", "baseline", "learn"} <= set(names)
    for name in names:
        narrow = _app_for([name, "x.txt"])
        assert [_command_name(c) for c in narrow.registered_commands] == [name]
        assert narrow.registered_callback is app.registered_callback  # --version still works
    for args in ([], ["--version"], ["chek"], ["--help"], ["x.txt", "check"]):
        assert _app_for(args) is app


def test_narrowed_command_keeps_usage_errors(tmp_path: Path) -> None:
    r = run_cli("check")
    assert r.returncode == 2 and "cleaner check [OPTIONS]" in r.stderr and "Missing argument" in r.stderr
    r = run_cli("chek", str(tmp_path))
    assert r.returncode == 2 and "No such command 'chek'" in r.stderr


def test_hook_run_imports_only_what_it_needs(tmp_path: Path) -> None:
    """A hook's `check --no-cache` on a text file loads neither the dataset
    machinery nor the cache's and baseline's hashing and JSON, nor the
    writer's temporary files: each costs the hook's start time."""
    import subprocess
    import sys

    p = write(tmp_path, "a.txt", DIRTY)
    probe = (
        "import sys\nfrom cleaner.cli import run\n"
        f"sys.argv = ['cleaner', 'check', '--no-cache', {str(p)!r}]\n"
        "try:\n    run()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('cleaner.datasets', 'cleaner.cache', 'cleaner.baseline', 'hashlib', 'json', 'tempfile') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]", out
