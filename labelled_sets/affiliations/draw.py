"""Draw the affiliation strings of the hand-labelled matching set (issue 14).

Rule: read every authorship of `../shared/data/openalex/arxiv_with_openalex_affiliations_520.jsonl`,
take the distinct affiliation strings (whitespace collapsed, case kept), sort them, and draw
340 without replacement with ``numpy.random.default_rng(20261203)``. The first half of the drawn
order is the development part, the second half the test part (``sample.csv``).

Second draw (stop 21): every string not drawn first, in the order of
``numpy.random.default_rng(20261204).permutation``; the first half of that order is added to
the development part, the second half to the test part. The first draw's rows and splits are
unchanged, so figures of the first draw stay comparable.

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
SECOND_SEED = 20261204


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
    rest = np.setdiff1d(np.arange(len(strings)), drawn)
    second = rest[np.random.default_rng(SECOND_SEED).permutation(len(rest))]
    rows = [(strings[i], "dev" if rank < SIZE // 2 else "test") for rank, i in enumerate(drawn)]
    rows += [
        (strings[i], "dev" if rank < len(second) // 2 else "test") for rank, i in enumerate(second)
    ]
    with open(Path(__file__).parent / "sample.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["affiliation", "split"])
        writer.writerows(rows)
    print(f"{len(strings)} distinct strings, {SIZE} + {len(second)} drawn")


if __name__ == "__main__":
    main(sys.argv[1])
