"""Peak memory and CPU of reading OpenAlex works: the raw lines, then their parse.

    python benchmarks/openalex_memory.py data/01_raw/demo/openalex/works.jsonl

Loads the file through ``JSONLinesDataset`` and parses it with ``parse_openalex_works``,
printing the process's peak resident memory after each step and the parse's CPU seconds.
"""

import argparse
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from dl_geography.datasets import JSONLinesDataset
from dl_geography.pipelines.ingestion.openalex import parse_openalex_works


def peak_gb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20  # KiB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("works", type=Path, help="an OpenAlex works .jsonl(.gz) file")
    args = parser.parse_args()
    raw = JSONLinesDataset(filepath=str(args.works)).load()
    loaded = peak_gb()
    started = time.process_time()
    works, authorships, _ = parse_openalex_works(raw)
    print(
        f"{len(raw):,} lines -> {len(works):,} works, {len(authorships):,} authorships; "
        f"peak RSS {loaded:.2f} GB after the load, {peak_gb():.2f} GB after the parse; "
        f"parse {time.process_time() - started:.1f} CPU s"
    )


if __name__ == "__main__":
    main()
