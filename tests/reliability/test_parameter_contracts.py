"""Parameters as contracts: a bad value stops the run before any node, in one line (15.3)."""

import copy
import os
import shutil
import subprocess
import sys

import pytest

from dl_geography.parameters import ParameterError, validate_parameters
from tests.conftest import PROJECT_ROOT, KedroProject
from tests.params import conf_parameters

_parameters = conf_parameters


def _with(params: dict, key: str, value) -> dict:
    out = copy.deepcopy(params)
    *path, last = key.split(".")
    node = out
    for part in path:
        node = node[part]
    node[last] = value
    return out


@pytest.mark.parametrize("env", ["base", "sample", "real"])
def test_every_environment_meets_the_contract(env):
    validate_parameters(_parameters(env))


@pytest.mark.parametrize(
    ("key", "value", "allowed"),
    [
        ("topic_modelling.gamma", -0.5, ">= 0"),
        ("topic_modelling.gamma", 1.5, "<= 1"),
        ("topic_modelling.gamma", "abc", "<= 1"),
        ("topic_modelling.corex.n_topics", -3, ">= 1"),
        ("drivers.confidence_level", 1.5, "< 1"),
        ("geography.moving_average_window", 0, ">= 1"),
        ("geography.break_year", 3000, "<= "),
        ("enrichment_affiliations.fuzzy_threshold", -0.2, ">= 0"),
        ("geography.concentration_country", "XX", "unknown country"),
        ("geography.highly_cited_quantile", 1.5, "< 1"),
        ("geography.counting", "half", "'full', 'fractional'"),
    ],
)
def test_a_bad_value_names_key_value_and_range_in_one_line(key, value, allowed):
    with pytest.raises(ParameterError) as error:
        validate_parameters(_with(_parameters(), key, value))
    message = str(error.value)
    assert message.startswith(f"{key}={value!r}") and allowed in message
    assert "\n" not in message


def test_unknown_and_missing_keys_are_refused():
    params = _with(_parameters(), "geography.moving_avg_window", 3)
    del params["geography"]["top_regions"]
    with pytest.raises(ParameterError) as error:
        validate_parameters(params)
    assert "geography.top_regions: missing" in str(error.value)
    assert "geography.moving_avg_window=3: unknown parameter" in str(error.value)


def test_an_override_of_one_geography_key_keeps_its_siblings():
    """Soft merge: conf/sample overrides geography.data alone, the rest comes from base."""
    sample = _parameters("sample")
    assert sample["geography"]["data"]["year_source"] == "arxiv"
    assert sample["geography"]["counting"] == _parameters()["geography"]["counting"]
    assert sample["geography"]["data"]["require_published"] is False
    assert sample["drivers"]["subject_models"]["rca_citation_filter"] == "all"


def test_drivers_copies_of_geography_choices_must_agree():
    with pytest.raises(ParameterError, match="override both together"):
        validate_parameters(_with(_parameters(), "geography.break_year", 2014))


def test_kedro_run_with_a_bad_gamma_stops_before_any_node(tmp_path):
    project = KedroProject(tmp_path)
    shutil.copytree(
        PROJECT_ROOT / "src",
        project.root / "src",  # the CLI looks for it
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    env = {**os.environ, "KEDRO_DISABLE_TELEMETRY": "true", "MPLBACKEND": "Agg", "COLUMNS": "500"}
    done = subprocess.run(
        [sys.executable, "-m", "kedro", "run", "--params", "topic_modelling.gamma=abc"],
        cwd=project.root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode != 0
    assert "ParameterError: topic_modelling.gamma='abc'" in done.stdout + done.stderr
    assert not (project.root / "data").exists()  # no demo world, no node output
