"""SARIF output: valid against the official 2.1.0 schema, and faithful to the
findings (positions in code points, rule help, pending fixes, errors)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from urllib.parse import unquote

import jsonschema
import pytest
from conftest import run_cli

REPO = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((REPO / "tests" / "data" / "sarif" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
SEEDS = REPO.parent / "shared" / "seeds"


def validate(document: dict) -> None:
    jsonschema.Draft4Validator(SCHEMA, format_checker=jsonschema.FormatChecker()).validate(document)


def test_check_sarif_is_valid_and_complete(tmp_path: Path) -> None:
    for sub in ("ar", "vi", "en"):
        shutil.copytree(REPO / "corpus" / "articles" / sub, tmp_path / "content" / sub)
    (tmp_path / "content" / "bad name é.txt").write_text("Price: 10\u00a0\u00a0 \n", encoding="utf-8")
    r = run_cli("check", "content", "--format", "sarif", cwd=tmp_path)
    assert r.returncode == 1, r.stderr
    sarif = json.loads(r.stdout)
    validate(sarif)
    run = sarif["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    rules = run["tool"]["driver"]["rules"]
    assert {"MOJ001", "BLP001", "PRF001", "REP001", "NAM001"} <= {rule["id"] for rule in rules}
    assert all(rule["help"]["text"] for rule in rules)

    plain = json.loads(run_cli("check", "content", "--format", "json", cwd=tmp_path).stdout)
    expected = sorted(
        (e["path"], f["code"], f["line"], f["column"], f["end_line"], f["end_column"]) for e in plain["files"] for f in e["findings"]
    )
    got = []
    for res in run["results"]:
        loc = res["locations"][0]["physicalLocation"]
        region = loc["region"]
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
        got.append(
            (
                unquote(loc["artifactLocation"]["uri"]),
                res["ruleId"],
                region["startLine"],
                region["startColumn"],
                region["endLine"],
                region["endColumn"],
            )
        )
    assert sorted(got) == expected
    spaced = [res for res in run["results"] if "bad%20name" in res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]]
    assert spaced and all(res["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"] == "%SRCROOT%" for res in spaced)
    fixes = [res for res in run["results"] if res.get("fixes")]
    assert fixes, "pending safe fixes are offered as SARIF fixes"
    replacement = fixes[0]["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert {"deletedRegion", "insertedContent"} <= replacement.keys()


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is absent")
def test_fix_sarif_on_seeds_is_valid(tmp_path: Path) -> None:
    r = run_cli("fix", str(SEEDS), "--out", str(tmp_path / "out"), "--format", "sarif", "--report", str(tmp_path / "r.sarif"))
    assert r.returncode == 1, r.stderr
    for text in (r.stdout, (tmp_path / "r.sarif").read_text(encoding="utf-8")):
        sarif = json.loads(text)
        validate(sarif)
        results = sarif["runs"][0]["results"]
        assert any(res["properties"]["fixed"] for res in results)
        # Applied fixes are history: no SARIF fix is offered for them.
        assert not any(res.get("fixes") for res in results if res["properties"]["fixed"])
        # Arabic snippets survive byte for byte.
        assert any("\u0627" in res["locations"][0]["physicalLocation"]["region"]["snippet"]["text"] for res in results)


def test_unreadable_file_is_a_notification_and_fails_the_invocation(tmp_path: Path) -> None:
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\xff\xfe" * 200)
    r = run_cli("check", "binary.txt", "--format", "sarif", cwd=tmp_path)
    assert r.returncode == 2
    sarif = json.loads(r.stdout)
    validate(sarif)
    invocation = sarif["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert "binary.txt" in invocation["toolExecutionNotifications"][0]["message"]["text"]


def test_sarif_refuses_datasets(tmp_path: Path) -> None:
    (tmp_path / "d.jsonl").write_text('{"text": "hi"}\n', encoding="utf-8")
    r = run_cli("check", str(tmp_path / "d.jsonl"), "--format", "sarif")
    assert r.returncode == 2 and "sarif" in r.stderr
