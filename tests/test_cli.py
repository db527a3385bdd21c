"""The command line: a misspelt pipeline in one line, a plain log when piped, no
dependency deprecation warnings."""

import io
import logging
import subprocess
import sys
import warnings
from pathlib import Path

from kedro.config import OmegaConfigLoader
from kedro.logging import RichHandler

from dl_geography.cli import pipeline_names, report_path, unknown_pipeline_message
from dl_geography.logs import plain_log_when_piped, quiet_dependency_warnings
from dl_geography.settings import CONFIG_LOADER_ARGS
from tests.conftest import PROJECT_ROOT

KEDRO = Path(sys.executable).with_name("kedro")


def test_unknown_pipeline_is_one_line_listing_the_pipelines():
    assert pipeline_names()[:3] == ["ingestion", "enrichment", "topic_modelling"]
    assert unknown_pipeline_message(["geography", "__default__"]) is None
    message = unknown_pipeline_message(["geografy"])
    assert message.startswith("unknown pipeline geografy; pipelines are: ingestion, ")
    assert "reporting" in message


def test_kedro_run_with_a_misspelt_pipeline_prints_one_line():
    done = subprocess.run(
        [str(KEDRO), "run", "--pipelines", "geografy"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={
            "KEDRO_DISABLE_TELEMETRY": "true",
            "PATH": "/usr/bin:/bin",
            "PYTHONPATH": str(PROJECT_ROOT / "src"),
        },
    )
    assert done.returncode == 2
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert lines[-1].startswith("unknown pipeline geografy; pipelines are: ingestion")
    assert "Traceback" not in done.stderr + done.stdout
    assert "register_new_resolver" not in done.stderr + done.stdout


def test_report_path_follows_the_environment():
    conf = str(PROJECT_ROOT / "conf")
    assert report_path("base", conf) == Path("data/08_reporting/report.html")
    assert report_path("sample", conf) == Path("data/sample/08_reporting/report.html")


def test_piped_log_is_plain_and_unwrapped():
    root = logging.getLogger()
    saved = list(root.handlers)
    try:
        root.handlers = [RichHandler()]
        stream = io.StringIO()
        assert plain_log_when_piped(stream)
        assert not any(isinstance(h, RichHandler) for h in root.handlers)
        logging.getLogger("dl_geography.test").warning("x" * 200)
        lines = stream.getvalue().splitlines()
        assert len(lines) == 1 and lines[0].endswith("x" * 200)
    finally:
        root.handlers = saved


def test_dependency_deprecation_warnings_are_quiet():
    quiet_dependency_warnings()
    with warnings.catch_warnings(record=True) as caught:
        warnings.filterwarnings("default")
        quiet_dependency_warnings()
        args = {k: v for k, v in CONFIG_LOADER_ARGS.items() if k != "default_run_env"}
        OmegaConfigLoader(str(PROJECT_ROOT / "conf"), env="base", **args)["parameters"]
    assert not [w for w in caught if "register_new_resolver" in str(w.message)]
