"""The project's parameters as a run sees them (defaults live in conf/base YAML only)."""

import copy
from functools import cache
from pathlib import Path

from kedro.config import OmegaConfigLoader

from dl_geography.settings import CONFIG_LOADER_ARGS

CONF = Path(__file__).resolve().parents[1] / "conf"


@cache
def _load(env: str) -> dict:
    args = {k: v for k, v in CONFIG_LOADER_ARGS.items() if k != "default_run_env"}
    return OmegaConfigLoader(str(CONF), env=env, **args)["parameters"]


def conf_parameters(env: str = "base") -> dict:
    """A fresh copy of the merged parameters of ``env`` (interpolations resolved)."""
    return copy.deepcopy(_load(env))
