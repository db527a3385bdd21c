"""``python -m dl_geography.sources <source> [options]``: fetch one real source.

Each command prints its progress (records, pages, rate, ETA, what it skipped) to stderr and
writes under ``--raw-root`` (default: ``raw_root`` of conf/real/globals.yml), where
``kedro run --env real`` reads. Defaults come from conf/real/parameters_sources.yml, read
by Kedro's config loader (``--conf-source``, ``--env``); options override them. See
docs/real_data.md.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import zipfile
from pathlib import Path

from . import arxiv_atom, arxiv_oai, crunchbase, geonames, natural_earth, openalex, ror
from .http import HTTPFailure, PoliteSession
from .progress import Progress, download_progress

logger = logging.getLogger("dl_geography.sources")
CONF_SOURCE = Path("conf")
ENV = "real"


def load_settings(conf_source: Path = CONF_SOURCE, env: str = ENV) -> dict:
    """The ``sources`` parameters and ``raw_root`` of ``env``, read by Kedro's config loader.

    The same loader as ``kedro run --env real`` (interpolation, resolvers, ``conf/base``
    under ``conf/<env>``), so the command and the pipelines read one configuration; each
    value is written once, in ``conf/real/parameters_sources.yml`` and ``globals.yml``.
    """
    from kedro.config import OmegaConfigLoader

    from dl_geography.settings import CONFIG_LOADER_ARGS

    args = {k: v for k, v in CONFIG_LOADER_ARGS.items() if k != "default_run_env"}
    loader = OmegaConfigLoader(str(conf_source), env=env, **args)
    sources = loader["parameters"].get("sources")
    if not sources:
        raise ValueError(
            f"no `sources` parameters in {conf_source}/{env} (conf/real/parameters_sources.yml)"
        )
    return {**sources, "raw_root": loader["globals"]["raw_root"]}


def _session(args, interval: float, cache: Path | None = None) -> PoliteSession:
    return PoliteSession(
        min_interval=args.interval if args.interval is not None else interval,
        timeout=(10.0, args.timeout),
        max_retries=args.max_retries,
        cache_dir=cache,
        secret_params=("api_key",),
    )


def cmd_arxiv(args) -> int:
    root = args.raw_root / "arxiv"
    harvest_dir = args.harvest_dir or root / "oai"
    if args.action == "list-sets":
        with _session(args, args.settings["arxiv"]["interval_seconds"]) as session:
            for spec, name in arxiv_oai.list_sets(session, args.endpoint):
                print(f"{spec}\t{name}")
        return 0
    if args.action == "harvest":
        with _session(args, args.settings["arxiv"]["interval_seconds"]) as session:
            for summary in arxiv_oai.harvest(
                session,
                harvest_dir,
                args.sets,
                metadata_prefix=args.metadata_prefix,
                from_=args.from_,
                until=args.until,
                endpoint=args.endpoint,
                max_pages=args.max_pages,
            ):
                state = "complete" if summary["complete"] else "paused (run again to resume)"
                print(
                    f"{summary['set']}: {summary['records']:,} records, "
                    f"{summary['deleted']:,} deleted, max datestamp "
                    f"{summary['max_datestamp']} -- {state}",
                    file=sys.stderr,
                )
        if args.no_export:
            return 0
    if args.action in ("harvest", "export"):
        keep = None if args.all_categories else arxiv_oai.DEFAULT_KEEP_CATEGORIES
        records, counts = arxiv_oai.read_harvest(harvest_dir, keep_categories=keep)
        output = args.output or root / "arxiv-metadata-oai-snapshot.json"
        written = arxiv_oai.write_snapshot(records, output)
        print(
            f"wrote {written:,} records to {output}; read {counts['records_read']:,} from "
            f"{counts['pages']:,} pages, skipped {counts['duplicates']:,} older duplicates, "
            f"{counts['deleted']:,} deleted, {counts['outside_categories']:,} outside "
            "cs.*/stat.ML",
            file=sys.stderr,
        )
        return 0
    if args.action == "api":
        if not (args.id_list or args.search_query):
            raise SystemExit("arxiv api needs --id-list or --search-query")
        with _session(args, args.settings["arxiv"]["interval_seconds"]) as session:
            records = arxiv_atom.query(
                session,
                search_query=args.search_query or "",
                id_list=args.id_list or (),
                max_results=args.max_results,
                api_url=args.api_url,
            )
        output = args.output or root / "arxiv-api-records.json"
        written = arxiv_oai.write_snapshot(records, output)
        print(f"wrote {written:,} records to {output}", file=sys.stderr)
        return 0
    raise SystemExit(f"unknown action {args.action}")


def cmd_openalex(args) -> int:
    key = openalex.load_api_key(args.credentials)
    papers_file = args.papers or args.raw_root / "arxiv" / "arxiv-metadata-oai-snapshot.json"
    papers = openalex.papers_from_snapshot(papers_file, limit=args.limit)
    title_search = args.settings["openalex"]["title_search"] and not args.no_title_search
    estimate = openalex.estimate_cost(papers, args.batch_size, title_search)
    print(f"{len(papers):,} papers from {papers_file}", file=sys.stderr)
    print(estimate.describe(), file=sys.stderr)
    if estimate.usd_max > args.budget_usd and not args.yes:
        print(
            f"the upper estimate exceeds --budget-usd {args.budget_usd:.2f}: rerun with "
            "--yes to go ahead (cached calls cost nothing; a run interrupted by the daily "
            "limit continues where it stopped), or --no-title-search, or --limit",
            file=sys.stderr,
        )
        return 2
    cache = args.cache_dir or args.raw_root / "openalex" / "http_cache"
    with _session(args, args.settings["openalex"]["interval_seconds"], cache=cache) as session:
        client = openalex.OpenAlexClient(session, key, api_url=args.api_url)
        progress = Progress("OpenAlex", total=len(papers))
        works, lookups = openalex.fetch_works(
            client, papers, batch_size=args.batch_size, title_search=title_search, progress=progress
        )
        print(
            f"calls made: {client.calls} (cache hits {session.stats['cache_hits']:,}); "
            f"budget left today: {client.budget_remaining}",
            file=sys.stderr,
        )
    output = args.output or args.raw_root / "openalex" / "works.jsonl"
    written = openalex.write_works(works, output)
    lookup_path = output.with_name("lookups.jsonl")
    with open(lookup_path, "w", encoding="utf-8") as out:
        out.writelines(json.dumps(row) + "\n" for row in lookups)
    print(
        f"wrote {written:,} works to {output}; per-paper methods in {lookup_path}", file=sys.stderr
    )
    return 0


def cmd_ror(args) -> int:
    dest = args.raw_root / "ror"
    with _session(args, args.settings["http"]["downloads_interval_seconds"]) as session:
        path = ror.fetch_dump(session, dest, args.source, progress=download_progress("ROR dump"))
    note = json.loads((dest / "ror-data.release.json").read_text())
    print(
        f"ROR release {note['release']} at {path} (reads member {note['member']}, "
        f"schema {note['schema']})",
        file=sys.stderr,
    )
    if args.grid_map:
        mapping = ror.grid_to_ror(ror.load_records(path))
        out = dest / "grid_to_ror.csv"
        mapping.to_csv(out, index=False)
        print(f"wrote {len(mapping):,} GRID -> ROR pairs to {out}", file=sys.stderr)
    return 0


def cmd_natural_earth(args) -> int:
    dest = args.raw_root / "natural_earth"
    with _session(args, args.settings["http"]["downloads_interval_seconds"]) as session:
        paths = natural_earth.fetch_layers(
            session, dest, tuple(args.layers), progress=download_progress
        )
    for layer, path in paths.items():
        info = natural_earth.check_layer(path, layer)
        print(
            f"{layer}: {path} ({info['features']:,} features, {info['geometry_type']})",
            file=sys.stderr,
        )
    return 0


def cmd_geonames(args) -> int:
    dest = args.raw_root / "geonames"
    with _session(args, args.settings["http"]["downloads_interval_seconds"]) as session:
        out = geonames.fetch_cities(session, dest, args.cities, progress=download_progress)
    print(f"wrote {out}", file=sys.stderr)
    return 0


def cmd_crunchbase(args) -> int:
    dest = args.raw_root / "crunchbase"
    if args.export_dir is None:
        print(crunchbase.INSTRUCTIONS, file=sys.stderr)
        try:
            crunchbase.check_export(dest)
            print(f"an export is already installed in {dest}", file=sys.stderr)
            return 0
        except (FileNotFoundError, ValueError) as problem:
            print(f"not installed yet: {problem}".splitlines()[0], file=sys.stderr)
            return 1
    paths = crunchbase.install_export(args.export_dir, dest, link=args.link)
    for name, path in paths.items():
        print(f"{name} -> {path}", file=sys.stderr)
    return 0


def build_parser(settings: dict | None = None) -> argparse.ArgumentParser:
    settings = settings or load_settings()
    ax_conf, oa_conf, http_conf = settings["arxiv"], settings["openalex"], settings["http"]
    parser = argparse.ArgumentParser(
        prog="python -m dl_geography.sources", description=__doc__.split("\n\n")[0]
    )
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--conf-source",
        type=Path,
        default=CONF_SOURCE,
        help="configuration folder (default: %(default)s)",
    )
    common.add_argument(
        "--env", default=ENV, help="its environment holding `sources` (default: %(default)s)"
    )
    common.add_argument(
        "--raw-root",
        type=Path,
        default=Path(settings["raw_root"]),
        help="where raw files go (default: %(default)s)",
    )
    common.add_argument(
        "--interval",
        type=float,
        default=None,
        help="seconds between requests (default: from the settings file)",
    )
    common.add_argument(
        "--timeout",
        type=float,
        default=http_conf["timeout_seconds"],
        help="read timeout, seconds (default: %(default)s)",
    )
    common.add_argument("--max-retries", type=int, default=http_conf["max_retries"])
    common.add_argument("-v", "--verbose", action="store_true")
    sub = parser.add_subparsers(dest="source", required=True)

    ax = sub.add_parser("arxiv", parents=[common], help="OAI-PMH harvest / Atom API")
    ax.add_argument("action", choices=["harvest", "export", "list-sets", "api"])
    ax.add_argument("--sets", nargs="+", default=list(ax_conf["sets"]))
    ax.add_argument(
        "--metadata-prefix", default=ax_conf["metadata_prefix"], choices=["arXivRaw", "arXiv"]
    )
    ax.add_argument(
        "--from",
        dest="from_",
        help="first datestamp YYYY-MM-DD (default: resume, or continue from the last harvest)",
    )
    ax.add_argument("--until", help="last datestamp YYYY-MM-DD")
    ax.add_argument("--max-pages", type=int, help="stop after N pages (resumable)")
    ax.add_argument("--endpoint", default=ax_conf["endpoint"])
    ax.add_argument("--harvest-dir", type=Path, help="default: <raw-root>/arxiv/oai")
    ax.add_argument(
        "--output", type=Path, help="default: <raw-root>/arxiv/arxiv-metadata-oai-snapshot.json"
    )
    ax.add_argument("--no-export", action="store_true", help="harvest only")
    ax.add_argument(
        "--all-categories",
        action="store_true",
        help="export every record, not only cs.* and stat.ML",
    )
    ax.add_argument("--id-list", nargs="+", help="api: arXiv ids")
    ax.add_argument("--search-query", help="api: e.g. 'cat:cs.LG AND ti:deep'")
    ax.add_argument("--max-results", type=int, default=100)
    ax.add_argument("--api-url", default=ax_conf["api_url"])
    ax.set_defaults(func=cmd_arxiv)

    oa = sub.add_parser("openalex", parents=[common], help="works for the harvested papers")
    oa.add_argument(
        "--papers",
        type=Path,
        help="arXiv snapshot-layout JSON lines "
        "(default: <raw-root>/arxiv/arxiv-metadata-oai-snapshot.json)",
    )
    oa.add_argument("--limit", type=int, default=0, help="only the first N papers")
    oa.add_argument("--credentials", type=Path, default=Path("conf/local/credentials.yml"))
    oa.add_argument("--output", type=Path, help="default: <raw-root>/openalex/works.jsonl")
    oa.add_argument("--cache-dir", type=Path)
    oa.add_argument("--batch-size", type=int, default=oa_conf["batch_size"])
    oa.add_argument("--no-title-search", action="store_true")
    oa.add_argument("--budget-usd", type=float, default=oa_conf["budget_usd"])
    oa.add_argument("--yes", action="store_true", help="go ahead above the budget")
    oa.add_argument("--api-url", default=oa_conf["api_url"])
    oa.set_defaults(func=cmd_openalex)

    rr = sub.add_parser("ror", parents=[common], help="ROR data dump")
    rr.add_argument("--source", help="zip path or URL (default: newest release on Zenodo)")
    rr.add_argument("--grid-map", action="store_true", help="also write grid_to_ror.csv")
    rr.set_defaults(func=cmd_ror)

    ne = sub.add_parser("natural-earth", parents=[common], help="admin-0/1 boundaries")
    ne.add_argument(
        "--layers", nargs="+", default=["admin0", "admin1"], choices=sorted(natural_earth.LAYERS)
    )
    ne.set_defaults(func=cmd_natural_earth)

    gn = sub.add_parser("geonames", parents=[common], help="GeoNames cities table")
    gn.add_argument("--cities", default=settings["geonames"]["cities"], choices=geonames.CITY_FILES)
    gn.set_defaults(func=cmd_geonames)

    cb = sub.add_parser("crunchbase", parents=[common], help="install your bulk export")
    cb.add_argument("--export-dir", type=Path, help="folder holding organizations.csv")
    cb.add_argument("--link", action="store_true", help="symlink instead of copying")
    cb.set_defaults(func=cmd_crunchbase)
    return parser


def main(argv: list[str] | None = None) -> int:
    pre = argparse.ArgumentParser(add_help=False)
    pre.add_argument("--conf-source", type=Path, default=CONF_SOURCE)
    pre.add_argument("--env", default=ENV)
    known = pre.parse_known_args(argv)[0]
    try:
        settings = load_settings(known.conf_source, known.env)
    except ValueError as problem:
        print(f"error: {problem}", file=sys.stderr)
        return 1
    args = build_parser(settings).parse_args(argv)
    args.settings = settings
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    try:
        return args.func(args)
    except (
        HTTPFailure,
        openalex.MissingAPIKey,
        arxiv_oai.OAIError,
        arxiv_oai.HarvestLoopError,
        arxiv_oai.IncompleteHarvestError,
        FileNotFoundError,
        ValueError,
        zipfile.BadZipFile,
    ) as problem:
        print(f"error: {problem}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
