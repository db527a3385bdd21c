"""Wall time, CPU time and peak memory of the whole chain on a demo world of N papers.

    python benchmarks/chain.py --papers 100000 [--project DIR] [--params k=v,k=v]

Copies the project (``src``, ``conf`` but not ``conf/local``, ``labelled_sets``,
``pyproject.toml``) into ``--project`` (a temporary folder, deleted afterwards, when not
given; reused when it exists, so its world is generated again only when its settings
change), generates the demo world there, then runs each pipeline of the chain in order
as its own ``kedro run --pipeline NAME`` process. Every pipeline reads its inputs from the
files the previous ones wrote, as in a whole ``kedro run``.

Prints one JSON line per step (``demo_world`` generation, then each pipeline) and one for
the whole run (``"pipeline": "total"``): wall seconds, CPU seconds (user + system, the
process and its children, e.g. Dask workers) and peak resident memory in GB (the largest
process of the step; for the total, the largest step). ``--params`` is passed to every
``kedro run`` (e.g. ``execution.engine=dask,execution.n_workers=2``). ``--out FILE`` also
writes them, stamped with the git commit, date and load average, for
``benchmarks/performance_tables.py`` (which rewrites the tables of docs/performance.md).
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT_ROOT / "src"))

from stamp import run_stamp  # noqa: E402

from dl_geography.pipeline_registry import PIPELINE_ORDER  # noqa: E402


def measured(command: list[str], cwd: Path, env: dict) -> dict:
    """Run ``command`` and return its wall s, CPU s and peak RSS (GB), from ``wait4``."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed with exit code {process.returncode}")
    # ru_maxrss is in KiB on Linux; it covers the process and its reaped descendants.
    return {
        "wall_s": round(wall, 1),
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 1),
        "peak_rss_gb": round(usage.ru_maxrss / 2**20, 2),
    }


def prepare(project: Path) -> None:
    """A copy of the project's configuration and source in ``project`` (its data kept)."""
    project.mkdir(parents=True, exist_ok=True)
    shutil.copy(PROJECT_ROOT / "pyproject.toml", project)
    shutil.rmtree(project / "conf", ignore_errors=True)
    shutil.copytree(PROJECT_ROOT / "conf", project / "conf", ignore=shutil.ignore_patterns("local"))
    (project / "conf" / "local").mkdir(exist_ok=True)
    for folder in ("src", "labelled_sets"):
        shutil.rmtree(project / folder, ignore_errors=True)
        shutil.copytree(
            PROJECT_ROOT / folder, project / folder, ignore=shutil.ignore_patterns("__pycache__")
        )


def generate_world(project: Path, papers: int) -> None:
    """The demo world of ``project``'s configuration with ``papers`` papers (its hook's job)."""
    from kedro.config import OmegaConfigLoader

    from dl_geography.demo_world import ensure_demo_world
    from dl_geography.settings import CONFIG_LOADER_ARGS

    config = OmegaConfigLoader(
        str(project / "conf"),
        **CONFIG_LOADER_ARGS,
        runtime_params={"demo_world": {"n_papers": papers}},
    )
    params = dict(config["parameters"]["demo_world"])
    settings = {k: v for k, v in params.items() if k not in ("enabled", "output_dir")}
    ensure_demo_world(project / params["output_dir"], **settings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, required=True, help="demo-world papers")
    parser.add_argument(
        "--project",
        type=Path,
        default=None,
        help="work folder (kept; reused with its world when it exists)",
    )
    parser.add_argument("--params", default="", help="extra kedro run --params, k=v,k=v")
    parser.add_argument(
        "--pipelines",
        default=",".join(PIPELINE_ORDER),
        help="pipelines to run, in order (default: the whole chain)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        help="also write the JSON lines here (benchmarks/results/, read by "
        "benchmarks/performance_tables.py)",
    )
    parser.add_argument("--generate-world", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.generate_world:
        generate_world(args.generate_world, args.papers)
        return

    temporary = args.project is None
    project = Path(tempfile.mkdtemp(prefix="chain_bench_")) if temporary else args.project
    env = dict(
        os.environ,
        PYTHONPATH=str(project / "src"),
        KEDRO_DISABLE_TELEMETRY="true",
        MPLBACKEND="Agg",
    )
    # Cached bytecode, as in a user's runs: without it every process compiles the project
    # and its libraries again (about 7 s each on this machine).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    params = f"demo_world.n_papers={args.papers}"
    if args.params:
        params += "," + args.params
    kedro = [sys.executable, "-m", "kedro", "run", "--params", params]
    rows = []
    stamp = run_stamp()
    out = args.out.open("w") if args.out else None

    def emit(row: dict) -> None:
        print(json.dumps(row), flush=True)
        if out:
            out.write(json.dumps({**row, **stamp}) + "\n")
            out.flush()

    try:
        prepare(project)
        world = [
            sys.executable,
            __file__,
            "--papers",
            str(args.papers),
            "--generate-world",
            str(project),
        ]
        steps = [("demo_world", world)]
        steps += [(name, [*kedro, "--pipeline", name]) for name in args.pipelines.split(",")]
        for name, command in steps:
            row = {
                "papers": args.papers,
                "pipeline": name,
                "params": args.params,
                **measured(command, project, env),
            }
            rows.append(row)
            emit(row)
        total = {
            "papers": args.papers,
            "pipeline": "total",
            "params": args.params,
            "wall_s": round(sum(r["wall_s"] for r in rows), 1),
            "cpu_s": round(sum(r["cpu_s"] for r in rows), 1),
            "peak_rss_gb": max(r["peak_rss_gb"] for r in rows),
        }
        emit(total)
    finally:
        if out:
            out.close()
        if temporary:
            shutil.rmtree(project, ignore_errors=True)


if __name__ == "__main__":
    main()
