"""Throughput of the demo-world generator.

    python benchmarks/generate_demo_world.py --n-papers 200000

Generates a world into a temporary folder (deleted afterwards unless --keep), prints the
time of each stage and papers per second.
"""

import argparse
import logging
import shutil
import tempfile
import time
from pathlib import Path

from dl_geography.demo_world import generate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n-papers", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, default=None, help="write the world here and keep it")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    root = Path(tempfile.mkdtemp(prefix="demo_world_bench_"))
    out = args.keep or root / "world"
    try:
        started = time.perf_counter()
        generate(out, n_papers=args.n_papers, seed=args.seed)
        elapsed = time.perf_counter() - started
        size = sum(f.stat().st_size for f in out.rglob("*") if f.is_file())
        print(
            f"{args.n_papers:,} papers in {elapsed:.1f} s: "
            f"{args.n_papers / elapsed:,.0f} papers/s, {size / 1e6:,.0f} MB written"
        )
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
