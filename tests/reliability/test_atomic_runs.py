"""Atomic saves and run ids: a killed run never leaves a mixture the report would use (15.2)."""

import json
import os
import shutil
import signal
import subprocess
import sys
import time

import pandas as pd
import pytest
from kedro_datasets.pandas import CSVDataset, ParquetDataset

from dl_geography.runs import MixedRunsError, RunLedger, make_save_atomic
from tests.conftest import PROJECT_ROOT, KedroProject

OLD = pd.DataFrame({"x": range(3000)})
NEW = pd.DataFrame({"x": range(3000, 9000)})


class Killed(BaseException):
    """Stands for SIGKILL arriving while a dataset writes."""


def _half_write_then_die(dataset):
    """A save that writes half of its file and dies, as a killed process would."""
    whole = dataset.save

    def save(data):
        whole(data)
        path = str(dataset._filepath)
        size = os.path.getsize(path)
        with open(path, "r+b") as stream:
            stream.truncate(size // 2)
        raise Killed

    dataset.save = save


@pytest.mark.parametrize("kind", [CSVDataset, ParquetDataset])
def test_a_save_killed_halfway_leaves_the_old_file_whole(tmp_path, kind):
    path = tmp_path / f"table.{'csv' if kind is CSVDataset else 'parquet'}"
    kind(filepath=str(path)).save(OLD)
    dataset = kind(filepath=str(path))
    _half_write_then_die(dataset)
    ledger = RunLedger(tmp_path / "run_ledger.json")
    assert make_save_atomic(dataset, "table", "run-2", ledger)
    with pytest.raises(Killed):
        dataset.save(NEW)
    assert len(kind(filepath=str(path)).load()) == len(OLD)  # the old file, whole
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary left behind


def test_a_save_renames_into_place_and_records_its_run(tmp_path):
    path = tmp_path / "table.csv"
    ledger = RunLedger(tmp_path / "run_ledger.json")
    ledger.start("run-1", ["geography"], ["table"])
    dataset = CSVDataset(filepath=str(path))
    make_save_atomic(dataset, "table", "run-1", ledger)
    dataset.save(NEW)
    assert len(CSVDataset(filepath=str(path)).load()) == len(NEW)
    assert ledger.read()["datasets"] == {"table": "run-1"}


def test_the_ledger_refuses_outputs_of_an_unfinished_run(tmp_path):
    ledger = RunLedger(tmp_path / "run_ledger.json")
    ledger.start("A", [], ["a", "b", "c"])
    for name in "abc":
        ledger.record(name, "A")
    ledger.close("A", "finished")
    ledger.check("abc")  # one finished run: fine
    ledger.start("B", ["geography"], ["b", "c"])
    ledger.record("b", "B")  # killed after its first save
    ledger.check("a")  # what B never touched is still usable
    with pytest.raises(
        MixedRunsError,
        match=r"run B .* rewrote 1 of its 2 outputs \(b\) "
        r"and left 1 from earlier runs \(c\)",
    ):
        ledger.check("abc")
    ledger.start("C", ["geography"], ["b", "c"])  # a second, complete run mends it
    ledger.record("b", "C")
    ledger.record("c", "C")
    ledger.close("C", "finished")
    ledger.check("abc")


def _kedro(project, *args, output=subprocess.PIPE):
    env = {**os.environ, "KEDRO_DISABLE_TELEMETRY": "true", "MPLBACKEND": "Agg", "COLUMNS": "500"}
    return subprocess.Popen(
        [sys.executable, "-m", "kedro", "run", *args],
        cwd=project.root,
        env=env,
        stdout=output,
        stderr=subprocess.STDOUT,
        text=True,
    )


def test_a_killed_geography_run_stops_the_report(demo_project, tmp_path):
    """SIGKILL during `--pipelines geography`; reporting refuses; a full rerun mends it."""
    project = KedroProject(tmp_path)
    shutil.copytree(
        PROJECT_ROOT / "src", project.root / "src", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copytree(demo_project.root / "data", project.root / "data")
    ledger = RunLedger(project.root / "data" / "run_ledger.json")
    before = ledger.read()
    assert before["datasets"] and all(r["status"] == "finished" for r in before["runs"].values())

    run = _kedro(project, "--pipelines", "geography", output=subprocess.DEVNULL)
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:  # kill once the run has replaced two datasets
        state = ledger.read() if ledger.path.exists() else before
        running = [r for r, v in state["runs"].items() if v["status"] == "running"]
        if running and sum(v == running[0] for v in state["datasets"].values()) >= 2:
            break
        time.sleep(0.05)
    run.send_signal(signal.SIGKILL)
    run.wait()

    report = _kedro(project, "--pipelines", "reporting")
    output, _ = report.communicate(timeout=600)
    assert report.returncode != 0
    assert "MixedRunsError: refusing to mix runs" in output
    assert "--pipelines geography" in output

    mend = _kedro(project, "--pipelines", "geography")
    output, _ = mend.communicate(timeout=900)  # read the pipe: a full one would block kedro
    assert mend.returncode == 0, output[-2000:]
    report = _kedro(project, "--pipelines", "reporting")
    output, _ = report.communicate(timeout=600)
    assert report.returncode == 0, output[-2000:]
    owners = json.loads(ledger.path.read_text())["datasets"]
    assert owners["report"] != owners["analysis_table"]  # reporting reused geography's run


def test_a_temporary_file_left_by_a_killed_run_goes_at_the_next_save(tmp_path):
    path = tmp_path / "table.csv"
    left = tmp_path / ".table.csv.run-1.tmp"
    left.write_text("x\n1\n")  # what SIGKILL during run-1's save left behind
    dataset = CSVDataset(filepath=str(path))
    make_save_atomic(dataset, "table", "run-2", RunLedger(tmp_path / "run_ledger.json"))
    dataset.save(NEW)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["run_ledger.json", "table.csv"]


def test_every_file_the_pipelines_write_goes_through_the_atomic_save(tmp_path):
    """No output escapes the wrapper: each is in memory or a local file it can rename."""
    from kedro.io import MemoryDataset

    from dl_geography.pipeline_registry import full_pipeline
    from dl_geography.runs import local_filepath

    catalog = KedroProject(tmp_path).catalog
    escaped = [
        name
        for name in sorted(full_pipeline().all_outputs())
        if (dataset := catalog.get(name)) is not None
        and not isinstance(dataset, MemoryDataset)
        and local_filepath(dataset) is None
    ]
    assert escaped == []
