"""Benchmark: CPU and wall seconds of the weak-supervision labeller on the real arXiv sample.

Reads ``../shared/data``'s 66k real 2025-26 abstracts with the ingestion reader, then runs
the labelling nodes of topic_modelling (resolve the preset, rules + TF-IDF + logistic
regression, the final label) with the base parameters and ``labelling.method:
weak_supervision``, as the ``sample`` environment does. Prints one JSON line per stage and
one for the whole labelling: CPU seconds (this process, all threads), wall seconds, peak RSS.

    .venv/bin/python benchmarks/labelling.py                       # deep_learning, all papers
    .venv/bin/python benchmarks/labelling.py --technology large_language_models --papers 20000
"""

import argparse
import json
import resource
import sys
import time
from pathlib import Path

import pandas as pd
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from topic_modelling import PROJECT, load_papers  # the benchmarks' own reader


def main() -> None:
    from dl_geography.pipelines.topic_modelling.labelling import (
        choose_paper_labels,
        resolve_technology_definition,
        score_by_weak_supervision,
    )

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=0, help="0 = every paper of the sample")
    parser.add_argument("--technology", default="deep_learning")
    args = parser.parse_args()
    papers = load_papers(args.papers, Path("/tmp"), 0, real=True)
    conf = PROJECT / "conf" / "base"
    params = yaml.safe_load((conf / "parameters_topic_modelling.yml").read_text())
    params = params["topic_modelling"]
    params["labelling"]["method"] = "weak_supervision"
    presets = yaml.safe_load((conf / "parameters_technologies.yml").read_text())["technologies"]
    stages, start_cpu, start_wall = [], time.process_time(), time.perf_counter()

    def timed(name, func, *inputs):
        cpu, wall = time.process_time(), time.perf_counter()
        result = func(*inputs)
        stages.append(
            {
                "stage": name,
                "cpu_s": round(time.process_time() - cpu, 2),
                "wall_s": round(time.perf_counter() - wall, 2),
            }
        )
        return result

    definition = timed(
        "resolve_technology_definition", resolve_technology_definition, args.technology, presets
    )
    scores = timed(
        "score_by_weak_supervision", score_by_weak_supervision, papers, definition, params
    )
    empty = pd.DataFrame({"paper_id": [], "is_dl": [], "is_dl_strict": []})
    labels = timed("choose_paper_labels", choose_paper_labels, empty, scores, definition, params)
    for stage in stages:
        print(json.dumps(stage))
    print(
        json.dumps(
            {
                "stage": "labelling",
                "technology": args.technology,
                "n_papers": len(papers),
                "share_labelled": round(float(labels["is_technology"].mean()), 4),
                "cpu_s": round(time.process_time() - start_cpu, 2),
                "wall_s": round(time.perf_counter() - start_wall, 2),
                "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            }
        )
    )


if __name__ == "__main__":
    main()
