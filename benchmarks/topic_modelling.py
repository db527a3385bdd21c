"""Benchmark: the topic_modelling pipeline's time and peak memory against the number of papers.

For each size, a demo world is generated (``dl_geography.demo_world.ensure_demo_world``,
cached under ``--cache``), its arXiv file read by the ingestion reader, and every node of
the pipeline run in order with the base parameters. Each size runs in a fresh subprocess
so its peak resident memory is its own. Prints each stage's seconds and share of the
total, and the peak RSS after each stage.

    .venv/bin/python benchmarks/topic_modelling.py --sizes 10000 50000
    .venv/bin/python benchmarks/topic_modelling.py --sizes 200000 --no-tuning
    .venv/bin/python benchmarks/topic_modelling.py --real --sizes 20000   # ../shared/data arXiv
"""

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import yaml

PROJECT = Path(__file__).resolve().parents[1]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kB


REAL_ARXIV = PROJECT.parent / "shared/data/arxiv/daily_arxiv_cs_2025-03_2026-08_all.jsonl.gz"


def load_papers(n_papers: int, cache: Path, seed: int, real: bool = False):
    from kedro.io import MemoryDataset  # noqa: F401  (kedro import cost outside the timings)

    from dl_geography.datasets import JSONLinesDataset
    from dl_geography.demo_world import ensure_demo_world
    from dl_geography.pipelines.ingestion.arxiv import parse_arxiv_records

    if real:  # the real 2025-26 sample, a deterministic subset of n_papers
        lines = JSONLinesDataset(filepath=str(REAL_ARXIV))
    else:
        world = ensure_demo_world(cache / f"demo_{n_papers}", n_papers=n_papers, seed=seed)
        lines = JSONLinesDataset(filepath=str(world / "arxiv" / "arxiv-metadata-oai-snapshot.json"))
    ingestion = yaml.safe_load((PROJECT / "conf/base/parameters_ingestion.yml").read_text())
    papers, _ = parse_arxiv_records(lines.load(), n_papers if real else 0, ingestion["ingestion"])
    return papers


def labelled_set() -> dict:
    """The hand-labelled DL set the ``score_against_labelled_set`` node reads."""
    folder = PROJECT / "labelled_sets" / "dl_papers"
    return {
        "labelled_papers": pd.read_csv(folder / "labels.csv", dtype={"paper_id": str}),
        "labelled_papers_split": pd.read_csv(folder / "sample.csv", dtype={"paper_id": str}),
    }


def run_one(n_papers: int, cache: Path, seed: int, tuning: bool, real: bool) -> dict:
    """Run every node of the pipeline once on a demo world of ``n_papers``; time each."""
    from dl_geography.pipelines.topic_modelling import create_pipeline

    start = time.perf_counter()
    papers = load_papers(n_papers, cache, seed, real)
    read = {"seconds": time.perf_counter() - start, "peak_rss_mb": peak_rss_mb()}
    params = yaml.safe_load((PROJECT / "conf/base/parameters_topic_modelling.yml").read_text())
    params |= yaml.safe_load((PROJECT / "conf/base/parameters_technologies.yml").read_text())
    data = {"papers": papers} | {f"params:{key}": value for key, value in params.items()}
    data |= labelled_set()
    stages = []
    if not tuning:  # the report still needs the table
        data["tc_by_n_topics"] = pd.DataFrame(
            {"n_topics": [], "total_correlation": [], "is_elbow": pd.Series([], dtype=bool)}
        )
    for node in create_pipeline().nodes:  # topologically sorted
        if not tuning and node.name in ("tune_n_topics", "plot_tc_by_n_topics"):
            continue
        start = time.perf_counter()
        outputs = node.run({name: data[name] for name in node.inputs})
        stages.append(
            {
                "stage": node.name,
                "seconds": time.perf_counter() - start,
                "peak_rss_mb": peak_rss_mb(),
            }
        )
        data.update(outputs)
    labels = data["paper_labels"]
    return {
        "n_papers": len(papers),
        "n_modelled": len(labels),
        "read": read,
        "n_terms": len(data["vocabulary"]),
        "dl_share": float(labels["is_dl"].mean()),
        "stages": stages,
    }


def report(result: dict) -> None:
    total = sum(s["seconds"] for s in result["stages"])
    print(
        f"\n{result['n_papers']:,} papers ({result['n_modelled']:,} modelled, "
        f"{result['n_terms']:,} terms, DL share {result['dl_share']:.3f}): "
        f"{total:.1f} s, {result['n_papers'] / total:,.0f} papers/s, "
        f"peak RSS {max(s['peak_rss_mb'] for s in result['stages']):,.0f} MB"
    )
    read = result["read"]
    print(
        f"  (before: demo world + ingestion reader {read['seconds']:.1f} s, "
        f"peak {read['peak_rss_mb']:.0f} MB; not in the total)"
    )
    for s in result["stages"]:
        print(
            f"  {s['stage']:<30} {s['seconds']:8.2f} s  {100 * s['seconds'] / total:5.1f} %"
            f"  peak {s['peak_rss_mb']:7.0f} MB"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000])
    parser.add_argument("--cache", type=Path, default=Path("/tmp/dl_geography_benchmark_worlds"))
    parser.add_argument("--seed", type=int, default=20181)
    parser.add_argument("--no-tuning", action="store_true", help="skip the tuning node")
    parser.add_argument("--real", action="store_true", help="real arXiv sample, not demo worlds")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:  # one size, in its own process, result as JSON on the last line
        result = run_one(args.sizes[0], args.cache, args.seed, not args.no_tuning, args.real)
        print(json.dumps(result))
        return
    for n in args.sizes:
        command = [
            sys.executable,
            __file__,
            "--child",
            "--sizes",
            str(n),
            "--cache",
            str(args.cache),
            "--seed",
            str(args.seed),
        ]
        command += ["--no-tuning"] * args.no_tuning + ["--real"] * args.real
        out = subprocess.run(command, capture_output=True, text=True, check=False)
        if out.returncode != 0:
            print(out.stderr[-3000:], file=sys.stderr)
            sys.exit(out.returncode)
        report(json.loads(out.stdout.strip().splitlines()[-1]))


if __name__ == "__main__":
    main()
