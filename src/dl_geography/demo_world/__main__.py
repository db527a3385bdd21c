"""``python -m dl_geography.demo_world --n-papers 20000 --seed 1 --out DIR``."""

import argparse
import logging
import time
from pathlib import Path

from dl_geography.demo_world import ensure_demo_world
from dl_geography.demo_world.world import DEFAULTS


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description="Generate the dl-geography demo world.")
    parser.add_argument("--n-papers", type=int, default=DEFAULTS["n_papers"])
    parser.add_argument("--seed", type=int, default=DEFAULTS["seed"])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument(
        "--interaction", type=float, default=None, help="effects.interaction (0 = placebo world)"
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO)
    settings = {}
    if args.interaction is not None:
        settings["effects"] = {"interaction": args.interaction}
    started = time.perf_counter()
    ensure_demo_world(args.out, n_papers=args.n_papers, seed=args.seed, **settings)
    elapsed = time.perf_counter() - started
    print(
        f"{args.n_papers} papers in {elapsed:.1f} s ({args.n_papers / elapsed:,.0f} papers/s)"
        f" -> {args.out}"
    )


if __name__ == "__main__":
    main()
