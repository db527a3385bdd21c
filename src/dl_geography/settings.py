"""Project settings: config loader, hooks. See Kedro's settings.py reference."""

from kedro.config import OmegaConfigLoader

from dl_geography.hooks import (
    DaskClusterHook,
    DemoWorldHook,
    ParameterContractHook,
    RunLedgerHook,
)
from dl_geography.technology import technology_field

HOOKS = (ParameterContractHook(), RunLedgerHook(), DemoWorldHook(), DaskClusterHook())

CONFIG_LOADER_CLASS = OmegaConfigLoader
CONFIG_LOADER_ARGS = {
    "base_env": "base",
    "default_run_env": "local",
    # An environment overrides one key and keeps its siblings (conf/sample, conf/real).
    "merge_strategy": {"parameters": "soft"},
    # ${technology:FIELD}: a field of the chosen technology preset (parameters_technologies.yml)
    "custom_resolvers": {"technology": technology_field},
}
