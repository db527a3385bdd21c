"""Does fitting CorEx on a sample change the DL labels? Fit on all documents and on samples.

    python benchmarks/corex_sample.py --project DIR [--sizes 0,50000] [--env base]
                                      [--params demo_world.n_papers=100000]

``DIR`` is a project folder whose topic_modelling pipeline has run once (e.g. left by
``benchmarks/chain.py --papers 100000 --project DIR``). For each size (``0``: every
document, as the study) it reruns ``train_corex_model`` through ``choose_paper_labels``
with ``topic_modelling.corex.max_documents`` set to it, and keeps the labels. Prints one
JSON line per size (CPU s of the run, DL share, documents fitted) and, for each sample,
its agreement with the fit on all documents: share of papers with the same label, Cohen's
kappa, and the precision / recall of the sample's DL label taking the full fit's as truth.
"""

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
from sklearn.metrics import cohen_kappa_score, precision_score, recall_score

LABELS = Path("data/07_model_output/paper_labels.parquet")


def labels_at(project: Path, size: int, env: str, params: str) -> tuple[pd.Series, float]:
    command = [
        sys.executable,
        "-m",
        "kedro",
        "run",
        "--env",
        env,
        "--pipelines",
        "topic_modelling",
        "--from-nodes",
        "train_corex_model",
        "--to-nodes",
        "choose_paper_labels",
        "--params",
        ",".join(filter(None, [f"topic_modelling.corex.max_documents={size}", params])),
    ]
    process = subprocess.Popen(
        command,
        cwd=project,
        env=dict(os.environ, PYTHONPATH=str(project / "src"), KEDRO_DISABLE_TELEMETRY="true"),
    )
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed")
    labels = pd.read_parquet(project / LABELS, columns=["paper_id", "is_dl"])
    return labels.set_index("paper_id")["is_dl"].astype(bool), usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, required=True)
    parser.add_argument("--sizes", default="0,50000", help="documents fitted; 0 = all, first")
    parser.add_argument("--env", default="base")
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        help="also write the JSON lines here (benchmarks/results/)",
    )
    parser.add_argument(
        "--params",
        default="",
        help="other --params of the runs, e.g. demo_world.n_papers=100000 (the "
        "world chain.py made, so the demo-world hook keeps it)",
    )
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    runs, lines = {}, []

    def emit(row: dict) -> None:
        lines.append(json.dumps(row))
        print(lines[-1], flush=True)

    for size in sizes:
        labels, cpu = labels_at(args.project, size, args.env, args.params)
        runs[size] = labels
        emit(
            {
                "max_documents": size,
                "cpu_s": round(cpu, 1),
                "papers": len(labels),
                "dl_share": round(float(labels.mean()), 4),
            }
        )
    reference = runs[sizes[0]]
    for size in sizes[1:]:
        sample = runs[size].reindex(reference.index)
        emit(
            {
                "max_documents": size,
                "against": sizes[0],
                "agreement": round(float((sample == reference).mean()), 4),
                "cohen_kappa": round(float(cohen_kappa_score(reference, sample)), 4),
                "precision": round(float(precision_score(reference, sample)), 4),
                "recall": round(float(recall_score(reference, sample)), 4),
            }
        )
    if args.out:
        args.out.write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
