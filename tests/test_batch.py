"""Parallel runs and the result cache give exactly the single-process answer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run_cli
from hypothesis import given
from hypothesis import strategies as st

from cleaner import batch
from cleaner.report.common import locate
from cleaner.runner import Options, process_file

ARTICLES = {
    "a.txt": "Title\n\nText with trailing space.   \n\n\n\nMore.\n",
    "b/c.txt": "Clean text.\n",
    "b/d.md": "# Head\n\nZero\u200bwidth.\n\n```\nkept\u200b\n```\n",
    "e.txt": "x" * 50_000 + "  \n",
    "f.txt": "Việt Nam\n",
    "g.txt": "\u00a0\n\nPara.\n\n\n",
}


def make_tree(root: Path) -> None:
    for name, text in ARTICLES.items():
        p = root / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")


def test_jobs_output_and_exit_code_identical(tmp_path: Path) -> None:
    make_tree(tmp_path)
    one = run_cli("check", "--format", "json", "--jobs", "1", "--no-cache", ".", cwd=tmp_path)
    two = run_cli("check", "--format", "json", "--jobs", "2", "--no-cache", ".", cwd=tmp_path)
    assert one.returncode == two.returncode == 1
    assert one.stdout == two.stdout
    paths = [f["path"] for f in json.loads(one.stdout)["files"]]
    assert paths == ["a.txt", "e.txt", "f.txt", "g.txt", "b/c.txt", "b/d.md"]  # walk order (files, then subfolders), not completion order
    text_one = run_cli("check", "--jobs", "1", "--no-cache", ".", cwd=tmp_path)
    text_two = run_cli("check", "--jobs", "2", "--no-cache", ".", cwd=tmp_path)
    assert text_one.stdout == text_two.stdout


def test_parallel_fix_writes_the_same_files(tmp_path: Path) -> None:
    for jobs in ("1", "2"):
        root = tmp_path / jobs
        make_tree(root)
        assert run_cli("fix", "--jobs", jobs, "--no-cache", ".", cwd=root).returncode == 1
    for name in ARTICLES:
        assert (tmp_path / "1" / name).read_bytes() == (tmp_path / "2" / name).read_bytes()


def test_parallel_fix_out_writes_and_reports_as_one_process(tmp_path: Path) -> None:
    """Workers send back results without their texts (``delivery.slim``) and
    the parent writes the copies as results arrive: the cleaned tree, the
    report and the exit code are those of a single-process run, with and
    without the cache (filled by the first run, read by the second), in text
    and in JSON."""
    make_tree(tmp_path / "src")
    runs = {}
    copies = {}
    for jobs in ("1", "2"):
        for n, extra in enumerate((["--no-cache"], ["--cache-dir", str(tmp_path / "cache")], ["--format", "json", "--no-cache"])):
            out = tmp_path / f"out-{jobs}-{n}"
            done = run_cli("fix", "--jobs", jobs, *extra, "--out", str(out), "src", cwd=tmp_path)
            assert done.returncode == 1, done.stderr
            runs[(jobs, extra[0])] = done.stdout.replace(str(out), "OUT")
            copies[(jobs, n)] = {name: (out / "src" / name).read_bytes() for name in ARTICLES}
    assert all(c == copies[("1", 0)] for c in copies.values())
    assert {name: (tmp_path / "src" / name).read_text(encoding="utf-8") for name in ARTICLES} == ARTICLES  # inputs left alone
    assert copies[("1", 0)]["a.txt"] == b"Title\n\nText with trailing space.\n\nMore.\n"
    for (_, first), stdout in runs.items():
        assert stdout == runs[("1", first)]
    assert "src/a.txt:3:26: WSP001" in runs[("2", "--no-cache")]


def test_cache_reuses_and_invalidates(tmp_path: Path) -> None:
    make_tree(tmp_path)
    cache = tmp_path / "cache"
    first = run_cli("check", "--format", "json", "--cache-dir", str(cache), ".", cwd=tmp_path)
    entries = list(cache.rglob("*.json"))
    assert entries and (cache / ".gitignore").is_file()
    second = run_cli("check", "--format", "json", "--cache-dir", str(cache), ".", cwd=tmp_path)
    assert second.stdout == first.stdout
    (tmp_path / "b/c.txt").write_text("Now dirty.   \n", encoding="utf-8")
    third = json.loads(run_cli("check", "--format", "json", "--cache-dir", str(cache), ".", cwd=tmp_path).stdout)
    c = next(f for f in third["files"] if f["path"] == "b/c.txt")
    assert [x["code"] for x in c["findings"]] == ["WSP001"]


def test_cache_serves_fix_results_too(tmp_path: Path) -> None:
    make_tree(tmp_path)
    cache = tmp_path / ".cache"
    out1, out2 = tmp_path / "o1", tmp_path / "o2"
    run_cli("fix", "--cache-dir", str(cache), "--out", str(out1), "a.txt", "g.txt", cwd=tmp_path)
    run_cli("fix", "--cache-dir", str(cache), "--out", str(out2), "a.txt", "g.txt", cwd=tmp_path)
    for name in ("a.txt", "g.txt"):
        assert (out1 / name).read_bytes() == (out2 / name).read_bytes()
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == ARTICLES["a.txt"]


def test_no_cache_writes_nothing(tmp_path: Path) -> None:
    make_tree(tmp_path)
    run_cli("check", "--no-cache", ".", cwd=tmp_path)
    assert not (tmp_path / ".cleaner_cache").exists()


@given(st.lists(st.integers(min_value=0, max_value=5_000_000), min_size=1, max_size=300), st.integers(min_value=1, max_value=8))
def test_chunks_cover_every_file_once_largest_first(sizes: list[int], jobs: int) -> None:
    by_index = dict(enumerate(sizes))
    chunks = batch.chunked(list(by_index), by_index, jobs)
    flat = [i for chunk in chunks for i in chunk]
    assert sorted(flat) == list(by_index)
    assert [by_index[i] for i in flat] == sorted(sizes, reverse=True)
    assert all(0 < len(chunk) <= batch.MAX_CHUNK for chunk in chunks)
    budget = max(1, sum(sizes) // (16 * jobs))
    # a chunk goes over the budget only when it is one file
    assert all(len(chunk) == 1 or sum(by_index[i] for i in chunk) <= budget for chunk in chunks)


def test_skewed_sizes_leave_small_tasks_for_the_end() -> None:
    """One huge file and many small ones: the huge one is a task of its own,
    submitted first; the small ones are grouped, not sent one by one."""
    sizes = {0: 50_000_000, **{i: 8_000 for i in range(1, 2001)}}
    chunks = batch.chunked(list(sizes), sizes, 2)
    assert chunks[0] == [0]
    assert len(chunks) < 2000 / 8


def test_located_findings_are_kept_and_refreshed(tmp_path: Path) -> None:
    page = tmp_path / "a.txt"
    page.write_text("Line one.  \nTwo\u200bthree.\n", encoding="utf-8")
    result = process_file(page, "a.txt", Options(), mode="check")
    first = locate(result)
    assert [(loc.line, loc.column) for loc in first] == [(1, 10), (2, 4)]
    assert locate(result) is first
    result.findings = result.findings[1:]  # a filtered result is located again
    assert [(loc.line, loc.column) for loc in locate(result)] == [(2, 4)]


def test_writer_writes_every_result_and_raises_what_a_write_did_not_expect(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Copies under --out are written at once; files fixed in place, past
    the first few, on the writer's thread.  All land, bytes are dropped once
    written, and a bug in writing is not lost on that thread."""
    import shutil

    from cleaner import delivery

    make_tree(tmp_path / "src")
    names = list(ARTICLES)
    results = [process_file(tmp_path / "src" / n, n, Options(), mode="fix") for n in names]
    with delivery.Writer(tmp_path / "out", drop_bytes=True) as writer:
        for name, result in zip(names, results, strict=True):
            writer(result, Path("src") / name)
        assert writer._pool is None  # copies: no thread
    assert len(names) > delivery.Writer.INLINE
    for name, result in zip(names, results, strict=True):
        assert result.written and result.new_bytes is None and not result.error
        assert (tmp_path / "out" / "src" / name).is_file()

    shutil.copytree(tmp_path / "src", tmp_path / "inplace")
    fixed = [process_file(tmp_path / "inplace" / n, n, Options(), mode="fix") for n in names]
    expected = {n: r.new_bytes for n, r in zip(names, fixed, strict=True) if r.changed}
    with delivery.Writer(None) as writer:
        for name, result in zip(names, fixed, strict=True):
            writer(result, tmp_path / "inplace" / name)
        assert writer._pool is not None  # in place, past the first few: the thread
    assert expected and all((tmp_path / "inplace" / n).read_bytes() == data for n, data in expected.items())

    def broken(*args: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(delivery, "write_fixed", broken)
    fresh = [process_file(tmp_path / "src" / n, n, Options(), mode="fix") for n in names]
    with pytest.raises(RuntimeError, match="^a bug$"), delivery.Writer(None) as writer:  # not lost on the thread
        writer._inline = 0  # every write goes to the thread
        writer(fresh[0], tmp_path / "src" / names[0])  # returns at once: the error is raised on leaving
