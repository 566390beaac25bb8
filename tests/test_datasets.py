"""Datasets (JSON Lines, Parquet): records stream through, fields are kept,
bad records pass through unchanged and are reported, drops are counted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run_cli

DIRTY = "Dirty\u200b text  \n\n\n\nmore\n"


def write_jsonl(path: Path, n: int = 30) -> list[dict]:
    records = []
    for i in range(n):
        records.append({"id": i, "text": DIRTY if i % 3 == 0 else f"Clean text {i}.\n", "meta": {"lang": "en", "score": 0.5}})
    with path.open("w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
        f.write("{broken json\n")
        f.write(json.dumps({"id": 99, "body": "no text field"}) + "\n")
    return records


def read_jsonl(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def test_jsonl_fix_keeps_fields_and_passes_bad_records(tmp_path: Path) -> None:
    src = tmp_path / "data.jsonl"
    records = write_jsonl(src)
    r = run_cli("fix", str(src), "--out", str(tmp_path / "clean.jsonl"), "--findings-field", "findings", "--jobs", "1")
    assert r.returncode == 1, r.stdout + r.stderr
    assert "32 records, 10 changed, 0 dropped, 10 with findings" in r.stdout
    assert f"{src}:31: record passed through unchanged: not JSON" in r.stdout
    assert f"{src}:32: record passed through unchanged: no text field 'text'" in r.stdout
    lines = read_jsonl(tmp_path / "clean.jsonl")
    assert len(lines) == 32
    first = json.loads(lines[0])
    assert first["text"] == "Dirty text\n\nmore\n"
    assert first["meta"] == records[0]["meta"] and first["id"] == 0
    assert {f["code"] for f in first["findings"]} == {"UNI002", "WSP001", "WSP003"}
    assert lines[30] == "{broken json"
    assert json.loads(lines[31]) == {"id": 99, "body": "no text field"}
    assert src.read_text(encoding="utf-8").startswith(json.dumps(records[0], ensure_ascii=False))  # input untouched


def test_jsonl_in_place_check_and_side_file(tmp_path: Path) -> None:
    src = tmp_path / "data.jsonl"
    write_jsonl(src)
    side = tmp_path / "findings.jsonl"
    r = run_cli("check", str(src), "--findings-file", str(side))
    assert r.returncode == 1
    rows = [json.loads(x) for x in read_jsonl(side)]
    assert [row["record"] for row in rows] == list(range(1, 31, 3))
    before = src.read_bytes()
    assert run_cli("fix", str(src)).returncode == 1
    assert src.read_bytes() != before
    assert run_cli("check", str(src)).returncode == 0  # bad records are reported, not failures


def test_drop_if_counts_dropped_records(tmp_path: Path) -> None:
    src = tmp_path / "data.jsonl"
    write_jsonl(src)
    out = tmp_path / "kept.jsonl"
    r = run_cli("fix", str(src), "--out", str(out), "--drop-if", "unicode", "--format", "json")
    data = json.loads(r.stdout)["datasets"][0]
    assert data["dropped"] == 10 and data["records"] == 32
    assert len(read_jsonl(out)) == 22
    assert run_cli("fix", str(src), "--drop-if", "nonsense").returncode == 2


def test_parallel_dataset_output_identical(tmp_path: Path) -> None:
    src = tmp_path / "data.jsonl"
    write_jsonl(src, n=2500)
    run_cli("fix", str(src), "--out", str(tmp_path / "one.jsonl"), "--jobs", "1", "--findings-field", "f")
    run_cli("fix", str(src), "--out", str(tmp_path / "two.jsonl"), "--jobs", "2", "--findings-field", "f")
    assert (tmp_path / "one.jsonl").read_bytes() == (tmp_path / "two.jsonl").read_bytes()


def test_parquet_round_trip(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    table = pa.table({"id": list(range(12)), "text": [DIRTY if i % 2 else "Fine.\n" for i in range(12)], "lang": ["en"] * 12})
    src = tmp_path / "data.parquet"
    pq.write_table(table, src)
    out = tmp_path / "clean.parquet"
    r = run_cli("fix", str(src), "--out", str(out), "--findings-field", "findings")
    assert r.returncode == 1, r.stdout + r.stderr
    result = pq.read_table(out)
    assert result.column_names == ["id", "text", "lang", "findings"]
    texts = result.column("text").to_pylist()
    assert texts[1] == "Dirty text\n\nmore\n" and texts[0] == "Fine.\n"
    assert json.loads(result.column("findings").to_pylist()[1])[0]["code"] == "UNI002"
    assert result.column("id").to_pylist() == list(range(12))
