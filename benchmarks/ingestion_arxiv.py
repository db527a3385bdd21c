"""Throughput of the arXiv reader (JSONLinesDataset + parse_arxiv_records).

Replicates the demo world's snapshot file (run `kedro run` once first) with fresh ids up
to --records lines, then times loading and parsing. Not run by pytest.

    .venv/bin/python benchmarks/ingestion_arxiv.py --records 200000
"""

import argparse
import tempfile
import time
from pathlib import Path

import orjson

from dl_geography.datasets import JSONLinesDataset
from dl_geography.pipelines.ingestion.arxiv import parse_arxiv_records

DEMO = Path("data/01_raw/demo/arxiv/arxiv-metadata-oai-snapshot.json")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=200_000)
    parser.add_argument("--source", type=Path, default=DEMO)
    args = parser.parse_args()
    base = []
    for line in args.source.read_bytes().splitlines():
        try:
            base.append(orjson.loads(line))
        except orjson.JSONDecodeError:
            continue
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "snapshot.jsonl"
        with path.open("wb") as out:
            for i in range(args.records):
                record = dict(base[i % len(base)])
                record["id"] = f"{1000 + i // 99999:04d}.{i % 99999:05d}"
                out.write(orjson.dumps(record) + b"\n")
        start, cpu_start = time.perf_counter(), time.process_time()
        raw = JSONLinesDataset(filepath=str(path)).load()
        loaded = time.perf_counter()
        papers, _ = parse_arxiv_records(
            raw, 0, {"subject_archives": ["cs"], "extra_subjects": ["stat.ML"]}
        )
        parsed, cpu = time.perf_counter(), time.process_time() - cpu_start
    # CPU time too: on a shared machine the wall clock mostly measures the neighbours.
    print(
        f"{args.records:,} records: load {loaded - start:.1f} s, parse "
        f"{parsed - loaded:.1f} s wall -> {args.records / (parsed - start):,.0f} records/s; "
        f"{cpu:.1f} s CPU -> {args.records / cpu:,.0f} records/CPU-s "
        f"({len(papers):,} papers kept)"
    )


if __name__ == "__main__":
    main()
