"""docs/performance.md's measured tables are the recorded benchmark runs, rendered by script."""

import importlib.util
import json

from tests.conftest import PROJECT_ROOT

SPEC = importlib.util.spec_from_file_location(
    "performance_tables", PROJECT_ROOT / "benchmarks" / "performance_tables.py"
)
performance_tables = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(performance_tables)


def test_docs_tables_equal_the_recorded_runs():
    assert performance_tables.main(["--check"]) == 0, (
        "run `python benchmarks/performance_tables.py` after recording a benchmark"
    )


def test_growth_exponent_of_a_doubling(tmp_path):
    rows = [
        {
            "papers": n,
            "pipeline": step,
            "params": "",
            "wall_s": cpu,
            "cpu_s": cpu,
            "peak_rss_gb": 1.0,
            "commit": "abc",
            "date": "2026-12-03",
            "load_average_at_start": 0.1,
        }
        for n, cpu in ((1000, 5.0), (2000, 20.0))
        for step in ("demo_world", "ingestion", "enrichment", "total")
    ]
    (tmp_path / "chain_x.jsonl").write_text("\n".join(json.dumps(r) for r in rows))
    runs = performance_tables.with_totals(performance_tables.read_rows("chain_*.jsonl", tmp_path))
    assert "| total | 2.00 |" in performance_tables.growth_table(runs)
    assert (
        "| 2,000 | **total** | 40.0 | 40.0 | 1.00 | abc, 2026-12-03, 0.1 |"
        in performance_tables.steps_table(runs)
    )
