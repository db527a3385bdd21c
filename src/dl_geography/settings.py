"""Project settings: config loader, hooks. See Kedro's settings.py reference."""

from kedro.config import OmegaConfigLoader

from dl_geography.hooks import DemoWorldHook

HOOKS = (DemoWorldHook(),)

CONFIG_LOADER_CLASS = OmegaConfigLoader
CONFIG_LOADER_ARGS = {
    "base_env": "base",
    "default_run_env": "local",
    # An environment overrides one key and keeps its siblings (conf/sample, conf/real).
    "merge_strategy": {"parameters": "soft"},
}
