"""Project settings: config loader, hooks. See Kedro's settings.py reference."""

from kedro.config import OmegaConfigLoader

from dl_geography.hooks import DemoWorldHook, ParameterContractHook, RunLedgerHook

HOOKS = (ParameterContractHook(), RunLedgerHook(), DemoWorldHook())

CONFIG_LOADER_CLASS = OmegaConfigLoader
CONFIG_LOADER_ARGS = {
    "base_env": "base",
    "default_run_env": "local",
    # An environment overrides single keys (geography.data.year_source) and leaves their
    # siblings from conf/base, instead of replacing the whole top-level key.
    "merge_strategy": {"parameters": "soft"},
}
