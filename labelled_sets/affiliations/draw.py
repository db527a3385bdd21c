"""Draw the affiliation strings of the hand-labelled matching set (issue 14).

Rule: read every authorship of `../shared/data/openalex/arxiv_with_openalex_affiliations_520.jsonl`,
take the distinct affiliation strings (whitespace collapsed, case kept), sort them, and draw
340 without replacement with ``numpy.random.default_rng(20261203)``. The first half of the drawn
order is the development part, the second half the test part (``sample.csv``).

    python labelled_sets/affiliations/draw.py ../shared/data/openalex/arxiv_with_openalex_affiliations_520.jsonl
"""

import ast
import csv
import json
import sys
from pathlib import Path

import numpy as np

SIZE = 340
SEED = 20261203


def distinct_strings(source: str) -> list[str]:
    strings = set()
    with open(source, encoding="utf-8") as handle:
        for line in handle:
            value = json.loads(line).get("author_affiliations")
            if not value or value == "None":
                continue
            rows = value if isinstance(value, list) else ast.literal_eval(value)
            for row in rows:
                text = " ".join(str(row.get("affiliation") or "").split())
                if text:
                    strings.add(text)
    return sorted(strings)


def main(source: str) -> None:
    strings = distinct_strings(source)
    drawn = np.random.default_rng(SEED).choice(len(strings), size=SIZE, replace=False)
    with open(Path(__file__).parent / "sample.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["affiliation", "split"])
        for rank, index in enumerate(drawn):
            writer.writerow([strings[index], "dev" if rank < SIZE // 2 else "test"])
    print(f"{len(strings)} distinct strings, {SIZE} drawn")


if __name__ == "__main__":
    main(sys.argv[1])
