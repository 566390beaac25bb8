"""The Dask engine on a 4-worker LocalCluster gives byte-identical output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run_cli
from test_batch import ARTICLES, make_tree
from test_datasets import write_jsonl

pytest.importorskip("dask.distributed")


@pytest.fixture(scope="module")
def client():  # type: ignore[no-untyped-def]
    from dask.distributed import Client, LocalCluster

    with LocalCluster(n_workers=4, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, Client(cluster) as c:
        yield c


def test_dataset_on_cluster_identical_to_local(tmp_path: Path, client) -> None:  # type: ignore[no-untyped-def]
    from cleaner.datasets import make_job, run_dataset
    from cleaner.distributed import fix_dataset
    from cleaner.runner import Options

    src = tmp_path / "data.jsonl"
    write_jsonl(src, n=3000)
    job = make_job(src, Options(), "fix", "text", "findings", ())
    local = run_dataset(src, tmp_path / "local.jsonl", job, jobs=1)
    remote = fix_dataset(client, str(src), tmp_path / "dask.jsonl", job)
    assert (tmp_path / "local.jsonl").read_bytes() == (tmp_path / "dask.jsonl").read_bytes()
    assert local.as_dict() == remote.as_dict()


def test_files_on_cluster_identical_to_local(tmp_path: Path, client) -> None:  # type: ignore[no-untyped-def]
    from cleaner.distributed import run_files
    from cleaner.report import json_report
    from cleaner.runner import Options
    from cleaner.walk import expand

    make_tree(tmp_path)
    targets = list(expand([str(tmp_path)], lambda p: (".txt", ".md"), lambda p: False))
    from cleaner import batch

    local = batch.run(targets, Options(), "fix", jobs=1)
    remote = run_files(client, targets, Options(), "fix")
    assert json_report.render(local) == json_report.render(remote)
    assert [r.new_bytes for r in local] == [r.new_bytes for r in remote]
    assert len(local) == len(ARTICLES)


def test_cli_engine_dask_with_scheduler_address(tmp_path: Path, client) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "data.jsonl"
    write_jsonl(src, n=200)
    address = client.scheduler.address
    r = run_cli("fix", str(src), "--out", str(tmp_path / "d.jsonl"), "--engine", "dask", "--scheduler", address, "--format", "json")
    assert r.returncode == 1, r.stdout + r.stderr
    run_cli("fix", str(src), "--out", str(tmp_path / "l.jsonl"), "--jobs", "1")
    assert (tmp_path / "d.jsonl").read_bytes() == (tmp_path / "l.jsonl").read_bytes()
    assert json.loads(r.stdout)["datasets"][0]["changed"] == 67
