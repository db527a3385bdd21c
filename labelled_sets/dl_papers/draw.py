"""Draw the papers of the hand-labelled DL set from the real arXiv sample (issue 13).

Rule: read `../shared/data/arxiv/daily_arxiv_cs_2025-03_2026-08_all.jsonl.gz`, keep one
record per id, split into two strata (``ml``: any category in cs.LG, cs.CV, cs.CL, cs.AI,
cs.NE, stat.ML; ``other``: none of them), sort each stratum by id, and draw 260 (ml) and
180 (other) ids without replacement with ``numpy.random.default_rng(20261203)``. Within each
stratum the first half of the drawn order is the development part, the second half the test
part. The texts go to a working file for the labellers; only ids, strata and splits are
committed (``sample.csv``).

    python labelled_sets/dl_papers/draw.py ../shared/data/arxiv/daily_arxiv_cs_2025-03_2026-08_all.jsonl.gz OUT.jsonl
"""

import ast
import gzip
import json
import sys
from pathlib import Path

import numpy as np

ML_CATEGORIES = {"cs.LG", "cs.CV", "cs.CL", "cs.AI", "cs.NE", "stat.ML"}
SIZES = {"ml": 260, "other": 180}
SEED = 20261203


def _categories(value) -> list[str]:
    if isinstance(value, list):
        return value
    value = str(value).strip()
    return list(ast.literal_eval(value)) if value.startswith("[") else value.split()


def main(source: str, texts_out: str) -> None:
    records = {}
    with gzip.open(source, "rt", encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            records.setdefault(record["id"], record)
    strata = {"ml": [], "other": []}
    for paper_id in sorted(records):
        cats = set(_categories(records[paper_id]["categories"]))
        strata["ml" if cats & ML_CATEGORIES else "other"].append(paper_id)
    rng = np.random.default_rng(SEED)
    rows = []
    for stratum, size in SIZES.items():
        drawn = rng.choice(len(strata[stratum]), size=size, replace=False)
        for rank, index in enumerate(drawn):
            split = "dev" if rank < size // 2 else "test"
            rows.append((strata[stratum][index], stratum, split))
    here = Path(__file__).parent
    with open(here / "sample.csv", "w", encoding="utf-8") as handle:
        handle.write("paper_id,stratum,split\n")
        handle.writelines(f"{pid},{stratum},{split}\n" for pid, stratum, split in rows)
    with open(texts_out, "w", encoding="utf-8") as handle:
        for pid, stratum, _ in rows:
            rec = records[pid]
            text = {
                "paper_id": pid,
                "stratum": stratum,
                "categories": _categories(rec["categories"]),
                "title": " ".join(rec["title"].split()),
                "abstract": " ".join(rec["abstract"].split()),
            }
            handle.write(json.dumps(text, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
