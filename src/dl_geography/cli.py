"""The project's ``kedro run``: Kedro's own, with the pipeline names checked first (one
line, no traceback, for a misspelt name), a plain log when piped, and the path of the
report said at the end.

Kedro picks this ``run`` up for ``kedro run`` and ``python -m dl_geography`` alike.
"""

import sys
from importlib import resources
from pathlib import Path

import click
from kedro.config import OmegaConfigLoader
from kedro.framework.cli.project import run as kedro_run

from dl_geography.logs import plain_log_when_piped
from dl_geography.pipeline_registry import PIPELINE_ORDER

REPORT_DATASET = "report"


@click.group(name="dl_geography")
def cli():
    """Commands of the dl-geography project."""


def pipeline_names() -> list[str]:
    """The registered pipelines (one per folder of ``pipelines/``), in the chain's order."""
    folder = resources.files("dl_geography.pipelines")
    found = {p.name for p in folder.iterdir() if p.is_dir() and p.joinpath("__init__.py").is_file()}
    return [n for n in PIPELINE_ORDER if n in found] + sorted(found - set(PIPELINE_ORDER))


def unknown_pipeline_message(requested: list[str]) -> str | None:
    """``unknown pipeline X; pipelines are: ...`` when a requested name is not registered."""
    known = pipeline_names()
    unknown = [name for name in requested if name not in known and name != "__default__"]
    if not unknown:
        return None
    return f"unknown pipeline {', '.join(unknown)}; pipelines are: {', '.join(known)}"


def report_path(env: str | None, conf_source: str | None) -> Path | None:
    """Where the run's environment writes the report (the catalog's ``report`` entry)."""
    loader = OmegaConfigLoader(
        conf_source or str(Path.cwd() / "conf"), base_env="base", default_run_env=env or "local"
    )
    entry = loader["catalog"].get(REPORT_DATASET) or {}
    return Path(entry["filepath"]) if "filepath" in entry else None


def _run(**kwargs):
    requested = list(kwargs.get("pipelines") or [])
    if kwargs.get("pipeline"):
        requested.append(kwargs["pipeline"])
    message = unknown_pipeline_message(requested)
    if message:
        click.echo(message, err=True)
        sys.exit(2)
    plain_log_when_piped()
    result = kedro_run.callback(**kwargs)
    if not requested or "reporting" in requested or "__default__" in requested:
        path = report_path(kwargs.get("env"), kwargs.get("conf_source"))
        if path is not None and path.is_file():
            click.echo(f"Report: {path.resolve()}")
    return result


cli.add_command(
    click.Command(
        "run",
        params=kedro_run.params,
        callback=_run,
        help=kedro_run.help,
        short_help=kedro_run.short_help,
    )
)
